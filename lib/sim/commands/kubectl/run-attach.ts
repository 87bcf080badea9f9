/**
 * `kubectl run -i/-t/--attach [--rm]` after the pod is created (staging/src/k8s.io/kubectl/pkg/cmd/run/run.go
 * Run and handleAttachPod, v1.32), on the cluster clock:
 * 1. waitForPod(podRunningAndReady) up to --pod-running-timeout (default 1m0s): the pod is scheduled,
 *    its image pulled and its container started by the controllers, step by step; a pod that
 *    completes first has its logs printed instead (logOpts), as does `-- echo hi`.
 * 2. attach (cmd/attach/attach.go Run): "If you don't see a command prompt, try pressing enter." on
 *    stderr unless -q; with -t and a shell reading stdin the terminal becomes the container's shell
 *    (exec-session.ts, which does the rest when it exits); otherwise the container's output is
 *    streamed until its process ends.
 * 3. with --restart=Never or OnFailure, waitForPod(podCompleted / podSucceeded) and the container's
 *    exit code ("pod NS/NAME terminated (REASON)\nMESSAGE"); with --rm, `pod "NAME" deleted` first.
 */
import { storeFor } from "../../api/store";
import type { KObject } from "../../api/types";
import type { PodSpec, PodStatus } from "../../kinds/pods/types";
import { imageOfContainer } from "../../kubelet/exec";
import { stateGetter } from "../../kubelet/env";
import { followContainerLog, programOf, readContainerLog, type LogCursor } from "../../kubelet/logs";
import { mainArgv, readsStdin } from "../../kubelet/program";
import { nextWake, settleThrough } from "../../programs/cluster-clock";
import type { ProgramContext, ProgramDef, ProgramStep } from "../../programs/types";
import type { CommandContext } from "../../types";
import { runDelete } from "./delete";
import { attachShell, isInteractiveShell } from "./exec-session";

type Pod = KObject & { spec: PodSpec; status?: PodStatus };
const PODS = { group: "", resource: "pods" };
const PLEG_RELIST_MS = 1000;

export interface RunAttachState {
  namespace: string;
  name: string;
  uid: string;
  stdin: boolean;
  tty: boolean;
  rm: boolean;
  quiet: boolean;
  restartPolicy: string;
  /** --pod-running-timeout, in ms: each wait for the pod has this long */
  timeoutMs: number;
  /** wait: for the pod to run; follow: streaming the attached process; exit: for the pod to complete */
  phase: "wait" | "follow" | "exit";
  deadline: number;
  cursor?: LogCursor;
  out: string;
  exitCode?: number;
}

const crlf = (t: string) => t.replace(/\r?\n/g, "\r\n");
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

function podOf(s: RunAttachState, ctx: CommandContext): Pod | undefined {
  const pod = storeFor(ctx.state).get(PODS, s.namespace, s.name) as Pod | undefined;
  return pod && pod.metadata.uid === s.uid ? pod : undefined;
}

