/**
 * kubectl bearer tokens against real PostgreSQL (issue 16): a token issued for a learner's cluster
 * verifies to that cluster and nothing else; revoked, expired, malformed and disabled-owner tokens
 * do not; a learner can revoke only their own; lastUsedAt is written at most once a minute; the
 * cap refuses a sixth live token per cluster; disabling an account revokes its tokens.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { setDisabled } from "@/lib/server/admin/accounts";
import {
  KUBE_TOKEN_LIFETIME_MS,
  KubeTokenLimitError,
  MAX_LIVE_KUBE_TOKENS,
  issueKubeToken,
  listKubeTokens,
  revokeKubeToken,
  touchKubeToken,
  verifyKubeToken,
} from "./kube-tokens";

let db: TestDatabase;
const T0 = new Date("2026-11-30T10:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

async function learner(email: string, pro: boolean) {
  const user = await db.prisma.user.create({ data: { email } });
  if (pro) await db.prisma.entitlement.create({ data: { userId: user.id, source: "EARLY_ACCESS", startsAt: new Date(0) } });
  const cluster = await db.prisma.terminalSession.create({ data: { userId: user.id, courseSlug: "kubernetes-pki", snapshot: "{}" } });
  return { userId: user.id, sessionId: cluster.id };
}

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
});

afterAll(async () => db?.drop());

describe("kubectl tokens", () => {
  it("issues a kyd_ token stored only as its sha256, which verifies to the learner's own cluster", async () => {
    const ann = await learner("ann@kube-tokens.int.test", true);
    const issued = await issueKubeToken({ ...ann, now: T0 });
    expect(issued.token).toMatch(/^kyd_[A-Za-z0-9_-]{43}$/);
    expect(issued.expiresAt).toEqual(at(KUBE_TOKEN_LIFETIME_MS));
    expect(KUBE_TOKEN_LIFETIME_MS).toBe(30 * 86_400_000);

    const row = await db.prisma.kubeToken.findUniqueOrThrow({ where: { id: issued.id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(issued.token).digest("hex"));
    expect(issued.token.startsWith(row.prefix) && row.prefix.length < 16).toBe(true);
    // the secret is nowhere in the row
    expect(JSON.stringify(row)).not.toContain(issued.token.slice(4));

    expect(await verifyKubeToken(issued.token, at(1000))).toEqual({
      tokenId: issued.id,
      userId: ann.userId,
      clusterId: ann.sessionId,
      courseSlug: "kubernetes-pki",
      isPro: true,
    });
    // the issue is audited with the prefix, never the token
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "kube_token.issue", targetUserId: ann.userId } });
    expect(audit.details).toEqual({ tokenId: issued.id, prefix: row.prefix, clusterId: ann.sessionId });
  });

  it("reports a learner who is no longer Pro as such", async () => {
    const free = await learner("free@kube-tokens.int.test", false);
    const { token } = await issueKubeToken({ ...free, now: T0 });
    expect(await verifyKubeToken(token, at(1000))).toMatchObject({ userId: free.userId, isPro: false });
  });

  it("refuses malformed, unknown, expired and revoked tokens", async () => {
    const bob = await learner("bob@kube-tokens.int.test", true);
    const { id, token } = await issueKubeToken({ ...bob, now: T0 });
    const malformed = [
      "",
      "kyd_",
      token.slice(0, -1),
      `${token}A`,
      `kyx_${token.slice(4)}`,
      `${token.slice(0, -1)}=`,
      ` ${token.slice(1)}`,
      "x".repeat(100_000),
    ];
    for (const raw of malformed) expect(await verifyKubeToken(raw, at(1000))).toBeNull();
    // well-formed but never issued
    expect(await verifyKubeToken(`kyd_${"A".repeat(43)}`, at(1000))).toBeNull();

    expect(await verifyKubeToken(token, at(KUBE_TOKEN_LIFETIME_MS - 1))).not.toBeNull();
    expect(await verifyKubeToken(token, at(KUBE_TOKEN_LIFETIME_MS))).toBeNull();

    expect(await revokeKubeToken(bob.userId, id, at(2000))).toBe(true);
    expect(await verifyKubeToken(token, at(3000))).toBeNull();
    expect(await revokeKubeToken(bob.userId, id, at(4000))).toBe(false);
    expect(await db.prisma.auditLog.count({ where: { action: "kube_token.revoke", targetUserId: bob.userId } })).toBe(1);
  });

  it("lets a learner revoke only their own tokens", async () => {
    const carol = await learner("carol@kube-tokens.int.test", true);
    const dave = await learner("dave@kube-tokens.int.test", true);
    const { id, token } = await issueKubeToken({ ...carol, now: T0 });
    expect(await revokeKubeToken(dave.userId, id, at(1000))).toBe(false);
    expect(await verifyKubeToken(token, at(2000))).toMatchObject({ userId: carol.userId });
    expect((await listKubeTokens(dave.userId)).map((t) => t.id)).not.toContain(id);
    // and a token cannot be issued for another learner's cluster
    await expect(issueKubeToken({ userId: dave.userId, sessionId: carol.sessionId, now: T0 })).rejects.toThrow(/not this learner's/);
  });

  it("refuses every token of a disabled or deleted learner, and disabling revokes them for good", async () => {
    const admin = await db.prisma.user.create({ data: { email: "admin@kube-tokens.int.test", role: "ADMIN" } });
    const erin = await learner("erin@kube-tokens.int.test", true);
    const { token } = await issueKubeToken({ ...erin, now: T0 });
    await db.prisma.user.update({ where: { id: erin.userId }, data: { disabledAt: at(1) } });
    expect(await verifyKubeToken(token, at(1000))).toBeNull();
    await db.prisma.user.update({ where: { id: erin.userId }, data: { disabledAt: null } });
    expect(await verifyKubeToken(token, at(1000))).not.toBeNull();

    await setDisabled(admin.id, erin.userId, true, at(2000));
    await setDisabled(admin.id, erin.userId, false, at(3000));
    expect(await verifyKubeToken(token, at(4000))).toBeNull();
    expect((await listKubeTokens(erin.userId, at(4000))).map((t) => t.status)).toEqual(["revoked"]);

    const frank = await learner("frank@kube-tokens.int.test", true);
    const second = await issueKubeToken({ ...frank, now: T0 });
    await db.prisma.user.delete({ where: { id: frank.userId } });
    expect(await verifyKubeToken(second.token, at(1000))).toBeNull();
    expect(await db.prisma.kubeToken.count({ where: { id: second.id } })).toBe(0);
  });

  it("writes lastUsedAt at most once a minute", async () => {
    const gina = await learner("gina@kube-tokens.int.test", true);
    const { id } = await issueKubeToken({ ...gina, now: T0 });
    const lastUsed = async () => (await db.prisma.kubeToken.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    expect(await lastUsed()).toBeNull();
    expect(await touchKubeToken(id, at(10_000))).toBe(true);
    expect(await lastUsed()).toEqual(at(10_000));
    expect(await touchKubeToken(id, at(40_000))).toBe(false);
    expect(await touchKubeToken(id, at(69_999))).toBe(false);
    expect(await lastUsed()).toEqual(at(10_000));
    expect(await touchKubeToken(id, at(70_000))).toBe(true);
    expect(await lastUsed()).toEqual(at(70_000));
    // another instance wrote it a moment ago: the SQL condition skips the write
    await db.prisma.kubeToken.update({ where: { id }, data: { lastUsedAt: at(200_000) } });
    expect(await touchKubeToken(id, at(230_000))).toBe(false);
    expect(await lastUsed()).toEqual(at(200_000));
  });

  it(`refuses a sixth live token per cluster, also when asked in parallel, and frees a place on revoke or expiry`, async () => {
    const hal = await learner("hal@kube-tokens.int.test", true);
    const results = await Promise.allSettled(Array.from({ length: MAX_LIVE_KUBE_TOKENS + 3 }, () => issueKubeToken({ ...hal, now: T0 })));
    const issued = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
    expect(issued).toHaveLength(MAX_LIVE_KUBE_TOKENS);
    expect(refused).toHaveLength(3);
    for (const r of refused) expect(r).toBeInstanceOf(KubeTokenLimitError);
    expect(String((refused[0] as Error).message)).toMatch(/Revoke one on your account page/);

    // another cluster of the same learner has its own cap
    const other = await db.prisma.terminalSession.create({
      data: { userId: hal.userId, courseSlug: "kubernetes-workloads", snapshot: "{}" },
    });
    expect((await issueKubeToken({ userId: hal.userId, sessionId: other.id, now: T0 })).token).toMatch(/^kyd_/);

    expect(await revokeKubeToken(hal.userId, issued[0].id, at(1000))).toBe(true);
    expect((await issueKubeToken({ ...hal, now: at(2000) })).token).toMatch(/^kyd_/);
    await expect(issueKubeToken({ ...hal, now: at(3000) })).rejects.toBeInstanceOf(KubeTokenLimitError);
    // once the first batch has expired, there is room again
    expect((await issueKubeToken({ ...hal, now: at(KUBE_TOKEN_LIFETIME_MS) })).token).toMatch(/^kyd_/);
  });

  it("lists the learner's tokens with their course, prefix, dates and status, newest first", async () => {
    const ivy = await learner("ivy@kube-tokens.int.test", true);
    const old = await issueKubeToken({ ...ivy, now: T0 });
    const used = await issueKubeToken({ ...ivy, now: at(1000) });
    const gone = await issueKubeToken({ ...ivy, now: at(2000) });
    await touchKubeToken(used.id, at(5000));
    await revokeKubeToken(ivy.userId, gone.id, at(6000));
    const list = await listKubeTokens(ivy.userId, at(KUBE_TOKEN_LIFETIME_MS + 500));
    expect(list.map((t) => [t.id, t.status])).toEqual([
      [gone.id, "revoked"],
      [used.id, "active"],
      [old.id, "expired"],
    ]);
    expect(list[1]).toMatchObject({
      prefix: used.token.slice(0, 10),
      clusterId: ivy.sessionId,
      courseSlug: "kubernetes-pki",
      courseTitle: "Kubernetes PKI and TLS",
      createdAt: at(1000),
      expiresAt: at(1000 + KUBE_TOKEN_LIFETIME_MS),
      lastUsedAt: at(5000),
      revokedAt: null,
    });
    expect(list[0].revokedAt).toEqual(at(6000));
    expect(list[2].lastUsedAt).toBeNull();
  });
});
