/**
 * The disruption controller (pkg/controller/disruption/disruption.go, v1.32): keeps each
 * PodDisruptionBudget's status, which the eviction subresource (api/eviction.ts) reads.
 * - Pods: those of the PDB's namespace its selector matches (getPodsForPdb).
 * - getExpectedPodCount: with maxUnavailable, or a percentage minAvailable, the expected count is
 *   the sum of the pods' controllers' scales (getExpectedScale: a Deployment for a ReplicaSet it
 *   controls, else the ReplicaSet, StatefulSet or ReplicationController; spec.replicas) and the
 *   bound is scaled from it, rounding up (intstr.GetScaledValueFromIntOrPercent); with an integer
 *   minAvailable, the expected count is the number of pods.
 * - countHealthyPods: ready pods not being deleted and not evicted in the last two minutes
 *   (DeletionTimeout) according to status.disruptedPods.
 * - updatePdbStatus: disruptionsAllowed = currentHealthy - desiredHealthy, 0 when negative or no
 *   pods are expected; the DisruptionAllowed condition (pdbhelper.UpdateDisruptionAllowedCondition:
 *   SufficientPods / InsufficientPods) set as apimeta.SetStatusCondition does.
 * A pod without a controller adds nothing to the expected count (an unmanaged pod; v1.32 also
 * warns with an event, not simulated) but counts as healthy; a controller reference that leads
 * nowhere fails the sync (found no controllers for pod "x"), the failSafe status: no disruptions
 * allowed, DisruptionAllowed False, SyncFailed.
 */
import { rfc3339 } from "../api/meta";
import type { KObject } from "../api/types";
import type { IntOrString, LabelSelector } from "../kinds/_shared/core-types";
import { selectorMatches } from "../kinds/_shared/labels";
import { cachedList } from "./informer";
import type { Controller, ControllerEnv } from "./types";
import { CONTROLLER_USER, controllerRef, isReady, sameJson } from "./workload-util";

const PDBS = { group: "policy", resource: "poddisruptionbudgets" };
const PODS = { group: "", resource: "pods" };
/** DeletionTimeout: how long an evicted pod is counted as going away */
const DELETION_TIMEOUT_MS = 2 * 60_000;

interface Condition {
  type: string;
  status: string;
  observedGeneration?: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}
interface PdbStatus {
  observedGeneration?: number;
  disruptedPods?: Record<string, string>;
  disruptionsAllowed: number;
  currentHealthy: number;
  desiredHealthy: number;
  expectedPods: number;
  conditions?: Condition[];
}
type Pdb = KObject & {
  spec?: { minAvailable?: IntOrString; maxUnavailable?: IntOrString; selector?: LabelSelector };
  status?: PdbStatus;
};
type PodLike = KObject & { status?: { conditions?: { type: string; status: string }[] } };

/** intstr.GetScaledValueFromIntOrPercent(v, total, roundUp=true) */
function scaled(v: IntOrString, total: number): number {
  if (typeof v === "number") return v;
  const pct = Number(v.replace(/%$/, ""));
  return Math.ceil((pct * total) / 100);
}

/** getExpectedScale: the sum of the scales of the pods' controllers, or the pod with none. */
function expectedScale(env: ControllerEnv, pods: KObject[]): number | { noController: string } {
  const scales = new Map<string, number>();
  const replicasOf = (o: KObject | undefined) => (o ? ((o.spec as { replicas?: number } | undefined)?.replicas ?? 1) : undefined);
  for (const pod of pods) {
    const ref = controllerRef(pod);
    if (!ref) continue;
    if (scales.has(ref.uid)) continue;
    const ns = pod.metadata.namespace;
    let found: { uid: string; scale: number } | undefined;
    if (ref.kind === "ReplicationController") {
      const rc = env.api.store.get({ group: "", resource: "replicationcontrollers" }, ns, ref.name);
      if (rc?.metadata.uid === ref.uid) found = { uid: ref.uid, scale: replicasOf(rc) ?? 1 };
    } else if (ref.kind === "ReplicaSet") {
      const rs = env.api.store.get({ group: "apps", resource: "replicasets" }, ns, ref.name);
      if (rs?.metadata.uid === ref.uid) {
        const dref = controllerRef(rs);
        const d = dref?.kind === "Deployment" ? env.api.store.get({ group: "apps", resource: "deployments" }, ns, dref.name) : undefined;
        found =
          d && d.metadata.uid === dref?.uid
            ? { uid: d.metadata.uid, scale: replicasOf(d) ?? 1 }
            : { uid: ref.uid, scale: replicasOf(rs) ?? 1 };
      }
    } else if (ref.kind === "StatefulSet") {
      const sts = env.api.store.get({ group: "apps", resource: "statefulsets" }, ns, ref.name);
      if (sts?.metadata.uid === ref.uid) found = { uid: ref.uid, scale: replicasOf(sts) ?? 1 };
    }
    if (!found) return { noController: pod.metadata.name };
    scales.set(ref.uid, found.scale);
  }
  return [...scales.values()].reduce((a, b) => a + b, 0);
}

