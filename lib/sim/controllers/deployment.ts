/**
 * The Deployment controller (pkg/controller/deployment, v1.32): the new ReplicaSet is the one whose
 * template equals the Deployment's (pod-template-hash aside), named `<deployment>-<hash>`
 * (controller_utils.go ComputeHash); RollingUpdate scales it up within maxSurge and the old ones
 * down within maxUnavailable (rolling.go reconcileNewReplicaSet / reconcileOldReplicaSets),
 * Recreate scales the old ones to zero first (recreate.go). Revisions live in the
 * deployment.kubernetes.io/revision annotations (util/deployment_util.go SetNewReplicaSetAnnotations;
 * a rollback makes the old ReplicaSet the newest revision again), old ReplicaSets beyond
 * revisionHistoryLimit go (sync.go cleanupDeployment), and the status carries the Available and
 * Progressing conditions with deployment_util.go's reasons and messages, progressDeadlineSeconds
 * included (progress.go; a timed event wakes the controller at the deadline).
 */
import { cachedList } from "./informer";
import type { KObject } from "../api/types";
import { objectKey } from "../api/store";
import type { Condition, IntOrString } from "../kinds/_shared/core-types";
import type { DeploymentSpec, DeploymentStatus } from "../kinds/deployments/types";
import { rfc3339 } from "../api/meta";
import { schedule } from "../time/timeline";
import { recordEvent } from "./recorder";
import type { ControllerEnv, TimedHandler } from "./types";
import {
  computeHash,
  createAsSystem,
  GR,
  isActive,
  ownedBy,
  ownerController,
  ownerReference,
  putIfChanged,
  sameJson,
} from "./workload-util";

type Deploy = KObject & { spec: DeploymentSpec; status?: DeploymentStatus };
interface RsSpec {
  replicas?: number;
  minReadySeconds?: number;
  selector?: { matchLabels?: Record<string, string> };
  template?: { metadata?: { labels?: Record<string, string> } };
}
type RS = KObject & { spec: RsSpec; status?: { replicas?: number; readyReplicas?: number; availableReplicas?: number } };

const REVISION = "deployment.kubernetes.io/revision";
const REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
const DESIRED = "deployment.kubernetes.io/desired-replicas";
const MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
const HASH_LABEL = "pod-template-hash";
const source = { component: "deployment-controller" };

const revisionOf = (o: KObject) => Number(o.metadata.annotations?.[REVISION] ?? 0) || 0;

/** intstrutil.GetScaledValueFromIntOrPercent: surge rounds up, unavailable down; both zero → unavailable 1. */
export function resolveFenceposts(spec: DeploymentSpec): { maxSurge: number; maxUnavailable: number } {
  const replicas = spec.replicas ?? 1;
  if (spec.strategy?.type === "Recreate") return { maxSurge: 0, maxUnavailable: replicas };
  const ru = spec.strategy?.rollingUpdate ?? {};
  const scaled = (v: IntOrString | undefined, dflt: string, up: boolean) => {
    const x = v ?? dflt;
    if (typeof x === "number") return x;
    const pct = Number(x.replace("%", "")) / 100;
    return up ? Math.ceil(pct * replicas) : Math.floor(pct * replicas);
  };
  const maxSurge = scaled(ru.maxSurge, "25%", true);
  let maxUnavailable = scaled(ru.maxUnavailable, "25%", false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable: Math.min(maxUnavailable, replicas) };
}

/** The template without the pod-template-hash label: what EqualIgnoreHash compares. */
function templateWithoutHash(t: unknown): unknown {
  const c = structuredClone((t ?? {}) as { metadata?: { labels?: Record<string, string> } });
  if (c.metadata?.labels) {
    delete c.metadata.labels[HASH_LABEL];
    if (!Object.keys(c.metadata.labels).length) delete c.metadata.labels;
  }
  return c;
}

function scaleRs(env: ControllerEnv, d: Deploy, rs: RS, to: number, maxSurge: number): void {
  const cur = env.api.store.get(GR.replicasets, rs.metadata.namespace, rs.metadata.name) as RS | undefined;
  if (!cur) return;
  const from = cur.spec.replicas ?? 0;
  const next = structuredClone(cur);
  next.spec.replicas = to;
  const ann = (next.metadata.annotations ??= {});
  ann[DESIRED] = String(d.spec.replicas ?? 1);
  ann[MAX_REPLICAS] = String((d.spec.replicas ?? 1) + maxSurge);
  if (!putIfChanged(env, GR.replicasets, cur, next) || from === to) return;
  recordEvent(
    env,
    { obj: d },
    "Normal",
    "ScalingReplicaSet",
    `Scaled ${from < to ? "up" : "down"} replica set ${rs.metadata.name} from ${from} to ${to}`,
    source,
  );
}

