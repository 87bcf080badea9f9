/**
 * The kubelets of both nodes, as pure state transitions on the timeline. A pod bound to a node
 * is admitted (ContainerCreating), gets its sandbox and IP, pulls each container's image
 * (pkg/kubelet/images/image_manager.go: pull policy, "already present on machine", back-off),
 * creates and starts it (pkg/kubelet/kuberuntime/kuberuntime_container.go events), and when the
 * program exits applies the restart policy with kubelet's crash back-off (10 s doubling to 5 min,
 * pkg/kubelet/kubelet.go MaxContainerBackOff; the first restart is immediate, as
 * kuberuntime_manager.go doBackOff only backs off once a back-off entry exists).
 * Event texts: pkg/kubelet/events/event.go and the kubelet call sites (v1.32).
 */
import { holdForKubelet, kubeletPostingAt } from "../controllers/node-monitor";
import { cachedList } from "../controllers/informer";
import { rfc3339 } from "../api/meta";
import { objectKey } from "../api/store";
import type { KObject } from "../api/types";
import type { Container, ContainerState, ContainerStatus, PodStatus } from "../kinds/pods/types";
import { nthIp } from "../cluster/ip";
import type { Controller, ControllerEnv, TimedHandler } from "../controllers/types";
import { schedule } from "../time/timeline";
import { fakeDigest, parseImage, pull } from "./images";
import { programFor } from "./program";
import { runMainTool } from "./tool-run";
import {
  containerNamed,
  containerStatus,
  ev,
  fieldPath,
  imageOf,
  isInit,
  jitter,
  later,
  type Pod,
  PODS,
  programEnv,
  sameRun,
  storeGetter,
  updateContainer,
} from "./pod-steps";
import { firstProbe, probeStep } from "./probe-worker";
import { mountFailure } from "./volumes";
import { goDuration, podCondition, setConditions } from "./status";

const NODES = { group: "", resource: "nodes" };

const MAX_BACKOFF_MS = 300_000;
const BASE_BACKOFF_MS = 10_000;

export const backoffMs = (attempt: number) => Math.min(BASE_BACKOFF_MS * 2 ** Math.max(attempt - 1, 0), MAX_BACKOFF_MS);

/**
 * Once a container's crash back-off is capped, its cycle uses fixed delays, so a day of restarts
 * can be jumped over exactly (fastForward) instead of replayed event by event.
 */
const CAPPED = { pull: 800, start: 200, crashed: 800 };
const capped = (pod: Pod, c: Container) => backoffMs(containerStatus(pod, c.name)?.restartCount ?? 0) === MAX_BACKOFF_MS;

function nodeOf(env: ControllerEnv, pod: Pod): KObject | undefined {
  return pod.spec.nodeName ? env.api.store.get(NODES, undefined, pod.spec.nodeName) : undefined;
}

function hostIP(node: KObject): string {
  return (
    ((node.status as { addresses?: { address: string; type: string }[] }).addresses ?? []).find((a) => a.type === "InternalIP")?.address ??
    ""
  );
}

/** Admission on the node: the first status the kubelet writes for a pod bound to it. */
function admit(env: ControllerEnv, pod: Pod, node: KObject): void {
  const next = structuredClone(pod);
  const ip = hostIP(node);
  const t = rfc3339(env.now);
  const inits = pod.spec.initContainers ?? [];
  // kubelet_pods.go convertToAPIContainerStatuses: a container the runtime has not created yet waits
  // as ContainerCreating, or as PodInitializing (init and regular alike) when the pod has init containers
  const waitingAs = inits.length ? "PodInitializing" : "ContainerCreating";
  const initial = (c: Container): ContainerStatus => ({
    image: c.image ?? "",
    imageID: "",
    lastState: {},
    name: c.name,
    ready: false,
    restartCount: 0,
    started: false,
    state: { waiting: { reason: waitingAs } },
    ...(c.volumeMounts
      ? { volumeMounts: c.volumeMounts.map((m) => ({ ...m, ...(m.readOnly ? { recursiveReadOnly: "Disabled" } : {}) })) }
      : {}),
  });
  next.status = {
    ...next.status,
    phase: "Pending",
    hostIP: ip,
    hostIPs: [{ ip }],
    startTime: t,
    ...(inits.length ? { initContainerStatuses: inits.map(initial) } : {}),
    containerStatuses: pod.spec.containers.map(initial),
  };
  setConditions(next, env.now, { PodReadyToStartContainers: false });
  env.api.store.put(PODS, next);
  later(env, next, "sandbox", jitter(env, 300, 800));
}

