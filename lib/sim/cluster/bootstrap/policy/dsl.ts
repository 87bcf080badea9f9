/**
 * A compact notation for the bootstrap policy, mirroring rbacv1helpers.NewRule(...).Groups(...)
 * .Resources(...).Names(...).RuleOrDie() (pkg/apis/rbac/v1/helpers.go), which sorts every list.
 * Lists are comma-separated; "" is the core group, so ",events.k8s.io" is ["", "events.k8s.io"].
 */
import type { PolicyRule, Subject } from "../../../api/rbac/types";

const list = (s: string) => s.split(",").sort();

export function r(verbs: string, groups: string, resources: string, names?: string): PolicyRule {
  return { apiGroups: list(groups), resources: list(resources), verbs: list(verbs), ...(names ? { resourceNames: list(names) } : {}) };
}

export function urls(verbs: string, paths: string): PolicyRule {
  return { nonResourceURLs: list(paths), verbs: list(verbs) };
}

export const READ = "get,list,watch";
export const WRITE = "create,update,patch,delete,deletecollection";
export const READ_WRITE = `${READ},${WRITE}`;

/** eventsRule(): create/update/patch events in the core and events.k8s.io groups */
export const EVENTS = r("create,update,patch", ",events.k8s.io", "events");

export interface RoleSpec {
  name: string;
  rules: PolicyRule[];
  labels?: Record<string, string>;
  /** aggregate-to-* label this role collects (admin, edit, view) */
  aggregateFrom?: string;
}

export interface BindingSpec {
  name: string;
  role: string;
  roleKind?: "Role" | "ClusterRole";
  subjects: Subject[];
}

export const user = (name: string): Subject => ({ apiGroup: "rbac.authorization.k8s.io", kind: "User", name });
export const group = (name: string): Subject => ({ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name });
export const sa = (namespace: string, name: string): Subject => ({ kind: "ServiceAccount", name, namespace });
