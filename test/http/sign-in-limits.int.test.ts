/**
 * Sign-in and sign-up limits that cannot be turned against the owner (issue 10, rows 8 and 11;
 * security.md A4). The server trusts X-Forwarded-For here (TRUST_PROXY, as behind a proxy), so
 * each test can come from addresses of its own.
 */
import { describe, expect, it } from "vitest";
import { HttpClient } from "../http-client";
import { withTestServer } from "../harness";

const h = withTestServer({ env: { TRUST_PROXY: "true", SIGNUP_MAX_PER_IP_PER_HOUR: "20" } });

let ipCounter = 0;
/** A fresh documentation-range address for each caller. */
const freshIp = () => `198.51.${100 + Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;
const from = (ip: string) => ({ "x-forwarded-for": ip });

async function account(tag: string, ip = freshIp()) {
  const email = `${tag}-${Date.now().toString(36)}@int.test`;
  const password = `the owner's passphrase ${tag}`;
  const res = await new HttpClient(h.url).postJson("/api/auth/sign-up", { name: tag, email, password }, from(ip));
  expect(res.status).toBe(201);
  return { email, password };
}

/** `n` sign-in attempts with wrong passwords, `parallel` at a time; returns how many were checked (not rate limited). */
async function wrongAttempts(
  email: string,
  n: number,
  parallel: number,
  ipFor: (i: number) => string,
): Promise<{ checked: number; limited: number }> {
  const results: (string | null)[] = [];
  for (let i = 0; i < n; i += parallel) {
    const batch = Array.from({ length: Math.min(parallel, n - i) }, (_, k) =>
      new HttpClient(h.url).signIn(email, `wrong password ${i + k}`, from(ipFor(i + k))),
    );
    results.push(...(await Promise.all(batch)));
  }
  expect(results.every((r) => r === "CredentialsSignin" || r === "RateLimited")).toBe(true);
  return { checked: results.filter((r) => r === "CredentialsSignin").length, limited: results.filter((r) => r === "RateLimited").length };
}

describe("row 8: failed sign-ins are counted atomically and cannot lock the owner out", () => {
  it("checks at most the per-(account, IP) limit of 40 parallel attempts, and of 200 in batches of 40", async () => {
    const { email } = await account("parallel");
    const ip = freshIp();
    const first = await wrongAttempts(email, 40, 40, () => ip);
    expect(first.checked).toBeLessThanOrEqual(10);
    expect(first.checked).toBeGreaterThan(0);
    const more = await wrongAttempts(email, 160, 40, () => ip);
    expect(first.checked + more.checked).toBeLessThanOrEqual(10);
  });

  it("lets the owner sign in from their own address while a stranger is locked out of it", async () => {
    const { email, password } = await account("owner");
    const attacker = freshIp();
    await wrongAttempts(email, 100, 20, () => attacker);
    expect(await new HttpClient(h.url).signIn(email, password, from(attacker))).toBe("RateLimited");
    expect(await new HttpClient(h.url).signIn(email, password, from(freshIp()))).toBeNull();
  });

  it("slows an account down globally under a distributed attack (≤ 20 checks at once, ≤ 100 an hour), and the owner gets in after the slow-down", async () => {
    const { email, password } = await account("botnet");
    const r = await wrongAttempts(email, 40, 40, () => freshIp()); // forty addresses at once
    expect(r.checked).toBeLessThanOrEqual(20);
    expect(r.checked).toBeGreaterThan(0);
    expect(await new HttpClient(h.url).signIn(email, password, from(freshIp()))).toBe("RateLimited");
    // One refill interval later (45 s: 80 an hour on top of the 20), the owner's attempt is checked.
    await h.db.prisma
      .$executeRaw`UPDATE rate_limit_buckets SET updated_at = updated_at - interval '46 seconds' WHERE key = ${`signin:acct:${email}`}`;
    expect(await new HttpClient(h.url).signIn(email, password, from(freshIp()))).toBeNull();
  });

  it("does not count a successful sign-in as a failure", async () => {
    const { email, password } = await account("regular");
    const ip = freshIp();
    for (let i = 0; i < 15; i++) expect(await new HttpClient(h.url).signIn(email, password, from(ip))).toBeNull();
  });
});

describe("row 11: sign-up is limited per IP and does not reveal existing accounts", () => {
  it("accepts at most SIGNUP_MAX_PER_IP_PER_HOUR sign-ups from one address, even sixty at once", async () => {
    const ip = freshIp();
    const tag = Date.now().toString(36);
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        new HttpClient(h.url).postJson(
          "/api/auth/sign-up",
          { name: "bulk", email: `bulk-${tag}-${i}@int.test`, password: "a long passphrase here" },
          from(ip),
        ),
      ),
    );
    const created = await h.db.prisma.user.count({ where: { email: { startsWith: `bulk-${tag}-` } } });
    expect(created).toBe(20);
    expect(results.filter((r) => r.status === 201)).toHaveLength(20);
    const refused = results.filter((r) => r.status === 429);
    expect(refused).toHaveLength(40);
    expect(await refused[0].json()).toEqual({ error: expect.stringMatching(/Too many accounts/) });
    // another address is not affected
    expect(
      (
        await new HttpClient(h.url).postJson(
          "/api/auth/sign-up",
          { name: "x", email: `other-${tag}@int.test`, password: "a long passphrase here" },
          from(freshIp()),
        )
      ).status,
    ).toBe(201);
  });

  it("refuses sign-ups from an address already blocked from signing in", async () => {
    const ip = freshIp();
    await h.db.prisma.$executeRaw`INSERT INTO rate_limit_buckets (key, tokens, updated_at) VALUES (${`signin:ip:${ip}`}, 0, now())`;
    const res = await new HttpClient(h.url).postJson(
      "/api/auth/sign-up",
      { name: "x", email: `blocked-${Date.now()}@int.test`, password: "a long passphrase here" },
      from(ip),
    );
    expect(res.status).toBe(429);
  });

  it("answers a duplicate email exactly as a new one, and sends the owner a notice instead", async () => {
    const { email } = await account("taken");
    const fresh = await new HttpClient(h.url).postJson(
      "/api/auth/sign-up",
      { name: "n", email: `brand-new-${Date.now()}@int.test`, password: "another long passphrase" },
      from(freshIp()),
    );
    const dupe = await new HttpClient(h.url).postJson(
      "/api/auth/sign-up",
      { name: "n", email: email.toUpperCase(), password: "another long passphrase" },
      from(freshIp()),
    );
    expect(dupe.status).toBe(fresh.status);
    expect(await dupe.json()).toEqual(await fresh.json());
    expect(await h.db.prisma.user.count({ where: { email } })).toBe(1);
    // No mail server is configured: the notice goes to the server log as the email it would be.
    await expect
      .poll(() => h.server.output(), { timeout: 5000 })
      .toMatch(new RegExp(`mail to ${email.replace(/[.+]/g, "\\$&")}: .*already have a Kubeyard account`, "i"));
  });
});