function allocateIp(env: ControllerEnv, pod: Pod, node: KObject): string {
  if (pod.spec.hostNetwork) return hostIP(node);
  const cidr = (node.spec as { podCIDR?: string }).podCIDR ?? "10.244.0.0/24";
  const used = new Set(
    cachedList(env.api.store, PODS)
      .map((p) => (p.status as PodStatus | undefined)?.podIP)
      .filter(Boolean),
  );
  for (let i = 2; ; i++) {
    const ip = nthIp(cidr, i);
    if (!used.has(ip)) return ip;
  }
}

/** The volume manager's retry of a failed mount (nestedpendingoperations: 500 ms doubling, at most 2m2s). */
const mountBackoffMs = (attempt: number) => Math.min(500 * 2 ** attempt, 122_000);

function sandbox(env: ControllerEnv, pod: Pod, attempt: number): void {
  const node = nodeOf(env, pod);
  if (!node) return;
  // volumes are mounted before the sandbox is made (kubelet.go SyncPod: WaitForAttachAndMount)
  const failed = mountFailure(pod, storeGetter(env));
  if (failed) {
    ev(env, pod, undefined, "Warning", "FailedMount", failed);
    later(env, pod, "sandbox", mountBackoffMs(attempt), { attempt: attempt + 1 });
    return;
  }
  const next = structuredClone(pod);
  const ip = allocateIp(env, pod, node);
  next.status = { ...next.status, podIP: ip, podIPs: [{ ip }] };
  setConditions(next, env.now, { PodReadyToStartContainers: true });
  env.api.store.put(PODS, next);
  startFrom(env, next, 0);
}

/**
 * kuberuntime_manager.go computePodActions: the first init container that has not succeeded runs
 * alone; once the last one has exited 0, every regular container starts.
 */
function startFrom(env: ControllerEnv, pod: Pod, initIndex: number): void {
  const init = (pod.spec.initContainers ?? [])[initIndex];
  if (init) return beginPull(env, pod, init, 0, false);
  for (const c of pod.spec.containers) beginPull(env, pod, c, 0, false);
}

function pullPolicy(c: Container): string {
  if (c.imagePullPolicy) return c.imagePullPolicy;
  return parseImage(c.image ?? "").tag === "latest" ? "Always" : "IfNotPresent";
}

function nodeHasImage(node: KObject | undefined, full: string): boolean {
  const images = (node?.status as { images?: { names: string[] }[] } | undefined)?.images ?? [];
  return images.some((i) => i.names.includes(full));
}

function setWaiting(env: ControllerEnv, pod: Pod, c: Container, reason: string, message?: string): Pod {
  return updateContainer(env, pod, c.name, (s) => ({ ...s, state: { waiting: { reason, ...(message ? { message } : {}) } } }));
}

