/**
 * What the control plane sees of each node's kubelet, on the cluster clock. A node's kubelet posts
 * status and renews its Lease (kube-node-lease/<node>) every 10 s while it runs
 * (component-helpers/apimachinery/lease: renewInterval = 0.25 × the 40 s lease duration). When it
 * stops, crash-loops on a broken config, or runs but cannot reach the apiserver
 * (nodes/kubelet-health.ts), the node lifecycle controller (pkg/controller/nodelifecycle/
 * node_lifecycle_controller.go, v1.32) notices at its next monitor pass (nodeMonitorPeriod 5 s)
 * once nodeMonitorGracePeriod has passed since the last renewal: 50 s in v1.32 (raised from 40 s
 * by kubernetes/kubernetes#126287, pkg/controller/nodelifecycle/config/v1alpha1/defaults.go).
 * tryUpdateNodeHealth then sets Ready, MemoryPressure, DiskPressure and PIDPressure to Unknown,
 * reason "NodeStatusUnknown", message "Kubelet stopped posting node status.", keeping their
 * lastHeartbeatTime; MarkPodsNotReady (pkg/controller/util/node/controller_utils.go) sets the
 * node's pods' Ready condition to False with a Warning "NodeNotReady" "Node is not ready";
 * RecordNodeStatusChange records "Node <n> status is now: NodeNotReady". The taints
 * node.kubernetes.io/unreachable:NoSchedule (doNoScheduleTaintingPass) and :NoExecute
 * (doNoExecuteTaintingPass) are added; taint-eviction.ts evicts the pods that do not tolerate it.
 *
 * watchKubelets runs at the start of every settle (as static pods' watchManifests does): it reads
 * each node's kubelet from its files and schedules the transitions at the times they happened
 * (a stop at the unit's stop time, a fixed crash loop at its next restart), so a learner who comes
 * back after ten minutes finds what a real cluster would show.
 */
import { rfc3339 } from "../api/meta";
import type { KObject } from "../api/types";
import { allNodes, hostState, type KubeletSeen } from "../nodes/hosts";
import { kubeletHealth, nextAttempt, type KubeletHealth } from "../nodes/kubelet-health";
import { cancel, schedule, type TimedEvent } from "../time/timeline";
import { cachedList } from "./informer";
import { recordEvent } from "./recorder";
import { evictionPass, EVICTION_SOURCE } from "./taint-eviction";
import type { ControllerEnv, TimedHandler } from "./types";

const NODES = { group: "", resource: "nodes" };
const PODS = { group: "", resource: "pods" };
const LEASES = { group: "coordination.k8s.io", resource: "leases" };

export const NODE_MONITOR_GRACE_MS = 50_000;
export const NODE_MONITOR_PERIOD_MS = 5_000;
export const LEASE_RENEW_MS = 10_000;
export const UNREACHABLE = "node.kubernetes.io/unreachable";
const NODE_CONTROLLER = { component: "node-controller" };

/** The conditions the node lifecycle controller sets to Unknown (nodeConditionTypes in tryUpdateNodeHealth's remainingNodeConditionTypes and Ready). */
const MONITORED = ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"];
/** What the kubelet posts for each when healthy (pkg/kubelet/nodestatus/setters.go). */
const HEALTHY: Record<string, { status: string; reason: string; message: string }> = {
  Ready: { status: "True", reason: "KubeletReady", message: "kubelet is posting ready status" },
  MemoryPressure: { status: "False", reason: "KubeletHasSufficientMemory", message: "kubelet has sufficient memory available" },
  DiskPressure: { status: "False", reason: "KubeletHasNoDiskPressure", message: "kubelet has no disk pressure" },
  PIDPressure: { status: "False", reason: "KubeletHasSufficientPID", message: "kubelet has sufficient PID available" },
};

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
}
interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

export interface Transition {
  at: number;
  posting: boolean;
}

/**
 * Never seen: posting since just before the cluster was made, so that a change in the very
 * millisecond of its creation (a scenario's setup runs then) is a change.
 */
const seenOf = (env: ControllerEnv, node: string): KubeletSeen =>
  env.state.hosts?.[node]?.kubelet ?? { posting: true, since: env.state.createdAt - 1 };

/**
 * The kubelet's posting changes since it was last seen, from its unit's starts and stops and the
 * state of its files: a start with a broken config (or an unreachable server) does not post; a
 * crash loop whose file was fixed after its last start posts from its next restart.
 */
