/**
 * Checks on workloads after the controllers, scheduler and kubelet have run up to the cluster
 * clock: a finished rollout, ready pods, a Service with endpoints, a complete Job, a usable node.
 */
import { z } from "zod";
import { labelsMatch, parseLabelSelector } from "../../sim/api/selectors";
import type { KObject } from "../../sim/api/types";
import { deploymentStatus } from "../../sim/commands/kubectl/rollout";
import { isReady } from "../../sim/controllers/workload-util";
import type { PodStatus } from "../../sim/kinds/pods/types";
import type { CheckResult } from "../types";
import { count, defineCheck, fail, name, namespace, pass, plural } from "./define";

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

const conditions = (o: KObject): Condition[] => ((o.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).slice();
const condition = (o: KObject, type: string) => conditions(o).find((c) => c.type === type);
/** The store holds each kind in its API shape; these checks read only the fields they declare. */
const as = <T extends KObject>(o: KObject | undefined) => o as T | undefined;
const num = (v: unknown) => (typeof v === "number" ? v : 0);

interface DeploymentLike extends KObject {
  spec?: { replicas?: number; template?: { spec?: { containers?: { name: string; image?: string }[] } } };
}

/** Why `kubectl rollout status` would still wait, in its own words; undefined when the rollout is complete. */
function rolloutPending(d: DeploymentLike): string | undefined {
  const status = deploymentStatus(d as Parameters<typeof deploymentStatus>[0]);
  if (status.done) return undefined;
  return (status.error ?? status.message).replace(/^error: /, "").trim();
}

type PodLike = KObject & { status?: PodStatus };

/** "Running", or the reason a container is waiting (`CrashLoopBackOff`, `ImagePullBackOff`), or the phase. */
function podState(p: PodLike): string {
  const waiting = p.status?.containerStatuses?.find((c) => c.state?.waiting?.reason)?.state?.waiting?.reason;
  return waiting ?? p.status?.phase ?? "Pending";
}
const podReady = (p: PodLike) => p.status?.phase === "Running" && isReady(p);

export const WORKLOAD_CHECKS = {
  deploymentAvailable: defineCheck({
    props: z.strictObject({ name, namespace, replicas: count.optional(), image: name.optional() }),
    run: (v, p) => {
      const d = as<DeploymentLike>(v.q.get("apps", "deployments", p.namespace, p.name));
      const where = `deployment ${p.name} in namespace ${p.namespace}`;
      if (!d) return fail(`There is no ${where}.`);
      const want = d.spec?.replicas ?? 1;
      if (p.replicas !== undefined && want !== p.replicas)
        return fail(`The ${where} asks for ${plural(want, "replica")}, not ${p.replicas}.`);
      const containers = d.spec?.template?.spec?.containers ?? [];
      const other = p.image === undefined ? undefined : containers.find((c) => c.image !== p.image);
      if (other) return fail(`The ${where} runs ${other.image ?? "no image"} in container ${other.name}, not ${p.image}.`);
      const pending = rolloutPending(d);
      if (pending) return fail(`The ${where} has not finished rolling out: ${pending}.`);
      return pass(`The ${where} has rolled out: ${plural(want, "replica")} updated and available.`);
    },
  }),
  podsReady: defineCheck({
    props: z.strictObject({ namespace, selector: name.optional(), name: name.optional(), count: count.optional() }),
    run: (v, p) => {
      let pods = v.q.list("", "pods", p.namespace) as PodLike[];
      let which = `in namespace ${p.namespace}`;
      if (p.name) {
        pods = pods.filter((x) => x.metadata.name === p.name);
        which = `named ${p.name} ${which}`;
      }
      if (p.selector) {
        const reqs = parseLabelSelector(p.selector);
        if ("error" in reqs) return fail(`This task is misconfigured: the selector ${p.selector} is invalid (${reqs.error}).`);
        pods = pods.filter((x) => labelsMatch(reqs, x.metadata.labels));
        which = `matching ${p.selector} ${which}`;
      }
      pods = pods.filter((x) => !x.metadata.deletionTimestamp);
      const want = p.count ?? 1;
      if (pods.length < want) return fail(`Found ${plural(pods.length, "pod")} ${which}; expected at least ${want}.`);
      const notReady = pods.filter((x) => !podReady(x));
      if (notReady.length) {
        const list = notReady.slice(0, 3).map((x) => `${x.metadata.name} (${podState(x)})`);
        return fail(
          `${plural(notReady.length, "pod")} ${which} ${notReady.length === 1 ? "is" : "are"} not ready: ${list.join(", ")}${notReady.length > 3 ? ", ..." : ""}.`,
        );
      }
      return pass(`${plural(pods.length, "pod")} ${which} ${pods.length === 1 ? "is" : "are"} running and ready.`);
    },
  }),
  serviceHasEndpoints: defineCheck({
    props: z.strictObject({ name, namespace, count: count.optional() }),
    run: (v, p) => {
      const where = `service ${p.name} in namespace ${p.namespace}`;
      if (!v.q.get("", "services", p.namespace, p.name)) return fail(`There is no ${where}.`);
      const ep = as<KObject & { subsets?: { addresses?: unknown[] }[] }>(v.q.get("", "endpoints", p.namespace, p.name));
      const ready = (ep?.subsets ?? []).reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
      const want = p.count ?? 1;
      if (ready < want)
        return fail(
          ready === 0
            ? `The ${where} has no ready endpoints: no ready pod matches its selector.`
            : `The ${where} has ${plural(ready, "ready endpoint")}; expected at least ${want}.`,
        );
      return pass(`The ${where} has ${plural(ready, "ready endpoint")}.`);
    },
  }),
  jobComplete: defineCheck({
    props: z.strictObject({ name, namespace }),
    run: (v, p) => {
      const where = `job ${p.name} in namespace ${p.namespace}`;
      const job = v.q.get("batch", "jobs", p.namespace, p.name);
      if (!job) return fail(`There is no ${where}.`);
      if (condition(job, "Complete")?.status === "True") return pass(`The ${where} is complete.`);
      const failed = condition(job, "Failed");
      if (failed?.status === "True") return fail(`The ${where} failed${failed.reason ? ` (${failed.reason})` : ""}.`);
      const st = job.status as { succeeded?: number } | undefined;
      const spec = job.spec as { completions?: number } | undefined;
      return fail(`The ${where} is not complete yet: ${num(st?.succeeded)} of ${spec?.completions ?? 1} completions succeeded.`);
    },
  }),
  nodeSchedulable: defineCheck({
    props: z.strictObject({ name }),
    run: (v, p): CheckResult => {
      const node = v.q.get("", "nodes", undefined, p.name);
      if (!node) return fail(`There is no node named ${p.name}.`);
      if ((node.spec as { unschedulable?: boolean } | undefined)?.unschedulable)
        return fail(`The node ${p.name} is cordoned (SchedulingDisabled).`);
      if (condition(node, "Ready")?.status !== "True") return fail(`The node ${p.name} is not Ready.`);
      return pass(`The node ${p.name} is Ready and accepts new pods.`);
    },
  }),
};
