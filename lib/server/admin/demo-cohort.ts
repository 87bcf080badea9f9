/**
 * A synthetic, deterministic cohort of learners for the demo seed (scripts/seed-demo.ts) and the
 * analytics benchmark (bench/analytics.ts). Given the same seed it produces the same rows.
 *
 * Realism: each learner has an ability θ ~ N(0, 1); each question a difficulty b and a
 * discrimination a, and a learner answers it right on the first try with probability
 * 1 / (1 + e^(-a(θ - b))) (the 2-parameter logistic model of item response theory). Wrong
 * learners pick a wrong option with weights that differ per question (so some distractors really
 * attract), then retry until right. Learners progress through the lessons in order and drop
 * off with a per-lesson probability; time to answer is log-normal.
 *
 * Inserts go through multi-row INSERT ... SELECT FROM unnest($1::text[], ...) in batches, which
 * is one round trip per 5,000 rows (COPY would need another dependency for little gain here).
 */
import "server-only";
import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { ContentIndex } from "./content-index";

export const DEMO_EMAIL_DOMAIN = "demo.kubeyard.invalid";

export interface CohortQuestion {
  id: string;
  courseSlug: string;
  lessonSlug: string;
  optionIds: string[];
  correctOptionId: string;
}

export interface CohortLesson {
  courseSlug: string;
  slug: string;
  quizIds: string[];
  taskIds: string[];
  /** a challenge scenario's number of hints; absent for a lesson */
  scenarioHints?: number;
}

/** The lessons and questions of the published content, in the shape the generator takes. */
export function cohortContent(content: ContentIndex): { lessons: CohortLesson[]; questions: CohortQuestion[] } {
  const lessons: CohortLesson[] = [];
  const questions: CohortQuestion[] = [];
  for (const c of content.courses)
    for (const l of c.lessons) {
      lessons.push({
        courseSlug: c.slug,
        slug: l.slug,
        quizIds: l.quizIds,
        taskIds: l.taskIds,
        ...(l.scenarioHints !== undefined ? { scenarioHints: l.scenarioHints } : {}),
      });
      for (const id of l.quizIds) {
        const q = content.quizzes.get(id);
        if (q) questions.push({ id, courseSlug: c.slug, lessonSlug: l.slug, optionIds: q.optionIds, correctOptionId: q.correctOptionId });
      }
    }
  return { lessons, questions };
}

export interface CohortOptions {
  learners: number;
  seed: number;
  lessons: CohortLesson[];
  questions: CohortQuestion[];
  /** activity spreads over this many days before `now` */
  days: number;
  now: Date;
  /** stop after this many attempts in total (bench) */
  maxAttempts?: number;
  /** share of learners with Pro (they get terminal sessions and tasks) */
  proShare?: number;
  emailPrefix?: string;
}

