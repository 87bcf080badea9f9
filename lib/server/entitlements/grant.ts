/** Granting Pro. Every grant is a row; isPro() (pro.ts) is the only reader. */
import { getPrisma } from "@/lib/server/db/client";
import { activeGrantWhere } from "./pro";

/**
 * Early access: Pro is free and immediate. Idempotent: a learner who already holds an active
 * grant gets no second one.
 */
export async function grantEarlyAccess(userId: string, now = new Date()): Promise<{ granted: boolean }> {
  const prisma = getPrisma();
  return prisma.$transaction(async (tx) => {
    const active = await tx.entitlement.findFirst({ where: activeGrantWhere(userId, now), select: { id: true } });
    if (active) return { granted: false };
    await tx.entitlement.create({ data: { userId, plan: "PRO", source: "EARLY_ACCESS", startsAt: now } });
    return { granted: true };
  });
}
