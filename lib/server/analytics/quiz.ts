/**
 * Per-question quiz analytics for admins. Computed in PostgreSQL from quiz_attempts (every answer,
 * wrong ones included); the app only labels, flags and sorts.
 *
 * Definitions (also shown on the page):
 * - attempts: every answer given in the filter window; learners: learners whose first answer is in
 *   the window (without a date filter: exactly the distinct learners who answered).
 * - first-attempt correct: share of first answers (attempt_number = 1) that were right. Later
 *   attempts are excluded because a learner retrying after "wrong" is not measuring the item.
 * - option shares: share of each option among first answers (same reason).
 * - median time: median time_to_answer_ms of first answers (retries are mostly quick re-clicks),
 *   read from a log2 histogram (see histogramMedianMs).
 * - discrimination: point-biserial r between first-attempt correctness and the rest score
 *   (definition, choice and freshness in ./discrimination.ts). Not date-filtered.
 * - flags, only when at least MIN_FIRST_ATTEMPTS_FOR_FLAGS first answers exist:
 *   too easy: > 90 % first-attempt correct; too hard: < 30 %;
 *   misleading: some wrong option was chosen more often than the correct one on first attempts,
 *   or discrimination < 0.1 (strong learners do no better than weak ones: the item measures
 *   something else, often an ambiguous wording).
 *
 * Speed (bench/analytics.ts, 500k attempts): the page reads the trigger-maintained rollups
 * quiz_question_days and quiz_option_days (one row per question and day), never quiz_attempts.
 */
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PrismaClient } from "@/lib/server/db/client";
import { getPrisma } from "@/lib/server/db/client";
import type { ContentIndex } from "@/lib/server/admin/content-index";
import { getDiscrimination, refreshDiscrimination } from "./discrimination";
import type { QuizFilter, QuizFlag, QuizSortKey } from "./params";

export const THRESHOLDS = {
  tooEasyAbove: 0.9,
  tooHardBelow: 0.3,
  lowDiscriminationBelow: 0.1,
} as const;
export const MIN_FIRST_ATTEMPTS_FOR_FLAGS = 5;

export interface OptionShare {
  optionId: string;
  count: number;
  /** 0..1 of first attempts */
  share: number;
  correct: boolean;
}

export interface QuestionStats {
  questionId: string;
  courseSlug: string;
  lessonSlug: string;
  lessonTitle: string;
  question: string;
  attempts: number;
  learners: number;
  firstAttempts: number;
  /** 0..1, null with no first attempts */
  firstCorrect: number | null;
  options: OptionShare[];
  /** -1..1 or null when undefined */
  discrimination: number | null;
  medianTimeMs: number | null;
  flags: QuizFlag[];
}

type Db = Pick<PrismaClient, "$queryRaw" | "$executeRaw" | "$transaction">;

interface Filter {
  course?: string;
  lesson?: string;
  from?: string;
  to?: string;
}

/** Rollup rows are per calendar day, so the date filter is a day range (inclusive). */
function where(f: Filter) {
  const parts: Prisma.Sql[] = [];
  if (f.course) parts.push(Prisma.sql`course_slug = ${f.course}`);
  if (f.course && f.lesson) parts.push(Prisma.sql`lesson_slug = ${f.lesson}`);
  if (f.from) parts.push(Prisma.sql`day >= ${f.from}::date`);
  if (f.to) parts.push(Prisma.sql`day <= ${f.to}::date`);
  return parts.length ? Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}

const num = (v: unknown): number => (typeof v === "bigint" ? Number(v) : typeof v === "number" ? v : Number(v ?? 0));

/** Bucket k of the time histogram holds first answers taking [2^k, 2^(k+1)) seconds. */
export const TIME_BUCKETS = 12;

/**
 * The median of a log2 histogram: find the bucket holding the middle answer and interpolate
 * geometrically inside it. Exact to within the bucket (a factor of 2), in practice within ~10 %.
 */