function createNewRs(env: ControllerEnv, d: Deploy, olds: RS[], replicas: number, maxSurge: number): RS {
  const collision = d.status?.collisionCount;
  const hash = computeHash(templateWithoutHash(d.spec.template), collision);
  const template = structuredClone(d.spec.template ?? {}) as { metadata?: { labels?: Record<string, string> } };
  template.metadata = { ...template.metadata, labels: { ...(template.metadata?.labels ?? {}), [HASH_LABEL]: hash } };
  const selector = structuredClone(d.spec.selector ?? {}) as { matchLabels?: Record<string, string> };
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [HASH_LABEL]: hash };
  const revision = Math.max(0, ...olds.map(revisionOf)) + 1;
  const rs = createAsSystem(env, GR.replicasets, {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      uid: "",
      resourceVersion: "",
      creationTimestamp: "",
      generation: 1,
      labels: { ...(template.metadata.labels ?? {}) },
      annotations: {
        [DESIRED]: String(d.spec.replicas ?? 1),
        [MAX_REPLICAS]: String((d.spec.replicas ?? 1) + maxSurge),
        [REVISION]: String(revision),
      },
      ownerReferences: [ownerReference(d)],
    },
    spec: { replicas, ...(d.spec.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}), selector, template },
    status: { replicas: 0 },
  }) as RS;
  if (replicas > 0)
    recordEvent(env, { obj: d }, "Normal", "ScalingReplicaSet", `Scaled up replica set ${rs.metadata.name} from 0 to ${replicas}`, source);
  return rs;
}

/** A rolled-back-to ReplicaSet becomes the newest revision; its old number joins revision-history. */
function bumpRevision(env: ControllerEnv, rs: RS, olds: RS[]): void {
  const maxOld = Math.max(0, ...olds.map(revisionOf));
  const cur = revisionOf(rs);
  if (cur > maxOld) return;
  const next = structuredClone(rs);
  const ann = (next.metadata.annotations ??= {});
  ann[REVISION] = String(maxOld + 1);
  if (cur) ann[REVISION_HISTORY] = ann[REVISION_HISTORY] ? `${ann[REVISION_HISTORY]},${cur}` : String(cur);
  env.api.store.put(GR.replicasets, next);
}

function rolling(env: ControllerEnv, d: Deploy, newRs: RS, olds: RS[], f: { maxSurge: number; maxUnavailable: number }): void {
  const replicas = d.spec.replicas ?? 1;
  const specOf = (rs: RS) =>
    (env.api.store.get(GR.replicasets, rs.metadata.namespace, rs.metadata.name) as RS | undefined)?.spec.replicas ?? 0;
  const statusOf = (rs: RS) =>
    (env.api.store.get(GR.replicasets, rs.metadata.namespace, rs.metadata.name) as RS | undefined)?.status?.availableReplicas ?? 0;
  // reconcileNewReplicaSet
  const newSpec = specOf(newRs);
  if (newSpec > replicas) scaleRs(env, d, newRs, replicas, f.maxSurge);
  else if (newSpec < replicas) {
    const total = [newRs, ...olds].reduce((a, rs) => a + specOf(rs), 0);
    const maxTotal = replicas + f.maxSurge;
    if (total < maxTotal) scaleRs(env, d, newRs, newSpec + Math.min(maxTotal - total, replicas - newSpec), f.maxSurge);
  }
  // reconcileOldReplicaSets
  const oldCount = olds.reduce((a, rs) => a + specOf(rs), 0);
  if (!oldCount) return;
  const all = [newRs, ...olds].reduce((a, rs) => a + specOf(rs), 0);
  const minAvailable = replicas - f.maxUnavailable;
  const newUnavailable = specOf(newRs) - statusOf(newRs);
  let maxScaledDown = all - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return;
  const oldest = [...olds].sort((a, b) => Date.parse(a.metadata.creationTimestamp) - Date.parse(b.metadata.creationTimestamp));
  // cleanupUnhealthyReplicas
  for (const rs of oldest) {
    if (maxScaledDown <= 0) break;
    const spec = specOf(rs);
    const unhealthy = spec - statusOf(rs);
    if (!unhealthy) continue;
    const down = Math.min(maxScaledDown, unhealthy);
    scaleRs(env, d, rs, spec - down, f.maxSurge);
    maxScaledDown -= down;
  }
  // scaleDownOldReplicaSetsForRollingUpdate
  const available = [newRs, ...olds].reduce((a, rs) => a + statusOf(rs), 0);
  let total = available - minAvailable;
  for (const rs of oldest) {
    if (total <= 0) break;
    const spec = specOf(rs);
    if (!spec) continue;
    const down = Math.min(spec, total);
    scaleRs(env, d, rs, spec - down, f.maxSurge);
    total -= down;
  }
}

