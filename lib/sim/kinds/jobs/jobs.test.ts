import { describe, expect, it } from "vitest";
import { invalidStatus } from "../../api/field";
import { HOUR, MIN, NOW, ago, event, messages, meta, obj, ownerRef } from "../__tests__/fixtures";
import { HAVE_KUBECTL, describeBothWays, kubectlClient, withKubectl } from "../__tests__/kubectl-oracle";
import { makeWorld } from "../__tests__/world";
import { events } from "../events";
import { jobs } from ".";
import type { Job } from "./types";

const CTX = {
  user: { username: "u", groups: [] },
  now: NOW,
  random: () => 0,
  objects: { get: () => undefined, list: () => [] },
  cluster: {
    serviceSubnet: "10.96.0.0/12",
    nodePortRange: [30000, 32767] as [number, number],
    podSubnet: "10.244.0.0/16",
    dnsDomain: "cluster.local",
  },
};

/** What `kubectl create job` sends, through defaulting and PrepareForCreate (uid assigned by the request path). */
async function created(args: string[], uid = "0f2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"): Promise<Job> {
  const dash = args.indexOf("--");
  const out = await kubectlClient("create", "job", ...args.slice(0, dash), "--dry-run=client", "-o", "json", ...args.slice(dash));
  const job = JSON.parse(out.stdout) as Job;
  job.metadata = { ...job.metadata, namespace: "default", uid, resourceVersion: "1", creationTimestamp: ago(2 * HOUR) };
  jobs.defaults?.(job);
  jobs.strategy?.prepareForCreate?.(job, CTX);
  return job;
}

/** A job whose pods kept failing: BackoffLimitExceeded. */
function failed(job: Job): Job {
  job.status = {
    conditions: [
      {
        type: "FailureTarget",
        status: "True",
        reason: "BackoffLimitExceeded",
        message: "Job has reached the specified backoff limit",
        lastTransitionTime: ago(HOUR + 40 * MIN),
      },
      {
        type: "Failed",
        status: "True",
        reason: "BackoffLimitExceeded",
        message: "Job has reached the specified backoff limit",
        lastTransitionTime: ago(HOUR + 40 * MIN),
      },
    ],
    startTime: ago(2 * HOUR),
    failed: 7,
    ready: 0,
    terminating: 0,
    uncountedTerminatedPods: {},
  };
  return job;
}

