/**
 * CronJobs on the cluster clock, through kubectl. Expectations from pkg/controller/cronjob (v1.32):
 * cronjob_controllerv2.go syncCronJob (job names, events, concurrency), utils.go
 * mostRecentScheduleTime (missed activations), robfig/cron v3 spec.go (schedule arithmetic).
 */
import { describe, expect, it } from "vitest";
import { mostRecent, nextAfter, parseSchedule } from "../cron-schedule";
import { cluster, manifest, T0 } from "./harness";

const CJ = (name: string, schedule: string, command: string, extra = "") => `
apiVersion: batch/v1
kind: CronJob
metadata:
  name: ${name}
spec:
  schedule: "${schedule}"${extra}
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: main
            image: busybox:1.36
            command: ${command}
`;
const jp = (what: string, path: string) => `kubectl get ${what} -o jsonpath='${path}'`;
const events = '{range .items[*]}{.reason} {.message}{"\\n"}{end}';
const minute = (iso: string) => Math.floor(Date.parse(iso) / 60_000);
const at = (iso: string) => (Date.parse(iso) - T0) / 1000;

describe("cron schedules (robfig/cron v3 SpecSchedule.Next, UTC)", () => {
  const next = (spec: string, from: string) => {
    const s = parseSchedule(spec);
    const n = s && nextAfter(s, Date.parse(from));
    return n === undefined ? undefined : new Date(n).toISOString();
  };
  it("steps fields, descriptors, ranges, steps and names", () => {
    expect(next("*/15 * * * *", "2026-11-28T09:08:33Z")).toBe("2026-11-28T09:15:00.000Z");
    expect(next("@hourly", "2026-11-28T09:00:00Z")).toBe("2026-11-28T10:00:00.000Z");
    // 2026-11-28 is a Saturday: weekdays at nine resume on Monday
    expect(next("0 9 * * mon-fri", "2026-11-28T09:08:33Z")).toBe("2026-11-30T09:00:00.000Z");
    expect(next("@monthly", "2026-11-28T09:08:33Z")).toBe("2026-12-01T00:00:00.000Z");
    // both day fields restricted: either matches (the 1st, or a Sunday, the 29th)
    expect(next("0 0 1 * 0", "2026-11-28T09:08:33Z")).toBe("2026-11-29T00:00:00.000Z");
    expect(next("@every 90s", "2026-11-28T09:08:33.400Z")).toBe("2026-11-28T09:10:03.000Z");
    expect(next("0 0 30 2 *", "2026-11-28T09:08:33Z")).toBeUndefined();
  });
  it("finds the latest activation of a long gap without listing them, and counts the misses", () => {
    const s = parseSchedule("* * * * *");
    expect(s && mostRecent(s, Date.parse("2026-11-28T09:08:33Z"), Date.parse("2026-11-29T09:08:40Z"))).toEqual({
      time: Date.parse("2026-11-29T09:08:00Z"),
      missed: 1440,
    });
    const w = parseSchedule("0 9 * * 1-5");
    expect(
      w && new Date(mostRecent(w, Date.parse("2026-11-20T10:00:00Z"), Date.parse("2026-11-29T12:00:00Z"))?.time ?? 0).toISOString(),
    ).toBe("2026-11-27T09:00:00.000Z");
  });
});