/** Image pull (or not) for one container; `restart`: after an exit, on the same sandbox. */
function beginPull(env: ControllerEnv, pod: Pod, c: Container, attempt: number, restart: boolean): void {
  const ref = parseImage(c.image ?? "");
  const policy = pullPolicy(c);
  const node = nodeOf(env, pod);
  const present = nodeHasImage(node, ref.full);
  const extra = { container: c.name, attempt };
  const fixed = restart && capped(pod, c);
  if (policy !== "Always" && present) {
    ev(env, pod, c, "Normal", "Pulled", `Container image "${ref.name}" already present on machine`);
    later(env, pod, restart ? "restart" : "start", fixed ? CAPPED.start : jitter(env, 100, 300), extra);
    return;
  }
  if (policy === "Never") {
    const msg = `Container image "${ref.name}" is not present with pull policy of Never`;
    setWaiting(env, pod, c, "ErrImageNeverPull", msg);
    ev(env, pod, c, "Warning", "ErrImageNeverPull", msg);
    ev(env, pod, c, "Warning", "Failed", "Error: ErrImageNeverPull");
    return;
  }
  ev(env, pod, c, "Normal", "Pulling", `Pulling image "${ref.name}"`);
  const outcome = pull(ref);
  if (!outcome.ok) {
    later(env, pod, "pullfailed", jitter(env, 700, 1500), extra);
    return;
  }
  // a cached image under Always only checks the manifest
  const ms =
    fixed && present ? CAPPED.pull : present ? jitter(env, 500, 1100) : Math.round(outcome.image.pullMs * (0.8 + 0.4 * env.random()));
  // the pull's duration rides in `attempt` (the Pulled event prints it)
  later(env, pod, restart ? "pulled-restart" : "pulled", ms, { ...extra, attempt: ms });
}

function pulled(env: ControllerEnv, pod: Pod, c: Container, ms: number, restart: boolean): void {
  const ref = parseImage(c.image ?? "");
  const outcome = pull(ref);
  if (!outcome.ok) return;
  // Go's time.Duration.String of a pull truncated to the millisecond: "800ms", "2.61s"
  const secs = ms < 1000 ? `${ms}ms` : `${(ms / 1000).toFixed(3).replace(/\.?0+$/, "")}s`;
  ev(
    env,
    pod,
    c,
    "Normal",
    "Pulled",
    `Successfully pulled image "${ref.name}" in ${secs} (${secs} including waiting). Image size: ${outcome.image.sizeBytes} bytes.`,
  );
  const node = nodeOf(env, pod);
  if (node && !nodeHasImage(node, ref.full)) {
    const next = structuredClone(node);
    const st = next.status as { images?: { names: string[]; sizeBytes: number }[] };
    st.images = [
      { names: [`${ref.repository}@sha256:${fakeDigest(ref.repository)}`, ref.full], sizeBytes: outcome.image.sizeBytes },
      ...(st.images ?? []),
    ];
    env.api.store.put(NODES, next);
  }
  later(env, pod, restart ? "restart" : "start", restart && capped(pod, c) ? CAPPED.start : jitter(env, 100, 300), {
    container: c.name,
    attempt: 0,
  });
}

function pullFailed(env: ControllerEnv, pod: Pod, c: Container, attempt: number): void {
  const ref = parseImage(c.image ?? "");
  const outcome = pull(ref);
  const error = outcome.ok ? "" : outcome.error;
  ev(env, pod, c, "Warning", "Failed", `Failed to pull image "${ref.name}": ${error}`);
  ev(env, pod, c, "Warning", "Failed", "Error: ErrImagePull");
  setWaiting(env, pod, c, "ErrImagePull", error);
  later(env, pod, "pullbackoff", jitter(env, 400, 1000), { container: c.name, attempt: attempt + 1 });
}

function pullBackoff(env: ControllerEnv, pod: Pod, c: Container, attempt: number, failedAt: number): void {
  const ref = parseImage(c.image ?? "");
  const msg = `Back-off pulling image "${ref.name}"`;
  setWaiting(env, pod, c, "ImagePullBackOff", msg);
  ev(env, pod, c, "Normal", "BackOff", msg);
  ev(env, pod, c, "Warning", "Failed", "Error: ImagePullBackOff");
  schedule(env.state, {
    at: failedAt + backoffMs(attempt),
    owner: "kubelet",
    key: objectKey(PODS, pod.metadata.namespace, pod.metadata.name),
    uid: pod.metadata.uid,
    step: "pull",
    container: c.name,
    attempt,
  });
}

