/**
 * Crash-loop harness (security.md E4, the "kill -9 in a loop" check): starts the real server on
 * a throwaway embedded PostgreSQL with one Pro learner, then, per iteration: connect, run
 * `echo iter-<i> >> crash.log`, wait for the prompt (the command is acknowledged: its event is
 * committed before the prompt is sent), SIGKILL the server at once, restart it, reconnect, and
 * check that crash.log holds every acknowledged line exactly once.
 *
 *   npm run bench:crash [-- iterations=20]
 *
 * Exits 1 if an acknowledged command was lost (or doubled). Traffic goes to 127.0.0.1 only.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { startEmbeddedPostgres } from "../lib/server/db/embedded";
import { applyMigrations } from "../lib/server/db/migrate";
import { HttpClient } from "../test/http-client";
import { freePort, startTestServer, type TestServer } from "../test/server";
import { openLiveTerminal, type TestTerminal } from "../test/terminal-client";

const ITERATIONS = Math.max(1, Number(process.argv[2] ?? 20) || 20);
const PROMPT = "controlplane:~$ ";
const LEASE_TTL_MS = "3000";

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "kubeyard-crash-"));
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, "pg"), port: await freePort(), password: "crash" });
  await applyMigrations(pg.url);
  const port = await freePort();
  const env = { TERMINAL_LEASE_TTL_MS: LEASE_TTL_MS };
  let server: TestServer = await startTestServer({ databaseUrl: pg.url, port, env });

  const learner = new HttpClient(server.url);
  const email = `crash-${Date.now()}@bench.test`;
  await learner.postJson("/api/auth/sign-up", { email, password: "crash passphrase long" });
  if ((await learner.signIn(email, "crash passphrase long")) !== null) throw new Error("sign-in failed");
  if ((await learner.postJson("/api/billing/upgrade", {})).status !== 200) throw new Error("upgrade failed");
  const cookie = learner.cookieHeader();

  /** Lines of crash.log as the (restarted) server shows them. */
  const readLog = async (t: TestTerminal): Promise<string[]> => {
    const marker = `end-${Date.now()}`;
    t.type(`cat crash.log; echo ${marker}\r`);
    const out = await t.waitFor(new RegExp(`\\r\\n${marker}\\r\\n`), 30_000);
    await t.waitFor(PROMPT, 30_000);
    const body = out.slice(out.indexOf("\r\n") + 2, out.lastIndexOf(`${marker}\r\n`));
    return body.split("\r\n").filter((l) => /^iter-\d+$/.test(l));
  };

  const acknowledged: string[] = [];
  const restartMs: number[] = [];
  let lost = 0;
  let doubled = 0;
  let unacked = 0;
  try {
    for (let i = 1; i <= ITERATIONS; i++) {
      const t = await openLiveTerminal(server.url, { cookie }, 60_000);
      const line = `iter-${i}`;
      t.type(`echo ${line} >> crash.log\r`);
      let acked = false;
      try {
        await t.waitFor(`echo ${line} >> crash.log\r\n${PROMPT}`, 30_000);
        acked = true;
        acknowledged.push(line);
      } catch {
        unacked++;
      }
      // kill -9 the moment the prompt is back: no graceful lease release, no flush.
      await server.kill();
      const t0 = performance.now();
      server = await startTestServer({ databaseUrl: pg.url, port, env });
      // The dead instance's lease runs out (TTL 3 s), then the new one loads the cluster.
      const r = await openLiveTerminal(server.url, { cookie }, 60_000);
      restartMs.push(performance.now() - t0);
      const lines = await readLog(r);
      r.close();
      const counts = new Map<string, number>();
      for (const l of lines) counts.set(l, (counts.get(l) ?? 0) + 1);
      const missing = acknowledged.filter((l) => !counts.has(l));
      const twice = [...counts].filter(([, n]) => n > 1).map(([l]) => l);
      lost = Math.max(lost, missing.length);
      doubled = Math.max(doubled, twice.length);
      console.log(
        `iter ${String(i).padStart(3)}: ${acked ? "acknowledged" : "NOT acknowledged"}, log has ${lines.length} lines` +
          `, restart+reconnect ${(restartMs.at(-1)! / 1000).toFixed(1)} s` +
          (missing.length ? `, LOST ${missing.join(",")}` : "") +
          (twice.length ? `, DOUBLED ${twice.join(",")}` : ""),
      );
    }
  } finally {
    await server.stop().catch(() => server.kill());
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  const mean = restartMs.reduce((a, b) => a + b, 0) / Math.max(1, restartMs.length);
  console.log(`\niterations:              ${ITERATIONS}`);
  console.log(`acknowledged commands:   ${acknowledged.length}`);
  console.log(`not acknowledged:        ${unacked}`);
  console.log(`lost (must be 0):        ${lost}`);
  console.log(`doubled:                 ${doubled}`);
  console.log(`mean restart+reconnect:  ${(mean / 1000).toFixed(2)} s (server start + ${LEASE_TTL_MS} ms lease expiry + load)`);
  return lost > 0 || doubled > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
