/** rbac.authorization.k8s.io/v1 Role (validation, table and describer shared with ClusterRole in lib/sim/api/rbac/validation.ts). */
import { describeRole, roleTable, validateRules } from "../../api/rbac/validation";
import type { Role } from "../../api/rbac/types";
import { validatePathSegmentName } from "../_shared/names";
import type { KindDef } from "../types";

export const roles: KindDef<Role> = {
  resource: {
    group: "rbac.authorization.k8s.io",
    version: "v1",
    kind: "Role",
    resource: "roles",
    singular: "role",
    shortNames: [],
    namespaced: true,
    verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
  },
  validateName: validatePathSegmentName,
  validate: (r) => validateRules(r.rules, true),
  validateUpdate: (r) => validateRules(r.rules, true),
  table: roleTable,
  describe: describeRole,
};
