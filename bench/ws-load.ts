/**
 * Terminal load benchmark (security.md G1; issue 4): starts the real server on a throwaway
 * embedded PostgreSQL, signs up N Pro learners, opens one WebSocket terminal per learner and
 * measures the round trip of a command (send `echo` + Enter → its output and the prompt back),
 * with all N sessions connected and each running commands. Prints p50/p99, server memory, and
 * PostgreSQL's committed transactions per second during each round (pg_stat_database), which
 * shows whether commands share commits (group commit) or pay one each.
 *
 *   npm run bench:ws [-- N ...]      default: 1 100 500
 *
 * Bounded in count and time; traffic goes to 127.0.0.1 only.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Client as PgClient } from "pg";
import { startEmbeddedPostgres } from "../lib/server/db/embedded";
import { applyMigrations } from "../lib/server/db/migrate";
import { HttpClient } from "../test/http-client";
import { freePort, startTestServer } from "../test/server";
import { openLiveTerminal, type TestTerminal } from "../test/terminal-client";

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const N_LIST = sizes.length ? sizes : [1, 100, 500];
const COMMANDS_PER_SESSION = 5;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x: number) => `${x.toFixed(2)} ms`;

async function rssOf(pid: number): Promise<number> {
  const { readFileSync } = await import("node:fs");
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

/** PostgreSQL's committed transactions in this database, all backends (ours adds one a read). */
async function committed(stats: PgClient): Promise<number> {
  const r = await stats.query<{ n: string }>("SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = current_database()");
  return Number(r.rows[0].n);
}

/**
 * Commits during `run`. Backends report their counters at most once a second when idle, so the
 * count is read after a pause; the rate divides by the run's own time.
 */
async function countCommits(stats: PgClient, run: () => Promise<unknown>): Promise<{ commits: number; perSecond: number }> {
  const settle = () => new Promise((r) => setTimeout(r, 1500));
  await settle();
  const before = await committed(stats);
  const t0 = performance.now();
  await run();
  const seconds = (performance.now() - t0) / 1000;
  await settle();
  const commits = (await committed(stats)) - before - 1;
  return { commits, perSecond: commits / seconds };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "kubeyard-bench-"));
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, "pg"), port: await freePort(), password: "bench" });
  await applyMigrations(pg.url);
  const stats = new PgClient({ connectionString: pg.url });
  await stats.connect();
  const server = await startTestServer({ databaseUrl: pg.url, env: { TERMINAL_LEASE_TTL_MS: "30000", TERMINAL_MAX_PER_IP: "100000" } });
  const pid = server.child.pid!;
  const rssStart = await rssOf(pid);
  console.log(`server pid ${pid}, RSS at start ${(rssStart / 2 ** 20).toFixed(0)} MiB\n`);
  console.log(
    "sessions | connect+restore p50 | burst round trip p50 | p99 | paced p50 | paced p99 | server RSS | RSS per session | burst commits/s | paced commits/s | commands per commit (burst, paced)",
  );
  const learners: HttpClient[] = [];
  const maxN = Math.max(...N_LIST);
  try {
    for (const n of N_LIST) {
      while (learners.length < n) {
        const c = new HttpClient(server.url);
        const email = `bench-${learners.length}-${Date.now()}@bench.test`;
        await c.postJson("/api/auth/sign-up", { email, password: "bench passphrase long" });
        if ((await c.signIn(email, "bench passphrase long")) !== null) throw new Error("sign-in failed");
        await c.postJson("/api/billing/upgrade", {});
        learners.push(c);
      }
      const connect: number[] = [];
      const terms: TestTerminal[] = [];
      for (let i = 0; i < n; i += 25) {
        const batch = learners.slice(i, Math.min(n, i + 25));
        terms.push(
          ...(await Promise.all(
            batch.map(async (c) => {
              const t0 = performance.now();
              const t = await openLiveTerminal(server.url, { cookie: c.cookieHeader() }, 60_000);
              connect.push(performance.now() - t0);
              return t;
            }),
          )),
        );
      }
      // Burst: every session sends its commands back to back, all at once (the worst case).
      // Paced: every session types a command every 2 s on average, at random offsets, as people do.
      const rtt: number[] = [];
      const paced: number[] = [];
      const round = async (out: number[], tag: string, gapMs: () => number) =>
        Promise.all(
          terms.map(async (t, i) => {
            for (let k = 0; k < COMMANDS_PER_SESSION; k++) {
              await new Promise((r) => setTimeout(r, gapMs()));
              const marker = `${tag}${i}x${k}`;
              t.skip();
              const t0 = performance.now();
              t.type(`echo ${marker}\r`);
              await t.waitFor(`${marker}\r\ncontrolplane:~$ `, 60_000);
              out.push(performance.now() - t0);
            }
          }),
        );
      const burst = await countCommits(stats, () => round(rtt, "b", () => 0));
      const steady = await countCommits(stats, () => round(paced, "p", () => 1000 + Math.random() * 2000));
      const commands = n * COMMANDS_PER_SESSION;
      const rss = await rssOf(pid);
      console.log(
        `${String(n).padStart(8)} | ${ms(pct(connect, 50)).padStart(18)} | ${ms(pct(rtt, 50)).padStart(14)} | ${ms(pct(rtt, 99)).padStart(9)} | ${ms(pct(paced, 50)).padStart(10)} | ${ms(pct(paced, 99)).padStart(9)} | ${(rss / 2 ** 20).toFixed(0).padStart(6)} MiB | ${((rss - rssStart) / Math.max(1, n) / 1024).toFixed(0).padStart(6)} KiB | ${burst.perSecond.toFixed(0).padStart(15)} | ${steady.perSecond.toFixed(0).padStart(15)} | ${(commands / burst.commits).toFixed(2)}, ${(commands / steady.commits).toFixed(2)}`,
      );
      for (const t of terms) t.close();
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    console.log(
      `\n(${maxN} learners, ${COMMANDS_PER_SESSION} commands each per round; server output tail:)\n${server.output().split("\n").slice(-3).join("\n")}`,
    );
    await server.stop();
    await stats.end();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
