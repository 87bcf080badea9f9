/** rbac.authorization.k8s.io/v1 RoleBinding (validation, defaults, table, describer in lib/sim/api/rbac/validation.ts). */
import { bindingTable, defaultBinding, describeBinding, validateBinding, validateBindingUpdate } from "../../api/rbac/validation";
import type { RoleBinding } from "../../api/rbac/types";
import { validatePathSegmentName } from "../_shared/names";
import type { KindDef } from "../types";

export const rolebindings: KindDef<RoleBinding> = {
  resource: {
    group: "rbac.authorization.k8s.io",
    version: "v1",
    kind: "RoleBinding",
    resource: "rolebindings",
    singular: "rolebinding",
    shortNames: [],
    namespaced: true,
    verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
  },
  validateName: validatePathSegmentName,
  defaults: defaultBinding,
  validate: (b) => validateBinding(b, true),
  validateUpdate: (b, old) => validateBindingUpdate(b, old, true),
  table: bindingTable,
  describe: describeBinding,
};
