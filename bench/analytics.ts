/**
 * Admin analytics benchmark (issue 6, issue 14): a throwaway embedded PostgreSQL filled with
 * 10,000 learners and 500,000 quiz attempts (plus their lesson progress, tasks, terminal
 * sessions) and 1,000,000 lab commands with their check runs (through the lab trigger), then the
 * queries behind each admin page run RUNS times. Prints p50/p95/p99 per page and the slowest
 * single query. Targets: p50 < 300 ms for the quiz and the lab analytics pages.
 *
 *   npm run bench:analytics [-- --learners 10000 --attempts 500000 --commands 1000000 --runs 20]
 *
 * The questions are the real course's plus eight synthetic courses (5 lessons × 4 questions each),
 * so 500k attempts are ~50 per learner rather than 30 retries of the same 16 questions.
 * `--keep` leaves the filled database running (prints its URL) for EXPLAIN sessions.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { loadContentIndex, type ContentIndex } from "../lib/server/admin/content-index";
import { cohortContent, generateCohort, insertCohort, type CohortLesson, type CohortQuestion } from "../lib/server/admin/demo-cohort";
import { lessonFunnel } from "../lib/server/analytics/funnel";
import { labAnalytics, labStatsRaw, labUnitAnalytics } from "../lib/server/analytics/lab";
import { insertLabDemo } from "../lib/server/analytics/lab-demo";
import { labUnitLearners } from "../lib/server/analytics/lab-timeline";
import { dailySeries, overviewTotals } from "../lib/server/analytics/overview";
import { parseQuizFilter } from "../lib/server/analytics/params";
import { refreshDiscrimination } from "../lib/server/analytics/discrimination";
import { quizAnalytics, quizStatsRaw } from "../lib/server/analytics/quiz";
import { createPrismaClient } from "../lib/server/db/client";
import { startEmbeddedPostgres } from "../lib/server/db/embedded";
import { applyMigrations } from "../lib/server/db/migrate";
import { freePort } from "../test/server";

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
}
const LEARNERS = arg("learners", 10_000);
const ATTEMPTS = arg("attempts", 500_000);
const COMMANDS = arg("commands", 1_000_000);
const RUNS = arg("runs", 20);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

function syntheticContent(content: ContentIndex): { lessons: CohortLesson[]; questions: CohortQuestion[] } {
  const { lessons, questions } = cohortContent(content);
  // Eight synthetic courses besides the real one: ~55 attempts per learner before the cap.
  for (const course of Array.from({ length: 8 }, (_, i) => `bench-course-${i + 2}`))
    for (let l = 1; l <= 5; l++) {
      const slug = `lesson-${l}`;
      const quizIds = [1, 2, 3, 4].map((k) => `${course}-l${l}-q${k}`);
      lessons.push({ courseSlug: course, slug, quizIds, taskIds: [`${course}-l${l}-task`] });
      for (const id of quizIds)
        questions.push({ id, courseSlug: course, lessonSlug: slug, optionIds: ["a", "b", "c", "d"], correctOptionId: "c" });
    }
  return { lessons, questions };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "kubeyard-bench-analytics-"));
  const server = await startEmbeddedPostgres({ dataDir: join(dir, "pg"), port: await freePort(), password: "bench", durable: false });
  try {
    await applyMigrations(server.url);
    const content = await loadContentIndex();
    const { lessons, questions } = syntheticContent(content);
    const t0 = performance.now();
    // Learners beyond what reaches the attempt cap still get rows: generate generously, cap attempts.
    const rows = generateCohort({
      learners: LEARNERS,
      seed: 42,
      lessons,
      questions,
      days: 90,
      now: new Date(),
      maxAttempts: ATTEMPTS,
      proShare: 0.35,
      emailPrefix: "bench",
    });
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    await insertCohort(client, rows);
    const tLab = performance.now();
    const lab = await insertLabDemo(client, { users: rows.users, lessons, seed: 42, commands: COMMANDS, now: new Date() });
    const labMs = performance.now() - tLab;
    await client.query("VACUUM ANALYZE");
    await client.end();
    const fillMs = performance.now() - t0;
    console.log(
      `filled: ${rows.users.length} learners, ${rows.attempts.length} attempts, ${rows.progress.length} lesson progress rows, ` +
        `${rows.tasks.length} task completions, ${rows.terminals.length} terminal sessions in ${(fillMs / 1000).toFixed(1)} s`,
    );
    console.log(
      `lab: ${lab.commands} commands, ${lab.checks} check runs in ${(labMs / 1000).toFixed(1)} s ` +
        `(${((labMs * 1000) / Math.max(1, lab.checks)).toFixed(0)} µs per check run, trigger included)`,
    );

    if (process.argv.includes("--keep")) {
      console.log(`database kept at ${server.url}; Ctrl-C to stop`);
      await new Promise<void>((r) => process.once("SIGINT", () => r()));
      return;
    }
    const prisma = createPrismaClient(server.url, { poolSize: 10 });
    const labUnit = { courseSlug: "bench-course-2", kind: "TASK" as const, unitId: "bench-course-2-l3-task" };
    const pages: Record<string, () => Promise<unknown>> = {
      "quiz analytics (all)": () => quizAnalytics(parseQuizFilter({}), content, prisma),
      "quiz analytics (course + 30 days, by difficulty)": () =>
        quizAnalytics(
          parseQuizFilter({
            course: "kubernetes-pki",
            from: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
            sort: "firstCorrect",
          }),
          content,
          prisma,
        ),
      "quiz analytics (one lesson)": () =>
        quizAnalytics(parseQuizFilter({ course: "bench-course-2", lesson: "lesson-3" }), content, prisma),
      overview: () => Promise.all([overviewTotals(prisma), dailySeries(prisma, 30)]),
      funnel: () => lessonFunnel(content, {}, prisma),
      "lab analytics (all)": () => labAnalytics(content, {}, prisma),
      "lab analytics (one course)": () => labAnalytics(content, { course: "bench-course-2" }, prisma),
      "lab task (figures + 15 commands + learners)": () =>
        Promise.all([labUnitAnalytics(content, labUnit, prisma), labUnitLearners(labUnit, 0, prisma)]),
    };
    // Single queries, to name the slowest.
    const queries: Record<string, () => Promise<unknown>> = {
      "quiz stats+options (rollups)": () => quizStatsRaw(prisma, {}),
      "discrimination recompute (background, every 5 min)": () => refreshDiscrimination(prisma),
      "overview totals": () => overviewTotals(prisma),
      "overview daily series": () => dailySeries(prisma, 30),
      funnel: () => lessonFunnel(content, {}, prisma),
      "lab stats+top commands (rollups)": () => labStatsRaw(prisma, {}, 3),
      // what the lab rollups save: the same counts aggregated from the raw log per page view
      "raw: lab failing commands per task from lab_commands": () => prisma.$queryRaw`
        WITH k AS (SELECT c.user_id, c.course_slug, c.cluster_key, c.unit_id, c.at,
                          lag(c.at) OVER (PARTITION BY c.user_id, c.cluster_key ORDER BY c.at, c.id) AS prev_at
                     FROM lab_check_runs c)
        SELECT k.course_slug, k.unit_id, m.normalized, count(*) AS ran, count(*) FILTER (WHERE m.exit_code <> 0) AS failed
          FROM k JOIN lab_commands m ON m.user_id = k.user_id AND m.course_slug = k.cluster_key
                                     AND m.at > coalesce(k.prev_at, '-infinity') AND m.at <= k.at
         GROUP BY 1, 2, 3`,
    };
    for (const f of Object.values(pages)) await f(); // warm-up (plans, caches, pool)

    console.log(`\n${RUNS} runs each (wall time of everything the page awaits):`);
    console.log("page".padEnd(52) + "p50        p95        p99        max");
    for (const [name, f] of Object.entries(pages)) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const s = performance.now();
        await f();
        times.push(performance.now() - s);
      }
      console.log(
        `${name.padEnd(52)}${pct(times, 50).toFixed(1).padStart(7)} ms ${pct(times, 95).toFixed(1).padStart(7)} ms ${pct(times, 99).toFixed(1).padStart(7)} ms ${Math.max(
          ...times,
        )
          .toFixed(1)
          .padStart(7)} ms`,
      );
    }
    console.log(`\nsingle queries, ${RUNS} runs each:`);
    let slowest = { name: "", p50: 0 };
    for (const [name, f] of Object.entries(queries)) {
      const runs = name.startsWith("discrimination") || name.startsWith("raw:") ? Math.min(RUNS, 5) : RUNS;
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const s = performance.now();
        await f();
        times.push(performance.now() - s);
      }
      console.log(
        `${name.padEnd(52)}${pct(times, 50).toFixed(1).padStart(7)} ms ${pct(times, 95).toFixed(1).padStart(7)} ms  (${runs} runs)`,
      );
      if (!name.startsWith("discrimination") && !name.startsWith("raw:") && pct(times, 50) > slowest.p50)
        slowest = { name, p50: pct(times, 50) };
    }
    console.log(`\nslowest query a page waits for: ${slowest.name}, p50 ${slowest.p50.toFixed(1)} ms`);
    await prisma.$disconnect();
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
