/**
 * The Job controller (pkg/controller/job/job_controller.go, v1.32), NonIndexed jobs: keeps
 * min(parallelism, completions - succeeded) pods active from the template (generateName
 * `<job>-`), counts Succeeded and Failed pods, and finishes with the v1.31+ condition pairs:
 * SuccessCriteriaMet + Complete ("CompletionsReached", "Reached expected number of succeeded
 * pods") or FailureTarget + Failed ("BackoffLimitExceeded", "Job has reached the specified backoff
 * limit"), deleting the pods still running. Simplifications: a failed pod is replaced at once (the
 * real controller backs off 10 s × 2ⁿ), restarts under restartPolicy OnFailure do not count
 * against backoffLimit, and there is no job-tracking finalizer.
 */
import { rfc3339 } from "../api/meta";
import type { KObject } from "../api/types";
import { cachedList } from "./informer";
import { recordEvent } from "./recorder";
import { deletePod } from "./replicaset";
import type { ControllerEnv } from "./types";
import { CONTROLLER_USER, GR, isReady, ownedBy, ownerController, ownerReference, putIfChanged } from "./workload-util";

const JOBS = { group: "batch", resource: "jobs" };
const source = { component: "job-controller" };
type Pod = KObject & {
  spec: { containers: { name: string }[]; nodeName?: string };
  status?: { phase?: string; conditions?: { type: string; status: string }[] };
};
interface JobSpec {
  parallelism?: number;
  completions?: number | null;
  backoffLimit?: number;
  suspend?: boolean;
  template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown };
}
interface JobCondition {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastProbeTime: string;
  lastTransitionTime: string;
}

const finished = (job: KObject) =>
  ((job.status as { conditions?: JobCondition[] } | undefined)?.conditions ?? []).some(
    (c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True",
  );

function condition(type: string, reason: string, message: string, now: number): JobCondition {
  const t = rfc3339(now);
  return { lastProbeTime: t, lastTransitionTime: t, message, reason, status: "True", type };
}

function createPod(env: ControllerEnv, job: KObject, spec: JobSpec): Pod | undefined {
  const tpl = spec.template ?? {};
  const r = env.api.request({
    verb: "create",
    resource: "pods",
    namespace: job.metadata.namespace,
    user: CONTROLLER_USER,
    body: {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        generateName: `${job.metadata.name}-`,
        namespace: job.metadata.namespace,
        labels: { ...(tpl.metadata?.labels ?? {}) },
        ...(tpl.metadata?.annotations ? { annotations: { ...tpl.metadata.annotations } } : {}),
        ownerReferences: [ownerReference(job)],
      },
      spec: structuredClone(tpl.spec ?? { containers: [] }),
    },
  });
  if (r.code >= 300) {
    recordEvent(env, { obj: job }, "Warning", "FailedCreate", `Error creating: ${(r.body as { message?: string }).message ?? ""}`, source);
    return undefined;
  }
  return r.body as Pod;
}

function syncJob(env: ControllerEnv, job: KObject): boolean {
  if (job.metadata.deletionTimestamp || finished(job)) return false;
  const spec = (job.spec ?? {}) as JobSpec;
  const completions = spec.completions ?? 1;
  const parallelism = spec.parallelism ?? 1;
  const pods = ownedBy(cachedList(env.api.store, GR.pods, job.metadata.namespace), job) as Pod[];
  const succeeded = pods.filter((p) => p.status?.phase === "Succeeded").length;
  const failed = pods.filter((p) => p.status?.phase === "Failed").length;
  let active = pods.filter((p) => p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed" && !p.metadata.deletionTimestamp);
  const conditions: JobCondition[] = [];
  let complete = false;
  if (failed > (spec.backoffLimit ?? 6)) {
    const msg = "Job has reached the specified backoff limit";
    conditions.push(
      condition("FailureTarget", "BackoffLimitExceeded", msg, env.now),
      condition("Failed", "BackoffLimitExceeded", msg, env.now),
    );
    for (const p of active) deletePod(env, p);
    active = [];
    recordEvent(env, { obj: job }, "Warning", "BackoffLimitExceeded", msg, source);
  } else if (succeeded >= completions) {
    const msg = "Reached expected number of succeeded pods";
    conditions.push(
      condition("SuccessCriteriaMet", "CompletionsReached", msg, env.now),
      condition("Complete", "CompletionsReached", msg, env.now),
    );
    recordEvent(env, { obj: job }, "Normal", "Completed", "Job completed", source);
    complete = true;
  } else if (!spec.suspend) {
    const want = Math.min(parallelism, completions - succeeded);
    for (let i = active.length; i < want; i++) {
      const p = createPod(env, job, spec);
      if (!p) break;
      active.push(p);
      recordEvent(env, { obj: job }, "Normal", "SuccessfulCreate", `Created pod: ${p.metadata.name}`, source);
    }
  }
  const cur = env.api.store.get(JOBS, job.metadata.namespace, job.metadata.name);
  if (!cur) return true;
  const next = structuredClone(cur);
  const old = (cur.status ?? {}) as Record<string, unknown>;
  next.status = {
    ...(active.length ? { active: active.length } : {}),
    // only a succeeded job has a completionTime
    ...(complete ? { completionTime: rfc3339(env.now) } : {}),
    ...(conditions.length ? { conditions } : {}),
    ...(failed ? { failed } : {}),
    ready: active.filter(isReady).length,
    startTime: (old.startTime as string | undefined) ?? rfc3339(env.now),
    ...(succeeded ? { succeeded } : {}),
    terminating: 0,
    uncountedTerminatedPods: {},
  };
  return putIfChanged(env, JOBS, cur, next);
}

export const jobController = ownerController({
  name: "job",
  kind: "Job",
  gr: JOBS,
  owns: ["/pods/"],
  sync: syncJob,
});