/**
 * generateContainerConfig failed (kuberuntime_container.go startContainer): event "Failed" with
 * "Error: <message>", state CreateContainerConfigError; the pod worker syncs again after its
 * back-off period (pod_workers.go: 10 s, jittered by half), pulling (or finding) the image anew.
 */
function configError(env: ControllerEnv, pod: Pod, c: Container, message: string): void {
  ev(env, pod, c, "Warning", "Failed", `Error: ${message}`);
  setWaiting(env, pod, c, "CreateContainerConfigError", message);
  later(env, pod, "pull", jitter(env, 10_000, 15_000), { container: c.name, attempt: 0 });
}

function start(env: ControllerEnv, pod: Pod, c: Container, isRestart: boolean): void {
  const image = imageOf(c);
  if (!image) return;
  const pe = programEnv(env, c, pod);
  if (!("env" in pe)) return configError(env, pod, c, pe.error);
  const program = runMainTool(env.state, pod, c, image, programFor(image, c, pe), env.now, env.random);
  const t = rfc3339(env.now);
  const id = fakeDigest(`${pod.metadata.uid}/${c.name}/${env.now}`);
  const ref = parseImage(c.image ?? "");
  ev(env, pod, c, "Normal", "Created", `Created container ${c.name}`);
  const bump = (s: ContainerStatus) => ({
    ...s,
    containerID: `containerd://${id}`,
    image: ref.full,
    imageID: `${ref.repository}@sha256:${fakeDigest(ref.repository)}`,
    restartCount: (s.restartCount ?? 0) + (isRestart ? 1 : 0),
    lastState:
      isRestart && s.state?.terminated ? { terminated: s.state.terminated } : isRestart ? (s.lastState ?? {}) : (s.lastState ?? {}),
  });
  if (program.startError) {
    const msg = program.startError;
    ev(env, pod, c, "Warning", "Failed", `Error: ${msg}`);
    const next = updateContainer(env, pod, c.name, (s) => ({
      ...bump(s),
      ready: false,
      started: false,
      state: {
        terminated: {
          containerID: `containerd://${id}`,
          exitCode: 128,
          finishedAt: t,
          message: msg,
          reason: "StartError",
          startedAt: "1970-01-01T00:00:00Z",
        },
      },
    }));
    afterExit(env, next, c, 128, isRestart);
    return;
  }
  ev(env, pod, c, "Normal", "Started", `Started container ${c.name}`);
  // a startup probe holds `started` (and the other probes) until it succeeds (prober_manager.go)
  const started = !c.startupProbe;
  // an init container is Ready once it has exited 0 (prober_manager.go UpdatePodStatus)
  const init = isInit(pod, c);
  updateContainer(env, pod, c.name, (s) => ({
    ...bump(s),
    ready: started && !c.readinessProbe && !init,
    started,
    state: { running: { startedAt: t } },
  }));
  if (!init)
    for (const kind of started ? (["liveness", "readiness"] as const) : (["startup"] as const)) firstProbe(env, pod, c, kind, env.now);
  if (program.exit) later(env, pod, "exit", program.exit.afterMs, { container: c.name, attempt: program.exit.code, since: env.now });
}

function exit(env: ControllerEnv, pod: Pod, c: Container, code: number): void {
  const s = containerStatus(pod, c.name);
  const running = s?.state?.running;
  if (!running) return;
  const term: ContainerState["terminated"] = {
    containerID: s.containerID,
    exitCode: code,
    finishedAt: rfc3339(env.now),
    reason: code === 0 ? "Completed" : "Error",
    startedAt: running.startedAt,
  };
  const ready = isInit(pod, c) && code === 0;
  const next = updateContainer(env, pod, c.name, (x) => ({ ...x, ready, started: false, state: { terminated: term } }));
  afterExit(env, next, c, code, (s.restartCount ?? 0) > 0);
}

