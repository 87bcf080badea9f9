/**
 * Foreground programs: commands that run over the cluster clock until they end or Ctrl-C
 * (`sleep 5`, `watch -n 2 kubectl get pods`, later `kubectl get -w`, `logs -f`). See README.md.
 */
import type { ClusterState, CommandContext, ProgramName } from "../types";

/** What a program may use on each step. */
export interface ProgramContext {
  /** cluster clock, epoch ms */
  now: number;
  /** the terminal's size (the tab that last typed or resized) */
  cols: number;
  rows: number;
  state: ClusterState;
  /**
   * Runs a command line as `sh -c` would, in a copy of the shell (cwd, variables and $? are not
   * changed), and returns its output. Files and objects it changes are persisted by the caller.
   */
  run(line: string): Promise<string>;
  /** a command's context at `now` (the shell's exported environment): to settle the controllers or open a kubectl client */
  command(): CommandContext;
}

/** What one step of a program printed, and when it wants to run again. */
export interface ProgramStep {
  /** terminal output ("\r\n" line ends) */
  output: string;
  /** cluster-clock time of the next step, or null when the program has ended */
  nextAt: number | null;
  /** set when it has ended: its exit status */
  exitCode?: number;
}

/**
 * One foreground program. `S` is its own state, made by `start` from the launch data the command
 * returned; it lives only in memory (a server restart ends a running program, as a reboot would).
 * Each method is called in the learner's simulator worker, never on the server's event loop.
 */
export interface ProgramDef<S> {
  name: ProgramName;
  /** validates the launch data; null when it is not this program's */
  parse(data: unknown): S | null;
  /** the first step, at the launch */
  start(s: S, ctx: ProgramContext): Promise<ProgramStep> | ProgramStep;
  /** the next step, called at or after `nextAt` (late when no tab was attached: catch up at once) */
  tick(s: S, ctx: ProgramContext): Promise<ProgramStep> | ProgramStep;
  /** Ctrl-C: the program's last output (its nextAt is ignored: it has ended) */
  interrupt(s: S, ctx: ProgramContext): ProgramStep;
  /** everything on screen, for a tab that attaches while the program runs */
  render(s: S, ctx: ProgramContext): string;
  /**
   * When no terminal is attached to the line that started it (the course replay, `npm run sim`,
   * core/foreground.ts runUnattended): "to-end" runs it to its end on the simulated clock (sleep,
   * kubectl wait, rollout status); "until-idle" runs it while the cluster has timed events queued,
   * then interrupts it (get -w, logs -f: they never end on their own); "interrupt" ends it at once
   * (watch: a full screen nobody sees). Default "to-end".
   */
  unattended?: UnattendedRun;
}

export type UnattendedRun = "to-end" | "until-idle" | "interrupt";
