/**
 * Account controls (issue 10, row 7 and deliverable 5): an admin disables an account (signed out
 * everywhere, terminals closed at once, no sign-in, no Pro re-grant, audited), an admin's
 * revocation of Pro is not undone by the learner's early-access upgrade, a learner deletes their
 * own account and nothing of theirs remains, and an admin removes a spam account.
 */
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../http-client";
import { TEST_ADMIN } from "../server";
import { openLiveTerminal } from "../terminal-client";
import { signUpLearner, withTestServer } from "../harness";

const h = withTestServer();
let admin: HttpClient;

beforeAll(async () => {
  admin = new HttpClient(h.url);
  expect(await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password)).toBeNull();
});

/** Every row of every table in which any text, JSON, uuid or bytea column contains `needle`. */
async function rowsMentioning(needle: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: h.db.url });
  await c.connect();
  try {
    const { rows: cols } = await c.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'uuid', 'bytea', 'USER-DEFINED')`,
    );
    const hits: string[] = [];
    for (const col of cols) {
      const ident = `"${col.table_name}"."${col.column_name}"`;
      const cond = col.data_type === "bytea" ? `position(convert_to($1, 'UTF8') in ${ident}) > 0` : `${ident}::text LIKE '%' || $1 || '%'`;
      const { rows } = await c.query<{ n: string }>(`SELECT count(*) AS n FROM "${col.table_name}" WHERE ${cond}`, [needle]);
      if (Number(rows[0].n) > 0) hits.push(`${col.table_name}.${col.column_name} (${rows[0].n})`);
    }
    return hits;
  } finally {
    await c.end();
  }
}

describe("row 7: an admin's decision about an account sticks", () => {
  it("disabling signs the learner out everywhere, closes their terminal at once, refuses sign-in and the upgrade, and is audited", async () => {
    const learner = await signUpLearner(h, "disable-me", { pro: true });
    const phone = new HttpClient(h.url);
    expect(await phone.signIn(learner.email, learner.password)).toBeNull();
    const term = await openLiveTerminal(h.url, { cookie: learner.cookie() });

    const res = await admin.postJson("/api/admin/users/status", { userId: learner.id, disabled: true });
    expect(res.status).toBe(200);
    // The terminal closes now, not at the next 30 s re-check.
    const closed = await Promise.race([term.closed, new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
    expect(closed).toMatchObject({ code: 4001 });
    for (const c of [learner.client, phone]) expect((await c.postJson("/api/billing/upgrade", {})).status).toBe(401);
    expect(await new HttpClient(h.url).signIn(learner.email, learner.password)).toBe("CredentialsSignin");
    const audit = await h.db.prisma.auditLog.findMany({ where: { targetUserId: learner.id, action: "user.disable" } });
    expect(audit).toHaveLength(1);

    // Enabling lets them sign in again; their Pro is as the admin left it.
    expect((await admin.postJson("/api/admin/users/status", { userId: learner.id, disabled: false })).status).toBe(200);
    expect(await new HttpClient(h.url).signIn(learner.email, learner.password)).toBeNull();
    expect(await h.db.prisma.auditLog.count({ where: { targetUserId: learner.id, action: "user.enable" } })).toBe(1);
  });

  it("an admin's revocation of Pro is not undone by the learner's early-access upgrade", async () => {
    const learner = await signUpLearner(h, "revoked", { pro: true });
    expect((await admin.postJson("/api/admin/users/pro", { action: "revoke", userId: learner.id })).status).toBe(200);
    const again = await learner.client.postJson("/api/billing/upgrade", {});
    expect(again.status).toBe(403);
    expect(await again.json()).toEqual({ error: expect.stringMatching(/administrator/i) });
    expect(await h.db.prisma.entitlement.count({ where: { userId: learner.id, revokedAt: null } })).toBe(0);
    // An admin's own grant still works.
    expect((await admin.postJson("/api/admin/users/pro", { action: "grant", userId: learner.id, days: null })).status).toBe(200);
  });

  it("a disabled account cannot be granted early access even by a request already in flight", async () => {
    const learner = await signUpLearner(h, "inflight");
    await h.db.prisma.user.update({ where: { id: learner.id }, data: { disabledAt: new Date() } });
    expect((await learner.client.postJson("/api/billing/upgrade", {})).status).toBe(401);
    expect(await h.db.prisma.entitlement.count({ where: { userId: learner.id } })).toBe(0);
  });
});

describe("deleting an account", () => {
  it("a learner deletes their own account and nothing of theirs remains", async () => {
    const learner = await signUpLearner(h, "forget-me", { pro: true });
    // Leave traces everywhere a learner can: progress, answers, a cluster with commands, a failed sign-in.
    expect((await learner.client.postJson("/api/courses/kubernetes-pki/lessons/how-kubernetes-uses-tls/complete", {})).status).toBe(200);
    const term = await openLiveTerminal(h.url, { cookie: learner.cookie() });
    term.type(`echo ${learner.email} > me.txt\r`);
    await term.waitFor("controlplane:~$ ");
    term.close();
    expect(await new HttpClient(h.url).signIn(learner.email, "not my password at all")).toBe("CredentialsSignin");
    // a kubectl token: its row, its audit entry and its issuing bucket (keyed by the user id)
    expect((await learner.client.postJson("/api/kube-tokens", { course: "kubernetes-pki" })).status).toBe(201);
    expect((await rowsMentioning(learner.id)).length).toBeGreaterThan(0);

    const wrong = await learner.client.postJson("/api/account/delete", { password: "not my password at all" });
    expect(wrong.status).toBe(400);
    const res = await learner.client.postJson("/api/account/delete", { password: learner.password });
    expect(res.status).toBe(200);
    expect(await rowsMentioning(learner.id)).toEqual([]);
    expect(await rowsMentioning(learner.email)).toEqual([]);
    expect((await learner.client.request("/dashboard")).status).toBe(307);
    expect(await new HttpClient(h.url).signIn(learner.email, learner.password)).toBe("CredentialsSignin");
  });

  it("an admin removes a spam account, audited, and cannot remove their own", async () => {
    const spam = await signUpLearner(h, "spam");
    expect((await admin.postJson("/api/admin/users/delete", { userId: spam.id, confirmEmail: "someone-else@int.test" })).status).toBe(400);
    expect((await admin.postJson("/api/admin/users/delete", { userId: spam.id, confirmEmail: spam.email })).status).toBe(200);
    expect(await h.db.prisma.user.count({ where: { id: spam.id } })).toBe(0);
    expect(await rowsMentioning(spam.email)).toEqual([]);
    expect(await h.db.prisma.auditLog.count({ where: { action: "user.delete" } })).toBe(1);
    const me = await h.db.prisma.user.findUniqueOrThrow({ where: { email: TEST_ADMIN.email } });
    expect((await admin.postJson("/api/admin/users/delete", { userId: me.id, confirmEmail: TEST_ADMIN.email })).status).toBe(409);
  });
});
