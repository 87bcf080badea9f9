/**
 * autoscaling/v1 <-> autoscaling/v2 HorizontalPodAutoscaler, as pkg/apis/autoscaling/v1/conversion.go
 * converts them through the internal type: v1 carries one CPU utilization target; every other
 * metric, the current metrics, the conditions and the behavior travel in the
 * autoscaling.alpha.kubernetes.io/* annotations (JSON of the v1 shapes; behavior as Go field
 * names, since upstream marshals the internal type). `kubectl autoscale` posts autoscaling/v1.
 * A v1 object converted to v2 gets v2's defaults applied when it is read back (defaultHPA).
 */
import type { KObject } from "../../api/types";
import type { LabelSelector } from "../_shared/core-types";
import type {
  CrossVersionObjectReference,
  HorizontalPodAutoscaler,
  HPACondition,
  HPAScalingRules,
  MetricSpec,
  MetricStatus,
} from "./types";

export const METRIC_SPECS_ANNOTATION = "autoscaling.alpha.kubernetes.io/metrics";
export const METRIC_STATUSES_ANNOTATION = "autoscaling.alpha.kubernetes.io/current-metrics";
export const CONDITIONS_ANNOTATION = "autoscaling.alpha.kubernetes.io/conditions";
export const BEHAVIOR_ANNOTATION = "autoscaling.alpha.kubernetes.io/behavior";
const ROUND_TRIP = [METRIC_SPECS_ANNOTATION, METRIC_STATUSES_ANNOTATION, CONDITIONS_ANNOTATION, BEHAVIOR_ANNOTATION];

type Q = string | number;
interface V1MetricSpec {
  type?: string;
  object?: { target?: CrossVersionObjectReference; metricName?: string; targetValue?: Q; selector?: LabelSelector; averageValue?: Q };
  pods?: { metricName?: string; targetAverageValue?: Q; selector?: LabelSelector };
  resource?: { name?: string; targetAverageUtilization?: number; targetAverageValue?: Q };
  containerResource?: { name?: string; targetAverageUtilization?: number; targetAverageValue?: Q; container?: string };
  external?: { metricName?: string; metricSelector?: LabelSelector; targetValue?: Q; targetAverageValue?: Q };
}
interface V1MetricStatus {
  type?: string;
  object?: { target?: CrossVersionObjectReference; metricName?: string; currentValue?: Q; selector?: LabelSelector; averageValue?: Q };
  pods?: { metricName?: string; currentAverageValue?: Q; selector?: LabelSelector };
  resource?: { name?: string; currentAverageUtilization?: number; currentAverageValue?: Q };
  containerResource?: { name?: string; currentAverageUtilization?: number; currentAverageValue?: Q; container?: string };
  external?: { metricName?: string; metricSelector?: LabelSelector; currentValue?: Q; currentAverageValue?: Q };
}
export type HorizontalPodAutoscalerV1 = KObject & {
  spec?: {
    scaleTargetRef?: CrossVersionObjectReference;
    minReplicas?: number;
    maxReplicas?: number;
    targetCPUUtilizationPercentage?: number;
  };
  status?: {
    observedGeneration?: number;
    lastScaleTime?: string;
    currentReplicas?: number;
    desiredReplicas?: number;
    currentCPUUtilizationPercentage?: number;
  };
};

/** JSON without undefined members, in the key order given (Go struct order). */
const clean = <T extends object>(o: T): T => JSON.parse(JSON.stringify(o)) as T;

function specFromV1(m: V1MetricSpec): MetricSpec {
  const util = (u?: number, v?: Q) =>
    u !== undefined ? { type: "Utilization", averageUtilization: u } : { type: "AverageValue", averageValue: v };
  return clean({
    type: m.type,
    object: m.object && {
      describedObject: m.object.target,
      target:
        m.object.averageValue !== undefined
          ? { type: "AverageValue", averageValue: m.object.averageValue }
          : { type: "Value", value: m.object.targetValue },
      metric: { name: m.object.metricName, selector: m.object.selector },
    },
    pods: m.pods && {
      metric: { name: m.pods.metricName, selector: m.pods.selector },
      target: { type: "AverageValue", averageValue: m.pods.targetAverageValue },
    },
    resource: m.resource && { name: m.resource.name, target: util(m.resource.targetAverageUtilization, m.resource.targetAverageValue) },
    containerResource: m.containerResource && {
      name: m.containerResource.name,
      target: util(m.containerResource.targetAverageUtilization, m.containerResource.targetAverageValue),
      container: m.containerResource.container,
    },
    external: m.external && {
      metric: { name: m.external.metricName, selector: m.external.metricSelector },
      target:
        m.external.targetAverageValue !== undefined
          ? { type: "AverageValue", averageValue: m.external.targetAverageValue }
          : { type: "Value", value: m.external.targetValue },
    },
  });
}

