/**
 * The HPA controller against pkg/controller/podautoscaler of v1.32: the replica math of
 * replica_calculator.go GetResourceReplicas and metrics/utilization.go GetResourceUtilizationRatio
 * (utilization = sum(usage)*100/sum(requests), truncated; ratio = utilization/target; within 10%
 * tolerance nothing changes; otherwise ceil(ratio * ready pods)), horizontal.go's
 * convertDesiredReplicasWithRules (scale-up limit max(2*current, 4)) and stabilizeRecommendation
 * (the highest recommendation of the last 5 minutes), then the controller on a simulated cluster:
 * a busy loop scaled up with SuccessfulRescale events and the v1.32 TARGETS column, a pod without
 * requests failing with the real condition and events, and a scale-down held for the window.
 */
import { describe, expect, it } from "vitest";
import type { Pod } from "../../kinds/pods/types";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { Simulator } from "../../simulator";
import {
  convertDesiredReplicasWithRules,
  resourceReplicas,
  resourceUtilizationRatio,
  stabilizeRecommendation,
} from "../horizontal-pod-autoscaler";

const NOW = Date.UTC(2026, 10, 30, 9, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** a Running, Ready pod started `ageMs` ago, with a cpu request */
function pod(name: string, request: string | undefined, ageMs = 3_600_000): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", uid: name, resourceVersion: "1", creationTimestamp: iso(NOW - ageMs) },
    spec: { containers: [{ name: "c", image: "busybox", resources: request ? { requests: { cpu: request } } : {} }] },
    status: {
      phase: "Running",
      startTime: iso(NOW - ageMs),
      conditions: [{ type: "Ready", status: "True", lastTransitionTime: iso(NOW - ageMs + 5000) }],
    },
  };
}
const metric = (value: number) => ({ value, timestamp: NOW - 5000, window: 15_000 });

describe("replica_calculator.go and utilization.go", () => {
  it("computes utilization as a ratio of sums, truncated, and the raw average", () => {
    const r = resourceUtilizationRatio(
      new Map([
        ["a", 424],
        ["b", 475],
      ]),
      new Map([
        ["a", 200],
        ["b", 200],
      ]),
      50,
    );
    // (899 * 100) / 400 = 224 (integer division), 224 / 50 = 4.48, 899 / 2 = 449
    expect(r).toEqual({ ratio: 4.48, utilization: 224, rawAverage: 449 });
  });

  it("scales to ceil(ratio * ready pods), and leaves the count alone within the 10% tolerance", () => {
    const pods = [pod("a", "200m"), pod("b", "200m")];
    const busy = new Map([
      ["a", metric(1000)],
      ["b", metric(1000)],
    ]);
    // 2000*100/400 = 500%, /50 = 10, ceil(10 * 2) = 20
    expect(resourceReplicas(2, pods, busy, "cpu", NOW, { utilization: 50 })).toEqual({ replicas: 20, utilization: 500, rawAverage: 1000 });
    const near = new Map([
      ["a", metric(105)],
      ["b", metric(105)],
    ]);
    // 52% of a 50% target: ratio 1.04, within tolerance
    expect(resourceReplicas(2, pods, near, "cpu", NOW, { utilization: 50 }).replicas).toBe(2);
    const low = new Map([
      ["a", metric(10)],
      ["b", metric(10)],
    ]);
    // 5%, ratio 0.1, ceil(0.2) = 1
    expect(resourceReplicas(2, pods, low, "cpu", NOW, { utilization: 50 }).replicas).toBe(1);
  });

  it("names the container without a request, and treats a missing metric as 0% on a scale-up", () => {
    expect(() => resourceReplicas(1, [pod("a", undefined)], new Map([["a", metric(5)]]), "cpu", NOW, { utilization: 50 })).toThrow(
      "missing request for cpu in container c of Pod a",
    );
    const pods = [pod("a", "100m"), pod("b", "100m")];
    // a alone: 300%, ratio 6 > 1; b missing counts as 0: 150%, ratio 3, ceil(3 * 2) = 6
    expect(resourceReplicas(2, pods, new Map([["a", metric(300)]]), "cpu", NOW, { utilization: 50 }).replicas).toBe(6);
  });

  it("ignores pods still starting whose metric predates their readiness", () => {
    const young = pod("a", "100m", 60_000);
    young.status = { ...young.status, conditions: [{ type: "Ready", status: "False", lastTransitionTime: iso(NOW - 55_000) }] };
    expect(() => resourceReplicas(1, [young], new Map([["a", metric(500)]]), "cpu", NOW, { utilization: 50 })).toThrow(
      "did not receive metrics for targeted pods (pods might be unready)",
    );
  });
});

describe("horizontal.go normalisation", () => {
  it("limits scale-ups to max(2 * current, 4) and clamps to min and max", () => {
    expect(convertDesiredReplicasWithRules(1, 20, 1, 10)).toEqual([
      4,
      "ScaleUpLimit",
      "the desired replica count is increasing faster than the maximum scale rate",
    ]);
    expect(convertDesiredReplicasWithRules(4, 20, 1, 5)).toEqual([
      5,
      "TooManyReplicas",
      "the desired replica count is more than the maximum replica count",
    ]);
    expect(convertDesiredReplicasWithRules(3, 0, 2, 5)).toEqual([
      2,
      "TooFewReplicas",
      "the desired replica count is less than the minimum replica count",
    ]);
    expect(convertDesiredReplicasWithRules(3, 4, 1, 5)).toEqual([
      4,
      "DesiredWithinRange",
      "the desired count is within the acceptable range",
    ]);
  });

  it("keeps the highest recommendation of the last five minutes", () => {
    const window = 300_000;
    const recs: [number, number][] = [
      [NOW - 400_000, 9],
      [NOW - 200_000, 5],
    ];
    const s = stabilizeRecommendation(recs, NOW, window, 2);
    // the 9 is older than the window (and is replaced by this recommendation); the 5 holds
    expect(s.value).toBe(5);
    expect(s.recs).toEqual([
      [NOW, 2],
      [NOW - 200_000, 5],
    ]);
  });
});

