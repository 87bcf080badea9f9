/**
 * One learner's attempt at one lab unit (a task or a scenario), for admins: who tried it (lab_learner_units, no command
 * text), and for one learner at a time the timeline of the attempt: every command with its exit
 * status and time, and every check with its result. The commands are personal data, so reading a
 * timeline writes an AuditLog row in the same transaction (docs/security.md, H2).
 */
import "server-only";
import type { PrismaClient } from "@/lib/server/db/client";
import { getPrisma } from "@/lib/server/db/client";
import { writeAudit } from "@/lib/server/audit/audit";
import { labClusterKey, type LabUnitKind } from "./lab-record";

export interface LabUnitRef {
  courseSlug: string;
  kind: LabUnitKind;
  unitId: string;
}

export interface LabAttemptRow {
  userId: string;
  email: string;
  name: string | null;
  startedAt: Date;
  checks: number;
  passedAt: Date | null;
  hintsUsed: number;
}

export const LEARNERS_PAGE = 50;

/** Learners who attempted the unit, most recent first. */
export async function labUnitLearners(
  unit: LabUnitRef,
  page: number,
  db: Pick<PrismaClient, "labLearnerUnit"> = getPrisma(),
): Promise<{ rows: LabAttemptRow[]; more: boolean }> {
  const rows = await db.labLearnerUnit.findMany({
    where: { courseSlug: unit.courseSlug, unitKind: unit.kind, unitId: unit.unitId },
    orderBy: [{ startedAt: "desc" }, { userId: "asc" }],
    skip: page * LEARNERS_PAGE,
    take: LEARNERS_PAGE + 1,
    select: { userId: true, startedAt: true, checks: true, passedAt: true, hintsUsed: true, user: { select: { email: true, name: true } } },
  });
  return {
    more: rows.length > LEARNERS_PAGE,
    rows: rows.slice(0, LEARNERS_PAGE).map((r) => ({
      userId: r.userId,
      email: r.user.email,
      name: r.user.name,
      startedAt: r.startedAt,
      checks: r.checks,
      passedAt: r.passedAt,
      hintsUsed: r.hintsUsed,
    })),
  };
}

export interface LabAttemptSummary {
  learner: { id: string; email: string; name: string | null };
  attempt: { startedAt: Date; passedAt: Date | null; lastCheckAt: Date | null; checks: number; hintsUsed: number };
}

/**
 * The attempt's figures without its commands: what the unit's learner list already shows, so no
 * audit. The timeline page renders this on GET; the commands come only from labTimeline(), which
 * the admin asks for with a POST (app/api/admin/lab/timeline).
 */
export async function labAttemptSummary(
  learnerId: string,
  unit: LabUnitRef,
  db: Pick<PrismaClient, "labLearnerUnit"> = getPrisma(),
): Promise<LabAttemptSummary | null> {
  const a = await db.labLearnerUnit.findUnique({
    where: {
      courseSlug_unitKind_unitId_userId: { courseSlug: unit.courseSlug, unitKind: unit.kind, unitId: unit.unitId, userId: learnerId },
    },
    include: { user: { select: { id: true, email: true, name: true } } },
  });
  if (!a) return null;
  return {
    learner: a.user,
    attempt: { startedAt: a.startedAt, passedAt: a.passedAt, lastCheckAt: a.lastCheckAt, checks: a.checks, hintsUsed: a.hintsUsed },
  };
}

export type TimelineEntry =
  { type: "command"; at: Date; line: string; exitCode: number } | { type: "check"; at: Date; passed: boolean; detail: string };

export interface LabTimeline {
  learner: { id: string; email: string; name: string | null };
  attempt: { startedAt: Date; passedAt: Date | null; lastCheckAt: Date | null; checks: number; hintsUsed: number };
  entries: TimelineEntry[];
  /** more entries than TIMELINE_MAX in the window: the first TIMELINE_MAX are shown */
  truncated: boolean;
}

export const TIMELINE_MAX = 500;

/**
 * The attempt's window is from its start to its first pass, or to its last check when it has
 * not passed. Raw records older than the retention are gone: the window may then be empty.
 * Returns null (and audits nothing) when the learner never attempted the unit.
 */
export async function labTimeline(
  actorId: string,
  learnerId: string,
  unit: LabUnitRef,
  db: PrismaClient = getPrisma(),
): Promise<LabTimeline | null> {
  return db.$transaction(async (tx) => {
    const attempt = await tx.labLearnerUnit.findUnique({
      where: {
        courseSlug_unitKind_unitId_userId: { courseSlug: unit.courseSlug, unitKind: unit.kind, unitId: unit.unitId, userId: learnerId },
      },
      include: { user: { select: { id: true, email: true, name: true } } },
    });
    if (!attempt) return null;
    await writeAudit(tx, {
      actorId,
      action: "lab.timeline_view",
      targetUserId: learnerId,
      details: { course: unit.courseSlug, kind: unit.kind, unit: unit.unitId },
    });
    const end = attempt.passedAt ?? attempt.lastCheckAt ?? attempt.startedAt;
    const window = { gte: attempt.startedAt, lte: end };
    const [commands, checks] = await Promise.all([
      tx.labCommand.findMany({
        // commands are recorded under their cluster: a scenario's own, or the course's lesson cluster
        where: { userId: learnerId, courseSlug: labClusterKey({ ...unit, unitKind: unit.kind }), at: window },
        orderBy: [{ at: "asc" }, { id: "asc" }],
        take: TIMELINE_MAX + 1,
        select: { at: true, line: true, exitCode: true },
      }),
      tx.labCheckRun.findMany({
        where: { userId: learnerId, courseSlug: unit.courseSlug, unitKind: unit.kind, unitId: unit.unitId, at: window },
        orderBy: [{ at: "asc" }, { id: "asc" }],
        take: TIMELINE_MAX + 1,
        select: { at: true, passed: true, detail: true },
      }),
    ]);
    const entries: TimelineEntry[] = [
      ...commands.map((c) => ({ type: "command" as const, at: c.at, line: c.line, exitCode: c.exitCode })),
      ...checks.map((c) => ({ type: "check" as const, at: c.at, passed: c.passed, detail: c.detail })),
    ].sort((a, b) => a.at.getTime() - b.at.getTime() || (a.type === b.type ? 0 : a.type === "command" ? -1 : 1));
    return {
      learner: attempt.user,
      attempt: {
        startedAt: attempt.startedAt,
        passedAt: attempt.passedAt,
        lastCheckAt: attempt.lastCheckAt,
        checks: attempt.checks,
        hintsUsed: attempt.hintsUsed,
      },
      entries: entries.slice(0, TIMELINE_MAX),
      truncated: entries.length > TIMELINE_MAX,
    };
  });
}
