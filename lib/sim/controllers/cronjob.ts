/**
 * The CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go syncCronJob and
 * cleanupFinishedJobs, utils.go mostRecentScheduleTime, v1.32). At each activation of the schedule
 * (a timed event on the cluster clock, cron-schedule.ts) it creates the Job
 * `<cronjob>-<scheduled time in minutes since the epoch>` from the job template, annotated
 * batch.kubernetes.io/cronjob-scheduled-timestamp, and records it in status.active and
 * status.lastScheduleTime; concurrencyPolicy Forbid skips while a job is active, Replace deletes the
 * active ones first; suspend stops scheduling; finished jobs leave status.active and the oldest
 * beyond successfulJobsHistoryLimit/failedJobsHistoryLimit are deleted (their pods follow through
 * the garbage collector).
 *
 * Only the most recent unmet activation is ever started, as the real controller does after a
 * restart. A settle that spans more than REPLAYED_ACTIVATIONS further activations (a learner away
 * for a day) is treated as the controller being down meanwhile: it wakes once at the end, so a
 * day away creates one job, not 1440, and reports TooManyMissedTimes (more than 100 missed) or
 * MissSchedule (past startingDeadlineSeconds) as the restarted controller would.
 */
import { rfc3339 } from "../api/meta";
import { objectKey } from "../api/store";
import type { KObject } from "../api/types";
import type { CronJob } from "../kinds/jobs/types";
import { cancel, schedule, timelineOf } from "../time/timeline";
import { mostRecent, nextAfter, parseSchedule } from "./cron-schedule";
import { cachedList } from "./informer";
import { recordEvent } from "./recorder";
import type { ControllerEnv, TimedHandler } from "./types";
import { CONTROLLER_USER, ownedBy, ownerController, ownerReference, putIfChanged } from "./workload-util";

const CRONJOBS = { group: "batch", resource: "cronjobs" };
const JOBS = { group: "batch", resource: "jobs" };
const source = { component: "cronjob-controller" };
/** nextScheduleTimeDuration's padding after the activation */
const REQUEUE_PADDING_MS = 100;
/** activations one settle replays one by one before it counts as the controller having been down */
const REPLAYED_ACTIVATIONS = 10;

type Cj = KObject & Required<Pick<CronJob, "spec">> & Pick<CronJob, "status">;
type Job = KObject & {
  status?: { conditions?: { type: string; status: string }[]; startTime?: string; completionTime?: string };
};
interface Ref {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  resourceVersion?: string;
  uid: string;
}

/** jobutil.FinishedCondition: Complete or Failed, when true. */
function finishedAs(j: Job): "Complete" | "Failed" | undefined {
  const c = (j.status?.conditions ?? []).find((x) => (x.type === "Complete" || x.type === "Failed") && x.status === "True");
  return c?.type as "Complete" | "Failed" | undefined;
}

/** RFC 1123 with a numeric zone, as Go's time.RFC1123Z prints a UTC time. */
function rfc1123z(ms: number): string {
  return new Date(ms).toUTCString().replace("GMT", "+0000");
}

function deleteJob(env: ControllerEnv, cj: Cj, job: Job, active: Ref[]): void {
  env.api.store.remove(JOBS, job.metadata.namespace, job.metadata.name);
  const i = active.findIndex((r) => r.uid === job.metadata.uid);
  if (i >= 0) active.splice(i, 1);
  recordEvent(env, { obj: cj }, "Normal", "SuccessfulDelete", `Deleted job ${job.metadata.name}`, source);
}

