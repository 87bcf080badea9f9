/**
 * pkg/apis/autoscaling/validation/validation.go: validateHorizontalPodAutoscalerSpec (replica
 * bounds, scaleTargetRef, metrics by source type, behavior), with the apiserver's messages.
 */
import { forbidden, invalid, notSupported, required, type FieldError } from "../../api/field";
import { isDNS1123Label, validatePathSegmentName } from "../_shared/names";
import { goQuantity, parseQuantity } from "../_shared/quantity";
import { validateContainerResourceName } from "../_shared/resources";
import type {
  CrossVersionObjectReference,
  HorizontalPodAutoscaler,
  HPAScalingRules,
  MetricIdentifier,
  MetricSpec,
  MetricTarget,
} from "./types";

const SOURCE_TYPES = ["ContainerResource", "External", "Object", "Pods", "Resource"];
const MAX_STABILIZATION = 3600;
const MAX_PERIOD = 1800;

export function validateCrossVersionObjectReference(ref: CrossVersionObjectReference | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const kind = ref?.kind ?? "";
  const name = ref?.name ?? "";
  if (!kind) errs.push(required(`${field}.kind`));
  else errs.push(...validatePathSegmentName(kind, false).map((m) => invalid(`${field}.kind`, kind, m)));
  if (!name) errs.push(required(`${field}.name`));
  else errs.push(...validatePathSegmentName(name, false).map((m) => invalid(`${field}.name`, name, m)));
  return errs;
}

const sign = (raw: string | number): number => {
  const q = parseQuantity(raw);
  return "error" in q ? 0 : Math.sign(Number(q.mant));
};

function validateTarget(t: MetricTarget | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const mt = t ?? {};
  if (!mt.type) errs.push(required(`${field}.type`, "must specify a metric target type"));
  if (!["Utilization", "Value", "AverageValue"].includes(mt.type ?? ""))
    errs.push(invalid(`${field}.type`, mt.type ?? "", "must be either Utilization, Value, or AverageValue"));
  if (mt.value !== undefined && sign(mt.value) !== 1) errs.push(invalid(`${field}.value`, goQuantity(mt.value), "must be positive"));
  if (mt.averageValue !== undefined && sign(mt.averageValue) !== 1)
    errs.push(invalid(`${field}.averageValue`, goQuantity(mt.averageValue), "must be positive"));
  if (mt.averageUtilization !== undefined && mt.averageUtilization < 1)
    errs.push(invalid(`${field}.averageUtilization`, mt.averageUtilization, "must be greater than 0"));
  return errs;
}

function validateIdentifier(id: MetricIdentifier | undefined, field: string): FieldError[] {
  const name = id?.name ?? "";
  if (!name) return [required(`${field}.name`, "must specify a metric name")];
  return validatePathSegmentName(name, false).map((m) => invalid(`${field}.name`, name, m));
}

function validateSource(spec: MetricSpec, key: keyof MetricSpec, p: string): FieldError[] {
  const errs: FieldError[] = [];
  switch (key) {
    case "object": {
      const s = spec.object ?? {};
      errs.push(
        ...validateCrossVersionObjectReference(s.describedObject, `${p}.describedObject`),
        ...validateIdentifier(s.metric, `${p}.metric`),
        ...validateTarget(s.target, `${p}.target`),
      );
      if (s.target?.value === undefined && s.target?.averageValue === undefined)
        errs.push(required(`${p}.target.averageValue`, "must set either a target value or averageValue"));
      break;
    }
    case "external": {
      const s = spec.external ?? {};
      errs.push(...validateIdentifier(s.metric, `${p}.metric`), ...validateTarget(s.target, `${p}.target`));
      if (s.target?.value === undefined && s.target?.averageValue === undefined)
        errs.push(required(`${p}.target.averageValue`, "must set either a target value for metric or a per-pod target"));
      if (s.target?.value !== undefined && s.target.averageValue !== undefined)
        errs.push(forbidden(`${p}.target.value`, "may not set both a target value for metric and a per-pod target"));
      break;
    }
    case "pods": {
      const s = spec.pods ?? {};
      errs.push(...validateIdentifier(s.metric, `${p}.metric`), ...validateTarget(s.target, `${p}.target`));
      if (s.target?.averageValue === undefined)
        errs.push(required(`${p}.target.averageValue`, "must specify a positive target averageValue"));
      break;
    }
    case "resource":
    case "containerResource": {
      const s = key === "resource" ? (spec.resource ?? {}) : (spec.containerResource ?? {});
      if (!s.name) errs.push(required(`${p}.name`, "must specify a resource name"));
      else if (key === "containerResource") errs.push(...validateContainerResourceName(s.name, `${p}.name`));
      if (key === "containerResource") {
        const c = spec.containerResource?.container ?? "";
        if (!c) errs.push(required(`${p}.container`, "must specify a container"));
        else errs.push(...isDNS1123Label(c).map((m) => invalid(`${p}.container`, c, m)));
      }
      errs.push(...validateTarget(s.target, `${p}.target`));
      if (s.target?.averageUtilization === undefined && s.target?.averageValue === undefined)
        errs.push(required(`${p}.target.averageUtilization`, "must set either a target raw value or a target utilization"));
      if (s.target?.averageUtilization !== undefined && s.target.averageValue !== undefined)
        errs.push(forbidden(`${p}.target.averageValue`, "may not set both a target raw value and a target utilization"));
      break;
    }
    default:
      break;
  }
  return errs;
}

