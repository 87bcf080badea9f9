/**
 * The RBAC authorizer (plugin/pkg/auth/authorizer/rbac/rbac.go and
 * pkg/registry/rbac/validation/rule.go VisitRulesFor; rule matching from
 * pkg/apis/rbac/v1/evaluation_helpers.go): ClusterRoleBindings first, then the RoleBindings of the
 * request's namespace; a binding whose role is missing adds `role.rbac.authorization.k8s.io "x"
 * not found` to the denial's reason.
 */
import type { Attributes, Authorizer, Decision } from "../authz";
import { goQuote } from "../field";
import type { ObjectStore } from "../store";
import type { UserInfo } from "../types";
import { type PolicyRule, RBAC_GROUP, type RoleBinding, type Subject } from "./types";

const CLUSTER_ROLES = { group: RBAC_GROUP, resource: "clusterroles" };
const CLUSTER_BINDINGS = { group: RBAC_GROUP, resource: "clusterrolebindings" };
const ROLES = { group: RBAC_GROUP, resource: "roles" };
const BINDINGS = { group: RBAC_GROUP, resource: "rolebindings" };

const has = (list: string[] | undefined, v: string) => !!list && (list.includes("*") || list.includes(v));

export function verbMatches(r: PolicyRule, verb: string): boolean {
  return has(r.verbs, verb);
}

export function apiGroupMatches(r: PolicyRule, group: string): boolean {
  return has(r.apiGroups, group);
}

/** ResourceMatches: "*", the combined "pods/log", or "*\/log" for any resource's subresource. */
export function resourceMatches(r: PolicyRule, combined: string, subresource: string | undefined): boolean {
  for (const res of r.resources ?? []) {
    if (res === "*" || res === combined) return true;
    if (subresource && res === `*/${subresource}`) return true;
  }
  return false;
}

export function resourceNameMatches(r: PolicyRule, name: string | undefined): boolean {
  if (!r.resourceNames?.length) return true;
  return !!name && r.resourceNames.includes(name);
}

/** NonResourceURLMatches: exact, "*", or a trailing-"*" prefix. */
export function nonResourceUrlMatches(r: PolicyRule, path: string): boolean {
  for (const u of r.nonResourceURLs ?? []) {
    if (u === "*" || u === path) return true;
    if (u.endsWith("*") && path.startsWith(u.slice(0, -1))) return true;
  }
  return false;
}

export function ruleAllows(a: Attributes, r: PolicyRule): boolean {
  if (a.resourceRequest) {
    const combined = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
    return (
      verbMatches(r, a.verb) && apiGroupMatches(r, a.group) && resourceMatches(r, combined, a.subresource) && resourceNameMatches(r, a.name)
    );
  }
  return verbMatches(r, a.verb) && nonResourceUrlMatches(r, a.path ?? "");
}

/** appliesTo: does a binding subject name this user (users, groups, service accounts)? */
export function subjectMatches(s: Subject, user: UserInfo, bindingNamespace: string): boolean {
  switch (s.kind) {
    case "User":
      return user.username === s.name;
    case "Group":
      return user.groups.includes(s.name);
    case "ServiceAccount": {
      const ns = s.namespace || bindingNamespace;
      return user.username === `system:serviceaccount:${ns}:${s.name}`;
    }
    default:
      return false;
  }
}

export interface RuleVisit {
  /** "ClusterRoleBinding \"x\" of ClusterRole \"y\" to User \"jane\"" style source, for debugging */
  source: string;
  rules: PolicyRule[];
}

/** The rules that apply to a user in a namespace ("" = cluster scope only), and the resolution errors. */
export function rulesFor(store: ObjectStore, user: UserInfo, namespace: string): { visits: RuleVisit[]; errors: string[] } {
  const visits: RuleVisit[] = [];
  const errors: string[] = [];
  const roleRules = (ref: RoleBinding["roleRef"], bindingNs: string): PolicyRule[] | undefined => {
    if (ref.kind === "ClusterRole") {
      const cr = store.get(CLUSTER_ROLES, undefined, ref.name);
      if (!cr) errors.push(`clusterrole.rbac.authorization.k8s.io ${goQuote(ref.name)} not found`);
      return cr?.rules as PolicyRule[] | undefined;
    }
    if (ref.kind === "Role") {
      const r = store.get(ROLES, bindingNs, ref.name);
      if (!r) errors.push(`role.rbac.authorization.k8s.io ${goQuote(ref.name)} not found`);
      return r?.rules as PolicyRule[] | undefined;
    }
    errors.push(`unsupported role reference kind: ${goQuote(ref.kind)}`);
    return undefined;
  };
  for (const b of store.list(CLUSTER_BINDINGS) as RoleBinding[]) {
    const subject = (b.subjects ?? []).find((s) => subjectMatches(s, user, ""));
    if (!subject) continue;
    const rules = roleRules(b.roleRef, "");
    if (rules)
      visits.push({
        source: `ClusterRoleBinding ${goQuote(b.metadata.name)} of ${b.roleRef.kind} ${goQuote(b.roleRef.name)} to ${subject.kind} ${goQuote(subject.name)}`,
        rules,
      });
  }
  if (namespace) {
    for (const b of store.list(BINDINGS, namespace) as RoleBinding[]) {
      const subject = (b.subjects ?? []).find((s) => subjectMatches(s, user, namespace));
      if (!subject) continue;
      const rules = roleRules(b.roleRef, namespace);
      if (rules)
        visits.push({
          source: `RoleBinding ${goQuote(`${b.metadata.name}/${namespace}`)} of ${b.roleRef.kind} ${goQuote(b.roleRef.name)} to ${subject.kind} ${goQuote(subject.name)}`,
          rules,
        });
    }
  }
  return { visits, errors };
}

/** utilerrors.NewAggregate(errs).Error() */
function aggregateErrors(errs: string[]): string {
  const seen = [...new Set(errs)];
  return seen.length === 1 ? seen[0] : `[${seen.join(", ")}]`;
}

export class RbacAuthorizer implements Authorizer {
  constructor(private readonly store: ObjectStore) {}

  authorize(a: Attributes): Decision {
    // errors are collected only until a rule allows (VisitRulesFor stops there)
    const { visits, errors } = rulesFor(this.store, a.user, a.namespace ?? "");
    for (const v of visits) for (const r of v.rules) if (ruleAllows(a, r)) return { allowed: true, reason: `RBAC: allowed by ${v.source}` };
    return { allowed: false, reason: errors.length ? `RBAC: ${aggregateErrors(errors)}` : "" };
  }
}

/** kube-apiserver's authorizer chain: the privileged group, then Node (no opinion for non-nodes), then RBAC. */
export class ClusterAuthorizer implements Authorizer {
  private readonly rbac: RbacAuthorizer;
  constructor(store: ObjectStore) {
    this.rbac = new RbacAuthorizer(store);
  }

  authorize(a: Attributes): Decision {
    if (a.user.groups.includes("system:masters")) return { allowed: true, reason: "" };
    return this.rbac.authorize(a);
  }
}
