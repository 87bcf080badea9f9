/**
 * The HorizontalPodAutoscaler controller of kube-controller-manager (pkg/controller/podautoscaler,
 * horizontal.go and replica_calculator.go, metrics/utilization.go), for Resource metrics (cpu,
 * memory: averageUtilization of the pods' requests, or averageValue) read from metrics.k8s.io as
 * its REST metrics client reads them (metrics/server.ts, computed when read). It syncs each HPA when
 * it first sees it and then every --horizontal-pod-autoscaler-sync-period (15s) on the timed event
 * queue; the sync is reconcileAutoscaler: the target's scale (AbleToScale FailedGetScale /
 * SucceededGetScale), the min/max guards, computeReplicasForMetrics (ScalingActive ValidMetricFound,
 * or FailedGetResourceMetric with the Warning events FailedGetResourceMetric and
 * FailedComputeMetricsReplicas), normalizeDesiredReplicas (the downscale stabilisation window of
 * 5 minutes: AbleToScale ScaleDownStabilized / ReadyForNewScale; convertDesiredReplicasWithRules:
 * ScalingLimited TooManyReplicas / TooFewReplicas / ScaleUpLimit / DesiredWithinRange), the rescale
 * (AbleToScale SucceededRescale, event SuccessfulRescale "New size: N; reason: ...") and
 * setStatus. The recommendations the stabilisation window remembers (the controller's memory in
 * Go) travel on the HPA's pending timed event, so a saved cluster resumes them.
 * Not modelled: spec.behavior's rate policies (an HPA with behavior uses the same path, with its
 * scaleDown.stabilizationWindowSeconds as the window and scale-ups at once), and the Pods, Object,
 * External and ContainerResource metric sources (they count as invalid metrics).
 */
import { rfc3339 } from "../api/meta";
import { labelSelectorRequirements, labelsMatch } from "../api/selectors";
import type { KObject, Status } from "../api/types";
import type { HorizontalPodAutoscaler, HPACondition, MetricSpec, MetricStatus } from "../kinds/horizontalpodautoscalers/types";
import type { Pod } from "../kinds/pods/types";
import { milliValue, parseQuantity, quantityString } from "../kinds/_shared/quantity";
import { metricsObjects } from "../metrics/server";
import { cancel, schedule, timelineOf, type TimedEvent } from "../time/timeline";
import { cachedList } from "./informer";
import { recordEvent } from "./recorder";
import type { Controller, ControllerEnv, TimedHandler } from "./types";
import { CONTROLLER_USER, sameJson } from "./workload-util";

const HPAS = { group: "autoscaling", resource: "horizontalpodautoscalers" };
const PODS = { group: "", resource: "pods" };
const SOURCE = { component: "horizontal-pod-autoscaler" };
/** --horizontal-pod-autoscaler-sync-period */
export const HPA_SYNC_PERIOD_MS = 15_000;
/** --horizontal-pod-autoscaler-downscale-stabilization */
export const DOWNSCALE_STABILISATION_MS = 5 * 60_000;
/** --horizontal-pod-autoscaler-tolerance */
export const TOLERANCE = 0.1;
/** --horizontal-pod-autoscaler-cpu-initialization-period, --horizontal-pod-autoscaler-initial-readiness-delay */
const CPU_INITIALIZATION_MS = 5 * 60_000;
const INITIAL_READINESS_DELAY_MS = 30_000;
/** horizontal.go scaleUpLimitFactor, scaleUpLimitMinimum */
const SCALE_UP_LIMIT_FACTOR = 2;
const SCALE_UP_LIMIT_MINIMUM = 4;

/** a timestampedRecommendation: [epoch ms, replicas] */
export type Recommendation = [number, number];

type PodMetrics = KObject & { timestamp?: string; window?: string; containers?: { name: string; usage?: Record<string, string> }[] };
interface PodMetric {
  value: number;
  timestamp: number;
  window: number;
}

class MetricError extends Error {}

const parseWindow = (w: string | undefined) => {
  const m = /^(\d+(?:\.\d+)?)s$/.exec(w ?? "");
  return m ? Math.round(Number(m[1]) * 1000) : 0;
};

