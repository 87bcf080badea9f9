/**
 * The VolumeBinding plugin (pkg/scheduler/framework/plugins/volumebinding, v1.32: volume_binding.go
 * and binder.go). PreFilter rejects a pod whose claim is missing, being deleted, or unbound with
 * Immediate binding; Filter checks each node against the pod's bound volumes' node affinity and,
 * for unbound WaitForFirstConsumer claims, whether a volume there matches or the class can
 * provision; PreBind then pre-binds the chosen static volume or asks for one by annotating the
 * claim with volume.kubernetes.io/selected-node, and the pod is bound only once every claim is.
 */
import type { KObject } from "../api/types";
import { ANN_BOUND_BY_CONTROLLER, ANN_SELECTED_NODE, PVCS, PVS, storageClass } from "../controllers/persistentvolume";
import { isVolumeBoundToClaim, volumeMatches, type PV, type PVC } from "../controllers/persistentvolume/match";
import { cachedList } from "../controllers/informer";
import type { ControllerEnv } from "../controllers/types";
import type { PodSpec } from "../kinds/pods/types";
import { cmp, quantityOf } from "../kinds/_shared/quantity";

type Pod = KObject & { spec: PodSpec };
interface NodeSelectorTerm {
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
  matchFields?: { key: string; operator: string; values?: string[] }[];
}
export type TermMatcher = (term: NodeSelectorTerm, node: KObject) => boolean;

// volume_binding.go
const ERR_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
const ERR_NODE_CONFLICT = "node(s) had volume node affinity conflict";
const ERR_PV_NOT_EXIST = "node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)";

export function claimNames(pod: Pod): string[] {
  const vols = (pod.spec.volumes ?? []) as { persistentVolumeClaim?: { claimName?: string } }[];
  return vols.flatMap((v) => (v.persistentVolumeClaim?.claimName ? [v.persistentVolumeClaim.claimName] : []));
}

function claimsOf(env: ControllerEnv, pod: Pod): (PVC | string)[] {
  return claimNames(pod).map((n) => env.api.store.get(PVCS, pod.metadata.namespace, n) ?? n);
}

const delayed = (env: ControllerEnv, pvc: PVC) =>
  storageClass(env, pvc.spec?.storageClassName ?? "")?.volumeBindingMode === "WaitForFirstConsumer";

/** PreFilter's rejection, as the whole of the FitError's reason (UnschedulableAndUnresolvable), or undefined. */
export function volumePreFilter(env: ControllerEnv, pod: Pod): string | undefined {
  for (const c of claimsOf(env, pod)) {
    // volume_binding.go podHasPVCs: the lister's NotFound, and "persistentvolumeclaim %q is being deleted"
    if (typeof c === "string") return `persistentvolumeclaim "${c}" not found`;
    if (c.metadata.deletionTimestamp) return `persistentvolumeclaim "${c.metadata.name}" is being deleted`;
  }
  for (const c of claimsOf(env, pod)) {
    if (typeof c === "string" || c.spec?.volumeName) continue;
    if (!delayed(env, c)) return "pod has unbound immediate PersistentVolumeClaims";
  }
  return undefined;
}

function affinityAllows(pv: PV, node: KObject, match: TermMatcher): boolean {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  return !terms || terms.some((t) => match(t, node));
}

/** The smallest Available volume on this node for a delayed claim (binder.go findMatchingVolumes). */
function volumeOnNode(env: ControllerEnv, pvc: PVC, node: KObject, match: TermMatcher, taken: Set<string>): PV | undefined {
  let best: PV | undefined;
  for (const pv of cachedList(env.api.store, PVS) as PV[]) {
    if (taken.has(pv.metadata.name) || pv.metadata.deletionTimestamp) continue;
    const prebound = isVolumeBoundToClaim(pv, pvc);
    if (!prebound && (pv.spec?.claimRef || pv.status?.phase !== "Available")) continue;
    if (!volumeMatches(pv, pvc) || !affinityAllows(pv, node, match)) continue;
    if (prebound) return pv;
    const size = (v: PV) => quantityOf(String(v.spec?.capacity?.storage ?? "0"));
    if (!best || cmp(size(pv), size(best)) < 0) best = pv;
  }
  return best;
}

/** Filter: undefined when the node suits every claim of the pod, else the reasons. */
export function volumeFilter(env: ControllerEnv, pod: Pod, node: KObject, match: TermMatcher): string[] | undefined {
  const reasons = new Set<string>();
  const taken = new Set<string>();
  for (const c of claimsOf(env, pod)) {
    if (typeof c === "string") continue;
    const name = c.spec?.volumeName;
    if (name) {
      const pv = env.api.store.get(PVS, undefined, name);
      if (!pv) reasons.add(ERR_PV_NOT_EXIST);
      else if (!affinityAllows(pv, node, match)) reasons.add(ERR_NODE_CONFLICT);
      continue;
    }
    const selected = c.metadata.annotations?.[ANN_SELECTED_NODE];
    if (selected && selected !== node.metadata.name) {
      reasons.add(ERR_BIND_CONFLICT);
      continue;
    }
    const pv = volumeOnNode(env, c, node, match, taken);
    if (pv) {
      taken.add(pv.metadata.name);
      continue;
    }
    const sc = storageClass(env, c.spec?.storageClassName ?? "");
    // binder.go checkVolumeProvisions: no provisioner to ask, nothing to bind
    if (!sc?.provisioner || sc.provisioner === "kubernetes.io/no-provisioner") reasons.add(ERR_BIND_CONFLICT);
  }
  return reasons.size ? [...reasons] : undefined;
}

/**
 * PreBind on the chosen node: pre-binds matching volumes (claimRef, bound-by-controller) and marks
 * the rest for provisioning; true when every claim is bound and the pod may be bound now.
 */
export function volumePreBind(env: ControllerEnv, pod: Pod, node: KObject, match: TermMatcher): boolean {
  let ready = true;
  const taken = new Set<string>();
  for (const c of claimsOf(env, pod)) {
    if (typeof c === "string") return false;
    if (c.spec?.volumeName && c.status?.phase === "Bound") continue;
    ready = false;
    if (c.spec?.volumeName || c.metadata.annotations?.[ANN_SELECTED_NODE]) continue;
    const pv = volumeOnNode(env, c, node, match, taken);
    if (pv) {
      taken.add(pv.metadata.name);
      if (isVolumeBoundToClaim(pv, c)) continue;
      const next = structuredClone(pv);
      (next.spec ??= {}).claimRef = {
        apiVersion: "v1",
        kind: "PersistentVolumeClaim",
        name: c.metadata.name,
        namespace: c.metadata.namespace,
        resourceVersion: c.metadata.resourceVersion,
        uid: c.metadata.uid,
      };
      next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [ANN_BOUND_BY_CONTROLLER]: "yes" };
      env.api.store.put(PVS, next);
      continue;
    }
    const next = structuredClone(c);
    next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [ANN_SELECTED_NODE]: node.metadata.name };
    env.api.store.put(PVCS, next);
  }
  return ready;
}

/** The node a claim of the pod was already provisioned or pre-bound for, to keep choosing it. */
export function selectedNodeOf(env: ControllerEnv, pod: Pod): string | undefined {
  for (const c of claimsOf(env, pod))
    if (typeof c !== "string" && c.metadata.annotations?.[ANN_SELECTED_NODE]) return c.metadata.annotations[ANN_SELECTED_NODE];
  return undefined;
}
