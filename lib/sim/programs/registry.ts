/** Every foreground program by name (one line each), and a running program with its state bound. */
import type { ProgramName } from "../types";
import { getWatchProgram } from "../commands/kubectl/get-watch";
import { logsFollowProgram } from "../commands/kubectl/logs-follow";
import { rolloutStatusProgram } from "../commands/kubectl/rollout-status";
import { runAttachProgram } from "../commands/kubectl/run-attach";
import { portForwardProgram } from "../commands/kubectl/port-forward";
import { eventsWatchProgram } from "../commands/kubectl/events-watch";
import { waitProgram } from "../commands/kubectl/wait";
import { sleepProgram } from "./sleep";
import type { ProgramContext, ProgramDef, ProgramStep, UnattendedRun } from "./types";
import { watchProgram } from "./watch";

/** A program that started: its state is inside. */
export interface RunningProgram {
  readonly name: ProgramName;
  readonly unattended: UnattendedRun;
  start(ctx: ProgramContext): Promise<ProgramStep> | ProgramStep;
  tick(ctx: ProgramContext): Promise<ProgramStep> | ProgramStep;
  interrupt(ctx: ProgramContext): ProgramStep;
  render(ctx: ProgramContext): string;
}

function bind<S>(def: ProgramDef<S>): (data: unknown) => RunningProgram | null {
  return (data) => {
    const s = def.parse(data);
    if (s === null) return null;
    return {
      name: def.name,
      unattended: def.unattended ?? "to-end",
      start: (ctx) => def.start(s, ctx),
      tick: (ctx) => def.tick(s, ctx),
      interrupt: (ctx) => def.interrupt(s, ctx),
      render: (ctx) => def.render(s, ctx),
    };
  };
}

export const PROGRAMS: { readonly [N in ProgramName]: (data: unknown) => RunningProgram | null } = {
  sleep: bind(sleepProgram),
  watch: bind(watchProgram),
  "kubectl-get-watch": bind(getWatchProgram),
  "kubectl-logs-follow": bind(logsFollowProgram),
  "kubectl-wait": bind(waitProgram),
  "kubectl-rollout-status": bind(rolloutStatusProgram),
  "kubectl-run-attach": bind(runAttachProgram),
  "kubectl-port-forward": bind(portForwardProgram),
  "kubectl-events-watch": bind(eventsWatchProgram),
};
