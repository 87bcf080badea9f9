/**
 * batch/v1 cronjobs.
 * Discovery: pkg/registry/batch/cronjob/storage/storage.go (ShortNames "cj", Categories "all",
 * status). Defaulting: pkg/apis/batch/v1/defaults.go SetDefaults_CronJob; the job template's
 * pod template is defaulted, its JobSpec is not (it is not a Job yet).
 * Validation: pkg/apis/batch/validation/validation.go ValidateCronJobCreate/Update,
 * validateCronJobSpec, validateScheduleFormat (robfig/cron), validateTimeZone, ValidateJobTemplateSpec.
 * Table: printers.go printCronJob. Describer: describe.go describeCronJob.
 */
import { invalid, notSupported, required, type FieldError } from "../../api/field";
import type { KindDef } from "../types";
import {
  formatRFC1123Z,
  printAnnotationsMultiline,
  printBoolPtr,
  printLabelsMultiline,
  translateTimestampSince,
} from "../_shared/describe-helpers";
import { resourceInfo, statusSubresource } from "../_shared/discovery";
import { describeEventsFor } from "../_shared/events";
import { formatLabelSelector, goLabelSelector, selectorString } from "../_shared/labels";
import { defaultPodTemplateSpec } from "../_shared/pod-defaults";
import { describePodTemplate } from "../_shared/pod-template-describe";
import { validateNonnegative } from "../_shared/pod-validation";
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
import type { CronJob, CronJobSpec } from "../jobs/types";
import { validateJobSpecBase } from "../jobs/validation";
import { cronScheduleError } from "./cron";

const CONCURRENCY = ["Allow", "Forbid", "Replace"];

/** validateTimeZone: IANA-looking names Node's ICU knows (Go loads the same tzdata names). */
function validateTimeZone(tz: string | undefined, p: string): FieldError[] {
  if (tz === undefined) return [];
  if (!tz) return [invalid(p, tz, "timeZone must be nil or non-empty string")];
  for (const part of tz.split("/")) {
    if (part === "." || part === ".." || part.startsWith("-") || !/^[A-Za-z.\-_0-9+]{1,14}$/.test(part))
      return [invalid(p, tz, `unknown time zone ${tz}`)];
  }
  if (tz.toLowerCase() === "local")
    return [invalid(p, tz, "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones")];
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
  } catch {
    return [invalid(p, tz, `unknown time zone ${tz}`)];
  }
  return [];
}

