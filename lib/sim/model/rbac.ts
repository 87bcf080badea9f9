/**
 * The simulated apiserver's authorizer. A deliberately small stand-in for kubeadm's RBAC:
 *  - groups system:masters and kubeadm:cluster-admins (admin.conf, super-admin.conf) may do anything;
 *  - system:kube-controller-manager and system:kube-scheduler may read everything;
 *  - a kubelet (user system:node:<name> in group system:nodes) may get/list nodes and pods;
 *  - every authenticated user may create selfsubjectreviews (`kubectl auth whoami`) and create
 *    certificatesigningrequests (the course lets learners request their own certificates);
 *  - everything else is denied, with the apiserver's Forbidden message.
 */
import type { ResourceType } from "./resources";

export interface Subject {
  username: string;
  groups: string[];
}

export type Verb = "get" | "list" | "create" | "update" | "delete" | "patch" | "watch";

export function authorize(who: Subject, verb: Verb, resource: string, _namespace?: string): boolean {
  if (who.groups.includes("system:masters") || who.groups.includes("kubeadm:cluster-admins")) return true;
  const read = verb === "get" || verb === "list" || verb === "watch";
  if ((who.username === "system:kube-controller-manager" || who.username === "system:kube-scheduler") && read) return true;
  if (who.username.startsWith("system:node:") && who.groups.includes("system:nodes") && read && (resource === "nodes" || resource === "pods")) return true;
  if (who.groups.includes("system:authenticated") && verb === "create" && (resource === "selfsubjectreviews" || resource === "certificatesigningrequests")) return true;
  return false;
}

/**
 * `pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"`
 * (with `"name" ` after the resource when one object is addressed, and `at the cluster scope`
 * for cluster-scoped resources or all-namespace lists).
 */
export function forbiddenMessage(who: Subject, verb: Verb, r: ResourceType, name: string | undefined, namespace: string | undefined, subresource?: string): string {
  const qualified = r.group ? `${r.plural}.${r.group}` : r.plural;
  const target = name ? `${qualified} "${name}"` : qualified;
  const res = subresource ? `${r.plural}/${subresource}` : r.plural;
  const scope = r.namespaced && namespace ? `in the namespace "${namespace}"` : "at the cluster scope";
  return `${target} is forbidden: User "${who.username}" cannot ${verb} resource "${res}" in API group "${r.group}" ${scope}`;
}
