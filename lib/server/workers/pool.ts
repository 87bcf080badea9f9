/**
 * A bounded pool of worker threads for the simulator's CPU-heavy work (issue 10): the main event
 * loop (pages, sign-in, every learner's WebSocket) and libuv's thread pool (argon2, file reads)
 * never run it. Each worker runs one job at a time from its own fair queue (fair-queue.ts: the
 * learner who used it least goes first), plus jobs any worker may take; a job that waits for the
 * main thread (a key) frees its worker meanwhile. A worker that dies (out of memory, a bug) fails
 * its jobs, is reported and replaced; the main process carries on (security.md D5).
 *
 * A worker thread starts when its first job arrives, not with the pool: loading the simulator
 * into a thread costs about a second of CPU, which an instance that only serves pages never
 * needs to pay (and a test server that never opens a terminal, most of them).
 */
import "server-only";
import { Worker, type ResourceLimits } from "node:worker_threads";
import { FairQueue, type Clock } from "./fair-queue";
import type { FromWorker, ToWorker, WorkerSetup } from "./protocol";

interface Job {
  id: number;
  tenant: string | null;
  payload: unknown;
  resolve(v: unknown): void;
  reject(e: Error): void;
  /** the queue it came from, charged with its worker time */
  queue: FairQueue<Job>;
}

interface Slot {
  /** null until the slot's first job */
  thread: Worker | null;
  queue: FairQueue<Job>;
  /** dispatched and running (not waiting for a reply from the main thread) */
  running: Set<Job>;
  jobs: Map<number, Job>;
}

export interface PoolOptions {
  name: string;
  /** the worker's bootstrap module (.mjs: it registers tsx, then imports the TypeScript entry) */
  entry: URL;
  size: number;
  resourceLimits?: ResourceLimits;
  niceness?: number;
  /** answers a worker's request on behalf of a job (for example a key from the pool) */
  onRequest?: (request: unknown, tenant: string | null) => Promise<unknown>;
  /** a worker died; its jobs have been rejected and a fresh worker replaces it */
  onWorkerLost?: (index: number, error: Error) => void;
  clock?: Clock;
}

export class WorkerLostError extends Error {}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly shared: FairQueue<Job>;
  private nextId = 0;
  private stopped = false;

  constructor(private readonly opts: PoolOptions) {
    this.shared = new FairQueue<Job>(opts.clock);
    for (let i = 0; i < opts.size; i++) this.slots.push(this.emptySlot());
  }

  get size(): number {
    return this.slots.length;
  }

  /** Runs a job for `tenant` (null: background) on worker `worker`, or on whichever is free first. */
  run<T>(tenant: string | null, payload: unknown, opts: { worker?: number } = {}): Promise<T> {
    if (this.stopped) return Promise.reject(new Error(`${this.opts.name} pool is stopped`));
    return new Promise<T>((resolve, reject) => {
      const slot = opts.worker === undefined ? undefined : this.slots[opts.worker];
      const queue = slot?.queue ?? this.shared;
      queue.push(tenant, { id: ++this.nextId, tenant, payload, resolve: (v) => resolve(v as T), reject, queue });
      if (slot) this.pump(slot);
      else this.slots.forEach((s) => this.pump(s));
    });
  }

  /** Jobs waiting (not yet running) for a tenant, on every queue. */
  waiting(tenant: string): number {
    return this.shared.waiting(tenant) + this.slots.reduce((n, s) => n + s.queue.waiting(tenant), 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.slots.flatMap((s) => (s.thread ? [s.thread.terminate()] : [])));
  }

  private emptySlot(): Slot {
    return { thread: null, queue: new FairQueue<Job>(this.opts.clock), running: new Set(), jobs: new Map() };
  }

  /** The slot's thread, started now if this is its first job (messages wait until it is up). */
  private threadOf(index: number, slot: Slot): Worker {
    if (slot.thread) return slot.thread;
    const setup: WorkerSetup = { niceness: this.opts.niceness ?? 0 };
    const thread = new Worker(this.opts.entry, {
      workerData: setup,
      resourceLimits: this.opts.resourceLimits,
      name: `${this.opts.name}-${index}`,
    });
    thread.unref();
    slot.thread = thread;
    thread.on("message", (m: FromWorker) => this.onMessage(slot, m));
    const lost = (err: Error) => this.lose(index, slot, err);
    thread.on("error", lost);
    thread.on("exit", (code) => lost(new Error(`worker exited with code ${code}`)));
    return thread;
  }

  private pump(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (slot.running.size > 0 || index < 0) return;
    const next = slot.queue.next() ?? this.shared.next();
    if (!next) return;
    const job = next.job;
    slot.running.add(job);
    slot.jobs.set(job.id, job);
    this.threadOf(index, slot).postMessage({ id: job.id, payload: job.payload } satisfies ToWorker);
  }

  private onMessage(slot: Slot, m: FromWorker): void {
    const job = slot.jobs.get(m.id);
    if (!job) return;
    if ("request" in m) {
      slot.running.delete(job); // waiting for us: the worker may take another job meanwhile
      this.pump(slot);
      const answer = this.opts.onRequest ? this.opts.onRequest(m.request, job.tenant) : Promise.reject(new Error("no request handler"));
      answer.then(
        (reply) => {
          if (!slot.jobs.has(job.id)) return;
          slot.running.add(job);
          slot.thread?.postMessage({ rid: m.rid, reply } satisfies ToWorker);
        },
        (err: unknown) => {
          if (!slot.jobs.has(job.id)) return;
          slot.running.add(job);
          slot.thread?.postMessage({ rid: m.rid, error: err instanceof Error ? err.message : String(err) } satisfies ToWorker);
        },
      );
      return;
    }
    slot.running.delete(job);
    slot.jobs.delete(job.id);
    job.queue.charge(job.tenant, m.cpuMs);
    if ("error" in m) job.reject(new Error(m.error));
    else job.resolve(m.ok);
    this.pump(slot);
  }

  private lose(index: number, slot: Slot, err: Error): void {
    if (this.slots[index] !== slot) return; // already replaced
    for (const job of [...slot.jobs.values(), ...slot.queue.drain()])
      job.reject(new WorkerLostError(`${this.opts.name} worker ${index} stopped: ${err.message}`));
    slot.jobs.clear();
    slot.running.clear();
    if (this.stopped) return;
    this.slots[index] = this.emptySlot();
    this.opts.onWorkerLost?.(index, err);
    this.pump(this.slots[index]);
  }
}
