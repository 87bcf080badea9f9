/**
 * The admin area and Pro over real HTTP against the production server (security.md B2, F1, F3):
 * a learner gets 404 from every admin page and route handler and cannot grant themselves Pro or
 * admin by any request; admin changes are audited and an admin cannot demote themselves; when a
 * learner's Pro ends, their open terminal is closed with 4003 and a message saying why.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../db";
import { HttpClient } from "../http-client";
import { TEST_ADMIN, startTestServer, type TestServer } from "../server";
import { openLiveTerminal } from "../terminal-client";

let server: TestServer;
let db: TestDatabase;
let learner: HttpClient;
let learnerId: string;
let admin: HttpClient;
let adminId: string;

async function signUpLearner(tag: string): Promise<{ client: HttpClient; id: string; email: string }> {
  const client = new HttpClient(server.url);
  const email = `${tag}-${Date.now()}@int.test`;
  const password = `a long passphrase for ${tag}`;
  expect((await client.postJson("/api/auth/sign-up", { name: tag, email, password })).status).toBeLessThan(300);
  expect(await client.signIn(email, password)).toBeNull();
  const user = await db.prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return { client, id: user.id, email };
}

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer({ databaseUrl: db.url, env: { TERMINAL_RECHECK_MS: "500" } });
  ({ client: learner, id: learnerId } = await signUpLearner("learner"));
  admin = new HttpClient(server.url);
  expect(await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password)).toBeNull();
  adminId = (await db.prisma.user.findUniqueOrThrow({ where: { email: TEST_ADMIN.email } })).id;
});

afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

const ADMIN_PAGES = () => [
  "/admin",
  "/admin/quizzes",
  "/admin/quizzes?sort=firstCorrect",
  "/admin/funnel",
  "/admin/users",
  `/admin/users/${learnerId}`,
  `/admin/users/${adminId}`,
  "/admin/lab",
  "/admin/lab/kubernetes-pki/task/l1-admin-identity",
];
/** Pages that are 404 for an admin too here (this learner has no attempt), so only the refusal is checked. */
const ADMIN_PAGES_404_HERE = () => [`/admin/lab/kubernetes-pki/task/l1-admin-identity/timeline/${learnerId}`];
/** Text that appears only on admin pages (headings, titles, labels, another user's email). */
const ADMIN_ONLY_TEXT = [
  "Quiz analytics",
  "Lesson funnel",
  "Overview",
  "Grant Pro",
  "Learners and what they did",
  "Recent changes",
  TEST_ADMIN.email,
];
const ADMIN_MUTATIONS = (): [string, unknown][] => [
  ["/api/admin/users/pro", { action: "grant", userId: learnerId, days: null }],
  ["/api/admin/users/pro", { action: "revoke", userId: adminId }],
  ["/api/admin/users/role", { userId: learnerId, role: "ADMIN" }],
  // the audited read of a learner's lab commands is a POST too
  ["/api/admin/lab/timeline", { course: "kubernetes-pki", kind: "task", unit: "l1-admin-identity", userId: learnerId }],
];

describe("B2: a learner gets 404 from every admin entry point", () => {
  it("pages answer 404 without revealing the admin area, also to RSC requests", async () => {
    for (const path of [...ADMIN_PAGES(), ...ADMIN_PAGES_404_HERE()]) {
      for (const headers of [{}, { rsc: "1" }, { "next-router-prefetch": "1", rsc: "1" }] as Record<string, string>[]) {
        let res = await learner.request(path, { headers });
        // Next answers an RSC request without a matching _rsc cache-busting param with a 307 to
        // the same path with it; follow that one hop (it must stay on the same path).
        if (res.status === 307) {
          const to = new URL(res.headers.get("location") ?? "", server.url);
          expect(to.pathname).toBe(path.split("?")[0]);
          res = await learner.request(to.pathname + to.search, { headers });
        }
        const body = await res.text();
        // A flight (RSC) response carries the not-found tree and may come with 200; either way
        // nothing of the admin area may be in it (page text, titles, user data).
        if ("rsc" in headers) expect([200, 404], `${path} ${JSON.stringify(headers)}`).toContain(res.status);
        else expect(res.status, path).toBe(404);
        for (const secret of ADMIN_ONLY_TEXT) expect(body, `${path} ${JSON.stringify(headers)}`).not.toContain(secret);
      }
    }
  });

  it("the CSV export is 404", async () => {
    const res = await learner.request("/api/admin/analytics/quiz.csv");
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("question_id");
  });

  it("anonymous callers get 404 pages and 401 route handlers", async () => {
    const anon = new HttpClient(server.url);
    for (const path of [...ADMIN_PAGES(), ...ADMIN_PAGES_404_HERE()]) expect((await anon.request(path)).status, path).toBe(404);
    expect((await anon.request("/api/admin/analytics/quiz.csv")).status).toBe(401);
    for (const [path, body] of ADMIN_MUTATIONS()) expect((await anon.postJson(path, body)).status).toBe(401);
  });

  it("admin mutations are 404 for a learner and change nothing", async () => {
    for (const [path, body] of ADMIN_MUTATIONS()) expect((await learner.postJson(path, body)).status, path).toBe(404);
    expect(await db.prisma.entitlement.count({ where: { userId: learnerId } })).toBe(0);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: learnerId } })).role).toBe("LEARNER");
    expect(await db.prisma.auditLog.count()).toBe(0);
  });
});

