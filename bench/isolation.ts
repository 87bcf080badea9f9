/**
 * Isolation benchmark (issue 10): what one learner's attack does to another learner. Starts the
 * real server on a throwaway embedded PostgreSQL; for each attack, measures a victim's echo round
 * trip, GET /api/health and sign-in in four alternating rounds, idle and under attack (so the
 * machine's own drifting load falls on both), and prints p50/p99 and the ratio of the two. Target: p99 under attack within 2× idle. Prints figures; never fails.
 *
 *   npm run bench:isolation [-- --samples 100] [--only N]
 *
 * Traffic goes to 127.0.0.1 only; every attack is bounded in time.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { startEmbeddedPostgres } from "../lib/server/db/embedded";
import { applyMigrations } from "../lib/server/db/migrate";
import { HttpClient } from "../test/http-client";
import { compareUnderAttack, cpuSeconds, percentile, type Attack, type Samples } from "../test/isolation-probe";
import { freePort, startTestServer, type TestServer } from "../test/server";
import { openLiveTerminal } from "../test/terminal-client";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const SAMPLES = arg("samples", 100);
/** `--only 4`: run only the attack of that row (1-based), to measure one quickly */
const ONLY = arg("only", 0);
const OVERSIZED_BODIES = join(import.meta.dirname, "attackers", "oversized-bodies.mjs");
const CPU_BURN = join(import.meta.dirname, "attackers", "cpu-burn.mjs");
const SIGN_INS = 10;

interface Learner {
  client: HttpClient;
  email: string;
  password: string;
}

let n = 0;
async function learner(server: TestServer, tag: string): Promise<Learner> {
  const client = new HttpClient(server.url);
  const email = `${tag}-${++n}-${Date.now()}@bench.test`;
  const password = "bench passphrase long enough";
  await client.postJson("/api/auth/sign-up", { email, password });
  if ((await client.signIn(email, password)) !== null) throw new Error("sign-in failed");
  await client.postJson("/api/billing/upgrade", {});
  return { client, email, password };
}

/** Runs `fn` over and over between start() and stop(). */
function repeating(fn: () => Promise<void>): Attack {
  let run: { on: boolean; done: Promise<void> } | undefined;
  return {
    async start() {
      const r = { on: true, done: Promise.resolve() };
      r.done = (async () => {
        while (r.on) await fn().catch(() => undefined);
      })();
      run = r;
    },
    async stop() {
      if (run) run.on = false;
      await run?.done;
    },
  };
}

const all = (attacks: Attack[]): Attack => ({
  start: async () => void (await Promise.all(attacks.map((a) => a.start()))),
  stop: async () => void (await Promise.all(attacks.map((a) => a.stop()))),
});

/** Each attack, set up once (its learners and tabs), then started and stopped per round. */
const ATTACKS: [string, (server: TestServer) => Promise<Attack>][] = [
  [
    "reset storm: 5 tabs of one learner send 40 resets/s each (row 1)",
    async (server) => {
      const a = await learner(server, "resetter");
      const tabs = await Promise.all(Array.from({ length: 5 }, () => openLiveTerminal(server.url, { cookie: a.client.cookieHeader() })));
      return repeating(async () => {
        for (const t of tabs) if (t.ws.readyState === t.ws.OPEN) t.send({ t: "reset" });
        await new Promise((r) => setTimeout(r, 25));
      });
    },
  ],
  [
    "key generation: 4 learners run openssl genrsa 4096 back to back (row 2)",
    async (server) => {
      const terms = await Promise.all(
        Array.from({ length: 4 }, async (_, i) =>
          openLiveTerminal(server.url, { cookie: (await learner(server, `keygen${i}`)).client.cookieHeader() }),
        ),
      );
      return all(
        terms.map((t) =>
          repeating(async () => {
            t.skip();
            t.type("openssl genrsa -out k.pem 4096 2>/dev/null; echo genrsa-done\r");
            await t.waitFor("genrsa-done\r\n", 300_000);
          }),
        ),
      );
    },
  ],
  [
    "heavy commands: 3 learners paste `kubeadm certs renew all` and `grep -r . /` back to back",
    async (server) => {
      const terms = await Promise.all(
        Array.from({ length: 3 }, async (_, i) =>
          openLiveTerminal(server.url, { cookie: (await learner(server, `heavy${i}`)).client.cookieHeader() }),
        ),
      );
      const script = `\x1b[200~${Array.from({ length: 20 }, (_, i) => (i % 2 ? "grep -r . / | wc -l" : "kubeadm certs renew all > /dev/null")).join("\r")}\recho heavy-done\r\x1b[201~`;
      return all(
        terms.map((t) =>
          repeating(async () => {
            t.skip();
            t.type(script);
            await t.waitFor("heavy-done\r\n", 300_000);
          }),
        ),
      );
    },
  ],
  [
    "oversized bodies: 8 parallel 64 MiB POSTs to /api/auth/sign-up, repeated, from another process (row 4)",
    async (server) => attackerProcess(OVERSIZED_BODIES, [`${server.url}/api/auth/sign-up`, server.url, "8"]),
  ],
  ["control for row 4: another process burns 40% of a core and sends nothing to the server", async () => attackerProcess(CPU_BURN, ["40"])],
];