export function histogramMedianMs(counts: number[]): number | null {
  const total = counts.reduce((a, c) => a + c, 0);
  if (total === 0) return null;
  const half = total / 2;
  let seen = 0;
  for (let k = 0; k < counts.length; k++) {
    if (seen + counts[k] >= half && counts[k] > 0) {
      const frac = (half - seen) / counts[k];
      return 1000 * 2 ** (k + frac);
    }
    seen += counts[k];
  }
  return null;
}

const T_COLS = Prisma.raw(
  Array.from({ length: TIME_BUCKETS }, (_, k) => `sum(t${String(k).padStart(2, "0")})::int AS t${String(k).padStart(2, "0")}`).join(", "),
);

/**
 * The numbers, one row per question (no labels), from the rollup tables (always current; see
 * prisma/schema.prisma). "learners" counts learners whose first answer falls in the window:
 * every learner has exactly one first answer per question, so without a date filter it is the
 * exact number of distinct learners. Exported for tests and the bench.
 */
export async function quizStatsRaw(db: Db, f: Filter, opts: { freshDiscrimination?: boolean } = {}) {
  const w = where(f);
  if (opts.freshDiscrimination) await refreshDiscrimination(db);
  const [stats, options, disc] = await Promise.all([
    db.$queryRaw<
      ({
        course_slug: string;
        lesson_slug: string;
        question_id: string;
        attempts: bigint;
        first_attempts: bigint;
        first_correct: bigint;
      } & Record<string, number>)[]
    >`
      SELECT question_id, min(course_slug) AS course_slug, min(lesson_slug) AS lesson_slug,
             sum(attempts) AS attempts, sum(first_attempts) AS first_attempts, sum(first_correct) AS first_correct, ${T_COLS}
        FROM quiz_question_days ${w}
       GROUP BY question_id`,
    db.$queryRaw<{ question_id: string; option_id: string; n: bigint; correct: boolean }[]>`
      SELECT question_id, option_id, sum(first_count) AS n, bool_or(correct) AS correct
        FROM quiz_option_days ${w}
       GROUP BY question_id, option_id`,
    getDiscrimination(db),
  ]);
  return {
    stats: stats
      .filter((s) => num(s.attempts) > 0)
      .map((s) => ({
        courseSlug: s.course_slug,
        lessonSlug: s.lesson_slug,
        questionId: s.question_id,
        attempts: num(s.attempts),
        learners: num(s.first_attempts),
        firstAttempts: num(s.first_attempts),
        firstCorrect: num(s.first_correct),
        medianMs: histogramMedianMs(Array.from({ length: TIME_BUCKETS }, (_, k) => num(s[`t${String(k).padStart(2, "0")}`]))),
      })),
    options: options
      .filter((o) => num(o.n) > 0)
      .map((o) => ({ questionId: o.question_id, optionId: o.option_id, count: num(o.n), correct: o.correct })),
    discrimination: new Map([...disc.byQuestion].map(([k, v]) => [k, v.r])),
    discriminationComputedAt: disc.computedAt,
  };
}

export function flagsFor(q: Pick<QuestionStats, "firstAttempts" | "firstCorrect" | "options" | "discrimination">): QuizFlag[] {
  if (q.firstAttempts < MIN_FIRST_ATTEMPTS_FOR_FLAGS || q.firstCorrect === null) return [];
  const flags: QuizFlag[] = [];
  if (q.firstCorrect > THRESHOLDS.tooEasyAbove) flags.push("too-easy");
  if (q.firstCorrect < THRESHOLDS.tooHardBelow) flags.push("too-hard");
  const correctCount = q.options.filter((o) => o.correct).reduce((a, o) => a + o.count, 0);
  const wrongBeatsRight = q.options.some((o) => !o.correct && o.count > correctCount);
  const lowDisc = q.discrimination !== null && q.discrimination < THRESHOLDS.lowDiscriminationBelow;
  if (wrongBeatsRight || lowDisc) flags.push("misleading");
  return flags;
}

