/**
 * createCluster with stand-ins for the PKI and model builders (the real ones are tested by
 * their owners); this checks the wiring: defaults, file modes, ~/.kube/config, createdAt.
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
vi.mock("../model/bootstrap", () => ({
  createClusterObjects: (_c: unknown, opts: { nextResourceVersion: () => string }) => ({
    objects: { nodes: [], pods: [], namespaces: [{ metadata: { name: "default", uid: "u", resourceVersion: opts.nextResourceVersion(), creationTimestamp: 0 }, status: { phase: "Active" } }], services: [], csrs: [] },
    files: { "/etc/kubernetes/manifests/etcd.yaml": "apiVersion: v1\n" },
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
    expect(s.objects.namespaces[0].metadata.resourceVersion).toBe("2");
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