function createJob(env: ControllerEnv, cj: Cj, at: number): Job | undefined {
  const tpl = cj.spec.jobTemplate ?? {};
  const body = {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name: `${cj.metadata.name}-${Math.floor(at / 60_000)}`,
      namespace: cj.metadata.namespace,
      ...(tpl.metadata?.labels ? { labels: { ...tpl.metadata.labels } } : {}),
      annotations: { ...(tpl.metadata?.annotations ?? {}), "batch.kubernetes.io/cronjob-scheduled-timestamp": rfc3339(at) },
      ownerReferences: [ownerReference(cj)],
    },
    spec: structuredClone(tpl.spec ?? {}),
  };
  const r = env.api.request({
    verb: "create",
    resource: "jobs",
    group: "batch",
    namespace: cj.metadata.namespace,
    body,
    user: CONTROLLER_USER,
  });
  if (r.code >= 300) {
    recordEvent(
      env,
      { obj: cj },
      "Warning",
      "FailedCreate",
      `Error creating job: ${(r.body as { message?: string }).message ?? ""}`,
      source,
    );
    return undefined;
  }
  const job = r.body as Job;
  recordEvent(env, { obj: cj }, "Normal", "SuccessfulCreate", `Created job ${job.metadata.name}`, source);
  return job;
}

/** removeOldestJobs: by status.startTime, the name breaking ties (byJobStartTime). */
function removeOldest(env: ControllerEnv, cj: Cj, jobs: Job[], keep: number | undefined, active: Ref[]): void {
  if (keep === undefined || jobs.length <= keep) return;
  const sorted = [...jobs].sort((a, b) => {
    const [x, y] = [a.status?.startTime ?? "", b.status?.startTime ?? ""];
    return x === y ? (a.metadata.name < b.metadata.name ? -1 : 1) : !y ? -1 : !x ? 1 : x < y ? -1 : 1;
  });
  for (const j of sorted.slice(0, jobs.length - keep)) deleteJob(env, cj, j, active);
}

function requeue(env: ControllerEnv, cj: Cj): void {
  const s = parseSchedule(cj.spec.schedule ?? "");
  const key = objectKey(CRONJOBS, cj.metadata.namespace, cj.metadata.name);
  const next = s && !cj.spec.suspend ? nextAfter(s, env.now) : undefined;
  const at = next === undefined ? undefined : next + REQUEUE_PADDING_MS;
  const queued = timelineOf(env.state).events.filter((e) => e.key === key && e.owner === "cronjob");
  if (queued.length === 1 && queued[0].at === at && queued[0].uid === cj.metadata.uid) return;
  cancel(env.state, key, (e) => e.owner === "cronjob");
  if (at !== undefined) schedule(env.state, { at, owner: "cronjob", key, uid: cj.metadata.uid, step: "schedule" });
}

