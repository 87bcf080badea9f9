import { beforeAll, describe, expect, it } from "vitest";
import { makeCluster, transcript, type TestCluster } from "./__tests__/cluster";
import { kubectl } from "./index";

let c: TestCluster;
beforeAll(async () => {
  c = await makeCluster();
});

describe("kubectl version, cluster-info, api-resources", () => {
  it("golden", async () => {
    let text = "";
    for (const l of [
      "kubectl version",
      "kubectl version --client",
      "kubectl cluster-info",
      "kubectl api-resources",
      "kubectl auth whoami -o yaml",
    ])
      text += transcript(l, await c.exec(l));
    await expect(text).toMatchFileSnapshot("__golden__/misc.txt");
  });
});

describe("mutates and complete", () => {
  it("asks the interpreter for an object snapshot only where kubectl has no store transaction of its own", () => {
    const m = kubectl.mutates as (a: string[]) => boolean;
    expect(m(["get", "pods"])).toBe(false);
    // API writes run inside kubectl's own store transaction, rolled back on a bug
    expect(m(["-n", "x", "delete", "ns", "x"])).toBe(false);
    expect(m(["certificate", "approve", "jane"])).toBe(false);
    expect(m(["config", "view"])).toBe(false);
    expect(m(["config", "use-context", "x"])).toBe(true);
    expect(m(["--kubeconfig", "f", "config", "set-credentials", "jane"])).toBe(true);
  });
  it("completes verbs, types, names, flags and contexts", () => {
    const comp = (words: string[], current: string) => kubectl.complete!({ state: c.state, words: ["kubectl", ...words], current });
    expect(comp([], "ge")).toEqual(["get"]);
    expect(comp(["get"], "cl")).toEqual(["clusterrole", "clusterrolebinding", "clusterrolebindings", "clusterroles"]);
    expect(comp(["get"], "dep")).toEqual(["deploy", "deployment", "deployments"]);
    expect(comp(["get", "pods", "-n", "kube-system"], "etcd")).toEqual(["etcd-controlplane"]);
    expect(comp(["get", "nodes"], "")).toEqual(["controlplane", "node01"]);
    expect(comp(["get", "-n"], "kube-s")).toEqual(["kube-system"]);
    expect(comp(["get", "pods"], "--all-n")).toEqual(["--all-namespaces"]);
    expect(comp(["config", "use-context"], "")).toEqual(["kubernetes-admin@kubernetes"]);
    expect(comp(["certificate"], "a")).toEqual(["approve"]);
  });
});

describe("cluster-info colour", () => {
  it("colours only a terminal, as ct.ChangeColor does (real kubectl piped or redirected prints plain text)", async () => {
    const { Simulator } = await import("../../simulator");
    const { DeterministicKeySource } = await import("../../keys/deterministic-key-source");
    const sim = await Simulator.create({
      clock: { now: () => Date.UTC(2026, 10, 28, 9, 8, 33) },
      keys: new DeterministicKeySource(1),
      seed: 9,
    });
    const atTerminal = await sim.exec("kubectl cluster-info");
    expect(atTerminal.output).toContain(
      "\x1b[0;32mKubernetes control plane\x1b[0m is running at \x1b[0;33mhttps://172.30.1.2:6443\x1b[0m\n",
    );
    const piped = await sim.exec("kubectl cluster-info | cat");
    expect(piped.output).toContain("Kubernetes control plane is running at https://172.30.1.2:6443\n");
    expect(piped.output).not.toContain("\x1b[");
  }, 60_000);
});
