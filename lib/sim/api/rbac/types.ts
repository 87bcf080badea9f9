/** rbac.authorization.k8s.io/v1 object shapes (k8s.io/api/rbac/v1/types.go). */
import type { KObject } from "../types";
import type { PolicyRule } from "../../printers/rbac-rules";

export type { PolicyRule } from "../../printers/rbac-rules";

export interface Subject {
  /** "User", "Group" or "ServiceAccount" (anything else is a validation error) */
  kind: string;
  apiGroup?: string;
  name: string;
  namespace?: string;
}

export interface RoleRef {
  apiGroup: string;
  /** "Role" or "ClusterRole" */
  kind: string;
  name: string;
}

export interface Role extends KObject {
  rules?: PolicyRule[];
}

export interface ClusterRole extends Role {
  aggregationRule?: {
    clusterRoleSelectors?: {
      matchLabels?: Record<string, string>;
      matchExpressions?: { key: string; operator: string; values?: string[] }[];
    }[];
  };
}

export interface RoleBinding extends KObject {
  roleRef: RoleRef;
  subjects?: Subject[];
}

export const RBAC_GROUP = "rbac.authorization.k8s.io";
