/**
 * The admin analytics on a small fixed dataset whose expected values were computed by hand
 * (below). The queries read the trigger-maintained rollups, so these tests also check that the
 * triggers in the migration turn raw rows into the right numbers, including after a delete.
 *
 * Course c1: lesson l1 has q1 (correct b) and q2 (correct c) and task t1; lesson l2 has q3
 * (correct a), no task. Course c2: lesson m1 has z1 (correct a). All answers 2026-03-10 12:00 UTC
 * except learner E's, on 2026-03-12.
 *
 *   first answers (✓ right, ✗ wrong; "→ x" a later attempt)
 *        q1            q2             q3        score T/n (c1)
 *   A    b ✓           c ✓            a ✓       3/3
 *   B    b ✓           a ✗ → c ✓      a ✓       2/3
 *   C    b ✓           a ✗ → c ✓      d ✗       1/3
 *   D    c ✗ → b ✓     d ✗            d ✗       0/3
 *   E    b ✓           a ✗            —         1/2
 *   (A also answers z1 in c2 with d ✗: a different course, so c1 scores do not include it.)
 *
 * First-attempt correct: q1 4/5 = 0.8, q2 1/5 = 0.2, q3 2/4 = 0.5.
 * Attempts: q1 5 + 1 retry = 6, q2 5 + 2 retries = 7, q3 4. Learners: 5, 5, 4.
 * Option shares (first answers): q1 b .8 c .2; q2 a .6 c .2 d .2; q3 a .5 d .5.
 *
 * Discrimination = Pearson r of x (first answer right) and y = (T − x)/(n − 1), the share of the
 * learner's other c1 items right first time:
 *   q1: x = 1,1,1,0,1  y = 1,.5,0,0,0 (A..E)  mean .8/.3  Σdxdy = .30  Σdx² = .8  Σdy² = .8  r = .30/.8 = 0.375
 *   q2: x = 1,0,0,0,0  y = 1,1,.5,0,1         mean .2/.7  Σdxdy = .30  Σdx² = .8  Σdy² = .8  r = 0.375
 *   q3: x = 1,1,0,0    y = 1,.5,.5,0 (A..D)   mean .5/.5  Σdxdy = .50  Σdx² = 1   Σdy² = .5  r = .5/√.5 = 0.7071
 *   z1: A is the only learner in c2 and has no other item there: excluded → null.
 *
 * Flags (≥ 5 first answers): q1 none (0.8 ≤ 0.9, r ≥ 0.1, right option most chosen);
 * q2 too-hard (0.2 < 0.3) and misleading (wrong option a chosen 3× vs right c 1×);
 * q3 none (only 4 first answers).
 *
 * Median first-answer time of q1 from the log2 histogram: times 3, 5, 6, 7, 20 s fall in
 * buckets [2,4) ×1, [4,8) ×3, [16,32) ×1; the middle (2.5th of 5) lies 1.5/3 into [4,8):
 * 1000 · 2^(2 + 0.5) = 5656.85 ms (the exact median is 6000: a histogram approximation).
 *
 * Funnel: l1 opened by A..E (5), every quiz answered (q1 and q2) by 5, task t1 passed by A, B
 * (2), completed by A, B (2). l2 opened by A..D (4), q3 answered by 4, no tasks (null),
 * completed by A (1).
 *
 * Daily series: 2026-03-10 has A..D active, 16 answers, 3 completions, 5 sign-ups; 2026-03-12
 * has E active (the terminal is not in the per-day series) and 2 answers.
 *
 * Overview at 2026-03-12 18:00 UTC: 5 learners; Pro: A active, B expired, C revoked → 1;
 * 3 lessons completed; 1 terminal session (A, used 2026-03-12). Active in the last day (days
 * ≥ 2026-03-11): E (answers) and A (terminal) → 2. Active in the week: all 5.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContentIndex, IndexedLesson } from "../../lib/server/admin/content-index";
import { lessonFunnel } from "../../lib/server/analytics/funnel";
import { overviewTotals, dailySeries } from "../../lib/server/analytics/overview";
import { parseQuizFilter } from "../../lib/server/analytics/params";
import { quizAnalytics, type QuestionStats } from "../../lib/server/analytics/quiz";
import { quizAnalyticsCsv } from "../../lib/server/analytics/csv";
import { createTestDatabase, type TestDatabase } from "../db";

let db: TestDatabase;

const DAY1 = new Date("2026-03-10T12:00:00Z");
const DAY3 = new Date("2026-03-12T12:00:00Z");
const NOW = new Date("2026-03-12T18:00:00Z");

const lessons: IndexedLesson[] = [
  { courseSlug: "c1", slug: "l1", title: "Lesson one", order: 1, quizIds: ["q1", "q2"], taskIds: ["t1"] },
  { courseSlug: "c1", slug: "l2", title: "Lesson two", order: 2, quizIds: ["q3"], taskIds: [] },
  { courseSlug: "c2", slug: "m1", title: "Other course lesson", order: 1, quizIds: ["z1"], taskIds: [] },
];
const quiz = (id: string, lessonSlug: string, correct: string, courseSlug = "c1") => ({
  id,
  courseSlug,
  lessonSlug,
  question: `Question ${id}?`,
  optionIds: ["a", "b", "c", "d"],
  correctOptionId: correct,
});
const content: ContentIndex = {
  courses: [
    { slug: "c1", title: "Course one", lessons: lessons.slice(0, 2) },
    { slug: "c2", title: "Course two", lessons: lessons.slice(2) },
  ],
  quizzes: new Map(
    [quiz("q1", "l1", "b"), quiz("q2", "l1", "c"), quiz("q3", "l2", "a"), quiz("z1", "m1", "a", "c2")].map((q) => [q.id, q]),
  ),
  lesson: (c, l) => lessons.find((x) => x.courseSlug === c && x.slug === l),
  lessonTitle: (c, l) => lessons.find((x) => x.courseSlug === c && x.slug === l)?.title ?? l,
  courseTitle: (c) => c,
};

type Answer = [user: string, question: string, option: string, timeMs: number];
const LESSON_OF: Record<string, [string, string]> = { q1: ["c1", "l1"], q2: ["c1", "l1"], q3: ["c1", "l2"], z1: ["c2", "m1"] };
const CORRECT: Record<string, string> = { q1: "b", q2: "c", q3: "a", z1: "a" };

// In order; a learner's second answer to a question is attempt 2.
const ANSWERS: Answer[] = [
  ["A", "q1", "b", 3000],
  ["A", "q2", "c", 4000],
  ["A", "q3", "a", 9000],
  ["A", "z1", "d", 5000],
  ["B", "q1", "b", 5000],
  ["B", "q2", "a", 4000],
  ["B", "q2", "c", 2000],
  ["B", "q3", "a", 9000],
  ["C", "q1", "b", 6000],
  ["C", "q2", "a", 4000],
  ["C", "q2", "c", 2000],
  ["C", "q3", "d", 9000],
  ["D", "q1", "c", 7000],
  ["D", "q1", "b", 1000],
  ["D", "q2", "d", 4000],
  ["D", "q3", "d", 9000],
  ["E", "q1", "b", 20000],
  ["E", "q2", "a", 4000],
];

async function seed() {
  const p = db.prisma;
  for (const u of ["A", "B", "C", "D", "E"])
    await p.user.create({ data: { id: `u${u}`, email: `${u.toLowerCase()}@fixture.test`, createdAt: DAY1 } });
  const n = new Map<string, number>();
  // One statement per answer, like the app writes them (the triggers run per statement).
  for (const [u, q, opt, ms] of ANSWERS) {
    const key = `${u}/${q}`;
    n.set(key, (n.get(key) ?? 0) + 1);
    const [courseSlug, lessonSlug] = LESSON_OF[q];
    await p.quizAttempt.create({
      data: {
        userId: `u${u}`,
        courseSlug,
        lessonSlug,
        questionId: q,
        optionId: opt,
        correct: opt === CORRECT[q],
        attemptNumber: n.get(key)!,
        timeToAnswerMs: ms,
        createdAt: u === "E" ? DAY3 : DAY1,
      },
    });
  }
  const progress: [string, string, boolean][] = [
    ["A", "l1", true],
    ["A", "l2", true],
    ["B", "l1", true],
    ["B", "l2", false],
    ["C", "l1", false],
    ["C", "l2", false],
    ["D", "l1", false],
    ["D", "l2", false],
    ["E", "l1", false],
  ];
  for (const [u, l, done] of progress) {
    const at = u === "E" ? DAY3 : DAY1;
    await p.lessonProgress.create({
      data: {
        userId: `u${u}`,
        courseSlug: "c1",
        lessonSlug: l,
        status: done ? "COMPLETED" : "IN_PROGRESS",
        openedAt: at,
        lastViewedAt: at,
        completedAt: done ? at : null,
      },
    });
  }
  for (const u of ["A", "B"])
    await p.taskCompletion.create({ data: { userId: `u${u}`, courseSlug: "c1", lessonSlug: "l1", taskId: "t1", passedAt: DAY1 } });
  await p.entitlement.create({ data: { userId: "uA", source: "ADMIN_GRANT", startsAt: DAY1 } });
  await p.entitlement.create({ data: { userId: "uB", source: "EARLY_ACCESS", startsAt: DAY1, endsAt: new Date("2026-03-11T00:00:00Z") } });
  await p.entitlement.create({
    data: { userId: "uC", source: "EARLY_ACCESS", startsAt: DAY1, revokedAt: new Date("2026-03-11T00:00:00Z") },
  });
  await p.terminalSession.create({
    data: { userId: "uA", courseSlug: "c1", snapshot: "{}", lastActiveAt: new Date("2026-03-12T10:00:00Z") },
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  // Days are calendar days in the database's time zone: pin it, whatever the host's is.
  await db.prisma.$executeRawUnsafe(`DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET timezone TO ''UTC''', current_database()); END $$`);
  await db.prisma.$disconnect();
  await seed();
});

afterAll(async () => {
  await db?.drop();
});

const byId = (rows: QuestionStats[]) => new Map(rows.map((r) => [r.questionId, r]));
const share = (r: QuestionStats, opt: string) => r.options.find((o) => o.optionId === opt)?.share;

describe("quiz analytics per question", () => {
  let rows: Map<string, QuestionStats>;
  beforeAll(async () => {
    rows = byId((await quizAnalytics(parseQuizFilter({}), content, db.prisma, { freshDiscrimination: true })).rows);
  });

  it("counts attempts, learners and first-attempt correctness", () => {
    expect(rows.get("q1")).toMatchObject({ attempts: 6, learners: 5, firstAttempts: 5, firstCorrect: 0.8 });
    expect(rows.get("q2")).toMatchObject({ attempts: 7, learners: 5, firstAttempts: 5, firstCorrect: 0.2 });
    expect(rows.get("q3")).toMatchObject({ attempts: 4, learners: 4, firstAttempts: 4, firstCorrect: 0.5 });
  });

  it("gives the share of each option among first answers, unchosen options included", () => {
    const q1 = rows.get("q1")!;
    expect(q1.options.map((o) => o.optionId)).toEqual(["a", "b", "c", "d"]);
    expect([share(q1, "a"), share(q1, "b"), share(q1, "c"), share(q1, "d")]).toEqual([0, 0.8, 0.2, 0]);
    expect(q1.options.find((o) => o.correct)?.optionId).toBe("b");
    const q2 = rows.get("q2")!;
    expect([share(q2, "a"), share(q2, "b"), share(q2, "c"), share(q2, "d")]).toEqual([0.6, 0, 0.2, 0.2]);
    const q3 = rows.get("q3")!;
    expect([share(q3, "a"), share(q3, "d")]).toEqual([0.5, 0.5]);
  });

  it("computes the point-biserial discrimination against the rest score", () => {
    expect(rows.get("q1")!.discrimination).toBeCloseTo(0.375, 6);
    expect(rows.get("q2")!.discrimination).toBeCloseTo(0.375, 6);
    expect(rows.get("q3")!.discrimination).toBeCloseTo(Math.SQRT1_2, 6);
    expect(rows.get("z1")!.discrimination).toBeNull();
  });

  it("flags too hard and misleading questions, and none below the minimum sample", () => {
    expect(rows.get("q1")!.flags).toEqual([]);
    expect(rows.get("q2")!.flags).toEqual(["too-hard", "misleading"]);
    expect(rows.get("q3")!.flags).toEqual([]);
  });

  it("reads the median first-answer time from the histogram", () => {
    expect(rows.get("q1")!.medianTimeMs).toBeCloseTo(1000 * 2 ** 2.5, 3);
  });

  it("filters by course, lesson, date range and flag, and sorts by difficulty", async () => {
    const only = async (params: Record<string, string>) => (await quizAnalytics(parseQuizFilter(params), content, db.prisma)).rows;
    expect((await only({ course: "c2" })).map((r) => r.questionId)).toEqual(["z1"]);
    expect((await only({ course: "c1", lesson: "l2" })).map((r) => r.questionId)).toEqual(["q3"]);
    // From 2026-03-11: only E's answers (q1 right, q2 wrong).
    const late = byId(await only({ from: "2026-03-11" }));
    expect([...late.keys()].sort()).toEqual(["q1", "q2"]);
    expect(late.get("q1")).toMatchObject({ attempts: 1, firstCorrect: 1 });
    expect(late.get("q2")).toMatchObject({ attempts: 1, firstCorrect: 0 });
    expect((await only({ to: "2026-03-10", course: "c1" })).find((r) => r.questionId === "q1")).toMatchObject({
      attempts: 5,
      firstAttempts: 4,
      firstCorrect: 0.75,
    });
    expect((await only({ flag: "misleading" })).map((r) => r.questionId)).toEqual(["q2"]);
    expect((await only({ course: "c1", sort: "firstCorrect", dir: "asc" })).map((r) => r.questionId)).toEqual(["q2", "q3", "q1"]);
    expect((await only({ course: "c1", sort: "firstCorrect", dir: "desc" })).map((r) => r.questionId)).toEqual(["q1", "q3", "q2"]);
    // A lesson without its course, or junk, is ignored rather than failing.
    expect((await only({ lesson: "l2", sort: "nonsense", from: "2026-02-31" })).length).toBe(4);
  });

  it("exports the same rows as CSV", async () => {
    const { rows: list } = await quizAnalytics(parseQuizFilter({ course: "c1", sort: "firstCorrect" }), content, db.prisma);
    const lines = quizAnalyticsCsv(list).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "course,lesson,question_id,question,attempts,learners,first_attempts,first_attempt_correct_pct,option_a_pct,option_b_pct,option_c_pct,option_d_pct,correct_option,discrimination,median_time_s,flags",
    );
    expect(lines.slice(1).map((l) => l.split(",")[2])).toEqual(["q2", "q3", "q1"]);
    // q2's five first answers all took 4 s: bucket [4, 8) s, histogram median 2^2.5 s = 5.7 s.
    expect(lines[1]).toBe("c1,Lesson one,q2,Question q2?,7,5,5,20,60,0,20,20,c,0.375,5.7,too-hard misleading");
  });
});

describe("lesson funnel", () => {
  it("counts opened, every quiz answered, every task passed and completed per lesson", async () => {
    const rows = await lessonFunnel(content, { course: "c1" }, db.prisma);
    expect(rows.map((r) => [r.lessonSlug, r.opened, r.quizzesAnswered, r.tasksPassed, r.completed])).toEqual([
      ["l1", 5, 5, 2, 2],
      ["l2", 4, 4, null, 1],
    ]);
  });
});

describe("overview", () => {
  it("counts learners, activity, Pro, completions and terminal sessions", async () => {
    expect(await overviewTotals(db.prisma, NOW)).toEqual({
      learners: 5,
      activeDay: 2,
      activeWeek: 5,
      proLearners: 1,
      lessonsCompleted: 3,
      terminalSessions: 1,
    });
  });

  it("gives a zero-filled daily series", async () => {
    const series = await dailySeries(db.prisma, 4, NOW);
    expect(series).toEqual([
      { day: "2026-03-09", activeLearners: 0, quizAnswers: 0, lessonsCompleted: 0, signUps: 0 },
      { day: "2026-03-10", activeLearners: 4, quizAnswers: 16, lessonsCompleted: 3, signUps: 5 },
      { day: "2026-03-11", activeLearners: 0, quizAnswers: 0, lessonsCompleted: 0, signUps: 0 },
      { day: "2026-03-12", activeLearners: 1, quizAnswers: 2, lessonsCompleted: 0, signUps: 0 },
    ]);
  });
});

describe("rollups follow deletes", () => {
  it("subtracts a deleted learner's answers (cascade) from every figure", async () => {
    await db.prisma.user.delete({ where: { id: "uE" } });
    const rows = byId((await quizAnalytics(parseQuizFilter({}), content, db.prisma)).rows);
    // Without E: q1 3/4 right first time over 5 attempts; q2 1/4 over 6 attempts, option a 2/4.
    expect(rows.get("q1")).toMatchObject({ attempts: 5, firstAttempts: 4, firstCorrect: 0.75 });
    expect(rows.get("q2")).toMatchObject({ attempts: 6, firstAttempts: 4, firstCorrect: 0.25 });
    expect(share(rows.get("q2")!, "a")).toBe(0.5);
    const funnel = await lessonFunnel(content, { course: "c1" }, db.prisma);
    expect(funnel[0].quizzesAnswered).toBe(4);
  });
});
