/**
 * `kubectl logs -f` as a foreground program (lib/sim/programs/README.md). The kubelet's logs are
 * derived from the container's program (lib/sim/kubelet/logs.ts), each line with the time it was
 * written, so the stream's offset is a time: everything up to the launch was printed by the verb
 * (after --tail, --since); each step prints the lines written since, at the time of the next line
 * or of the next queued cluster event, whichever comes first. A stream ends when its container's
 * run ends (terminated, restarted, the pod deleted), as the kubelet closes the log stream; the
 * program ends when all of its streams have (logs.go: one stream per container, -l follows each).
 */
import type { KObject } from "../../api/types";
import { storeFor } from "../../api/store";
import type { PodSpec, PodStatus } from "../../kinds/pods/types";
import { stateGetter } from "../../kubelet/env";
import { followContainerLog, nextLogLine, type LogCursor } from "../../kubelet/logs";
import { nextWake, settleThrough } from "../../programs/cluster-clock";
import type { ProgramDef } from "../../programs/types";
import type { ClusterState, ProgramLaunch } from "../../types";

type Pod = KObject & { spec: PodSpec; status?: PodStatus };

/** One followed container: where its pod is, and the kubelet's cursor in its run. */
export interface FollowedLog {
  namespace: string;
  pod: string;
  cursor: LogCursor;
}

export interface LogStream extends FollowedLog {
  ended: boolean;
}

export interface LogsFollowState {
  /** what the verb printed (notices, then the lines so far): the program's first output */
  first: string;
  streams: LogStream[];
  prefix: boolean;
}

/** How far ahead a step looks for the container's next line. */
const LOOKAHEAD_MS = 3_600_000;

function podOf(s: LogStream, state: ClusterState): Pod | undefined {
  return storeFor(state).get({ group: "", resource: "pods" }, s.namespace, s.pod) as Pod | undefined;
}

/** The launch for the streams the verb printed; undefined when none is running (kubectl logs -f then ends at once). */
export function followLaunch(first: string, followed: FollowedLog[], prefix: boolean): ProgramLaunch | undefined {
  if (!followed.length) return undefined;
  const data: LogsFollowState = { first, streams: followed.map((f) => ({ ...structuredClone(f), ended: false })), prefix };
  return { program: "kubectl-logs-follow", data };
}

/** Prints the stream's lines written since its cursor, up to `now` (kubelet/logs.ts followContainerLog, as the HTTP stream does). */
function follow(st: LogsFollowState, s: LogStream, state: ClusterState, now: number): string {
  if (s.ended) return "";
  const next = followContainerLog(podOf(s, state), s.cursor, now, stateGetter(state));
  if (next.ended) s.ended = true;
  const pre = st.prefix ? `[pod/${s.pod}/${s.cursor.container}] ` : "";
  return pre ? next.text.replace(/[^\n]*\n|[^\n]+$/g, (line) => pre + line) : next.text;
}

/** The time of the next line any open stream writes, if one comes within the look-ahead. */
function nextLine(st: LogsFollowState, state: ClusterState, now: number): number | undefined {
  let next: number | undefined;
  for (const s of st.streams) {
    if (s.ended) continue;
    const at = nextLogLine(podOf(s, state), s.cursor, now, LOOKAHEAD_MS, stateGetter(state));
    if (at !== undefined && (next === undefined || at < next)) next = at;
  }
  return next;
}

function isState(d: unknown): d is LogsFollowState {
  const s = d as Partial<LogsFollowState> | null;
  return (
    !!s &&
    typeof s.first === "string" &&
    Array.isArray(s.streams) &&
    s.streams.every(
      (x) =>
        typeof x?.pod === "string" &&
        typeof x.namespace === "string" &&
        typeof x.cursor?.container === "string" &&
        typeof x.cursor.uid === "string" &&
        typeof x.cursor.startedAt === "string" &&
        typeof x.cursor.printedUntil === "number",
    ) &&
    typeof s.prefix === "boolean"
  );
}

const crlf = (t: string) => t.replace(/\n/g, "\r\n");

function step(st: LogsFollowState, state: ClusterState, now: number, out: string) {
  if (st.streams.every((s) => s.ended)) return { output: crlf(out), nextAt: null, exitCode: 0 };
  const line = nextLine(st, state, now);
  const wake = nextWake(state, now);
  return { output: crlf(out), nextAt: line !== undefined ? Math.min(line, wake) : wake };
}

export const logsFollowProgram: ProgramDef<LogsFollowState> = {
  name: "kubectl-logs-follow",
  unattended: "until-idle",
  parse: (data) => (isState(data) ? structuredClone(data) : null),
  start(st, ctx) {
    return step(st, ctx.state, ctx.now, st.first);
  },
  async tick(st, ctx) {
    const cc = ctx.command();
    let out = "";
    await settleThrough(cc, ctx.now, (at) => {
      for (const s of st.streams) out += follow(st, s, ctx.state, at);
    });
    return step(st, ctx.state, ctx.now, out);
  },
  interrupt() {
    return { output: "^C\r\n", nextAt: null, exitCode: 130 };
  },
  render() {
    return "";
  },
};
