import { describe, expect, it } from "vitest";
import { nextRandom, seedRng } from "../core/rng";
import type { ClusterConfig } from "../types";
import { createClusterObjects } from "./bootstrap";

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
  let rv = 0;
  return createClusterObjects(CONFIG, { now: Date.UTC(2026, 10, 28, 9, 0, 0), random: () => nextRandom(rng), nextResourceVersion: () => String(++rv) });
};

describe("createClusterObjects", () => {
  it("is deterministic for a given random source", () => {
    expect(make(7)).toEqual(make(7));
    expect(make(7).objects.pods.map((p) => p.metadata.name)).not.toEqual(make(8).objects.pods.map((p) => p.metadata.name));
  });

  it("creates what kubeadm + calico leave in kube-system", () => {
    const { objects } = make();
    const names = objects.pods.map((p) => p.metadata.name.replace(/-[bcdfghjklmnpqrstvwxz2456789]{5}$/, "-XXXXX").replace(/-[5-8][4-9bcdf]{9}-/, "-HASH-"));
    expect(names).toEqual([
      "calico-kube-controllers-HASH-XXXXX", "calico-node-XXXXX", "calico-node-XXXXX", "coredns-HASH-XXXXX", "coredns-HASH-XXXXX",
      "etcd-controlplane", "kube-apiserver-controlplane", "kube-controller-manager-controlplane", "kube-proxy-XXXXX", "kube-proxy-XXXXX",
      "kube-scheduler-controlplane",
    ]);
    expect(objects.namespaces.map((n) => n.metadata.name)).toEqual(["default", "kube-node-lease", "kube-public", "kube-system"]);
    expect(objects.services.map((s) => [s.metadata.name, s.spec.clusterIP, s.spec.ports.map((p) => `${p.port}/${p.protocol}`).join(",")])).toEqual([
      ["kubernetes", "10.96.0.1", "443/TCP"],
      ["kube-dns", "10.96.0.10", "53/UDP,53/TCP,9153/TCP"],
    ]);
    const cp = objects.nodes[0];
    expect(cp.metadata.labels).toMatchObject({ "node-role.kubernetes.io/control-plane": "", "node.kubernetes.io/exclude-from-external-load-balancers": "", "kubernetes.io/hostname": "controlplane" });
    expect(cp.spec.taints).toEqual([{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }]);
    expect(objects.nodes[1].spec.taints).toBeUndefined();
    const dns = objects.pods.filter((p) => p.metadata.name.startsWith("coredns-"));
    expect(dns.every((p) => p.status.podIP.startsWith("192.168.0.") && !p.spec.hostNetwork)).toBe(true);
    const etcd = objects.pods.find((p) => p.metadata.name === "etcd-controlplane")!;
    expect([etcd.status.podIP, etcd.spec.hostNetwork, etcd.spec.containers[0].image]).toEqual(["172.30.1.2", true, "registry.k8s.io/etcd:3.5.16-0"]);
  });

  it("writes the static pod manifests kubeadm writes", async () => {
    const { files } = make();
    expect(Object.keys(files).sort()).toEqual([
      "/etc/kubernetes/manifests/etcd.yaml", "/etc/kubernetes/manifests/kube-apiserver.yaml",
      "/etc/kubernetes/manifests/kube-controller-manager.yaml", "/etc/kubernetes/manifests/kube-scheduler.yaml",
    ]);
    await expect(files["/etc/kubernetes/manifests/kube-apiserver.yaml"]).toMatchFileSnapshot("__golden__/kube-apiserver.yaml");
    await expect(files["/etc/kubernetes/manifests/etcd.yaml"]).toMatchFileSnapshot("__golden__/etcd.yaml");
    for (const flag of ["--client-ca-file=/etc/kubernetes/pki/ca.crt", "--tls-cert-file=/etc/kubernetes/pki/apiserver.crt", "--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt",
      "--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt", "--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt",
      "--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt"]) {
      expect(files["/etc/kubernetes/manifests/kube-apiserver.yaml"]).toContain(`    - ${flag}\n`);
    }
    expect(files["/etc/kubernetes/manifests/kube-controller-manager.yaml"]).toContain("    - --cluster-signing-key-file=/etc/kubernetes/pki/ca.key\n");
  });
});
