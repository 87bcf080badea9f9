/**
 * Troubleshooting scenarios in the lab analytics, through the real trigger (migrations
 * lab_analytics and scenario_lab_analytics). A scenario is one unit (kind SCENARIO, id = its
 * slug) and its commands are those typed in its own cluster, recorded under the cluster key
 * `<course>--<scenario>`; a lesson task of the same course keeps the course's lesson cluster.
 * Times are seconds after T0; expected values computed by hand.
 *
 * Course c2: lesson cluster "c2" (task t9), scenarios s1 ("c2--s1") and s2 ("c2--s2").
 *   D   0 [s1] kubectl get nodes (0) · 5 hint s1 · 10 [s1] kubectl get pods -o wide (0) ·
 *      12 [c2] kubectl get svc (0) · 14 [s2] kubectl get nodes -owide (1) ·
 *      15 [s1] kubectl uncordon node99 (1) · 20 check s1 ✗ · 25 check t9 ✓ ·
 *      30 [s1] kubectl uncordon node01 (0) · 40 check s1 ✓
 *   E  50 hint s1 (never checks)
 *
 * s1: learners 2 (D; E by the hint), checks 2, passed 1, hints 2. D's attempt starts at their first
 *     command in s1's cluster (0 s, before the hint at 5): passed after 40 s, bucket [32, 64),
 *     median 1000·2^5.5 ms. Failing: uncordon 1 (not s2's -owide). Before passing: uncordon 2,
 *     get nodes 1, get pods -o 1 (not the lesson cluster's get svc).
 * t9: learners 1, passed after 13 s (12 → 25), before passing: get svc only.
 * D's timeline of s1: s1's commands at 0, 10, 15, 30 and s1's checks at 20 ✗, 40 ✓.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCourse } from "../../lib/course/catalog";
import { loadContentIndex, type ContentIndex, type IndexedLesson } from "../../lib/server/admin/content-index";
import { labAnalytics, labUnitAnalytics } from "../../lib/server/analytics/lab";
import { insertCheckRun, insertHintReveal, insertLabCommands, type LabUnitKind } from "../../lib/server/analytics/lab-record";
import { labAttemptSummary, labTimeline } from "../../lib/server/analytics/lab-timeline";
import { listLabUnits } from "../../lib/server/analytics/lab-units";
import { createTestDatabase, type TestDatabase } from "../db";

let db: TestDatabase;
const T0 = Date.parse("2026-04-01T09:00:00Z");
const at = (s: number) => new Date(T0 + s * 1000);

const lessons: IndexedLesson[] = [
  { courseSlug: "c2", slug: "l9", title: "Lesson nine", order: 1, quizIds: [], taskIds: ["t9"] },
  { courseSlug: "c2", slug: "s1", title: "Scenario one", order: 2, quizIds: [], taskIds: [] },
  { courseSlug: "c2", slug: "s2", title: "Scenario two", order: 3, quizIds: [], taskIds: [] },
];
const content: ContentIndex = {
  courses: [{ slug: "c2", title: "Course two", lessons }],
  quizzes: new Map(),
  lesson: (c, l) => lessons.find((x) => x.courseSlug === c && x.slug === l),
  lessonTitle: (c, l) => lessons.find((x) => x.courseSlug === c && x.slug === l)?.title ?? l,
  courseTitle: (c) => c,
};

type Event =
  | { s: number; user: string; cluster: string; line: string; exit: number }
  | { s: number; user: string; check: { kind: LabUnitKind; id: string; lesson: string }; passed: boolean }
  | { s: number; user: string; hint: string };
const S1 = { kind: "SCENARIO", id: "s1", lesson: "s1" } as const;
const T9 = { kind: "TASK", id: "t9", lesson: "l9" } as const;
const EVENTS: Event[] = [
  { s: 0, user: "D", cluster: "c2--s1", line: "kubectl get nodes", exit: 0 },
  { s: 5, user: "D", hint: "s1" },
  { s: 10, user: "D", cluster: "c2--s1", line: "kubectl get pods -o wide", exit: 0 },
  { s: 12, user: "D", cluster: "c2", line: "kubectl get svc", exit: 0 },
  { s: 14, user: "D", cluster: "c2--s2", line: "kubectl get nodes -owide", exit: 1 },
  { s: 15, user: "D", cluster: "c2--s1", line: "kubectl uncordon node99", exit: 1 },
  { s: 20, user: "D", check: S1, passed: false },
  { s: 25, user: "D", check: T9, passed: true },
  { s: 30, user: "D", cluster: "c2--s1", line: "kubectl uncordon node01", exit: 0 },
  { s: 40, user: "D", check: S1, passed: true },
  { s: 50, user: "E", hint: "s1" },
];

beforeAll(async () => {
  db = await createTestDatabase();
  const p = db.prisma;
  for (const u of ["D", "E"]) await p.user.create({ data: { id: `u${u}`, email: `${u.toLowerCase()}@fixture.test` } });
  await p.user.create({ data: { id: "admin", email: "admin@fixture.test", role: "ADMIN" } });
  for (const e of EVENTS) {
    const userId = `u${e.user}`;
    if ("line" in e) await insertLabCommands(p, [{ userId, courseSlug: e.cluster, at: at(e.s), exitCode: e.exit, line: e.line }]);
    else if ("check" in e)
      await insertCheckRun(p, {
        userId,
        courseSlug: "c2",
        lessonSlug: e.check.lesson,
        unitKind: e.check.kind,
        unitId: e.check.id,
        passed: e.passed,
        detail: e.passed ? "2 of 2 tasks pass." : "1 of 2 tasks pass; not yet",
        at: at(e.s),
      });
    else await insertHintReveal(p, { userId, courseSlug: "c2", lessonSlug: e.hint, unitKind: "SCENARIO", unitId: e.hint, at: at(e.s) });
  }
});
afterAll(async () => {
  await db?.drop();
});

describe("lab analytics of troubleshooting scenarios", () => {
  it("counts a scenario's learners, checks, passes, hints and time to pass from its own cluster's commands", async () => {
    const rows = await labAnalytics(content, { course: "c2" }, db.prisma);
    const s1 = rows.find((r) => r.kind === "SCENARIO" && r.unitId === "s1");
    const t9 = rows.find((r) => r.kind === "TASK" && r.unitId === "t9");
    expect({ learners: s1?.learners, checks: s1?.checks, passed: s1?.passed, hints: s1?.hintsUsed }).toEqual({
      learners: 2,
      checks: 2,
      passed: 1,
      hints: 2,
    });
    expect(s1?.passRate).toBeCloseTo(1 / 2, 10);
    expect(s1?.medianTimeToPassMs).toBeCloseTo(1000 * 2 ** 5.5, 3);
    expect(s1?.lessonTitle).toBe("Scenario one");
    expect({ learners: t9?.learners, passed: t9?.passed, hints: t9?.hintsUsed }).toEqual({ learners: 1, passed: 1, hints: 0 });
    expect(t9?.medianTimeToPassMs).toBeCloseTo(1000 * 2 ** 3.5, 3);
    // s2 was never checked: its cluster's failing command belongs to nobody
    expect(rows.some((r) => r.unitId === "s2")).toBe(false);
  });

  it("attributes commands by cluster: a scenario's to the scenario, the lesson cluster's to the task", async () => {
    const s1 = await labUnitAnalytics(content, { courseSlug: "c2", kind: "SCENARIO", unitId: "s1" }, db.prisma);
    expect(s1?.topFailing).toEqual([{ normalized: "kubectl uncordon <name>", count: 1 }]);
    expect(s1?.topBeforePass).toEqual([
      { normalized: "kubectl uncordon <name>", count: 2 },
      { normalized: "kubectl get nodes", count: 1 },
      { normalized: "kubectl get pods -o <value>", count: 1 },
    ]);
    const t9 = await labUnitAnalytics(content, { courseSlug: "c2", kind: "TASK", unitId: "t9" }, db.prisma);
    expect(t9?.topFailing).toEqual([]);
    expect(t9?.topBeforePass).toEqual([{ normalized: "kubectl get svc", count: 1 }]);
  });

  it("shows one learner's scenario attempt as a timeline of that cluster, and audits the view", async () => {
    const before = await db.prisma.auditLog.count({ where: { action: "lab.timeline_view" } });
    // the page's GET: the attempt's figures, no commands, no audit
    const summary = await labAttemptSummary("uD", { courseSlug: "c2", kind: "SCENARIO", unitId: "s1" }, db.prisma);
    expect(summary).toEqual({
      learner: { id: "uD", email: "d@fixture.test", name: null },
      attempt: { startedAt: at(0), passedAt: at(40), lastCheckAt: at(40), checks: 2, hintsUsed: 1 },
    });
    expect(await labAttemptSummary("uE", { courseSlug: "c2", kind: "TASK", unitId: "t9" }, db.prisma)).toBeNull();
    expect(await db.prisma.auditLog.count({ where: { action: "lab.timeline_view" } })).toBe(before);
    const t = await labTimeline("admin", "uD", { courseSlug: "c2", kind: "SCENARIO", unitId: "s1" }, db.prisma);
    expect(t?.attempt).toMatchObject({ startedAt: at(0), passedAt: at(40), checks: 2, hintsUsed: 1 });
    expect(
      t?.entries.map((e) => (e.type === "command" ? [e.at.getTime() - T0, e.line] : [e.at.getTime() - T0, "check", e.passed])),
    ).toEqual([
      [0, "kubectl get nodes"],
      [10_000, "kubectl get pods -o wide"],
      [15_000, "kubectl uncordon node99"],
      [20_000, "check", false],
      [30_000, "kubectl uncordon node01"],
      [40_000, "check", true],
    ]);
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "lab.timeline_view" }, orderBy: { createdAt: "desc" } });
    expect(audit).toMatchObject({ actorId: "admin", targetUserId: "uD", details: { course: "c2", kind: "SCENARIO", unit: "s1" } });
    expect(await db.prisma.auditLog.count({ where: { action: "lab.timeline_view" } })).toBe(before + 1);
  });

  it("lists each published scenario as one SCENARIO unit, and none of its tasks as lesson tasks", async () => {
    const units = (await listLabUnits(await loadContentIndex())).filter((u) => u.courseSlug === "troubleshooting");
    const scenarios = (await getCourse("troubleshooting"))?.lessons.filter((l) => l.kind === "scenario") ?? [];
    expect(scenarios.length).toBeGreaterThanOrEqual(8);
    expect(units.map((u) => u.unitId).sort()).toEqual(scenarios.map((l) => l.slug).sort());
    expect(units.every((u) => u.kind === "SCENARIO" && u.lessonSlug === u.unitId)).toBe(true);
    expect(units.find((u) => u.unitId === "cordoned-node")?.title).toBe("The node that came back from maintenance");
    // lesson courses still list their tasks
    const all = await listLabUnits(await loadContentIndex());
    expect(all.some((u) => u.kind === "TASK" && u.courseSlug === "kubernetes-pki")).toBe(true);
  });
});
