/**
 * The one rule for Pro: a learner is Pro while they hold a grant (early access, admin grant or
 * payment) that has started, has not ended and was not revoked. Every Pro check (pages, route
 * handlers, the terminal's WebSocket) calls this; expiry needs no job or restart.
 */
import "server-only";
import { getPrisma } from "@/lib/server/db/client";

export function activeGrantWhere(userId: string, at: Date) {
  return {
    userId,
    revokedAt: null,
    startsAt: { lte: at },
    OR: [{ endsAt: null }, { endsAt: { gt: at } }],
  };
}

export async function isPro(userId: string, at: Date = new Date()): Promise<boolean> {
  const grant = await getPrisma().entitlement.findFirst({ where: activeGrantWhere(userId, at), select: { id: true } });
  return grant !== null;
}
