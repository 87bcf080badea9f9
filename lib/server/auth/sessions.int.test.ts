/** Session timeouts and revocation against the real database with a fake clock (security.md A7, A8). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS, createAuthSession, resolveAuthSession, revokeAllAuthSessions } from "./sessions";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let userId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  userId = (await db.prisma.user.create({ data: { email: "timeouts@int.test", role: "LEARNER" } })).id;
});

afterAll(async () => db?.drop());

const minutes = (n: number) => n * 60 * 1000;

async function sessionAt(created: Date) {
  const sid = await createAuthSession(userId, {});
  await db.prisma.authSession.update({ where: { id: sid }, data: { createdAt: created, lastSeenAt: created } });
  return sid;
}

describe("session timeouts (A7)", () => {
  it("keeps an active session alive and slides its idle deadline", async () => {
    const t0 = new Date();
    const sid = await sessionAt(t0);
    for (let m = 20; m <= 100; m += 20) {
      expect(await resolveAuthSession(userId, sid, new Date(t0.getTime() + minutes(m)))).not.toBeNull();
    }
  });

  it("ends a session idle for more than 30 minutes", async () => {
    const t0 = new Date();
    const sid = await sessionAt(t0);
    expect(await resolveAuthSession(userId, sid, new Date(t0.getTime() + IDLE_TIMEOUT_MS - 1000))).not.toBeNull();
    const later = new Date(t0.getTime() + IDLE_TIMEOUT_MS - 1000 + IDLE_TIMEOUT_MS + 1000);
    expect(await resolveAuthSession(userId, sid, later)).toBeNull();
    // and it stays dead even if activity resumes
    expect(await resolveAuthSession(userId, sid, new Date(t0.getTime() + minutes(1)))).toBeNull();
  });

  it("ends a session 12 hours after sign-in however active it is", async () => {
    const t0 = new Date();
    const sid = await sessionAt(t0);
    let t = t0.getTime();
    while (t + minutes(20) < t0.getTime() + ABSOLUTE_TIMEOUT_MS) {
      t += minutes(20);
      expect(await resolveAuthSession(userId, sid, new Date(t))).not.toBeNull();
    }
    expect(await resolveAuthSession(userId, sid, new Date(t0.getTime() + ABSOLUTE_TIMEOUT_MS + 1000))).toBeNull();
  });
});

describe("revocation (A8)", () => {
  it("revoking all sessions ends each of them; a session of another user is untouched", async () => {
    const other = (await db.prisma.user.create({ data: { email: "other@int.test", role: "LEARNER" } })).id;
    const mine = [await createAuthSession(userId, {}), await createAuthSession(userId, {})];
    const theirs = await createAuthSession(other, {});
    expect(await revokeAllAuthSessions(userId)).toBeGreaterThanOrEqual(2);
    for (const sid of mine) expect(await resolveAuthSession(userId, sid)).toBeNull();
    expect(await resolveAuthSession(other, theirs)).not.toBeNull();
  });

  it("a session id presented with another user's id is refused", async () => {
    const sid = await createAuthSession(userId, {});
    expect(await resolveAuthSession("someone-else", sid)).toBeNull();
  });

  it("a disabled account has no session", async () => {
    const sid = await createAuthSession(userId, {});
    await db.prisma.user.update({ where: { id: userId }, data: { disabledAt: new Date() } });
    expect(await resolveAuthSession(userId, sid)).toBeNull();
    await db.prisma.user.update({ where: { id: userId }, data: { disabledAt: null } });
  });
});
