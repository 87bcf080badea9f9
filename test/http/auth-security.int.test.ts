/**
 * Sign-in security over real HTTP against the real server and PostgreSQL
 * (security.md A1, A4, A5, A6, A8, B4). Each assertion would fail if the protection were removed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../db";
import { HttpClient } from "../http-client";
import { startTestServer, type TestServer } from "../server";

let server: TestServer;
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer({ databaseUrl: db.url });
});

afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

async function newLearner(tag: string) {
  const email = `${tag}-${Date.now()}@int.test`;
  const password = `a long passphrase for ${tag}`;
  const client = new HttpClient(server.url);
  const res = await client.postJson("/api/auth/sign-up", { name: tag, email, password });
  expect(res.status).toBe(201);
  return { email, password, client };
}

describe("passwords (A1)", () => {
  it("stores an argon2id PHC string with m=19456, t=2, p=1 and a 16-byte salt", async () => {
    const { email } = await newLearner("a1");
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email } });
    const [, alg, version, params, salt] = user.passwordHash!.split("$");
    expect(alg).toBe("argon2id");
    expect(version).toBe("v=19");
    expect(params).toBe("m=19456,t=2,p=1");
    expect(Buffer.from(salt, "base64").length).toBeGreaterThanOrEqual(16);
  });
});

describe("sign-up validation (A3, B4)", () => {
  it("rejects a top-3000 password and creates nothing", async () => {
    const c = new HttpClient(server.url);
    const res = await c.postJson("/api/auth/sign-up", { email: "common@int.test", password: "password1" });
    expect(res.status).toBe(400);
    expect(await db.prisma.user.count({ where: { email: "common@int.test" } })).toBe(0);
  });

  it("refuses mass assignment of role", async () => {
    const c = new HttpClient(server.url);
    const res = await c.postJson("/api/auth/sign-up", { email: "sneaky@int.test", password: "a long passphrase here", role: "ADMIN" });
    expect(res.status).toBe(400);
    expect(await db.prisma.user.count({ where: { email: "sneaky@int.test" } })).toBe(0);
  });

  it("gives 409 for an existing email, whatever its case", async () => {
    const { email } = await newLearner("dupe");
    const res = await new HttpClient(server.url).postJson("/api/auth/sign-up", { email: email.toUpperCase(), password: "another long passphrase" });
    expect(res.status).toBe(409);
  });
});

describe("session cookie (A6)", () => {
  it("is __Host- prefixed, HttpOnly, Secure, SameSite=Lax, Path=/ and has no Domain", async () => {
    const { email, password } = await newLearner("a6");
    const c = new HttpClient(server.url);
    expect(await c.signIn(email, password)).toBeNull();
    const cookie = c.lastSetCookies.find((s) => s.includes("kubeyard.session="))!;
    expect(cookie).toMatch(/^__Host-kubeyard\.session=/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    expect(cookie).not.toMatch(/Domain=/i);
  });
});

describe("brute force (A4, A5)", () => {
  it("checks at most 100 wrong passwords per account per hour, then refuses even the right one until the window passes", async () => {
    const { email, password } = await newLearner("a4");
    const c = new HttpClient(server.url);
    const results: (string | null)[] = [];
    for (let i = 0; i < 150; i++) results.push(await c.signIn(email, `wrong-${i}`));
    expect(results.filter((r) => r === "CredentialsSignin")).toHaveLength(100);
    expect(results.slice(100).every((r) => r === "RateLimited")).toBe(true);
    expect(await c.signIn(email, password)).toBe("RateLimited");

    // The window passes: move the recorded failures an hour into the past.
    await db.prisma.loginFailure.updateMany({ data: { createdAt: new Date(Date.now() - 61 * 60 * 1000) } });
    expect(await c.signIn(email, password)).toBeNull();
  });

  it("keys the IP limit on the socket address, not a client-sent X-Forwarded-For", async () => {
    const c = new HttpClient(server.url);
    await db.prisma.loginFailure.deleteMany({});
    for (const spoof of ["203.0.113.7", "198.51.100.9"]) {
      const csrf = await c.request("/api/auth/csrf");
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      await c.request("/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: server.origin, "x-forwarded-for": spoof },
        body: new URLSearchParams({ csrfToken, email: "nobody@int.test", password: "x", json: "true" }).toString(),
      });
    }
    const keys = (await db.prisma.loginFailure.findMany({ where: { key: { startsWith: "ip:" } } })).map((r) => r.key);
    expect(keys).toEqual(["ip:127.0.0.1", "ip:127.0.0.1"]);
  });
});

describe("revocation (A8)", () => {
  it("a cookie replayed after sign-out is refused", async () => {
    const { email, password } = await newLearner("a8-signout");
    const c = new HttpClient(server.url);
    expect(await c.signIn(email, password)).toBeNull();
    const stolen = c.cookieHeader();
    expect((await c.postJson("/api/account/sign-out-everywhere", {}, {})).status).toBe(200);
    const replay = new HttpClient(server.url);
    const res = await replay.request("/api/account/sign-out-everywhere", {
      method: "POST",
      headers: { cookie: stolen, "content-type": "application/json", origin: server.origin },
      body: "{}",
    });
    expect(res.status).toBe(401);
  });

  it("signing out ends that session only; a password change ends them all", async () => {
    const { email, password } = await newLearner("a8-password");
    const laptop = new HttpClient(server.url);
    const phone = new HttpClient(server.url);
    expect(await laptop.signIn(email, password)).toBeNull();
    expect(await phone.signIn(email, password)).toBeNull();
    const laptopCookie = laptop.cookieHeader();

    await laptop.signOut();
    const replay = await fetch(`${server.url}/dashboard`, { headers: { cookie: laptopCookie }, redirect: "manual" });
    expect(replay.status).toBe(307);
    expect(replay.headers.get("location")).toContain("/sign-in");
    const phonePage = await phone.request("/dashboard");
    expect(phonePage.status).toBe(200);

    const change = await phone.postJson("/api/account/password", { currentPassword: password, newPassword: "a brand new passphrase" });
    expect(change.status).toBe(200);
    const after = await phone.request("/dashboard");
    expect(after.status).toBe(307);
    expect(await new HttpClient(server.url).signIn(email, password)).toBe("CredentialsSignin");
    expect(await new HttpClient(server.url).signIn(email, "a brand new passphrase")).toBeNull();
  });
});
