/**
 * The set-up every integration test file shares: a database of its own (cloned from the migrated
 * template) and the real production server on it, started before the file's tests and stopped
 * after; plus learners made the way a browser makes them (sign-up, sign-in, upgrade).
 *
 *   const h = withTestServer({ env: { TERMINAL_RECHECK_MS: "500" } });
 *   const learner = await signUpLearner(h, "tag", { pro: true });
 */
import { afterAll, beforeAll, expect } from "vitest";
import { createTestDatabase, type TestDatabase } from "./db";
import { HttpClient } from "./http-client";
import { startTestServer, type TestServer } from "./server";

export interface Harness {
  readonly server: TestServer;
  readonly db: TestDatabase;
  readonly url: string;
  /** Stops the server (gracefully, or with SIGKILL) and starts a new one on the same database and port (clusters reload from it). */
  restartServer(opts?: { kill?: boolean }): Promise<void>;
}

/** Registers beforeAll/afterAll for one database and one server; the returned object is filled in by beforeAll. */
export function withTestServer(opts: { env?: Record<string, string> } = {}): Harness {
  let server: TestServer | undefined;
  let db: TestDatabase | undefined;
  const harness: Harness = {
    get server() {
      if (!server) throw new Error("the test server is not started yet (use the harness inside tests or hooks)");
      return server;
    },
    get db() {
      if (!db) throw new Error("the test database is not created yet");
      return db;
    },
    get url() {
      return harness.server.url;
    },
    async restartServer({ kill = false } = {}) {
      const port = harness.server.port;
      if (kill) await harness.server.kill();
      else await harness.server.stop();
      server = await startTestServer({ databaseUrl: harness.db.url, port, env: opts.env });
    },
  };
  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer({ databaseUrl: db.url, env: opts.env });
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });
  return harness;
}

export interface Learner {
  client: HttpClient;
  id: string;
  email: string;
  password: string;
  cookie(): string;
}

let counter = 0;

/** A new learner, signed up and signed in over HTTP; with `pro`, upgraded (early access). */
export async function signUpLearner(h: Harness, tag: string, opts: { pro?: boolean; baseUrl?: string } = {}): Promise<Learner> {
  const client = new HttpClient(opts.baseUrl ?? h.url);
  const email = `${tag}-${Date.now().toString(36)}-${++counter}@int.test`;
  const password = `a long passphrase for ${tag}`;
  const res = await client.postJson("/api/auth/sign-up", { name: tag, email, password });
  expect(res.status, await res.clone().text()).toBe(201);
  expect(await client.signIn(email, password)).toBeNull();
  if (opts.pro) expect((await client.postJson("/api/billing/upgrade", {})).status).toBe(200);
  const { id } = await h.db.prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return { client, id, email, password, cookie: () => client.cookieHeader() };
}
