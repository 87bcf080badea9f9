/**
 * The review APIs that are computed, not stored: SelfSubjectReview (authentication.k8s.io, what
 * `kubectl auth whoami` asks), SelfSubjectAccessReview and SelfSubjectRulesReview
 * (authorization.k8s.io, `kubectl auth can-i` and `can-i --list`). Each is authorized like any
 * create (system:basic-user grants them to every authenticated user).
 */
import type { Attributes } from "./authz";
import { forbiddenStatus } from "./authz";
import { rulesFor } from "./rbac/authorizer";
import type { PolicyRule } from "./rbac/types";
import { impersonate, type ApiRequest } from "./request";
import type { ApiServer } from "./server";
import type { Status, UserInfo } from "./types";

type Who = Pick<ApiRequest, "user" | "impersonate">;

function env(api: ApiServer) {
  return {
    store: api.store,
    authorizer: api.authorizer,
    now: api.now,
    random: () => 0,
    kindFor: (g: string, r: string) => api.kindFor(g, r),
    strategyContext: (u: UserInfo) => api.strategyContext(u),
    parseCsrOrgs: () => [],
  };
}

function effectiveUser(api: ApiServer, who: Who, group: string, resource: string): UserInfo | Status {
  const user = impersonate(env(api), who);
  if ("kind" in user) return user;
  const a: Attributes = { user, verb: "create", resourceRequest: true, group, resource };
  const d = api.authorizer.authorize(a);
  return d.allowed ? user : forbiddenStatus(a, d.reason);
}

/** SelfSubjectReview: the user the request authenticated (and impersonated) as. */
export function selfSubjectReview(api: ApiServer, who: Who): UserInfo | Status {
  return effectiveUser(api, who, "authentication.k8s.io", "selfsubjectreviews");
}

export interface AccessReview {
  verb: string;
  group: string;
  resource?: string;
  subresource?: string;
  name?: string;
  namespace?: string;
  /** a non-resource URL ("/logs/") instead of a resource */
  path?: string;
}

/** SelfSubjectAccessReview: may the requesting user do this? */
export function selfSubjectAccessReview(api: ApiServer, who: Who, r: AccessReview): { allowed: boolean; reason: string } | Status {
  const user = effectiveUser(api, who, "authorization.k8s.io", "selfsubjectaccessreviews");
  if ("kind" in user) return user;
  const a: Attributes = r.path
    ? { user, verb: r.verb, resourceRequest: false, group: "", resource: "", path: r.path }
    : {
        user,
        verb: r.verb,
        resourceRequest: true,
        group: r.group,
        resource: r.resource ?? "",
        ...(r.subresource ? { subresource: r.subresource } : {}),
        ...(r.name ? { name: r.name } : {}),
        ...(r.namespace ? { namespace: r.namespace } : {}),
      };
  const d = api.authorizer.authorize(a);
  return { allowed: d.allowed, reason: d.reason.startsWith("RBAC: allowed") ? "" : d.reason };
}

/** SelfSubjectRulesReview: the rules that apply to the requesting user in a namespace. */
export function selfSubjectRulesReview(
  api: ApiServer,
  who: Who,
  namespace: string,
): { rules: PolicyRule[]; incomplete: boolean; evaluationError?: string } | Status {
  const user = effectiveUser(api, who, "authorization.k8s.io", "selfsubjectrulesreviews");
  if ("kind" in user) return user;
  const rules: PolicyRule[] = [];
  if (user.groups.includes("system:masters"))
    rules.push({ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }, { verbs: ["*"], nonResourceURLs: ["*"] });
  const { visits, errors } = rulesFor(api.store, user, namespace);
  for (const v of visits) rules.push(...v.rules);
  return { rules, incomplete: errors.length > 0, ...(errors.length ? { evaluationError: errors.join(", ") } : {}) };
}
