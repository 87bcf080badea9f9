/**
 * "May this user do that?", answered by the cluster's own authorizer (system:masters, then RBAC),
 * as `kubectl auth can-i VERB RESOURCE --as USER --as-group G` asks it through a
 * SelfSubjectAccessReview. A service account user gets its groups as the apiserver adds them.
 */
import { z } from "zod";
import type { Asker, CanIRequest } from "../../sim/query";
import type { CheckResult } from "../types";
import { defineCheck, fail, name, pass, type View } from "./define";

const canIProps = z.strictObject({
  user: name,
  /** comma-separated */
  groups: z
    .string({ error: "must be a string" })
    .optional()
    .transform((g) =>
      g
        ? g
            .split(",")
            .map((x) => x.trim())
            .filter(Boolean)
        : [],
    ),
  verb: name,
  resource: name,
  subresource: name.optional(),
  /** without it the question is cluster-wide */
  namespace: name.optional(),
  name: name.optional(),
});
type CanIProps = z.infer<typeof canIProps>;

/** `list pods in namespace dev`, `get nodes cluster-wide`, `update deployments/scale web in namespace dev` */
function phrase(p: CanIProps, resource: string): string {
  const what = `${p.verb} ${resource}${p.subresource ? `/${p.subresource}` : ""}${p.name ? ` ${p.name}` : ""}`;
  return `${what} ${p.namespace ? `in namespace ${p.namespace}` : "cluster-wide"}`;
}

function ask(v: View, p: CanIProps): { allowed: boolean; reason: string; words: string } | CheckResult {
  // "deployments.apps" → group apps; a bare name is resolved as kubectl would (pods → core, deployments → apps)
  const r = v.q.resolve(p.resource);
  if (!r) return fail(`This task is misconfigured: kubectl knows no resource type "${p.resource}".`);
  const req: CanIRequest = {
    verb: p.verb,
    group: r.group,
    resource: r.resource,
    ...(p.subresource ? { subresource: p.subresource } : {}),
    ...(p.namespace && r.namespaced ? { namespace: p.namespace } : {}),
    ...(p.name ? { name: p.name } : {}),
  };
  const who: Asker = { username: p.user, groups: p.groups };
  const d = v.q.canI(who, req);
  return { allowed: d.allowed, reason: d.reason, words: phrase(p, r.resource) };
}

const isResult = (x: unknown): x is CheckResult => typeof x === "object" && x !== null && "passed" in x;

export const RBAC_CHECKS = {
  userCan: defineCheck({
    props: canIProps,
    run: (v, p) => {
      const a = ask(v, p);
      if (isResult(a)) return a;
      return a.allowed ? pass(`${p.user} may ${a.words}.`) : fail(`${p.user} may not ${a.words} yet${a.reason ? ` (${a.reason})` : ""}.`);
    },
  }),
  userCannot: defineCheck({
    props: canIProps,
    run: (v, p) => {
      const a = ask(v, p);
      if (isResult(a)) return a;
      return a.allowed ? fail(`${p.user} may still ${a.words}.`) : pass(`${p.user} may not ${a.words}.`);
    },
  }),
};
