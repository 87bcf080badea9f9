/** crictl on the control plane node: the runtime's view, which works while kubectl is refused. */
import { describe, expect, it } from "vitest";
import { baseCluster, T0 } from "../../controllers/__tests__/harness";
import { SimEngine } from "../../core/sim-engine";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { coreutils } from "../coreutils";
import { kubectl } from "../kubectl";
import { sed } from "../sed";
import { textTools } from "../text-tools";
import { crictl, humanDuration, humanSize } from ".";

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

  it("lists the node's images: its containers', the sandboxes' pause image, sorted, with the ids `ps` shows", async () => {
    const n = await node();
    const rows = (await n.run("crictl images")).split("\n").filter(Boolean);
    // cri-tools cmd/crictl/image.go: IMAGE TAG IMAGE ID SIZE in the default table
    expect(rows[0]).toMatch(/^IMAGE {3,}TAG {17}IMAGE ID {12}SIZE$/);
    const refs = rows.slice(1).map((r) => r.split(/\s+/).slice(0, 2).join(":"));
    expect(refs).toEqual([...refs].sort());
    expect(refs).toContain("registry.k8s.io/pause:3.10");
    expect(refs).toContain("registry.k8s.io/kube-apiserver:v1.32.4");
    expect(rows.find((r) => r.startsWith("registry.k8s.io/pause "))?.split(/\s+/)[3]).toBe("320kB");
    // the kube-apiserver container's IMAGE in `crictl ps` is its image's IMAGE ID here
    const psImage = (await n.run("crictl ps | grep kube-apiserver")).split(/\s+/)[1];
    expect(rows.find((r) => r.startsWith("registry.k8s.io/kube-apiserver "))?.split(/\s+/)[2]).toBe(psImage);
    expect(await n.run("crictl images -q | grep -cv '^sha256:[0-9a-f]\\{64\\}$'")).toBe("0\n");
  });

  it("filters pods and containers as crictl does: --name and --namespace as patterns, --state, --label, -q", async () => {
    const n = await node();
    const names = async (line: string) =>
      (await n.run(line))
        .split("\n")
        .slice(1)
        .filter(Boolean)
        .map((r) => r.split(/\s{2,}/)[3])
        .sort();
    expect(await names("crictl pods --name etcd")).toEqual(["etcd-controlplane"]);
    expect(await names("crictl pods --name '^kube-(apiserver|scheduler)'")).toEqual([
      "kube-apiserver-controlplane",
      "kube-scheduler-controlplane",
    ]);
    expect(await names("crictl pods --label component=kube-scheduler")).toEqual(["kube-scheduler-controlplane"]);
    expect(await n.run("crictl pods --namespace default")).toBe(
      "POD ID              CREATED             STATE               NAME                NAMESPACE           ATTEMPT             RUNTIME\n",
    );
    // -q: whole ids, one per line, the same pods
    expect(await n.run("crictl pods -q --name etcd | grep -c '^[0-9a-f]\\{64\\}$'")).toBe("1\n");
    expect(await n.run("crictl ps -q --name '^etcd$' | wc -l")).toBe("1\n");
    // the linear-time engine: a pattern that backtracks forever in RegExp costs nothing here
    expect(await n.run("crictl ps --name '(a+)+$' | wc -l")).toBe("1\n");
    expect(await n.run("crictl ps --name '(' ; echo $?")).toBe('crictl: invalid name pattern "("\n1\n');
  });

  it("words sizes as go-units HumanSizeWithPrecision(size, 3)", () => {
    expect([0, 999, 1000, 320_368, 72_188_133, 142_000_000, 1_500_000_000].map(humanSize)).toEqual([
      "0B",
      "999B",
      "1kB",
      "320kB",
      "72.2MB",
      "142MB",
      "1.5GB",
    ]);
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
