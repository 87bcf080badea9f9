/**
 * The StatefulSet controller (pkg/controller/statefulset/stateful_set_control.go, v1.32): pods
 * named `<set>-<ordinal>`, labelled controller-revision-hash (the revision's name),
 * statefulset.kubernetes.io/pod-name and apps.kubernetes.io/pod-index (stateful_set_utils.go
 * initIdentity/updateIdentity), with hostname and subdomain set. Under OrderedReady the next pod
 * is created only once every lower ordinal is Running and Ready, and the condemned pods (ordinals
 * at or above replicas) go from the highest down, one at a time; Parallel creates and deletes
 * without waiting. RollingUpdate deletes the highest ordinal not at the update revision (down to
 * the partition) once the pods above it are healthy; the gap is refilled from the update revision.
 * Events (stateful_pod_control.go recordPodEvent): SuccessfulCreate "create Pod web-0 in
 * StatefulSet web successful", SuccessfulDelete "delete Pod web-2 in StatefulSet web successful".
 * Not modelled: volumeClaimTemplates (no PVCs are created), maxUnavailable, OnDelete's
 * status bookkeeping beyond counting.
 */
import type { KObject } from "../api/types";
import type { StatefulSetSpec } from "../kinds/statefulsets";
import type { PodSpec, PodStatus } from "../kinds/pods/types";
import { revisionFor, revisionsOf, revisionTemplate, truncateHistory } from "./history";
import { cachedList } from "./informer";
import { recordEvent } from "./recorder";
import { deletePod } from "./replicaset";
import type { ControllerEnv } from "./types";
import {
  CONTROLLER_USER,
  GR,
  isActive,
  isAvailable,
  isReady,
  ownedBy,
  ownerController,
  ownerReference,
  putIfChanged,
} from "./workload-util";

const STATEFULSETS = { group: "apps", resource: "statefulsets" };
const source = { component: "statefulset-controller" };
type Pod = KObject & { spec: PodSpec; status?: PodStatus };
type Sts = KObject & { spec: StatefulSetSpec; status?: { currentRevision?: string; updateRevision?: string } };
interface Template {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: unknown;
}

export const REVISION_LABEL = "controller-revision-hash";

/** isRunningAndReady: the pod a monotonic (OrderedReady) set waits for. */
const healthy = (p: Pod) => p.status?.phase === "Running" && isReady(p) && !p.metadata.deletionTimestamp;

function ordinalOf(set: Sts, p: Pod): number | undefined {
  const m = /^(.*)-(\d+)$/.exec(p.metadata.name);
  return m && m[1] === set.metadata.name ? Number(m[2]) : undefined;
}

function createPod(env: ControllerEnv, set: Sts, ordinal: number, revision: string, tpl: Template): boolean {
  const name = `${set.metadata.name}-${ordinal}`;
  const body = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: set.metadata.namespace,
      labels: {
        ...(tpl.metadata?.labels ?? {}),
        "apps.kubernetes.io/pod-index": String(ordinal),
        [REVISION_LABEL]: revision,
        "statefulset.kubernetes.io/pod-name": name,
      },
      ...(tpl.metadata?.annotations ? { annotations: { ...tpl.metadata.annotations } } : {}),
      ownerReferences: [ownerReference(set)],
    },
    spec: {
      ...(structuredClone(tpl.spec ?? { containers: [] }) as Record<string, unknown>),
      hostname: name,
      ...(set.spec.serviceName ? { subdomain: set.spec.serviceName } : {}),
    },
  };
  const r = env.api.request({ verb: "create", resource: "pods", namespace: set.metadata.namespace, body, user: CONTROLLER_USER });
  if (r.code >= 300) {
    const msg = (r.body as { message?: string }).message ?? "";
    recordEvent(
      env,
      { obj: set },
      "Warning",
      "FailedCreate",
      `create Pod ${name} in StatefulSet ${set.metadata.name} failed error: ${msg}`,
      source,
    );
    return false;
  }
  recordEvent(env, { obj: set }, "Normal", "SuccessfulCreate", `create Pod ${name} in StatefulSet ${set.metadata.name} successful`, source);
  return true;
}

function remove(env: ControllerEnv, set: Sts, p: Pod): void {
  deletePod(env, p);
  recordEvent(
    env,
    { obj: set },
    "Normal",
    "SuccessfulDelete",
    `delete Pod ${p.metadata.name} in StatefulSet ${set.metadata.name} successful`,
    source,
  );
}