/** rest_metrics_client.go GetResourceMetric: each pod's usage of `resource` in milli-units (pods missing a container's figure left out) */
function resourceMetric(
  env: ControllerEnv,
  resource: string,
  namespace: string,
  selector: (labels?: Record<string, string>) => boolean,
): Map<string, PodMetric> {
  const got = metricsObjects(env.api.reader(), env.now, "pods", namespace);
  if (!Array.isArray(got))
    throw new MetricError(
      `unable to get metrics for resource ${resource}: unable to fetch metrics from resource metrics API: ${got.message ?? ""}`,
    );
  const items = (got as PodMetrics[]).filter((m) => selector(m.metadata.labels));
  if (!items.length) throw new MetricError(`unable to get metrics for resource ${resource}: no metrics returned from resource metrics API`);
  const out = new Map<string, PodMetric>();
  for (const m of items) {
    let sum = 0;
    let missing = !(m.containers ?? []).length;
    for (const c of m.containers ?? []) {
      const q = parseQuantity(c.usage?.[resource] ?? "");
      if ("error" in q) {
        missing = true;
        break;
      }
      sum += Number(milliValue(q));
    }
    if (!missing) out.set(m.metadata.name, { value: sum, timestamp: Date.parse(m.timestamp ?? ""), window: parseWindow(m.window) });
  }
  return out;
}

const readyCondition = (p: Pod) => (p.status?.conditions ?? []).find((c) => c.type === "Ready");

/** replica_calculator.go groupPods */
function groupPods(pods: Pod[], metrics: Map<string, PodMetric>, resource: string, now: number) {
  let readyPodCount = 0;
  const unready = new Set<string>();
  const missing = new Set<string>();
  const ignored = new Set<string>();
  for (const pod of pods) {
    const name = pod.metadata.name;
    if (pod.metadata.deletionTimestamp || pod.status?.phase === "Failed") {
      ignored.add(name);
      continue;
    }
    if (pod.status?.phase === "Pending") {
      unready.add(name);
      continue;
    }
    const metric = metrics.get(name);
    if (!metric) {
      missing.add(name);
      continue;
    }
    if (resource === "cpu") {
      const condition = readyCondition(pod);
      const start = pod.status?.startTime ? Date.parse(pod.status.startTime) : undefined;
      let isUnready: boolean;
      if (!condition || start === undefined) isUnready = true;
      else {
        const transition = Date.parse(condition.lastTransitionTime ?? "");
        if (start + CPU_INITIALIZATION_MS > now) isUnready = condition.status === "False" || metric.timestamp < transition + metric.window;
        else isUnready = condition.status === "False" && start + INITIAL_READINESS_DELAY_MS > transition;
      }
      if (isUnready) {
        unready.add(name);
        continue;
      }
    }
    readyPodCount++;
  }
  return { readyPodCount, unready, missing, ignored };
}

/** calculatePodRequestsFromContainers, summed over the pod's containers */
function podRequests(pods: Pod[], resource: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const pod of pods) {
    let sum = 0;
    for (const c of pod.spec?.containers ?? []) {
      const raw = c.resources?.requests?.[resource];
      const q = raw === undefined ? undefined : parseQuantity(raw);
      if (!q || "error" in q) throw new MetricError(`missing request for ${resource} in container ${c.name} of Pod ${pod.metadata.name}`);
      sum += Number(milliValue(q));
    }
    out.set(pod.metadata.name, sum);
  }
  return out;
}

/** metrics/utilization.go GetResourceUtilizationRatio */
export function resourceUtilizationRatio(
  metrics: Map<string, number>,
  requests: Map<string, number>,
  targetUtilization: number,
): { ratio: number; utilization: number; rawAverage: number } {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let entries = 0;
  for (const [pod, value] of metrics) {
    const request = requests.get(pod);
    if (request === undefined) continue;
    metricsTotal += value;
    requestsTotal += request;
    entries++;
  }
  if (requestsTotal === 0) throw new MetricError("no metrics returned matched known pods");
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ratio: utilization / targetUtilization, utilization, rawAverage: Math.trunc(metricsTotal / entries) };
}

/** metrics/utilization.go GetMetricUsageRatio */
function metricUsageRatio(metrics: Map<string, number>, target: number): { ratio: number; usage: number } {
  let total = 0;
  for (const v of metrics.values()) total += v;
  const usage = Math.trunc(total / metrics.size);
  return { ratio: usage / target, usage };
}

