/**
 * `sleep N`: waits on the cluster clock; Ctrl-C ends it with 130, the shell's status for SIGINT.
 * The shell's `wait` is this too: a sleep until the jobs end, exiting with the waited job's status.
 */
import type { ProgramDef } from "./types";

export interface SleepState {
  until: number;
  /** the launch time, set by start */
  from: number;
  ms: number;
  /** the status it ends with (0 for sleep; wait: the waited job's) */
  exitCode: number;
}

export const sleepProgram: ProgramDef<SleepState> = {
  name: "sleep",
  parse(data) {
    const { ms, exitCode = 0 } = (data ?? {}) as { ms?: unknown; exitCode?: unknown };
    if (typeof exitCode !== "number" || !Number.isInteger(exitCode)) return null;
    return typeof ms === "number" && Number.isFinite(ms) && ms >= 0 ? { ms, from: 0, until: 0, exitCode } : null;
  },
  start(s, ctx) {
    s.from = ctx.now;
    s.until = ctx.now + s.ms;
    return s.ms <= 0 ? { output: "", nextAt: null, exitCode: s.exitCode } : { output: "", nextAt: s.until };
  },
  tick(s, ctx) {
    return ctx.now >= s.until ? { output: "", nextAt: null, exitCode: s.exitCode } : { output: "", nextAt: s.until };
  },
  interrupt() {
    // the terminal echoes ^C; bash then starts the prompt on a new line
    return { output: "^C\r\n", nextAt: null, exitCode: 130 };
  },
  render() {
    return "";
  },
};
