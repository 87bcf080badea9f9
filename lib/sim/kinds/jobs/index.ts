/**
 * batch/v1 jobs.
 * Discovery: pkg/registry/batch/job/storage/storage.go (Categories "all", status; no short name).
 * Defaulting: pkg/apis/batch/v1/defaults.go SetDefaults_Job (v1.32: podReplacementPolicy and
 * manualSelector are defaulted). Strategy: pkg/registry/batch/job/strategy.go PrepareForCreate
 * generates the selector from the uid (the request path assigns metadata.uid first) and the
 * job's labels then come from its template, as the stored object's defaulting gives them.
 * Table: printers.go printJob. Describer: describe.go describeJob. Field selector: status.successful.
 */
import type { KindDef } from "../types";
import { formatRFC1123Z, parseTime, printAnnotationsMultiline, printController, printLabelsMultiline } from "../_shared/describe-helpers";
import { resourceInfo, statusSubresource } from "../_shared/discovery";
import { describeEventsFor } from "../_shared/events";
import { formatLabelSelector, selectorString } from "../_shared/labels";
import { defaultPodTemplateSpec } from "../_shared/pod-defaults";
import { describePodTemplate } from "../_shared/pod-template-describe";
import { LEVEL_0, PrefixWriter } from "../_shared/prefix-writer";
import { SWAGGER } from "../_shared/swagger-docs";
import {
  ageCell,
  ageColumn,
  column,
  CONTAINERS_DESCRIPTION,
  IMAGES_DESCRIPTION,
  layoutContainerCells,
  nameColumn,
  wide,
} from "../_shared/table";
import { humanDuration } from "../../printers/duration";
import type { Job, JobSpec } from "./types";
import { validateJob, validateJobUpdate } from "./validation";

const MAX_INT32 = 2147483647;

export function defaultJobSpec(spec: JobSpec): void {
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? MAX_INT32 : 6;
  spec.completionMode ??= "NonIndexed";
  spec.suspend ??= false;
  for (const rule of spec.podFailurePolicy?.rules ?? []) for (const c of rule.onPodConditions ?? []) c.status ||= "True";
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? "Failed" : "TerminatingOrFailed";
  spec.manualSelector ??= false;
}

/** SetDefaults_Job */
export function defaultJob(job: Job): void {
  const spec = (job.spec ??= {});
  defaultJobSpec(spec);
  defaultPodTemplateSpec((spec.template ??= {}));
  copyTemplateLabels(job);
}

function copyTemplateLabels(job: Job): void {
  const labels = job.spec?.template?.metadata?.labels;
  if (labels && !Object.keys(job.metadata.labels ?? {}).length) job.metadata.labels = { ...labels };
}

/** generateSelector: job-name and controller-uid labels (legacy and batch.kubernetes.io/), selected by the uid. */
function generateSelector(job: Job): void {
  const template = ((job.spec ??= {}).template ??= {});
  const labels = ((template.metadata ??= {}).labels ??= {});
  for (const key of ["job-name", "batch.kubernetes.io/job-name"]) labels[key] ??= job.metadata.name;
  for (const key of ["controller-uid", "batch.kubernetes.io/controller-uid"]) labels[key] ??= job.metadata.uid;
  const selector = (job.spec.selector ??= {});
  const ml = (selector.matchLabels ??= {});
  ml["batch.kubernetes.io/controller-uid"] ??= job.metadata.uid;
}

/** printJob STATUS: Complete, Failed, Terminating, Suspended, FailureTarget or Running. */
export function jobStatus(job: Job): string {
  const has = (type: string) => (job.status?.conditions ?? []).find((c) => c.type === type)?.status === "True";
  if (has("Complete")) return "Complete";
  if (has("Failed")) return "Failed";
  if (job.metadata.deletionTimestamp) return "Terminating";
  if (has("Suspended")) return "Suspended";
  if (has("FailureTarget")) return "FailureTarget";
  return "Running";
}

