import { describe, expect, it } from "vitest";
import { HOUR, MIN, NOW, ago, messages, meta, obj } from "../__tests__/fixtures";
import { HAVE_KUBECTL, describeBothWays, kubectlClient, withKubectl } from "../__tests__/kubectl-oracle";
import { makeWorld } from "../__tests__/world";
import { events } from "../events";
import type { CronJob } from "../jobs/types";
import { cronjobs } from ".";
import { cronScheduleError } from "./cron";

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

async function hello(): Promise<CronJob> {
  const cj = JSON.parse(
    (
      await kubectlClient(
        "create",
        "cronjob",
        "hello",
        "--image=busybox:1.36",
        "--schedule=*/5 * * * *",
        "--dry-run=client",
        "-o",
        "json",
        "--",
        "date",
      )
    ).stdout,
  ) as CronJob;
  cj.metadata = {
    ...cj.metadata,
    namespace: "default",
    uid: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
    resourceVersion: "7",
    creationTimestamp: ago(3 * HOUR),
  };
  cronjobs.defaults?.(cj);
  return cj;
}

describe("cronjobs", () => {
  it("is batch/v1 cronjobs, cj, category all", () => {
    const r = cronjobs.resource;
    expect([r.kind, r.shortNames, r.categories]).toEqual(["CronJob", ["cj"], ["all"]]);
  });

  it("reports robfig/cron's parse errors (parser.go) for bad schedules", () => {
    expect(cronScheduleError("*/5 * * * *")).toBeUndefined();
    expect(cronScheduleError("@hourly")).toBeUndefined();
    expect(cronScheduleError("* * *")).toBe("expected exactly 5 fields, found 3: [* * *]");
    expect(cronScheduleError("61 * * * *")).toBe("end of range (61) above maximum (59): 61");
    expect(cronScheduleError("* * * foo *")).toBe('failed to parse int from foo: strconv.Atoi: parsing "foo": invalid syntax');
    expect(cronScheduleError("0 0 * * MON-FRI")).toBeUndefined();
    expect(cronScheduleError("@fortnightly")).toBe("unrecognized descriptor: @fortnightly");
  });

  it("validates schedule, time zone and the job template (validateCronJobSpec)", () => {
    const cj = obj("batch/v1", "CronJob", meta("x", "default", 0), {
      spec: {
        schedule: "*/5 * * *",
        timeZone: "Mars/Olympus",
        jobTemplate: { spec: { template: { spec: { restartPolicy: "OnFailure", containers: [{ name: "c", image: "busybox" }] } } } },
      },
    }) as CronJob;
    cronjobs.defaults?.(cj);
    expect(messages(cronjobs.validate?.(cj, CTX) ?? [])).toEqual([
      'spec.schedule: Invalid value: "*/5 * * *": expected exactly 5 fields, found 4: [*/5 * * *]',
      'spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus',
    ]);
  });

  it.skipIf(!HAVE_KUBECTL)("defaults kubectl create cronjob as SetDefaults_CronJob does, leaving the JobSpec alone", async () => {
    const cj = await hello();
    expect({ ...cj.spec, jobTemplate: undefined }).toEqual({
      schedule: "*/5 * * * *",
      concurrencyPolicy: "Allow",
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: undefined,
    });
    expect(Object.keys(cj.spec?.jobTemplate?.spec ?? {})).toEqual(["template"]);
    expect(cronjobs.validate?.(cj, CTX)).toEqual([]);
  });

  it.skipIf(!HAVE_KUBECTL)("prints SCHEDULE, TIMEZONE, SUSPEND, ACTIVE, LAST SCHEDULE and describes as real kubectl does", async () => {
    const cj = await hello();
    cj.status = {
      lastScheduleTime: ago(12 * MIN),
      lastSuccessfulTime: ago(11 * MIN),
      active: [{ kind: "Job", namespace: "default", name: "hello-29155200", uid: "u1", apiVersion: "batch/v1", resourceVersion: "9" }],
    };
    expect(cronjobs.table?.rows(cj, { now: NOW })).toEqual([
      ["hello", "*/5 * * * *", "<none>", "False", 1, "12m", "3h", "hello", "busybox:1.36", "<none>"],
    ]);
    const world = makeWorld([cronjobs, events], [cj]);
    const r = await describeBothWays(world, NOW, (o, c) => cronjobs.describe?.(o, c) ?? "", cj, "cronjob");
    expect(r.real.stderr).toBe("");
    expect(r.ours).toBe(r.real.stdout);
    await withKubectl(world, NOW, async (kubectl) => {
      expect((await kubectl("get", "cj")).stdout).toBe(
        "NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\nhello   */5 * * * *   <none>     False     1        12m             3h\n",
      );
    });
  });
});