function specToV1(m: MetricSpec): V1MetricSpec {
  return clean({
    type: m.type,
    object: m.object && {
      target: m.object.describedObject,
      metricName: m.object.metric?.name,
      targetValue: m.object.target?.value,
      selector: m.object.metric?.selector,
      averageValue: m.object.target?.averageValue,
    },
    pods: m.pods && { metricName: m.pods.metric?.name, targetAverageValue: m.pods.target?.averageValue, selector: m.pods.metric?.selector },
    resource: m.resource && {
      name: m.resource.name,
      targetAverageUtilization: m.resource.target?.averageUtilization,
      targetAverageValue: m.resource.target?.averageValue,
    },
    containerResource: m.containerResource && {
      name: m.containerResource.name,
      targetAverageUtilization: m.containerResource.target?.averageUtilization,
      targetAverageValue: m.containerResource.target?.averageValue,
      container: m.containerResource.container,
    },
    external: m.external && {
      metricName: m.external.metric?.name,
      metricSelector: m.external.metric?.selector,
      targetValue: m.external.target?.value,
      targetAverageValue: m.external.target?.averageValue,
    },
  });
}

function statusFromV1(m: V1MetricStatus): MetricStatus {
  return clean({
    type: m.type,
    object: m.object && {
      metric: { name: m.object.metricName, selector: m.object.selector },
      current: { value: m.object.currentValue, averageValue: m.object.averageValue },
      describedObject: m.object.target,
    },
    pods: m.pods && {
      metric: { name: m.pods.metricName, selector: m.pods.selector },
      current: { averageValue: m.pods.currentAverageValue },
    },
    resource: m.resource && {
      name: m.resource.name,
      current: { averageValue: m.resource.currentAverageValue, averageUtilization: m.resource.currentAverageUtilization },
    },
    containerResource: m.containerResource && {
      name: m.containerResource.name,
      current: { averageValue: m.containerResource.currentAverageValue, averageUtilization: m.containerResource.currentAverageUtilization },
      container: m.containerResource.container,
    },
    external: m.external && {
      metric: { name: m.external.metricName, selector: m.external.metricSelector },
      current: { value: m.external.currentValue, averageValue: m.external.currentAverageValue },
    },
  });
}

function statusToV1(m: MetricStatus): V1MetricStatus {
  return clean({
    type: m.type,
    object: m.object && {
      target: m.object.describedObject,
      metricName: m.object.metric?.name,
      currentValue: m.object.current?.value ?? "0",
      selector: m.object.metric?.selector,
      averageValue: m.object.current?.averageValue,
    },
    pods: m.pods && {
      metricName: m.pods.metric?.name,
      currentAverageValue: m.pods.current?.averageValue ?? "0",
      selector: m.pods.metric?.selector,
    },
    resource: m.resource && {
      name: m.resource.name,
      currentAverageUtilization: m.resource.current?.averageUtilization,
      currentAverageValue: m.resource.current?.averageValue ?? "0",
    },
    containerResource: m.containerResource && {
      name: m.containerResource.name,
      currentAverageUtilization: m.containerResource.current?.averageUtilization,
      currentAverageValue: m.containerResource.current?.averageValue ?? "0",
      container: m.containerResource.container,
    },
    external: m.external && {
      metricName: m.external.metric?.name,
      metricSelector: m.external.metric?.selector,
      currentValue: m.external.current?.value ?? "0",
      currentAverageValue: m.external.current?.averageValue,
    },
  });
}

const isCPUUtilization = (m: MetricSpec): boolean =>
  m.type === "Resource" && m.resource?.name === "cpu" && m.resource.target?.averageUtilization !== undefined;

function parse<T>(s: string | undefined): T | undefined {
  if (s === undefined) return undefined;
  try {
    return JSON.parse(s) as T;
  } catch {
    return undefined;
  }
}

/** Behavior as the annotation holds it (the internal type's Go field names) and back. */
const rulesToGo = (r: HPAScalingRules | undefined) =>
  r && {
    StabilizationWindowSeconds: r.stabilizationWindowSeconds ?? null,
    SelectPolicy: r.selectPolicy ?? null,
    Policies: (r.policies ?? []).map((p) => ({ Type: p.type, Value: p.value, PeriodSeconds: p.periodSeconds })),
  };
interface GoRules {
  StabilizationWindowSeconds?: number | null;
  SelectPolicy?: string | null;
  Policies?: { Type?: string; Value?: number; PeriodSeconds?: number }[] | null;
}
const rulesFromGo = (r: GoRules | null | undefined): HPAScalingRules | undefined =>
  r
    ? clean({
        stabilizationWindowSeconds: r.StabilizationWindowSeconds ?? undefined,
        selectPolicy: r.SelectPolicy ?? undefined,
        policies: r.Policies?.map((p) => ({ type: p.Type, value: p.Value, periodSeconds: p.PeriodSeconds })),
      })
    : undefined;

