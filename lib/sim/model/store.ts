/** Reading and writing ClusterState.objects by resource type, in the order the apiserver lists (namespace, then name). */
import type { ClusterState, ObjectMeta } from "../types";
import type { ResourceType } from "./resources";

export type Stored = { metadata: ObjectMeta };

export function listObjects(state: ClusterState, r: ResourceType, namespace?: string): Stored[] {
  const all = state.objects[r.store] as Stored[];
  const items = r.namespaced && namespace ? all.filter((o) => o.metadata.namespace === namespace) : [...all];
  return items.sort((a, b) => {
    const na = a.metadata.namespace ?? "", nb = b.metadata.namespace ?? "";
    if (na !== nb) return na < nb ? -1 : 1;
    return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  });
}

export function getObject(state: ClusterState, r: ResourceType, name: string, namespace?: string): Stored | undefined {
  return (state.objects[r.store] as Stored[]).find((o) => o.metadata.name === name && (!r.namespaced || o.metadata.namespace === namespace));
}

export function removeObject(state: ClusterState, r: ResourceType, name: string, namespace?: string): boolean {
  const list = state.objects[r.store] as Stored[];
  const i = list.findIndex((o) => o.metadata.name === name && (!r.namespaced || o.metadata.namespace === namespace));
  if (i < 0) return false;
  list.splice(i, 1);
  return true;
}

export function nextResourceVersion(state: ClusterState): string {
  state.resourceVersion += 1;
  return String(state.resourceVersion);
}
