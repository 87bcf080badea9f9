/**
 * The exam environment's .bashrc (core/base-state.ts): `alias k=kubectl`, kubectl's bash
 * completion sourced, and `complete -o default -F __start_kubectl k`, so `k` both runs kubectl
 * and completes as kubectl does.
 */
import { describe, expect, it } from "vitest";
import { DeterministicKeySource } from "../keys/deterministic-key-source";
import { Simulator } from "../simulator";

describe("the .bashrc of an exam node", () => {
  it("makes k run kubectl and complete as kubectl", async () => {
    const now = Date.UTC(2026, 11, 1, 8, 0, 0);
    const sim = await Simulator.create({ clock: { now: () => now }, keys: new DeterministicKeySource(4), seed: 7 });
    const viaAlias = await sim.exec("k get nodes -o name");
    expect(viaAlias).toMatchObject({ output: "node/controlplane\nnode/node01\n", exitCode: 0 });
    expect((await sim.exec("type k")).output).toBe("k is aliased to `kubectl'\n");
    // kubectl's completion function answers for k: verbs, then resource types, then names
    expect(sim.complete("k ge", 4).candidates).toEqual(["get"]);
    expect(sim.complete("k get no", 8).candidates).toContain("nodes");
    expect(sim.complete("k get nodes node", 16).candidates).toEqual(["node01"]);
  });
});
