/** The clusterrole-aggregation controller: admin, edit, view (and any role with an aggregationRule) hold the rules of the roles they select. */
import { aggregatedRules } from "../api/rbac/aggregation";
import type { ClusterRole } from "../api/rbac/types";
import type { Controller } from "./types";

const CLUSTER_ROLES = { group: "rbac.authorization.k8s.io", resource: "clusterroles" };

export const clusterRoleAggregation: Controller = {
  name: "clusterrole-aggregation",
  relevant: (r) => r.key.startsWith("rbac.authorization.k8s.io/clusterroles/"),
  reconcile(env) {
    const store = env.api.store;
    const roles = store.list(CLUSTER_ROLES) as ClusterRole[];
    let changed = false;
    for (const role of roles) {
      const want = aggregatedRules(role, roles);
      if (!want || JSON.stringify(want) === JSON.stringify(role.rules ?? [])) continue;
      store.put(CLUSTER_ROLES, { ...structuredClone(role), rules: want });
      changed = true;
    }
    return changed;
  },
};