const TYPE_FIELD: Record<string, keyof MetricSpec> = {
  Object: "object",
  Pods: "pods",
  Resource: "resource",
  External: "external",
  ContainerResource: "containerResource",
};

/** validateMetricSpec: the source named by `type`, exactly one source populated. */
function validateMetricSpec(spec: MetricSpec, p: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = spec.type ?? "";
  if (!type) errs.push(required(`${p}.type`, "must specify a metric source type"));
  if (!SOURCE_TYPES.includes(type)) errs.push(notSupported(`${p}.type`, type, SOURCE_TYPES));
  const present: (keyof MetricSpec)[] = [];
  for (const key of ["object", "external", "pods", "resource", "containerResource"] as const) {
    if (spec[key] === undefined) continue;
    present.push(key);
    if (present.length === 1) errs.push(...validateSource(spec, key, `${p}.${key}`));
  }
  const expected = TYPE_FIELD[type];
  if (expected) {
    if (spec[expected] === undefined) errs.push(required(`${p}.${expected}`, "must populate information for the given metric source"));
  } else errs.push(notSupported(`${p}.type`, type, SOURCE_TYPES));
  if (present.length !== 1) {
    // Go ranges over a set: its order is random; sorted here
    for (const k of present.filter((k) => k !== expected).sort())
      errs.push(forbidden(`${p}.${k}`, "must populate the given metric source only"));
  }
  return errs;
}

function validateRules(rules: HPAScalingRules | undefined, p: string): FieldError[] {
  if (!rules) return [];
  const errs: FieldError[] = [];
  const w = rules.stabilizationWindowSeconds;
  if (w !== undefined && w < 0) errs.push(invalid(`${p}.stabilizationWindowSeconds`, w, "must be greater than or equal to zero"));
  if (w !== undefined && w > MAX_STABILIZATION)
    errs.push(invalid(`${p}.stabilizationWindowSeconds`, w, `must be less than or equal to ${MAX_STABILIZATION}`));
  if (rules.selectPolicy !== undefined && !["Disabled", "Max", "Min"].includes(rules.selectPolicy))
    errs.push(notSupported(`${p}.selectPolicy`, rules.selectPolicy, ["Disabled", "Max", "Min"]));
  if (!rules.policies?.length) errs.push(required(`${p}.policies`, "must specify at least one Policy"));
  (rules.policies ?? []).forEach((pol, i) => {
    const pp = `${p}.policies[${i}]`;
    if (pol.type !== "Pods" && pol.type !== "Percent") errs.push(notSupported(`${pp}.type`, pol.type ?? "", ["Percent", "Pods"]));
    if ((pol.value ?? 0) <= 0) errs.push(invalid(`${pp}.value`, pol.value ?? 0, "must be greater than zero"));
    if ((pol.periodSeconds ?? 0) <= 0) errs.push(invalid(`${pp}.periodSeconds`, pol.periodSeconds ?? 0, "must be greater than zero"));
    if ((pol.periodSeconds ?? 0) > MAX_PERIOD)
      errs.push(invalid(`${pp}.periodSeconds`, pol.periodSeconds ?? 0, `must be less than or equal to ${MAX_PERIOD}`));
  });
  return errs;
}

export function validateHPA(hpa: HorizontalPodAutoscaler): FieldError[] {
  const spec = hpa.spec ?? {};
  const errs: FieldError[] = [];
  const min = spec.minReplicas;
  const max = spec.maxReplicas ?? 0;
  // MinReplicasLowerBound is 1 while the HPAScaleToZero gate (alpha) is off
  if (min !== undefined && min < 1) errs.push(invalid("spec.minReplicas", min, "must be greater than or equal to 1"));
  if (max < 1) errs.push(invalid("spec.maxReplicas", max, "must be greater than 0"));
  if (min !== undefined && max < min) errs.push(invalid("spec.maxReplicas", max, "must be greater than or equal to `minReplicas`"));
  errs.push(...validateCrossVersionObjectReference(spec.scaleTargetRef, "spec.scaleTargetRef"));
  (spec.metrics ?? []).forEach((m, i) => errs.push(...validateMetricSpec(m, `spec.metrics[${i}]`)));
  if (min === 0 && !(spec.metrics ?? []).some((m) => m.type === "Object" || m.type === "External")) {
    errs.push(forbidden("spec.metrics", "must specify at least one Object or External metric to support scaling to zero replicas"));
  }
  if (spec.behavior)
    errs.push(
      ...validateRules(spec.behavior.scaleUp, "spec.behavior.scaleUp"),
      ...validateRules(spec.behavior.scaleDown, "spec.behavior.scaleDown"),
    );
  return errs;
}
