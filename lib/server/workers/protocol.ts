/** Messages between the worker pool (main thread) and its workers. */
export type ToWorker = { id: number; payload: unknown } | { rid: number; reply?: unknown; error?: string };

export type FromWorker =
  | { id: number; ok: unknown; cpuMs: number }
  | { id: number; error: string; cpuMs: number }
  /** the job needs something only the main thread has (a key from the pool): it waits meanwhile */
  | { id: number; rid: number; request: unknown };

export interface WorkerSetup {
  /** Linux nice value for the worker thread (best effort): background work yields to requests. */
  niceness: number;
}