export function kubeletTransitions(seen: KubeletSeen, h: KubeletHealth): Transition[] {
  const out: Transition[] = [];
  let posting = seen.posting;
  const failing = !!h.startError || !!h.apiError;
  let lastStart: number | undefined;
  for (const c of h.unit.history) {
    if (c.at <= seen.since) continue;
    if (c.action === "stop") {
      if (posting) out.push({ at: c.at, posting: (posting = false) });
      continue;
    }
    lastStart = c.at;
    if (failing) {
      if (posting) out.push({ at: c.at, posting: (posting = false) });
    } else if (!posting) {
      // a start before the fix crashed like the ones before it; the first try after the fix comes up
      const at = h.startError === undefined && h.configChangedAt > c.at ? nextAttempt(c.at, h.configChangedAt) : c.at;
      out.push({ at, posting: (posting = true) });
    }
  }
  // no new start: a crash loop picks up a fixed file at its next try
  if (!posting && h.unit.active && !failing && lastStart === undefined && h.configChangedAt > seen.since)
    out.push({ at: Math.max(seen.since, nextAttempt(h.unit.since, h.configChangedAt)), posting: true });
  return out;
}

/** Schedules what changed in each node's kubelet since the last look (called at the start of each settle). */
export function watchKubelets(env: ControllerEnv): void {
  for (const n of allNodes(env.state)) {
    const seen = seenOf(env, n.name);
    const h = kubeletHealth(env.state, n.name);
    const moves = kubeletTransitions(seen, h);
    if (!moves.length) continue;
    const host = hostState(env.state, n.name);
    const last = moves[moves.length - 1];
    host.kubelet = { posting: last.posting, since: last.at, ...(seen.held ? { held: seen.held } : {}) };
    const key = `/nodes/${n.name}`;
    for (const m of moves) {
      if (m.posting) schedule(env.state, { at: m.at, owner: "node-monitor", key, uid: n.name, step: "posting" });
      else
        schedule(env.state, {
          at: graceExpiry(env.state.createdAt, m.at),
          owner: "node-monitor",
          key,
          uid: n.name,
          step: "grace",
          since: m.at,
        });
    }
  }
}

/** The monitor pass that first finds the last lease renewal before `stoppedAt` older than the grace period. */
export function graceExpiry(bootAt: number, stoppedAt: number): number {
  const lastRenew = bootAt + Math.floor((stoppedAt - bootAt) / LEASE_RENEW_MS) * LEASE_RENEW_MS;
  const due = lastRenew + NODE_MONITOR_GRACE_MS;
  return bootAt + Math.ceil((due - bootAt) / NODE_MONITOR_PERIOD_MS) * NODE_MONITOR_PERIOD_MS;
}

/** Whether the node's kubelet acts at `at` (a pod's timed events wait while it is down). */
export function kubeletPostingAt(env: ControllerEnv, node: string | undefined): boolean {
  if (!node) return true;
  const seen = env.state.hosts?.[node]?.kubelet;
  return !seen || seen.posting || env.now < seen.since;
}

/** A kubelet timed event for a pod on a node whose kubelet is down: kept for when it is back. */
export function holdForKubelet(env: ControllerEnv, node: string, ev: TimedEvent): void {
  const host = hostState(env.state, node);
  const seen = (host.kubelet ??= { posting: false, since: env.now });
  (seen.held ??= []).push({ ...ev });
}

const podsOn = (env: ControllerEnv, node: string) =>
  cachedList(env.api.store, PODS).filter((p) => (p.spec as { nodeName?: string } | undefined)?.nodeName === node);

/** The node's Lease as its kubelet last renewed it (every LEASE_RENEW_MS while it ran). */
function renewLease(env: ControllerEnv, node: string, at: number): void {
  const lease = env.api.store.get(LEASES, "kube-node-lease", node);
  if (!lease) return;
  const next = structuredClone(lease);
  (next.spec as { renewTime?: string }).renewTime = new Date(at).toISOString().replace("Z", "000Z");
  env.api.store.put(LEASES, next);
}

function nodeUnknown(env: ControllerEnv, node: KObject, stoppedAt: number): void {
  const t = rfc3339(env.now);
  const lastRenew = env.state.createdAt + Math.floor((stoppedAt - env.state.createdAt) / LEASE_RENEW_MS) * LEASE_RENEW_MS;
  renewLease(env, node.metadata.name, lastRenew);
  // the last status the kubelet posted (it posts every minute: kinds/nodes describes a live node so)
  const lastPost = rfc3339(Math.floor(stoppedAt / 60_000) * 60_000 - 60_000);
  const next = structuredClone(node);
  const status = (next.status ??= {}) as { conditions?: Condition[] };
  for (const c of status.conditions ?? []) {
    if (!MONITORED.includes(c.type) || c.status === "Unknown") continue;
    c.status = "Unknown";
    c.reason = "NodeStatusUnknown";
    c.message = "Kubelet stopped posting node status.";
    c.lastTransitionTime = t;
    c.lastHeartbeatTime = lastPost;
  }
  const spec = (next.spec ??= {}) as { taints?: Taint[] };
  const taints = (spec.taints ?? []).filter((x) => x.key !== UNREACHABLE);
  taints.push({ effect: "NoSchedule", key: UNREACHABLE, timeAdded: t }, { effect: "NoExecute", key: UNREACHABLE, timeAdded: t });
  spec.taints = taints;
  env.api.store.put(NODES, next);
  recordEvent(env, { obj: node }, "Normal", "NodeNotReady", `Node ${node.metadata.name} status is now: NodeNotReady`, NODE_CONTROLLER);
  for (const pod of podsOn(env, node.metadata.name)) {
    const conds = ((pod.status ?? {}) as { conditions?: Condition[] }).conditions ?? [];
    const ready = conds.find((c) => c.type === "Ready");
    if (!ready || ready.status === "False") continue;
    const p = structuredClone(pod);
    const r = ((p.status as { conditions: Condition[] }).conditions ?? []).find((c) => c.type === "Ready");
    if (r) {
      r.status = "False";
      r.lastTransitionTime = t;
    }
    env.api.store.put(PODS, p);
    recordEvent(env, { obj: pod }, "Warning", "NodeNotReady", "Node is not ready", NODE_CONTROLLER);
  }
}

