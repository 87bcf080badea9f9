/**
 * ClusterRole aggregation (pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go):
 * a role with an aggregationRule gets the rules of every ClusterRole its selectors match, in name
 * order, without duplicates.
 */
import { labelSelectorRequirements, labelsMatch } from "../selectors";
import type { ClusterRole, PolicyRule } from "./types";

/** The rules `role` should hold given all cluster roles, or undefined when it aggregates nothing. */
export function aggregatedRules(role: ClusterRole, all: ClusterRole[]): PolicyRule[] | undefined {
  const selectors = role.aggregationRule?.clusterRoleSelectors;
  if (!selectors) return undefined;
  const selected = all
    .filter(
      (c) => c.metadata.name !== role.metadata.name && selectors.some((s) => labelsMatch(labelSelectorRequirements(s), c.metadata.labels)),
    )
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  const rules: PolicyRule[] = [];
  const seen = new Set<string>();
  for (const c of selected) {
    for (const rule of c.rules ?? []) {
      const key = JSON.stringify(rule);
      if (seen.has(key)) continue;
      seen.add(key);
      rules.push(structuredClone(rule));
    }
  }
  return rules;
}

/** Runs aggregation to its fixpoint over a set of roles (aggregated roles may aggregate each other). */
export function aggregateAll(roles: ClusterRole[]): ClusterRole[] {
  const changed: ClusterRole[] = [];
  for (let pass = 0; pass < 8; pass++) {
    let any = false;
    for (const role of roles) {
      const want = aggregatedRules(role, roles);
      if (!want || JSON.stringify(want) === JSON.stringify(role.rules ?? [])) continue;
      role.rules = want;
      if (!changed.includes(role)) changed.push(role);
      any = true;
    }
    if (!any) break;
  }
  return changed;
}