/** Convert_v1_HorizontalPodAutoscaler_To_autoscaling_HorizontalPodAutoscaler, then out to v2. */
export function hpaV1ToV2(v1: HorizontalPodAutoscalerV1): HorizontalPodAutoscaler {
  const ann = { ...(v1.metadata.annotations ?? {}) };
  for (const k of ROUND_TRIP) delete ann[k];
  const src = v1.metadata.annotations ?? {};
  const spec = v1.spec ?? {};
  let metrics: MetricSpec[] =
    spec.targetCPUUtilizationPercentage !== undefined
      ? [
          {
            type: "Resource",
            resource: { name: "cpu", target: { type: "Utilization", averageUtilization: spec.targetCPUUtilizationPercentage } },
          },
        ]
      : [];
  const other = parse<V1MetricSpec[]>(src[METRIC_SPECS_ANNOTATION]);
  if (other) metrics = [...other.map(specFromV1), ...metrics.slice(0, 1)];
  if (!metrics.length) metrics = [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }];
  const behavior = parse<{ ScaleUp?: GoRules | null; ScaleDown?: GoRules | null }>(src[BEHAVIOR_ANNOTATION]);
  const st = v1.status;
  let currentMetrics: MetricStatus[] | null =
    st?.currentCPUUtilizationPercentage !== undefined
      ? [{ type: "Resource", resource: { name: "cpu", current: { averageUtilization: st.currentCPUUtilizationPercentage } } }]
      : null;
  const cur = parse<V1MetricStatus[]>(src[METRIC_STATUSES_ANNOTATION]);
  if (cur) currentMetrics = cur.map(statusFromV1);
  const conditions = parse<HPACondition[]>(src[CONDITIONS_ANNOTATION]);
  const metadata = { ...v1.metadata, annotations: Object.keys(ann).length ? ann : undefined };
  if (!metadata.annotations) delete metadata.annotations;
  return clean({
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata,
    spec: {
      scaleTargetRef: spec.scaleTargetRef,
      minReplicas: spec.minReplicas,
      maxReplicas: spec.maxReplicas,
      metrics,
      behavior: behavior ? { scaleUp: rulesFromGo(behavior.ScaleUp), scaleDown: rulesFromGo(behavior.ScaleDown) } : undefined,
    },
    status: st && {
      observedGeneration: st.observedGeneration,
      lastScaleTime: st.lastScaleTime,
      currentReplicas: st.currentReplicas,
      desiredReplicas: st.desiredReplicas ?? 0,
      currentMetrics,
      conditions,
    },
  });
}

/** Convert_autoscaling_HorizontalPodAutoscaler_To_v1_HorizontalPodAutoscaler, from v2. */
export function hpaV2ToV1(v2: HorizontalPodAutoscaler): HorizontalPodAutoscalerV1 {
  const spec = v2.spec ?? {};
  const ann: Record<string, string> = { ...(v2.metadata.annotations ?? {}) };
  for (const k of ROUND_TRIP) delete ann[k];
  const other = (spec.metrics ?? []).filter((m) => !isCPUUtilization(m)).map(specToV1);
  if (other.length) ann[METRIC_SPECS_ANNOTATION] = JSON.stringify(other);
  const current = v2.status?.currentMetrics ?? [];
  if (current.length) ann[METRIC_STATUSES_ANNOTATION] = JSON.stringify(current.map(statusToV1));
  if (spec.behavior)
    ann[BEHAVIOR_ANNOTATION] = JSON.stringify({
      ScaleUp: rulesToGo(spec.behavior.scaleUp) ?? null,
      ScaleDown: rulesToGo(spec.behavior.scaleDown) ?? null,
    });
  const conds = v2.status?.conditions ?? [];
  if (conds.length)
    ann[CONDITIONS_ANNOTATION] = JSON.stringify(
      conds.map((c) =>
        clean({ type: c.type, status: c.status, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message }),
      ),
    );
  const cpu = (spec.metrics ?? []).find(isCPUUtilization);
  const curCPU = current.find(
    (m) => m.type === "Resource" && m.resource?.name === "cpu" && m.resource.current?.averageUtilization !== undefined,
  );
  const metadata = { ...v2.metadata, ...(Object.keys(ann).length ? { annotations: ann } : {}) };
  if (!Object.keys(ann).length) delete metadata.annotations;
  const st = v2.status;
  return clean({
    apiVersion: "autoscaling/v1",
    kind: "HorizontalPodAutoscaler",
    metadata,
    spec: {
      scaleTargetRef: spec.scaleTargetRef,
      minReplicas: spec.minReplicas,
      maxReplicas: spec.maxReplicas,
      targetCPUUtilizationPercentage: cpu?.resource?.target?.averageUtilization,
    },
    status: st && {
      observedGeneration: st.observedGeneration,
      lastScaleTime: st.lastScaleTime,
      currentReplicas: st.currentReplicas ?? 0,
      desiredReplicas: st.desiredReplicas ?? 0,
      currentCPUUtilizationPercentage: curCPU?.resource?.current?.averageUtilization,
    },
  });
}
