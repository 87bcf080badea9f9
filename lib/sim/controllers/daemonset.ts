/**
 * The DaemonSet controller (pkg/controller/daemon/daemon_controller.go, update.go, v1.32): one pod
 * per node that should run it (nodeShouldRunDaemonPod: the template's nodeSelector, and every
 * NoSchedule/NoExecute taint tolerated, so kubeadm's node-role.kubernetes.io/control-plane taint
 * keeps pods off the control plane unless the template tolerates it). Pods are named
 * `<ds>-<5 chars>` (generateName), labelled controller-revision-hash and pod-template-generation,
 * pinned to their node by a required node affinity on metadata.name
 * (util.ReplaceDaemonSetPodNodeNameNodeAffinity) and given the daemon tolerations
 * (util/daemonset_util.go AddOrUpdateDaemonPodTolerations). RollingUpdate replaces old pods
 * within maxUnavailable (an unavailable old pod goes at once); OnDelete waits for the user.
 * Events (controller_utils.go): SuccessfulCreate "Created pod: <name>", SuccessfulDelete
 * "Deleted pod: <name>". Not modelled: maxSurge (surge updates delete as maxUnavailable 1 would),
 * required node affinity of the template.
 */
import type { KObject } from "../api/types";
import { TEMPLATE_GENERATION, type DaemonSet } from "../kinds/daemonsets";
import type { PodSpec, PodStatus } from "../kinds/pods/types";
import { revisionFor, truncateHistory } from "./history";
import { cachedList } from "./informer";
import { recordEvent } from "./recorder";
import { deletePod } from "./replicaset";
import type { Controller, ControllerEnv } from "./types";
import { CONTROLLER_USER, GR, isActive, isAvailable, isReady, ownedBy, ownerReference, ownersOf, putIfChanged } from "./workload-util";

const DAEMONSETS = { group: "apps", resource: "daemonsets" };
const NODES = { group: "", resource: "nodes" };
const source = { component: "daemonset-controller" };
type Pod = KObject & { spec: PodSpec; status?: PodStatus };
type Ds = KObject & Required<Pick<DaemonSet, "spec">>;
type Toleration = NonNullable<PodSpec["tolerations"]>[number];
interface Taint {
  key: string;
  value?: string;
  effect: string;
}

/** AddOrUpdateDaemonPodTolerations (pkg/controller/daemon/util/daemonset_util.go). */
export function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const t: Toleration[] = [
    { effect: "NoExecute", key: "node.kubernetes.io/not-ready", operator: "Exists" },
    { effect: "NoExecute", key: "node.kubernetes.io/unreachable", operator: "Exists" },
    { effect: "NoSchedule", key: "node.kubernetes.io/disk-pressure", operator: "Exists" },
    { effect: "NoSchedule", key: "node.kubernetes.io/memory-pressure", operator: "Exists" },
    { effect: "NoSchedule", key: "node.kubernetes.io/pid-pressure", operator: "Exists" },
    { effect: "NoSchedule", key: "node.kubernetes.io/unschedulable", operator: "Exists" },
  ];
  if (hostNetwork) t.push({ effect: "NoSchedule", key: "node.kubernetes.io/network-unavailable", operator: "Exists" });
  return t;
}

/** v1helper.AddOrUpdateTolerationInPodSpec: an equal toleration is replaced, any other appended. */
function withDaemonTolerations(spec: PodSpec): Toleration[] {
  const out = [...(spec.tolerations ?? [])];
  for (const t of daemonTolerations(!!spec.hostNetwork)) {
    const i = out.findIndex((x) => x.key === t.key && x.effect === t.effect && (x.operator ?? "Equal") === t.operator);
    if (i >= 0) out[i] = t;
    else out.push(t);
  }
  return out;
}

function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.operator === "Exists") return !t.key || t.key === taint.key;
  return t.key === taint.key && (t.value ?? "") === (taint.value ?? "");
}