/**
 * Whether the kubelet runs the container again after it exited with `code`. A failed init
 * container is retried unless the pod's restartPolicy is Never (then the pod has Failed); a
 * succeeded one never is (kuberuntime_manager.go computeInitContainerActions).
 */
function restartsOnExit(pod: Pod, c: Container, code: number): boolean {
  const policy = pod.spec.restartPolicy ?? "Always";
  if (isInit(pod, c)) return code !== 0 && policy !== "Never";
  return policy === "Always" || (policy === "OnFailure" && code !== 0);
}

function afterExit(env: ControllerEnv, pod: Pod, c: Container, code: number, _restarted: boolean): void {
  const inits = pod.spec.initContainers ?? [];
  const index = inits.findIndex((x) => x.name === c.name);
  if (index >= 0 && code === 0) return startFrom(env, pod, index + 1);
  if (!restartsOnExit(pod, c, code)) return;
  const s = containerStatus(pod, c.name);
  const lastRun = s?.state?.terminated
    ? Date.parse(s.state.terminated.finishedAt ?? "") - Date.parse(s.state.terminated.startedAt ?? "")
    : 0;
  // kubelet forgets a back-off entry after 2 × MaxContainerBackOff without a failure
  const attempt = lastRun > 2 * MAX_BACKOFF_MS ? 0 : (s?.restartCount ?? 0);
  later(env, pod, "crashed", backoffMs(attempt) === MAX_BACKOFF_MS ? CAPPED.crashed : jitter(env, 500, 1200), {
    container: c.name,
    attempt,
    since: env.now,
  });
}

