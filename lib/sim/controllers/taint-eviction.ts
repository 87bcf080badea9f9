/**
 * The taint eviction controller (pkg/controller/tainteviction/taint_eviction.go, v1.32; its event
 * source is "taint-eviction-controller"): a pod on a node with NoExecute taints it does not
 * tolerate is deleted at once; one that tolerates them all is deleted when the shortest
 * tolerationSeconds among the matching tolerations has passed since the taint was added
 * (getMinTolerationTime; a toleration without tolerationSeconds tolerates forever). The
 * DefaultTolerationSeconds admission plugin gives every pod 300 s for
 * node.kubernetes.io/not-ready and unreachable (api/admission.ts). Each deletion is announced
 * with a Normal "TaintManagerEviction" event, "Marking for deletion Pod <ns>/<name>"
 * (emitPodDeletionEvent).
 *
 * It runs when a node's taints change (a learner's `kubectl taint ... :NoExecute`, the node
 * monitor's unreachable taint) or a pod lands on a node with NoExecute taints (the controller's
 * node and pod update handlers), and again when the next tolerationSeconds runs out.
 *
 * On a node whose kubelet posts Ready the kubelet stops the containers and the pod is gone at once
 * (as the simulator's other controller deletions are). On an unreachable node the deletion is graceful: deletionTimestamp is now + the pod's terminationGracePeriodSeconds
 * (the apiserver's graceful delete, pkg/registry/core/pod/strategy.go CheckGracefulDelete). Only
 * the pod's kubelet ends a graceful deletion, so on an unreachable node the pod stays Terminating
 * until its kubelet is back (node-monitor.ts removes it then); its ReplicaSet already counts it
 * gone and makes a replacement.
 */
import { rfc3339 } from "../api/meta";
import type { KObject } from "../api/types";
import type { PodSpec } from "../kinds/pods/types";
import { cancel, schedule } from "../time/timeline";
import { cachedList } from "./informer";
import { recordEvent } from "./recorder";
import { deletePod } from "./replicaset";
import type { Controller, ControllerEnv } from "./types";

const NODES = { group: "", resource: "nodes" };
const PODS = { group: "", resource: "pods" };
export const EVICTION_SOURCE = { component: "taint-eviction-controller" };

interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}
type Toleration = NonNullable<PodSpec["tolerations"]>[number];

/** v1.Toleration.ToleratesTaint (staging/src/k8s.io/api/core/v1/toleration.go). */
function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (t.operator === "Exists") return true;
  return (t.value ?? "") === (taint.value ?? "");
}

/**
 * When the pod must go (epoch ms), or undefined when it tolerates the taints forever: at once if
 * one taint is not tolerated, else the shortest tolerationSeconds of the tolerations used
 * (GetMatchingTolerations, getMinTolerationTime; none set: forever) after the taints were added.
 */
export function evictionTime(pod: KObject & { spec?: PodSpec }, taints: Taint[], fallbackAddedAt: number): number | undefined {
  const tolerations = pod.spec?.tolerations ?? [];
  const added = Math.max(...taints.map((t) => Date.parse(t.timeAdded ?? "") || fallbackAddedAt));
  const used = new Set<Toleration>();
  for (const taint of taints) {
    const matching = tolerations.filter((t) => tolerates(t, taint));
    if (!matching.length) return added;
    for (const t of matching) used.add(t);
  }
  const secs = [...used].map((t) => t.tolerationSeconds).filter((s): s is number => typeof s === "number");
  if (!secs.length) return undefined;
  return added + Math.max(0, Math.min(...secs)) * 1000;
}

/** Deletes the node's pods whose time has come and schedules the next pass. */
export function evictionPass(env: ControllerEnv, nodeName: string): void {
  const node = env.api.store.get(NODES, undefined, nodeName);
  if (!node) return;
  const taints = (((node.spec ?? {}) as { taints?: Taint[] }).taints ?? []).filter((t) => t.effect === "NoExecute");
  if (!taints.length) return;
  const conditions = ((node.status ?? {}) as { conditions?: { type: string; status: string }[] }).conditions ?? [];
  const kubeletReady = conditions.some((c) => c.type === "Ready" && c.status === "True");
  let next: number | undefined;
  for (const pod of cachedList(env.api.store, PODS) as (KObject & { spec?: PodSpec; status?: { phase?: string } })[]) {
    if (pod.spec?.nodeName !== nodeName || pod.metadata.deletionTimestamp) continue;
    if (pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed") continue;
    const at = evictionTime(pod, taints, env.now);
    if (at === undefined) continue;
    if (at > env.now) {
      next = next === undefined ? at : Math.min(next, at);
      continue;
    }
    recordEvent(
      env,
      { obj: pod },
      "Normal",
      "TaintManagerEviction",
      `Marking for deletion Pod ${pod.metadata.namespace ?? "default"}/${pod.metadata.name}`,
      EVICTION_SOURCE,
    );
    // a node whose kubelet posts Ready stops the containers and ends the deletion at once, as for any
    // pod a controller deletes (replicaset.ts deletePod); an unreachable one leaves the pod Terminating
    if (kubeletReady) {
      deletePod(env, { ...pod, spec: pod.spec ?? { containers: [] } });
      continue;
    }
    const g: unknown = (pod.spec as { terminationGracePeriodSeconds?: unknown } | undefined)?.terminationGracePeriodSeconds;
    const grace = typeof g === "number" ? g : 30;
    const p = structuredClone(pod);
    p.metadata.deletionTimestamp = rfc3339(env.now + grace * 1000);
    p.metadata.deletionGracePeriodSeconds = grace;
    env.api.store.put(PODS, p);
  }
  if (next !== undefined) schedule(env.state, { at: next, owner: "node-monitor", key: `/nodes/${nodeName}`, uid: nodeName, step: "evict" });
}

const noExecute = (node: KObject | undefined) =>
  (((node?.spec ?? {}) as { taints?: Taint[] }).taints ?? []).some((t) => t.effect === "NoExecute");

/**
 * The controller's handlers (NewNoExecuteTaintManager's node and pod informers): a pass over each
 * node whose NoExecute taints may now evict something, the node's pending pass replaced by the new
 * one's.
 */
export const taintEvictionController: Controller = {
  name: "taint-eviction",
  relevant: (r) => r.key.startsWith("/nodes/") || r.key.startsWith("/pods/"),
  reconcile(env, changes) {
    const nodes = new Set<string>();
    if (!changes) for (const n of cachedList(env.api.store, NODES)) nodes.add(n.metadata.name);
    else
      for (const r of changes) {
        if (r.key.startsWith("/nodes/")) nodes.add(r.object.metadata.name);
        else {
          const on = (r.object.spec as { nodeName?: string } | undefined)?.nodeName;
          if (on && r.type !== "DELETED") nodes.add(on);
        }
      }
    const rv = env.api.store.resourceVersion;
    for (const name of nodes) {
      if (!noExecute(env.api.store.get(NODES, undefined, name))) continue;
      cancel(env.state, `/nodes/${name}`, (e) => e.owner === "node-monitor" && e.step === "evict");
      evictionPass(env, name);
    }
    return env.api.store.resourceVersion !== rv;
  },
};
