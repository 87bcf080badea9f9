/**
 * pkg/apis/batch/validation/validation.go (v1.32): validateJobSpec (the part JobTemplateSpec
 * shares), ValidateJobSpec (selector), ValidateJobSpecUpdate (immutable selector, completions,
 * template, completion mode, ...). The immutable-template error's value is Go's %#v of the
 * internal core.PodTemplateSpec, which is not reproduced: it prints as `core.PodTemplateSpec{...}`.
 */
import { goMap, invalid, notSupported, required, type FieldError } from "../../api/field";
import { tooLong } from "../_shared/field-errors";
import { goLabelSelector, selectorMatches, selectorString, validateLabelSelector } from "../_shared/labels";
import { validateNonnegative, validatePodTemplateSpec } from "../_shared/pod-validation";
import { semanticEqual } from "../_shared/semantic";
import type { Job, JobSpec } from "./types";

const MAX_PARALLELISM_INDEXED = 100000;
const MAX_FAILED_INDEXES = 100000;

/** validateJobSpec */
export function validateJobSpecBase(spec: JobSpec, p: string): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateNonnegative(spec.parallelism, `${p}.parallelism`));
  errs.push(...validateNonnegative(spec.completions, `${p}.completions`));
  errs.push(...validateNonnegative(spec.activeDeadlineSeconds, `${p}.activeDeadlineSeconds`));
  errs.push(...validateNonnegative(spec.backoffLimit, `${p}.backoffLimit`));
  errs.push(...validateNonnegative(spec.ttlSecondsAfterFinished, `${p}.ttlSecondsAfterFinished`));
  errs.push(...validateNonnegative(spec.backoffLimitPerIndex, `${p}.backoffLimitPerIndex`));
  if (spec.maxFailedIndexes !== undefined) {
    errs.push(...validateNonnegative(spec.maxFailedIndexes, `${p}.maxFailedIndexes`));
    if (spec.backoffLimitPerIndex === undefined) errs.push(required(`${p}.backoffLimitPerIndex`, "when maxFailedIndexes is specified"));
  }
  if (spec.managedBy !== undefined && spec.managedBy.length > 63) errs.push(tooLong(`${p}.managedBy`, 63));
  const mode = spec.completionMode;
  if (mode !== undefined) {
    if (mode !== "NonIndexed" && mode !== "Indexed") errs.push(notSupported(`${p}.completionMode`, mode, ["NonIndexed", "Indexed"]));
    if (mode === "Indexed") {
      if (spec.completions === undefined) errs.push(required(`${p}.completions`, "when completion mode is Indexed"));
      if ((spec.parallelism ?? 0) > MAX_PARALLELISM_INDEXED) {
        errs.push(
          invalid(
            `${p}.parallelism`,
            spec.parallelism ?? 0,
            `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`,
          ),
        );
      }
      if (spec.completions !== undefined && spec.maxFailedIndexes !== undefined && spec.maxFailedIndexes > spec.completions) {
        errs.push(invalid(`${p}.maxFailedIndexes`, spec.maxFailedIndexes, "must be less than or equal to completions"));
      }
      if ((spec.maxFailedIndexes ?? 0) > MAX_FAILED_INDEXES)
        errs.push(invalid(`${p}.maxFailedIndexes`, spec.maxFailedIndexes ?? 0, `must be less than or equal to ${MAX_FAILED_INDEXES}`));
    }
  }
  if (mode === undefined || mode === "NonIndexed") {
    if (spec.backoffLimitPerIndex !== undefined)
      errs.push(invalid(`${p}.backoffLimitPerIndex`, spec.backoffLimitPerIndex, "requires indexed completion mode"));
    if (spec.maxFailedIndexes !== undefined)
      errs.push(invalid(`${p}.maxFailedIndexes`, spec.maxFailedIndexes, "requires indexed completion mode"));
  }
  if (spec.successPolicy !== undefined && spec.successPolicy !== null && mode !== "Indexed") {
    errs.push(invalid(`${p}.successPolicy`, { omit: true }, "requires indexed completion mode"));
  }
  const prp = spec.podReplacementPolicy;
  if (prp !== undefined) {
    if (spec.podFailurePolicy && prp !== "Failed") errs.push(notSupported(`${p}.podReplacementPolicy`, prp, ["Failed"]));
    else if (!["Failed", "TerminatingOrFailed"].includes(prp))
      errs.push(notSupported(`${p}.podReplacementPolicy`, prp, ["Failed", "TerminatingOrFailed"]));
  }
  errs.push(...validatePodTemplateSpec(spec.template, `${p}.template`));
  const rp = spec.template?.spec?.restartPolicy ?? "";
  if (rp === "Always" || rp === "") errs.push(required(`${p}.template.spec.restartPolicy`, 'valid values: "OnFailure", "Never"'));
  else if (rp !== "OnFailure" && rp !== "Never") errs.push(notSupported(`${p}.template.spec.restartPolicy`, rp, ["OnFailure", "Never"]));
  else if (spec.podFailurePolicy && rp !== "Never")
    errs.push(invalid(`${p}.template.spec.restartPolicy`, rp, 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}

/** ValidateJobSpec: validateJobSpec, then the selector and the template's labels against it. */
function validateJobSpec(spec: JobSpec): FieldError[] {
  const errs = validateJobSpecBase(spec, "spec");
  if (!spec.selector) errs.push(required("spec.selector"));
  else errs.push(...validateLabelSelector(spec.selector, "spec.selector"));
  if (typeof selectorString(spec.selector) === "string" && !selectorMatches(spec.selector, spec.template?.metadata?.labels)) {
    errs.push(
      invalid("spec.template.metadata.labels", goMap(spec.template?.metadata?.labels), "`selector` does not match template `labels`"),
    );
  }
  return errs;
}

/** ValidateJob: the generated selector's labels, the spec, the selector against the template. */
export function validateJob(job: Job): FieldError[] {
  const spec = job.spec ?? {};
  const errs: FieldError[] = [];
  if (!spec.manualSelector && spec.selector) {
    const labels = spec.template?.metadata?.labels ?? {};
    const expect: [string, string][] = [
      ["controller-uid", job.metadata.uid],
      ["job-name", job.metadata.name],
      ["batch.kubernetes.io/controller-uid", job.metadata.uid],
      ["batch.kubernetes.io/job-name", job.metadata.name],
    ];
    for (const [key, value] of expect) {
      if (!(key in labels)) errs.push(required(`spec.template.metadata.labels[${key}]`, `must be '${value}'`));
      else if (labels[key] !== value) errs.push(invalid(`spec.template.metadata.labels[${key}]`, goMap(labels), `must be '${value}'`));
    }
    const generated = Object.fromEntries(expect);
    if (!selectorMatches(spec.selector, generated))
      errs.push(invalid("spec.selector", goLabelSelector(spec.selector), "`selector` not auto-generated"));
  }
  errs.push(...validateJobSpec(spec));
  if (spec.completionMode === "Indexed" && (spec.completions ?? 0) > 0) {
    const host = `${job.metadata.name}-${(spec.completions ?? 1) - 1}`;
    if (host.length > 63 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(host)) {
      errs.push(invalid("metadata.name", job.metadata.name, `will not able to create pod with invalid DNS label: ${host}`));
    }
  }
  return errs;
}

const immutable = (p: string, a: unknown, b: unknown, value: FieldError["value"]): FieldError[] =>
  semanticEqual(a, b) ? [] : [invalid(p, value, "field is immutable")];

/** The job strategy's ValidateUpdate: ValidateJob, then ValidateJobUpdate's spec checks. */
export function validateJobUpdate(job: Job, old: Job): FieldError[] {
  const s = job.spec ?? {};
  const o = old.spec ?? {};
  // ValidateJob and ValidateJobSpecUpdate both validate the spec; the Status message drops the repeats
  const errs = validateJob(job);
  errs.push(...validateJobSpec(s));
  if (s.completionMode !== "Indexed") errs.push(...immutable("spec.completions", s.completions, o.completions, s.completions ?? null));
  else if (!semanticEqual(s.completions, o.completions) && s.completions !== undefined && s.completions !== s.parallelism) {
    errs.push(invalid("spec.completions", s.completions, "can only be modified in tandem with spec.parallelism"));
  }
  errs.push(...immutable("spec.selector", s.selector, o.selector, goLabelSelector(s.selector)));
  let oldTemplate = o.template;
  if (o.suspend && !old.status?.startTime && oldTemplate) {
    // scheduling directives of a suspended job that never started may change
    oldTemplate = {
      ...oldTemplate,
      metadata: { ...oldTemplate.metadata, labels: s.template?.metadata?.labels, annotations: s.template?.metadata?.annotations },
    };
    oldTemplate.spec = {
      ...oldTemplate.spec,
      nodeSelector: s.template?.spec?.nodeSelector,
      tolerations: s.template?.spec?.tolerations,
      schedulingGates: s.template?.spec?.schedulingGates,
    };
  }
  errs.push(...immutable("spec.template", s.template, oldTemplate, { go: "core.PodTemplateSpec{...}" }));
  errs.push(...immutable("spec.completionMode", s.completionMode, o.completionMode, s.completionMode ?? null));
  errs.push(...immutable("spec.podFailurePolicy", s.podFailurePolicy, o.podFailurePolicy, { omit: true }));
  errs.push(...immutable("spec.backoffLimitPerIndex", s.backoffLimitPerIndex, o.backoffLimitPerIndex, s.backoffLimitPerIndex ?? null));
  errs.push(...immutable("spec.managedBy", s.managedBy, o.managedBy, s.managedBy ?? null));
  errs.push(...immutable("spec.successPolicy", s.successPolicy, o.successPolicy, { omit: true }));
  return errs;
}