function crashed(env: ControllerEnv, pod: Pod, c: Container, attempt: number, exitedAt: number): void {
  if (attempt === 0) {
    beginPull(env, pod, c, 0, true);
    return;
  }
  const d = backoffMs(attempt);
  const pp = `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
  const finished = exitedAt;
  updateContainer(env, pod, c.name, (x) => ({
    ...x,
    lastState: x.state?.terminated ? { terminated: x.state.terminated } : (x.lastState ?? {}),
    state: {
      waiting: { message: `back-off ${goDuration(d)} restarting failed container=${c.name} pod=${pp}`, reason: "CrashLoopBackOff" },
    },
  }));
  ev(env, pod, c, "Warning", "BackOff", `Back-off restarting failed container ${c.name} in pod ${pp}`);
  const jumped = d === MAX_BACKOFF_MS ? fastForward(env, pod, c, exitedAt) : 0;
  schedule(env.state, {
    at: Math.max(finished + jumped + d, env.now + jumped + 1),
    owner: "kubelet",
    key: objectKey(PODS, pod.metadata.namespace, pod.metadata.name),
    uid: pod.metadata.uid,
    step: "backoff-done",
    container: c.name,
    attempt,
  });
}

/**
 * Jumps whole capped crash cycles that end before the settle's horizon: the restart count, the
 * last run's times and the counts of the cycle's repeated events move on as stepping would have
 * moved them (the capped cycle has fixed delays), minus the last two cycles, which are stepped so
 * the state at the horizon is exactly the stepped one. Returns the ms jumped.
 */
function fastForward(env: ControllerEnv, pod: Pod, c: Container, exitedAt: number): number {
  const image = imageOf(c);
  // only from the second capped cycle on: the first one's pull still had a random duration
  if (!image || backoffMs((containerStatus(pod, c.name)?.restartCount ?? 0) - 1) !== MAX_BACKOFF_MS) return 0;
  const pe = programEnv(env, c, pod);
  if (!("env" in pe)) return 0;
  const program = programFor(image, c, pe);
  if (!program.exit) return 0;
  const pulls = pullPolicy(c) === "Always";
  // exit to exit: the back-off counts from the exit; the pull, the start and the run follow it
  const cycle = MAX_BACKOFF_MS + (pulls ? CAPPED.pull : 0) + CAPPED.start + program.exit.afterMs;
  const k = Math.floor((env.horizon - env.now) / cycle) - 2;
  if (k <= 0) return 0;
  const shift = k * cycle;
  // the last jumped cycle, in exact times: it started, ran and exited at `exit`
  const exit = exitedAt + shift;
  const started = exit - program.exit.afterMs;
  const last: Record<string, number> = {
    BackOff: exit + CAPPED.crashed,
    Started: started,
    Created: started,
    Pulled: started - CAPPED.start,
    Pulling: started - CAPPED.start - (pulls ? CAPPED.pull : 0),
  };
  const cur = env.api.store.get(PODS, pod.metadata.namespace, pod.metadata.name) as Pod;
  updateContainer(env, cur, c.name, (x) => {
    const term = x.lastState?.terminated;
    const id = `containerd://${fakeDigest(`${pod.metadata.uid}/${c.name}/${started}`)}`;
    return {
      ...x,
      containerID: id,
      restartCount: (x.restartCount ?? 0) + k,
      ...(term ? { lastState: { terminated: { ...term, containerID: id, startedAt: rfc3339(started), finishedAt: rfc3339(exit) } } } : {}),
    };
  });
  const repeated = new Set(["Pulling", "Pulled", "Created", "Started", "BackOff"]);
  for (const e of cachedList(env.api.store, { group: "", resource: "events" }, pod.metadata.namespace)) {
    const io = e.involvedObject as { uid?: string; fieldPath?: string } | undefined;
    if (io?.uid !== pod.metadata.uid || io.fieldPath !== fieldPath(pod, c) || !repeated.has(String(e.reason))) continue;
    if (e.reason === "Pulled" && !String(e.message).includes(pulls ? `in ${CAPPED.pull}ms` : "already present")) continue;
    const next = structuredClone(e);
    next.count = ((e.count as number | undefined) ?? 1) + k;
    next.lastTimestamp = rfc3339(last[String(e.reason)] ?? exit);
    env.api.store.put({ group: "", resource: "events" }, next);
  }
  return shift;
}

function backoffDone(env: ControllerEnv, pod: Pod, c: Container): void {
  beginPull(env, pod, c, 0, true);
}

export const kubeletTimed: TimedHandler = (env, e) => {
  const pod = env.api.store.getByKey(e.key) as Pod | undefined;
  if (!pod || pod.metadata.uid !== e.uid || pod.metadata.deletionTimestamp) return;
  // a stopped or crash-looping kubelet does nothing for its pods; it picks the work up when it is back
  if (pod.spec.nodeName && !kubeletPostingAt(env, pod.spec.nodeName)) return holdForKubelet(env, pod.spec.nodeName, e);
  const c = containerNamed(pod, e.container);
  const step = e.step as KubeletStep;
  if (step === "sandbox") return sandbox(env, pod, e.attempt ?? 0);
  if (!c) return;
  switch (step) {
    case "pull":
      return beginPull(env, pod, c, e.attempt ?? 0, (containerStatus(pod, c.name)?.restartCount ?? 0) > 0);
    case "pulled":
      return pulled(env, pod, c, e.attempt ?? 0, false);
    case "pulled-restart":
      return pulled(env, pod, c, e.attempt ?? 0, true);
    case "pullfailed":
      return pullFailed(env, pod, c, e.attempt ?? 0);
    case "pullbackoff":
      return pullBackoff(env, pod, c, e.attempt ?? 1, env.now);
    case "start":
      return start(env, pod, c, false);
    case "restart":
      return start(env, pod, c, true);
    case "ready":
      updateContainer(env, pod, c.name, (x) => (x.state?.running ? { ...x, ready: true } : x));
      return;
    case "exit":
      if (!sameRun(pod, c, e.since)) return;
      return exit(env, pod, c, e.attempt ?? 0);
    case "probe-startup":
      return probeStep(env, pod, c, "startup", e.attempt ?? 0, e.since ?? env.now);
    case "probe-liveness":
      return probeStep(env, pod, c, "liveness", e.attempt ?? 0, e.since ?? env.now);
    case "probe-readiness":
      return probeStep(env, pod, c, "readiness", e.attempt ?? 0, e.since ?? env.now);
    case "crashed":
      return crashed(env, pod, c, e.attempt ?? 0, e.since ?? env.now);
    case "backoff-done":
      return backoffDone(env, pod, c);
  }
  const never: never = step;
  throw new Error(`kubelet: unknown step ${String(never)}`);
};

