/** systemctl and journalctl for the node's kubelet, and what a stopped kubelet changes for curl. */
import { describe, expect, it } from "vitest";
import { baseCluster, T0 } from "../../controllers/__tests__/harness";
import { SimEngine } from "../../core/sim-engine";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { commands } from "../registry";

async function node() {
  const clock = { t: T0 };
  const engine = new SimEngine(
    structuredClone(await baseCluster()),
    { clock: { now: () => clock.t }, keys: new DeterministicKeySource(3) },
    commands,
  );
  return { wait: (s: number) => (clock.t += s * 1000), run: async (line: string) => (await engine.exec(line)).output };
}

describe("systemctl and journalctl", () => {
  it("shows the kubeadm unit with its drop-in, active since kubeadm init, with the kubelet's command line", async () => {
    const n = await node();
    const out = (await n.run("systemctl status kubelet")).split("\n");
    expect(out[0]).toBe("● kubelet.service - kubelet: The Kubernetes Node Agent");
    expect(out[1]).toBe("     Loaded: loaded (/usr/lib/systemd/system/kubelet.service; enabled; preset: enabled)");
    expect(out.slice(2, 4)).toEqual(["    Drop-In: /usr/lib/systemd/system/kubelet.service.d", "             └─10-kubeadm.conf"]);
    expect(out[4]).toBe("     Active: active (running) since Sat 2026-11-28 08:08:33 UTC; 1h ago");
    expect(out).toContain("   Main PID: 1188 (kubelet)");
    expect(await n.run("systemctl is-active kubelet; echo $?")).toBe("active\n0\n");
  });

  it("stops and starts the kubelet: status, is-active, the kubelet's ports and the journal follow", async () => {
    const n = await node();
    expect(await n.run("curl -s localhost:10248/healthz")).toBe("ok");
    await n.run("systemctl stop kubelet");
    n.wait(5);
    expect(await n.run("systemctl is-active kubelet; echo $?")).toBe("inactive\n3\n");
    expect(await n.run("systemctl status kubelet >/dev/null; echo $?")).toBe("3\n");
    expect(await n.run("systemctl status kubelet | grep Active:")).toBe(
      "     Active: inactive (dead) since Sat 2026-11-28 09:08:33 UTC; 5s ago\n",
    );
    expect(await n.run("curl -sS localhost:10248/healthz; echo $?")).toBe(
      "curl: (7) Failed to connect to localhost port 10248 after 0 ms: Couldn't connect to server\n7\n",
    );
    await n.run("systemctl start kubelet");
    n.wait(1);
    const journal = (await n.run("journalctl -u kubelet --no-pager")).split("\n");
    expect(journal).toContain("Nov 28 09:08:33 controlplane systemd[1]: Stopped kubelet.service - kubelet: The Kubernetes Node Agent.");
    const started = journal.filter((l) => l.includes("Started kubelet.service"));
    expect(started).toHaveLength(2);
    // the new process logs its start under its own PID
    const pid = /Main PID: (\d+)/.exec(await n.run("systemctl status kubelet"))?.[1];
    expect(pid).not.toBe("1188");
    expect(
      journal.some((l) => l.includes(`kubelet[${pid}]: I1128 09:08:38`) && l.includes('"Kubelet version" kubeletVersion="v1.32.4"')),
    ).toBe(true);
    expect(await n.run("journalctl -u kubelet -n 2 | wc -l")).toBe("2\n");
    expect(await n.run("journalctl -u nosuch")).toBe("-- No entries --\n");
    expect(await n.run("systemctl restart nosuch; echo $?")).toBe("Failed to restart nosuch.service: Unit nosuch.service not found.\n5\n");
  });

  it("restarts the kubelet: a new process, active since the restart, a second start in the journal, the node still Ready", async () => {
    const n = await node();
    const before = await n.run("systemctl status kubelet | grep -E 'Active:|Main PID:'");
    n.wait(30);
    expect(await n.run("systemctl restart kubelet; echo $?")).toBe("0\n");
    n.wait(2);
    const after = await n.run("systemctl status kubelet | grep -E 'Active:|Main PID:'");
    expect(after).not.toBe(before);
    expect(after).toMatch(/Active: active \(running\) since .+; 2s ago\n/);
    expect(/Main PID: (\d+)/.exec(after)?.[1]).not.toBe(/Main PID: (\d+)/.exec(before)?.[1]);
    expect(await n.run("journalctl -u kubelet | grep -c 'Started kubelet.service'")).toBe("2\n");
    expect(await n.run("kubectl get node controlplane --no-headers | awk '{print $2}'")).toBe("Ready\n");
  });

  it("logs the kubelet's back-off for a crashing static pod in klog's format", async () => {
    const n = await node();
    await n.run("sed -i 's/--secure-port=6443/--secure-prot=6443/' /etc/kubernetes/manifests/kube-apiserver.yaml");
    n.wait(60);
    await n.run("crictl ps -a >/dev/null");
    const lines = (await n.run("journalctl -u kubelet | grep 'Error syncing pod'")).split("\n").filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toMatch(
      /^Nov 28 \d\d:\d\d:\d\d controlplane kubelet\[1188\]: E1128 [\d:.]+ +1188 pod_workers\.go:1301\] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"kube-apiserver\\" with CrashLoopBackOff: \\"back-off \w+ restarting failed container=kube-apiserver pod=kube-apiserver-controlplane_kube-system\(.+\)\\"" pod="kube-system\/kube-apiserver-controlplane" podUID=".+"$/,
    );
  });
});
