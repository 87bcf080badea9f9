/**
 * Sign-in and sign-up limits (security.md A4, A5; issue 10, rows 8 and 11), as token buckets in
 * PostgreSQL so every app instance shares them. OWASP's authentication guidance is the model: a
 * stranger must not be able to lock the owner out, so the lock-out is per (account, IP), and the
 * account as a whole is only slowed down, never locked for an hour.
 *
 *  - per (account, IP): 10 attempts at once, then one every 90 s;
 *  - per account, from anywhere: 20 at once, then 80 an hour (at most 100 checks an hour, ASVS 2.2.1);
 *  - per IP, over all accounts: 300 an hour (password spraying);
 *  - sign-ups per IP: SIGNUP_MAX_PER_IP_PER_HOUR an hour, none from an IP blocked from signing in.
 *
 * An attempt takes a token from each of its buckets in one transaction (row locks, all or none)
 * before the password is hashed, so 40 parallel attempts check at most the limit, and a blocked
 * caller costs no argon2. A successful sign-in gives its tokens back: only failures count.
 */
import "server-only";
import { getPrisma } from "@/lib/server/db/client";

export interface BucketSpec {
  key: string;
  capacity: number;
  perHour: number;
}

const HOUR_MS = 3_600_000;

export const SIGN_IN_LIMITS = {
  pair: { capacity: 10, perHour: 40 },
  account: { capacity: 20, perHour: 80 },
  ip: { capacity: 300, perHour: 300 },
} as const;

const norm = (email: string) => email.trim().toLowerCase();

export function signInIpBucket(ip: string): BucketSpec {
  return { key: `signin:ip:${ip}`, ...SIGN_IN_LIMITS.ip };
}

export function signInBuckets(email: string, ip: string | null): BucketSpec[] {
  const e = norm(email);
  const specs: BucketSpec[] = [{ key: `signin:acct:${e}`, ...SIGN_IN_LIMITS.account }];
  if (ip) specs.push({ key: `signin:pair:${e}|${ip}`, ...SIGN_IN_LIMITS.pair }, signInIpBucket(ip));
  return specs;
}

export function signUpBucket(ip: string, perHour: number): BucketSpec {
  return { key: `signup:ip:${ip}`, capacity: perHour, perHour };
}

/** Tokens in a bucket `elapsedMs` after it held `tokens`. */
export function refilled(spec: BucketSpec, tokens: number, elapsedMs: number): number {
  return Math.min(spec.capacity, tokens + (Math.max(0, elapsedMs) * spec.perHour) / HOUR_MS);
}

export type Take = { ok: true } | { ok: false; retryAfterMs: number };

/** Takes one token from every bucket, or from none when any is empty. */
export async function takeTokens(specs: BucketSpec[], now = new Date()): Promise<Take> {
  const sorted = [...specs].sort((a, b) => a.key.localeCompare(b.key)); // one lock order: no deadlocks
  const keys = sorted.map((s) => s.key);
  return getPrisma().$transaction(
    async (tx) => {
      await tx.$executeRaw`
      INSERT INTO rate_limit_buckets (key, tokens, updated_at)
      SELECT k, c, ${now} FROM unnest(${keys}::text[], ${sorted.map((s) => s.capacity)}::float8[]) AS t(k, c)
      ON CONFLICT (key) DO NOTHING`;
      const rows = await tx.$queryRaw<{ key: string; tokens: number; updated_at: Date }[]>`
      SELECT key, tokens, updated_at FROM rate_limit_buckets WHERE key = ANY(${keys}::text[]) ORDER BY key FOR UPDATE`;
      const byKey = new Map(rows.map((r) => [r.key, r]));
      const next: number[] = [];
      let retryAfterMs = 0;
      for (const spec of sorted) {
        const row = byKey.get(spec.key);
        const tokens = row ? refilled(spec, row.tokens, now.getTime() - row.updated_at.getTime()) : spec.capacity;
        if (tokens < 1) retryAfterMs = Math.max(retryAfterMs, Math.ceil(((1 - tokens) * HOUR_MS) / spec.perHour));
        next.push(tokens - 1);
      }
      if (retryAfterMs > 0) return { ok: false, retryAfterMs };
      await tx.$executeRaw`
      UPDATE rate_limit_buckets AS b SET tokens = v.t, updated_at = ${now}
        FROM unnest(${keys}::text[], ${next}::float8[]) AS v(k, t) WHERE b.key = v.k`;
      return { ok: true };
    },
    { maxWait: 10_000, timeout: 10_000 },
  ); // a burst of attempts queues for the pool rather than failing
}

/** Gives back the tokens of an attempt that turned out fine (a successful sign-in). */
export async function refundTokens(specs: BucketSpec[]): Promise<void> {
  for (const spec of specs) {
    await getPrisma()
      .$executeRaw`UPDATE rate_limit_buckets SET tokens = LEAST(${spec.capacity}::float8, tokens + 1) WHERE key = ${spec.key}`;
  }
}

/** Whether a bucket is empty right now, without taking from it. */
export async function isEmpty(spec: BucketSpec, now = new Date()): Promise<boolean> {
  const [row] = await getPrisma().$queryRaw<
    { tokens: number; updated_at: Date }[]
  >`SELECT tokens, updated_at FROM rate_limit_buckets WHERE key = ${spec.key}`;
  return row ? refilled(spec, row.tokens, now.getTime() - row.updated_at.getTime()) < 1 : false;
}

/** Housekeeping: a bucket untouched for a day is full again, the same as no row. */
export async function pruneBuckets(now = new Date()): Promise<number> {
  return getPrisma().$executeRaw`DELETE FROM rate_limit_buckets WHERE updated_at < ${new Date(now.getTime() - 24 * HOUR_MS)}`;
}
