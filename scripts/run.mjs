#!/usr/bin/env node
/**
 * The project's entry points, so the README's promise holds: `npm start` (build if needed, then
 * serve on the embedded database) and `npm test` (every suite, end-to-end included).
 *
 *   node scripts/run.mjs start   production server; builds first when the build is missing or stale
 *   node scripts/run.mjs dev     development server with hot reload
 *   node scripts/run.mjs build   next build
 *   node scripts/run.mjs e2e-server   a throwaway production server for Playwright (temp database)
 *   node scripts/run.mjs test    oracles, schema/migration check, typecheck, lint, format check, unit, build, integration, Playwright
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = (name) => join(root, "node_modules", ".bin", name);

/** The machine's busy and total CPU time so far (Linux /proc/stat, in clock ticks); null elsewhere. */
function cpuTicks() {
  try {
    const [, ...fields] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
    const n = fields.map(Number);
    const idle = n[3] + (n[4] ?? 0);
    const total = n.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** How busy the whole machine was during a step: where CI time can still be won (idle cores) and where it cannot. */
function cpuNote(before) {
  const after = cpuTicks();
  if (!before || !after || after.total === before.total) return "";
  const pct = Math.round((100 * (after.busy - before.busy)) / (after.total - before.total));
  return `, CPU ${pct}% of ${availableParallelism()} cores`;
}

function run(label, cmd, args, env = {}) {
  const started = Date.now();
  const ticks = cpuTicks();
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`✖ ${label} failed (${secs} s)`);
    process.exit(r.status ?? 1);
  }
  console.log(`✔ ${label} (${secs} s${cpuNote(ticks)})`);
}

/**
 * Runs the steps as `run` does, but side by side, as many at once as there are cores. Each step's
 * output is held and printed whole when it ends, so the log reads as if they ran one after another.
 * Exits with the first failing step's status once all have ended.
 */
async function runSideBySide(steps) {
  const width = Math.max(1, availableParallelism());
  const queue = [...steps];
  let failed = 0;
  const one = async () => {
    for (let step = queue.shift(); step; step = queue.shift()) {
      const [label, cmd, args] = step;
      const started = Date.now();
      const child = spawn(cmd, args, { cwd: root, env: process.env, stdio: ["ignore", "pipe", "pipe"] });
      const out = [];
      child.stdout.on("data", (d) => out.push(d));
      child.stderr.on("data", (d) => out.push(d));
      const status = await new Promise((resolve) => child.on("close", (code) => resolve(code ?? 1)));
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`\n▶ ${label}`);
      process.stdout.write(Buffer.concat(out));
      if (status !== 0) {
        console.error(`✖ ${label} failed (${secs} s)`);
        failed ||= status;
      } else console.log(`✔ ${label} (${secs} s)`);
    }
  };
  await Promise.all(Array.from({ length: width }, one));
  if (failed) process.exit(failed);
}

/** Newest modification time under the folders a build depends on. */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "node_modules" || entry.name.startsWith(".") || entry.name === "generated") continue;
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of ["app", "lib", "content", "public"]) if (existsSync(join(root, d))) walk(join(root, d));
  for (const f of ["next.config.mjs", "package-lock.json", "postcss.config.mjs", "tsconfig.json"]) {
    if (existsSync(join(root, f))) newest = Math.max(newest, statSync(join(root, f)).mtimeMs);
  }
  return newest;
}

function buildIfStale() {
  const stamp = join(root, ".next", "BUILD_ID");
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= newestSource()) return;
  build();
}

function build() {
  // A broken lesson fails the build: frontmatter, quizzes, and a replay of every command and task.
  run("content check", bin("tsx"), ["scripts/check-content.ts"]);
  run("next build", bin("next"), ["build"], { NEXT_TELEMETRY_DISABLED: "1" });
}

const server = (args, env) =>
  run("server", process.execPath, ["--import", "tsx", "--import", "./server/server-only.mjs", "server/index.ts", ...args], {
    NEXT_TELEMETRY_DISABLED: "1",
    ...env,
  });

const task = process.argv[2];
switch (task) {
  case "start":
    buildIfStale();
    server([], { NODE_ENV: "production" });
    break;
  case "dev":
    server(["--dev"], { NODE_ENV: "development" });
    break;
  case "build":
    build();
    break;
  case "e2e-server": {
    // A throwaway instance for Playwright: fresh embedded database in a temp dir, known admin.
    const dataDir = mkdtempSync(join(tmpdir(), "kubeyard-e2e-"));
    server([], {
      NODE_ENV: "production",
      DATA_DIR: dataDir,
      PORT: process.env.E2E_PORT ?? "3210",
      APP_URL: `http://localhost:${process.env.E2E_PORT ?? "3210"}`,
      EMBEDDED_PG_PORT: process.env.E2E_PG_PORT ?? "54391",
      ADMIN_EMAIL: "admin@e2e.test",
      ADMIN_PASSWORD: "e2e-admin-password-1234",
      // every end-to-end test signs up from 127.0.0.1
      SIGNUP_MAX_PER_IP_PER_HOUR: "10000",
      // No background RSA generation: it would take a core's third for the whole run while the
      // browser and the server share two (new clusters use ECDSA-P256 keys, made at once).
      KEY_POOL_TARGET: "0",
    });
    break;
  }
  case "test":
    // the real programs the simulator is compared with; under CI=true a missing one fails the run
    run("test oracles", process.execPath, ["scripts/oracles.mjs", ...(process.env.CI === "true" ? ["--require"] : [])]);
    run("prisma client", process.execPath, ["scripts/prisma-generate.mjs"]);
    run("schema matches migrations", bin("tsx"), ["--import", "./server/server-only.mjs", "scripts/db-new-migration.ts", "--check"]);
    // The static checks are single-threaded programs, so they run side by side (one per core),
    // the longest first.
    await runSideBySide([
      // the house rules as lint rules (eslint.config.mjs): no any, no non-null ! outside tests, a pure
      // lib/sim, no lib/server in client components, no child_process; --max-warnings 0 keeps it clean
      ["lint", bin("eslint"), [".", "--max-warnings", "0"]],
      ["typecheck", bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]],
      // lib/sim on its own: no DOM, no Next types (its purity is part of the architecture)
      ["typecheck lib/sim", bin("tsc"), ["--noEmit", "-p", "lib/sim/tsconfig.json"]],
      ["format", bin("prettier"), ["--check", "--log-level", "warn", "."]],
    ]);
    run("unit tests", bin("vitest"), ["run", "--project", "unit", "--project", "unit-mocking"]);
    // The HTTP and WebSocket integration suites start the production server, so build first.
    buildIfStale();
    run("integration tests", bin("vitest"), ["run", "--project", "integration"]);
    // the files that measure isolation and timing, one at a time with nothing else running
    run("integration tests, alone", bin("vitest"), ["run", "--project", "integration-alone"]);
    run("end-to-end tests", bin("playwright"), ["test"]);
    break;
  default:
    console.error("usage: node scripts/run.mjs start|dev|build|test");
    process.exit(2);
}
