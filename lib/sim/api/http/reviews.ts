/**
 * The computed review APIs over HTTP: POST selfsubjectreviews (authentication.k8s.io/v1, what
 * `kubectl auth whoami` sends), selfsubjectaccessreviews and selfsubjectrulesreviews
 * (authorization.k8s.io/v1, `kubectl auth can-i` and `can-i --list`). The answers come from
 * lib/sim/api/reviews.ts, as for the simulator's kubectl; this file only maps the wire shapes of
 * staging/src/k8s.io/api/authentication/v1/types.go and authorization/v1/types.go.
 */
import { selfSubjectAccessReview, selfSubjectReview, selfSubjectRulesReview, type AccessReview } from "../reviews";
import type { ApiServer } from "../server";
import { badRequest, methodNotSupported } from "../status";
import type { Status, UserInfo } from "../types";
import { json, statusResponse } from "./negotiate";
import { parseBody } from "./query";
import { impersonation, type ResourceRoute } from "./resources";
import { header, type HttpRequest, type HttpResult } from "./types";

const REVIEWS: Record<string, string> = {
  "authentication.k8s.io/selfsubjectreviews": "SelfSubjectReview",
  "authorization.k8s.io/selfsubjectaccessreviews": "SelfSubjectAccessReview",
  "authorization.k8s.io/selfsubjectrulesreviews": "SelfSubjectRulesReview",
};

/** True for the review resources this file answers (v1, cluster-scoped, create only). */
export function isReview(rt: ResourceRoute): boolean {
  return rt.version === "v1" && `${rt.group}/${rt.resource}` in REVIEWS && rt.name === undefined && rt.namespace === undefined;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

export function serveReview(api: ApiServer, rt: ResourceRoute, req: HttpRequest, user: UserInfo): HttpResult {
  const kind = REVIEWS[`${rt.group}/${rt.resource}`];
  const gr = { group: rt.group, resource: rt.resource };
  if (req.method !== "POST") return statusResponse(methodNotSupported(gr, req.method.toLowerCase()));
  const parsed = parseBody(req.body, header(req, "content-type"));
  if ("kind" in parsed) return statusResponse(parsed);
  const body = obj(parsed.value);
  if (body.kind !== undefined && body.kind !== kind)
    return statusResponse(
      badRequest(`the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${rt.group}/v1)`),
    );
  const who = { user, ...(impersonation(req) ? { impersonate: impersonation(req) } : {}) };
  const head = { kind, apiVersion: `${rt.group}/v1`, metadata: { creationTimestamp: null } };
  const spec = obj(body.spec);
  const fail = (s: Status) => statusResponse(s);
  switch (kind) {
    case "SelfSubjectReview": {
      const u = selfSubjectReview(api, who);
      if ("kind" in u) return fail(u);
      return json(201, {
        ...head,
        status: {
          userInfo: { username: u.username, ...(u.uid ? { uid: u.uid } : {}), groups: u.groups, ...(u.extra ? { extra: u.extra } : {}) },
        },
      });
    }
    case "SelfSubjectAccessReview": {
      const ra = obj(spec.resourceAttributes);
      const nra = obj(spec.nonResourceAttributes);
      let review: AccessReview;
      if (spec.resourceAttributes) {
        review = {
          verb: str(ra.verb) ?? "",
          group: str(ra.group) ?? "",
          ...(str(ra.resource) ? { resource: str(ra.resource) } : {}),
          ...(str(ra.subresource) ? { subresource: str(ra.subresource) } : {}),
          ...(str(ra.name) ? { name: str(ra.name) } : {}),
          ...(str(ra.namespace) ? { namespace: str(ra.namespace) } : {}),
        };
      } else if (spec.nonResourceAttributes) review = { verb: str(nra.verb) ?? "", group: "", path: str(nra.path) ?? "" };
      else {
        return statusResponse({
          ...badRequest(""),
          code: 422,
          reason: "Invalid",
          message: `SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified`,
          details: {
            group: "authorization.k8s.io",
            kind: "SelfSubjectAccessReview",
            causes: [
              {
                reason: "FieldValueInvalid",
                message: 'Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
                field: "spec.resourceAttributes",
              },
            ],
          },
        });
      }
      const r = selfSubjectAccessReview(api, who, review);
      if ("kind" in r) return fail(r);
      return json(201, { ...head, spec, status: { allowed: r.allowed, ...(r.reason ? { reason: r.reason } : {}) } });
    }
    case "SelfSubjectRulesReview": {
      const r = selfSubjectRulesReview(api, who, str(spec.namespace) ?? "");
      if ("kind" in r) return fail(r);
      const resourceRules = r.rules
        .filter((x) => x.resources?.length)
        .map((x) => ({
          verbs: x.verbs,
          ...(x.apiGroups ? { apiGroups: x.apiGroups } : {}),
          resources: x.resources,
          ...(x.resourceNames?.length ? { resourceNames: x.resourceNames } : {}),
        }));
      const nonResourceRules = r.rules
        .filter((x) => x.nonResourceURLs?.length)
        .map((x) => ({ verbs: x.verbs, nonResourceURLs: x.nonResourceURLs }));
      return json(201, {
        ...head,
        spec,
        status: {
          resourceRules,
          nonResourceRules,
          incomplete: r.incomplete,
          ...(r.evaluationError ? { evaluationError: r.evaluationError } : {}),
        },
      });
    }
    default:
      return statusResponse(methodNotSupported(gr, "create"));
  }
}
