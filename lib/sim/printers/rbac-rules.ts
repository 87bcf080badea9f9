/**
 * kubectl's rule display for `describe role|clusterrole` (staging/src/k8s.io/kubectl/pkg/util/rbac:
 * BreakdownRule, CompactRules, SortableRuleSlice; describe.go CombineResourceGroup).
 */
import { goList } from "./describe-util";

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** One rule per (group, resource, resourceName) and per non-resource URL. */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const g of rule.apiGroups ?? []) {
    for (const r of rule.resources ?? []) {
      if (rule.resourceNames?.length)
        for (const n of rule.resourceNames) out.push({ apiGroups: [g], resources: [r], verbs: rule.verbs, resourceNames: [n] });
      else out.push({ apiGroups: [g], resources: [r], verbs: rule.verbs });
    }
  }
  for (const u of rule.nonResourceURLs ?? []) out.push({ nonResourceURLs: [u], verbs: rule.verbs });
  return out;
}

/** Merges single-group, single-resource rules that differ only by verb. */
export function compactRules(rules: PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const r of rules) {
    const isSimple =
      (r.resourceNames?.length ?? 0) <= 1 && !r.nonResourceURLs?.length && r.apiGroups?.length === 1 && r.resources?.length === 1;
    if (!isSimple) {
      compacted.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups?.[0], r.resources?.[0], r.resourceNames?.[0] ?? null]);
    const existing = simple.get(key);
    if (existing) {
      for (const v of r.verbs) if (!existing.verbs.includes(v)) existing.verbs.push(v);
    } else simple.set(key, { ...r, verbs: [...r.verbs] });
  }
  return [...compacted, ...simple.values()];
}

/** PolicyRule.String() (generated.pb.go), the sort key of SortableRuleSlice. */
function ruleString(r: PolicyRule): string {
  return `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;
}

/** "pods", "deployments.apps", "deployments.apps/scale" */
export function combineResourceGroup(resources: string[] | undefined, groups: string[] | undefined): string {
  if (!resources?.length) return "";
  const [res, sub] = resources[0].split(/\/(.*)/s);
  let s = res;
  if (groups?.length && groups[0] !== "") s += `.${groups[0]}`;
  if (sub !== undefined) s += `/${sub}`;
  return s;
}

/** The PolicyRule table of describe role/clusterrole, as tab-separated LEVEL_1 lines. */
export function policyRuleLines(rules: PolicyRule[]): string[] {
  const compact = compactRules(rules.flatMap(breakdownRule));
  const sorted = compact.map((r, i) => ({ r, i, s: ruleString(r) })).sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : a.i - b.i));
  return sorted.map(
    ({ r }) =>
      `${combineResourceGroup(r.resources, r.apiGroups)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}`,
  );
}
