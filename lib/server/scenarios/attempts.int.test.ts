/**
 * Scenario attempts against real PostgreSQL: starting is idempotent, a restart abandons an
 * unsolved attempt and numbers the next, hints are revealed one at a time and each reveal is a
 * row, the first passing check fixes the time to solve, and nothing crosses learners.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { ScenarioAttempts, type ScenarioRef } from "./attempts";

let db: TestDatabase;
let attempts: ScenarioAttempts;
let ann: string;
let bob: string;
const T0 = new Date("2026-11-30T10:00:00.000Z");
const at = (s: number) => new Date(T0.getTime() + s * 1000);
const ref = (userId: string, scenarioSlug = "cordoned-node"): ScenarioRef => ({ userId, courseSlug: "troubleshooting", scenarioSlug });

beforeAll(async () => {
  db = await createTestDatabase();
  attempts = new ScenarioAttempts(db.prisma);
  ann = (await db.prisma.user.create({ data: { email: "ann@scenarios.int.test" } })).id;
  bob = (await db.prisma.user.create({ data: { email: "bob@scenarios.int.test" } })).id;
});

afterAll(async () => db?.drop());

describe("scenario attempts", () => {
  it("start once, however often the scenario is opened, also concurrently", async () => {
    expect(await attempts.current(ref(ann))).toBeNull();
    const many = await Promise.all([1, 2, 3, 4].map(() => attempts.start(ref(ann), T0)));
    expect(new Set(many.map((a) => a.id)).size).toBe(1);
    expect(many[0]).toMatchObject({ attemptNumber: 1, startedAt: T0, hintsUsed: 0, checks: 0, solvedAt: null, timeToSolveMs: null });
    expect((await attempts.start(ref(ann), at(99))).id).toBe(many[0].id);
    expect(await db.prisma.scenarioAttempt.count({ where: { userId: ann } })).toBe(1);
  });

  it("reveal hints one at a time, record each reveal, and stop at the last", async () => {
    const a = await attempts.start(ref(ann, "hints"), T0);
    const reveals = await Promise.all([1, 2].map((i) => attempts.revealNextHint(ref(ann, "hints"), a.id, 3, at(i))));
    expect(reveals.map((r) => r?.index).sort()).toEqual([0, 1]);
    expect(await attempts.revealNextHint(ref(ann, "hints"), a.id, 3, at(5))).toEqual({ index: 2 });
    expect(await attempts.revealNextHint(ref(ann, "hints"), a.id, 3, at(6))).toBeNull();
    expect(await attempts.revealedHints(ref(ann, "hints"), a.id)).toEqual([0, 1, 2]);
    expect((await attempts.current(ref(ann, "hints")))?.hintsUsed).toBe(3);
    const rows = await db.prisma.scenarioHintReveal.findMany({ where: { attemptId: a.id }, orderBy: { hintIndex: "asc" } });
    expect(rows.map((r) => r.revealedAt.getTime() - T0.getTime())).toEqual([expect.any(Number), expect.any(Number), 5000]);
    // another learner cannot reveal or read hints of this attempt
    expect(await attempts.revealNextHint(ref(bob, "hints"), a.id, 3, at(7))).toBeNull();
    expect(await attempts.revealedHints(ref(bob, "hints"), a.id)).toEqual([]);
  });

  it("count every check and fix the time to solve at the first passing one", async () => {
    const a = await attempts.start(ref(ann, "solve"), T0);
    expect(await attempts.recordCheck(ref(ann, "solve"), a.id, false, at(30))).toMatchObject({ checks: 1, solvedAt: null });
    const solved = await attempts.recordCheck(ref(ann, "solve"), a.id, true, at(95));
    expect(solved).toMatchObject({ checks: 2, solvedAt: at(95), timeToSolveMs: 95_000 });
    expect(await attempts.recordCheck(ref(ann, "solve"), a.id, true, at(200))).toMatchObject({
      checks: 3,
      solvedAt: at(95),
      timeToSolveMs: 95_000,
    });
    expect(await attempts.recordCheck(ref(bob, "solve"), a.id, true, at(300))).toBeNull();
  });

  it("restart: an unsolved attempt is abandoned, the next is numbered and starts with no hints", async () => {
    const first = await attempts.start(ref(ann, "restart"), T0);
    await attempts.revealNextHint(ref(ann, "restart"), first.id, 2, at(10));
    const second = await attempts.restart(ref(ann, "restart"), at(60));
    expect(second).toMatchObject({ attemptNumber: 2, startedAt: at(60), hintsUsed: 0, solvedAt: null });
    expect((await db.prisma.scenarioAttempt.findUniqueOrThrow({ where: { id: first.id } })).abandonedAt).toEqual(at(60));
    expect((await attempts.current(ref(ann, "restart")))?.id).toBe(second.id);
    // a solved attempt is not marked abandoned by a later restart, but is no longer current
    await attempts.recordCheck(ref(ann, "restart"), second.id, true, at(120));
    const third = await attempts.restart(ref(ann, "restart"), at(130));
    const secondRow = await db.prisma.scenarioAttempt.findUniqueOrThrow({ where: { id: second.id } });
    expect(secondRow).toMatchObject({ abandonedAt: null, solvedAt: at(120), timeToSolveMs: 60_000 });
    expect((await attempts.current(ref(ann, "restart")))?.id).toBe(third.id);
    expect(third.attemptNumber).toBe(3);
    // bob's attempts are his own
    expect(await attempts.current(ref(bob, "restart"))).toBeNull();
  });
});
