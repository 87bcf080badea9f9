/**
 * The RSA key pool with a counting generator instead of the key workers: it fills to its target in
 * the background, serves from the pool before generating on demand, refills after a take, survives
 * a restart through its file, and treats a corrupt file as an empty pool. Tests and the e2e server
 * run with KEY_POOL_TARGET=0, so this is where the pool itself is proven.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KeyPool, type RsaGenerator } from "./key-pool";

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), "key-pool-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Key n is "key-n"; records who asked for what. */
function countingGenerator() {
  const calls: { tenant: string | null; bits: number }[] = [];
  const generate: RsaGenerator = async (tenant, bits) => {
    calls.push({ tenant, bits });
    return { privateKeyPem: `key-${calls.length}`, publicKeyPem: `pub-${calls.length}` };
  };
  return { calls, generate };
}

/** Lets the background refill loop run until it has nothing left to do. */
async function settle(pool: KeyPool, target: number) {
  for (let i = 0; i < 10 * target + 10 && pool.available() < target; i++) await new Promise((r) => setImmediate(r));
}

describe("KeyPool", () => {
  it("fills to its target in the background, as the server's own (null) tenant", async () => {
    const g = countingGenerator();
    const pool = new KeyPool({ target: 5, generate: g.generate });
    pool.refill();
    await settle(pool, 5);
    expect(pool.available()).toBe(5);
    expect(g.calls).toEqual(Array.from({ length: 5 }, () => ({ tenant: null, bits: 2048 })));
    pool.stop();
  });

  it("serves from the pool first, then generates for the asking learner, and refills after each take", async () => {
    const g = countingGenerator();
    const pool = new KeyPool({ target: 2, generate: g.generate });
    pool.refill();
    await settle(pool, 2);
    const first = await pool.takeRsa2048("learner-a");
    expect(first.algorithm).toBe("rsa-2048");
    expect(["key-1", "key-2"]).toContain(first.privateKeyPem);
    expect(pool.stats.servedFromPool).toBe(1);
    await settle(pool, 2);
    expect(pool.available()).toBe(2);
    expect(pool.stats.generated).toBe(3);
    pool.stop();

    const empty = new KeyPool({ target: 0, generate: g.generate });
    const made = await empty.takeRsa2048("learner-b");
    expect(made.privateKeyPem).toBe(`key-${g.calls.length}`);
    expect(g.calls.at(-1)).toEqual({ tenant: "learner-b", bits: 2048 });
    expect(empty.stats.servedOnDemand).toBe(1);
    expect(empty.available()).toBe(0); // target 0: nothing generated in the background
  });

  it("keeps its keys across a restart through its file, and reads a corrupt file as empty", async () => {
    const file = join(dir, "key-pool.json");
    const g = countingGenerator();
    const pool = new KeyPool({ target: 3, file, generate: g.generate });
    pool.refill();
    await settle(pool, 3);
    pool.stop();
    expect(JSON.parse(readFileSync(file, "utf8"))).toHaveLength(3);

    const restarted = new KeyPool({ target: 3, file, generate: countingGenerator().generate });
    expect(restarted.available()).toBe(3);
    expect((await restarted.takeRsa2048(null)).privateKeyPem).toMatch(/^key-[123]$/);
    restarted.stop();

    writeFileSync(file, "{not json");
    expect(new KeyPool({ target: 3, file, generate: g.generate }).available()).toBe(0);
  });
});