const withinTolerance = (ratio: number) => Math.abs(1 - ratio) <= TOLERANCE;

/**
 * replica_calculator.go GetResourceReplicas (targetUtilization set) or GetRawResourceReplicas /
 * calcPlainMetricReplicas (targetUsage, milli-units): the proposal, the utilization (percent, or
 * the average usage) and the raw average.
 */
export function resourceReplicas(
  currentReplicas: number,
  pods: Pod[],
  podMetrics: Map<string, PodMetric>,
  resource: string,
  now: number,
  target: { utilization: number } | { usage: number },
): { replicas: number; utilization: number; rawAverage: number } {
  if (!pods.length) throw new MetricError("no pods returned by selector while calculating replica count");
  const { readyPodCount, unready, missing, ignored } = groupPods(pods, podMetrics, resource, now);
  const metrics = new Map([...podMetrics].map(([k, v]) => [k, v.value]));
  for (const p of [...ignored, ...unready]) metrics.delete(p);
  if (!metrics.size) throw new MetricError("did not receive metrics for targeted pods (pods might be unready)");
  const utilizationTarget = "utilization" in target;
  const requests = utilizationTarget ? podRequests(pods, resource) : new Map<string, number>();
  const ratioOf = (m: Map<string, number>) => {
    if (utilizationTarget) return resourceUtilizationRatio(m, requests, target.utilization);
    const r = metricUsageRatio(m, target.usage);
    return { ratio: r.ratio, utilization: r.usage, rawAverage: r.usage };
  };
  const first = ratioOf(metrics);
  const { ratio: usageRatio } = first;
  const result = (replicas: number) => ({ replicas, utilization: first.utilization, rawAverage: first.rawAverage });
  const scaleUpWithUnready = unready.size > 0 && usageRatio > 1;
  if (!scaleUpWithUnready && !missing.size) {
    if (withinTolerance(usageRatio)) return result(currentReplicas);
    return result(Math.ceil(usageRatio * readyPodCount));
  }
  if (missing.size) {
    if (usageRatio < 1) {
      // on a scale-down, treat missing pods as using 100% (all) of the request (or the target, above 100%)
      for (const p of missing)
        metrics.set(p, utilizationTarget ? Math.trunc(((requests.get(p) ?? 0) * Math.max(100, target.utilization)) / 100) : target.usage);
    } else if (usageRatio > 1) for (const p of missing) metrics.set(p, 0);
  }
  if (scaleUpWithUnready) for (const p of unready) metrics.set(p, 0);
  const { ratio: newUsageRatio } = ratioOf(metrics);
  if (withinTolerance(newUsageRatio) || (usageRatio < 1 && newUsageRatio > 1) || (usageRatio > 1 && newUsageRatio < 1))
    return result(currentReplicas);
  const newReplicas = Math.ceil(newUsageRatio * metrics.size);
  if ((newUsageRatio < 1 && newReplicas > currentReplicas) || (newUsageRatio > 1 && newReplicas < currentReplicas))
    return result(currentReplicas);
  return result(newReplicas);
}

/** convertDesiredReplicasWithRules */
export function convertDesiredReplicasWithRules(current: number, desired: number, min: number, max: number): [number, string, string] {
  const scaleUpLimit = Math.max(SCALE_UP_LIMIT_FACTOR * current, SCALE_UP_LIMIT_MINIMUM);
  let maximum: number;
  let condition: string;
  let reason: string;
  if (max > scaleUpLimit) {
    maximum = scaleUpLimit;
    condition = "ScaleUpLimit";
    reason = "the desired replica count is increasing faster than the maximum scale rate";
  } else {
    maximum = max;
    condition = "TooManyReplicas";
    reason = "the desired replica count is more than the maximum replica count";
  }
  if (desired < min) return [min, "TooFewReplicas", "the desired replica count is less than the minimum replica count"];
  if (desired > maximum) return [maximum, condition, reason];
  return [desired, "DesiredWithinRange", "the desired count is within the acceptable range"];
}

