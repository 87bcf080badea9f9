/**
 * The ReplicaSet controller (pkg/controller/replicaset/replica_set.go, v1.32): pods owned through
 * their controller reference are counted; missing ones are created from the template with
 * generateName `<rs>-` (the apiserver adds the 5-character suffix), surplus ones deleted in
 * getPodsToDelete's order (unassigned, then Pending, then not ready, then the newest), and the
 * status counts replicas, fullyLabeledReplicas, readyReplicas and availableReplicas.
 * Events: SuccessfulCreate "Created pod: <name>", SuccessfulDelete "Deleted pod: <name>".
 */
import { cachedList } from "./informer";
import { labelSelectorRequirements, labelsMatch } from "../api/selectors";
import type { KObject } from "../api/types";
import type { PodSpec, PodStatus } from "../kinds/pods/types";
import { recordEvent } from "./recorder";
import type { Controller, ControllerEnv } from "./types";
import { CONTROLLER_USER, GR, isActive, isAvailable, isReady, ownedBy, ownerReference, ownersOf, putIfChanged } from "./workload-util";

type Pod = KObject & { spec: PodSpec; status?: PodStatus };
interface RsSpec {
  replicas?: number;
  minReadySeconds?: number;
  selector?: Parameters<typeof labelSelectorRequirements>[0];
  template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: PodSpec };
}

const source = { component: "replicaset-controller" };

/** getPodsToDelete's ranking (controller_utils.go ActivePodsWithRanks, simplified to the fields the simulator sets). */
function deletionRank(p: Pod): number[] {
  const phase = { Pending: 0, Unknown: 1, Running: 2 }[p.status?.phase ?? "Pending"] ?? 2;
  return [p.spec.nodeName ? 1 : 0, phase, isReady(p) ? 1 : 0, -Date.parse(p.metadata.creationTimestamp)];
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function createPod(env: ControllerEnv, rs: KObject, spec: RsSpec): Pod | undefined {
  const tpl = spec.template ?? {};
  const body = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName: `${rs.metadata.name}-`,
      namespace: rs.metadata.namespace,
      labels: { ...(tpl.metadata?.labels ?? {}) },
      ...(tpl.metadata?.annotations ? { annotations: { ...tpl.metadata.annotations } } : {}),
      ownerReferences: [ownerReference(rs)],
    },
    spec: structuredClone(tpl.spec ?? { containers: [] }),
  };
  const r = env.api.request({ verb: "create", resource: "pods", namespace: rs.metadata.namespace, body, user: CONTROLLER_USER });
  if (r.code >= 300) {
    recordEvent(env, { obj: rs }, "Warning", "FailedCreate", `Error creating: ${(r.body as { message?: string }).message ?? ""}`, source);
    return undefined;
  }
  return r.body as Pod;
}

/** Deletes a pod as the controller does; the kubelet stops its containers (Killing). */
export function deletePod(env: ControllerEnv, pod: Pod): void {
  for (const c of pod.spec.containers) {
    const s = pod.status?.containerStatuses?.find((x) => x.name === c.name);
    if (s?.state?.running)
      recordEvent(env, { obj: pod, fieldPath: `spec.containers{${c.name}}` }, "Normal", "Killing", `Stopping container ${c.name}`, {
        component: "kubelet",
        host: pod.spec.nodeName ?? "",
      });
  }
  env.api.store.remove(GR.pods, pod.metadata.namespace, pod.metadata.name);
}

function syncOne(env: ControllerEnv, rs: KObject, allPods: Pod[]): boolean {
  const spec = rs.spec as RsSpec;
  const want = spec.replicas ?? 1;
  const pods = (ownedBy(allPods, rs) as Pod[]).filter(isActive);
  let changed = false;
  if (!rs.metadata.deletionTimestamp) {
    if (pods.length < want) {
      for (let i = pods.length; i < want; i++) {
        const p = createPod(env, rs, spec);
        if (!p) break;
        pods.push(p);
        recordEvent(env, { obj: rs }, "Normal", "SuccessfulCreate", `Created pod: ${p.metadata.name}`, source);
        changed = true;
      }
    } else if (pods.length > want) {
      const doomed = [...pods].sort((a, b) => compareRanks(deletionRank(a), deletionRank(b))).slice(0, pods.length - want);
      for (const p of doomed) {
        deletePod(env, p);
        recordEvent(env, { obj: rs }, "Normal", "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`, source);
        pods.splice(pods.indexOf(p), 1);
      }
      changed = true;
    }
  }
  const cur = env.api.store.get(GR.replicasets, rs.metadata.namespace, rs.metadata.name);
  if (!cur) return changed;
  const reqs = labelSelectorRequirements(spec.template?.metadata?.labels ? { matchLabels: spec.template.metadata.labels } : undefined);
  const live = (ownedBy(cachedList(env.api.store, GR.pods, rs.metadata.namespace), rs) as Pod[]).filter(isActive);
  const next = structuredClone(cur);
  const status: Record<string, unknown> = {
    availableReplicas: live.filter((p) => isAvailable(p, spec.minReadySeconds ?? 0, env.now)).length,
    fullyLabeledReplicas: live.filter((p) => labelsMatch(reqs, p.metadata.labels)).length,
    observedGeneration: cur.metadata.generation ?? 1,
    readyReplicas: live.filter(isReady).length,
    replicas: live.length,
  };
  // the apiserver omits zero counts (omitempty)
  for (const k of Object.keys(status)) if (status[k] === 0 && k !== "replicas") delete status[k];
  next.status = status;
  return putIfChanged(env, GR.replicasets, cur, next) || changed;
}

export const replicaSetController: Controller = {
  name: "replicaset",
  relevant: (r) => r.key.startsWith("apps/replicasets/") || r.key.startsWith("/pods/"),
  reconcile(env, changes) {
    const sets = changes ? ownersOf(env, changes, "ReplicaSet", GR.replicasets) : cachedList(env.api.store, GR.replicasets);
    if (!sets.length) return false;
    let changed = false;
    const podsByNs = new Map<string, Pod[]>();
    for (const rs of sets) {
      const ns = rs.metadata.namespace ?? "";
      if (!podsByNs.has(ns)) podsByNs.set(ns, cachedList(env.api.store, GR.pods, ns) as Pod[]);
      if (syncOne(env, rs, podsByNs.get(ns) ?? [])) changed = true;
    }
    return changed;
  },
};