/** mulberry32: small, fast, good enough for synthetic data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

class Ids {
  private n = 0;
  constructor(
    private readonly prefix: string,
    private readonly salt: string,
  ) {}
  next(): string {
    return `${this.prefix}${this.salt}${(this.n++).toString(36).padStart(7, "0")}`;
  }
}

export interface CohortRows {
  users: { id: string; email: string; name: string; createdAt: Date }[];
  entitlements: { id: string; userId: string; startsAt: Date }[];
  progress: {
    id: string;
    userId: string;
    courseSlug: string;
    lessonSlug: string;
    status: "IN_PROGRESS" | "COMPLETED";
    openedAt: Date;
    lastViewedAt: Date;
    completedAt: Date | null;
  }[];
  attempts: {
    id: string;
    userId: string;
    courseSlug: string;
    lessonSlug: string;
    questionId: string;
    optionId: string;
    correct: boolean;
    attemptNumber: number;
    timeToAnswerMs: number;
    createdAt: Date;
  }[];
  tasks: { id: string; userId: string; courseSlug: string; lessonSlug: string; taskId: string; passedAt: Date }[];
  terminals: { id: string; userId: string; courseSlug: string; createdAt: Date; lastActiveAt: Date }[];
}

const FIRST = [
  "Ada",
  "Linus",
  "Grace",
  "Ken",
  "Barbara",
  "Dennis",
  "Margaret",
  "Alan",
  "Radia",
  "Vint",
  "Frances",
  "Tim",
  "Hedy",
  "Guido",
  "Joan",
  "Brian",
];
const LAST = [
  "Okafor",
  "Nakamura",
  "Silva",
  "Kowalski",
  "Haddad",
  "Lindqvist",
  "Moreau",
  "Patel",
  "Novak",
  "Mensah",
  "Rossi",
  "Byrne",
  "Tanaka",
  "Ivanova",
];

export function generateCohort(o: CohortOptions): CohortRows {
  const rand = prng(o.seed);
  const salt = o.seed.toString(36).padStart(4, "0").slice(-4);
  const ids = {
    user: new Ids("demo_u", salt),
    ent: new Ids("demo_e", salt),
    prog: new Ids("demo_p", salt),
    att: new Ids("demo_a", salt),
    task: new Ids("demo_t", salt),
    term: new Ids("demo_s", salt),
  };
  const rows: CohortRows = { users: [], entitlements: [], progress: [], attempts: [], tasks: [], terminals: [] };
  const spanMs = o.days * 86_400_000;
  const end = o.now.getTime();

  // Item parameters, per question: difficulty b in about [-2, 1.5], discrimination a in [0.3, 2.2].
  // A few items are deliberately poor (low a) or have a strong distractor.
  const items = new Map(
    o.questions.map((q, i) => {
      const b = -2 + rand() * 3.5;
      const a = i % 7 === 3 ? 0.15 : 0.6 + rand() * 1.6;
      const wrong = q.optionIds.filter((x) => x !== q.correctOptionId);
      const weights = wrong.map((_, k) => (k === 0 && i % 5 === 2 ? 6 : 0.5 + rand()));
      return [q.id, { b, a, wrong, weights }] as const;
    }),
  );
  const pick = <T>(xs: T[], ws: number[]): T => {
    let r = rand() * ws.reduce((s, w) => s + w, 0);
    for (let i = 0; i < xs.length; i++) if ((r -= ws[i]) <= 0) return xs[i];
    return xs[xs.length - 1];
  };
  const byLesson = new Map<string, CohortQuestion[]>();
  for (const q of o.questions) {
    const k = `${q.courseSlug}/${q.lessonSlug}`;
    const list = byLesson.get(k);
    if (list) list.push(q);
    else byLesson.set(k, [q]);
  }
  const courses = [...new Set(o.lessons.map((l) => l.courseSlug))];
  const prefix = o.emailPrefix ?? "learner";

  for (let u = 0; u < o.learners; u++) {
    const id = ids.user.next();
    const theta = normal(rand);
    const joined = end - Math.floor(rand() ** 1.5 * spanMs);
    const name = `${FIRST[Math.floor(rand() * FIRST.length)]} ${LAST[Math.floor(rand() * LAST.length)]}`;
    rows.users.push({ id, email: `${prefix}-${u + 1}@${DEMO_EMAIL_DOMAIN}`, name, createdAt: new Date(joined) });
    const pro = rand() < (o.proShare ?? 0.35);
    if (pro) rows.entitlements.push({ id: ids.ent.next(), userId: id, startsAt: new Date(joined + 60_000) });
    let t = joined + 120_000;
    const stepMs = () => Math.floor(60_000 + rand() * 36 * 3_600_000);
    const keepGoing = 0.72 + 0.08 * Math.tanh(theta); // stronger learners drop off less

    for (const course of courses) {
      if (courses.length > 1 && rand() < 0.4) continue; // not everyone takes every course
      let lastActive = t;
      for (const lesson of o.lessons.filter((l) => l.courseSlug === course)) {
        if (t > end) break;
        const openedAt = t;
        const qs = byLesson.get(`${lesson.courseSlug}/${lesson.slug}`) ?? [];
        let answeredAll = true;
        for (const q of qs) {
          if (rand() < 0.12) {
            answeredAll = false;
            continue; // skipped this one
          }
          const it = items.get(q.id);
          if (!it) continue; // every question has an item (made above from the same list)
          const p = 1 / (1 + Math.exp(-it.a * (theta - it.b)));
          let n = 1;
          let right = rand() < p;
          for (;;) {
            t += Math.floor(20_000 + rand() * 240_000);
            const timeToAnswerMs = Math.floor(Math.exp(9.6 + 0.5 * normal(rand) - (n > 1 ? 1 : 0)));
            const optionId = right ? q.correctOptionId : pick(it.wrong, it.weights);
            rows.attempts.push({
              id: ids.att.next(),
              userId: id,
              courseSlug: q.courseSlug,
              lessonSlug: q.lessonSlug,
              questionId: q.id,
              optionId,
              correct: right,
              attemptNumber: n,
              timeToAnswerMs,
              createdAt: new Date(Math.min(t, end)),
            });
            if (right || n >= 4) break;
            n++;
            right = rand() < 0.6 + 0.15 * n;
          }
        }
        let tasksDone = true;
        for (const task of lesson.taskIds) {
          if (pro && rand() < 0.8 + 0.1 * Math.tanh(theta)) {
            t += Math.floor(60_000 + rand() * 900_000);
            rows.tasks.push({
              id: ids.task.next(),
              userId: id,
              courseSlug: lesson.courseSlug,
              lessonSlug: lesson.slug,
              taskId: task,
              passedAt: new Date(Math.min(t, end)),
            });
          } else tasksDone = false;
        }
        const completed = answeredAll && (tasksDone || !pro) && rand() < 0.92;
        t = Math.min(t + 30_000, end);
        rows.progress.push({
          id: ids.prog.next(),
          userId: id,
          courseSlug: lesson.courseSlug,
          lessonSlug: lesson.slug,
          status: completed ? "COMPLETED" : "IN_PROGRESS",
          openedAt: new Date(openedAt),
          lastViewedAt: new Date(t),
          completedAt: completed ? new Date(t) : null,
        });
        lastActive = t;
        if (!completed && rand() < 0.5) break;
        if (rand() > keepGoing) break;
        t += stepMs();
      }
      if (pro)
        rows.terminals.push({
          id: ids.term.next(),
          userId: id,
          courseSlug: course,
          createdAt: new Date(joined + 120_000),
          lastActiveAt: new Date(lastActive),
        });
    }
  }
  if (o.maxAttempts !== undefined && rows.attempts.length > o.maxAttempts) rows.attempts.length = o.maxAttempts;
  return rows;
}

/** Inserts rows with `INSERT ... SELECT * FROM unnest(...)`, `batch` rows per statement. */
async function bulk(
  client: pg.ClientBase,
  table: string,
  columns: [name: string, pgType: string][],
  rows: unknown[][],
  batch = 5000,
): Promise<void> {
  const list = columns.map(([c]) => `"${c}"`).join(", ");
  const params = columns.map(([, t], i) => `$${i + 1}::${t}[]`).join(", ");
  const sql = `INSERT INTO ${table} (${list}) SELECT * FROM unnest(${params})`;
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    await client.query(
      sql,
      columns.map((_, c) => chunk.map((r) => r[c])),
    );
  }
}