/** stabilizeRecommendation: the highest recommendation of the window (this one included); the oldest expired one is replaced */
export function stabilizeRecommendation(
  recs: Recommendation[],
  now: number,
  windowMs: number,
  proposal: number,
): { value: number; recs: Recommendation[] } {
  let max = proposal;
  let oldIndex = -1;
  const cutoff = now - windowMs;
  recs.forEach(([at, r], i) => {
    if (at < cutoff) oldIndex = i;
    else if (r > max) max = r;
  });
  const next = recs.map((r) => [...r] as Recommendation);
  if (oldIndex >= 0) next[oldIndex] = [now, proposal];
  else next.push([now, proposal]);
  return { value: max, recs: next };
}

/** setConditionInList: lastTransitionTime moves only when the status changes */
function setCondition(conds: HPACondition[], type: string, status: string, reason: string, message: string, now: number): void {
  let c = conds.find((x) => x.type === type);
  if (!c) {
    c = { type };
    conds.push(c);
  }
  if (c.status !== status) c.lastTransitionTime = rfc3339(now);
  c.status = status;
  c.reason = reason;
  c.message = message;
}

interface ScaleTarget {
  obj: KObject;
  gr: { group: string; resource: string };
  version: string;
  replicas: number;
  selector: (labels?: Record<string, string>) => boolean;
}

/** the target's scale subresource (scaleForResourceMappings), or the error kubectl would see */
function getScale(env: ControllerEnv, hpa: HorizontalPodAutoscaler): ScaleTarget | string {
  const ref = hpa.spec?.scaleTargetRef ?? {};
  const apiVersion = ref.apiVersion ?? "";
  const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
  const def = env.api.kinds.find((k) => k.resource.group === group && k.resource.kind === ref.kind);
  if (!def) return `no matches for kind "${ref.kind ?? ""}" in group "${group}"`;
  const gr = { group: def.resource.group, resource: def.resource.resource };
  const obj = env.api.store.get(gr, hpa.metadata.namespace, ref.name ?? "");
  const qualified = gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
  if (!def.strategy?.scale) return `${qualified} "${ref.name ?? ""}" not found`;
  if (!obj) return `${qualified} "${ref.name ?? ""}" not found`;
  const spec = (obj.spec ?? {}) as { replicas?: number; selector?: Parameters<typeof labelSelectorRequirements>[0] };
  const reqs = labelSelectorRequirements(spec.selector);
  return { obj, gr, version: def.resource.version, replicas: spec.replicas ?? 1, selector: (l) => labelsMatch(reqs, l) };
}

interface MetricOutcome {
  replicas: number;
  name: string;
  status?: MetricStatus;
  /** the ScalingActive condition of a failed metric: reason, message */
  failure?: { reason: string; message: string; error: string };
}

/** computeReplicasForMetric, for one metric spec */
function replicasForMetric(
  env: ControllerEnv,
  hpa: HorizontalPodAutoscaler,
  spec: MetricSpec,
  target: ScaleTarget,
  occurrences: number,
): MetricOutcome {
  const unable = (reason: string, err: string, wrapped: string): MetricOutcome => {
    // getUnableComputeReplicaCountCondition records the event
    recordEvent(env, { obj: hpa }, "Warning", reason, err, SOURCE, occurrences);
    return {
      replicas: 0,
      name: "",
      failure: { reason, message: `the HPA was unable to compute the replica count: ${err}`, error: wrapped },
    };
  };
  if (spec.type !== "Resource" || !spec.resource) {
    const err = `unsupported metric source type "${spec.type ?? ""}"`;
    return unable("FailedGetResourceMetric", err, err);
  }
  const resource = spec.resource.name ?? "";
  const t = spec.resource.target ?? {};
  const pods = (cachedList(env.api.store, PODS, hpa.metadata.namespace) as Pod[]).filter((p) => target.selector(p.metadata.labels));
  const wrap = (e: string) => `failed to get ${resource} resource metric value: ${e}`;
  if (t.averageValue !== undefined) {
    const q = parseQuantity(t.averageValue);
    const usage = "error" in q ? 0 : Number(milliValue(q));
    try {
      const r = resourceReplicas(
        target.replicas,
        pods,
        resourceMetric(env, resource, hpa.metadata.namespace ?? "", target.selector),
        resource,
        env.now,
        { usage },
      );
      return {
        replicas: r.replicas,
        name: `${resource} resource`,
        status: { type: "Resource", resource: { name: resource, current: { averageValue: milliQuantity(r.rawAverage) } } },
      };
    } catch (e) {
      if (!(e instanceof MetricError)) throw e;
      const err = `failed to get ${resource} usage: ${e.message}`;
      return unable("FailedGetResourceMetric", err, wrap(err));
    }
  }
  if (t.averageUtilization === undefined) {
    const err = "invalid resource metric source: neither an average utilization target nor an average value (usage) target was set";
    return unable("FailedGetResourceMetric", err, wrap(err));
  }
  try {
    const metrics = resourceMetric(env, resource, hpa.metadata.namespace ?? "", target.selector);
    const r = resourceReplicas(target.replicas, pods, metrics, resource, env.now, { utilization: t.averageUtilization });
    return {
      replicas: r.replicas,
      name: `${resource} resource utilization (percentage of request)`,
      status: {
        type: "Resource",
        resource: { name: resource, current: { averageUtilization: r.utilization, averageValue: milliQuantity(r.rawAverage) } },
      },
    };
  } catch (e) {
    if (!(e instanceof MetricError)) throw e;
    const err = `failed to get ${resource} utilization: ${e.message}`;
    return unable("FailedGetResourceMetric", err, wrap(err));
  }
}

