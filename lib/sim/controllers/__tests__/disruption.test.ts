/**
 * PodDisruptionBudgets kept by the disruption controller and honoured by the pods' eviction
 * subresource. Expectations from the v1.32 sources: pkg/controller/disruption/disruption.go
 * (getExpectedPodCount, getExpectedScale, countHealthyPods, updatePdbStatus, failSafe),
 * pkg/apis/policy/helper (UpdateDisruptionAllowedCondition: SufficientPods, InsufficientPods),
 * pkg/registry/core/pod/storage/eviction.go (checkAndDecrement, the 429 and its cause) and
 * staging/src/k8s.io/kubectl/pkg/drain/drain.go (the eviction kubectl drain sends).
 */
import { describe, expect, it } from "vitest";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { Simulator } from "../../simulator";

const T0 = Date.UTC(2026, 10, 30, 8, 0, 0);
const jp = (what: string, path: string) => `kubectl get ${what} -o jsonpath='${path}'`;

async function sim() {
  const clock = { t: T0 };
  const s = await Simulator.create({ clock: { now: () => clock.t }, keys: new DeterministicKeySource(5), seed: 3, ageMs: 3_600_000 });
  return { run: async (l: string) => (await s.exec(l)).output, at: (sec: number) => (clock.t = T0 + sec * 1000) };
}

const STATUS = "{.status.disruptionsAllowed}/{.status.currentHealthy}/{.status.desiredHealthy}/{.status.expectedPods}";

describe("the disruption controller", () => {
  it("counts healthy and expected pods for minAvailable and a percentage maxUnavailable, unmanaged pods as healthy only", async () => {
    const { run, at } = await sim();
    await run("kubectl create deployment web --image=nginx --replicas=3");
    await run("kubectl create pdb min2 --selector=app=web --min-available=2");
    await run("kubectl create pdb half --selector=app=web --max-unavailable=50%");
    // before the pods are ready: nobody may go
    expect(await run(jp("pdb min2", `${STATUS} {.status.conditions[0].reason}`))).toBe("0/0/2/3 InsufficientPods");
    at(20);
    expect(
      await run(jp("pdb min2", `${STATUS} {.status.conditions[0].type}={.status.conditions[0].status}/{.status.conditions[0].reason}`)),
    ).toBe("1/3/2/3 DisruptionAllowed=True/SufficientPods");
    // 50% of the Deployment's 3, rounded up, may be unavailable: 1 must stay healthy
    expect(await run(jp("pdb half", STATUS))).toBe("2/3/1/3");
    // a pod with no controller adds nothing to what is expected, but is healthy (getExpectedScale's unmanaged pods)
    await run("kubectl run lone --image=nginx --labels=app=web");
    at(30);
    expect(await run(jp("pdb half", STATUS))).toBe("3/4/1/3");
  });

  it("lets drain evict what the budget allows and refuses the rest with the eviction subresource's 429", async () => {
    const { run, at } = await sim();
    await run("kubectl create deployment web --image=nginx --replicas=3");
    await run("kubectl create pdb web --selector=app=web --min-available=2");
    at(20);
    const out = await run("kubectl drain node01 --ignore-daemonsets --delete-emptydir-data --pod-selector=app=web");
    const lines = out.split("\n");
    expect(lines.filter((l) => /^pod\/web-\S+ evicted$/.test(l))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith("error when evicting"))).toEqual([
      expect.stringMatching(
        /^error when evicting pods\/"web-\S+" -n "default" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\.$/,
      ),
    ]);
    // the eviction is recorded in the budget until the pod is gone, and the replacement cannot run on the cordoned node
    expect(await run(jp("pdb web", STATUS))).toBe("0/2/2/3");
  });
});
