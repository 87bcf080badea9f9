/**
 * What another learner experiences while someone attacks the server (issue 10, rows 1 and 2):
 * the round trip of an `echo` in their terminal, a GET /api/health and a sign-in, each timed
 * one after another. Used by test/ws/isolation.int.test.ts (which asserts ratios to the idle
 * figures measured in the same run) and bench/isolation.ts (which prints them).
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { HttpClient } from "./http-client";
import type { TestTerminal } from "./terminal-client";

const PROMPT = "controlplane:~$ ";

export interface Samples {
  echo: number[];
  health: number[];
  signIn: number[];
}

export const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};

let tag = 0;

/** `n` echo round trips, `n` health checks and `signIns` sign-ins of the victim, interleaved. */
export async function probeVictim(
  base: string,
  term: TestTerminal,
  account: { email: string; password: string },
  opts: { n: number; signIns: number; timeoutMs?: number },
): Promise<Samples> {
  const out: Samples = { echo: [], health: [], signIn: [] };
  for (let i = 0; i < opts.n; i++) {
    const word = `victim-${++tag}`;
    term.skip();
    let t0 = performance.now();
    term.type(`echo ${word}\r`);
    await term.waitFor(`${word}\r\n${word}\r\n${PROMPT}`, opts.timeoutMs ?? 60_000);
    out.echo.push(performance.now() - t0);

    t0 = performance.now();
    const res = await fetch(`${base}/api/health`);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`/api/health answered ${res.status}`);
    out.health.push(performance.now() - t0);

    if (i < opts.signIns) {
      t0 = performance.now();
      const err = await new HttpClient(base).signIn(account.email, account.password);
      if (err) throw new Error(`victim sign-in failed: ${err}`);
      out.signIn.push(performance.now() - t0);
    }
  }
  return out;
}

export function summary(s: Samples): Record<keyof Samples, { p50: number; p99: number }> {
  const of = (xs: number[]) => ({ p50: percentile(xs, 50), p99: percentile(xs, 99) });
  return { echo: of(s.echo), health: of(s.health), signIn: of(s.signIn) };
}

/** An attack that can be started and stopped again, so idle and attacked samples interleave. */
export interface Attack {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Idle and attacked samples taken in alternating rounds (idle, attack, idle, attack, ...), so a
 * slow drift of the machine's own load (other processes) falls on both sides alike.
 */
/** CPU seconds a process has used (user + system, all its threads), from /proc; 0 where there is no /proc. */
export function cpuSeconds(pid: number): number {
  try {
    // fields after the command name: state is field 3, utime and stime are fields 14 and 15, in USER_HZ (100/s on Linux)
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The share of one core a process used over the phases measured (1 = one core busy). */
export interface CpuShare {
  idle: number;
  attacked: number;
}

export async function compareUnderAttack(
  base: string,
  term: TestTerminal,
  account: { email: string; password: string },
  attack: Attack,
  opts: { rounds: number; perRound: number; signInsPerRound: number; settleMs?: number; serverPid?: number },
): Promise<{ idle: Samples; attacked: Samples; serverCpu?: CpuShare }> {
  const idle: Samples = { echo: [], health: [], signIn: [] };
  const attacked: Samples = { echo: [], health: [], signIn: [] };
  const add = (to: Samples, s: Samples) => (Object.keys(to) as (keyof Samples)[]).forEach((k) => to[k].push(...s[k]));
  const pid = opts.serverPid;
  const used = { idle: 0, attacked: 0 };
  const wall = { idle: 0, attacked: 0 };
  const timed = async <T>(phase: keyof typeof used, fn: () => Promise<T>): Promise<T> => {
    const [c0, t0] = [pid ? cpuSeconds(pid) : 0, performance.now()];
    const out = await fn();
    used[phase] += (pid ? cpuSeconds(pid) : 0) - c0;
    wall[phase] += (performance.now() - t0) / 1000;
    return out;
  };
  for (let r = 0; r < opts.rounds; r++) {
    add(idle, await timed("idle", () => probeVictim(base, term, account, { n: opts.perRound, signIns: opts.signInsPerRound })));
    await attack.start();
    await new Promise((res) => setTimeout(res, opts.settleMs ?? 500)); // let it reach full force
    add(
      attacked,
      await timed("attacked", () =>
        probeVictim(base, term, account, { n: opts.perRound, signIns: opts.signInsPerRound, timeoutMs: 120_000 }),
      ),
    );
    await attack.stop();
  }
  const serverCpu = pid ? { idle: used.idle / wall.idle, attacked: used.attacked / wall.attacked } : undefined;
  return { idle, attacked, ...(serverCpu ? { serverCpu } : {}) };
}
