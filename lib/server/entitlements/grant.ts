/** Granting and revoking Pro. Every grant is a row; isPro() (pro.ts) is the only reader. */
import "server-only";
import { writeAudit } from "@/lib/server/audit/audit";
import { getPrisma } from "@/lib/server/db/client";
import { activeGrantWhere } from "./pro";

export type EarlyAccess = { granted: boolean } | { refused: "disabled" | "revoked-by-admin" };

/**
 * Early access: Pro is free and immediate. Idempotent: a learner who already holds an active
 * grant gets no second one. Serialised per learner (row lock on the user) so two clicks at once
 * still make one grant. Refused to a disabled account, and to a learner whose Pro an admin
 * revoked (until an admin grants it again): the learner cannot undo an admin's decision.
 */
export async function grantEarlyAccess(userId: string, now = new Date()): Promise<EarlyAccess> {
  const prisma = getPrisma();
  return prisma.$transaction(async (tx) => {
    const [user] = await tx.$queryRaw<{ disabled_at: Date | null }[]>`SELECT disabled_at FROM users WHERE id = ${userId} FOR UPDATE`;
    if (!user || user.disabled_at) return { refused: "disabled" as const };
    const active = await tx.entitlement.findFirst({ where: activeGrantWhere(userId, now), select: { id: true } });
    if (active) return { granted: false };
    const [revoked, regranted] = await Promise.all([
      tx.entitlement.findFirst({
        where: { userId, revokedAt: { not: null } },
        orderBy: { revokedAt: "desc" },
        select: { revokedAt: true },
      }),
      tx.entitlement.findFirst({ where: { userId, source: "ADMIN_GRANT" }, orderBy: { createdAt: "desc" }, select: { createdAt: true } }),
    ]);
    if (revoked?.revokedAt && (!regranted || regranted.createdAt < revoked.revokedAt)) return { refused: "revoked-by-admin" as const };
    await tx.entitlement.create({ data: { userId, plan: "PRO", source: "EARLY_ACCESS", startsAt: now } });
    await writeAudit(tx, { actorId: userId, action: "pro.early_access", targetUserId: userId });
    return { granted: true };
  });
}

/** An admin grants Pro, for `days` days or without end. Audited. */
export async function adminGrantPro(
  actorId: string,
  userId: string,
  opts: { days: number | null },
  now = new Date(),
): Promise<{ id: string; endsAt: Date | null }> {
  const endsAt = opts.days ? new Date(now.getTime() + opts.days * 86_400_000) : null;
  return getPrisma().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${userId} FOR UPDATE`;
    const row = await tx.entitlement.create({
      data: { userId, plan: "PRO", source: "ADMIN_GRANT", startsAt: now, endsAt, grantedById: actorId },
      select: { id: true, endsAt: true },
    });
    await writeAudit(tx, {
      actorId,
      action: "pro.grant",
      targetUserId: userId,
      details: { entitlementId: row.id, days: opts.days, endsAt: endsAt?.toISOString() ?? null },
    });
    return row;
  });
}

/** An admin ends every active grant of a learner (any source) now. Audited. */
export async function adminRevokePro(actorId: string, userId: string, now = new Date()): Promise<{ revoked: number }> {
  return getPrisma().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${userId} FOR UPDATE`;
    const active = await tx.entitlement.findMany({ where: activeGrantWhere(userId, now), select: { id: true, source: true } });
    if (active.length === 0) return { revoked: 0 };
    await tx.entitlement.updateMany({ where: { id: { in: active.map((a) => a.id) } }, data: { revokedAt: now, revokedById: actorId } });
    await writeAudit(tx, {
      actorId,
      action: "pro.revoke",
      targetUserId: userId,
      details: { grants: active.length, sources: active.map((a) => a.source).join(",") },
    });
    return { revoked: active.length };
  });
}
