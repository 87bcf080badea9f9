/**
 * Sign-in security over real HTTP against the real server and PostgreSQL
 * (security.md A1, A4, A5, A6, A8, B4). Each assertion would fail if the protection were removed.
 */
import { describe, expect, it } from "vitest";
import { HttpClient } from "../http-client";
import { withTestServer } from "../harness";

const h = withTestServer();

async function newLearner(tag: string) {
  const email = `${tag}-${Date.now()}@int.test`;
  const password = `a long passphrase for ${tag}`;
  const client = new HttpClient(h.url);
  const res = await client.postJson("/api/auth/sign-up", { name: tag, email, password });
  expect(res.status).toBe(201);
  return { email, password, client };
}

describe("passwords (A1)", () => {
  it("stores an argon2id PHC string with m=19456, t=2, p=1 and a 16-byte salt", async () => {
    const { email } = await newLearner("a1");
    const user = await h.db.prisma.user.findUniqueOrThrow({ where: { email } });
    const [, alg, version, params, salt] = user.passwordHash!.split("$");
    expect(alg).toBe("argon2id");
    expect(version).toBe("v=19");
    expect(params).toBe("m=19456,t=2,p=1");
    expect(Buffer.from(salt, "base64").length).toBeGreaterThanOrEqual(16);
  });
});

describe("sign-up validation (A3, B4)", () => {
  it("rejects a top-3000 password and creates nothing", async () => {
    const c = new HttpClient(h.url);
    const res = await c.postJson("/api/auth/sign-up", { email: "common@int.test", password: "password1" });
    expect(res.status).toBe(400);
    expect(await h.db.prisma.user.count({ where: { email: "common@int.test" } })).toBe(0);
  });

  it("refuses mass assignment of role", async () => {
    const c = new HttpClient(h.url);
    const res = await c.postJson("/api/auth/sign-up", { email: "sneaky@int.test", password: "a long passphrase here", role: "ADMIN" });
    expect(res.status).toBe(400);
    expect(await h.db.prisma.user.count({ where: { email: "sneaky@int.test" } })).toBe(0);
  });

  it("answers an existing email, whatever its case, as a new one and creates nothing", async () => {
    const { email } = await newLearner("dupe");
    const res = await new HttpClient(h.url).postJson("/api/auth/sign-up", {
      email: email.toUpperCase(),
      password: "another long passphrase",
    });
    expect(res.status).toBe(201);
    expect(await h.db.prisma.user.count({ where: { email } })).toBe(1);
  });
});

describe("session cookie (A6)", () => {
  it("is __Host- prefixed, HttpOnly, Secure, SameSite=Lax, Path=/ and has no Domain", async () => {
    const { email, password } = await newLearner("a6");
    const c = new HttpClient(h.url);
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
  it("checks at most 10 wrong passwords from one address for one account, then refuses that address only", async () => {
    const { email, password } = await newLearner("a4");
    const c = new HttpClient(h.url);
    const results: (string | null)[] = [];
    for (let i = 0; i < 30; i++) results.push(await c.signIn(email, `wrong-${i}`));
    expect(results.filter((r) => r === "CredentialsSignin")).toHaveLength(10);
    expect(results.slice(10).every((r) => r === "RateLimited")).toBe(true);
    expect(await c.signIn(email, password)).toBe("RateLimited");

    // Its tokens refill (one every 90 s): move the bucket an hour into the past.
    await h.db.prisma.$executeRaw`UPDATE rate_limit_buckets SET updated_at = updated_at - interval '1 hour'`;
    expect(await c.signIn(email, password)).toBeNull();
  });

  it("keys the IP limit on the socket address, not a client-sent X-Forwarded-For", async () => {
    const c = new HttpClient(h.url);
    for (const spoof of ["203.0.113.7", "198.51.100.9"]) {
      const csrf = await c.request("/api/auth/csrf");
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      await c.request("/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: h.server.origin, "x-forwarded-for": spoof },
        body: new URLSearchParams({ csrfToken, email: "nobody@int.test", password: "x", json: "true" }).toString(),
      });
    }
    const keys = (await h.db.prisma.rateLimitBucket.findMany({ where: { key: { contains: "nobody@int.test" } } })).map((r) => r.key).sort();
    expect(keys).toEqual(["signin:acct:nobody@int.test", "signin:pair:nobody@int.test|127.0.0.1"]);
    const ipBuckets = (await h.db.prisma.rateLimitBucket.findMany({ where: { key: { startsWith: "signin:ip:" } } })).map((r) => r.key);
    expect(ipBuckets).toEqual(["signin:ip:127.0.0.1"]);
  });
});

describe("revocation (A8)", () => {
  it("a cookie replayed after sign-out is refused", async () => {
    const { email, password } = await newLearner("a8-signout");
    const c = new HttpClient(h.url);
    expect(await c.signIn(email, password)).toBeNull();
    const stolen = c.cookieHeader();
    expect((await c.postJson("/api/account/sign-out-everywhere", {}, {})).status).toBe(200);
    const replay = new HttpClient(h.url);
    const res = await replay.request("/api/account/sign-out-everywhere", {
      method: "POST",
      headers: { cookie: stolen, "content-type": "application/json", origin: h.server.origin },
      body: "{}",
    });
    expect(res.status).toBe(401);
  });

  it("signing out ends that session only; a password change ends them all", async () => {
    const { email, password } = await newLearner("a8-password");
    const laptop = new HttpClient(h.url);
    const phone = new HttpClient(h.url);
    expect(await laptop.signIn(email, password)).toBeNull();
    expect(await phone.signIn(email, password)).toBeNull();
    const laptopCookie = laptop.cookieHeader();

    await laptop.signOut();
    const replay = await fetch(`${h.url}/dashboard`, { headers: { cookie: laptopCookie }, redirect: "manual" });
    expect(replay.status).toBe(307);
    expect(replay.headers.get("location")).toContain("/sign-in");
    const phonePage = await phone.request("/dashboard");
    expect(phonePage.status).toBe(200);

    const change = await phone.postJson("/api/account/password", { currentPassword: password, newPassword: "a brand new passphrase" });
    expect(change.status).toBe(200);
    const after = await phone.request("/dashboard");
    expect(after.status).toBe(307);
    expect(await new HttpClient(h.url).signIn(email, password)).toBe("CredentialsSignin");
    expect(await new HttpClient(h.url).signIn(email, "a brand new passphrase")).toBeNull();
  });
});