/** nodeShouldRunDaemonPod's predicates: nodeSelector and taints (with the daemon tolerations added). */
function shouldRun(node: KObject, spec: PodSpec, tolerations: Toleration[]): boolean {
  const labels = node.metadata.labels ?? {};
  if (Object.entries(spec.nodeSelector ?? {}).some(([k, v]) => labels[k] !== v)) return false;
  const taints = ((node.spec as { taints?: Taint[] } | undefined)?.taints ?? []).filter(
    (t) => t.effect === "NoSchedule" || t.effect === "NoExecute",
  );
  return taints.every((t) => tolerations.some((x) => tolerates(x, t)));
}

/** The node a daemon pod is for: where it runs, or the node its affinity names. */
function nodeOf(p: Pod): string | undefined {
  if (p.spec.nodeName) return p.spec.nodeName;
  const aff = p.spec.affinity as
    | {
        nodeAffinity?: {
          requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: { matchFields?: { values?: string[] }[] }[] };
        };
      }
    | undefined;
  return aff?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0];
}

function createPod(env: ControllerEnv, ds: Ds, node: string, hash: string, generation: string): boolean {
  const tpl = ds.spec.template ?? {};
  const spec = structuredClone(tpl.spec ?? { containers: [] }) as PodSpec;
  const affinity = (spec.affinity ?? {}) as Record<string, unknown>;
  const body = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName: `${ds.metadata.name}-`,
      namespace: ds.metadata.namespace,
      labels: { ...(tpl.metadata?.labels ?? {}), "controller-revision-hash": hash, "pod-template-generation": generation },
      ...(tpl.metadata?.annotations ? { annotations: { ...tpl.metadata.annotations } } : {}),
      ownerReferences: [ownerReference(ds)],
    },
    spec: {
      ...spec,
      affinity: {
        ...affinity,
        nodeAffinity: {
          ...((affinity.nodeAffinity as Record<string, unknown> | undefined) ?? {}),
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: [node] }] }],
          },
        },
      },
      tolerations: withDaemonTolerations(spec),
    },
  };
  const r = env.api.request({ verb: "create", resource: "pods", namespace: ds.metadata.namespace, body, user: CONTROLLER_USER });
  if (r.code >= 300) {
    recordEvent(env, { obj: ds }, "Warning", "FailedCreate", `Error creating: ${(r.body as { message?: string }).message ?? ""}`, source);
    return false;
  }
  recordEvent(env, { obj: ds }, "Normal", "SuccessfulCreate", `Created pod: ${(r.body as KObject).metadata.name}`, source);
  return true;
}

