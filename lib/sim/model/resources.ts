/**
 * The resource types the simulated apiserver serves, with the names kubectl resolves through
 * discovery (plural, singular, short names) and what `api-resources` prints.
 */
import type { ClusterObjects } from "../types";

export type Kind = "Node" | "Pod" | "Namespace" | "Service" | "CertificateSigningRequest";

export interface ResourceType {
  kind: Kind;
  /** plural resource name as in the URL and RBAC messages */
  plural: string;
  singular: string;
  shortNames: string[];
  /** "" for the core group */
  group: string;
  version: string;
  namespaced: boolean;
  verbs: string[];
  /** key of the ClusterObjects list holding these objects */
  store: keyof ClusterObjects;
}

const STD = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

export const RESOURCE_TYPES: ResourceType[] = [
  { kind: "Namespace", plural: "namespaces", singular: "namespace", shortNames: ["ns"], group: "", version: "v1", namespaced: false, verbs: ["create", "delete", "get", "list", "patch", "update", "watch"], store: "namespaces" },
  { kind: "Node", plural: "nodes", singular: "node", shortNames: ["no"], group: "", version: "v1", namespaced: false, verbs: STD, store: "nodes" },
  { kind: "Pod", plural: "pods", singular: "pod", shortNames: ["po"], group: "", version: "v1", namespaced: true, verbs: STD, store: "pods" },
  { kind: "Service", plural: "services", singular: "service", shortNames: ["svc"], group: "", version: "v1", namespaced: true, verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"], store: "services" },
  { kind: "CertificateSigningRequest", plural: "certificatesigningrequests", singular: "certificatesigningrequest", shortNames: ["csr"], group: "certificates.k8s.io", version: "v1", namespaced: false, verbs: STD, store: "csrs" },
];

/** Resolves what a user typed (`po`, `pods`, `pod`, `csr`, `pods.v1.`, `csr.certificates.k8s.io`). */
export function resolveResourceType(word: string): ResourceType | undefined {
  const w = word.toLowerCase();
  for (const r of RESOURCE_TYPES) {
    const names = [r.plural, r.singular, ...r.shortNames];
    if (names.includes(w)) return r;
    for (const n of [r.plural, r.singular]) {
      if (r.group && (w === `${n}.${r.group}` || w === `${n}.${r.version}.${r.group}`)) return r;
      if (!r.group && (w === `${n}.${r.version}` || w === `${n}.${r.version}.`)) return r;
    }
  }
  return undefined;
}

export function resourceByKind(kind: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((r) => r.kind === kind);
}

/** `pods` or `certificatesigningrequests.certificates.k8s.io`: how apiserver messages name a resource. */
export function qualifiedResource(r: ResourceType): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

export function apiVersionOf(r: ResourceType): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** `-o name` prefix: `node`, `certificatesigningrequest.certificates.k8s.io`. */
export function namePrefix(r: ResourceType): string {
  return r.group ? `${r.kind.toLowerCase()}.${r.group}` : r.kind.toLowerCase();
}