export function jobCompletions(spec: JobSpec | undefined, succeeded: number): string {
  if (spec?.completions !== undefined) return `${succeeded}/${spec.completions}`;
  const parallelism = spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** capIndexesListOrNone */
function capIndexes(indexes: string | undefined, softLimit: number): string {
  if (!indexes) return "<none>";
  let ix = softLimit;
  while (ix < indexes.length && indexes[ix] !== ",") ix++;
  return ix >= indexes.length ? indexes : indexes.slice(0, ix + 1) + "...";
}

function describeJob(job: Job, ctx: Parameters<NonNullable<KindDef<Job>["describe"]>>[1]): string {
  const spec = job.spec ?? {};
  const st = job.status ?? {};
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${job.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${job.metadata.namespace ?? ""}\n`);
  const sel = selectorString(spec.selector);
  w.write(LEVEL_0, typeof sel === "string" ? `Selector:\t${sel}\n` : `Selector:\tFailed to get selector: ${sel.error}\n`);
  printLabelsMultiline(w, "Labels", job.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", job.metadata.annotations);
  const controlledBy = printController(job);
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
  if (spec.parallelism !== undefined) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(LEVEL_0, spec.completions !== undefined ? `Completions:\t${spec.completions}\n` : "Completions:\t<unset>\n");
  if (spec.completionMode !== undefined) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
  if (spec.suspend !== undefined) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
  if (spec.backoffLimit !== undefined) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (spec.ttlSecondsAfterFinished !== undefined) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (st.startTime) w.write(LEVEL_0, `Start Time:\t${formatRFC1123Z(st.startTime)}\n`);
  if (st.completionTime) w.write(LEVEL_0, `Completed At:\t${formatRFC1123Z(st.completionTime)}\n`);
  const start = parseTime(st.startTime);
  const end = parseTime(st.completionTime);
  if (start !== undefined && end !== undefined) w.write(LEVEL_0, `Duration:\t${humanDuration(end - start)}\n`);
  if (spec.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  if (st.ready === undefined)
    w.write(LEVEL_0, `Pods Statuses:\t${st.active ?? 0} Active / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
  else
    w.write(
      LEVEL_0,
      `Pods Statuses:\t${st.active ?? 0} Active (${st.ready} Ready) / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`,
    );
  if (spec.completionMode === "Indexed") w.write(LEVEL_0, `Completed Indexes:\t${capIndexes(st.completedIndexes, 50)}\n`);
  describePodTemplate(spec.template, w);
  describeEventsFor(job, ctx, w);
  return w.toString();
}

export const jobs: KindDef<Job> = {
  resource: resourceInfo("batch/v1", "Job", "jobs", true, { categories: ["all"], subresources: [statusSubresource()] }),
  defaults: defaultJob,
  validate: (job) => validateJob(job),
  validateUpdate: (job, old) => validateJobUpdate(job, old),
  strategy: {
    statusSubresource: true,
    tracksGeneration: true,
    prepareForCreate(job) {
      if (!job.spec?.manualSelector) generateSelector(job);
      job.status = {};
      copyTemplateLabels(job);
    },
  },
  table: {
    // printers.go jobColumnDefinitions, printJob (v1.32: STATUS, COMPLETIONS, DURATION)
    columns: [
      nameColumn(),
      column("Status", "string", "Status of the job."),
      column("Completions", "string", SWAGGER.jobSucceeded),
      column("Duration", "string", "Time required to complete the job."),
      ageColumn(),
      wide("Containers", CONTAINERS_DESCRIPTION),
      wide("Images", IMAGES_DESCRIPTION),
      wide("Selector", SWAGGER.jobSelector),
    ],
    rows(job, { now }) {
      const st = job.status ?? {};
      const start = parseTime(st.startTime);
      const end = parseTime(st.completionTime);
      const duration = start === undefined ? "" : humanDuration((end ?? now) - start);
      const [names, images] = layoutContainerCells(job.spec?.template?.spec?.containers);
      return [
        [
          job.metadata.name,
          jobStatus(job),
          jobCompletions(job.spec, st.succeeded ?? 0),
          duration,
          ageCell(job, now),
          names,
          images,
          formatLabelSelector(job.spec?.selector),
        ],
      ];
    },
  },
  describe: describeJob,
  selectableFields: (job) => ({ "status.successful": String(job.status?.succeeded ?? 0) }),
};