/** One pass of updateStatefulSet: at most one step under OrderedReady. */
function syncPods(env: ControllerEnv, set: Sts, pods: Pod[], current: string, update: string, templates: Map<string, Template>): void {
  const spec = set.spec;
  const start = spec.ordinals?.start ?? 0;
  const replicas = spec.replicas ?? 1;
  const ordered = spec.podManagementPolicy !== "Parallel";
  const partition = spec.updateStrategy?.type === "RollingUpdate" ? (spec.updateStrategy.rollingUpdate?.partition ?? 0) : 0;
  const byOrdinal = new Map<number, Pod>();
  const condemned: Pod[] = [];
  for (const p of pods) {
    const o = ordinalOf(set, p);
    if (o === undefined) continue;
    if (o >= start && o < start + replicas) byOrdinal.set(o, p);
    else condemned.push(p);
  }
  // newVersionedStatefulSetPod: ordinals below the partition keep the current revision
  for (let o = start; o < start + replicas; o++) {
    const p = byOrdinal.get(o);
    if (!p) {
      const rev = spec.updateStrategy?.type === "RollingUpdate" && o - start < partition ? current : update;
      if (!createPod(env, set, o, rev, templates.get(rev) ?? (spec.template as Template | undefined) ?? {})) return;
      if (ordered) return;
      continue;
    }
    if (ordered && !healthy(p)) return;
  }
  condemned.sort((a, b) => (ordinalOf(set, b) ?? 0) - (ordinalOf(set, a) ?? 0));
  for (const p of condemned) {
    if (ordered && [...byOrdinal.values(), ...condemned].some((x) => x !== p && !healthy(x))) return;
    remove(env, set, p);
    if (ordered) return;
  }
  if (spec.updateStrategy?.type !== "RollingUpdate") return;
  for (let o = start + replicas - 1; o >= start + partition; o--) {
    const p = byOrdinal.get(o);
    if (!p) return;
    if (p.metadata.labels?.[REVISION_LABEL] !== update) {
      remove(env, set, p);
      return;
    }
    if (!healthy(p)) return;
  }
}

function syncOne(env: ControllerEnv, set: Sts): boolean {
  if (set.metadata.deletionTimestamp) return false;
  const rv = env.api.store.resourceVersion;
  const ns = set.metadata.namespace;
  const template = (set.spec.template ?? {}) as Record<string, unknown>;
  const update = revisionFor(env, set, template, "controller.kubernetes.io/hash").name;
  const revisions = revisionsOf(env, set);
  const current = revisions.some((r) => r.metadata.name === set.status?.currentRevision) ? (set.status?.currentRevision ?? update) : update;
  const templates = new Map(revisions.map((r) => [r.metadata.name, revisionTemplate(r) as Template]));
  const owned = () => (ownedBy(cachedList(env.api.store, GR.pods, ns), set) as Pod[]).filter(isActive);
  syncPods(env, set, owned(), current, update, templates);

  const cur = env.api.store.get(STATEFULSETS, ns, set.metadata.name) as Sts | undefined;
  if (!cur) return true;
  const live = owned();
  const rev = (p: Pod) => p.metadata.labels?.[REVISION_LABEL];
  const status: Record<string, unknown> = {
    availableReplicas: live.filter((p) => isAvailable(p, cur.spec.minReadySeconds ?? 0, env.now)).length,
    collisionCount: 0,
    currentReplicas: live.filter((p) => rev(p) === current).length,
    currentRevision: current,
    observedGeneration: cur.metadata.generation ?? 1,
    readyReplicas: live.filter(isReady).length,
    replicas: live.length,
    updateRevision: update,
    updatedReplicas: live.filter((p) => rev(p) === update).length,
  };
  // completeRollingUpdate: every pod updated and ready makes the update revision current
  if (
    cur.spec.updateStrategy?.type === "RollingUpdate" &&
    status.updatedReplicas === status.replicas &&
    status.readyReplicas === status.replicas
  ) {
    status.currentRevision = update;
    status.currentReplicas = status.updatedReplicas;
  }
  // readyReplicas, currentReplicas and updatedReplicas are omitempty in apps/v1 StatefulSetStatus
  for (const k of ["readyReplicas", "currentReplicas", "updatedReplicas"]) if (status[k] === 0) delete status[k];
  truncateHistory(env, cur, new Set([current, update, ...live.map((p) => rev(p) ?? "")]), cur.spec.revisionHistoryLimit ?? 10);
  const next = structuredClone(cur);
  next.status = status;
  putIfChanged(env, STATEFULSETS, cur, next);
  return env.api.store.resourceVersion !== rv;
}

export const statefulSetController = ownerController<Sts>({
  name: "statefulset",
  kind: "StatefulSet",
  gr: STATEFULSETS,
  owns: ["/pods/"],
  sync: syncOne,
});