describe("F3: no request makes a learner Pro or admin except the ones meant to", () => {
  it("extra fields on the upgrade and sign-up are refused, never assigned", async () => {
    const res = await learner.postJson("/api/billing/upgrade", { isPro: true, source: "ADMIN_GRANT", days: 9999 });
    expect(res.status).toBe(400);
    expect(await db.prisma.entitlement.count({ where: { userId: learnerId } })).toBe(0);
  });

  it("a cross-site upgrade is refused", async () => {
    const res = await learner.request("/api/billing/upgrade", {
      method: "POST",
      headers: { "content-type": "text/plain", origin: "https://evil.example" },
      body: "{}",
    });
    expect(res.status).toBe(403);
    expect(await db.prisma.entitlement.count({ where: { userId: learnerId } })).toBe(0);
  });
});

describe("admin changes", () => {
  it("the admin sees the pages and the CSV", async () => {
    for (const path of ADMIN_PAGES()) expect((await admin.request(path)).status, path).toBe(200);
    const csv = await admin.request("/api/admin/analytics/quiz.csv?course=kubernetes-pki&sort=firstCorrect");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toMatch(
      /attachment; filename="kubeyard-quiz-analytics-kubernetes-pki-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    expect(await csv.text()).toContain("question_id");
  });

  it("grants and revokes Pro, each change audited with who, what and when", async () => {
    const grant = await admin.postJson("/api/admin/users/pro", { action: "grant", userId: learnerId, days: 30 });
    expect(grant.status).toBe(200);
    const rows = await db.prisma.entitlement.findMany({ where: { userId: learnerId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: "ADMIN_GRANT", grantedById: adminId, revokedAt: null });
    expect(await (await learner.request("/api/terminal/status")).json()).toEqual({ state: "ok" });

    expect((await admin.postJson("/api/admin/users/pro", { action: "revoke", userId: learnerId })).status).toBe(200);
    expect(await (await learner.request("/api/terminal/status")).json()).toEqual({ state: "gated" });

    const log = await db.prisma.auditLog.findMany({ where: { targetUserId: learnerId }, orderBy: { createdAt: "asc" } });
    expect(log.map((l) => [l.action, l.actorId])).toEqual([
      ["pro.grant", adminId],
      ["pro.revoke", adminId],
    ]);
    const page = await (await admin.request(`/admin/users/${learnerId}`)).text();
    expect(page).toContain("granted Pro");
    expect(page).toContain("revoked Pro");
  });

  it("makes a learner admin and back, but an admin cannot remove their own admin role", async () => {
    const second = await signUpLearner("second-admin");
    expect((await admin.postJson("/api/admin/users/role", { userId: second.id, role: "ADMIN" })).status).toBe(200);
    expect((await second.client.request("/admin")).status).toBe(200);
    expect((await admin.postJson("/api/admin/users/role", { userId: second.id, role: "LEARNER" })).status).toBe(200);
    expect((await second.client.request("/admin")).status).toBe(404);

    const self = await admin.postJson("/api/admin/users/role", { userId: adminId, role: "LEARNER" });
    expect(self.status).toBe(409);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: adminId } })).role).toBe("ADMIN");
    const log = await db.prisma.auditLog.findMany({ where: { targetUserId: second.id }, orderBy: { createdAt: "asc" } });
    expect(log.map((l) => l.action)).toEqual(["role.grant_admin", "role.revoke_admin"]);
  });
});

describe("F1: Pro ends without a restart", () => {
  it("closes an open terminal with 4003 and says why when the grant expires", async () => {
    const { client, id } = await signUpLearner("expiring");
    // A grant that ends in 4 s; the gateway re-checks every 500 ms in this server.
    await db.prisma.entitlement.create({
      data: { userId: id, source: "ADMIN_GRANT", startsAt: new Date(Date.now() - 1000), endsAt: new Date(Date.now() + 4000) },
    });
    const term = await openLiveTerminal(server.url, { cookie: client.cookieHeader() });
    const closed = await term.closed;
    expect(closed.code).toBe(4003);
    expect(term.screen()).toContain("Pro access has ended");
    expect(term.messages.some((m) => m.t === "error" && m.code === "not-pro")).toBe(true);
    // And a new connection is refused before the upgrade (the panel then shows the gate).
    expect(await (await client.request("/api/terminal/status")).json()).toEqual({ state: "gated" });
  });
});