/** resource.NewMilliQuantity(v, DecimalSI).String() */
const milliQuantity = (v: number) => quantityString({ mant: BigInt(v), scale: -3, format: "DecimalSI" });

/** One reconcileAutoscaler; returns the stabilisation window's recommendations to carry on. */
function reconcileAutoscaler(
  env: ControllerEnv,
  hpa0: HorizontalPodAutoscaler,
  recs0: Recommendation[] | undefined,
  occurrences = 1,
): Recommendation[] | undefined {
  const hpa = structuredClone(hpa0);
  const conds: HPACondition[] = structuredClone(hpa.status?.conditions ?? []);
  const spec = hpa.spec ?? {};
  const ref = spec.scaleTargetRef ?? {};
  const now = env.now;
  const writeStatus = (status: NonNullable<HorizontalPodAutoscaler["status"]>) => {
    const next = { ...hpa, status: { ...status, conditions: conds } };
    if (!sameJson(hpa0.status, next.status)) env.api.store.put(HPAS, next);
  };
  const target = getScale(env, hpa);
  if (typeof target === "string") {
    recordEvent(env, { obj: hpa0 }, "Warning", "FailedGetScale", target, SOURCE, occurrences);
    setCondition(
      conds,
      "AbleToScale",
      "False",
      "FailedGetScale",
      `the HPA controller was unable to get the target's current scale: ${target}`,
      now,
    );
    writeStatus({ ...hpa.status });
    return recs0;
  }
  setCondition(conds, "AbleToScale", "True", "SucceededGetScale", "the HPA controller was able to get the target's current scale", now);
  const currentReplicas = target.replicas;
  // recordInitialRecommendation
  let recs: Recommendation[] = recs0 ?? [[now, currentReplicas]];
  const minReplicas = spec.minReplicas ?? 1;
  const maxReplicas = spec.maxReplicas ?? 0;
  let desiredReplicas = 0;
  let rescaleReason = "";
  let rescale = true;
  let metricStatuses: MetricStatus[] | undefined = hpa.status?.currentMetrics ?? undefined;
  if (currentReplicas === 0 && minReplicas !== 0) {
    desiredReplicas = 0;
    rescale = false;
    setCondition(
      conds,
      "ScalingActive",
      "False",
      "ScalingDisabled",
      "scaling is disabled since the replica count of the target is zero",
      now,
    );
  } else if (currentReplicas > maxReplicas) {
    rescaleReason = "Current number of replicas above Spec.MaxReplicas";
    desiredReplicas = maxReplicas;
  } else if (currentReplicas < minReplicas) {
    rescaleReason = "Current number of replicas below Spec.MinReplicas";
    desiredReplicas = minReplicas;
  } else {
    // computeReplicasForMetrics
    const specs = spec.metrics ?? [];
    const statuses: MetricStatus[] = [];
    let replicas = 0;
    let metricName = "";
    let invalid = 0;
    let firstInvalid: MetricOutcome["failure"];
    for (const m of specs) {
      const o = replicasForMetric(env, hpa0, m, target, occurrences);
      statuses.push(o.status ?? {});
      if (o.failure) {
        if (invalid === 0) firstInvalid = o.failure;
        invalid++;
        continue;
      }
      if (replicas === 0 || o.replicas > replicas) {
        replicas = o.replicas;
        metricName = o.name;
      }
    }
    metricStatuses = statuses;
    if (firstInvalid && (invalid >= specs.length || replicas < currentReplicas)) {
      setCondition(conds, "ScalingActive", "False", firstInvalid.reason, firstInvalid.message, now);
      // setCurrentReplicasAndMetricsInStatus, then the FailedComputeMetricsReplicas event
      writeStatus({ ...hpa.status, currentReplicas, desiredReplicas: hpa.status?.desiredReplicas ?? 0, currentMetrics: metricStatuses });
      recordEvent(
        env,
        { obj: hpa0 },
        "Warning",
        "FailedComputeMetricsReplicas",
        `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${firstInvalid.error}`,
        SOURCE,
        occurrences,
      );
      return recs;
    }
    setCondition(
      conds,
      "ScalingActive",
      "True",
      "ValidMetricFound",
      `the HPA was able to successfully calculate a replica count from ${metricName}`,
      now,
    );
    let rescaleMetric = "";
    if (replicas > desiredReplicas) {
      desiredReplicas = replicas;
      rescaleMetric = metricName;
    }
    if (desiredReplicas > currentReplicas) rescaleReason = `${rescaleMetric} above target`;
    if (desiredReplicas < currentReplicas) rescaleReason = "All metrics below target";
    // normalizeDesiredReplicas
    const windowMs = (spec.behavior?.scaleDown?.stabilizationWindowSeconds ?? DOWNSCALE_STABILISATION_MS / 1000) * 1000;
    const stabilized = stabilizeRecommendation(recs, now, windowMs, desiredReplicas);
    recs = stabilized.recs;
    if (stabilized.value !== desiredReplicas)
      setCondition(
        conds,
        "AbleToScale",
        "True",
        "ScaleDownStabilized",
        "recent recommendations were higher than current one, applying the highest recent recommendation",
        now,
      );
    else setCondition(conds, "AbleToScale", "True", "ReadyForNewScale", "recommended size matches current size", now);
    const [normalized, condition, reason] = convertDesiredReplicasWithRules(currentReplicas, stabilized.value, minReplicas, maxReplicas);
    setCondition(conds, "ScalingLimited", normalized === stabilized.value ? "False" : "True", condition, reason, now);
    desiredReplicas = normalized;
    rescale = desiredReplicas !== currentReplicas;
  }
  let lastScaleTime = hpa.status?.lastScaleTime;
  if (rescale) {
    const r = env.api.request({
      verb: "patch",
      group: target.gr.group,
      version: target.version,
      resource: target.gr.resource,
      namespace: hpa.metadata.namespace,
      name: ref.name,
      patchType: "merge",
      body: { spec: { replicas: desiredReplicas } },
      user: CONTROLLER_USER,
    });
    if (r.body.kind === "Status" && (r.body as Status).status === "Failure") {
      const err = (r.body as Status).message ?? "";
      recordEvent(
        env,
        { obj: hpa0 },
        "Warning",
        "FailedRescale",
        `New size: ${desiredReplicas}; reason: ${rescaleReason}; error: ${err}`,
        SOURCE,
      );
      setCondition(
        conds,
        "AbleToScale",
        "False",
        "FailedUpdateScale",
        `the HPA controller was unable to update the target scale: ${err}`,
        now,
      );
      writeStatus({ ...hpa.status, currentReplicas });
      return recs;
    }
    setCondition(
      conds,
      "AbleToScale",
      "True",
      "SucceededRescale",
      `the HPA controller was able to update the target scale to ${desiredReplicas}`,
      now,
    );
    recordEvent(env, { obj: hpa0 }, "Normal", "SuccessfulRescale", `New size: ${desiredReplicas}; reason: ${rescaleReason}`, SOURCE);
    lastScaleTime = rfc3339(now);
  } else desiredReplicas = currentReplicas;
  // setStatus
  writeStatus({
    ...(lastScaleTime ? { lastScaleTime } : {}),
    currentReplicas,
    desiredReplicas,
    ...(metricStatuses ? { currentMetrics: metricStatuses } : {}),
  });
  return recs;
}

