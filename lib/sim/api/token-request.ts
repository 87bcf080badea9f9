/**
 * POST serviceaccounts/{name}/token: a TokenRequest answered with a service account token, as
 * kube-apiserver's TokenREST does (pkg/registry/core/serviceaccount/storage/token.go, v1.32):
 * audiences default to the apiserver's
 * (--api-audiences, kubeadm's https://kubernetes.default.svc.cluster.local), expirationSeconds to
 * an hour (SetDefaults_TokenRequestSpec), bounded by ValidateTokenRequest (10 minutes to 2^32 s).
 * The token is a JWT signed as pkg/serviceaccount/claims.go and jwt.go sign it: RS256 with
 * --service-account-signing-key-file (kubeadm's /etc/kubernetes/pki/sa.key), kid =
 * base64url(SHA-256 of the public key's DER), the kubernetes.io claims. It verifies with sa.pub.
 */
import { createHash, createPrivateKey, createPublicKey, createSign } from "node:crypto";
import { invalidStatus } from "./field";
import { newUid, rfc3339 } from "./meta";
import { internalError } from "./status";
import type { KObject, Status } from "./types";

export const API_AUDIENCE = "https://kubernetes.default.svc.cluster.local";
/** kubeadm's --service-account-signing-key-file */
export const SIGNING_KEY_PATH = "/etc/kubernetes/pki/sa.key";

/** The signing key from the control plane node's files. */
export function signingKeyFrom(fs: {
  readFile(path: string): { ok: true; value: Uint8Array | string } | { ok: false };
}): string | undefined {
  const f = fs.readFile(SIGNING_KEY_PATH);
  return f.ok ? Buffer.from(f.value).toString("utf8") : undefined;
}
const ISSUER = API_AUDIENCE;
const MIN_SECONDS = 10 * 60;
const MAX_SECONDS = 2 ** 32;

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64").replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");

interface TokenRequestBody {
  metadata?: { name?: string; namespace?: string };
  spec?: { audiences?: string[]; expirationSeconds?: number; boundObjectRef?: unknown };
}

/** The TokenRequest with its status, or the Status the apiserver answers instead. */
export function issueToken(
  body: unknown,
  sa: KObject,
  ctx: { now: number; random: () => number; signingKey: string | undefined },
): KObject | Status {
  const req = (typeof body === "object" && body !== null ? body : {}) as TokenRequestBody;
  const name = sa.metadata.name;
  const namespace = sa.metadata.namespace ?? "default";
  const seconds = req.spec?.expirationSeconds ?? 3600;
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS)
    return invalidStatus("authentication.k8s.io", "TokenRequest", name, [
      {
        type: "FieldValueInvalid",
        field: "spec.expirationSeconds",
        value: seconds,
        detail:
          seconds < MIN_SECONDS ? "may not specify a duration less than 10 minutes" : "may not specify a duration larger than 2^32 seconds",
      },
    ]);
  if (!ctx.signingKey) return internalError("the service account signing key is not readable");
  const audiences = req.spec?.audiences?.length ? req.spec.audiences : [API_AUDIENCE];
  const now = Math.floor(ctx.now / 1000);
  const privateKey = createPrivateKey(ctx.signingKey);
  const der = createPublicKey(privateKey).export({ type: "spki", format: "der" });
  const kid = b64url(createHash("sha256").update(der).digest());
  const claims = {
    aud: audiences,
    exp: now + seconds,
    iat: now,
    iss: ISSUER,
    jti: newUid(ctx.random),
    "kubernetes.io": { namespace, serviceaccount: { name, uid: sa.metadata.uid } },
    nbf: now,
    sub: `system:serviceaccount:${namespace}:${name}`,
  };
  const signingInput = `${b64url(JSON.stringify({ alg: "RS256", kid }))}.${b64url(JSON.stringify(claims))}`;
  const token = `${signingInput}.${b64url(createSign("RSA-SHA256").update(signingInput).sign(privateKey))}`;
  return {
    kind: "TokenRequest",
    apiVersion: "authentication.k8s.io/v1",
    metadata: { name, namespace, creationTimestamp: rfc3339(now * 1000) },
    spec: { audiences, expirationSeconds: seconds, boundObjectRef: req.spec?.boundObjectRef ?? null },
    status: { token, expirationTimestamp: rfc3339((now + seconds) * 1000) },
  } as unknown as KObject;
}
