/**
 * The worker side of the pool: receives jobs, runs them (several may be in progress while some
 * wait for the main thread), reports each one's result and the worker time it used (waiting for
 * a request's reply excluded), and lowers the thread's scheduling priority as asked.
 */
import "server-only";
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import type { FromWorker, ToWorker, WorkerSetup } from "./protocol";

export interface JobContext {
  /** Asks the main thread (e.g. for a key); the job's time spent waiting is not charged to it. */
  request(body: unknown): Promise<unknown>;
}

/** On Linux every thread has its own nice value; /proc/thread-self names this thread's id. */
function lowerPriority(niceness: number): void {
  if (niceness <= 0) return;
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, niceness);
  } catch {
    // not Linux, or not permitted: the worker runs at normal priority
  }
}

export function serve(handle: (payload: unknown, ctx: JobContext) => Promise<unknown>): void {
  const port = parentPort;
  if (!port) throw new Error("serve() runs only inside a worker thread");
  lowerPriority((workerData as WorkerSetup | undefined)?.niceness ?? 0);
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextRid = 0;
  const send = (m: FromWorker) => port.postMessage(m);

  port.on("message", (msg: ToWorker) => {
    if ("rid" in msg) {
      const p = pending.get(msg.rid);
      pending.delete(msg.rid);
      if (msg.error !== undefined) p?.reject(new Error(msg.error));
      else p?.resolve(msg.reply);
      return;
    }
    const started = performance.now();
    let waited = 0;
    const ctx: JobContext = {
      request(body) {
        const rid = ++nextRid;
        const t0 = performance.now();
        send({ id: msg.id, rid, request: body });
        return new Promise((resolve, reject) => pending.set(rid, { resolve, reject })).finally(() => (waited += performance.now() - t0));
      },
    };
    handle(msg.payload, ctx).then(
      (ok) => send({ id: msg.id, ok, cpuMs: performance.now() - started - waited }),
      (err: unknown) =>
        send({ id: msg.id, error: err instanceof Error ? err.message : String(err), cpuMs: performance.now() - started - waited }),
    );
  });
}
