/** crictl on the control plane node: the runtime's view, which works while kubectl is refused. */
import { describe, expect, it } from "vitest";
import { baseCluster, T0 } from "../../controllers/__tests__/harness";
import { SimEngine } from "../../core/sim-engine";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { coreutils } from "../coreutils";
import { kubectl } from "../kubectl";
import { sed } from "../sed";
import { textTools } from "../text-tools";
import { crictl, humanDuration } from ".";

async function node() {
  const clock = { t: T0 };
  const engine = new SimEngine(
    structuredClone(await baseCluster()),
    { clock: { now: () => clock.t }, keys: new DeterministicKeySource(3) },
    [...coreutils, ...textTools, kubectl, sed, crictl],
  );
  return { wait: (s: number) => (clock.t += s * 1000), run: async (line: string) => (await engine.exec(line)).output };
}

describe("crictl", () => {
  it("prints crictl's table: minwidth 20, padding 3, truncated ids, newest first", async () => {
    const n = await node();
    const out = (await n.run("crictl ps")).split("\n");
    // cri-tools cmd/crictl/container.go: the header of `crictl ps`
    expect(out[0]).toMatch(/^CONTAINER {11}IMAGE {15}CREATED {13,}STATE {15}NAME {2,}ATTEMPT {13}POD ID {14}POD$/);
    expect(out[1]).toMatch(/^[0-9a-f]{13} {7}[0-9a-f]{13} {7}/);
    expect(out.filter((l) => / kube-apiserver-controlplane$/.test(l))).toHaveLength(1);
  });

  it("shows the crashed apiserver and its error while kubectl is refused", async () => {
    const n = await node();
    await n.run("sed -i 's/--secure-port=6443/--secure-prot=6443/' /etc/kubernetes/manifests/kube-apiserver.yaml");
    n.wait(40);
    expect(await n.run("crictl ps | grep -c kube-apiserver")).toBe("0\n");
    const row = (await n.run("crictl ps -a | grep kube-apiserver")).split(/\s{2,}/);
    expect(row[3]).toBe("Exited");
    expect(Number(row[5])).toBeGreaterThanOrEqual(2);
    expect(await n.run("crictl logs $(crictl ps -a -q | head -1)")).toBe("Error: unknown flag: --secure-prot\n");
    expect(await n.run("crictl logs $(crictl ps -a -q | head -1) 2>/dev/null")).toBe("");
  });

  it("words durations as go-units HumanDuration", () => {
    expect([0, 1000, 59_000, 61_000, 3_599_000, 5_400_000, 47 * 3_600_000, 3 * 86_400_000].map(humanDuration)).toEqual([
      "Less than a second",
      "1 second",
      "59 seconds",
      "About a minute",
      "59 minutes",
      "2 hours",
      "47 hours",
      "3 days",
    ]);
  });
});