/** The kubelet is back: it posts its status, finishes the pods deleted while it was away and reports its containers again. */
function nodePosting(env: ControllerEnv, node: KObject): void {
  const t = rfc3339(env.now);
  const name = node.metadata.name;
  const next = structuredClone(node);
  const status = (next.status ??= {}) as { conditions?: Condition[] };
  let wasDown = false;
  for (const c of status.conditions ?? []) {
    const h = HEALTHY[c.type];
    if (!h) continue;
    if (c.status !== h.status) {
      wasDown = true;
      c.lastTransitionTime = t;
    }
    Object.assign(c, h, { lastHeartbeatTime: t });
  }
  const spec = (next.spec ??= {}) as { taints?: Taint[] };
  const taints = (spec.taints ?? []).filter((x) => x.key !== UNREACHABLE);
  if (taints.length) spec.taints = taints;
  else delete spec.taints;
  env.api.store.put(NODES, next);
  renewLease(env, name, env.now);
  const kubelet = { component: "kubelet", host: name };
  // the kubelet's events name its node by a reference of its own, whose UID is the node's name
  // (pkg/kubelet/kubelet.go NewMainKubelet: nodeRef := &v1.ObjectReference{Kind: "Node", Name:
  // string(nodeName), UID: types.UID(nodeName), Namespace: ""}); describe node finds them so
  const nodeRef = { obj: { kind: "Node", metadata: { name, uid: name } } as KObject };
  // pkg/kubelet/kubelet.go (StartingKubelet), pkg/kubelet/cm (NodeAllocatableEnforced), nodestatus/setters.go
  recordEvent(env, nodeRef, "Normal", "Starting", "Starting kubelet.", kubelet);
  recordEvent(env, nodeRef, "Normal", "NodeAllocatableEnforced", "Updated Node Allocatable limit across pods", kubelet);
  if (wasDown) {
    for (const r of ["NodeHasSufficientMemory", "NodeHasNoDiskPressure", "NodeHasSufficientPID", "NodeReady"])
      recordEvent(env, nodeRef, "Normal", r, `Node ${name} status is now: ${r}`, kubelet);
  }
  for (const pod of podsOn(env, name)) {
    if (pod.metadata.deletionTimestamp) {
      env.api.store.remove(PODS, pod.metadata.namespace, pod.metadata.name);
      continue;
    }
    const st = (pod.status ?? {}) as { conditions?: Condition[]; containerStatuses?: { ready?: boolean }[] };
    const ready = st.conditions?.find((c) => c.type === "Ready");
    const allReady = (st.containerStatuses ?? []).length > 0 && (st.containerStatuses ?? []).every((c) => c.ready);
    if (ready && ready.status === "False" && allReady) {
      const p = structuredClone(pod);
      const r = ((p.status as { conditions: Condition[] }).conditions ?? []).find((c) => c.type === "Ready");
      if (r) {
        r.status = "True";
        r.lastTransitionTime = t;
      }
      env.api.store.put(PODS, p);
    }
  }
  // the pods' own timed work the kubelet could not do while it was down
  const seen = env.state.hosts?.[name]?.kubelet;
  for (const ev of seen?.held ?? []) {
    const { seq: _seq, ...rest } = ev;
    schedule(env.state, { ...rest, at: env.now });
  }
  if (seen) delete seen.held;
}

export const nodeMonitorTimed: TimedHandler = (env, ev) => {
  const node = env.api.store.get(NODES, undefined, ev.uid);
  if (!node) return;
  if (ev.step === "posting") {
    // a pending expiry or eviction of the stretch that just ended does not happen
    cancel(env.state, ev.key, (e) => e.owner === "node-monitor" && e.step !== "posting" && e.at >= env.now);
    nodePosting(env, node);
    return;
  }
  if (ev.step === "grace") {
    const ready = ((node.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).find((c) => c.type === "Ready");
    if (ready?.status !== "Unknown") nodeUnknown(env, node, ev.since ?? env.now);
    evictionPass(env, ev.uid);
    return;
  }
  if (ev.step === "evict") {
    evictionPass(env, ev.uid);
    return;
  }
  throw new Error(`node-monitor: unknown step ${ev.step}`);
};

export { EVICTION_SOURCE };
