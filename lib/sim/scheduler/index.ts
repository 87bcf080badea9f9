/**
 * kube-scheduler's default profile, reduced to the filters a kubeadm practice cluster meets
 * (pkg/scheduler/framework/plugins, v1.32), in the profile's order, a node failing at its first
 * failing filter: NodeUnschedulable, NodeName, TaintToleration, NodeAffinity (nodeSelector and
 * required node affinity), NodeResourcesFit (requests against allocatable, pod count). A pod that
 * fits nowhere stays Pending with PodScheduled=False/Unschedulable and a FailedScheduling event
 * whose message is FitError.Error() (pkg/scheduler/framework/types.go) followed by the default
 * preemption plugin's diagnosis. Binding records the Scheduled event.
 */
import { cachedList } from "../controllers/informer";
import { rfc3339 } from "../api/meta";
import type { KObject } from "../api/types";
import type { Container, PodSpec, PodStatus } from "../kinds/pods/types";
import { milliValue, quantityOf, value } from "../kinds/_shared/quantity";
import { recordSchedulerEvent } from "../controllers/recorder";
import type { Controller, ControllerEnv } from "../controllers/types";
import { selectedNodeOf, volumeFilter, volumePreBind, volumePreFilter } from "./volume-binding";

const PODS = { group: "", resource: "pods" };
const NODES = { group: "", resource: "nodes" };
type Pod = KObject & { spec: PodSpec; status?: PodStatus };
interface Taint {
  key: string;
  value?: string;
  effect: string;
}
type Toleration = NonNullable<PodSpec["tolerations"]>[number];
interface NodeSelectorTerm {
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
  matchFields?: { key: string; operator: string; values?: string[] }[];
}

/** Why a node was rejected, and whether preemption could help (Unschedulable vs UnschedulableAndUnresolvable). */
interface Rejection {
  reasons: string[];
  resolvable: boolean;
}

function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.operator === "Exists") return !t.key || t.key === taint.key;
  return t.key === taint.key && (t.value ?? "") === (taint.value ?? "");
}

function matchTerm(term: NodeSelectorTerm, node: KObject): boolean {
  const labels = node.metadata.labels ?? {};
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (!exprs.length && !fields.length) return false;
  const one = (e: { key: string; operator: string; values?: string[] }, v: string | undefined): boolean => {
    const vals = e.values ?? [];
    switch (e.operator) {
      case "In":
        return v !== undefined && vals.includes(v);
      case "NotIn":
        return v === undefined || !vals.includes(v);
      case "Exists":
        return v !== undefined;
      case "DoesNotExist":
        return v === undefined;
      case "Gt":
        return v !== undefined && Number(v) > Number(vals[0]);
      case "Lt":
        return v !== undefined && Number(v) < Number(vals[0]);
      default:
        return false; // an operator validation rejects: matches nothing, as the real selector errors out
    }
  };
  return (
    exprs.every((e) => one(e, labels[e.key])) && fields.every((f) => one(f, f.key === "metadata.name" ? node.metadata.name : undefined))
  );
}

function requests(spec: PodSpec): { cpu: number; memory: number } {
  const sum = (cs: Container[] | undefined) =>
    (cs ?? []).reduce(
      (a, c) => ({
        cpu: a.cpu + Number(milliValue(quantityOf(c.resources?.requests?.cpu ?? "0"))),
        memory: a.memory + Number(value(quantityOf(c.resources?.requests?.memory ?? "0"))),
      }),
      { cpu: 0, memory: 0 },
    );
  const main = sum(spec.containers);
  // init containers run one at a time: the pod needs the larger of their peak and the sum of the others
  const init = (spec.initContainers ?? []).reduce(
    (a, c) => ({ cpu: Math.max(a.cpu, sum([c]).cpu), memory: Math.max(a.memory, sum([c]).memory) }),
    { cpu: 0, memory: 0 },
  );
  return { cpu: Math.max(main.cpu, init.cpu), memory: Math.max(main.memory, init.memory) };
}

const terminal = (p: Pod) => p.status?.phase === "Succeeded" || p.status?.phase === "Failed";

