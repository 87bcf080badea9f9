/**
 * A real version-1 saved state (snapshot and per-command deltas written by the code before the
 * object store; __fixtures__/state-v1.json) loads, migrates to version 2, and keeps what the
 * learner did: the namespace they created, the one they deleted, their approved CSR with its
 * certificate. A version-2 delta then applies on top of the old snapshot chain.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { Simulator, applyDelta, type StateDelta } from "../../simulator";
import type { ClusterState } from "../../types";

const fixture = JSON.parse(readFileSync(new URL("../__fixtures__/state-v1.json", import.meta.url), "utf8")) as {
  snapshot: ClusterState;
  deltas: StateDelta[];
};
const NOW = Date.UTC(2026, 10, 28, 9, 8, 33);
const deps = { clock: { now: () => NOW }, keys: new DeterministicKeySource(1) };

function loadV1(): ClusterState {
  const state = structuredClone(fixture.snapshot);
  for (const d of fixture.deltas) applyDelta(state, d);
  return state;
}

describe("state version 1 → 2", () => {
  it("is a real version-1 state", () => {
    expect(fixture.snapshot.version).toBe(1);
    expect(Object.keys(fixture.snapshot.objects).sort()).toEqual(["csrs", "namespaces", "nodes", "pods", "services"]);
  });

  it("migrates on restore and keeps the learner's work", async () => {
    const sim = Simulator.restore(loadV1(), deps);
    expect(sim.state.version).toBe(2);
    const run = async (l: string) => (await sim.exec(l)).output;
    expect(await run("kubectl get ns")).toMatch(
      /^NAME +STATUS +AGE\ndefault +Active +12d\ndev +Active +\d+s?\S*\nkube-public +Active +12d\nkube-system +Active +12d\nlocal-path-storage +Active +12d\n$/,
    );
    expect(await run("kubectl get csr jane --no-headers")).toMatch(
      /^jane +\S+ +kubernetes\.io\/kube-apiserver-client +kubernetes-admin +24h +Approved,Issued\n$/,
    );
    // the certificate the learner was issued is the same bytes
    const v1Objects = fixture.deltas
      .map((d) => d.objects as unknown as { csrs: { status: { certificate?: string } }[] } | undefined)
      .filter((o) => o !== undefined);
    const before = v1Objects.at(-1)?.csrs[0].status.certificate;
    expect(before).toMatch(/^LS0tLS1CRUdJTi/);
    expect(await run("kubectl get csr jane -o jsonpath='{.status.certificate}'")).toBe(before);
    expect(await run("kubectl get pods -n kube-system --no-headers | wc -l")).toBe("12\n");
    expect(await run("kubectl get clusterrolebinding kubeadm:cluster-admins -o jsonpath='{.roleRef.name}'")).toBe("cluster-admin");
  });

  it("applies a version-2 delta on top of the version-1 snapshot and deltas", async () => {
    const sim = Simulator.restore(loadV1(), deps);
    const r = await sim.exec("kubectl create namespace later");
    expect(r.output).toBe("namespace/later created\n");
    const persisted = loadV1();
    applyDelta(persisted, r.delta);
    expect(persisted.version).toBe(2);
    const again = Simulator.restore(persisted, deps);
    expect((await again.exec("kubectl get ns later -o name")).output).toBe("namespace/later\n");
    expect((await again.exec("kubectl get sa -n later -o name")).output).toBe("serviceaccount/default\n");
  });
});
