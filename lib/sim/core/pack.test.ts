/**
 * The saved form: every file reads back byte-identical, every object comes back, a fresh cluster
 * saves under the 64 KiB target, deltas apply to a packed snapshot (also when they change a file
 * another one was stored as a reference to), and the baseline generator's output is pinned.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { BASELINE_VERSION, baselineOf } from "../cluster/baseline";
import { DeterministicKeySource } from "../keys/deterministic-key-source";
import { Simulator, applyDelta } from "../simulator";
import { isPacked } from "./pack";
import { migrateAndValidate } from "./state-schema";

const NOW = Date.UTC(2026, 10, 28, 9, 8, 33);
const deps = { clock: { now: () => NOW }, keys: new DeterministicKeySource(1) };

describe("saved state", () => {
  it.each(["rsa-2048", "ecdsa-p256"] as const)("restores a fresh %s cluster exactly, from under 64 KiB", async (keyAlgorithm) => {
    const sim = await Simulator.create({ ...deps, seed: 4, config: { keyAlgorithm }, ageMs: 3 * 86_400_000 });
    const saved = JSON.parse(JSON.stringify(sim.serialize())) as unknown;
    expect(isPacked(saved)).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(saved))).toBeLessThan(64 * 1024);
    expect(migrateAndValidate(saved)).toEqual(sim.state);
  });

  it("applies deltas to a packed snapshot, including a change to a file others referred to", async () => {
    const sim = await Simulator.create({ ...deps, seed: 5 });
    const saved = sim.serialize();
    for (const l of [
      "echo changed > /etc/kubernetes/admin.conf",
      "rm /etc/kubernetes/pki/ca.key",
      "kubectl create ns dev",
      "kubectl delete ns kube-node-lease",
      "kubectl create secret generic s --from-literal=a=b",
    ]) {
      applyDelta(saved, (await sim.exec(l)).delta);
    }
    const restored = migrateAndValidate(JSON.parse(JSON.stringify(saved)));
    expect(restored).toEqual(sim.state);
    expect(restored.fs["/root/.kube/config"]).toEqual(sim.state.fs["/root/.kube/config"]);
  });

  it("pins the baseline generator's output (a change must bump BASELINE_VERSION)", () => {
    const config = {
      clusterName: "kubernetes",
      controlPlane: { name: "controlplane", ip: "172.30.1.2" },
      workers: [{ name: "node01", ip: "172.30.2.2" }],
      kubernetesVersion: "v1.32.4",
      serviceSubnet: "10.96.0.0/12",
      podSubnet: "192.168.0.0/16",
      dnsDomain: "cluster.local",
      keyAlgorithm: "rsa-2048" as const,
    };
    const pin = (version: number) => {
      const b = baselineOf(config, NOW, { version, seed: 1, caPem: "CA\n", frontProxyCaPem: "FP\n" });
      return [version, Object.keys(b.objects).length, createHash("sha256").update(JSON.stringify(b)).digest("hex")];
    };
    expect(BASELINE_VERSION).toBe(3);
    // version 1 must keep producing exactly what saved states of version 1 were packed against
    expect(pin(1)).toEqual([1, 238, "c83b929d296c1b88610126070a65e267a491556edfa6eed1a3c71ee4de5a00a3"]);
    expect(pin(2)).toEqual([2, 251, "5facaf1716f693159b993511cef6a056ac4c2bddd0d3b5af0c59109adeb2bf72"]);
    expect(pin(3)).toEqual([3, 264, "14e75774d19ddddeb0ec18da9b4e72217bc70abbc9b8cea90bce1a18addf017d"]);
  });
});
