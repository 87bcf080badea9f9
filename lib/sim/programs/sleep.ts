/** `sleep N`: waits on the cluster clock; Ctrl-C ends it with 130, the shell's status for SIGINT. */
import type { ProgramDef } from "./types";

export interface SleepState {
  until: number;
  /** the launch time, set by start */
  from: number;
  ms: number;
}

export const sleepProgram: ProgramDef<SleepState> = {
  name: "sleep",
  parse(data) {
    const ms = (data as { ms?: unknown } | null)?.ms;
    return typeof ms === "number" && Number.isFinite(ms) && ms >= 0 ? { ms, from: 0, until: 0 } : null;
  },
  start(s, ctx) {
    s.from = ctx.now;
    s.until = ctx.now + s.ms;
    return s.ms <= 0 ? { output: "", nextAt: null, exitCode: 0 } : { output: "", nextAt: s.until };
  },
  tick(s, ctx) {
    return ctx.now >= s.until ? { output: "", nextAt: null, exitCode: 0 } : { output: "", nextAt: s.until };
  },
  interrupt() {
    // the terminal echoes ^C; bash then starts the prompt on a new line
    return { output: "^C\r\n", nextAt: null, exitCode: 130 };
  },
  render() {
    return "";
  },
};
