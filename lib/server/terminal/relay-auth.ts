/**
 * The credential one app instance shows another when it relays a learner's tab (or kubectl
 * request) to the instance that holds the learner's cluster (issue 15; security.md C9-C11).
 *
 * The relaying instance has already done every check a local tab gets (Origin, cookie session,
 * Pro, limits), so the holder must accept exactly that decision and nothing else: a token binds
 * the purpose, the learner, the cluster key and the cluster's row id, and expires within
 * RELAY_TOKEN_TTL_MS. It is an HMAC-SHA256 under a key derived from AUTH_SECRET, which every
 * instance shares and no learner knows. It travels in a request header, which a browser cannot
 * set on a WebSocket, so a page can never present one.
 */
import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { z } from "zod";

export const RELAY_AUTH_HEADER = "x-kubeyard-relay";
/**
 * Long enough for one handshake between instances whose clocks disagree by up to half of it,
 * short enough that a leaked token soon means nothing.
 */
export const RELAY_TOKEN_TTL_MS = 30_000;

export type RelayPurpose = "terminal" | "kube";

const claimsSchema = z
  .object({
    p: z.enum(["terminal", "kube"]),
    u: z.string().min(1).max(64),
    k: z.string().min(1).max(128),
    s: z.string().min(1).max(64),
    exp: z.number().int().positive(),
  })
  .strict();

export interface RelayClaims {
  purpose: RelayPurpose;
  userId: string;
  clusterKey: string;
  sessionId: string;
  expiresAt: number;
}

/** The relay key: its own key, so a relay token can never pass for a session cookie or anything else AUTH_SECRET signs. */
export function relayKey(authSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret, "kubeyard", "instance relay v1", 32));
}

const mac = (key: Buffer, payload: string) => createHmac("sha256", key).update(payload).digest();

/** A token for `claims`, valid until now + RELAY_TOKEN_TTL_MS. */
export function signRelayToken(key: Buffer, claims: Omit<RelayClaims, "expiresAt">, now: number): string {
  const body = { p: claims.purpose, u: claims.userId, k: claims.clusterKey, s: claims.sessionId, exp: now + RELAY_TOKEN_TTL_MS };
  const payload = Buffer.from(JSON.stringify(body)).toString("base64url");
  return `${payload}.${mac(key, payload).toString("base64url")}`;
}

/**
 * The claims of a genuine, unexpired token for `purpose`, or null. The MAC is compared in
 * constant time before the payload is even parsed, so a forged token costs one HMAC and nothing
 * else.
 */
export function verifyRelayToken(key: Buffer, token: string | undefined, purpose: RelayPurpose, now: number): RelayClaims | null {
  if (!token || token.length > 1024) return null;
  const parts = token.split(".");
  if (parts.length !== 2) return null;
  const [payload, given] = parts;
  const expected = mac(key, payload);
  const presented = Buffer.from(given, "base64url");
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = claimsSchema.safeParse(json);
  if (!parsed.success) return null;
  const c = parsed.data;
  if (c.p !== purpose || c.exp <= now || c.exp > now + 2 * RELAY_TOKEN_TTL_MS) return null;
  return { purpose: c.p, userId: c.u, clusterKey: c.k, sessionId: c.s, expiresAt: c.exp };
}
