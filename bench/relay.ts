/**
 * The cost of the relay between instances (issue 15): two servers on one throwaway embedded
 * PostgreSQL; each learner has a tab on A, which holds the cluster, and a tab on B, relayed to
 * A. The round trip of a command (`echo` + Enter → its output and the prompt back) is measured
 * on the direct tab and on the relayed one, interleaved, so both see the same machine at the
 * same moment; then the time a tab takes to become live (open → `status`) on each. Last, the
 * alternative the design rejected: one round trip through PostgreSQL's LISTEN/NOTIFY (instance
 * B notifies, A hears it and notifies back) on the same database, with nothing else to do, and
 * how many notifications per second it commits from 10 connections at once.
 *
 *   npm run bench:relay [-- SAMPLES]      default 300 round trips on each path
 *
 * Commands are spread over LEARNERS learners so no one exceeds the 10 commands/s budget, which
 * would add its pacing to the figures. Traffic goes to 127.0.0.1 only.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Client as PgClient } from "pg";
import { startEmbeddedPostgres } from "../lib/server/db/embedded";
import { applyMigrations } from "../lib/server/db/migrate";
import { HttpClient } from "../test/http-client";
import { freePort, startTestServer, type TestServer } from "../test/server";
import { openLiveTerminal, type TestTerminal } from "../test/terminal-client";

const SAMPLES = Number(process.argv[2] ?? 300) || 300;
const LEARNERS = 6;
const ATTACH_SAMPLES = 30;
const PROMPT = "controlplane:~$ ";

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x: number) => `${x.toFixed(2)} ms`;

async function roundTrip(t: TestTerminal, marker: string): Promise<number> {
  t.skip();
  const t0 = performance.now();
  t.type(`echo ${marker}\r`);
  await t.waitFor(`${marker}\r\n${PROMPT}`, 30_000);
  return performance.now() - t0;
}

async function timeToLive(server: TestServer, cookie: string): Promise<number> {
  const t0 = performance.now();
  const t = await openLiveTerminal(server.url, { cookie }, 30_000);
  const took = performance.now() - t0;
  t.close();
  await t.closed;
  return took;
}

function row(name: string, xs: number[]): string {
  return `${name.padEnd(28)} | ${ms(pct(xs, 50)).padStart(9)} | ${ms(pct(xs, 99)).padStart(9)} | ${String(xs.length).padStart(7)}`;
}

/** Round trips of a 200-byte payload B → PostgreSQL → A → PostgreSQL → B over LISTEN/NOTIFY. */
async function notifyRoundTrips(url: string, samples: number): Promise<number[]> {
  const [b, a] = [new PgClient({ connectionString: url }), new PgClient({ connectionString: url })];
  await Promise.all([a.connect(), b.connect()]);
  await a.query("LISTEN relay_in");
  await b.query("LISTEN relay_out");
  a.on("notification", (n) => void a.query("SELECT pg_notify('relay_out', $1)", [n.payload ?? ""]));
  const payload = JSON.stringify({ t: "output", d: "x".repeat(180) });
  const out: number[] = [];
  for (let k = 0; k < samples; k++) {
    const t0 = performance.now();
    const back = new Promise<void>((r) => b.once("notification", () => r()));
    await b.query("SELECT pg_notify('relay_in', $1)", [payload]);
    await back;
    out.push(performance.now() - t0);
  }
  await Promise.all([a.end(), b.end()]);
  return out;
}

/** Notifications per second PostgreSQL commits when 10 connections send 300 each at once (each is its own commit). */
async function notifyThroughput(url: string): Promise<number> {
  const clients = Array.from({ length: 10 }, () => new PgClient({ connectionString: url }));
  await Promise.all(clients.map((c) => c.connect()));
  const t0 = performance.now();
  await Promise.all(
    clients.map(async (c) => {
      for (let k = 0; k < 300; k++) await c.query("SELECT pg_notify('relay_load', $1)", ["x".repeat(200)]);
    }),
  );
  const perSecond = (10 * 300) / ((performance.now() - t0) / 1000);
  await Promise.all(clients.map((c) => c.end()));
  return perSecond;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "kubeyard-bench-relay-"));
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, "pg"), port: await freePort(), password: "bench" });
  await applyMigrations(pg.url);
  const env = { TERMINAL_LEASE_TTL_MS: "30000", TERMINAL_MAX_PER_IP: "1000" };
  const [a, b] = await Promise.all([startTestServer({ databaseUrl: pg.url, env }), startTestServer({ databaseUrl: pg.url, env })]);
  try {
    const cookies: string[] = [];
    for (let i = 0; i < LEARNERS; i++) {
      const c = new HttpClient(a.url);
      const email = `relay-bench-${i}-${Date.now()}@bench.test`;
      await c.postJson("/api/auth/sign-up", { email, password: "bench passphrase long" });
      if ((await c.signIn(email, "bench passphrase long")) !== null) throw new Error("sign-in failed");
      await c.postJson("/api/billing/upgrade", {});
      cookies.push(c.cookieHeader());
    }
    // A loads every cluster first, so it holds them all and B relays.
    const direct = await Promise.all(cookies.map((cookie) => openLiveTerminal(a.url, { cookie }, 60_000)));
    const relayed = await Promise.all(cookies.map((cookie) => openLiveTerminal(b.url, { cookie }, 60_000)));
    for (let i = 0; i < LEARNERS; i++) await roundTrip(relayed[i], `warm${i}`); // JIT, pools, the relay socket

    const onDirect: number[] = [];
    const onRelayed: number[] = [];
    for (let k = 0; k < SAMPLES; k++) {
      const i = k % LEARNERS;
      // alternate which path goes first, so neither always follows the other's output
      if (k % 2 === 0) {
        onDirect.push(await roundTrip(direct[i], `d${k}`));
        onRelayed.push(await roundTrip(relayed[i], `r${k}`));
      } else {
        onRelayed.push(await roundTrip(relayed[i], `r${k}`));
        onDirect.push(await roundTrip(direct[i], `d${k}`));
      }
      await new Promise((r) => setTimeout(r, 25));
    }

    const attachDirect: number[] = [];
    const attachRelayed: number[] = [];
    for (let k = 0; k < ATTACH_SAMPLES; k++) {
      const cookie = cookies[k % LEARNERS];
      attachDirect.push(await timeToLive(a, cookie));
      attachRelayed.push(await timeToLive(b, cookie));
    }
    for (const t of [...direct, ...relayed]) t.close();
    const viaNotify = await notifyRoundTrips(pg.url, SAMPLES);
    const notifiesPerSecond = await notifyThroughput(pg.url);

    console.log(`${"path".padEnd(28)} |       p50 |       p99 | samples`);
    console.log(row("echo round trip, direct", onDirect));
    console.log(row("echo round trip, relayed", onRelayed));
    console.log(row("tab live (open→status), direct", attachDirect));
    console.log(row("tab live (open→status), relayed", attachRelayed));
    console.log(row("LISTEN/NOTIFY round trip", viaNotify));
    console.log(`LISTEN/NOTIFY throughput, 10 connections at once: ${notifiesPerSecond.toFixed(0)} notifications (commits) per second`);
    console.log(
      `\nrelay cost: round trip +${ms(pct(onRelayed, 50) - pct(onDirect, 50))} at p50, +${ms(pct(onRelayed, 99) - pct(onDirect, 99))} at p99; ` +
        `ratio ${(pct(onRelayed, 50) / pct(onDirect, 50)).toFixed(2)}x at p50`,
    );
  } finally {
    await Promise.all([a.stop(), b.stop()]);
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