describe("the controller on a cluster", () => {
  async function cluster() {
    let now = Date.UTC(2026, 10, 30, 8, 0, 0);
    const sim = await Simulator.create({ clock: { now: () => now }, keys: new DeterministicKeySource(4), seed: 7 });
    return { sim, advance: (ms: number) => (now += ms), run: async (l: string) => (await sim.exec(l)).output };
  }

  it("scales a busy deployment up, in steps of the scale-up limit, to maxReplicas", async () => {
    const { advance, run } = await cluster();
    await run("kubectl create deployment spin --image=busybox -- sh -c 'while true; do :; done'");
    await run("kubectl set resources deployment spin --requests=cpu=200m");
    await run("kubectl autoscale deployment spin --min=1 --max=5 --cpu-percent=50");
    advance(20_000);
    expect(await run("kubectl get hpa spin --no-headers")).toMatch(/^spin +Deployment\/spin +cpu: <unknown>\/50% +1 +5 +1 +20s\n$/);
    advance(120_000);
    // five busy pods share node01's 2 CPUs (less its daemons and idle pods): ~390m each of a 200m request
    expect(await run("kubectl get hpa spin --no-headers")).toMatch(/^spin +Deployment\/spin +cpu: 195%\/50% +1 +5 +5 +2m20s\n$/);
    expect(await run("kubectl get deploy spin --no-headers")).toMatch(/^spin +5\/5 +5 +5 /);
    const events = await run(
      "kubectl get events --field-selector involvedObject.kind=HorizontalPodAutoscaler -o custom-columns=REASON:.reason,MESSAGE:.message --no-headers",
    );
    expect(events).toMatch(/^SuccessfulRescale +New size: 4; reason: cpu resource utilization \(percentage of request\) above target$/m);
    expect(events).toMatch(/^SuccessfulRescale +New size: 5; reason: cpu resource utilization \(percentage of request\) above target$/m);
    const describe = await run("kubectl describe hpa spin");
    expect(describe).toContain(
      "ScalingActive   True    ValidMetricFound  the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)\n",
    );
    expect(describe).toContain(
      "ScalingLimited  True    TooManyReplicas   the desired replica count is more than the maximum replica count\n",
    );
  });

  it("reports a pod without a cpu request as real clusters do", async () => {
    const { advance, run } = await cluster();
    await run("kubectl create deployment web --image=nginx");
    await run("kubectl autoscale deployment web --max=3");
    advance(120_000);
    const describe = await run("kubectl describe hpa web");
    expect(describe).toMatch(
      /ScalingActive +False +FailedGetResourceMetric +the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container nginx of Pod web-\S+\n/,
    );
    expect(describe).toMatch(
      /Warning +FailedComputeMetricsReplicas +\S+ \(x\d+ over \S+\) +horizontal-pod-autoscaler +invalid metrics \(1 invalid out of 1\), first error is: failed to get cpu resource metric value: failed to get cpu utilization: missing request for cpu in container nginx of Pod web-\S+\n/,
    );
    expect(describe).toContain("Deployment pods:                                       1 current / 0 desired\n");
  });

  it("holds a scale-down for the five-minute stabilisation window, then scales down", async () => {
    const { advance, run } = await cluster();
    await run("kubectl create deployment spin --image=busybox -- sh -c 'while true; do :; done'");
    await run("kubectl set resources deployment spin --requests=cpu=100m");
    await run("kubectl autoscale deployment spin --min=1 --max=3 --cpu-percent=80");
    advance(180_000);
    expect(await run("kubectl get deploy spin -o jsonpath='{.spec.replicas}'")).toBe("3");
    // the workload goes idle: the new pods use no CPU
    await run(
      `kubectl patch deployment spin -p '{"spec":{"template":{"spec":{"containers":[{"name":"busybox","command":["sleep","infinity"]}]}}}}'`,
    );
    advance(120_000);
    expect(await run("kubectl get hpa spin --no-headers")).toMatch(/^spin +Deployment\/spin +cpu: 0%\/80% +1 +3 +3 /);
    expect(await run("kubectl get deploy spin -o jsonpath='{.spec.replicas}'")).toBe("3");
    expect(await run("kubectl describe hpa spin")).toContain(
      "AbleToScale     True    ScaleDownStabilized  recent recommendations were higher than current one, applying the highest recent recommendation\n",
    );
    advance(300_000);
    expect(await run("kubectl get deploy spin -o jsonpath='{.spec.replicas}'")).toBe("1");
    expect(
      await run("kubectl get events --field-selector reason=SuccessfulRescale -o custom-columns=MESSAGE:.message --no-headers"),
    ).toContain("New size: 1; reason: All metrics below target\n");
  });

  it("stays cheap and steady over a day away", async () => {
    const { advance, run, sim } = await cluster();
    await run("kubectl create deployment web --image=nginx");
    await run("kubectl autoscale deployment web --max=3");
    advance(86_400_000);
    expect(await run("kubectl get hpa web --no-headers")).toMatch(/^web +Deployment\/web +cpu: <unknown>\/80% +1 +3 +1 +24h\n$/);
    // one sync per period is counted, not stored
    expect(await run("kubectl describe hpa web")).toMatch(/FailedGetResourceMetric +0s \(x5\d{3} over 23h\)/);
    expect(sim.state.timeline?.events.filter((e) => e.owner === "horizontal-pod-autoscaler")).toHaveLength(1);
  });
});