function syncOne(env: ControllerEnv, cj: Cj): boolean {
  const rv = env.api.store.resourceVersion;
  const status = structuredClone(cj.status ?? {});
  const active = (status.active ?? []) as Ref[];
  const jobs = ownedBy(cachedList(env.api.store, JOBS, cj.metadata.namespace), cj) as Job[];
  for (const j of jobs) {
    const found = active.some((r) => r.uid === j.metadata.uid);
    const done = finishedAs(j);
    if (!found && !done)
      recordEvent(
        env,
        { obj: cj },
        "Warning",
        "UnexpectedJob",
        `Saw a job that the controller did not create or forgot: ${j.metadata.name}`,
        source,
      );
    else if (done) {
      if (found) {
        active.splice(
          active.findIndex((r) => r.uid === j.metadata.uid),
          1,
        );
        recordEvent(env, { obj: cj }, "Normal", "SawCompletedJob", `Saw completed job: ${j.metadata.name}, condition: ${done}`, source);
      }
      const at = j.status?.completionTime;
      if (done === "Complete" && at && (!status.lastSuccessfulTime || Date.parse(at) > Date.parse(status.lastSuccessfulTime)))
        status.lastSuccessfulTime = at;
    }
  }
  for (const r of [...active])
    if (!jobs.some((j) => j.metadata.uid === r.uid)) {
      recordEvent(env, { obj: cj }, "Normal", "MissingJob", `Active job went missing: ${r.name}`, source);
      active.splice(active.indexOf(r), 1);
    }

  const sched = parseSchedule(cj.spec.schedule ?? "");
  if (!cj.metadata.deletionTimestamp && !cj.spec.suspend && sched) {
    let earliest = Date.parse(status.lastScheduleTime ?? cj.metadata.creationTimestamp);
    const deadline = cj.spec.startingDeadlineSeconds;
    if (deadline !== undefined) earliest = Math.max(earliest, env.now - deadline * 1000);
    const due = mostRecent(sched, earliest, env.now);
    if (due && due.missed > 100)
      recordEvent(
        env,
        { obj: cj },
        "Warning",
        "TooManyMissedTimes",
        `too many missed start times: ${due.missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`,
        source,
      );
    const name = due && `${cj.metadata.name}-${Math.floor(due.time / 60_000)}`;
    if (!due || active.some((r) => r.name === name) || (status.lastScheduleTime && Date.parse(status.lastScheduleTime) === due.time)) {
      // nothing unmet, or already processed
    } else if (deadline !== undefined && due.time + deadline * 1000 < env.now)
      recordEvent(env, { obj: cj }, "Warning", "MissSchedule", `Missed scheduled time to start a job: ${rfc1123z(due.time)}`, source);
    else if (cj.spec.concurrencyPolicy === "Forbid" && active.length)
      recordEvent(
        env,
        { obj: cj },
        "Normal",
        "JobAlreadyActive",
        "Not starting job because prior execution is running and concurrency policy is Forbid",
        source,
      );
    else {
      if (cj.spec.concurrencyPolicy === "Replace")
        for (const r of [...active]) {
          const j = jobs.find((x) => x.metadata.uid === r.uid);
          if (j) deleteJob(env, cj, j, active);
        }
      const job = createJob(env, cj, due.time);
      if (job) {
        const m = job.metadata;
        active.push({
          apiVersion: "batch/v1",
          kind: "Job",
          name: m.name,
          namespace: m.namespace,
          resourceVersion: m.resourceVersion,
          uid: m.uid,
        });
        status.lastScheduleTime = rfc3339(due.time);
      }
    }
  }
  const finished = (as: string) =>
    jobs.filter((j) => finishedAs(j) === as && env.api.store.get(JOBS, j.metadata.namespace, j.metadata.name));
  removeOldest(env, cj, finished("Complete"), cj.spec.successfulJobsHistoryLimit, active);
  removeOldest(env, cj, finished("Failed"), cj.spec.failedJobsHistoryLimit, active);

  const cur = env.api.store.get(CRONJOBS, cj.metadata.namespace, cj.metadata.name) as Cj | undefined;
  if (!cur) return true;
  if (active.length) status.active = active;
  else delete status.active;
  const next = structuredClone(cur);
  next.status = status;
  putIfChanged(env, CRONJOBS, cur, next);
  requeue(env, next);
  return env.api.store.resourceVersion !== rv;
}

export const cronJobController = ownerController<Cj>({
  name: "cronjob",
  kind: "CronJob",
  gr: CRONJOBS,
  owns: ["batch/jobs/"],
  sync: syncOne,
});

/** An activation is due: sync then, unless the settle runs far past further activations (see above). */
export const cronJobTimed: TimedHandler = (env, e) => {
  const cj = env.api.store.getByKey(e.key) as Cj | undefined;
  if (!cj || cj.metadata.uid !== e.uid) return;
  const s = parseSchedule(cj.spec.schedule ?? "");
  let later = 0;
  for (let t = s && nextAfter(s, env.now); t !== undefined && t <= env.horizon && later <= REPLAYED_ACTIVATIONS; t = s && nextAfter(s, t))
    later++;
  if (later > REPLAYED_ACTIVATIONS) {
    schedule(env.state, { at: env.horizon, owner: "cronjob", key: e.key, uid: e.uid, step: "wake" });
    return;
  }
  syncOne(env, cj);
};