describe("a CronJob every minute", () => {
  it("creates <cronjob>-<minutes since the epoch> at each activation, sees it complete and keeps 3 successful jobs", async () => {
    const c = await cluster();
    await c.run(manifest("cj", CJ("hello", "* * * * *", "[echo, hi]")));
    expect(await c.run("kubectl apply -f cj.yaml")).toBe("cronjob.batch/hello created\n");
    expect(await c.run(jp("jobs", "{.items[*].metadata.name}"))).toBe("");
    c.at(at("2026-11-28T09:09:00.500Z"));
    const first = `hello-${minute("2026-11-28T09:09:00Z")}`;
    expect(await c.run(jp("jobs", "{.items[*].metadata.name}"))).toBe(first);
    expect(await c.run(jp(`job ${first}`, "{.metadata.annotations} {.metadata.ownerReferences[0].kind}"))).toBe(
      '{"batch.kubernetes.io/cronjob-scheduled-timestamp":"2026-11-28T09:09:00Z"} CronJob',
    );
    expect(await c.run(jp("cj hello", "{.status.lastScheduleTime} {.status.active[*].name}"))).toBe(`2026-11-28T09:09:00Z ${first}`);
    c.at(at("2026-11-28T09:09:40Z"));
    expect(await c.run(jp(`job ${first}`, "{.status.succeeded}"))).toBe("1");
    expect(await c.run(jp("cj hello", "{.status.active}"))).toBe("");
    expect(await c.run(jp("cj hello", "{.status.lastSuccessfulTime}"))).toMatch(/^2026-11-28T09:09:\d\dZ$/);
    const ev = await c.run(jp("events --field-selector involvedObject.kind=CronJob", events));
    expect(ev).toBe(`SuccessfulCreate Created job ${first}\nSawCompletedJob Saw completed job: ${first}, condition: Complete\n`);

    // one settle replays the activations of 09:10 to 09:14 (each job done within seconds)
    c.at(at("2026-11-28T09:14:30Z"));
    const kept = ["12", "13", "14"].map((m) => `hello-${minute(`2026-11-28T09:${m}:00Z`)}`);
    expect(await c.run(jp("jobs", "{.items[*].metadata.name}"))).toBe(kept.join(" "));
    expect(await c.run(jp("events --field-selector reason=SuccessfulDelete", '{range .items[*]}{.message}{"\\n"}{end}'))).toContain(
      `Deleted job ${first}\n`,
    );
  });

  it("after a day away creates one job for the latest minute, not 1440, and says too many were missed", async () => {
    const c = await cluster();
    await c.run(manifest("cj", CJ("hello", "* * * * *", "[echo, hi]")));
    await c.run("kubectl apply -f cj.yaml");
    c.at(at("2026-11-29T09:08:40Z"));
    const names = (await c.run(jp("jobs", "{.items[*].metadata.name}"))).split(" ").filter(Boolean);
    expect(names.length).toBeLessThanOrEqual(3);
    expect(names).toContain(`hello-${minute("2026-11-29T09:08:00Z")}`);
    expect(await c.run(jp("cj hello", "{.status.lastScheduleTime}"))).toBe("2026-11-29T09:08:00Z");
    expect(await c.run(jp("events --field-selector reason=TooManyMissedTimes", '{range .items[*]}{.message}{"\\n"}{end}'))).toMatch(
      /^too many missed start times: \d+\. Set or decrease \.spec\.startingDeadlineSeconds or check clock skew\n$/,
    );
  });

  // utils.go: the deadline moves the earliest time considered to now - startingDeadlineSeconds, so
  // a long-missed activation is not even seen (the MissSchedule branch needs a sync inside the window)
  it("with startingDeadlineSeconds, a day away creates nothing for activations older than the deadline", async () => {
    const c = await cluster();
    await c.run(manifest("cj", CJ("late", "0 * * * *", "[echo, hi]", "\n  startingDeadlineSeconds: 30")));
    await c.run("kubectl apply -f cj.yaml");
    c.at(at("2026-11-29T09:08:40Z"));
    expect(await c.run(jp("jobs", "{.items[*].metadata.name}"))).toBe("");
    expect(await c.run(jp("cj late", "{.status}"))).toBe("{}");
    expect(await c.run(jp("events --field-selector involvedObject.name=late", events))).toBe("");
  });

  it("Forbid skips while a job runs, Replace deletes it, suspend creates nothing", async () => {
    const c = await cluster();
    const sleep = '[sh, -c, "sleep 3600"]';
    await c.run(manifest("f", CJ("forbid", "* * * * *", sleep, "\n  concurrencyPolicy: Forbid")));
    await c.run(manifest("r", CJ("replace", "* * * * *", sleep, "\n  concurrencyPolicy: Replace")));
    await c.run(manifest("s", CJ("paused", "* * * * *", sleep, "\n  suspend: true")));
    for (const f of ["f", "r", "s"]) await c.run(`kubectl apply -f ${f}.yaml`);
    for (let s = at("2026-11-28T09:09:00.5Z"); s <= at("2026-11-28T09:11:10Z"); s += 10) {
      c.at(s);
      await c.run("true");
    }
    const m = (hhmm: string) => minute(`2026-11-28T${hhmm}:00Z`);
    expect(await c.run(jp("jobs", "{.items[*].metadata.name}"))).toBe(`forbid-${m("09:09")} replace-${m("09:11")}`);
    const ev = await c.run(jp("events --field-selector involvedObject.name=forbid", events));
    expect(ev).toContain("JobAlreadyActive Not starting job because prior execution is running and concurrency policy is Forbid\n");
    const rev = await c.run(jp("events --field-selector involvedObject.name=replace", events));
    expect(rev).toContain(`SuccessfulDelete Deleted job replace-${m("09:09")}\n`);
    expect(rev).toContain(`SuccessfulDelete Deleted job replace-${m("09:10")}\n`);
    expect(await c.run(jp("cj paused", "{.status}"))).toBe("{}");
  });
});
