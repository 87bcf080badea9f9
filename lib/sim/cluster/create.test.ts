/**
 * createCluster with a stand-in for the PKI builder (the real one is tested by its owner); this
 * checks the wiring: defaults, file modes, ~/.kube/config, createdAt, objects and resourceVersion.
 */
import { describe, expect, it, vi } from "vitest";
import { DeterministicKeySource } from "../keys/deterministic-key-source";

vi.mock("../pki/kubeadm-pki", () => ({
  createKubeadmPki: async (_config: unknown, opts: { now: number; random: () => number }) => ({
    "/etc/kubernetes/pki/ca.crt": `cert ${opts.now}\n`,
    "/etc/kubernetes/pki/ca.key": "key\n",
    "/etc/kubernetes/admin.conf": "kubeconfig\n",
    "/var/lib/kubelet/pki/kubelet-client-current.pem": "both\n",
  }),
}));
const { createCluster } = await import("./create");

describe("createCluster", () => {
  it("lays out a kubeadm node", async () => {
    const now = Date.UTC(2026, 10, 28, 9, 8, 33);
    const s = await createCluster({ keys: new DeterministicKeySource(1), now, seed: 1, ageMs: 12 * 86400_000 });
    expect(s.createdAt).toBe(now - 12 * 86400_000);
    expect(s.config.controlPlane).toEqual({ name: "controlplane", ip: "172.30.1.2" });
    expect(s.config.kubernetesVersion).toBe("v1.32.4");
    expect(s.fs["/etc/kubernetes/pki/ca.crt"]).toMatchObject({ content: `cert ${s.createdAt}\n`, mode: 0o644 });
    expect(s.fs["/etc/kubernetes/pki/ca.key"].mode).toBe(0o600);
    expect(s.fs["/etc/kubernetes/admin.conf"].mode).toBe(0o600);
    expect(s.fs["/var/lib/kubelet/pki/kubelet-client-current.pem"].mode).toBe(0o600);
    expect(s.fs["/root/.kube/config"]).toMatchObject({ content: "kubeconfig\n", mode: 0o600 });
    expect(s.fs["/etc/kubernetes/manifests/etcd.yaml"].type).toBe("file");
    // the bootstrap objects were stamped after the base state's resourceVersion, which ends at the last one
    const rvs = Object.values(s.objects).map((o) => Number(o.metadata.resourceVersion));
    expect(Math.min(...rvs)).toBe(2);
    expect(Math.max(...rvs)).toBe(s.resourceVersion);
    expect(s.objects["/configmaps/kube-system/kube-root-ca.crt"]).toMatchObject({ data: { "ca.crt": `cert ${s.createdAt}\n` } });
    expect(s.shell).toMatchObject({ cwd: "/root", env: { HOME: "/root", USER: "root", HOSTNAME: "controlplane", PWD: "/root" } });
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it("is deterministic for a seed", async () => {
    const a = await createCluster({ keys: new DeterministicKeySource(1), now: 0, seed: 5, config: { workers: [] } });
    const b = await createCluster({ keys: new DeterministicKeySource(1), now: 0, seed: 5, config: { workers: [] } });
    expect(a).toEqual(b);
    expect(a.config.workers).toEqual([]);
  });
});
