/**
 * The pod status the kubelet computes from its containers (pkg/kubelet/status/generate.go and
 * kubelet_pods.go getPhase, v1.32): phase, and the Ready / ContainersReady / Initialized /
 * PodReadyToStartContainers conditions with their reasons and messages. A condition's
 * lastTransitionTime changes only when its status does.
 */
import { rfc3339 } from "../api/meta";
import type { KObject } from "../api/types";
import type { PodSpec, PodStatus } from "../kinds/pods/types";

type Pod = KObject & { spec: PodSpec; status?: PodStatus };
type Condition = NonNullable<PodStatus["conditions"]>[number] & { message?: string };

export function podCondition(pod: Pod, type: string): Condition | undefined {
  return pod.status?.conditions?.find((c) => c.type === type);
}

/**
 * getPhase's init part: an init container still to run (or running) keeps the pod Pending; one that
 * failed (terminated, or waiting to restart after a failure) fails the pod under restartPolicy Never.
 */
function initProgress(pod: Pod): { pending: number; failed: number } {
  let pending = 0;
  let failed = 0;
  for (const c of pod.spec.initContainers ?? []) {
    const s = pod.status?.initContainerStatuses?.find((x) => x.name === c.name);
    if (!s || s.state?.running) pending++;
    else if (s.state?.terminated) {
      if (s.state.terminated.exitCode !== 0) failed++;
    } else if (s.lastState?.terminated) {
      if (s.lastState.terminated.exitCode !== 0) failed++;
    } else pending++;
  }
  return { pending, failed };
}

/** getPhase: Pending until every container has started once; Succeeded/Failed when all ended for good. */
function phaseOf(pod: Pod): string {
  const statuses = pod.status?.containerStatuses ?? [];
  const policy = pod.spec.restartPolicy ?? "Always";
  const init = initProgress(pod);
  if (init.failed > 0 && policy === "Never") return "Failed";
  const anyStarted = statuses.some((s) => s.state?.running || s.state?.terminated || s.lastState?.terminated);
  if ((init.pending > 0 || init.failed > 0) && !anyStarted) return "Pending";
  let waiting = 0;
  let running = 0;
  let succeeded = 0;
  let failed = 0;
  for (const s of statuses) {
    if (s.state?.running) running++;
    else if (s.state?.terminated) {
      if (s.state.terminated.exitCode === 0) succeeded++;
      else failed++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated)
        running++; // restarting after a crash: still Running
      else waiting++;
    }
  }
  if (waiting > 0) return "Pending";
  if (running > 0) return "Running";
  if (policy === "Always") return "Running";
  if (failed > 0 && policy === "Never") return "Failed";
  if (failed > 0) return "Running";
  return succeeded > 0 ? "Succeeded" : "Pending";
}

/** Recomputes phase and conditions in place; `forced` sets conditions the kubelet decides itself (sandbox ready). */
export function setConditions(pod: Pod, now: number, forced: Record<string, boolean>): void {
  const st = (pod.status ??= {});
  const phase = phaseOf(pod);
  st.phase = phase;
  const statuses = st.containerStatuses ?? [];
  const unready = statuses.filter((s) => !s.ready).map((s) => s.name);
  const done = phase === "Succeeded" || phase === "Failed";
  const t = rfc3339(now);
  const want: Record<string, { status: boolean; reason?: string; message?: string }> = {};
  const sandbox = forced.PodReadyToStartContainers ?? podCondition(pod, "PodReadyToStartContainers")?.status === "True";
  want.PodReadyToStartContainers = { status: sandbox && !done };
  want.Initialized = initializedCondition(pod, phase);
  const ready = unready.length === 0;
  const notReady = done
    ? { reason: "PodCompleted" }
    : { reason: "ContainersNotReady", message: `containers with unready status: [${unready.join(" ")}]` };
  want.Ready = ready ? { status: true } : { status: false, ...notReady };
  want.ContainersReady = ready ? { status: true } : { status: false, ...notReady };
  const order = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"];
  const old = new Map((st.conditions ?? []).map((c) => [c.type, c as Condition]));
  st.conditions = order.flatMap((type): Condition[] => {
    const prev = old.get(type);
    const w = want[type];
    if (!w) return prev ? [prev] : [];
    const status = w.status ? "True" : "False";
    const c: Condition = {
      lastProbeTime: null,
      lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : t,
      ...(w.message ? { message: w.message } : {}),
      ...(w.reason ? { reason: w.reason } : {}),
      status,
      type,
    };
    return [c];
  });
}

/** generate.go GeneratePodInitializedCondition: every init container Ready (exited 0), or a regular one started. */
function initializedCondition(pod: Pod, phase: string): { status: boolean; reason?: string; message?: string } {
  const inits = pod.spec.initContainers ?? [];
  if (!inits.length) return { status: true };
  const statuses = pod.status?.initContainerStatuses ?? [];
  if (phase === "Succeeded") return { status: true, reason: "PodCompleted" };
  if ((pod.status?.containerStatuses ?? []).some((s) => s.state?.running || s.state?.terminated || s.lastState?.terminated))
    return { status: true };
  const unknown = inits.filter((c) => !statuses.some((s) => s.name === c.name)).map((c) => c.name);
  const incomplete = inits.filter((c) => statuses.some((s) => s.name === c.name && !s.ready)).map((c) => c.name);
  const messages = [
    ...(unknown.length ? [`containers with unknown status: [${unknown.join(" ")}]`] : []),
    ...(incomplete.length ? [`containers with incomplete status: [${incomplete.join(" ")}]`] : []),
  ];
  return messages.length ? { status: false, reason: "ContainersNotInitialized", message: messages.join(", ") } : { status: true };
}

/** Go's time.Duration.String for whole seconds: "10s", "1m20s", "5m0s". */
export function goDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${s % 60}s`;
  return `${Math.floor(m / 60)}h${m % 60}m${s % 60}s`;
}
