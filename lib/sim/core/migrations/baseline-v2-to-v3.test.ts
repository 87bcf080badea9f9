/**
 * A real saved state packed against baseline version 2 (written by the code before metrics-server
 * existed: __fixtures__/state-baseline-v2.json, a snapshot and the deltas of four commands: a shop
 * namespace, a web Deployment with cpu requests and an HPA on it) still loads: version 2's
 * generator unpacks it exactly, upgradeBaseline adds metrics-server, its RBAC, Service and
 * APIService, the learner's work stays, and kubectl top answers.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { baselineOf, BASELINE_VERSION } from "../../cluster/baseline";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { Simulator, applyDelta, type StateDelta } from "../../simulator";
import { isPacked, type PackedState } from "../pack";

const fixture = JSON.parse(readFileSync(new URL("../__fixtures__/state-baseline-v2.json", import.meta.url), "utf8")) as {
  snapshot: PackedState;
  deltas: StateDelta[];
};
// the fixture's cluster was made at 2026-11-30 08:00 UTC; it is opened a few minutes later
const NOW = Date.UTC(2026, 10, 30, 8, 5, 0);

function load(): Simulator {
  const saved = structuredClone(fixture.snapshot);
  for (const d of fixture.deltas) applyDelta(saved, d);
  return Simulator.restore(saved, { clock: { now: () => NOW }, keys: new DeterministicKeySource(4) });
}

describe("baseline version 2 → 3", () => {
  it("is a packed state of baseline version 2", () => {
    expect(isPacked(fixture.snapshot)).toBe(true);
    expect(fixture.snapshot.baseline?.version).toBe(2);
  });

  it("unpacks the version 2 objects exactly, then gains exactly what version 3 adds", () => {
    const sim = load();
    const spec = sim.state.baseline;
    if (!spec) throw new Error("no baseline");
    const v2 = baselineOf(sim.state.config, sim.state.createdAt, { ...spec, version: 2 });
    const v3 = baselineOf(sim.state.config, sim.state.createdAt, { ...spec, version: 3 });
    const added = Object.keys(v3.objects).filter((k) => !(k in v2.objects));
    const generic = (k: string) => k.replace(/metrics-server-[0-9a-z]{5,10}(-[0-9a-z]{5})?$/, "metrics-server-*");
    expect(added.map(generic).sort()).toEqual([
      "/endpoints/kube-system/metrics-server",
      "/pods/kube-system/metrics-server-*",
      "/serviceaccounts/kube-system/metrics-server",
      "/services/kube-system/metrics-server",
      "apiregistration.k8s.io/apiservices//v1beta1.metrics.k8s.io",
      "apps/deployments/kube-system/metrics-server",
      "apps/replicasets/kube-system/metrics-server-*",
      "discovery.k8s.io/endpointslices/kube-system/metrics-server-*",
      "rbac.authorization.k8s.io/clusterrolebindings//metrics-server:system:auth-delegator",
      "rbac.authorization.k8s.io/clusterrolebindings//system:metrics-server",
      "rbac.authorization.k8s.io/clusterroles//system:aggregated-metrics-reader",
      "rbac.authorization.k8s.io/clusterroles//system:metrics-server",
      "rbac.authorization.k8s.io/rolebindings/kube-system/metrics-server-auth-reader",
    ]);
    // every version-2 object is as version 2 made it, unless the learner's commands or the controllers since changed it
    const changed = Object.keys(v2.objects).filter((k) => JSON.stringify(sim.state.objects[k]) !== JSON.stringify(v2.objects[k]));
    expect(changed.sort()).toEqual([]);
    for (const key of added) expect(sim.state.objects[key], key).toBeDefined();
    expect(sim.state.baseline?.version).toBe(BASELINE_VERSION);
  });

  it("keeps the learner's work and serves metrics", async () => {
    const sim = load();
    const run = async (l: string) => (await sim.exec(l)).output;
    expect(await run("kubectl get deploy -n shop --no-headers")).toMatch(/^web +2\/2 +2 +2 +\S+\n$/);
    expect(await run("kubectl get hpa -n shop --no-headers")).toMatch(/^web +Deployment\/web +/);
    expect(await run("kubectl get apiservice v1beta1.metrics.k8s.io --no-headers")).toMatch(
      /^v1beta1\.metrics\.k8s\.io +kube-system\/metrics-server +True +\S+\n$/,
    );
    expect(await run("kubectl get clusterrole view -o jsonpath='{.rules[*].apiGroups}'")).toContain("metrics.k8s.io");
    expect(await run("kubectl top node --no-headers")).toMatch(
      /^controlplane +\d+m +\d+% +\d+Mi +\d+% +\nnode01 +\d+m +\d+% +\d+Mi +\d+% +\n$/,
    );
    expect(await run("kubectl top pod -n shop --no-headers")).toMatch(/^web-\S+ +0m +3Mi +\nweb-\S+ +0m +3Mi +\n$/);
  });

  it("is saved against version 3 and restores the same", async () => {
    const sim = load();
    const again = Simulator.restore(sim.serialize(), { clock: { now: () => NOW }, keys: new DeterministicKeySource(4) });
    expect(again.state.baseline?.version).toBe(BASELINE_VERSION);
    expect(again.state.objects).toEqual(sim.state.objects);
  });
});
