/**
 * `kubectl create token SA` (staging/src/k8s.io/kubectl/pkg/cmd/create/create_token.go, v1.32): the
 * client-side checks of --duration, then a TokenRequest to serviceaccounts/NAME/token, which the
 * request path answers as kube-apiserver does (api/token-request.ts); prints the token, or the
 * TokenRequest with -o.
 */
import type { KObject } from "../../api/types";
import { parseOutput, printStructured } from "../../printers/output";
import type { ExecResult } from "../../types";
import { type Client, errResult, isFailure } from "./client";
import { flag, type ParsedArgs } from "./flags";
import { typedJson } from "./generate";

/** time.ParseDuration for the forms people type (1h, 30m, 90s, 1h30m); seconds, or undefined when malformed. */
function durationSeconds(s: string): number | undefined {
  if (s === "0" || s === "") return 0;
  const m = /^-?((?:\d+(?:\.\d+)?(?:h|m|s|ms))+)$/.exec(s);
  if (!m) return undefined;
  let total = 0;
  for (const part of s.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s)/g))
    total += Number(part[1]) * { h: 3600, m: 60, s: 1, ms: 0.001 }[part[2] as "h" | "m" | "s" | "ms"];
  return total;
}

export function runCreateToken(c: Client, name: string, args: ParsedArgs): ExecResult {
  const fmt = parseOutput(flag(args, "output"));
  if ("error" in fmt) return errResult(fmt.error);
  const durationFlag = flag(args, "duration") ?? "0s";
  const duration = durationSeconds(durationFlag);
  if (duration === undefined)
    return errResult(
      `error: invalid argument "${durationFlag}" for "--duration" flag: time: invalid duration "${durationFlag}"\nSee 'kubectl create token --help' for usage.\n`,
    );
  if (durationFlag.startsWith("-")) return errResult("error: --duration must be greater than or equal to 0\n");
  if (!Number.isInteger(duration)) return errResult("error: --duration cannot be expressed in units less than seconds\n");
  const audiences = args.flags.get("audience") ?? [];
  const r = c.request({
    verb: "create",
    group: "",
    version: "v1",
    resource: "serviceaccounts",
    namespace: c.namespace,
    name,
    subresource: "token",
    body: {
      apiVersion: "authentication.k8s.io/v1",
      kind: "TokenRequest",
      metadata: {},
      spec: { audiences, ...(duration > 0 ? { expirationSeconds: duration } : {}) },
    },
  });
  if (isFailure(r)) return errResult(`error: failed to create token: ${r.body.message ?? ""}\n`);
  const review = r.body as KObject & { status?: { token?: string } };
  // the token alone, with no newline after it (real kubectl v1.32.3, the conformance corpus)
  if (fmt.kind === "table") return { stdout: review.status?.token ?? "", stderr: "", exitCode: 0 };
  if (fmt.kind === "json") return { stdout: typedJson(review), stderr: "", exitCode: 0 };
  const out = printStructured(fmt, [review], true, () => "tokenrequest.authentication.k8s.io");
  return { stdout: out.stdout, stderr: out.stderr ?? "", exitCode: out.stderr ? 1 : 0 };
}