function validateSpec(spec: CronJobSpec, old: CronJobSpec | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const schedule = spec.schedule ?? "";
  if (!schedule) errs.push(required("spec.schedule"));
  else {
    const err = cronScheduleError(schedule);
    if (err) errs.push(invalid("spec.schedule", schedule, err));
    const allowTZ = old?.schedule?.includes("TZ") ?? false;
    if (allowTZ && schedule.includes("TZ") && spec.timeZone !== undefined)
      errs.push(invalid("spec.schedule", schedule, "cannot use both timeZone field and TZ or CRON_TZ in schedule"));
    else if (!allowTZ && schedule.includes("TZ"))
      errs.push(invalid("spec.schedule", schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
  }
  errs.push(...validateNonnegative(spec.startingDeadlineSeconds, "spec.startingDeadlineSeconds"));
  if (!old || old.timeZone !== spec.timeZone) errs.push(...validateTimeZone(spec.timeZone, "spec.timeZone"));
  const cp = spec.concurrencyPolicy ?? "";
  if (!cp) errs.push(required("spec.concurrencyPolicy"));
  else if (!CONCURRENCY.includes(cp)) errs.push(notSupported("spec.concurrencyPolicy", cp, CONCURRENCY));
  // ValidateJobTemplateSpec
  const js = spec.jobTemplate?.spec ?? {};
  errs.push(...validateJobSpecBase(js, "spec.jobTemplate.spec"));
  if (js.selector) errs.push(invalid("spec.jobTemplate.spec.selector", goLabelSelector(js.selector), "`selector` will be auto-generated"));
  if (js.manualSelector) errs.push(notSupported("spec.jobTemplate.spec.manualSelector", true, ["nil", "false"]));
  errs.push(...validateNonnegative(spec.successfulJobsHistoryLimit, "spec.successfulJobsHistoryLimit"));
  errs.push(...validateNonnegative(spec.failedJobsHistoryLimit, "spec.failedJobsHistoryLimit"));
  return errs;
}

function describeCronJob(cj: CronJob, ctx: Parameters<NonNullable<KindDef<CronJob>["describe"]>>[1]): string {
  const spec = cj.spec ?? {};
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${cj.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${cj.metadata.namespace ?? ""}\n`);
  printLabelsMultiline(w, "Labels", cj.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", cj.metadata.annotations);
  w.write(LEVEL_0, `Schedule:\t${spec.schedule ?? ""}\n`);
  w.write(LEVEL_0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ""}\n`);
  w.write(LEVEL_0, `Suspend:\t${printBoolPtr(spec.suspend)}\n`);
  w.write(LEVEL_0, `Successful Job History Limit:\t${spec.successfulJobsHistoryLimit ?? "<unset>"}\n`);
  w.write(LEVEL_0, `Failed Job History Limit:\t${spec.failedJobsHistoryLimit ?? "<unset>"}\n`);
  w.write(
    LEVEL_0,
    spec.startingDeadlineSeconds !== undefined
      ? `Starting Deadline Seconds:\t${spec.startingDeadlineSeconds}s\n`
      : "Starting Deadline Seconds:\t<unset>\n",
  );
  // describeJobTemplate
  const js = spec.jobTemplate?.spec ?? {};
  if (js.selector) {
    const sel = selectorString(js.selector);
    w.write(LEVEL_0, typeof sel === "string" ? `Selector:\t${sel}\n` : `Selector:\tFailed to get selector: ${sel.error}\n`);
  } else w.write(LEVEL_0, "Selector:\t<unset>\n");
  w.write(LEVEL_0, `Parallelism:\t${js.parallelism ?? "<unset>"}\n`);
  w.write(LEVEL_0, `Completions:\t${js.completions ?? "<unset>"}\n`);
  if (js.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${js.activeDeadlineSeconds}s\n`);
  describePodTemplate(js.template, w);
  const last = cj.status?.lastScheduleTime;
  w.write(LEVEL_0, last ? `Last Schedule Time:\t${formatRFC1123Z(last)}\n` : "Last Schedule Time:\t<unset>\n");
  const active = cj.status?.active ?? [];
  w.write(LEVEL_0, "Active Jobs:\t");
  if (!active.length) w.writeLine("<none>");
  else {
    active.forEach((j, i) => w.write(LEVEL_0, (i ? ", " : "") + (j.name ?? "")));
    w.writeLine("");
  }
  describeEventsFor(cj, ctx, w);
  return w.toString();
}

export const cronjobs: KindDef<CronJob> = {
  resource: resourceInfo("batch/v1", "CronJob", "cronjobs", true, {
    shortNames: ["cj"],
    categories: ["all"],
    subresources: [statusSubresource()],
  }),
  defaults(cj) {
    const spec = (cj.spec ??= {});
    if (!spec.concurrencyPolicy) spec.concurrencyPolicy = "Allow";
    spec.suspend ??= false;
    spec.successfulJobsHistoryLimit ??= 3;
    spec.failedJobsHistoryLimit ??= 1;
    const jt = (spec.jobTemplate ??= {});
    jt.metadata ??= {};
    if (jt.metadata.creationTimestamp === undefined) jt.metadata.creationTimestamp = null;
    defaultPodTemplateSpec(((jt.spec ??= {}).template ??= {}));
  },
  validate(cj) {
    const errs = validateSpec(cj.spec ?? {}, undefined);
    // the controller appends an 11-character suffix to Job names, which are at most 63 characters
    if (cj.metadata.name.length > 52) errs.push(invalid("metadata.name", cj.metadata.name, "must be no more than 52 characters"));
    return errs;
  },
  validateUpdate: (cj, old) => validateSpec(cj.spec ?? {}, old.spec),
  strategy: {
    statusSubresource: true,
    tracksGeneration: true,
    prepareForCreate(cj) {
      cj.status = {};
    },
  },
  table: {
    // printers.go cronJobColumnDefinitions, printCronJob
    columns: [
      nameColumn(),
      column("Schedule", "string", SWAGGER.cronSchedule),
      column("Timezone", "string", SWAGGER.cronTimeZone),
      column("Suspend", "boolean", SWAGGER.cronSuspend),
      column("Active", "integer", SWAGGER.cronActive),
      column("Last Schedule", "string", SWAGGER.cronLastSchedule),
      ageColumn(),
      wide("Containers", CONTAINERS_DESCRIPTION),
      wide("Images", IMAGES_DESCRIPTION),
      wide("Selector", SWAGGER.jobSelector),
    ],
    rows(cj, { now }) {
      const spec = cj.spec ?? {};
      const last = cj.status?.lastScheduleTime ? translateTimestampSince(cj.status.lastScheduleTime, now) : "<none>";
      const [names, images] = layoutContainerCells(spec.jobTemplate?.spec?.template?.spec?.containers);
      return [
        [
          cj.metadata.name,
          spec.schedule ?? "",
          spec.timeZone ?? "<none>",
          printBoolPtr(spec.suspend),
          (cj.status?.active ?? []).length,
          last,
          ageCell(cj, now),
          names,
          images,
          formatLabelSelector(spec.jobTemplate?.spec?.selector),
        ],
      ];
    },
  },
  describe: describeCronJob,
};
