/**
 * Two app instances on one database (issue 4, "sessions at scale"): a learner's cluster runs on
 * one instance at a time. The instance that holds the lease keeps it by renewing (here with a
 * 4 s TTL, renewed every ~1.3 s), another instance refuses that learner as busy meanwhile, and
 * takes the cluster over, with its files, once the first one lets go.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../db";
import { HttpClient } from "../http-client";
import { startTestServer, type TestServer } from "../server";
import { openLiveTerminal, openTerminal } from "../terminal-client";

const PROMPT = "controlplane:~$ ";
const LEASE_TTL_MS = 4000;

let a: TestServer;
let b: TestServer;
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase();
  const env = { TERMINAL_LEASE_TTL_MS: String(LEASE_TTL_MS) };
  [a, b] = await Promise.all([startTestServer({ databaseUrl: db.url, env }), startTestServer({ databaseUrl: db.url, env })]);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await db?.drop();
});

describe("two instances, one learner", () => {
  it("never run the same cluster at once, and hand it over without loss", async () => {
    const learner = new HttpClient(a.url);
    const email = `two-instances-${Date.now()}@int.test`;
    expect((await learner.postJson("/api/auth/sign-up", { email, password: "a long passphrase here" })).status).toBe(201);
    expect(await learner.signIn(email, "a long passphrase here")).toBeNull();
    expect((await learner.postJson("/api/billing/upgrade", {})).status).toBe(200);

    const onA = await openLiveTerminal(a.url, { cookie: learner.cookieHeader() });
    onA.type("echo from-a > where.txt\r");
    await onA.waitFor(PROMPT);

    // Well past two lease TTLs: only renewal can still hold the lease.
    await new Promise((r) => setTimeout(r, 2.5 * LEASE_TTL_MS));
    const onB = await openTerminal(b.url, { cookie: learner.cookieHeader() });
    const busy = await onB.waitForMessage((m) => m.t === "error");
    expect(busy).toMatchObject({ t: "error", code: "busy" });
    expect((await onB.closed).code).toBe(1013);

    // A is still live and still the one running the cluster.
    onA.type("cat where.txt\r");
    expect(await onA.waitFor(PROMPT)).toContain("from-a");
    onA.close();

    // A stops (gracefully, releasing its leases): B takes the cluster over with its files.
    await a.stop();
    const takenOver = await openLiveTerminal(b.url, { cookie: learner.cookieHeader() });
    takenOver.type("cat where.txt\r");
    expect(await takenOver.waitFor(PROMPT)).toContain("from-a");
    takenOver.close();
  });
});
