/**
 * pkg/apis/apps/validation/validation.go (v1.32): ValidateDeploymentSpec with
 * ValidatePodTemplateSpecForReplicaSet, ValidateDeploymentStrategy, ValidateRollingUpdateDeployment,
 * and the apps/v1 selector immutability of pkg/registry/apps/deployment/strategy.go ValidateUpdate.
 */
import { forbidden, invalid, notSupported, required, type FieldError } from "../../api/field";
import { goMap, goQuote } from "../../api/field";
import type { LabelSelector, PodTemplateSpec } from "../_shared/core-types";
import { intOrPercentValue, goIntOrString, isNotMoreThan100Percent, validatePositiveIntOrPercent } from "../_shared/intstr";
import { goLabelSelector, selectorMatches, selectorString, validateLabelSelector } from "../_shared/labels";
import { validateNonnegative, validatePodTemplateSpec } from "../_shared/pod-validation";
import { semanticEqual } from "../_shared/semantic";
import type { Deployment, DeploymentSpec } from "./types";

/**
 * Selector checks shared by Deployment and ReplicaSet specs: required, valid, not empty
 * ("empty selector is invalid for deployment" is the text for ReplicaSets too), then the
 * template against it (ValidatePodTemplateSpecForReplicaSet).
 */
export function validateSelectorAndTemplate(
  selector: LabelSelector | null | undefined,
  template: PodTemplateSpec | undefined,
  kindName: string,
): FieldError[] {
  const errs: FieldError[] = [];
  if (!selector) errs.push(required("spec.selector"));
  else {
    errs.push(...validateLabelSelector(selector, "spec.selector"));
    if (!Object.keys(selector.matchLabels ?? {}).length && !(selector.matchExpressions ?? []).length) {
      errs.push(invalid("spec.selector", goLabelSelector(selector), "empty selector is invalid for deployment"));
    }
  }
  const str = selectorString(selector);
  if (typeof str !== "string") errs.push(invalid("spec.selector", goLabelSelector(selector), "invalid label selector"));
  else {
    // a nil selector is labels.Nothing(): not empty, matches nothing
    if ((!selector || str !== "") && !selectorMatches(selector, template?.metadata?.labels)) {
      errs.push(invalid("spec.template.metadata.labels", goMap(template?.metadata?.labels), "`selector` does not match template `labels`"));
    }
    errs.push(...validatePodTemplateSpec(template, "spec.template"));
    const rp = template?.spec?.restartPolicy ?? "";
    if (rp !== "Always") errs.push(notSupported("spec.template.spec.restartPolicy", rp, ["Always"]));
    if (template?.spec?.activeDeadlineSeconds !== undefined) {
      errs.push(forbidden("spec.template.spec.activeDeadlineSeconds", `activeDeadlineSeconds in ${kindName} is not Supported`));
    }
  }
  return errs;
}

function validateStrategy(spec: DeploymentSpec): FieldError[] {
  const s = spec.strategy ?? {};
  const ru = s.rollingUpdate;
  if (s.type === "Recreate") {
    return ru ? [forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'")] : [];
  }
  if (s.type === "RollingUpdate") {
    if (!ru) return [required("spec.strategy.rollingUpdate", "this should be defaulted and never be nil")];
    const p = "spec.strategy.rollingUpdate";
    const errs = [
      ...validatePositiveIntOrPercent(ru.maxUnavailable, `${p}.maxUnavailable`),
      ...validatePositiveIntOrPercent(ru.maxSurge, `${p}.maxSurge`),
    ];
    if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
      errs.push(invalid(`${p}.maxUnavailable`, goIntOrString(ru.maxUnavailable), "may not be 0 when `maxSurge` is 0"));
    }
    return errs.concat(isNotMoreThan100Percent(ru.maxUnavailable, `${p}.maxUnavailable`));
  }
  const rolling = ru ? "(*apps.RollingUpdateDeployment)(0xc000436a20)" : "(*apps.RollingUpdateDeployment)(nil)";
  return [
    notSupported("spec.strategy", { go: `apps.DeploymentStrategy{Type:${goQuote(s.type ?? "")}, RollingUpdate:${rolling}}` }, [
      "Recreate",
      "RollingUpdate",
    ]),
  ];
}

/** ValidateDeploymentSpec */
export function validateDeployment(d: Deployment): FieldError[] {
  const spec = d.spec ?? {};
  const errs = validateNonnegative(spec.replicas, "spec.replicas");
  errs.push(...validateSelectorAndTemplate(spec.selector, spec.template, "ReplicaSet"));
  errs.push(...validateStrategy(spec));
  errs.push(...validateNonnegative(spec.minReadySeconds, "spec.minReadySeconds"));
  errs.push(...validateNonnegative(spec.revisionHistoryLimit, "spec.revisionHistoryLimit"));
  if (spec.rollbackTo) errs.push(...validateNonnegative(spec.rollbackTo.revision, "spec.rollback.version"));
  if (spec.progressDeadlineSeconds !== undefined) {
    errs.push(...validateNonnegative(spec.progressDeadlineSeconds, "spec.progressDeadlineSeconds"));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errs.push(invalid("spec.progressDeadlineSeconds", spec.progressDeadlineSeconds, "must be greater than minReadySeconds"));
    }
  }
  return errs;
}

/** ValidateDeploymentUpdate plus the apps/v1 rule that spec.selector is immutable. */
export function validateDeploymentUpdate(d: Deployment, old: Deployment): FieldError[] {
  const errs = validateDeployment(d);
  if (!semanticEqual(d.spec?.selector, old.spec?.selector))
    errs.push(invalid("spec.selector", goLabelSelector(d.spec?.selector), "field is immutable"));
  return errs;
}
