/** The worker pool with the real key worker: fair dispatch, and a worker that dies is replaced. */
import { createPrivateKey } from "node:crypto";
import type { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import type { KeygenResult } from "./keygen-main";
import { WorkerLostError, WorkerPool } from "./pool";

const entry = new URL("./keygen-worker.mjs", import.meta.url);
let pool: WorkerPool | undefined;
afterEach(async () => pool?.stop());

const bitsOf = (r: KeygenResult) => createPrivateKey(r.privateKeyPem).asymmetricKeyDetails?.modulusLength;

describe("WorkerPool", () => {
  it("runs every tenant's jobs and returns real keys", async () => {
    const p = new WorkerPool({ name: "keygen", entry, size: 2 });
    pool = p;
    const keys = await Promise.all(["a", "b", "a", "c", null].map((t) => p.run<KeygenResult>(t, { bits: 1024 })));
    expect(keys.map(bitsOf)).toEqual([1024, 1024, 1024, 1024, 1024]);
  }, 60_000);

  it("starts a worker thread with its first job, and only that worker's", async () => {
    const p = new WorkerPool({ name: "keygen", entry, size: 2 });
    pool = p;
    const threads = () => (p as unknown as { slots: { thread: Worker | null }[] }).slots.map((s) => s.thread !== null);
    expect(threads()).toEqual([false, false]);
    const key = await p.run<KeygenResult>("a", { bits: 512 }, { worker: 1 });
    expect(bitsOf(key)).toBe(512);
    expect(threads()).toEqual([false, true]);
  }, 60_000);

  it("settles the jobs of a worker that dies (done or WorkerLostError, never hanging), reports it, and replaces the worker", async () => {
    const lost: number[] = [];
    pool = new WorkerPool({ name: "keygen", entry, size: 1, onWorkerLost: (i) => lost.push(i) });
    await pool.run<KeygenResult>("warm", { bits: 512 }); // the worker is up
    const jobs = [
      pool.run<KeygenResult>("a", { bits: 4096 }),
      pool.run<KeygenResult>("b", { bits: 4096 }),
      pool.run<KeygenResult>("c", { bits: 4096 }),
    ];
    const slots = (pool as unknown as { slots: { thread: Worker }[] }).slots;
    void slots[0].thread.terminate();
    const settled = await Promise.allSettled(jobs);
    // a job the worker finished before it stopped keeps its key; every other one fails as lost
    for (const s of settled) {
      if (s.status === "fulfilled") expect(bitsOf(s.value)).toBe(4096);
      else expect(s.reason).toBeInstanceOf(WorkerLostError);
    }
    expect(settled.some((s) => s.status === "rejected")).toBe(true);
    expect(lost).toEqual([0]);
    const after = await pool.run<KeygenResult>("a", { bits: 512 });
    expect(bitsOf(after)).toBe(512);
  }, 60_000);
});
