/**
 * Runs an oracle program without blocking the test worker: the oracle tests run every real
 * program first, a few at a time (runAll), then compare line by line. One synchronous spawn per
 * test line blocked the worker for each run and took minutes on a loaded 2-core machine.
 */
import { spawn, type SpawnOptions } from "node:child_process";

export interface OracleOutcome {
  stdout: string;
  stderr: string;
  /** the exit status; -1 when the program was killed */
  status: number;
}

/**
 * Runs `cmd args` to its end, stdin closed (or given), and returns what it printed and its status.
 * With `timeoutMs` a program still running then is killed (status -1), so a hung oracle fails its
 * line instead of the whole test file.
 */
export function runOracle(
  cmd: string,
  args: string[],
  opts: Pick<SpawnOptions, "cwd"> & { env?: Record<string, string | undefined>; stdin?: string; timeoutMs?: number } = {},
): Promise<OracleOutcome> {
  return new Promise((resolve, reject) => {
    // the environment is exactly `env` when given: an oracle may need one without NODE_ENV, which
    // Next's typing of ProcessEnv requires
    const env = opts.env as NodeJS.ProcessEnv | undefined;
    const child = spawn(cmd, args, { cwd: opts.cwd, env, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = opts.timeoutMs === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs);
    child.stdout?.on("data", (b: Buffer) => out.push(b));
    child.stderr?.on("data", (b: Buffer) => err.push(b));
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), status: code ?? -1 });
    });
    // a program may end without reading its stdin (`true`, `head -1`): the write then fails with
    // EPIPE, which is no part of its outcome and, unheard, is an uncaught exception in the test worker
    child.stdin?.on("error", () => undefined);
    child.stdin?.end(opts.stdin ?? "");
  });
}

/** `run` over every item, `width` at a time; the results keyed by item. */
export async function runAll<T, R>(items: readonly T[], width: number, run: (item: T, index: number) => Promise<R>): Promise<Map<T, R>> {
  const results = new Map<T, R>();
  const queue = items.map((item, index) => ({ item, index }));
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) results.set(job.item, await run(job.item, job.index));
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}
