/**
 * The shape of a kubectl bearer token: `kyd_` then 32 random bytes in base64url (43 characters,
 * no padding). The prefix makes a leaked token recognisable (secret scanners, logs) and lets the
 * server refuse anything else before hashing or touching the database.
 */
import "server-only";
import { createHash, randomBytes } from "node:crypto";

export const KUBE_TOKEN_MARK = "kyd_";
const RANDOM_BYTES = 32;
/** 4 + 43 */
export const KUBE_TOKEN_LENGTH = KUBE_TOKEN_MARK.length + Math.ceil((RANDOM_BYTES * 4) / 3);
/** What the account page shows of a token: the mark and 6 random characters (36 bits, not enough to guess the rest). */
const PREFIX_LENGTH = KUBE_TOKEN_MARK.length + 6;
const SHAPE = /^kyd_[A-Za-z0-9_-]{43}$/;

export function newKubeTokenSecret(): string {
  return KUBE_TOKEN_MARK + randomBytes(RANDOM_BYTES).toString("base64url");
}

/** Length first (cheap, bounded), then the exact alphabet. */
export function isKubeTokenShape(raw: unknown): raw is string {
  return typeof raw === "string" && raw.length === KUBE_TOKEN_LENGTH && SHAPE.test(raw);
}

export function hashKubeToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function kubeTokenPrefix(token: string): string {
  return token.slice(0, PREFIX_LENGTH);
}