function filter(env: ControllerEnv, pod: Pod, node: KObject, onNode: Pod[]): Rejection | undefined {
  const spec = node.spec as { unschedulable?: boolean; taints?: Taint[] } | undefined;
  const tolerations = pod.spec.tolerations ?? [];
  if (spec?.unschedulable && !tolerations.some((t) => tolerates(t, { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" }))) {
    return { reasons: ["node(s) were unschedulable"], resolvable: false };
  }
  if (pod.spec.nodeName && pod.spec.nodeName !== node.metadata.name)
    return { reasons: ["node(s) didn't match the requested node name"], resolvable: false };
  const untolerated = (spec?.taints ?? []).find(
    (t) => (t.effect === "NoSchedule" || t.effect === "NoExecute") && !tolerations.some((x) => tolerates(x, t)),
  );
  if (untolerated)
    return { reasons: [`node(s) had untolerated taint {${untolerated.key}: ${untolerated.value ?? ""}}`], resolvable: false };
  const labels = node.metadata.labels ?? {};
  const selectorOk = Object.entries(pod.spec.nodeSelector ?? {}).every(([k, v]) => labels[k] === v);
  const required = (
    pod.spec.affinity as
      { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] } } } | undefined
  )?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const affinityOk = !required || (required.nodeSelectorTerms ?? []).some((t) => matchTerm(t, node));
  if (!selectorOk || !affinityOk) return { reasons: ["node(s) didn't match Pod's node affinity/selector"], resolvable: false };
  const alloc = (node.status as { allocatable?: Record<string, string> } | undefined)?.allocatable ?? {};
  const need = requests(pod.spec);
  const used = onNode.reduce(
    (a, p) => {
      const r = requests(p.spec);
      return { cpu: a.cpu + r.cpu, memory: a.memory + r.memory };
    },
    { cpu: 0, memory: 0 },
  );
  const reasons: string[] = [];
  if (onNode.length + 1 > Number(value(quantityOf(alloc.pods ?? "110")))) reasons.push("Too many pods");
  if (need.cpu > 0 && used.cpu + need.cpu > Number(milliValue(quantityOf(alloc.cpu ?? "0")))) reasons.push("Insufficient cpu");
  if (need.memory > 0 && used.memory + need.memory > Number(value(quantityOf(alloc.memory ?? "0")))) reasons.push("Insufficient memory");
  if (reasons.length) return { reasons, resolvable: true };
  // VolumeBinding comes after NodeResourcesFit in the default profile's filters
  const volume = volumeFilter(env, pod, node, matchTerm);
  return volume ? { reasons: volume, resolvable: false } : undefined;
}

/** FitError.Error() plus the preemption PostFilter's message (defaultpreemption, framework/preemption). */
export function fitErrorMessage(total: number, rejections: Rejection[]): string {
  const histogram = (items: string[]) => {
    const counts = new Map<string, number>();
    for (const r of items) counts.set(r, (counts.get(r) ?? 0) + 1);
    return [...counts].map(([r, n]) => `${n} ${r}`).sort();
  };
  const filterMsg = histogram(rejections.flatMap((r) => r.reasons));
  const preemption = histogram(
    rejections.map((r) => (r.resolvable ? "No preemption victims found for incoming pod" : "Preemption is not helpful for scheduling")),
  );
  return `0/${total} nodes are available: ${filterMsg.join(", ")}. preemption: 0/${total} nodes are available: ${preemption.join(", ")}.`;
}

function setScheduledCondition(pod: Pod, now: number, status: "True" | "False", message?: string): Pod {
  const next = structuredClone(pod);
  const st = (next.status ??= {});
  const others = (st.conditions ?? []).filter((c) => c.type !== "PodScheduled");
  const prev = (st.conditions ?? []).find((c) => c.type === "PodScheduled");
  const cond = {
    lastProbeTime: null,
    lastTransitionTime: prev?.status === status ? prev.lastTransitionTime : rfc3339(now),
    ...(message ? { message, reason: "Unschedulable" } : {}),
    status,
    type: "PodScheduled",
  };
  st.conditions = [...others, cond];
  return next;
}

