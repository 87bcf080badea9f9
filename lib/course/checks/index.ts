/**
 * The task checks (content/checks.md): each reads the learner's simulated cluster at its current
 * clock and says whether the goal state is reached. Checks never change the cluster: they read a
 * settled copy of its state (define.ts, viewOf).
 */
import type { z } from "zod";
import type { CheckResult } from "../types";
import { fail, viewOf, type CheckTarget } from "./define";
import { CHECKS, type CheckName } from "./registry";

export type { CheckTarget } from "./define";
export type { CheckName } from "./registry";
export type { CheckResult } from "../types";

export type CheckProps<N extends CheckName> = z.infer<(typeof CHECKS)[N]["props"]>;

export const checkPropsSchemas = Object.fromEntries(Object.entries(CHECKS).map(([n, c]) => [n, c.props])) as {
  [N in CheckName]: (typeof CHECKS)[N]["props"];
};

export const CHECK_NAMES = Object.keys(CHECKS) as CheckName[];

export function isCheckName(s: string): s is CheckName {
  return Object.prototype.hasOwnProperty.call(CHECKS, s);
}

/** Validates a task's props for `check`; the messages name the prop. */
export function validateCheckProps(check: string, props: Record<string, string>): { ok: true } | { ok: false; problems: string[] } {
  if (!isCheckName(check)) return { ok: false, problems: [`unknown check "${check}" (known: ${CHECK_NAMES.join(", ")})`] };
  const r = CHECKS[check].props.safeParse(props);
  if (r.success) return { ok: true };
  return {
    ok: false,
    problems: r.error.issues.map((i) =>
      i.code === "unrecognized_keys"
        ? `check ${check} takes no prop(s) ${i.keys.map((k) => `"${k}"`).join(", ")}`
        : i.code === "invalid_type" && !(String(i.path[0]) in props)
          ? `check ${check} needs the prop "${i.path.join(".")}"`
          : `check ${check}: prop "${i.path.join(".")}" ${i.message}`,
    ),
  };
}

/**
 * Runs a check against the cluster at its current clock. Props are validated first: invalid props
 * give `passed: false` with the reason (a content bug, caught by the content check before release).
 */
export async function runCheck(name: CheckName, props: Record<string, string>, sim: CheckTarget): Promise<CheckResult> {
  const def = CHECKS[name];
  const parsed = def.props.safeParse(props);
  if (!parsed.success) {
    const valid = validateCheckProps(name, props);
    return fail(`This task is misconfigured: ${valid.ok ? parsed.error.message : valid.problems.join("; ")}.`);
  }
  const view = await viewOf(sim);
  // each entry's props schema and run function are typed together by defineCheck
  return (def.run as (v: typeof view, p: unknown) => CheckResult)(view, parsed.data);
}