type KubeletStep =
  | "sandbox"
  | "pull"
  | "pulled"
  | "pulled-restart"
  | "pullfailed"
  | "pullbackoff"
  | "start"
  | "restart"
  | "ready"
  | "exit"
  | "probe-startup"
  | "probe-liveness"
  | "probe-readiness"
  | "crashed"
  | "backoff-done";

/**
 * A container waiting in `until nslookup NAME` (program.ts) runs forever while NAME does not
 * resolve; when a Service appears, the run that now ends (its program has an exit) gets its exit
 * scheduled, at the first lookup after the Service's creation.
 */
function serviceAppeared(env: ControllerEnv): boolean {
  let changed = false;
  // read without creating the timeline: a read request's settle must leave the state as it was
  const events = env.state.timeline?.events ?? [];
  for (const p of cachedList(env.api.store, PODS)) {
    const pod = p as Pod;
    if (pod.metadata.deletionTimestamp) continue;
    for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
      const startedAt = containerStatus(pod, c.name)?.state?.running?.startedAt;
      const image = imageOf(c);
      if (!startedAt || !image || !/\bnslookup\b/.test([...(c.command ?? []), ...(c.args ?? [])].join(" "))) continue;
      const key = objectKey(PODS, pod.metadata.namespace, pod.metadata.name);
      if (events.some((e) => e.key === key && e.step === "exit" && e.container === c.name)) continue;
      const start = Date.parse(startedAt);
      const pe = programEnv(env, c, pod, start);
      const exit = "env" in pe ? programFor(image, c, pe).exit : undefined;
      if (!exit) continue;
      later(env, pod, "exit", Math.max(start + exit.afterMs - env.now, 0), { container: c.name, attempt: exit.code });
      changed = true;
    }
  }
  return changed;
}

/** Level-triggered part: pods newly bound to an existing node are admitted; a new Service may end a DNS wait. */
export const kubelet: Controller = {
  name: "kubelet",
  relevant: (r) =>
    (r.key.startsWith("/pods/") && r.type !== "DELETED") ||
    (r.key.startsWith("/services/") && r.type === "ADDED") ||
    r.key.startsWith("/nodes/"),
  reconcile(env, changes) {
    let changed = false;
    if (!changes || changes.some((r) => r.key.startsWith("/services/"))) changed = serviceAppeared(env) || changed;
    // a node's change may be its kubelet coming back: it admits the pods bound to it meanwhile
    const pods =
      changes && !changes.some((r) => r.key.startsWith("/nodes/"))
        ? [...new Set(changes.filter((r) => r.key.startsWith("/pods/")).map((r) => r.key))]
            .map((k) => env.api.store.getByKey(k))
            .filter((p): p is KObject => !!p)
        : cachedList(env.api.store, PODS);
    for (const p of pods) {
      const pod = p as Pod;
      if (!pod.spec.nodeName || pod.status?.startTime || pod.metadata.deletionTimestamp) continue;
      const node = nodeOf(env, pod);
      if (!node || !kubeletPostingAt(env, pod.spec.nodeName)) continue;
      admit(env, pod, node);
      changed = true;
    }
    return changed;
  },
};

export { podCondition };