describe("jobs", () => {
  it("is batch/v1 jobs in category all with status, no short name", () => {
    const r = jobs.resource;
    expect([r.kind, r.shortNames, r.categories, r.subresources?.map((s) => s.name)]).toEqual(["Job", [], ["all"], ["status"]]);
  });

  it.skipIf(!HAVE_KUBECTL)("defaults and generates the selector as a v1.32 apiserver stores kubectl create job", async () => {
    // SetDefaults_Job (pkg/apis/batch/v1/defaults.go) + jobStrategy.PrepareForCreate generateSelector (pkg/registry/batch/job/strategy.go)
    const job = await created(["pi", "--image=perl:5.34", "--", "perl", "-Mbignum=bpi", "-wle", "print bpi(20)"]);
    const uid = job.metadata.uid;
    const labels = {
      "batch.kubernetes.io/controller-uid": uid,
      "batch.kubernetes.io/job-name": "pi",
      "controller-uid": uid,
      "job-name": "pi",
    };
    expect(job.metadata.labels).toEqual(labels);
    expect({ ...job.spec, template: undefined }).toEqual({
      parallelism: 1,
      completions: 1,
      backoffLimit: 6,
      completionMode: "NonIndexed",
      suspend: false,
      podReplacementPolicy: "TerminatingOrFailed",
      manualSelector: false,
      selector: { matchLabels: { "batch.kubernetes.io/controller-uid": uid } },
      template: undefined,
    });
    expect(job.spec?.template?.metadata).toEqual({ creationTimestamp: null, labels });
    expect(job.spec?.template?.spec?.restartPolicy).toBe("Never");
    expect(job.spec?.template?.spec?.containers?.[0]).toMatchObject({
      name: "pi",
      command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(20)"],
      imagePullPolicy: "IfNotPresent",
    });
    expect(jobs.validate?.(job, CTX)).toEqual([]);
  });

  it("asks for OnFailure or Never when the template restarts Always (validateJobSpec)", () => {
    const job = obj("batch/v1", "Job", meta("bad", "default", 0), {
      spec: { template: { spec: { containers: [{ name: "c", image: "busybox" }] } } },
    }) as Job;
    jobs.defaults?.(job);
    jobs.strategy?.prepareForCreate?.(job, CTX);
    expect(invalidStatus("batch", "Job", "bad", jobs.validate?.(job, CTX) ?? []).message).toBe(
      'Job.batch "bad" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    );
  });

  it("keeps the template and the completions immutable (ValidateJobSpecUpdate)", () => {
    const make = () => {
      const j = obj("batch/v1", "Job", meta("pi", "default", 0, { uid: "0f2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d" }), {
        spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "c", image: "perl:5.34" }] } } },
      }) as Job;
      jobs.defaults?.(j);
      jobs.strategy?.prepareForCreate?.(j, CTX);
      return j;
    };
    const old = make();
    const next = make();
    if (next.spec) next.spec.completions = 3;
    const c = next.spec?.template?.spec?.containers?.[0];
    if (c) c.image = "perl:5.36";
    expect(messages(jobs.validateUpdate?.(next, old, CTX) ?? [])).toEqual([
      "spec.completions: Invalid value: 3: field is immutable",
      "spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable",
    ]);
  });

  it("prints STATUS, COMPLETIONS and DURATION as printJob does in v1.32", () => {
    const running = obj("batch/v1", "Job", meta("batch", "default", 30 * MIN), {
      spec: {
        parallelism: 3,
        template: { spec: { containers: [{ name: "w", image: "busybox" }] } },
        selector: { matchLabels: { "batch.kubernetes.io/controller-uid": "x" } },
      },
      status: { startTime: ago(25 * MIN), active: 3, succeeded: 1 },
    }) as Job;
    expect(jobs.table?.rows(running, { now: NOW })).toEqual([
      ["batch", "Running", "1/1 of 3", "25m", "30m", "w", "busybox", "batch.kubernetes.io/controller-uid=x"],
    ]);
    const done = obj("batch/v1", "Job", meta("pi", "default", 3 * HOUR), {
      spec: { completions: 1, template: { spec: { containers: [{ name: "pi", image: "perl:5.34" }] } } },
      status: {
        startTime: ago(3 * HOUR),
        completionTime: ago(3 * HOUR - 12_000),
        succeeded: 1,
        conditions: [
          { type: "SuccessCriteriaMet", status: "True" },
          { type: "Complete", status: "True" },
        ],
      },
    }) as Job;
    expect(jobs.table?.rows(done, { now: NOW })[0].slice(0, 5)).toEqual(["pi", "Complete", "1/1", "12s", "3h"]);
  });

  it.skipIf(!HAVE_KUBECTL)("describes a failed job byte for byte as real kubectl, and real kubectl get prints its row", async () => {
    const job = failed(await created(["pi", "--image=perl:5.34", "--", "perl", "-e", "exit 1"]));
    const pods = [0, 1].map((i) =>
      obj(
        "v1",
        "Pod",
        meta(`pi-${["x7k2p", "m9q4r"][i]}`, "default", HOUR, {
          labels: job.spec?.template?.metadata?.labels,
          ownerReferences: [ownerRef(job)],
        }),
        { spec: {}, status: { phase: "Failed" } },
      ),
    );
    const evs = [
      event(job, { reason: "SuccessfulCreate", message: "Created pod: pi-x7k2p", component: "job-controller", first: 2 * HOUR }),
      event(job, {
        type: "Warning",
        reason: "BackoffLimitExceeded",
        message: "Job has reached the specified backoff limit",
        component: "job-controller",
        first: HOUR + 40 * MIN,
      }),
    ];
    const world = makeWorld([jobs, events], [job, ...pods, ...evs]);
    const r = await describeBothWays(world, NOW, (o, c) => jobs.describe?.(o, c) ?? "", job, "job");
    expect(r.real.stderr).toBe("");
    expect(r.ours).toBe(r.real.stdout);
    expect(r.ours).toContain("Pods Statuses:    0 Active (0 Ready) / 0 Succeeded / 7 Failed\n");
    await withKubectl(world, NOW, async (kubectl) => {
      expect((await kubectl("get", "jobs")).stdout).toBe(
        "NAME   STATUS   COMPLETIONS   DURATION   AGE\npi     Failed   0/1           120m       120m\n",
      );
    });
  });
});
