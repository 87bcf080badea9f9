/**
 * Item discrimination: the point-biserial correlation between a learner's first-attempt
 * correctness on an item (0/1) and their rest score, the share of their OTHER first answers in
 * the same course that were right. The item is excluded from the score so it does not correlate
 * with itself; a share rather than a count, so learners who answered fewer questions compare
 * fairly. Learners whose only answer in the course is this item are left out. Point-biserial is
 * Pearson's r with one dichotomous variable, i.e. PostgreSQL's corr(). NULL when undefined (all
 * right, all wrong, or all rest scores equal).
 *
 * Chosen over the upper-lower 27 % index: it uses every learner rather than 54 % of them and
 * needs no tie rule at the cut-offs, which matters with small cohorts.
 *
 * It describes the item over all first answers to date (the page's date filter does not apply):
 * a new answer changes the learner's rest score on every other item they answered, so it cannot
 * be kept current by a trigger like the other rollups. It is recomputed when older than
 * MAX_AGE_MS, in the background (the page shows the previous values meanwhile and says when
 * they were computed); only the very first computation is waited for. A PostgreSQL advisory lock
 * keeps several app instances from recomputing at once.
 */
import "server-only";
import type { PrismaClient } from "@/lib/server/db/client";
import { getPrisma } from "@/lib/server/db/client";

export const MAX_AGE_MS = 5 * 60_000;
const LOCK_KEY = 0x6b796431; // "kyd1"

type Db = Pick<PrismaClient, "$queryRaw" | "$executeRaw" | "$transaction">;

export interface DiscriminationTable {
  byQuestion: Map<string, { r: number | null; n: number }>;
  computedAt: Date | null;
}

/** Recomputes every item's discrimination and replaces the stored values. Returns false when another process holds the lock. */
export async function refreshDiscrimination(db: Db = getPrisma(), now = new Date()): Promise<boolean> {
  return db.$transaction(
    async (tx) => {
      const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${LOCK_KEY}) AS locked`;
      if (!locked) return false;
      await tx.$executeRaw`SET LOCAL work_mem = '64MB'`;
      await tx.$executeRaw`DELETE FROM quiz_item_discrimination`;
      await tx.$executeRaw`
        INSERT INTO quiz_item_discrimination (question_id, course_slug, r, n, computed_at)
        WITH scores AS (
          SELECT user_id, course_slug, sum(answered) AS n, sum(first_correct) AS total
            FROM quiz_learner_lessons GROUP BY user_id, course_slug HAVING sum(answered) > 1
        )
        SELECT a.question_id, min(a.course_slug),
               corr(a.correct::int, (s.total - a.correct::int)::float8 / (s.n - 1)),
               count(*), ${now}
          FROM quiz_attempts a JOIN scores s USING (user_id, course_slug)
         WHERE a.attempt_number = 1
         GROUP BY a.question_id`;
      return true;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

let inFlight: Promise<unknown> | null = null;

/** The stored values; refreshes them first when there are none, in the background when stale. */
export async function getDiscrimination(db: Db = getPrisma(), opts: { maxAgeMs?: number; now?: Date } = {}): Promise<DiscriminationTable> {
  const now = opts.now ?? new Date();
  const read = async () => {
    const rows = await db.$queryRaw<{ question_id: string; r: number | null; n: number; computed_at: Date }[]>`
      SELECT question_id, r, n, computed_at FROM quiz_item_discrimination`;
    return {
      byQuestion: new Map(rows.map((x) => [x.question_id, { r: x.r, n: Number(x.n) }])),
      computedAt: rows.length ? new Date(Math.min(...rows.map((x) => x.computed_at.getTime()))) : null,
    };
  };
  let table = await read();
  const maxAge = opts.maxAgeMs ?? MAX_AGE_MS;
  if (!table.computedAt) {
    const [{ any }] = await db.$queryRaw<{ any: boolean }[]>`SELECT EXISTS (SELECT 1 FROM quiz_learner_lessons) AS any`;
    if (any) {
      await refreshDiscrimination(db, now);
      table = await read();
    }
  } else if (now.getTime() - table.computedAt.getTime() > maxAge && !inFlight) {
    inFlight = refreshDiscrimination(db, now)
      .catch((err: unknown) => console.error("discrimination refresh:", err))
      .finally(() => (inFlight = null));
  }
  return table;
}
