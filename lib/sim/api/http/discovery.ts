/**
 * Discovery documents built from the kinds an ApiServer serves: legacy (/api APIVersions, /apis
 * APIGroupList, /api/v1 and /apis/<g>/<v> APIResourceList, /apis/<g> APIGroup) and aggregated
 * (apidiscovery.k8s.io/v2 APIGroupDiscoveryList for /api and /apis, what kubectl v1.32 asks for
 * first). Groups and resources come in the order the simulator's kubectl resolves them (core
 * first, then groups and resources alphabetically), so both clients map names alike.
 * Shapes: staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go (APIResource, APIGroup) and
 * staging/src/k8s.io/api/apidiscovery/v2/types.go.
 */
import type { KindDef, SubresourceInfo } from "../../kinds/types";

export interface GroupVersion {
  group: string;
  version: string;
  kinds: KindDef[];
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Kubernetes version priority (staging/src/k8s.io/apimachinery/pkg/version/helpers.go): GA > beta > alpha, higher numbers first. */
function versionRank(v: string): [number, number, number] {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (!m) return [0, 0, 0];
  return [m[2] === "alpha" ? 1 : m[2] === "beta" ? 2 : 3, Number(m[1]), Number(m[3] ?? 0)];
}

export function compareVersions(a: string, b: string): number {
  const [x, y] = [versionRank(a), versionRank(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return y[i] - x[i];
  return byName(a, b);
}

/** Every served group/version with its kinds, core first, then groups alphabetically, versions by priority. */
export function groupVersions(kinds: readonly KindDef[]): GroupVersion[] {
  const map = new Map<string, GroupVersion>();
  for (const k of kinds) {
    const key = `${k.resource.group}/${k.resource.version}`;
    let gv = map.get(key);
    if (!gv) map.set(key, (gv = { group: k.resource.group, version: k.resource.version, kinds: [] }));
    gv.kinds.push(k);
  }
  const list = [...map.values()];
  for (const gv of list) gv.kinds.sort((a, b) => byName(a.resource.resource, b.resource.resource));
  return list.sort((a, b) =>
    a.group === b.group ? compareVersions(a.version, b.version) : a.group === "" ? -1 : b.group === "" ? 1 : byName(a.group, b.group),
  );
}

const gvString = (group: string, version: string) => (group ? `${group}/${version}` : version);

/** /api */
export function apiVersions(advertiseAddress: string) {
  return {
    kind: "APIVersions",
    versions: ["v1"],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: advertiseAddress }],
  };
}

function apiGroup(name: string, versions: GroupVersion[]) {
  const vs = versions.map((gv) => ({ groupVersion: gvString(name, gv.version), version: gv.version }));
  return { name, versions: vs, preferredVersion: vs[0] };
}

function groupsOf(kinds: readonly KindDef[]): Map<string, GroupVersion[]> {
  const groups = new Map<string, GroupVersion[]>();
  for (const gv of groupVersions(kinds)) {
    if (!gv.group) continue;
    groups.set(gv.group, [...(groups.get(gv.group) ?? []), gv]);
  }
  return groups;
}

/** /apis */
export function apiGroupList(kinds: readonly KindDef[]) {
  return { kind: "APIGroupList", apiVersion: "v1", groups: [...groupsOf(kinds)].map(([name, vs]) => apiGroup(name, vs)) };
}

/** /apis/<group>, or undefined when the group is not served */
export function apiGroupDoc(kinds: readonly KindDef[], group: string) {
  const vs = groupsOf(kinds).get(group);
  return vs ? { kind: "APIGroup", apiVersion: "v1", ...apiGroup(group, vs) } : undefined;
}

function subresourceKind(k: KindDef, s: SubresourceInfo) {
  return { group: s.group ?? k.resource.group, version: s.version ?? k.resource.version, kind: s.kind ?? k.resource.kind };
}

/** /api/v1 or /apis/<group>/<version>, or undefined when not served */
export function apiResourceList(kinds: readonly KindDef[], group: string, version: string) {
  const gv = groupVersions(kinds).find((x) => x.group === group && x.version === version);
  if (!gv) return undefined;
  const resources: object[] = [];
  for (const k of gv.kinds) {
    const r = k.resource;
    resources.push({
      name: r.resource,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
      ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
      ...(r.categories?.length ? { categories: r.categories } : {}),
    });
    for (const s of [...(r.subresources ?? [])].sort((a, b) => byName(a.name, b.name))) {
      const sk = subresourceKind(k, s);
      resources.push({
        name: `${r.resource}/${s.name}`,
        singularName: "",
        namespaced: r.namespaced,
        ...(sk.group !== r.group || sk.version !== r.version ? { group: sk.group, version: sk.version } : {}),
        kind: sk.kind,
        verbs: s.verbs,
      });
    }
  }
  resources.sort((a, b) => byName((a as { name: string }).name, (b as { name: string }).name));
  return { kind: "APIResourceList", apiVersion: "v1", groupVersion: gvString(group, version), resources };
}

/** The aggregated document for /api (core: true) or /apis (core: false). */
export function aggregatedList(kinds: readonly KindDef[], core: boolean, version: "v2" | "v2beta1") {
  const byGroup = new Map<string, GroupVersion[]>();
  for (const gv of groupVersions(kinds)) {
    if ((gv.group === "") !== core) continue;
    byGroup.set(gv.group, [...(byGroup.get(gv.group) ?? []), gv]);
  }
  const items = [...byGroup].map(([group, gvs]) => ({
    metadata: { ...(group ? { name: group } : {}), creationTimestamp: null },
    versions: gvs.map((gv) => ({
      version: gv.version,
      resources: gv.kinds.map((k) => {
        const r = k.resource;
        return {
          resource: r.resource,
          responseKind: { group: r.group, version: r.version, kind: r.kind },
          scope: r.namespaced ? "Namespaced" : "Cluster",
          singularResource: r.singular,
          verbs: r.verbs,
          ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
          ...(r.categories?.length ? { categories: r.categories } : {}),
          ...(r.subresources?.length
            ? {
                subresources: [...r.subresources]
                  .sort((a, b) => byName(a.name, b.name))
                  .map((s) => ({ subresource: s.name, responseKind: subresourceKind(k, s), verbs: s.verbs })),
              }
            : {}),
        };
      }),
      freshness: "Current",
    })),
  }));
  return { kind: "APIGroupDiscoveryList", apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}

export function aggregatedContentType(version: "v2" | "v2beta1"): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}
