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

/** Runs `cmd args` to its end, stdin closed (or given), and returns what it printed and its status. */
export function runOracle(
  cmd: string,
  args: string[],
  opts: Pick<SpawnOptions, "cwd" | "env"> & { stdin?: string } = {},
): Promise<OracleOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on("data", (b: Buffer) => out.push(b));
    child.stderr?.on("data", (b: Buffer) => err.push(b));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({ stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), status: code ?? -1 }),
    );
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
