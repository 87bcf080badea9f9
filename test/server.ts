/**
 * Starts the real Kubeyard server (server/index.ts, production mode, the `next build` output) as
 * a child process against a test database, for integration tests that speak HTTP and
 * WebSocket to it exactly as a browser would. The child can be stopped gracefully or killed
 * with SIGKILL (durability tests).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Shared by every server a test file starts (a restarted server finds its key pool again); never the repository's .data. */
const TEST_DATA_DIR = mkdtempSync(join(tmpdir(), "kubeyard-it-"));
process.once("exit", () => rmSync(TEST_DATA_DIR, { recursive: true, force: true }));

export const TEST_ADMIN = { email: "admin@int.test", password: "integration-admin-pass-123" };
export const TEST_AUTH_SECRET = "integration-test-secret-0123456789abcdef";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export interface TestServer {
  url: string;
  origin: string;
  port: number;
  output: () => string;
  stop(): Promise<void>;
  kill(): Promise<void>;
  child: ChildProcess;
}

/**
 * Without `databaseUrl` the server runs its embedded PostgreSQL in `dataDir` (give it a free
 * EMBEDDED_PG_PORT in `env`), as `npm start` does on a laptop.
 */
export async function startTestServer(opts: {
  databaseUrl?: string;
  dataDir?: string;
  port?: number;
  env?: Record<string, string>;
}): Promise<TestServer> {
  const port = opts.port ?? (await freePort());
  const url = `http://localhost:${port}`;
  let log = "";
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    HOST: "127.0.0.1",
    APP_URL: url,
    DATABASE_URL: opts.databaseUrl,
    DATA_DIR: opts.dataDir ?? TEST_DATA_DIR,
    AUTH_SECRET: TEST_AUTH_SECRET,
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    TERMINAL_LEASE_TTL_MS: "4000",
    // Every test signs learners up from 127.0.0.1; test/http/sign-in-limits.int.test.ts sets the real limit.
    SIGNUP_MAX_PER_IP_PER_HOUR: "100000",
    // No background RSA generation (~0.3 s of CPU a key, 20 a cluster) competing with the tests
    // for two cores; the key pool has its own tests (key-pool.test.ts, sim-host.test.ts).
    KEY_POOL_TARGET: "0",
    ...opts.env,
  };
  if (opts.databaseUrl === undefined) delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "--import", "./server/server-only.mjs", "server/index.ts"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));

  // Generous: on a busy 2-core machine a production server takes tens of seconds to start.
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}) before it was ready:\n${log}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not become ready in 180 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    url,
    origin: url,
    port,
    child,
    output: () => log,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      // A graceful stop that hangs is a bug: kill the child and fail with its output.
      let timer: NodeJS.Timeout | undefined;
      const hung = await Promise.race([exited.then(() => false), new Promise<boolean>((r) => (timer = setTimeout(() => r(true), 20_000)))]);
      clearTimeout(timer);
      if (hung) {
        child.kill("SIGKILL");
        await exited;
        throw new Error(`server did not exit within 30 s of SIGTERM:\n${log.slice(-4000)}`);
      }
    },
    async kill() {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