/** apimeta.SetStatusCondition: the transition time moves only when the status changes. */
function setCondition(conditions: Condition[], next: Omit<Condition, "lastTransitionTime">, now: number): Condition[] {
  const old = conditions.find((c) => c.type === next.type);
  const c: Condition = { ...next, lastTransitionTime: old && old.status === next.status ? old.lastTransitionTime : rfc3339(now) };
  return old ? conditions.map((x) => (x.type === next.type ? c : x)) : [...conditions, c];
}

function sync(env: ControllerEnv, pdb: Pdb): boolean {
  const sel = pdb.spec?.selector;
  const pods = (cachedList(env.api.store, PODS, pdb.metadata.namespace) as PodLike[]).filter(
    (p) => sel !== undefined && selectorMatches(sel, p.metadata.labels),
  );
  const generation = pdb.metadata.generation ?? 1;
  const old = pdb.status ?? { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  let expected = 0;
  let desired = 0;
  let failure: string | undefined;
  const { minAvailable, maxUnavailable } = pdb.spec ?? {};
  if (maxUnavailable !== undefined || typeof minAvailable === "string") {
    const s = expectedScale(env, pods);
    if (typeof s !== "number") failure = `found no controllers for pod ${JSON.stringify(s.noController)}`;
    else {
      expected = s;
      desired = maxUnavailable !== undefined ? Math.max(0, s - scaled(maxUnavailable, s)) : scaled(minAvailable as string, s);
    }
  } else if (typeof minAvailable === "number") {
    desired = minAvailable;
    expected = pods.length;
  }
  let status: PdbStatus;
  if (failure) {
    status = {
      ...old,
      disruptionsAllowed: 0,
      conditions: setCondition(
        old.conditions ?? [],
        { type: "DisruptionAllowed", status: "False", reason: "SyncFailed", message: failure, observedGeneration: old.observedGeneration },
        env.now,
      ),
    };
  } else {
    // buildDisruptedPodMap: evictions younger than DeletionTimeout of pods still there and not being deleted
    const disrupted: Record<string, string> = {};
    for (const p of pods) {
      const at = old.disruptedPods?.[p.metadata.name];
      if (at && !p.metadata.deletionTimestamp && Date.parse(at) + DELETION_TIMEOUT_MS >= env.now) disrupted[p.metadata.name] = at;
    }
    const healthy = pods.filter((p) => !p.metadata.deletionTimestamp && !disrupted[p.metadata.name] && isReady(p)).length;
    const allowed = expected <= 0 || healthy - desired <= 0 ? 0 : healthy - desired;
    status = {
      ...(Object.keys(disrupted).length ? { disruptedPods: disrupted } : {}),
      observedGeneration: generation,
      disruptionsAllowed: allowed,
      currentHealthy: healthy,
      desiredHealthy: desired,
      expectedPods: expected,
      conditions: setCondition(
        old.conditions ?? [],
        allowed > 0
          ? { type: "DisruptionAllowed", status: "True", reason: "SufficientPods", message: "", observedGeneration: generation }
          : { type: "DisruptionAllowed", status: "False", reason: "InsufficientPods", message: "", observedGeneration: generation },
        env.now,
      ),
    };
  }
  if (sameJson(status, pdb.status)) return false;
  const r = env.api.request({
    verb: "update",
    group: "policy",
    version: "v1",
    resource: "poddisruptionbudgets",
    namespace: pdb.metadata.namespace,
    name: pdb.metadata.name,
    subresource: "status",
    body: { ...pdb, status },
    user: CONTROLLER_USER,
  });
  return r.code < 300;
}

export const disruptionController: Controller = {
  name: "disruption",
  relevant: (r) =>
    r.key.startsWith("policy/poddisruptionbudgets/") ||
    r.key.startsWith("/pods/") ||
    /^apps\/(deployments|replicasets|statefulsets)\//.test(r.key) ||
    r.key.startsWith("/replicationcontrollers/"),
  reconcile(env) {
    let changed = false;
    for (const pdb of cachedList(env.api.store, PDBS) as Pdb[]) if (!pdb.metadata.deletionTimestamp && sync(env, pdb)) changed = true;
    return changed;
  },
};
