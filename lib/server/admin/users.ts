/**
 * Learner management for admins: search, one learner's progress, and role changes. Pro grants
 * live in lib/server/entitlements/grant.ts. Every change is audited in the same transaction.
 * Callers (route handlers) have already checked that the actor is an admin.
 */
import "server-only";
import { writeAudit } from "@/lib/server/audit/audit";
import { getPrisma } from "@/lib/server/db/client";
import { activeGrantWhere } from "@/lib/server/entitlements/pro";

export const USERS_PAGE_SIZE = 25;

export interface UserRow {
  id: string;
  email: string;
  name: string | null;
  role: "LEARNER" | "ADMIN";
  createdAt: Date;
  disabled: boolean;
  isPro: boolean;
  lessonsCompleted: number;
  lastActiveDay: string | null;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function searchUsers(
  opts: { q?: string; page?: number; role?: "LEARNER" | "ADMIN" },
  now = new Date(),
): Promise<{ rows: UserRow[]; total: number }> {
  const prisma = getPrisma();
  // Control characters (a NUL above all: PostgreSQL text cannot hold one) are never part of an email or name.
  const q = opts.q
    ?.replace(/\p{Cc}/gu, "")
    .trim()
    .slice(0, 100);
  const where = {
    ...(q
      ? { OR: [{ email: { contains: escapeLike(q.toLowerCase()) } }, { name: { contains: escapeLike(q), mode: "insensitive" as const } }] }
      : {}),
    ...(opts.role ? { role: opts.role } : {}),
  };
  const page = Math.max(1, opts.page ?? 1);
  const [total, users] = await Promise.all([
    prisma.user.count({ where }),
    prisma.user.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
      select: { id: true, email: true, name: true, role: true, createdAt: true, disabledAt: true },
    }),
  ]);
  const ids = users.map((u) => u.id);
  const [pro, completed, lastDays] = await Promise.all([
    prisma.entitlement.findMany({
      where: { userId: { in: ids }, revokedAt: null, startsAt: { lte: now }, OR: [{ endsAt: null }, { endsAt: { gt: now } }] },
      select: { userId: true },
      distinct: ["userId"],
    }),
    prisma.lessonProgress.groupBy({ by: ["userId"], where: { userId: { in: ids }, status: "COMPLETED" }, _count: { _all: true } }),
    prisma.learnerDay.groupBy({ by: ["userId"], where: { userId: { in: ids } }, _max: { day: true } }),
  ]);
  const proSet = new Set(pro.map((p) => p.userId));
  const completedBy = new Map(completed.map((c) => [c.userId, c._count._all]));
  const lastBy = new Map(lastDays.map((d) => [d.userId, d._max.day?.toISOString().slice(0, 10) ?? null]));
  return {
    total,
    rows: users.map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role,
      createdAt: u.createdAt,
      disabled: u.disabledAt !== null,
      isPro: proSet.has(u.id),
      lessonsCompleted: completedBy.get(u.id) ?? 0,
      lastActiveDay: lastBy.get(u.id) ?? null,
    })),
  };
}

export async function userDetail(id: string, now = new Date()) {
  const prisma = getPrisma();
  const user = await prisma.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, createdAt: true, disabledAt: true },
  });
  if (!user) return null;
  const [progress, quiz, tasks, terminals, grants, active] = await Promise.all([
    prisma.lessonProgress.findMany({ where: { userId: id }, orderBy: [{ courseSlug: "asc" }, { openedAt: "asc" }] }),
    prisma.quizLearnerLesson.findMany({ where: { userId: id } }),
    prisma.taskCompletion.findMany({
      where: { userId: id },
      orderBy: { passedAt: "asc" },
      select: { courseSlug: true, lessonSlug: true, taskId: true, passedAt: true },
    }),
    prisma.terminalSession.findMany({
      where: { userId: id },
      select: { courseSlug: true, createdAt: true, lastActiveAt: true, lastSeq: true },
    }),
    prisma.entitlement.findMany({
      where: { userId: id },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        source: true,
        startsAt: true,
        endsAt: true,
        revokedAt: true,
        createdAt: true,
        grantedBy: { select: { email: true } },
      },
    }),
    prisma.entitlement.findFirst({ where: activeGrantWhere(id, now), select: { id: true } }),
  ]);
  return { user, progress, quiz, tasks, terminals, grants, isPro: active !== null };
}

export class AdminRuleError extends Error {}

/** Makes a learner an admin or an admin a learner. An admin cannot demote themselves (no lock-out). */
export async function setRole(actorId: string, userId: string, role: "LEARNER" | "ADMIN"): Promise<{ changed: boolean }> {
  if (actorId === userId && role !== "ADMIN") throw new AdminRuleError("You cannot remove your own admin role.");
  return getPrisma().$transaction(async (tx) => {
    const [target] = await tx.$queryRaw<{ role: "LEARNER" | "ADMIN" }[]>`SELECT role FROM users WHERE id = ${userId} FOR UPDATE`;
    if (!target) throw new AdminRuleError("No such user.");
    if (target.role === role) return { changed: false };
    await tx.user.update({ where: { id: userId }, data: { role } });
    await writeAudit(tx, {
      actorId,
      action: role === "ADMIN" ? "role.grant_admin" : "role.revoke_admin",
      targetUserId: userId,
      details: { from: target.role, to: role },
    });
    return { changed: true };
  });
}
