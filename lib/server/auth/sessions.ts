/**
 * Server-side session registry. next-auth issues a JWT cookie; the JWT alone cannot be revoked,
 * so it carries a session id (`sid`) that names a row here (security.md A7/A8). Every request
 * checks that row: revoked (sign-out, password change, "sign out everywhere", account disabled),
 * idle for more than 30 minutes, or older than 12 hours → the cookie is worth nothing.
 */
import "server-only";
import { getPrisma } from "@/lib/server/db/client";
import { isPro } from "@/lib/server/entitlements/pro";
import type { SessionUser } from "./session-user";

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often, so reads stay reads. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export async function createAuthSession(userId: string, meta: { ip?: string | null; userAgent?: string | null }): Promise<string> {
  const row = await getPrisma().authSession.create({
    data: { userId, ip: meta.ip ?? null, userAgent: meta.userAgent?.slice(0, 300) ?? null },
    select: { id: true },
  });
  return row.id;
}

export async function revokeAuthSession(sid: string): Promise<void> {
  await getPrisma().authSession.updateMany({ where: { id: sid, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Ends every session of a user (password change, sign out everywhere, account disabled). */
export async function revokeAllAuthSessions(userId: string): Promise<number> {
  const { count } = await getPrisma().authSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count;
}

/**
 * The user behind a (sub, sid) pair from a verified JWT, or null when the session is no longer
 * valid. Used by pages, route handlers and the WebSocket upgrade alike.
 */
export async function resolveAuthSession(sub: string, sid: string, now = new Date()): Promise<SessionUser | null> {
  const prisma = getPrisma();
  const row = await prisma.authSession.findUnique({
    where: { id: sid },
    select: {
      userId: true,
      createdAt: true,
      lastSeenAt: true,
      revokedAt: true,
      user: { select: { id: true, email: true, name: true, role: true, disabledAt: true } },
    },
  });
  if (!row || row.revokedAt || row.userId !== sub || row.user.disabledAt) return null;
  const t = now.getTime();
  if (t - row.createdAt.getTime() > ABSOLUTE_TIMEOUT_MS || t - row.lastSeenAt.getTime() > IDLE_TIMEOUT_MS) {
    await revokeAuthSession(sid);
    return null;
  }
  const [pro] = await Promise.all([
    isPro(row.user.id, now),
    t - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS ? prisma.authSession.update({ where: { id: sid }, data: { lastSeenAt: now } }) : null,
  ]);
  return { id: row.user.id, email: row.user.email, name: row.user.name, role: row.user.role, isPro: pro };
}
