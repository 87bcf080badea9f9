/**
 * How kubectl turns what a user typed into a resource (cli-runtime's RESTMapper over discovery
 * and the short-name expander): plural, singular or short name, optionally qualified by version
 * and group ("pods", "po", "pods.v1.", "deploy.apps", "deployments.v1.apps"); and the category
 * expansion of `all`.
 */
import type { ApiServer } from "../../api/server";
import type { KindDef } from "../../kinds/types";

function groupOrder(a: KindDef, b: KindDef): number {
  const ga = a.resource.group,
    gb = b.resource.group;
  if (ga !== gb) return ga === "" ? -1 : gb === "" ? 1 : ga < gb ? -1 : 1;
  return a.resource.resource < b.resource.resource ? -1 : a.resource.resource > b.resource.resource ? 1 : 0;
}

/** Kinds in discovery order: the core group first, then groups and resources alphabetically. */
export function discoveryOrder(api: ApiServer): KindDef[] {
  return [...api.kinds].sort(groupOrder);
}

export function resolveResource(api: ApiServer, typed: string): KindDef | undefined {
  const word = typed.toLowerCase();
  const kinds = discoveryOrder(api);
  const names = (k: KindDef) => [k.resource.resource, k.resource.singular, ...k.resource.shortNames, k.resource.kind.toLowerCase()];
  const exact = kinds.find((k) => names(k).includes(word));
  if (exact) return exact;
  // name.version.group, name.group, name.version (core: "pods.v1" and "pods.v1.")
  for (const k of kinds) {
    const r = k.resource;
    for (const n of names(k)) {
      if (!word.startsWith(`${n}.`)) continue;
      const rest = word.slice(n.length + 1);
      if (r.group && (rest === r.group || rest === `${r.version}.${r.group}`)) return k;
      if (!r.group && (rest === r.version || rest === `${r.version}.`)) return k;
    }
  }
  return undefined;
}

/** The kinds of a category (`all`), in discovery order. */
export function category(api: ApiServer, name: string): KindDef[] {
  return discoveryOrder(api).filter((k) => k.resource.categories?.includes(name));
}

/** `-o name` and "created" prefixes: "pod", "certificatesigningrequest.certificates.k8s.io". */
export function kindPrefix(def: KindDef): string {
  const r = def.resource;
  return r.group ? `${r.kind.toLowerCase()}.${r.group}` : r.kind.toLowerCase();
}

/** The GroupVersionResource as Go prints it in kubectl's messages: "/v1, Resource=pods". */
export function gvrString(def: KindDef): string {
  const r = def.resource;
  return `${r.group}/${r.version}, Resource=${r.resource}`;
}

export function apiVersionOf(def: KindDef): string {
  const r = def.resource;
  return r.group ? `${r.group}/${r.version}` : r.version;
}
