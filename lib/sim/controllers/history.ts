/**
 * ControllerRevisions, the template snapshots of StatefulSets and DaemonSets
 * (pkg/controller/history/controller_history.go, v1.32): a revision stores the template as the
 * patch `{"spec":{"template":{..., "$patch":"replace"}}}`, is named `<owner>-<hash>` and numbered
 * one above the highest existing revision. An existing revision whose template equals the
 * owner's is reused (history.FindEqualRevisions), so a rollback to an old template gets its old
 * name back with a new number, and a cluster's bootstrap revisions are adopted as they are.
 */
import type { KObject } from "../api/types";
import { cachedList } from "./informer";
import type { ControllerEnv } from "./types";
import { computeHash, createAsSystem, ownedBy, ownerReference, sameJson } from "./workload-util";

export const CONTROLLER_REVISIONS = { group: "apps", resource: "controllerrevisions" };

export type Revision = KObject & { data?: { spec?: { template?: Record<string, unknown> } }; revision?: number };

export interface RevisionRef {
  name: string;
  hash: string;
  revision: number;
}

/** The template a revision stores, without the strategic-merge directive. */
export function revisionTemplate(r: Revision): Record<string, unknown> {
  const t = { ...(r.data?.spec?.template ?? {}) };
  delete t.$patch;
  return t;
}

export function revisionsOf(env: ControllerEnv, owner: KObject): Revision[] {
  return (ownedBy(cachedList(env.api.store, CONTROLLER_REVISIONS, owner.metadata.namespace), owner) as Revision[]).sort(
    (a, b) => (a.revision ?? 0) - (b.revision ?? 0),
  );
}

/**
 * The revision of `template` (created when none matches; the highest number when an old one comes
 * back). `hashLabel` is the label the hash is stored under: controller.kubernetes.io/hash for a
 * StatefulSet, controller-revision-hash for a DaemonSet.
 */
export function revisionFor(
  env: ControllerEnv,
  owner: KObject,
  template: Record<string, unknown>,
  hashLabel: string,
  annotations?: Record<string, string>,
): RevisionRef {
  const all = revisionsOf(env, owner);
  const top = all.reduce((m, r) => Math.max(m, r.revision ?? 0), 0);
  const prefix = `${owner.metadata.name}-`;
  const ref = (r: Revision): RevisionRef => ({
    name: r.metadata.name,
    hash: r.metadata.labels?.[hashLabel] ?? r.metadata.name.slice(prefix.length),
    revision: r.revision ?? 0,
  });
  const equal = all.filter((r) => sameJson(revisionTemplate(r), template));
  if (equal.length) {
    const last = equal[equal.length - 1];
    if ((last.revision ?? 0) === top) return ref(last);
    const next = structuredClone(last);
    next.revision = top + 1;
    return ref(env.api.store.put(CONTROLLER_REVISIONS, next));
  }
  const hash = computeHash(template);
  const created = createAsSystem(env, CONTROLLER_REVISIONS, {
    apiVersion: "apps/v1",
    kind: "ControllerRevision",
    metadata: {
      name: `${prefix}${hash}`,
      uid: "",
      resourceVersion: "",
      creationTimestamp: "",
      namespace: owner.metadata.namespace,
      labels: { ...((template.metadata as { labels?: Record<string, string> } | undefined)?.labels ?? {}), [hashLabel]: hash },
      ...(annotations ? { annotations } : {}),
      ownerReferences: [ownerReference(owner)],
    },
    data: { spec: { template: { ...template, $patch: "replace" } } },
    revision: top + 1,
  });
  return ref(created);
}

/** Drops the oldest revisions no live pod uses beyond revisionHistoryLimit (truncateHistory). */
export function truncateHistory(env: ControllerEnv, owner: KObject, live: Set<string>, limit: number): void {
  const idle = revisionsOf(env, owner).filter((r) => !live.has(r.metadata.name));
  for (const r of idle.slice(0, Math.max(idle.length - limit, 0)))
    env.api.store.remove(CONTROLLER_REVISIONS, r.metadata.namespace, r.metadata.name);
}