/** An attack run by a process of its own (the bench's own code, never anything a learner sent). */
function attackerProcess(script: string, args: string[]): Attack {
  let child: ChildProcess | undefined;
  let startedAt = 0;
  return {
    async start() {
      child = spawn(process.execPath, [script, ...args], { stdio: "ignore" });
      startedAt = performance.now();
    },
    async stop() {
      const c = child;
      if (!c?.pid || c.exitCode !== null) return;
      attackerCpu.used += cpuSeconds(c.pid);
      attackerCpu.wall += (performance.now() - startedAt) / 1000;
      await new Promise((r) => (c.once("exit", r), c.kill("SIGKILL")));
    },
  };
}

/** What the attacker processes cost (row 4 and its control): on one machine they compete with the server for its cores. */
const attackerCpu = { used: 0, wall: 0 };

const fmt = (x: number) => x.toFixed(1).padStart(7);

function row(name: string, idle: Samples, attacked: Samples): void {
  const line = (label: string, a: number[], b: number[]) => {
    const [i50, i99, a50, a99] = [percentile(a, 50), percentile(a, 99), percentile(b, 50), percentile(b, 99)];
    return `  ${label.padEnd(8)} | idle p50 ${fmt(i50)} ms  p99 ${fmt(i99)} ms | attack p50 ${fmt(a50)} ms  p99 ${fmt(a99)} ms | p99 ×${(a99 / i99).toFixed(2)}${a99 <= 2 * i99 ? "" : "  (over the 2× target)"}`;
  };
  console.log(`\n${name}`);
  console.log(line("echo", idle.echo, attacked.echo));
  console.log(line("health", idle.health, attacked.health));
  console.log(line("sign-in", idle.signIn, attacked.signIn));
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "kubeyard-bench-"));
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, "pg"), port: await freePort(), password: "bench" });
  await applyMigrations(pg.url);
  const server = await startTestServer({ databaseUrl: pg.url, env: { TERMINAL_LEASE_TTL_MS: "30000", TERMINAL_MAX_PER_IP: "100000" } });
  console.log(`isolation: ${SAMPLES} echo and health samples, ${SIGN_INS} sign-ins per phase; server pid ${server.child.pid}`);
  try {
    for (const [i, [name, setUp]] of ATTACKS.entries()) {
      if (ONLY && ONLY !== i + 1) continue;
      const v = await learner(server, "victim");
      const term = await openLiveTerminal(server.url, { cookie: v.client.cookieHeader() });
      const attack = await setUp(server);
      const { idle, attacked, serverCpu } = await compareUnderAttack(server.url, term, v, attack, {
        rounds: 4,
        perRound: Math.ceil(SAMPLES / 4),
        signInsPerRound: Math.ceil(SIGN_INS / 4),
        settleMs: 1000,
        serverPid: server.child.pid,
      });
      term.close();
      row(name, idle, attacked);
      if (serverCpu)
        console.log(
          `  server CPU: ${(serverCpu.idle * 100).toFixed(0)}% of a core idle, ${(serverCpu.attacked * 100).toFixed(0)}% under attack (victim's own traffic included)`,
        );
      if (attackerCpu.wall)
        console.log(`  attacker process: ${((attackerCpu.used / attackerCpu.wall) * 100).toFixed(0)}% of a core on the same machine`);
      attackerCpu.used = attackerCpu.wall = 0;
      await new Promise((r) => setTimeout(r, 2000)); // let the server settle before the next attack
    }
  } finally {
    await server.stop().catch(() => undefined);
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
