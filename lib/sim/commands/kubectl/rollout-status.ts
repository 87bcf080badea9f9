/**
 * `kubectl rollout status deployment|statefulset|daemonset/NAME` as it streams (rollout/rollout_status.go: a watch on the
 * Deployment, each new status line printed once, until the rollout completes, its progress
 * deadline passes or --timeout runs out). At the end of an interactive line it is a foreground
 * program woken at the cluster's queued events; elsewhere, and when it is the only target, the
 * same program runs inside the command on the simulated clock (programs/run-inline.ts), where a
 * rollout without --timeout is given up after 11 minutes (past the default 600 s progress deadline)
 * so a stuck one cannot hold a script forever.
 */
import { storeFor } from "../../api/store";
import { nextWake, settleThrough } from "../../programs/cluster-clock";
import type { ProgramDef } from "../../programs/types";
import type { ClusterState } from "../../types";
import { type RolloutResource, rolloutView } from "./rollout-viewers";

export interface RolloutStatusState {
  /** what is watched; absent in states saved when only Deployments had a rollout status */
  resource?: RolloutResource;
  namespace: string;
  name: string;
  /** the last status line printed */
  last: string;
  /** --timeout (or the in-command bound); null: until it ends */
  deadline: number | null;
  out: string;
  /** the error that ended it (stderr where the command waits in itself) */
  err: string;
  /** set when it has ended */
  exitCode?: number;
}

const crlf = (t: string) => t.replace(/\n/g, "\r\n");

/** One look at the Deployment at `now`: what to print; sets exitCode when the wait is over. */
export function observe(s: RolloutStatusState, state: ClusterState, now: number): string {
  if (s.exitCode !== undefined) return "";
  const resource = s.resource ?? "deployments";
  const d = storeFor(state).get({ group: "apps", resource }, s.namespace, s.name);
  let printed = "";
  let error = "";
  if (!d) error = `Error from server (NotFound): ${resource}.apps ${JSON.stringify(s.name)} not found\n`;
  else {
    const st = rolloutView(resource, d);
    if (st.error) error = st.error;
    else {
      if (st.message !== s.last) printed = st.message;
      s.last = st.message;
      if (st.done) s.exitCode = 0;
      else if (s.deadline !== null && now >= s.deadline) error = "error: timed out waiting for the condition\n";
    }
  }
  if (error) s.exitCode = 1;
  s.out += printed;
  s.err += error;
  return printed + error;
}

function step(s: RolloutStatusState, state: ClusterState, now: number, printed: string) {
  if (s.exitCode !== undefined) return { output: crlf(printed), nextAt: null, exitCode: s.exitCode };
  const wake = nextWake(state, now);
  return { output: crlf(printed), nextAt: s.deadline === null ? wake : Math.min(wake, s.deadline) };
}

function isState(d: unknown): d is RolloutStatusState {
  const s = d as Partial<RolloutStatusState> | null;
  return (
    !!s &&
    (s.resource === undefined || s.resource === "deployments" || s.resource === "statefulsets" || s.resource === "daemonsets") &&
    typeof s.namespace === "string" &&
    typeof s.name === "string" &&
    typeof s.last === "string" &&
    typeof s.out === "string" &&
    typeof s.err === "string"
  );
}

export const rolloutStatusProgram: ProgramDef<RolloutStatusState> = {
  name: "kubectl-rollout-status",
  parse: (data) => (isState(data) ? structuredClone(data) : null),
  start(s, ctx) {
    return step(s, ctx.state, ctx.now, s.out);
  },
  async tick(s, ctx) {
    let printed = "";
    await settleThrough(ctx.command(), ctx.now, (at) => (printed += observe(s, ctx.state, at)));
    return step(s, ctx.state, ctx.now, printed);
  },
  interrupt() {
    return { output: "^C\r\n", nextAt: null, exitCode: 130 };
  },
  render(s) {
    return crlf(s.out);
  },
};
