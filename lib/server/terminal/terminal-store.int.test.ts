/**
 * The terminal store against real PostgreSQL (issue 10, row 5): whatever a command line, its
 * output and its state delta hold — random bytes carried as characters, NULs, lone surrogates —
 * comes back from the database exactly. A property test over random bytes and code units.
 */
import fc from "fast-check";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import type { SavedState } from "@/lib/sim";
import { decodeText } from "./lossless-text";
import { PrismaTerminalStore } from "./terminal-store";

let db: TestDatabase;
let store: PrismaTerminalStore;
let userId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  store = new PrismaTerminalStore(db.prisma);
  userId = (await db.prisma.user.create({ data: { email: "bytes@int.test" } })).id;
});

afterAll(async () => db?.drop());

/** Any UTF-16 code unit (so lone surrogates and NULs), or random bytes as characters 0-255. */
const anyText = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 400 }),
  fc.uint8Array({ maxLength: 4096 }).map((b) => String.fromCharCode(...b)),
);

describe("binary-safe storage", () => {
  it("stores and loads any line, output and delta exactly", async () => {
    let course = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(anyText, anyText, anyText), { minLength: 1, maxLength: 4 }), async (events) => {
        const snapshot = { version: 1, files: { "/r.bin": events[0][2] } } as unknown as SavedState;
        const { id } = await store.findOrCreate(userId, `c${++course}`, async () => snapshot);
        const token = await store.acquireLease(id, "test", 60_000);
        if (token === null) throw new Error("no lease");
        for (let i = 0; i < events.length; i++) {
          const [line, output, file] = events[i];
          expect(
            await store.appendEvent(id, token, { seq: i + 1, commandId: randomUUID(), line, output, delta: { fs: { "/f": file } } }),
          ).toBe("ok");
        }
        const loaded = await store.load(id);
        expect(loaded.snapshot).toEqual(snapshot);
        expect(loaded.deltas).toEqual(events.map(([, , file]) => ({ fs: { "/f": file } })));
        expect(loaded.scrollback).toBe(
          events
            .map(([, output]) => output)
            .join("")
            .slice(-loaded.scrollback.length),
        );
        const rows = await db.prisma.terminalEvent.findMany({ where: { sessionId: id }, orderBy: { seq: "asc" }, select: { line: true } });
        expect(rows.map((r) => decodeText(r.line))).toEqual(events.map(([line]) => line));
      }),
      { numRuns: 60 },
    );
  });

  it("keeps a megabyte of NULs in a snapshot", async () => {
    const zeros = "\u0000".repeat(1_000_000);
    const { id } = await store.findOrCreate(userId, "zeros", async () => ({ version: 1, blob: zeros }) as unknown as SavedState);
    expect((await store.load(id)).snapshot).toEqual({ version: 1, blob: zeros });
  });
});

describe("leases on the database's clock (issue 15)", () => {
  const LEASE_MS = 30_000;

  it("keeps a lease from an instance whose clock runs an hour ahead, and computes its expiry from PostgreSQL's now()", async () => {
    const { id } = await store.findOrCreate(userId, "lease-skew", async () => ({ version: 1 }) as unknown as SavedState);
    const tokenA = await store.acquireLease(id, "instance-a", LEASE_MS);
    expect(tokenA).not.toBeNull();
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 3_600_000 });
    try {
      // instance B's clock says A's lease ran out long ago; the database's clock says it did not
      expect(await store.acquireLease(id, "instance-b", LEASE_MS)).toBeNull();
      expect(await store.renewLeases([id], "instance-a", LEASE_MS)).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
    const [{ left }] = await db.prisma.$queryRaw<{ left: number }[]>`
      SELECT extract(epoch FROM "lease_expires_at" - now()) * 1000 AS left FROM "terminal_sessions" WHERE "id" = ${id}`;
    expect(Number(left)).toBeGreaterThan(0);
    expect(Number(left)).toBeLessThanOrEqual(LEASE_MS);
  });

  it("lets another instance take an expired lease over with a larger fencing token, which fences the old owner out", async () => {
    const { id } = await store.findOrCreate(userId, "lease-takeover", async () => ({ version: 1 }) as unknown as SavedState);
    const tokenA = await store.acquireLease(id, "instance-a", LEASE_MS);
    if (tokenA === null) throw new Error("no lease");
    await db.prisma.$executeRaw`UPDATE "terminal_sessions" SET "lease_expires_at" = now() - interval '1 second' WHERE "id" = ${id}`;
    const tokenB = await store.acquireLease(id, "instance-b", LEASE_MS);
    expect(tokenB).not.toBeNull();
    expect(tokenB ?? 0n).toBeGreaterThan(tokenA);
    expect(await store.renewLeases([id], "instance-a", LEASE_MS)).toEqual([id]);
    expect(await store.appendEvent(id, tokenA, { seq: 1, commandId: randomUUID(), line: "ls", output: "", delta: {} })).toBe("lease-lost");
  });
});

