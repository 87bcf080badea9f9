/**
 * Vitest globalSetup of the "integration" project: ONE PostgreSQL for the whole run (an embedded
 * one in a fresh temp dir on a free port, or the server in TEST_DATABASE_URL), with a template
 * database that has every migration applied. Each test file then clones the template
 * (test/db.ts), which takes milliseconds instead of re-running migrations.
 */
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../lib/server/db/embedded";
import { applyMigrations } from "../lib/server/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    /** Connection URL to a maintenance database on the test server (the user may CREATE DATABASE). */
    testDbAdminUrl: string;
    /** Name of the migrated template database that test/db.ts clones. */
    testDbTemplate: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  c.on("error", () => undefined);
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  let adminUrl: string;
  let stopServer = async () => undefined as void;
  let tmp: string | null = null;

  if (process.env.TEST_DATABASE_URL) {
    adminUrl = process.env.TEST_DATABASE_URL;
  } else {
    tmp = await mkdtemp(join(tmpdir(), "kubeyard-it-"));
    await chmod(tmp, 0o755); // the embedded server runs as the `postgres` user and must enter it
    const server = await startEmbeddedPostgres({
      dataDir: join(tmp, "pg"),
      port: await freePort(),
      password: randomBytes(12).toString("hex"),
      database: "postgres",
      durable: false, // throw-away data: skip fsync, the run is faster
    });
    adminUrl = server.url;
    stopServer = server.stop;
  }

  // Unique per run, so runs sharing a TEST_DATABASE_URL server never collide.
  const template = `kubeyard_tpl_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  await admin(adminUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(template)}`));
  const migrated = Date.now();
  await applyMigrations(withDatabase(adminUrl, template));
  if (process.env.KUBEYARD_TEST_TIMINGS === "1") {
    console.log(`test db: server ${migrated - started} ms, migrations ${Date.now() - migrated} ms`);
  }

  project.provide("testDbAdminUrl", adminUrl);
  project.provide("testDbTemplate", template);

  return async () => {
    const t0 = Date.now();
    await admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(template)} WITH (FORCE)`)).catch(() => undefined);
    await stopServer();
    if (tmp) await rm(tmp, { recursive: true, force: true });
    if (process.env.KUBEYARD_TEST_TIMINGS === "1") console.log(`test db: teardown ${Date.now() - t0} ms`);
  };
}
