/**
 * The objects and files `kubeadm init` + `kubeadm join` + a CNI leave behind: nodes, the
 * kube-system pods (static control-plane pods, kube-proxy DaemonSet, CoreDNS Deployment, Calico
 * as on killercoda's kubeadm clusters), the four default namespaces, the `kubernetes` and
 * `kube-dns` services, and the static pod manifests. Every random choice goes through opts.random.
 */
import type { ClusterConfig, ClusterObjects, NamespaceObject, NodeConfig, NodeObject, PodObject, ServiceObject } from "../types";
import { nodePodCidr, nthIp, ipToInt, intToIp } from "./ip";
import { STATIC_MANIFESTS, image } from "./manifests";
import { randomSuffix, randomUid } from "./names";
import { toYaml } from "../printers/yaml";

export interface BootstrapOptions {
  now: number;
  random: () => number;
  nextResourceVersion: () => string;
}

export const CALICO_VERSION = "v3.29.1";
export const COREDNS_IMAGE = "registry.k8s.io/coredns/coredns:v1.11.3";

/** Node facts of killercoda-like Ubuntu VMs; they only show in `-o wide` and describe. */
export const NODE_SYSTEM = {
  osImage: "Ubuntu 24.04.1 LTS",
  kernelVersion: "6.8.0-51-generic",
  containerRuntimeVersion: "containerd://1.7.24",
  architecture: "amd64",
};