const pendingSync = (env: ControllerEnv, key: string): TimedEvent | undefined =>
  timelineOf(env.state).events.find((e) => e.owner === "horizontal-pod-autoscaler" && e.key === key);

/**
 * A sync whose only writes were repeats of events it had recorded before (count increments), with
 * a steady stabilisation window and every targeted pod past the CPU initialisation period, gives
 * the same outcome at each following period until something else happens: the queue then jumps
 * over those periods in one sync at the last of them, its events counted as that many occurrences
 * (nothing ticks while nobody looks; settle stays cheap after a day away).
 */
function steady(env: ControllerEnv, since: number, recs: Recommendation[] | undefined, hpa: HorizontalPodAutoscaler): boolean {
  const writes = env.api.store.eventsSince(since, () => true);
  if (!writes || writes.some((w) => w.type !== "MODIFIED" || !w.key.startsWith("/events/"))) return false;
  if (recs && recs.some(([, r]) => r !== recs[recs.length - 1][1])) return false;
  const target = getScale(env, hpa);
  if (typeof target === "string") return true;
  const settled = env.now - CPU_INITIALIZATION_MS - HPA_SYNC_PERIOD_MS;
  return (cachedList(env.api.store, PODS, hpa.metadata.namespace) as Pod[])
    .filter((p) => target.selector(p.metadata.labels))
    .every((p) => p.status?.phase === "Running" && Date.parse(p.status.startTime ?? "") < settled);
}

