/**
 * The objects `kubeadm init` + join + Calico leave behind: deterministic per seed, the kube-system
 * layout, owner references that name real owners with their uids (the review note: malformed and
 * inconsistent ownerReference uids), and the static pod manifests kubeadm writes.
 */
import { describe, expect, it } from "vitest";
import { isUuidV4 } from "../../api/meta";
import type { KObject } from "../../api/types";
import { nextRandom, seedRng } from "../../core/rng";
import type { ClusterConfig } from "../../types";
import { createClusterObjects } from ".";

const CONFIG: ClusterConfig = {
  clusterName: "kubernetes",
  controlPlane: { name: "controlplane", ip: "172.30.1.2" },
  workers: [{ name: "node01", ip: "172.30.2.2" }],
  kubernetesVersion: "v1.32.4",
  serviceSubnet: "10.96.0.0/12",
  podSubnet: "192.168.0.0/16",
  dnsDomain: "cluster.local",
  keyAlgorithm: "rsa-2048",
};

const make = (seed = 7) => {
  const rng = seedRng(seed);
  return createClusterObjects(CONFIG, {
    now: Date.UTC(2026, 10, 28, 9, 0, 0),
    random: () => nextRandom(rng),
    firstResourceVersion: 1,
    pems: { ca: "CA\n", frontProxyCa: "FP\n" },
  });
};
const of = (objs: { gr: { resource: string }; obj: KObject }[], resource: string) =>
  objs.filter((m) => m.gr.resource === resource).map((m) => m.obj);

describe("fresh cluster objects", () => {
  it("is deterministic for a seed", () => {
    expect(make(7)).toEqual(make(7));
    expect(of(make(7).objects, "pods").map((p) => p.metadata.name)).not.toEqual(of(make(8).objects, "pods").map((p) => p.metadata.name));
  });

  it("creates what kubeadm + calico leave in kube-system", () => {
    const { objects } = make();
    const names = of(objects, "pods")
      .map((p) => p.metadata.name.replace(/-[bcdfghjklmnpqrstvwxz2456789]{5}$/, "-XXXXX").replace(/-[5-8][4-9bcdf]{9}-/, "-HASH-"))
      .sort();
    expect(names).toEqual([
      "calico-kube-controllers-HASH-XXXXX",
      "calico-node-XXXXX",
      "calico-node-XXXXX",
      "coredns-HASH-XXXXX",
      "coredns-HASH-XXXXX",
      "etcd-controlplane",
      "kube-apiserver-controlplane",
      "kube-controller-manager-controlplane",
      "kube-proxy-XXXXX",
      "kube-proxy-XXXXX",
      "kube-scheduler-controlplane",
      "local-path-provisioner-HASH-XXXXX",
      "metrics-server-HASH-XXXXX",
    ]);
    expect(of(objects, "namespaces").map((n) => n.metadata.name)).toEqual([
      "default",
      "kube-node-lease",
      "kube-public",
      "kube-system",
      "local-path-storage",
    ]);
    expect(of(objects, "deployments").map((d) => d.metadata.name)).toEqual([
      "calico-kube-controllers",
      "coredns",
      "local-path-provisioner",
      "metrics-server",
    ]);
    expect(of(objects, "daemonsets").map((d) => d.metadata.name)).toEqual(["kube-proxy", "calico-node"]);
    expect(
      of(objects, "serviceaccounts")
        .filter((s) => s.metadata.name === "default")
        .map((s) => s.metadata.namespace),
    ).toEqual(["default", "kube-node-lease", "kube-public", "kube-system", "local-path-storage"]);
    expect(of(objects, "configmaps").filter((c) => c.metadata.name === "kube-root-ca.crt")).toHaveLength(5);
    const svc = of(objects, "services").map((s) => [s.metadata.name, (s.spec as { clusterIP: string }).clusterIP]);
    expect(svc.slice(0, 2)).toEqual([
      ["kubernetes", "10.96.0.1"],
      ["kube-dns", "10.96.0.10"],
    ]);
    // metrics-server's address is drawn from the allocator's dynamic band, above the first 256 of the /12
    expect(svc.slice(2).map(([name]) => name)).toEqual(["metrics-server"]);
    const [, , c, d] = svc[2][1].split(".").map(Number);
    expect(c * 256 + d).toBeGreaterThan(256);
  });

  it("gives every object a v4 uid, and every owner reference the uid of an existing owner of that kind and name", () => {
    const { objects } = make();
    const all = objects.map((m) => m.obj);
    const byUid = new Map(all.map((o) => [o.metadata.uid, o]));
    expect(byUid.size).toBe(all.length);
    for (const o of all) {
      expect(isUuidV4(o.metadata.uid), o.metadata.name).toBe(true);
      for (const ref of o.metadata.ownerReferences ?? []) {
        const owner = byUid.get(ref.uid);
        expect(owner, `${o.kind} ${o.metadata.name} → ${ref.kind} ${ref.name}`).toBeDefined();
        expect([owner?.kind, owner?.metadata.name, owner?.apiVersion]).toEqual([ref.kind, ref.name, ref.apiVersion]);
      }
    }
    // pods of ReplicaSets carry their pod-template-hash, ReplicaSets belong to Deployments
    for (const rs of of(objects, "replicasets")) {
      const hash = rs.metadata.labels?.["pod-template-hash"];
      expect(rs.metadata.name.endsWith(`-${hash}`)).toBe(true);
      expect(rs.metadata.ownerReferences?.[0].kind).toBe("Deployment");
    }
  });

  it("binds kubeadm's admins to cluster-admin and aggregates admin/edit/view", () => {
    const { objects } = make();
    const crb = of(objects, "clusterrolebindings").find((b) => b.metadata.name === "kubeadm:cluster-admins");
    expect(crb).toMatchObject({
      roleRef: { kind: "ClusterRole", name: "cluster-admin" },
      subjects: [{ kind: "Group", name: "kubeadm:cluster-admins" }],
    });
    const view = of(objects, "clusterroles").find((r) => r.metadata.name === "view") as unknown as { rules: { resources?: string[] }[] };
    const edit = of(objects, "clusterroles").find((r) => r.metadata.name === "edit") as unknown as { rules: unknown[] };
    const admin = of(objects, "clusterroles").find((r) => r.metadata.name === "admin") as unknown as { rules: unknown[] };
    expect(view.rules.some((r) => r.resources?.includes("pods/log"))).toBe(true);
    expect(edit.rules.length).toBeGreaterThan(view.rules.length);
    expect(admin.rules.length).toBeGreaterThan(edit.rules.length);
  });

  it("writes the static pod manifests kubeadm writes", async () => {
    const { files } = make();
    expect(Object.keys(files).sort()).toEqual([
      "/etc/kubernetes/manifests/etcd.yaml",
      "/etc/kubernetes/manifests/kube-apiserver.yaml",
      "/etc/kubernetes/manifests/kube-controller-manager.yaml",
      "/etc/kubernetes/manifests/kube-scheduler.yaml",
    ]);
    await expect(files["/etc/kubernetes/manifests/kube-apiserver.yaml"]).toMatchFileSnapshot("../__golden__/kube-apiserver.yaml");
    await expect(files["/etc/kubernetes/manifests/etcd.yaml"]).toMatchFileSnapshot("../__golden__/etcd.yaml");
    expect(files["/etc/kubernetes/manifests/kube-controller-manager.yaml"]).toContain(
      "    - --cluster-signing-key-file=/etc/kubernetes/pki/ca.key\n",
    );
  });
});
