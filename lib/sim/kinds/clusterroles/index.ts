/** rbac.authorization.k8s.io/v1 ClusterRole; aggregated roles get their rules from the clusterrole-aggregation controller. */
import { describeRole, roleTable, validateRules } from "../../api/rbac/validation";
import type { ClusterRole } from "../../api/rbac/types";
import { validatePathSegmentName } from "../_shared/names";
import type { KindDef } from "../types";

export const clusterroles: KindDef<ClusterRole> = {
  resource: {
    group: "rbac.authorization.k8s.io",
    version: "v1",
    kind: "ClusterRole",
    resource: "clusterroles",
    singular: "clusterrole",
    shortNames: [],
    namespaced: false,
    verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
  },
  validateName: validatePathSegmentName,
  validate: (r) => validateRules(r.rules, false),
  validateUpdate: (r) => validateRules(r.rules, false),
  table: roleTable,
  describe: describeRole,
};