/** The analytics table: one row per question, labelled, flagged, filtered by flag and sorted. */
export async function quizAnalytics(
  filter: QuizFilter,
  content: ContentIndex,
  db: Db = getPrisma(),
  opts: { freshDiscrimination?: boolean } = {},
): Promise<{ rows: QuestionStats[]; discriminationComputedAt: Date | null }> {
  const raw = await quizStatsRaw(db, filter, opts);
  const optionsBy = new Map<string, typeof raw.options>();
  for (const o of raw.options) {
    const list = optionsBy.get(o.questionId);
    if (list) list.push(o);
    else optionsBy.set(o.questionId, [o]);
  }

  const rows: QuestionStats[] = raw.stats.map((s) => {
    const meta = content.quizzes.get(s.questionId);
    const seen = optionsBy.get(s.questionId) ?? [];
    // Every option of the question, chosen or not (an option nobody picks is information too).
    const ids = [...new Set([...(meta?.optionIds ?? []), ...seen.map((o) => o.optionId)])].sort();
    const total = seen.reduce((a, o) => a + o.count, 0);
    const options = ids.map((id) => {
      const o = seen.find((x) => x.optionId === id);
      const correct = meta?.correctOptionId ? meta.correctOptionId === id : (o?.correct ?? false);
      return { optionId: id, count: o?.count ?? 0, share: total ? (o?.count ?? 0) / total : 0, correct };
    });
    const row: QuestionStats = {
      questionId: s.questionId,
      courseSlug: s.courseSlug,
      lessonSlug: s.lessonSlug,
      lessonTitle: content.lessonTitle(s.courseSlug, s.lessonSlug),
      question: meta?.question ?? s.questionId,
      attempts: s.attempts,
      learners: s.learners,
      firstAttempts: s.firstAttempts,
      firstCorrect: s.firstAttempts ? s.firstCorrect / s.firstAttempts : null,
      options,
      discrimination: raw.discrimination.get(s.questionId) ?? null,
      medianTimeMs: s.medianMs,
      flags: [],
    };
    row.flags = flagsFor(row);
    return row;
  });

  const lessonOrder = (r: QuestionStats) => content.lesson(r.courseSlug, r.lessonSlug)?.order ?? 999;
  const quizOrder = (r: QuestionStats) => content.lesson(r.courseSlug, r.lessonSlug)?.quizIds.indexOf(r.questionId) ?? 999;
  const flag = filter.flag;
  const filtered = flag ? rows.filter((r) => r.flags.includes(flag)) : rows;
  const sorted = sortRows(
    filtered,
    filter.sort,
    filter.dir,
    (a, b) =>
      a.courseSlug.localeCompare(b.courseSlug) ||
      lessonOrder(a) - lessonOrder(b) ||
      quizOrder(a) - quizOrder(b) ||
      a.questionId.localeCompare(b.questionId),
  );
  return { rows: sorted, discriminationComputedAt: raw.discriminationComputedAt };
}

function sortRows(rows: QuestionStats[], key: QuizSortKey, dir: "asc" | "desc", natural: (a: QuestionStats, b: QuestionStats) => number) {
  const value = (r: QuestionStats): number | string | null => {
    switch (key) {
      case "question":
        return r.questionId;
      case "lesson":
        return null;
      case "attempts":
        return r.attempts;
      case "learners":
        return r.learners;
      case "firstCorrect":
        return r.firstCorrect;
      case "discrimination":
        return r.discrimination;
      case "medianTime":
        return r.medianTimeMs;
      case "flags":
        return r.flags.length;
    }
  };
  const sign = dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (key === "lesson") return sign * natural(a, b);
    const va = value(a);
    const vb = value(b);
    // Missing values (no data) go last in either direction.
    if (va === null && vb === null) return natural(a, b);
    if (va === null) return 1;
    if (vb === null) return -1;
    const c = typeof va === "string" ? va.localeCompare(vb as string) : va - (vb as number);
    return c !== 0 ? sign * c : natural(a, b);
  });
}
