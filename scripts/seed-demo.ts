/**
 * npm run seed:demo [-- --learners 200 --commands 20000 --seed 1 --days 60 --force]
 *
 * The lab analytics' demo cohort (issue 14): --learners 10000 --commands 1000000.
 *
 * Fills the database with a realistic demo cohort so the admin pages have something to show:
 * learners (emails @demo.kubeyard.invalid, no password: nobody can sign in as them), their quiz
 * answers with per-question difficulty and attractive wrong options, lesson progress, hands-on
 * task completions, Pro grants and terminal session rows (lib/server/admin/demo-cohort.ts
 * explains the model), and lab activity: commands, task and scenario check runs, scenario
 * attempts and hints, about --commands in all (default 100 per learner;
 * lib/server/analytics/lab-demo.ts). Deterministic: the same --seed
 * gives the same cohort.
 *
 * Re-running replaces the previous demo cohort. It refuses to run when the database has learners
 * that are not demo learners (a real deployment) unless --force.
 *
 * Database: $DATABASE_URL, or else the embedded one in $DATA_DIR. When a server is running on
 * it, the script connects to that server's PostgreSQL as a client and leaves it running;
 * otherwise it starts the embedded PostgreSQL itself and stops it at the end.
 */
import pg from "pg";
import { loadContentIndex } from "../lib/server/admin/content-index";
import { cohortContent, DEMO_EMAIL_DOMAIN, generateCohort, insertCohort } from "../lib/server/admin/demo-cohort";
import { insertLabDemo } from "../lib/server/analytics/lab-demo";
import { prepareRuntime } from "../lib/server/bootstrap/prepare-runtime";
import { loadEnv } from "../lib/env";

interface Args {
  learners: number;
  commands: number | null;
  seed: number;
  days: number;
  force: boolean;
}

export function parseArgs(argv: string[]): Args {
  const out: Args = { learners: 200, commands: null, seed: 1, days: 60, force: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = (name: string, min: number, max: number) => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < min || v > max) throw new Error(`--${name} takes a whole number from ${min} to ${max}`);
      return v;
    };
    if (a === "--learners") out.learners = num("learners", 1, 100_000);
    else if (a === "--commands") out.commands = num("commands", 0, 20_000_000);
    else if (a === "--seed") out.seed = num("seed", 0, 2 ** 31 - 1);
    else if (a === "--days") out.days = num("days", 1, 3650);
    else if (a === "--force") out.force = true;
    else throw new Error(`Unknown option ${a}. Usage: npm run seed:demo -- [--learners N] [--commands N] [--seed S] [--days D] [--force]`);
  }
  return out;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const env = loadEnv();
  const runtime = await prepareRuntime({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    embeddedPort: env.EMBEDDED_PG_PORT,
    authSecret: env.AUTH_SECRET,
    adminEmail: env.ADMIN_EMAIL,
    adminPassword: env.ADMIN_PASSWORD,
    log: (m) => console.log(m),
    embeddedRunning: "share",
  });
  const client = new pg.Client({ connectionString: runtime.databaseUrl });
  await client.connect();
  try {
    const demoLike = `%@${DEMO_EMAIL_DOMAIN}`;
    const { rows: real } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM users WHERE role = 'LEARNER' AND email NOT LIKE $1`,
      [demoLike],
    );
    if (Number(real[0].n) > 0 && !args.force) {
      throw new Error(
        `this database has ${real[0].n} learner(s) who are not demo learners; seeding demo data here would mix with real analytics. Use --force if you really mean it.`,
      );
    }

    const { lessons, questions } = cohortContent(await loadContentIndex());
    if (questions.length === 0) throw new Error("no quizzes found under content/courses: nothing to seed");

    const rows = generateCohort({
      learners: args.learners,
      seed: args.seed,
      lessons,
      questions,
      days: args.days,
      now: new Date(),
      proShare: 0.35,
      emailPrefix: "learner",
    });
    await client.query("BEGIN");
    // Replace the previous demo cohort (cascades to its answers, progress, tasks, sessions; the
    // rollup triggers subtract the deleted answers).
    await client.query(`DELETE FROM learner_days WHERE user_id IN (SELECT id FROM users WHERE email LIKE $1)`, [demoLike]);
    const { rowCount: removed } = await client.query(`DELETE FROM users WHERE email LIKE $1`, [demoLike]);
    await insertCohort(client, rows);
    await client.query("DELETE FROM quiz_item_discrimination"); // recomputed on the next page view
    // The lab rollups hold no user ids, so the old cohort's counts stay unless cleared: clear them,
    // but only where every learner is a demo learner (with --force on real data, no lab seed).
    let lab = { commands: 0, checks: 0, scenarioAttempts: 0, hints: 0 };
    if (Number(real[0].n) === 0) {
      await client.query("DELETE FROM lab_unit_stats");
      await client.query("DELETE FROM lab_unit_commands");
      lab = await insertLabDemo(client, {
        users: rows.users,
        lessons,
        seed: args.seed,
        commands: args.commands ?? rows.users.length * 100,
        now: new Date(),
        onProgress: (c, k) => process.stdout.write(`\rseed:demo: lab ${c} commands, ${k} checks…`),
      });
      process.stdout.write("\n");
    } else console.log("seed:demo: real learners present, so no demo lab activity (its rollups would mix with theirs).");
    await client.query("COMMIT");
    console.log(
      `seed:demo (seed ${args.seed}): ${removed ? `replaced ${removed} demo learners; ` : ""}${rows.users.length} learners, ${rows.attempts.length} quiz answers, ` +
        `${rows.progress.length} lesson progress rows, ${rows.tasks.length} task completions, ${rows.entitlements.length} Pro grants, ${rows.terminals.length} terminal sessions, ` +
        `${lab.commands} lab commands, ${lab.checks} check runs, ${lab.scenarioAttempts} scenario attempts with ${lab.hints} hints shown.`,
    );
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    await client.end();
    await runtime.stop();
  }
}

main().catch((err: unknown) => {
  console.error(`seed:demo: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
