import { describe, expect, it } from "vitest";
import { hashConcurrency, hashPassword, verifyPassword } from "./password";

describe("argon2id hashing (A1, A2)", () => {
  it("uses argon2id m=19456 t=2 p=1 with a 16-byte salt, and verifies", async () => {
    const h = await hashPassword("correct horse battery staple");
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(Buffer.from(h.split("$")[4], "base64").length).toBeGreaterThanOrEqual(16);
    expect(await verifyPassword(h, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(h, "correct horse battery stapler")).toBe(false);
    expect(await verifyPassword("not a hash", "x")).toBe(false);
  });

  it("never runs more than 4 hashes at once, and 200 parallel logins stay far under 1 GiB", async () => {
    const rssBefore = process.memoryUsage().rss;
    let maxRunning = 0;
    let peakRss = rssBefore;
    const probe = setInterval(() => {
      maxRunning = Math.max(maxRunning, hashConcurrency().running);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 1);
    await Promise.all(Array.from({ length: 200 }, (_, i) => hashPassword(`password-${i}`)));
    clearInterval(probe);
    expect(maxRunning).toBeGreaterThan(0);
    expect(maxRunning).toBeLessThanOrEqual(hashConcurrency().max);
    expect(peakRss - rssBefore).toBeLessThan(1024 * 1024 * 1024);
    expect(hashConcurrency()).toMatchObject({ running: 0, waiting: 0 });
  }, 120_000);
});
