/**
 * `kubectl create token SA` (staging/src/k8s.io/kubectl/pkg/cmd/create/create_token.go). The real
 * apiserver answers a TokenRequest on serviceaccounts/NAME/token with a JWT signed by
 * --service-account-private-key-file; the request path has no token subresource yet, so kubectl
 * checks the ServiceAccount through it (existence and RBAC of `get`) and mints the token the way
 * kube-apiserver does (pkg/serviceaccount/claims.go, jwt.go): RS256 with the cluster's
 * /etc/kubernetes/pki/sa.key, kid = base64url(SHA-256 of the public key's DER), the
 * kubernetes.io claims, an hour by default. It is a real JWT that verifies with sa.pub.
 */
import { createHash, createPrivateKey, createPublicKey, createSign } from "node:crypto";
import { newUid } from "../../api/meta";
import type { KObject } from "../../api/types";
import { parseOutput, printStructured } from "../../printers/output";
import type { ExecResult } from "../../types";
import { type Client, errResult, isFailure } from "./client";
import { flag, type ParsedArgs } from "./flags";
import { typedJson } from "./generate";

const ISSUER = "https://kubernetes.default.svc.cluster.local";
const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64").replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");

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
  const sa = c.request({ verb: "get", group: "", version: "v1", resource: "serviceaccounts", namespace: c.namespace, name });
  if (isFailure(sa)) return errResult(`error: failed to create token: ${sa.body.message ?? ""}\n`);
  // the apiserver's TokenRequest validation (pkg/apis/authentication/validation)
  if (duration !== 0 && duration < 600) {
    return errResult(
      `error: failed to create token: TokenRequest.authentication.k8s.io "${name}" is invalid: spec.expirationSeconds: Invalid value: ${duration}: may not specify a duration less than 10 minutes\n`,
    );
  }
  const key = c.ctx.fs.readFile("/etc/kubernetes/pki/sa.key");
  if (!key.ok) return errResult(`error: failed to create token: the server could not find the service account signing key\n`);
  const now = Math.floor(c.ctx.now / 1000);
  const expiresIn = duration || 3600;
  const audiences = args.flags.get("audience") ?? [ISSUER];
  const account = (sa.body as KObject).metadata;
  const privateKey = createPrivateKey(key.value);
  const der = createPublicKey(privateKey).export({ type: "spki", format: "der" });
  const kid = b64url(createHash("sha256").update(der).digest());
  const claims = {
    aud: audiences,
    exp: now + expiresIn,
    iat: now,
    iss: ISSUER,
    jti: newUid(() => c.ctx.random()),
    "kubernetes.io": { namespace: c.namespace, serviceaccount: { name, uid: account.uid } },
    nbf: now,
    sub: `system:serviceaccount:${c.namespace}:${name}`,
  };
  const signingInput = `${b64url(JSON.stringify({ alg: "RS256", kid }))}.${b64url(JSON.stringify(claims))}`;
  const token = `${signingInput}.${b64url(createSign("RSA-SHA256").update(signingInput).sign(privateKey))}`;
  if (fmt.kind === "table") return { stdout: `${token}\n`, stderr: "", exitCode: 0 };
  const review = {
    kind: "TokenRequest",
    apiVersion: "authentication.k8s.io/v1",
    metadata: { name, namespace: c.namespace, creationTimestamp: new Date(now * 1000).toISOString().replace(/\.\d{3}Z$/, "Z") },
    spec: { audiences, expirationSeconds: expiresIn, boundObjectRef: null },
    status: { token, expirationTimestamp: new Date((now + expiresIn) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z") },
  };
  if (fmt.kind === "json") return { stdout: typedJson(review), stderr: "", exitCode: 0 };
  const out = printStructured(fmt, [review], true, () => "tokenrequest.authentication.k8s.io");
  return { stdout: out.stdout, stderr: out.stderr ?? "", exitCode: out.stderr ? 1 : 0 };
}
