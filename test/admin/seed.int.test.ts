/**
 * scripts/seed-demo.ts against a throwaway database: deterministic by seed, replaces its own
 * cohort on a re-run, and refuses a database with real learners unless --force.
 */
import { execFile } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../db";
import { HttpClient } from "../http-client";
import { freePort, startTestServer, TEST_ADMIN } from "../server";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
let db: TestDatabase;

async function seed(args: string[]) {
  return run(process.execPath, ["--import", "tsx", "--import", "./server/server-only.mjs", "scripts/seed-demo.ts", ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: db.url, AUTH_SECRET: "seed-test-secret-0123456789abcdef0123" },
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}

async function snapshot() {
  const p = db.prisma;
  const attempts = await p.quizAttempt.findMany({
    orderBy: { id: "asc" },
    select: { id: true, questionId: true, optionId: true, correct: true, attemptNumber: true },
  });
  return {
    users: await p.user.count({ where: { email: { endsWith: "@demo.kubeyard.invalid" } } }),
    attempts,
    progress: await p.lessonProgress.count(),
    tasks: await p.taskCompletion.count(),
    terminals: await p.terminalSession.count(),
    pro: await p.entitlement.count(),
    labCommands: await p.labCommand.count(),
    labChecks: await p.labCheckRun.count(),
    labStats: await p.labUnitStat.findMany({ orderBy: [{ courseSlug: "asc" }, { unitId: "asc" }] }),
    labCommandStats: await p.labUnitCommand.aggregate({ _sum: { ran: true, failed: true, beforePass: true } }),
    scenarioAttempts: await p.scenarioAttempt.findMany({
      orderBy: { id: "asc" },
      // times follow the wall clock of the run; what was solved and how long it took do not
      select: { id: true, courseSlug: true, scenarioSlug: true, hintsUsed: true, checks: true, timeToSolveMs: true },
    }),
    hintReveals: await p.scenarioHintReveal.count(),
  };
}

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe("seed:demo", () => {
  it("creates a realistic cohort, the same one for the same seed", async () => {
    const first = await seed(["--learners", "40", "--seed", "7"]);
    expect(first.code, first.out).toBe(0);
    const a = await snapshot();
    expect(a.users).toBe(40);
    expect(a.attempts.length).toBeGreaterThan(100);
    expect(a.progress).toBeGreaterThan(40);
    expect(a.tasks).toBeGreaterThan(0);
    expect(a.terminals).toBeGreaterThan(0);
    expect(a.pro).toBeGreaterThan(0);
    // lab activity, about 100 commands per learner, rolled up by the check-run trigger
    expect(a.labCommands).toBeGreaterThan(40 * 50);
    expect(a.labStats.reduce((n, s) => n + s.checks, 0)).toBe(a.labChecks);
    expect(a.labStats.some((s) => s.passed > 0 && s.passed < s.learners)).toBe(true);
    expect(a.labCommandStats._sum.failed).toBeGreaterThan(0);
    // the Troubleshooting track's scenarios: attempts and hints as the scenario page records them,
    // and the same hints and checks in the lab rollups, scenario by scenario
    const scenarios = a.labStats.filter((s) => s.unitKind === "SCENARIO");
    expect(scenarios.length).toBeGreaterThan(0);
    expect(a.scenarioAttempts.length).toBeGreaterThan(0);
    expect(a.scenarioAttempts.some((x) => x.timeToSolveMs !== null && x.timeToSolveMs > 0)).toBe(true);
    expect(a.hintReveals).toBeGreaterThan(0);
    expect(a.scenarioAttempts.reduce((n, x) => n + x.hintsUsed, 0)).toBe(a.hintReveals);
    for (const s of scenarios) {
      const mine = a.scenarioAttempts.filter((x) => x.courseSlug === s.courseSlug && x.scenarioSlug === s.unitId);
      expect(s.hintsUsed, s.unitId).toBe(mine.reduce((n, x) => n + x.hintsUsed, 0));
      expect(s.checks, s.unitId).toBe(mine.reduce((n, x) => n + x.checks, 0));
      expect(s.learners, s.unitId).toBe(mine.length);
      expect(s.passed, s.unitId).toBe(mine.filter((x) => x.timeToSolveMs !== null).length);
    }
    // Difficulty differs per question: not every question has the same first-try rate.
    const rates = new Map<string, [number, number]>();
    for (const x of a.attempts.filter((t) => t.attemptNumber === 1)) {
      const r = rates.get(x.questionId) ?? [0, 0];
      rates.set(x.questionId, [r[0] + (x.correct ? 1 : 0), r[1] + 1]);
    }
    const shares = [...rates.values()].map(([c, n]) => c / n);
    expect(Math.max(...shares) - Math.min(...shares)).toBeGreaterThan(0.2);

    const again = await seed(["--learners", "40", "--seed", "7"]);
    expect(again.code, again.out).toBe(0);
    expect(again.out).toContain("replaced 40 demo learners");
    expect(await snapshot()).toEqual(a);
  });

  it("refuses a database with real learners unless --force", async () => {
    await db.prisma.user.create({ data: { email: "real-person@example.com" } });
    const refused = await seed(["--learners", "5"]);
    expect(refused.code).not.toBe(0);
    expect(refused.out).toContain("not demo learners");
    expect(await db.prisma.user.count({ where: { email: { endsWith: "@demo.kubeyard.invalid" } } })).toBe(40);
    const forced = await seed(["--learners", "5", "--force"]);
    expect(forced.code, forced.out).toBe(0);
    expect(await db.prisma.user.count({ where: { email: { endsWith: "@demo.kubeyard.invalid" } } })).toBe(5);
    expect(await db.prisma.user.count({ where: { email: "real-person@example.com" } })).toBe(1);
  });
});

describe("seed:demo beside a running server (issue 13, item 2)", () => {
  it("uses the running server's embedded PostgreSQL as a client and never stops it", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "kubeyard-seed-"));
    await chmod(dataDir, 0o755); // the embedded PostgreSQL runs as the `postgres` user when root
    const pgPort = String(await freePort());
    const server = await startTestServer({ dataDir, env: { EMBEDDED_PG_PORT: pgPort } });
    try {
      const out = await run(
        process.execPath,
        ["--import", "tsx", "--import", "./server/server-only.mjs", "scripts/seed-demo.ts", "--learners", "5", "--force"],
        {
          cwd: root,
          env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, EMBEDDED_PG_PORT: pgPort, AUTH_SECRET: "" },
        },
      ).then(
        (r) => ({ code: 0, out: r.stdout + r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
      );
      expect(out.code, out.out).toBe(0);
      expect(out.out).toMatch(/Using the embedded PostgreSQL of the running server \(pid \d+\)/);
      // The server's database is still up: it answers, and the admin signs in.
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).toBe(200);
      expect(await new HttpClient(server.url).signIn(TEST_ADMIN.email, TEST_ADMIN.password)).toBeNull();
    } finally {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
