/**
 * Scenario attempts: one row per try at a troubleshooting scenario, from the moment its broken
 * cluster was made (start or restart) until it is solved or restarted. Records the hints revealed
 * (one row per reveal, in order), the checks run, and the time to solve. Every query is scoped by
 * the learner's user id; the clock is a parameter so the tests control it.
 */
import "server-only";
import { getPrisma, type PrismaClient } from "@/lib/server/db/client";

export interface AttemptView {
  id: string;
  attemptNumber: number;
  startedAt: Date;
  hintsUsed: number;
  checks: number;
  solvedAt: Date | null;
  timeToSolveMs: number | null;
}

export interface ScenarioRef {
  userId: string;
  courseSlug: string;
  scenarioSlug: string;
}

const SELECT = {
  id: true,
  attemptNumber: true,
  startedAt: true,
  hintsUsed: true,
  checks: true,
  solvedAt: true,
  timeToSolveMs: true,
} as const;
const MAX_NUMBERING_RETRIES = 10;

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "P2002";
}

export class ScenarioAttempts {
  constructor(private readonly prisma: PrismaClient = getPrisma()) {}

  /** The learner's latest attempt at the scenario, restarted ones excluded; null before the first start. */
  async current(ref: ScenarioRef): Promise<AttemptView | null> {
    return this.prisma.scenarioAttempt.findFirst({
      where: { ...ref, abandonedAt: null },
      orderBy: { attemptNumber: "desc" },
      select: SELECT,
    });
  }

  /** The current attempt, or a first one started now. Opening the scenario twice starts it once. */
  async start(ref: ScenarioRef, now = new Date()): Promise<AttemptView> {
    const existing = await this.current(ref);
    if (existing) return existing;
    return this.create(ref, now);
  }

  /**
   * The learner restarted the scenario on a fresh broken cluster: an unsolved current attempt is
   * marked abandoned (a solved one stays solved), and a new attempt starts now.
   */
  async restart(ref: ScenarioRef, now = new Date()): Promise<AttemptView> {
    await this.prisma.scenarioAttempt.updateMany({ where: { ...ref, abandonedAt: null, solvedAt: null }, data: { abandonedAt: now } });
    return this.create(ref, now); // the highest number is the current attempt, so a solved one simply stops being current
  }

  /**
   * Reveals the attempt's next hint, if the scenario has one left: records the reveal and returns
   * its index (0-based). Two tabs asking at once reveal one hint each, never the same one twice.
   */
  async revealNextHint(ref: ScenarioRef, attemptId: string, hintCount: number, now = new Date()): Promise<{ index: number } | null> {
    for (let i = 0; i < MAX_NUMBERING_RETRIES; i++) {
      const attempt = await this.prisma.scenarioAttempt.findFirst({ where: { ...ref, id: attemptId }, select: { hintsUsed: true } });
      if (!attempt || attempt.hintsUsed >= hintCount) return null;
      const index = attempt.hintsUsed;
      const revealed = await this.prisma.$transaction(async (tx) => {
        const { count } = await tx.scenarioAttempt.updateMany({
          where: { id: attemptId, hintsUsed: index },
          data: { hintsUsed: index + 1 },
        });
        if (count !== 1) return false; // another tab revealed this one first: try the next
        await tx.scenarioHintReveal.create({ data: { attemptId, hintIndex: index, revealedAt: now } });
        return true;
      });
      if (revealed) return { index };
    }
    throw new Error("could not reveal a hint: too many concurrent reveals");
  }

  /** Counts one "Check my work"; the first passing one solves the attempt and fixes its time to solve. */
  async recordCheck(ref: ScenarioRef, attemptId: string, passed: boolean, now = new Date()): Promise<AttemptView | null> {
    const attempt = await this.prisma.scenarioAttempt.findFirst({ where: { ...ref, id: attemptId }, select: SELECT });
    if (!attempt) return null;
    await this.prisma.scenarioAttempt.updateMany({ where: { id: attemptId }, data: { checks: { increment: 1 } } });
    if (passed) {
      // `solvedAt: null` in the where: of two passing checks racing (two tabs), the first solve stays
      await this.prisma.scenarioAttempt.updateMany({
        where: { id: attemptId, solvedAt: null },
        data: { solvedAt: now, timeToSolveMs: Math.max(0, now.getTime() - attempt.startedAt.getTime()) },
      });
    }
    return this.prisma.scenarioAttempt.findFirst({ where: { id: attemptId }, select: SELECT });
  }

  /** Indices of the hints revealed in an attempt, in order. */
  async revealedHints(ref: ScenarioRef, attemptId: string): Promise<number[]> {
    const rows = await this.prisma.scenarioHintReveal.findMany({
      where: { attemptId, attempt: { ...ref } },
      orderBy: { hintIndex: "asc" },
      select: { hintIndex: true },
    });
    return rows.map((r) => r.hintIndex);
  }

  private async create(ref: ScenarioRef, now: Date): Promise<AttemptView> {
    for (let i = 0; i < MAX_NUMBERING_RETRIES; i++) {
      const last = await this.prisma.scenarioAttempt.findFirst({
        where: ref,
        orderBy: { attemptNumber: "desc" },
        select: { attemptNumber: true },
      });
      try {
        return await this.prisma.scenarioAttempt.create({
          data: { ...ref, attemptNumber: (last?.attemptNumber ?? 0) + 1, startedAt: now },
          select: SELECT,
        });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        // two tabs started at once: the other one's attempt is the current one
        const current = await this.current(ref);
        if (current) return current;
      }
    }
    throw new Error("could not number a scenario attempt: too many concurrent starts");
  }
}
