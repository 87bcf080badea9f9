/**
 * Lab analytics on a small fixed dataset whose expected values were computed by hand (below),
 * through the real trigger in migration lab_analytics. Times are seconds after T0.
 *
 * Course c1, lesson l1, tasks t1 and t2. Each check "claims" the learner's commands since their
 * previous check in the course.
 *   A   0 kubectl get pods (0) · 10 kubectl create deployment web --image=nginx:1.27 (1) ·
 *       20 kubectl create deployment web --image=nginx (0) · 30 check t1 ✓ ·
 *       40 kubectl scale deployment web --replicas=3 (0) · 50 check t2 ✓
 *   B   0 kubectl create deployment api --image=x (1) · 5 check t1 ✗ · 10 kubectl get deploy (0) ·
 *       15 kubectl create deployment api --image=nginx:1.27 (0) · 20 check t2 ✗ · 25 check t1 ✓
 *   C   0 openssl x509 -in ca.crt -noout -text (0) · 1 kubectl create deployment (1) · 2 check t1 ✗ ·
 *       a hint for t1 (the scenario seam)
 *
 * t1: learners 3, checks 4, passed 2 (A at 30 s, B at 25 s after their first command), hints 1.
 *     Both times fall in bucket [16, 32) s: median 1000·2^4.5 = 22627 ms (histogram).
 *     failing: "kubectl create deployment <name> --image=<value>" 2 (A at 10, B at 0), "kubectl create deployment" 1.
 *     before passing: create deployment 3 (A 2, B 1), get pods 1. C's commands are not "before passing".
 * t2: learners 2 (A, B), checks 2, passed 1 (A: 40 → 50 = 10 s, bucket [8, 16): 1000·2^3.5 = 11314 ms);
 *     no failing commands; before passing: scale 1 (B's get deploy and create did not lead to a pass).
 * B's timeline of t1 (0 → 25): commands at 0, 10, 15 and t1's checks at 5 ✗ and 25 ✓ (not t2's at 20).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContentIndex, IndexedLesson } from "../../lib/server/admin/content-index";
import { labAnalytics, labUnitAnalytics } from "../../lib/server/analytics/lab";
import { insertCheckRun, insertLabCommands, pruneLabRecords, recordHintReveal } from "../../lib/server/analytics/lab-record";
import { labTimeline, labUnitLearners } from "../../lib/server/analytics/lab-timeline";
import { createTestDatabase, type TestDatabase } from "../db";

let db: TestDatabase;
const T0 = Date.parse("2026-03-10T12:00:00Z");
const at = (s: number) => new Date(T0 + s * 1000);

const lessons: IndexedLesson[] = [
  { courseSlug: "c1", slug: "l1", title: "Lesson one", order: 1, quizIds: [], taskIds: ["t1", "t2", "t3"] },
];
const content: ContentIndex = {
  courses: [{ slug: "c1", title: "Course one", lessons }],
  quizzes: new Map(),
  lesson: (c, l) => lessons.find((x) => x.courseSlug === c && x.slug === l),
  lessonTitle: (c, l) => lessons.find((x) => x.courseSlug === c && x.slug === l)?.title ?? l,
  courseTitle: (c) => c,
};

type Event = [user: string, s: number, cmd: string, exit: number] | [user: string, s: number, check: "t1" | "t2", passed: boolean];
const EVENTS: Event[] = [
  ["A", 0, "kubectl get pods", 0],
  ["A", 10, "kubectl create deployment web --image=nginx:1.27", 1],
  ["A", 20, "kubectl create deployment web --image=nginx", 0],
  ["A", 30, "t1", true],
  ["A", 40, "kubectl scale deployment web --replicas=3", 0],
  ["A", 50, "t2", true],
  ["B", 0, "kubectl create deployment api --image=x", 1],
  ["B", 5, "t1", false],
  ["B", 10, "kubectl get deploy", 0],
  ["B", 15, "kubectl create deployment api --image=nginx:1.27", 0],
  ["B", 20, "t2", false],
  ["B", 25, "t1", true],
  ["C", 0, "openssl x509 -in ca.crt -noout -text", 0],
  ["C", 1, "kubectl create deployment", 1],
  ["C", 2, "t1", false],
];

beforeAll(async () => {
  db = await createTestDatabase();
  const p = db.prisma;
  for (const u of ["A", "B", "C", "X"]) await p.user.create({ data: { id: `u${u}`, email: `${u.toLowerCase()}@fixture.test` } });
  await p.user.create({ data: { id: "admin", email: "admin@fixture.test", role: "ADMIN" } });
  // In time order across learners, commands in batches as the recorder writes them.
  for (const e of [...EVENTS].sort((a, b) => a[1] - b[1])) {
    const [u, s, what, result] = e;
    if (typeof result === "number")
      await insertLabCommands(p, [{ userId: `u${u}`, courseSlug: "c1", at: at(s), exitCode: result, line: what }]);
    else
      await insertCheckRun(p, {
        userId: `u${u}`,
        courseSlug: "c1",
        lessonSlug: "l1",
        unitKind: "TASK",
        unitId: what,
        passed: result,
        detail: result ? "ok" : "not yet",
        at: at(s),
      });
  }
  await recordHintReveal({ userId: "uC", courseSlug: "c1", lessonSlug: "l1", unitKind: "TASK", unitId: "t1", at: at(3) }, p);
});
afterAll(async () => {
  await db?.drop();
});

describe("lab analytics", () => {
  it("counts learners, checks, passes, hints and the median time to pass per task", async () => {
    const rows = await labAnalytics(content, {}, db.prisma);
    const [t1, t2, t3] = rows;
    expect(rows.map((r) => r.unitId)).toEqual(["t1", "t2", "t3"]);
    expect({ learners: t1.learners, checks: t1.checks, passed: t1.passed, hints: t1.hintsUsed }).toEqual({
      learners: 3,
      checks: 4,
      passed: 2,
      hints: 1,
    });
    expect(t1.passRate).toBeCloseTo(2 / 3, 10);
    expect(t1.medianTimeToPassMs).toBeCloseTo(1000 * 2 ** 4.5, 3);
    expect({ learners: t2.learners, checks: t2.checks, passed: t2.passed, hints: t2.hintsUsed }).toEqual({
      learners: 2,
      checks: 2,
      passed: 1,
      hints: 0,
    });
    expect(t2.medianTimeToPassMs).toBeCloseTo(1000 * 2 ** 3.5, 3);
    // a task nobody tried is listed, with no figures
    expect({ learners: t3.learners, passRate: t3.passRate, median: t3.medianTimeToPassMs, title: t3.lessonTitle }).toEqual({
      learners: 0,
      passRate: null,
      median: null,
      title: "Lesson one",
    });
  });

  it("ranks the normalised failing commands and the commands run before passing", async () => {
    const t1 = await labUnitAnalytics(content, { courseSlug: "c1", kind: "TASK", unitId: "t1" }, db.prisma);
    expect(t1?.topFailing).toEqual([
      { normalized: "kubectl create deployment <name> --image=<value>", count: 2 },
      { normalized: "kubectl create deployment", count: 1 },
    ]);
    expect(t1?.topBeforePass).toEqual([
      { normalized: "kubectl create deployment <name> --image=<value>", count: 3 },
      { normalized: "kubectl get pods", count: 1 },
    ]);
    const t2 = await labUnitAnalytics(content, { courseSlug: "c1", kind: "TASK", unitId: "t2" }, db.prisma);
    expect(t2?.topFailing).toEqual([]);
    expect(t2?.topBeforePass).toEqual([{ normalized: "kubectl scale deployment <name> --replicas=<value>", count: 1 }]);
    // the top-N cut per unit
    const short = await labAnalytics(content, { course: "c1" }, db.prisma, 1);
    expect(short[0].topBeforePass).toEqual([{ normalized: "kubectl create deployment <name> --image=<value>", count: 3 }]);
  });

  it("lists who attempted a unit without their commands, most recent first", async () => {
    const { rows, more } = await labUnitLearners({ courseSlug: "c1", kind: "TASK", unitId: "t1" }, 0, db.prisma);
    expect(more).toBe(false);
    expect(rows.map((r) => [r.email, r.checks, r.passedAt?.toISOString() ?? null, r.hintsUsed]).sort()).toEqual([
      ["a@fixture.test", 1, at(30).toISOString(), 0],
      ["b@fixture.test", 2, at(25).toISOString(), 0],
      ["c@fixture.test", 1, null, 1],
    ]);
    expect(rows).not.toHaveProperty("0.line");
  });

  it("shows one learner's attempt as a timeline and audits the view", async () => {
    const before = await db.prisma.auditLog.count({ where: { action: "lab.timeline_view" } });
    const t = await labTimeline("admin", "uB", { courseSlug: "c1", kind: "TASK", unitId: "t1" }, db.prisma);
    expect(t?.learner.email).toBe("b@fixture.test");
    expect(
      t?.entries.map((e) => (e.type === "command" ? [e.at.getTime() - T0, e.line, e.exitCode] : [e.at.getTime() - T0, "check", e.passed])),
    ).toEqual([
      [0, "kubectl create deployment api --image=x", 1],
      [5000, "check", false],
      [10_000, "kubectl get deploy", 0],
      [15_000, "kubectl create deployment api --image=nginx:1.27", 0],
      [25_000, "check", true],
    ]);
    const audit = await db.prisma.auditLog.findMany({ where: { action: "lab.timeline_view" }, orderBy: { createdAt: "desc" } });
    expect(audit.length).toBe(before + 1);
    expect(audit[0]).toMatchObject({ actorId: "admin", targetUserId: "uB", details: { course: "c1", kind: "TASK", unit: "t1" } });
    // a learner who never attempted it: nothing to show, nothing audited
    expect(await labTimeline("admin", "uX", { courseSlug: "c1", kind: "TASK", unitId: "t1" }, db.prisma)).toBeNull();
    expect(await db.prisma.auditLog.count({ where: { action: "lab.timeline_view" } })).toBe(before + 1);
  });

  it("stores lines safely (NUL, lone surrogate) and normalised", async () => {
    await insertLabCommands(db.prisma, [
      { userId: "uX", courseSlug: "c9", at: at(0), exitCode: 0, line: "echo a\u0000b\uD800 && kubectl get ns prod" },
    ]);
    const row = await db.prisma.labCommand.findFirstOrThrow({ where: { userId: "uX", courseSlug: "c9" } });
    expect(row.line).toBe("echo a\uFFFDb\uFFFD && kubectl get ns prod");
    expect(row.normalized).toBe("echo <arg> && kubectl get ns <name>");
  });

  it("retention deletes old raw records but keeps the aggregates", async () => {
    const figures = await labAnalytics(content, {}, db.prisma);
    const deleted = await pruneLabRecords(db.prisma, new Date(T0 + 91 * 86_400_000));
    expect(deleted).toBe(EVENTS.length + 1);
    expect(await db.prisma.labCommand.count()).toBe(0);
    expect(await labAnalytics(content, {}, db.prisma)).toEqual(figures);
  });
});