function remove(env: ControllerEnv, ds: Ds, p: Pod): void {
  deletePod(env, p);
  recordEvent(env, { obj: ds }, "Normal", "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`, source);
}

/** maxUnavailable of the rolling update, percentages rounded up (GetScaledValueFromIntOrPercent). */
function maxUnavailable(ds: Ds, desired: number): number {
  const v = ds.spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1;
  const n = typeof v === "number" ? v : Math.ceil((parseInt(v, 10) * desired) / 100);
  // a surge-only strategy (maxUnavailable 0) still replaces one pod at a time here
  return Math.max(n, 1);
}

function syncOne(env: ControllerEnv, ds: Ds, nodes: KObject[]): boolean {
  if (ds.metadata.deletionTimestamp) return false;
  const rv = env.api.store.resourceVersion;
  const ns = ds.metadata.namespace;
  const generation = ds.metadata.annotations?.[TEMPLATE_GENERATION] ?? String(ds.metadata.generation ?? 1);
  const template = (ds.spec.template ?? {}) as Record<string, unknown>;
  const { hash } = revisionFor(env, ds, template, "controller-revision-hash", { [TEMPLATE_GENERATION]: generation });
  const tplSpec = (ds.spec.template?.spec ?? { containers: [] }) as PodSpec;
  const tolerations = withDaemonTolerations(tplSpec);
  const minReady = ds.spec.minReadySeconds ?? 0;
  const owned = () => (ownedBy(cachedList(env.api.store, GR.pods, ns), ds) as Pod[]).filter(isActive);
  const byNode = (pods: Pod[]) => {
    const m = new Map<string, Pod[]>();
    for (const p of pods) {
      const n = nodeOf(p) ?? "";
      m.set(n, [...(m.get(n) ?? []), p]);
    }
    return m;
  };
  const wanted = nodes.filter((n) => shouldRun(n, tplSpec, tolerations)).map((n) => n.metadata.name);
  const placed = byNode(owned());
  for (const [node, pods] of placed) {
    // the oldest pod of a node stays; nodes that should not run it lose theirs
    const sorted = [...pods].sort((a, b) => Date.parse(a.metadata.creationTimestamp) - Date.parse(b.metadata.creationTimestamp));
    for (const p of wanted.includes(node) ? sorted.slice(1) : sorted) remove(env, ds, p);
  }
  for (const node of wanted) if (!placed.get(node)?.length) createPod(env, ds, node, hash, generation);

  if (ds.spec.updateStrategy?.type !== "OnDelete") {
    const pods = byNode(owned());
    const budget = maxUnavailable(ds, wanted.length);
    let unavailable = wanted.filter((n) => !pods.get(n)?.some((p) => isAvailable(p, minReady, env.now))).length;
    for (const node of wanted) {
      const p = pods.get(node)?.[0];
      if (!p || p.metadata.labels?.["controller-revision-hash"] === hash) continue;
      if (!isAvailable(p, minReady, env.now)) remove(env, ds, p);
      else if (unavailable < budget) {
        remove(env, ds, p);
        unavailable++;
      }
    }
  }

  const cur = env.api.store.get(DAEMONSETS, ns, ds.metadata.name) as Ds | undefined;
  if (!cur) return true;
  const now = byNode(owned());
  const first = (n: string) => now.get(n)?.[0];
  const scheduled = wanted.filter((n) => first(n));
  const available = scheduled.filter((n) => isAvailable(first(n) as Pod, minReady, env.now)).length;
  const status: Record<string, unknown> = {
    currentNumberScheduled: scheduled.length,
    desiredNumberScheduled: wanted.length,
    numberAvailable: available,
    numberMisscheduled: [...now.keys()].filter((n) => n && !wanted.includes(n)).length,
    numberReady: scheduled.filter((n) => isReady(first(n) as Pod)).length,
    numberUnavailable: wanted.length - available,
    observedGeneration: cur.metadata.generation ?? 1,
    updatedNumberScheduled: scheduled.filter((n) => first(n)?.metadata.labels?.["controller-revision-hash"] === hash).length,
  };
  // apps/v1 DaemonSetStatus: these three are omitempty
  for (const k of ["numberAvailable", "numberUnavailable", "updatedNumberScheduled"]) if (status[k] === 0) delete status[k];
  const live = new Set([
    `${ds.metadata.name}-${hash}`,
    ...owned().map((p) => `${ds.metadata.name}-${p.metadata.labels?.["controller-revision-hash"] ?? ""}`),
  ]);
  truncateHistory(env, cur, live, cur.spec.revisionHistoryLimit ?? 10);
  const next = structuredClone(cur);
  next.status = status;
  putIfChanged(env, DAEMONSETS, cur, next);
  return env.api.store.resourceVersion !== rv;
}

export const daemonSetController: Controller = {
  name: "daemonset",
  relevant: (r) => r.key.startsWith("apps/daemonsets/") || r.key.startsWith("/pods/") || r.key.startsWith("/nodes/"),
  reconcile(env, changes) {
    const nodeChanged = changes?.some((r) => r.key.startsWith("/nodes/"));
    const sets = changes && !nodeChanged ? ownersOf(env, changes, "DaemonSet", DAEMONSETS) : cachedList(env.api.store, DAEMONSETS);
    if (!sets.length) return false;
    const nodes = cachedList(env.api.store, NODES);
    let changed = false;
    for (const ds of sets) if (syncOne(env, ds as Ds, nodes)) changed = true;
    return changed;
  },
};
