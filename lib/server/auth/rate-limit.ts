/**
 * Brute-force limits for sign-in (security.md A4/A5): at most 100 failed attempts per account and
 * 300 per client IP in any rolling hour. Failures are rows in PostgreSQL, so every app instance
 * sees the same counts. Checked before the password is hashed, so a blocked caller costs no argon2.
 */
import { getPrisma } from "@/lib/server/db/client";

export const WINDOW_MS = 60 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 100;
export const MAX_FAILURES_PER_IP = 300;

export const accountKey = (email: string) => `acct:${email.toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

export async function isSignInBlocked(email: string, ip: string | null, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const prisma = getPrisma();
  const [byAccount, byIp] = await Promise.all([
    prisma.loginFailure.count({ where: { key: accountKey(email), createdAt: { gt: since } } }),
    ip ? prisma.loginFailure.count({ where: { key: ipKey(ip), createdAt: { gt: since } } }) : 0,
  ]);
  return byAccount >= MAX_FAILURES_PER_ACCOUNT || byIp >= MAX_FAILURES_PER_IP;
}

export async function recordSignInFailure(email: string, ip: string | null, now = new Date()): Promise<void> {
  const rows = [{ key: accountKey(email), createdAt: now }];
  if (ip) rows.push({ key: ipKey(ip), createdAt: now });
  await getPrisma().loginFailure.createMany({ data: rows });
}

/** Housekeeping: rows older than the window no longer count. */
export async function pruneSignInFailures(now = new Date()): Promise<number> {
  const { count } = await getPrisma().loginFailure.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - WINDOW_MS) } } });
  return count;
}