function unschedulable(env: ControllerEnv, pod: Pod, message: string): boolean {
  const prev = pod.status?.conditions?.find((c) => c.type === "PodScheduled") as { message?: string } | undefined;
  if (prev?.message === message) return false;
  env.api.store.put(PODS, setScheduledCondition(pod, env.now, "False", message));
  recordSchedulerEvent(env, pod, "Warning", "FailedScheduling", "Scheduling", message);
  return true;
}

function scheduleOne(env: ControllerEnv, pod: Pod, nodes: KObject[], pods: Pod[]): boolean {
  // a PreFilter rejection is the whole reason, and UnschedulableAndUnresolvable on every node (FitError.Error)
  const pre = volumePreFilter(env, pod);
  if (pre) {
    const n = nodes.length;
    return unschedulable(
      env,
      pod,
      `0/${n} nodes are available: ${pre}. preemption: 0/${n} nodes are available: ${n} Preemption is not helpful for scheduling.`,
    );
  }
  const feasible: KObject[] = [];
  const rejections: Rejection[] = [];
  for (const n of nodes) {
    const onNode = pods.filter((p) => p.spec.nodeName === n.metadata.name && !terminal(p));
    const r = filter(env, pod, n, onNode);
    if (r) rejections.push(r);
    else feasible.push(n);
  }
  if (!feasible.length) {
    return unschedulable(env, pod, fitErrorMessage(nodes.length, rejections));
  }
  // NodeResourcesFit LeastAllocated: the node with the lowest requested share of cpu and memory
  const score = (n: KObject) => {
    const alloc = (n.status as { allocatable?: Record<string, string> }).allocatable ?? {};
    const used = pods
      .filter((p) => p.spec.nodeName === n.metadata.name && !terminal(p))
      .map((p) => requests(p.spec))
      .reduce((a, r) => ({ cpu: a.cpu + r.cpu, memory: a.memory + r.memory }), { cpu: 0, memory: 0 });
    const cpu = used.cpu / Math.max(Number(milliValue(quantityOf(alloc.cpu ?? "1"))), 1);
    const mem = used.memory / Math.max(Number(value(quantityOf(alloc.memory ?? "1"))), 1);
    return (cpu + mem) / 2;
  };
  const selected = selectedNodeOf(env, pod);
  const best = feasible.find((n) => n.metadata.name === selected) ?? feasible.reduce((a, b) => (score(b) < score(a) ? b : a));
  // PreBind waits until the pod's claims are bound (provisioned or pre-bound volumes)
  const rv = env.api.store.resourceVersion;
  if (!volumePreBind(env, pod, best, matchTerm)) return env.api.store.resourceVersion !== rv;
  const next = setScheduledCondition(pod, env.now, "True");
  next.spec.nodeName = best.metadata.name;
  env.api.store.put(PODS, next);
  recordSchedulerEvent(
    env,
    next,
    "Normal",
    "Scheduled",
    "Binding",
    `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${best.metadata.name}`,
  );
  return true;
}

export const scheduler: Controller = {
  name: "scheduler",
  relevant: (r) =>
    r.key.startsWith("/pods/") ||
    r.key.startsWith("/nodes/") ||
    r.key.startsWith("/persistentvolumeclaims/") ||
    r.key.startsWith("/persistentvolumes/"),
  reconcile(env) {
    const pods = cachedList(env.api.store, PODS) as Pod[];
    const pending = pods.filter(
      (p) => !p.spec.nodeName && (p.spec.schedulerName ?? "default-scheduler") === "default-scheduler" && !p.metadata.deletionTimestamp,
    );
    if (!pending.length) return false;
    const nodes = cachedList(env.api.store, NODES);
    let changed = false;
    for (const p of pending) {
      const cur = env.api.store.get(PODS, p.metadata.namespace, p.metadata.name) as Pod;
      if (scheduleOne(env, cur, nodes, cachedList(env.api.store, PODS) as Pod[])) changed = true;
    }
    return changed;
  },
};
