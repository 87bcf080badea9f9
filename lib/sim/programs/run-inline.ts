/**
 * A program run inside its command, where it cannot hold the terminal (`kubectl wait ... && kubectl
 * get pods`, a loop, `$(...)`): the command waits on the simulated clock instead, stepping the
 * program from one nextAt to the next and moving the cluster clock with it, so the learner "waited"
 * and what follows is consistent with what was printed. Only for programs that end on their own
 * (kubectl wait, rollout status: both bounded by a timeout or a deadline); MAX_STEPS bounds a bug.
 */
import { isShellContext } from "../shell/shell-context";
import type { CommandContext } from "../types";
import type { ProgramContext, ProgramDef } from "./types";

const MAX_STEPS = 10_000;

/** true when a program returned by this command would hold the terminal. */
export function mayHoldTerminal(ctx: CommandContext): boolean {
  return isShellContext(ctx) && ctx.shell.mayHoldTerminal;
}

/** Runs `def` from `state` to its end: what it printed ("\n" line ends) and its status. */
export async function runInline<S>(def: ProgramDef<S>, state: S, ctx: CommandContext): Promise<{ output: string; exitCode: number }> {
  const pctx = (): ProgramContext => ({
    now: ctx.now,
    cols: 80,
    rows: 24,
    state: ctx.state,
    // wait and rollout status run no command lines
    run: () => Promise.resolve(""),
    command: () => ctx,
  });
  let step = await def.start(state, pctx());
  let out = step.output;
  for (let n = 0; step.nextAt !== null && n < MAX_STEPS; n++) {
    if (step.nextAt > ctx.now) {
      ctx.state.clockOffsetMs += step.nextAt - ctx.now;
      ctx = { ...ctx, now: step.nextAt };
    }
    step = await def.tick(state, pctx());
    out += step.output;
  }
  if (step.nextAt !== null) step = def.interrupt(state, pctx());
  return { output: out.replace(/\r\n/g, "\n"), exitCode: step.exitCode ?? 0 };
}
