/** Static pods: editing /etc/kubernetes/manifests changes the cluster as on a real node. */
import { describe, expect, it } from "vitest";
import { coreutils } from "../../commands/coreutils";
import { kubectl } from "../../commands/kubectl";
import { sed } from "../../commands/sed";
import { SimEngine } from "../../core/sim-engine";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { baseCluster, T0 } from "../../controllers/__tests__/harness";
import type { KObject } from "../../api/types";
import type { PodStatus } from "../../kinds/pods/types";
import { Vfs } from "../../fs/vfs";
import { apiserverRun } from "../apiserver-program";

type Pod = KObject & { status?: PodStatus };

const REFUSED = "The connection to the server 172.30.1.2:6443 was refused - did you specify the right host or port?\n";
const MANIFEST = "/etc/kubernetes/manifests/kube-apiserver.yaml";

async function node() {
  const clock = { t: T0 };
  const state = structuredClone(await baseCluster());
  const engine = new SimEngine(state, { clock: { now: () => clock.t }, keys: new DeterministicKeySource(3) }, [...coreutils, kubectl, sed]);
  return {
    engine,
    apiserver: () => state.objects["/pods/kube-system/kube-apiserver-controlplane"] as unknown as Pod | undefined,
    wait: (s: number) => (clock.t += s * 1000),
    run: async (line: string) => (await engine.exec(line)).output,
  };
}

describe("static pods", () => {
  it("an untouched manifest directory changes nothing", async () => {
    const n = await node();
    const before = await n.run("kubectl get pods -n kube-system kube-apiserver-controlplane -o jsonpath='{.metadata.uid}'");
    n.wait(60);
    expect(await n.run("kubectl get pods -n kube-system kube-apiserver-controlplane -o jsonpath='{.metadata.uid}'")).toBe(before);
  });

  it("a bad flag crashes the apiserver, kubectl is refused, fixing the manifest brings it back", async () => {
    const n = await node();
    await n.run(`sed -i 's/--allow-privileged=true/--allow-privilegd=true/' ${MANIFEST}`);
    n.wait(10);
    const down = await n.run("kubectl get nodes");
    expect(down.endsWith(REFUSED)).toBe(true);
    expect(down).toContain('dial tcp 172.30.1.2:6443: connect: connection refused"');
    await n.run(`sed -i 's/--allow-privilegd=true/--allow-privileged=true/' ${MANIFEST}`);
    // ready once its startup probe passes (initialDelaySeconds 10, cluster/manifests.ts), then readiness
    n.wait(30);
    const pods = await n.run("kubectl get pods -n kube-system kube-apiserver-controlplane");
    expect(pods).toMatch(/^kube-apiserver-controlplane\s+1\/1\s+Running\s+0\s+\S+\n$/m);
  });

  it("keeps restarting with the crash back-off while broken", async () => {
    const n = await node();
    await n.run(`sed -i 's#pki/apiserver.crt#pki/apiserver-missing.crt#' ${MANIFEST}`);
    n.wait(5 * 60);
    expect((await n.run("kubectl get nodes")).endsWith(REFUSED)).toBe(true);
    // 10 s, 20 s, 40 s, 80 s, 160 s back-offs: five restarts in five minutes, each run exiting 1
    const status = n.apiserver()?.status?.containerStatuses?.[0];
    expect(status?.restartCount).toBe(5);
    expect(status?.lastState?.terminated?.exitCode ?? status?.state?.terminated?.exitCode).toBe(1);
    await n.run(`sed -i 's#pki/apiserver-missing.crt#pki/apiserver.crt#' ${MANIFEST}`);
    n.wait(5);
    // the mirror pod was replaced: a new pod, not the crashed one's restarts, running but not yet
    // ready until its startup probe passes (initialDelaySeconds 10)
    expect(await n.run("kubectl get pods -n kube-system kube-apiserver-controlplane --no-headers")).toMatch(/0\/1\s+Running\s+0 /);
    n.wait(25);
    expect(await n.run("kubectl get pods -n kube-system kube-apiserver-controlplane --no-headers")).toMatch(/1\/1\s+Running\s+0 /);
  });

  it("an etcd CA that did not sign etcd's certificate: the container runs for a while but never serves", async () => {
    const n = await node();
    await n.run(`sed -i 's#--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt#--etcd-cafile=/etc/kubernetes/pki/ca.crt#' ${MANIFEST}`);
    n.wait(10);
    expect(n.apiserver()?.status?.containerStatuses?.[0].state?.running).toBeDefined();
    expect((await n.run("kubectl get nodes")).endsWith(REFUSED)).toBe(true);
    n.wait(60);
    expect((await n.run("kubectl get nodes")).endsWith(REFUSED)).toBe(true);
    expect(n.apiserver()?.status?.containerStatuses?.[0].restartCount).toBeGreaterThanOrEqual(1);
    await n.run(`sed -i 's#--etcd-cafile=/etc/kubernetes/pki/ca.crt#--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt#' ${MANIFEST}`);
    n.wait(10);
    expect(await n.run("kubectl get nodes --no-headers | wc -l")).toBe("2\n");
  });

  it("a manifest that does not parse removes the pod; the change takes effect a moment after the write", async () => {
    const n = await node();
    await n.run(`sed -i 's/^kind: Pod/kind Pod/' ${MANIFEST}`);
    expect(await n.run("kubectl get pods -n kube-system kube-apiserver-controlplane --no-headers")).toMatch(/Running/);
    n.wait(3);
    expect((await n.run("kubectl get nodes")).endsWith(REFUSED)).toBe(true);
    await n.run(`sed -i 's/^kind Pod/kind: Pod/' ${MANIFEST}`);
    n.wait(10);
    expect(await n.run("kubectl get nodes --no-headers | wc -l")).toBe("2\n");
  });
});

describe("the kube-apiserver program", () => {
  it("says what a real apiserver says about a bad flag, a missing file and a wrong etcd CA", async () => {
    const fs = new Vfs(structuredClone((await baseCluster()).fs), () => T0);
    const argv = (...extra: string[]) => [
      "kube-apiserver",
      "--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt",
      "--tls-cert-file=/etc/kubernetes/pki/apiserver.crt",
      ...extra,
    ];
    expect(apiserverRun(argv(), fs, T0)).toEqual({ lines: [] });
    expect(apiserverRun(argv("--authorization-mod=RBAC"), fs, T0).lines.map((l) => l.text)).toEqual([
      "Error: unknown flag: --authorization-mod",
    ]);
    const missing = apiserverRun(argv("--client-ca-file=/etc/kubernetes/pki/nope.crt"), fs, T0);
    expect(missing.exit?.code).toBe(1);
    expect(missing.lines[0].text).toMatch(
      /run\.go:72\] "command failed" err="unable to load client CA provider: open \/etc\/kubernetes\/pki\/nope\.crt: no such file or directory"$/,
    );
    const wrongCa = apiserverRun(["kube-apiserver", "--etcd-cafile=/etc/kubernetes/pki/ca.crt"], fs, T0);
    expect(wrongCa.lines.at(-1)?.text).toMatch(
      /instance\.go:226\] Error creating leases: error creating storage factory: context deadline exceeded$/,
    );
    expect(wrongCa.lines[0].text).toContain("tls: failed to verify certificate: x509: certificate signed by unknown authority");
  });
});