function syncAndSchedule(env: ControllerEnv, key: string, hpa: HorizontalPodAutoscaler, recs: Recommendation[] | undefined): void {
  const since = env.api.store.resourceVersion;
  let next = reconcileAutoscaler(env, hpa, recs);
  let at = env.now;
  // up to the next thing that can change the pods: another owner's event, or the settle's horizon (other HPAs sync on their own)
  const other = timelineOf(env.state).events.find((e) => e.owner !== "horizontal-pod-autoscaler");
  const limit = Math.min(env.horizon, other?.at ?? Infinity);
  const skipped = Math.floor((limit - at) / HPA_SYNC_PERIOD_MS);
  if (skipped >= 1 && steady(env, since, next, hpa)) {
    at += skipped * HPA_SYNC_PERIOD_MS;
    const current = env.api.store.getByKey(key) as HorizontalPodAutoscaler;
    next = reconcileAutoscaler({ ...env, now: at }, current, next, skipped);
  }
  cancel(env.state, key, (e) => e.owner === "horizontal-pod-autoscaler");
  schedule(env.state, {
    at: at + HPA_SYNC_PERIOD_MS,
    owner: "horizontal-pod-autoscaler",
    key,
    uid: hpa.metadata.uid,
    step: "sync",
    ...(next ? { recommendations: next } : {}),
  });
}

const keyOf = (o: KObject) => `${HPAS.group}/${HPAS.resource}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;

/** A new HPA is synced at once (the informer's add), then every sync period from the queue. */
export const horizontalPodAutoscalerController: Controller = {
  name: "horizontal-pod-autoscaler",
  relevant: (r) => r.key.startsWith(`${HPAS.group}/${HPAS.resource}/`),
  reconcile(env, changes) {
    const store = env.api.store;
    const hpas = changes
      ? [...new Set(changes.map((c) => c.key))].map((k) => store.getByKey(k)).filter((o): o is KObject => !!o)
      : cachedList(store, HPAS);
    const rv = store.resourceVersion;
    for (const hpa of hpas) {
      const key = keyOf(hpa);
      const pending = pendingSync(env, key);
      if (pending && pending.uid === hpa.metadata.uid) continue;
      syncAndSchedule(env, key, hpa, undefined);
    }
    return store.resourceVersion !== rv;
  },
};

export const horizontalPodAutoscalerTimed: TimedHandler = (env, e) => {
  const hpa = env.api.store.getByKey(e.key);
  if (!hpa || hpa.metadata.uid !== e.uid) return;
  syncAndSchedule(env, e.key, hpa, e.recommendations);
};