const ready = (pod: Pod) =>
  pod.status?.phase === "Running" && (pod.status.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
const completed = (pod: Pod) => pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";

/** The end: the deferred --rm delete, then the error that ends run (stderr after stdout, as kubectl's CheckErr runs last). */
async function finish(s: RunAttachState, ctx: CommandContext, err: string, exitCode: number): Promise<string> {
  let out = "";
  if (s.rm) {
    const del = await runDelete(ctx, ["pod", s.name, "-n", s.namespace, "--wait=false", "--ignore-not-found"]);
    out += del.stdout + del.stderr;
  }
  s.exitCode = exitCode;
  return out + err;
}

/** run.go after the attach: the exit code when the restart policy lets the pod complete. */
async function afterAttach(s: RunAttachState, ctx: CommandContext, pod: Pod | undefined): Promise<string> {
  if (s.restartPolicy === "Always" || !pod) return finish(s, ctx, "", 0);
  const done = s.restartPolicy === "OnFailure" ? pod.status?.phase === "Succeeded" : completed(pod);
  if (!done) {
    if (s.phase !== "exit") [s.phase, s.deadline] = ["exit", ctx.now + s.timeoutMs];
    if (ctx.now < s.deadline) return "";
    return finish(s, ctx, "error: timed out waiting for the condition\n", 1);
  }
  if (pod.status?.phase === "Succeeded") return finish(s, ctx, "", 0);
  const term = pod.status?.containerStatuses?.[0]?.state?.terminated;
  if (!term?.exitCode) return finish(s, ctx, `error: pod ${s.namespace}/${s.name} failed with unknown exit code\n`, 1);
  const msg = `pod ${s.namespace}/${s.name} terminated (${term.reason ?? ""})\n${term.message ?? ""}`;
  return finish(s, ctx, msg.endsWith("\n") ? msg : `${msg}\n`, term.exitCode);
}

/** One look at the pod at the context's time: what to print next. */
async function observe(s: RunAttachState, ctx: CommandContext): Promise<string> {
  if (s.exitCode !== undefined) return "";
  const pod = podOf(s, ctx);
  const get = stateGetter(ctx.state);
  if (s.phase === "exit") return afterAttach(s, ctx, pod);
  // watch.Deleted in podRunningAndReady: errors.NewNotFound(pods, "")
  if (!pod) return finish(s, ctx, `Error from server (NotFound): pods "" not found\n`, 1);
  const container = pod.spec.containers[0];
  if (s.phase === "follow") {
    const cursor = s.cursor;
    const f = cursor ? followContainerLog(pod, cursor, ctx.now, get) : { text: "", ended: true };
    if (!f.ended) return f.text;
    return f.text + (await afterAttach(s, ctx, pod));
  }
  if (completed(pod)) {
    // handleAttachPod: a pod that ran to completion gets its logs printed instead
    const log = readContainerLog(pod, { container: container.name, previous: false, timestamps: false }, ctx.now, get);
    return (log.ok ? log.text : "") + (await afterAttach(s, ctx, pod));
  }
  // the kubelet's PLEG relists containers every second (pkg/kubelet/kubelet.go genericPlegRelistPeriod):
  // a process that ends sooner is never reported running, and the pod goes from Pending to its end
  const startedAt = Date.parse(pod.status?.containerStatuses?.[0]?.state?.running?.startedAt ?? "");
  const exit = programOf(pod, container, get)?.exit;
  const endsUnseen = exit !== undefined && exit.afterMs < PLEG_RELIST_MS && ctx.now - startedAt < PLEG_RELIST_MS;
  if (!ready(pod) || endsUnseen) {
    if (ctx.now < s.deadline) return "";
    return finish(s, ctx, "error: timed out waiting for the condition\n", 1);
  }
  const hint = s.quiet ? "" : "If you don't see a command prompt, try pressing enter.\n";
  const image = imageOfContainer(container);
  const argv = image ? mainArgv(image, container) : [];
  if (s.tty && s.stdin && image && readsStdin(image, container, argv) && isInteractiveShell(argv)) {
    const bin = (argv[0] ?? "").split("/").pop() ?? "sh";
    if (attachShell(ctx.state, { pod, container, argv: [bin], via: "run", rm: s.rm, quiet: s.quiet })) {
      s.exitCode = 0;
      return hint;
    }
  }
  const log = readContainerLog(pod, { container: container.name, previous: false, timestamps: false }, ctx.now, get);
  s.phase = "follow";
  if (log.ok && log.cursor) s.cursor = log.cursor;
  return hint + (log.ok ? log.text : "");
}

function step(s: RunAttachState, ctx: ProgramContext, printed: string): ProgramStep {
  s.out += printed;
  if (s.exitCode !== undefined) return { output: crlf(printed), nextAt: null, exitCode: s.exitCode };
  return { output: crlf(printed), nextAt: Math.min(nextWake(ctx.state, ctx.now), Math.max(s.deadline, ctx.now + 1)) };
}

function isState(d: unknown): d is RunAttachState {
  return (
    isObj(d) &&
    typeof d.namespace === "string" &&
    typeof d.name === "string" &&
    typeof d.uid === "string" &&
    typeof d.timeoutMs === "number" &&
    typeof d.deadline === "number" &&
    (d.phase === "wait" || d.phase === "follow" || d.phase === "exit")
  );
}

export const runAttachProgram: ProgramDef<RunAttachState> = {
  name: "kubectl-run-attach",
  parse: (data) => (isState(data) ? structuredClone(data) : null),
  async start(s, ctx) {
    return step(s, ctx, await observe(s, ctx.command()));
  },
  async tick(s, ctx) {
    const cc = ctx.command();
    await settleThrough(cc, ctx.now, () => undefined);
    return step(s, ctx, await observe(s, cc));
  },
  interrupt() {
    return { output: "^C\r\n", nextAt: null, exitCode: 130 };
  },
  render(s) {
    return crlf(s.out);
  },
};