function recreate(env: ControllerEnv, d: Deploy, newRs: RS, olds: RS[]): void {
  for (const rs of olds) if ((rs.spec.replicas ?? 0) > 0) scaleRs(env, d, rs, 0, 0);
  const oldPods = olds.some((rs) => ownedBy(cachedList(env.api.store, GR.pods, d.metadata.namespace), rs).some((p) => isActive(p)));
  if (!oldPods && (newRs.spec.replicas ?? 0) !== (d.spec.replicas ?? 1)) scaleRs(env, d, newRs, d.spec.replicas ?? 1, 0);
}

function condition(
  type: string,
  status: string,
  reason: string,
  message: string,
  now: number,
  prev?: Condition,
  keepUpdate = false,
): Condition {
  const t = rfc3339(now);
  return {
    lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : t,
    lastUpdateTime: keepUpdate && prev && prev.reason === reason ? prev.lastUpdateTime : t,
    message,
    reason,
    status,
    type,
  };
}

function syncStatus(env: ControllerEnv, d: Deploy, newRs: RS | undefined, olds: RS[], f: { maxUnavailable: number }): boolean {
  const cur = env.api.store.get(GR.deployments, d.metadata.namespace, d.metadata.name) as Deploy | undefined;
  if (!cur) return false;
  const fresh = (rs: RS) => env.api.store.get(GR.replicasets, rs.metadata.namespace, rs.metadata.name) as RS | undefined;
  const sets = [newRs, ...olds].map((rs) => (rs ? fresh(rs) : undefined)).filter((x): x is RS => !!x);
  const nrs = newRs ? fresh(newRs) : undefined;
  const sum = (f2: (rs: RS) => number) => sets.reduce((a, rs) => a + f2(rs), 0);
  const replicas = cur.spec.replicas ?? 1;
  const status: DeploymentStatus = {
    availableReplicas: sum((rs) => rs.status?.availableReplicas ?? 0),
    observedGeneration: cur.metadata.generation ?? 1,
    readyReplicas: sum((rs) => rs.status?.readyReplicas ?? 0),
    replicas: sum((rs) => rs.status?.replicas ?? 0),
    unavailableReplicas: 0,
    updatedReplicas: nrs?.status?.replicas ?? 0,
    ...(cur.status?.collisionCount !== undefined ? { collisionCount: cur.status.collisionCount } : {}),
  };
  status.unavailableReplicas = Math.max(replicas - (status.availableReplicas ?? 0), 0);
  const prevConds = cur.status?.conditions ?? [];
  const prev = (type: string) => prevConds.find((c) => c.type === type);
  const avail =
    (status.availableReplicas ?? 0) >= replicas - f.maxUnavailable
      ? condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", env.now, prev("Available"), true)
      : condition(
          "Available",
          "False",
          "MinimumReplicasUnavailable",
          "Deployment does not have minimum availability.",
          env.now,
          prev("Available"),
          true,
        );
  const name = nrs?.metadata.name ?? "";
  const p = prev("Progressing");
  let progressing: Condition | undefined = p;
  const complete = nrs && status.updatedReplicas === replicas && status.replicas === replicas && status.availableReplicas === replicas;
  const old = cur.status ?? {};
  const progressed =
    (status.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    (status.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (status.availableReplicas ?? 0) > (old.availableReplicas ?? 0) ||
    (status.replicas ?? 0) < (old.replicas ?? 0);
  if (cur.spec.paused) {
    progressing =
      p?.reason === "DeploymentPaused" ? p : condition("Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", env.now, p);
  } else if (p?.reason === "DeploymentPaused") {
    progressing = condition("Progressing", "Unknown", "DeploymentResumed", "Deployment is resumed", env.now, p);
  } else if (complete) {
    progressing =
      p?.reason === "NewReplicaSetAvailable" && p.message?.includes(`"${name}"`)
        ? p
        : condition("Progressing", "True", "NewReplicaSetAvailable", `ReplicaSet "${name}" has successfully progressed.`, env.now, p);
  } else if (nrs && (progressed || !p || (p.message !== undefined && !p.message.includes(`"${name}"`)))) {
    const created = !p || !p.message?.includes(`"${name}"`);
    progressing = created
      ? condition("Progressing", "True", "NewReplicaSetCreated", `Created new replica set "${name}"`, env.now, p)
      : condition("Progressing", "True", "ReplicaSetUpdated", `ReplicaSet "${name}" is progressing.`, env.now, p);
  } else if (nrs && p && p.status === "True" && p.reason !== "NewReplicaSetAvailable" && cur.spec.progressDeadlineSeconds !== undefined) {
    const deadline = Date.parse(p.lastUpdateTime ?? "") + cur.spec.progressDeadlineSeconds * 1000;
    if (env.now >= deadline)
      progressing = condition(
        "Progressing",
        "False",
        "ProgressDeadlineExceeded",
        `ReplicaSet "${name}" has timed out progressing.`,
        env.now,
        p,
      );
  }
  const conditions = [avail, ...(progressing ? [progressing] : [])];
  // the apiserver omits zero counts
  const out = Object.fromEntries(Object.entries(status).filter(([k, v]) => v !== 0 || k === "observedGeneration")) as DeploymentStatus;
  const next = structuredClone(cur);
  next.status = { ...out, conditions };
  const wrote = putIfChanged(env, GR.deployments, cur, next);
  if (
    wrote &&
    progressing &&
    progressing.status === "True" &&
    progressing.reason !== "NewReplicaSetAvailable" &&
    cur.spec.progressDeadlineSeconds !== undefined &&
    progressing !== p
  ) {
    schedule(env.state, {
      at: Date.parse(progressing.lastUpdateTime ?? "") + cur.spec.progressDeadlineSeconds * 1000 + 1000,
      owner: "deployment",
      key: objectKey(GR.deployments, cur.metadata.namespace, cur.metadata.name),
      uid: cur.metadata.uid,
      step: "deadline",
    });
  }
  return wrote;
}

function cleanup(env: ControllerEnv, d: Deploy, olds: RS[]): void {
  const limit = d.spec.revisionHistoryLimit ?? 10;
  const idle = olds
    .filter((rs) => (rs.spec.replicas ?? 0) === 0 && (rs.status?.replicas ?? 0) === 0)
    .sort((a, b) => revisionOf(a) - revisionOf(b));
  for (const rs of idle.slice(0, Math.max(idle.length - limit, 0)))
    env.api.store.remove(GR.replicasets, rs.metadata.namespace, rs.metadata.name);
}

function syncOne(env: ControllerEnv, d: Deploy): boolean {
  if (d.metadata.deletionTimestamp) return false;
  const rv = env.api.store.resourceVersion;
  const owned = ownedBy(cachedList(env.api.store, GR.replicasets, d.metadata.namespace), d) as RS[];
  const want = templateWithoutHash(d.spec.template);
  const found = owned.filter((rs) => sameJson(templateWithoutHash((rs.spec as { template?: unknown }).template), want));
  // the oldest matching set is the new one (deployment_util.go FindNewReplicaSet)
  let newRs = found.sort((a, b) => Date.parse(a.metadata.creationTimestamp) - Date.parse(b.metadata.creationTimestamp))[0];
  const olds = owned.filter((rs) => rs !== newRs);
  const f = resolveFenceposts(d.spec);
  if (!d.spec.paused) {
    if (!newRs) {
      const recreate0 = d.spec.strategy?.type === "Recreate" && olds.some((rs) => (rs.spec.replicas ?? 0) > 0);
      const replicas = d.spec.replicas ?? 1;
      const total = olds.reduce((a, rs) => a + (rs.spec.replicas ?? 0), 0);
      const initial = recreate0 ? 0 : olds.length ? Math.max(Math.min(replicas + f.maxSurge - total, replicas), 0) : replicas;
      newRs = createNewRs(env, d, olds, initial, f.maxSurge);
    } else bumpRevision(env, newRs, olds);
    const rev = String(revisionOf(env.api.store.get(GR.replicasets, newRs.metadata.namespace, newRs.metadata.name) ?? newRs));
    if (d.metadata.annotations?.[REVISION] !== rev) {
      const next = structuredClone(env.api.store.get(GR.deployments, d.metadata.namespace, d.metadata.name) as Deploy);
      next.metadata.annotations = { ...next.metadata.annotations, [REVISION]: rev };
      env.api.store.put(GR.deployments, next);
    }
    if (d.spec.strategy?.type === "Recreate") recreate(env, d, newRs, olds);
    else rolling(env, d, newRs, olds, f);
    cleanup(env, d, olds);
  }
  syncStatus(env, d, newRs, olds, f);
  return env.api.store.resourceVersion !== rv;
}

export const deploymentController = ownerController<Deploy>({
  name: "deployment",
  kind: "Deployment",
  gr: GR.deployments,
  owns: ["apps/replicasets/"],
  sync: syncOne,
});

/** The progress deadline came: the level-triggered sync above decides (and reports ProgressDeadlineExceeded). */
export const deploymentTimed: TimedHandler = (env, e) => {
  const d = env.api.store.getByKey(e.key) as Deploy | undefined;
  if (d && d.metadata.uid === e.uid) syncOne(env, d);
};
