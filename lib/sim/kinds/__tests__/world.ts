/**
 * Test support: a small in-memory world of objects for describers (a DescribeContext) and for
 * the fake API server that real kubectl reads from. Objects are addressed by the discovery
 * entries of the kinds under test plus stub entries for api-core's kinds the describers read
 * (pods, services, nodes, events are stubs only when their KindDef is not passed).
 */
import type { GroupResource, KObject } from "../../api/types";
import type { DescribeContext, KindDef, ResourceInfo } from "../types";
import { STANDARD_VERBS } from "../types";
import { selectorMatchesString } from "./selector-parse";

const stub = (resource: string, kind: string, namespaced: boolean, group = "", shortNames: string[] = []): ResourceInfo => ({
  group,
  version: "v1",
  kind,
  resource,
  singular: kind.toLowerCase(),
  shortNames,
  namespaced,
  verbs: [...STANDARD_VERBS],
});

/** api-core's kinds as discovery entries, so kubectl can resolve what describers read. */
export const CORE_STUBS: ResourceInfo[] = [
  stub("pods", "Pod", true, "", ["po"]),
  stub("services", "Service", true, "", ["svc"]),
  stub("nodes", "Node", false, "", ["no"]),
  stub("namespaces", "Namespace", false, "", ["ns"]),
  stub("secrets", "Secret", true),
  stub("serviceaccounts", "ServiceAccount", true, "", ["sa"]),
];

export interface World {
  kinds: KindDef[];
  infos: ResourceInfo[];
  objects: KObject[];
}

export function makeWorld(kinds: KindDef[], objects: KObject[]): World {
  const infos = [...kinds.map((k) => k.resource)];
  for (const s of CORE_STUBS) if (!infos.some((i) => i.group === s.group && i.resource === s.resource)) infos.push(s);
  return { kinds, infos, objects };
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
}

export function infoOf(world: World, obj: KObject): ResourceInfo | undefined {
  return world.infos.find((i) => i.kind === obj.kind && i.group === groupOf(obj.apiVersion));
}

export function listIn(world: World, gr: GroupResource, namespace?: string): KObject[] {
  return world.objects
    .filter((o) => {
      const info = infoOf(world, o);
      return info?.group === gr.group && info.resource === gr.resource && (namespace === undefined || o.metadata.namespace === namespace);
    })
    .sort((a, b) => (a.metadata.namespace ?? "").localeCompare(b.metadata.namespace ?? "") || (a.metadata.name < b.metadata.name ? -1 : 1));
}

/** Field values an object answers field selectors with: metadata.name/namespace plus the kind's own. */
export function fieldsOf(world: World, obj: KObject): Record<string, string> {
  const info = infoOf(world, obj);
  const kind = world.kinds.find((k) => k.resource === info);
  return {
    "metadata.name": obj.metadata.name,
    "metadata.namespace": obj.metadata.namespace ?? "",
    ...(kind?.selectableFields?.(obj) ?? {}),
  };
}

export function fieldSelectorMatches(fields: Record<string, string>, selector: string): boolean {
  if (!selector) return true;
  return selector.split(",").every((term) => {
    const neq = term.indexOf("!=");
    if (neq >= 0) return fields[term.slice(0, neq)] !== term.slice(neq + 2);
    const [k, v] = term.replace("==", "=").split("=");
    return (fields[k] ?? "") === v;
  });
}

/** describe.go searchEvents: core/v1 events whose involvedObject is `obj` (name, namespace, kind, uid). */
export function eventsFor(world: World, obj: KObject): KObject[] {
  return listIn(world, { group: "", resource: "events" }, obj.metadata.namespace).filter((e) => {
    const io = (e as { involvedObject?: Record<string, string> }).involvedObject ?? {};
    return (
      io.name === obj.metadata.name &&
      (io.namespace ?? "") === (obj.metadata.namespace ?? "") &&
      io.kind === obj.kind &&
      io.uid === obj.metadata.uid
    );
  });
}

export function describeContext(world: World, now: number, showEvents = true): DescribeContext {
  return {
    now,
    showEvents,
    get: (gr, ns, name) => listIn(world, gr, ns).find((o) => o.metadata.name === name),
    list: (gr, ns) => listIn(world, gr, ns),
    eventsFor: (obj) => eventsFor(world, obj),
  };
}

export function labelSelectorMatches(obj: KObject, selector: string): boolean {
  return selectorMatchesString(selector, obj.metadata.labels ?? {});
}
