/**
 * A real saved state packed against baseline version 1 (written by the code before the
 * local-path provisioner existed: __fixtures__/state-baseline-v1.json, a snapshot and the deltas of
 * four commands) still loads: version 1's generator unpacks it, upgradeBaseline adds the
 * provisioner and the default StorageClass, the learner's work stays, and claims then bind.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { Simulator, applyDelta, type StateDelta } from "../../simulator";
import { isPacked, type PackedState } from "../pack";
import { BASELINE_VERSION } from "../../cluster/baseline";

const fixture = JSON.parse(readFileSync(new URL("../__fixtures__/state-baseline-v1.json", import.meta.url), "utf8")) as {
  snapshot: PackedState;
  deltas: StateDelta[];
};
const NOW = Date.UTC(2026, 10, 20, 9, 30, 0);

function load(): Simulator {
  const saved = structuredClone(fixture.snapshot);
  for (const d of fixture.deltas) applyDelta(saved, d);
  return Simulator.restore(saved, { clock: { now: () => NOW }, keys: new DeterministicKeySource(4) });
}

const claim = (name: string, cls: string | undefined) =>
  `cat <<'EOF' | kubectl apply -f -\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\nspec:\n${cls === undefined ? "" : `  storageClassName: "${cls}"\n`}  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 500Mi\nEOF`;

describe("baseline version 1 → 2", () => {
  it("is a packed state of baseline version 1", () => {
    expect(isPacked(fixture.snapshot)).toBe(true);
    expect(fixture.snapshot.baseline?.version).toBe(1);
  });

  it("loads, gains the local-path provisioner and keeps the learner's work", async () => {
    const sim = load();
    expect(sim.state.baseline?.version).toBe(BASELINE_VERSION);
    const run = async (l: string) => (await sim.exec(l)).output;
    expect(await run("kubectl get sc --no-headers")).toMatch(
      /^local-path \(default\) +rancher\.io\/local-path +Delete +WaitForFirstConsumer +false +\S+\n$/,
    );
    expect(await run("kubectl get deploy -n local-path-storage --no-headers")).toMatch(/^local-path-provisioner +1\/1 +1 +1 +\S+\n$/);
    expect(await run("kubectl get deploy -n shop --no-headers")).toMatch(/^web +1\/1 +1 +1 +\S+\n$/);
    expect(await run("kubectl get pv pv-data --no-headers")).toMatch(/^pv-data +1Gi +RWO +Retain +Available +/);
  });

  it("binds a claim to the learner's volume, and a claim without a class gets local-path", async () => {
    const sim = load();
    const run = async (l: string) => (await sim.exec(l)).output;
    await run(claim("static", ""));
    expect(await run("kubectl get pvc static --no-headers")).toMatch(/^static +Bound +pv-data +1Gi +RWO +<unset> +\S+\n$/);
    expect(await run("kubectl get pv pv-data --no-headers")).toMatch(/^pv-data +1Gi +RWO +Retain +Bound +default\/static +<unset>/);
    await run(claim("dynamic", undefined));
    expect(await run("kubectl get pvc dynamic --no-headers")).toMatch(/^dynamic +Pending +local-path +<unset> +\S+\n$/);
  });

  it("is saved against version 2 and restores the same", async () => {
    const sim = load();
    const again = Simulator.restore(sim.serialize(), { clock: { now: () => NOW }, keys: new DeterministicKeySource(4) });
    expect(again.state.baseline?.version).toBe(BASELINE_VERSION);
    expect(again.state.objects).toEqual(sim.state.objects);
  });
});
