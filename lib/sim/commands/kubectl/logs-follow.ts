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
import { containerLogs, logTimestamp } from "../../kubelet/logs";
import { nextWake, settleThrough } from "../../programs/cluster-clock";
import type { ProgramDef } from "../../programs/types";
import type { ClusterState, ProgramLaunch } from "../../types";

type Pod = KObject & { spec: PodSpec; status?: PodStatus };

export interface LogStream {
  namespace: string;
  pod: string;
  uid: string;
  container: string;
  /** the running container's start (RFC 3339): another value means it restarted */
  startedAt: string;
  /** printed everything written up to this time */
  printedUntil: number;
  ended: boolean;
}

export interface LogsFollowState {
  /** what the verb printed (notices, then the lines so far): the program's first output */
  first: string;
  streams: LogStream[];
  prefix: boolean;
  timestamps: boolean;
  /** lines printed so far (the --timestamps filler digits count lines) */
  lines: number;
}

/** How far ahead a step looks for the container's next line. */
const LOOKAHEAD_MS = 3_600_000;

function podOf(s: LogStream, state: ClusterState): Pod | undefined {
  const p = storeFor(state).get({ group: "", resource: "pods" }, s.namespace, s.pod) as Pod | undefined;
  return p && p.metadata.uid === s.uid ? p : undefined;
}

/** The running container's start time, or undefined when it is not running. */
export function runningSince(pod: Pod, container: string): string | undefined {
  return pod.status?.containerStatuses?.find((c) => c.name === container)?.state?.running?.startedAt;
}

/** The launch for the streams the verb printed up to `now`; undefined when none is running (kubectl logs -f then ends at once). */
export function followLaunch(
  first: string,
  pods: { pod: Pod; container: string }[],
  now: number,
  prefix: boolean,
  timestamps: boolean,
  lines: number,
): ProgramLaunch | undefined {
  const streams: LogStream[] = [];
  for (const { pod, container } of pods) {
    const startedAt = runningSince(pod, container);
    if (startedAt)
      streams.push({
        namespace: pod.metadata.namespace ?? "default",
        pod: pod.metadata.name,
        uid: pod.metadata.uid ?? "",
        container,
        startedAt,
        printedUntil: now,
        ended: false,
      });
  }
  if (!streams.length) return undefined;
  const data: LogsFollowState = { first, streams, prefix, timestamps, lines };
  return { program: "kubectl-logs-follow", data };
}

/** Prints the stream's lines written after its offset, up to `now`; closes it when its run has ended. */
function follow(st: LogsFollowState, s: LogStream, state: ClusterState, now: number): string {
  if (s.ended) return "";
  const pod = podOf(s, state);
  const status = pod?.status?.containerStatuses?.find((c) => c.name === s.container);
  // the run that was followed: still running, or terminated with the same start
  const sameRun = status?.state?.running?.startedAt === s.startedAt || status?.state?.terminated?.startedAt === s.startedAt;
  let out = "";
  if (pod && sameRun) {
    const r = containerLogs(pod, s.container, false, now, stateGetter(state));
    if (r.ok)
      for (const e of r.entries) {
        if (e.at <= s.printedUntil || e.at > now) continue;
        const pre = st.prefix ? `[pod/${s.pod}/${s.container}] ` : "";
        out += `${pre}${st.timestamps ? `${logTimestamp(e.at, st.lines)} ` : ""}${e.text}\n`;
        st.lines++;
      }
  }
  s.printedUntil = now;
  if (!pod || status?.state?.running?.startedAt !== s.startedAt) s.ended = true;
  return out;
}

/** The time of the next line any open stream writes, if one comes within the look-ahead. */
function nextLine(st: LogsFollowState, state: ClusterState, now: number): number | undefined {
  let next: number | undefined;
  for (const s of st.streams) {
    const pod = s.ended ? undefined : podOf(s, state);
    if (!pod) continue;
    const r = containerLogs(pod, s.container, false, now + LOOKAHEAD_MS, stateGetter(state));
    const at = r.ok ? r.entries.find((e) => e.at > now)?.at : undefined;
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
    s.streams.every((x) => typeof x?.pod === "string" && typeof x.container === "string" && typeof x.printedUntil === "number") &&
    typeof s.prefix === "boolean" &&
    typeof s.timestamps === "boolean" &&
    typeof s.lines === "number"
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
