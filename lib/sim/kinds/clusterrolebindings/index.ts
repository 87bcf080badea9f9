/** rbac.authorization.k8s.io/v1 ClusterRoleBinding (roleRef must be a ClusterRole; ServiceAccount subjects need a namespace). */
import { bindingTable, defaultBinding, describeBinding, validateBinding, validateBindingUpdate } from "../../api/rbac/validation";
import type { RoleBinding } from "../../api/rbac/types";
import { validatePathSegmentName } from "../_shared/names";
import type { KindDef } from "../types";

export const clusterrolebindings: KindDef<RoleBinding> = {
  resource: {
    group: "rbac.authorization.k8s.io",
    version: "v1",
    kind: "ClusterRoleBinding",
    resource: "clusterrolebindings",
    singular: "clusterrolebinding",
    shortNames: [],
    namespaced: false,
    verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
  },
  validateName: validatePathSegmentName,
  defaults: defaultBinding,
  validate: (b) => validateBinding(b, false),
  validateUpdate: (b, old) => validateBindingUpdate(b, old, false),
  table: bindingTable,
  describe: describeBinding,
};