describe("group commit (issue 15)", () => {
  /** `n` sessions, each with a lease held by "gc". */
  async function sessions(prefix: string, n: number) {
    return Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const { id } = await store.findOrCreate(userId, `${prefix}-${i}`, async () => ({ version: 1 }) as unknown as SavedState);
        const token = await store.acquireLease(id, "gc", 60_000);
        if (token === null) throw new Error("no lease");
        return { id, token };
      }),
    );
  }
  const event = (seq: number, line: string) => ({ seq, commandId: randomUUID(), line, output: `${line}\r\n`, delta: { line } });

  it("writes the events of many sessions arriving together in shared statements, each in its session's order", async () => {
    const gcStore = new PrismaTerminalStore(db.prisma, 2);
    const all = await sessions("gc-many", 40);
    const results = await Promise.all(
      all.map(async ({ id, token }, i) => [
        await gcStore.appendEvent(id, token, event(1, `echo ${i}-1`)),
        await gcStore.appendEvent(id, token, event(2, `echo ${i}-2`)),
      ]),
    );
    expect(results.flat().every((r) => r === "ok")).toBe(true);
    // 80 events, 2 writes in flight: they can only all have gone out if most shared a statement
    expect(gcStore.groupCommitStats.items).toBe(80);
    expect(gcStore.groupCommitStats.batches).toBeLessThan(20);
    for (const [i, { id }] of all.entries()) {
      const rows = await db.prisma.terminalEvent.findMany({
        where: { sessionId: id },
        orderBy: { seq: "asc" },
        select: { seq: true, line: true },
      });
      expect(rows.map((r) => [r.seq, decodeText(r.line)])).toEqual([
        [1, `echo ${i}-1`],
        [2, `echo ${i}-2`],
      ]);
      expect((await store.load(id)).lastSeq).toBe(2);
    }
  });

  it("fences each session on its own inside a shared statement: a stale token or a wrong seq loses only its own event", async () => {
    const gcStore = new PrismaTerminalStore(db.prisma, 1);
    const [busy, good, stale, skipped] = await sessions("gc-fence", 4);
    // holds the only slot, so the next three go out together as one statement
    const first = gcStore.appendEvent(busy.id, busy.token, event(1, "first"));
    const together = Promise.all([
      gcStore.appendEvent(good.id, good.token, event(1, "good")),
      gcStore.appendEvent(stale.id, stale.token - 1n, event(1, "stale token")),
      gcStore.appendEvent(skipped.id, skipped.token, event(2, "gap in seq")),
    ]);
    expect(await first).toBe("ok");
    expect(await together).toEqual(["ok", "lease-lost", "lease-lost"]);
    expect(gcStore.groupCommitStats).toEqual({ batches: 2, items: 4 });
    expect(await db.prisma.terminalEvent.count({ where: { sessionId: { in: [stale.id, skipped.id] } } })).toBe(0);
    expect((await store.load(good.id)).lastSeq).toBe(1);
  });

  it("writes the others when one event aborts the shared statement", async () => {
    const gcStore = new PrismaTerminalStore(db.prisma, 1);
    const [busy, dup, other] = await sessions("gc-abort", 3);
    const used = randomUUID();
    expect(await gcStore.appendEvent(dup.id, dup.token, { ...event(1, "once"), commandId: used })).toBe("ok");
    const first = gcStore.appendEvent(busy.id, busy.token, event(1, "first"));
    // The same command id again under a new seq violates the unique key and aborts the statement.
    const together = Promise.all([
      gcStore.appendEvent(dup.id, dup.token, { ...event(2, "twice"), commandId: used }).catch((e: Error) => e.name),
      gcStore.appendEvent(other.id, other.token, event(1, "innocent")),
    ]);
    expect(await first).toBe("ok");
    const [dupResult, otherResult] = await together;
    expect(dupResult).not.toBe("ok");
    expect(otherResult).toBe("ok");
    expect((await store.load(other.id)).lastSeq).toBe(1);
    expect((await store.load(dup.id)).lastSeq).toBe(1);
  });
});