export async function insertCohort(client: pg.ClientBase, rows: CohortRows, onProgress?: (what: string, n: number) => void): Promise<void> {
  const now = new Date();
  await bulk(
    client,
    "users",
    [
      ["id", "text"],
      ["email", "text"],
      ["name", "text"],
      ["role", "user_role"],
      ["created_at", "timestamptz"],
      ["updated_at", "timestamptz"],
    ],
    rows.users.map((u) => [u.id, u.email, u.name, "LEARNER", u.createdAt, now]),
  );
  onProgress?.("users", rows.users.length);
  await bulk(
    client,
    "entitlements",
    [
      ["id", "text"],
      ["user_id", "text"],
      ["plan", "plan"],
      ["source", "entitlement_source"],
      ["starts_at", "timestamptz"],
    ],
    rows.entitlements.map((e) => [e.id, e.userId, "PRO", "EARLY_ACCESS", e.startsAt]),
  );
  await bulk(
    client,
    "lesson_progress",
    [
      ["id", "text"],
      ["user_id", "text"],
      ["course_slug", "text"],
      ["lesson_slug", "text"],
      ["status", "lesson_status"],
      ["opened_at", "timestamptz"],
      ["last_viewed_at", "timestamptz"],
      ["completed_at", "timestamptz"],
    ],
    rows.progress.map((p) => [p.id, p.userId, p.courseSlug, p.lessonSlug, p.status, p.openedAt, p.lastViewedAt, p.completedAt]),
  );
  onProgress?.("lesson_progress", rows.progress.length);
  await bulk(
    client,
    "quiz_attempts",
    [
      ["id", "text"],
      ["user_id", "text"],
      ["course_slug", "text"],
      ["lesson_slug", "text"],
      ["question_id", "text"],
      ["option_id", "text"],
      ["correct", "bool"],
      ["attempt_number", "int4"],
      ["time_to_answer_ms", "int4"],
      ["created_at", "timestamptz"],
    ],
    rows.attempts.map((a) => [
      a.id,
      a.userId,
      a.courseSlug,
      a.lessonSlug,
      a.questionId,
      a.optionId,
      a.correct,
      a.attemptNumber,
      a.timeToAnswerMs,
      a.createdAt,
    ]),
  );
  onProgress?.("quiz_attempts", rows.attempts.length);
  await bulk(
    client,
    "task_completions",
    [
      ["id", "text"],
      ["user_id", "text"],
      ["course_slug", "text"],
      ["lesson_slug", "text"],
      ["task_id", "text"],
      ["passed_at", "timestamptz"],
    ],
    rows.tasks.map((t) => [t.id, t.userId, t.courseSlug, t.lessonSlug, t.taskId, t.passedAt]),
  );
  // A terminal session row needs a snapshot; an empty object makes the server build a fresh
  // cluster the first time a demo learner (who cannot sign in anyway) would connect.
  await bulk(
    client,
    "terminal_sessions",
    [
      ["id", "text"],
      ["user_id", "text"],
      ["course_slug", "text"],
      ["snapshot", "text"],
      ["created_at", "timestamptz"],
      ["updated_at", "timestamptz"],
      ["last_active_at", "timestamptz"],
    ],
    rows.terminals.map((s) => [s.id, s.userId, s.courseSlug, "{}", s.createdAt, s.lastActiveAt, s.lastActiveAt]),
  );
  onProgress?.("terminal_sessions", rows.terminals.length);
}

/** A random seed when none is given (printed, so a run can be repeated). */
export function randomSeed(): number {
  return randomBytes(4).readUInt32BE(0) % 1_000_000;
}