export function createClusterObjects(config: ClusterConfig, opts: BootstrapOptions): { objects: ClusterObjects; files: Record<string, string> } {
  const { random, nextResourceVersion } = opts;
  // kubeadm init takes about a minute: everything is stamped a little before `now`, in the order it happens
  const at = (secondsBeforeNow: number) => opts.now - secondsBeforeNow * 1000;
  const meta = (name: string, created: number, namespace?: string, labels?: Record<string, string>, annotations?: Record<string, string>) => ({
    name,
    ...(namespace ? { namespace } : {}),
    uid: randomUid(random),
    resourceVersion: nextResourceVersion(),
    creationTimestamp: created,
    ...(labels ? { labels } : {}),
    ...(annotations ? { annotations } : {}),
  });

  const namespaces: NamespaceObject[] = ["default", "kube-node-lease", "kube-public", "kube-system"].map((ns) => ({
    metadata: meta(ns, at(75), undefined, { "kubernetes.io/metadata.name": ns }),
    status: { phase: "Active" },
  }));

  const allNodes: NodeConfig[] = [config.controlPlane, ...config.workers];
  const nodes: NodeObject[] = allNodes.map((n, i) => {
    const cp = i === 0;
    const labels: Record<string, string> = {
      "beta.kubernetes.io/arch": "amd64",
      "beta.kubernetes.io/os": "linux",
      "kubernetes.io/arch": "amd64",
      "kubernetes.io/hostname": n.name,
      "kubernetes.io/os": "linux",
    };
    if (cp) {
      labels["node-role.kubernetes.io/control-plane"] = "";
      labels["node.kubernetes.io/exclude-from-external-load-balancers"] = "";
    }
    const annotations: Record<string, string> = {
      "kubeadm.alpha.kubernetes.io/cri-socket": "unix:///var/run/containerd/containerd.sock",
      "node.alpha.kubernetes.io/ttl": "0",
      "projectcalico.org/IPv4Address": `${n.ip}/24`,
      "projectcalico.org/IPv4IPIPTunnelAddr": intToIp(ipToInt(nodePodCidr(config.podSubnet, i).split("/")[0]) + 1),
      "volumes.kubernetes.io/controller-managed-attach-detach": "true",
    };
    return {
      metadata: meta(n.name, at(cp ? 72 : 40 - i), undefined, labels, annotations),
      spec: {
        podCIDR: nodePodCidr(config.podSubnet, i),
        ...(cp ? { taints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }] } : {}),
      },
      status: {
        ready: "True",
        internalIP: n.ip,
        ...NODE_SYSTEM,
        kubeletVersion: config.kubernetesVersion,
        capacity: { cpu: "2", "ephemeral-storage": "19221248Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0", memory: "2030940Ki", pods: "110" },
        allocatable: { cpu: "2", "ephemeral-storage": "18698430040", "hugepages-1Gi": "0", "hugepages-2Mi": "0", memory: "1928540Ki", pods: "110" },
      },
    };
  });

  const pods: PodObject[] = [];
  const cp = config.controlPlane;
  const hostPod = (name: string, created: number, node: NodeConfig, containers: PodObject["spec"]["containers"], extra: Partial<PodObject>, labels: Record<string, string>, priorityClassName = "system-node-critical", serviceAccountName?: string) => {
    pods.push({
      metadata: meta(name, created, "kube-system", labels),
      spec: { nodeName: node.name, containers, hostNetwork: true, priorityClassName, ...(serviceAccountName ? { serviceAccountName } : {}) },
      status: { phase: "Running", podIP: node.ip, hostIP: node.ip, startTime: created, restartCount: 0, ready: true },
      ...extra,
    });
  };

  // Static pods: the kubelet creates mirror pods named <component>-<node>, owned by the Node.
  for (const [component, build] of Object.entries(STATIC_MANIFESTS)) {
    const manifest = build(config) as { metadata: { annotations?: Record<string, string> }; spec: { containers: { image: string; command: string[] }[] } };
    const c = manifest.spec.containers[0];
    hostPod(`${component}-${cp.name}`, at(68), cp, [{ name: component, image: c.image, command: c.command }], { ownerKind: "Node", ownerName: cp.name }, { component, tier: "control-plane" });
    // mirror pods carry the manifest's annotations (the kubelet adds its config.* ones when rendering)
    if (manifest.metadata.annotations) pods[pods.length - 1].metadata.annotations = { ...manifest.metadata.annotations };
  }

  // kube-proxy DaemonSet: one pod per node.
  const proxyHash = randomHash(random);
  allNodes.forEach((n, i) => {
    hostPod(`kube-proxy-${randomSuffix(random)}`, at(i === 0 ? 60 : 38 - i), n,
      [{ name: "kube-proxy", image: image("kube-proxy", config), command: ["/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf", `--hostname-override=$(NODE_NAME)`] }],
      { ownerKind: "DaemonSet", ownerName: "kube-proxy" },
      { "controller-revision-hash": proxyHash, "k8s-app": "kube-proxy", "pod-template-generation": "1" }, "system-node-critical", "kube-proxy");
  });

  // Calico: calico-node DaemonSet (hostNetwork) on every node.
  const calicoHash = randomHash(random);
  allNodes.forEach((n, i) => {
    hostPod(`calico-node-${randomSuffix(random)}`, at(i === 0 ? 55 : 38 - i), n,
      [{ name: "calico-node", image: `docker.io/calico/node:${CALICO_VERSION}` }],
      { ownerKind: "DaemonSet", ownerName: "calico-node" },
      { "controller-revision-hash": calicoHash, "k8s-app": "calico-node", "pod-template-generation": "1" }, "system-node-critical", "calico-node");
  });

  // Pod-network pods land on the control plane: it is the only node when the CNI comes up.
  const cpCidr = nodePodCidr(config.podSubnet, 0);
  let nextPodIp = 2 + Math.floor(random() * 60);
  const networkPod = (name: string, labels: Record<string, string>, container: PodObject["spec"]["containers"][0], owner: string, sa: string, priority: string) => {
    const created = at(55);
    pods.push({
      metadata: meta(name, created, "kube-system", labels),
      spec: { nodeName: cp.name, containers: [container], priorityClassName: priority, serviceAccountName: sa },
      status: { phase: "Running", podIP: nthIp(cpCidr, nextPodIp++), hostIP: cp.ip, startTime: created, restartCount: 0, ready: true },
      ownerKind: "ReplicaSet",
      ownerName: owner,
    });
  };
  const kcHash = randomHash(random);
  networkPod(`calico-kube-controllers-${kcHash}-${randomSuffix(random)}`, { "k8s-app": "calico-kube-controllers", "pod-template-hash": kcHash },
    { name: "calico-kube-controllers", image: `docker.io/calico/kube-controllers:${CALICO_VERSION}` }, `calico-kube-controllers-${kcHash}`, "calico-kube-controllers", "system-cluster-critical");
  const dnsHash = randomHash(random);
  for (let i = 0; i < 2; i++) {
    networkPod(`coredns-${dnsHash}-${randomSuffix(random)}`, { "k8s-app": "kube-dns", "pod-template-hash": dnsHash },
      { name: "coredns", image: COREDNS_IMAGE, command: ["-conf", "/etc/coredns/Corefile"] }, `coredns-${dnsHash}`, "coredns", "system-cluster-critical");
  }
  pods.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));

  const services: ServiceObject[] = [
    {
      metadata: meta("kubernetes", at(74), "default", { component: "apiserver", provider: "kubernetes" }),
      spec: { type: "ClusterIP", clusterIP: nthIp(config.serviceSubnet, 1), ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: 6443 }] },
    },
    {
      metadata: meta("kube-dns", at(62), "kube-system", { "k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS" }, { "prometheus.io/port": "9153", "prometheus.io/scrape": "true" }),
      spec: {
        type: "ClusterIP",
        clusterIP: nthIp(config.serviceSubnet, 10),
        ports: [
          { name: "dns", port: 53, protocol: "UDP", targetPort: 53 },
          { name: "dns-tcp", port: 53, protocol: "TCP", targetPort: 53 },
          { name: "metrics", port: 9153, protocol: "TCP", targetPort: 9153 },
        ],
        selector: { "k8s-app": "kube-dns" },
      },
    },
  ];

  const files: Record<string, string> = {};
  for (const [component, build] of Object.entries(STATIC_MANIFESTS)) {
    files[`/etc/kubernetes/manifests/${component}.yaml`] = toYaml(build(config));
  }
  return { objects: { nodes, pods, namespaces, services, csrs: [] }, files };
}

/**
 * pod-template-hash / controller-revision-hash: rand.SafeEncodeString of a decimal fnv32, so each
 * digit maps into "456789bcdf" ("668d6bf9bc"); a 10-digit uint32 starts with 1-4 ("5"-"8").
 */
function randomHash(random: () => number): string {
  const digits = "456789bcdf";
  let s = "5678"[Math.floor(random() * 4)];
  for (let i = 0; i < 9; i++) s += digits[Math.floor(random() * 10)];
  return s;
}

