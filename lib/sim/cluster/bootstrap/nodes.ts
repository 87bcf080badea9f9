/** The four namespaces kubeadm's cluster starts with, the nodes (kubeadm init + join, Calico up), and their kube-node-lease Leases. */
import type { KObject } from "../../api/types";
import type { ClusterConfig, NodeConfig } from "../../types";
import { intToIp, ipToInt, nodePodCidr } from "../ip";
import { type Factory, GR } from "./factory";

/** Node facts of killercoda-like Ubuntu VMs; they only show in `-o wide` and describe. */
export const NODE_SYSTEM = {
  osImage: "Ubuntu 24.04.1 LTS",
  kernelVersion: "6.8.0-51-generic",
  containerRuntimeVersion: "containerd://1.7.24",
  architecture: "amd64",
};

export function createNamespaces(f: Factory): KObject[] {
  return ["default", "kube-node-lease", "kube-public", "kube-system"].map((ns) =>
    f.add(GR.namespaces, {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: f.meta(ns, 75, { labels: { "kubernetes.io/metadata.name": ns } }),
      spec: { finalizers: ["kubernetes"] },
      status: { phase: "Active" },
    }),
  );
}

/** Deterministic 32-hex id from a uid, for machineID/systemUUID/bootID. */
function hexId(uid: string, salt: number): string {
  const h = uid.replace(/-/g, "");
  let s = "";
  for (let i = 0; i < 32; i++) s += h[(i * 7 + salt) % h.length];
  return s;
}

export function createNodes(f: Factory, config: ClusterConfig): KObject[] {
  const all: NodeConfig[] = [config.controlPlane, ...config.workers];
  return all.map((n, i) => {
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
    const podCIDR = nodePodCidr(config.podSubnet, i);
    const annotations: Record<string, string> = {
      "kubeadm.alpha.kubernetes.io/cri-socket": "unix:///var/run/containerd/containerd.sock",
      "node.alpha.kubernetes.io/ttl": "0",
      "projectcalico.org/IPv4Address": `${n.ip}/24`,
      "projectcalico.org/IPv4IPIPTunnelAddr": intToIp(ipToInt(podCIDR.split("/")[0]) + 1),
      "volumes.kubernetes.io/controller-managed-attach-detach": "true",
    };
    const created = cp ? 72 : 40 - i;
    const meta = f.meta(n.name, created, { labels, annotations });
    const t = meta.creationTimestamp;
    const cond = (type: string, status: string, reason: string, message: string) => ({
      lastHeartbeatTime: t,
      lastTransitionTime: t,
      message,
      reason,
      status,
      type,
    });
    const uuid = hexId(meta.uid, 3);
    return f.add(GR.nodes, {
      apiVersion: "v1",
      kind: "Node",
      metadata: meta,
      spec: {
        podCIDR,
        podCIDRs: [podCIDR],
        ...(cp ? { taints: [{ effect: "NoSchedule", key: "node-role.kubernetes.io/control-plane" }] } : {}),
      },
      status: {
        addresses: [
          { address: n.ip, type: "InternalIP" },
          { address: n.name, type: "Hostname" },
        ],
        allocatable: {
          cpu: "2",
          "ephemeral-storage": "18698430040",
          "hugepages-1Gi": "0",
          "hugepages-2Mi": "0",
          memory: "1928540Ki",
          pods: "110",
        },
        capacity: {
          cpu: "2",
          "ephemeral-storage": "19221248Ki",
          "hugepages-1Gi": "0",
          "hugepages-2Mi": "0",
          memory: "2030940Ki",
          pods: "110",
        },
        conditions: [
          {
            lastHeartbeatTime: t,
            lastTransitionTime: t,
            message: "Calico is running on this node",
            reason: "CalicoIsUp",
            status: "False",
            type: "NetworkUnavailable",
          },
          cond("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
          cond("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
          cond("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
          cond("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
        ],
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        features: { supplementalGroupsPolicy: true },
        nodeInfo: {
          architecture: NODE_SYSTEM.architecture,
          bootID: `${uuid.slice(0, 8)}-${uuid.slice(8, 12)}-${uuid.slice(12, 16)}-${uuid.slice(16, 20)}-${uuid.slice(20)}`,
          containerRuntimeVersion: NODE_SYSTEM.containerRuntimeVersion,
          kernelVersion: NODE_SYSTEM.kernelVersion,
          kubeProxyVersion: "",
          kubeletVersion: config.kubernetesVersion,
          machineID: hexId(meta.uid, 1),
          operatingSystem: "linux",
          osImage: NODE_SYSTEM.osImage,
          systemUUID: hexId(meta.uid, 5),
        },
        runtimeHandlers: [
          { features: { recursiveReadOnlyMounts: true, userNamespaces: false }, name: "runc" },
          { features: { recursiveReadOnlyMounts: true, userNamespaces: false }, name: "" },
        ],
      },
    });
  });
}

/** A node's heartbeat Lease (kube-node-lease), owned by its Node, renewed every 10 s. */
export function createNodeLeases(f: Factory, nodes: KObject[]): void {
  for (const n of nodes) {
    f.add(GR.leases, {
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: f.meta(n.metadata.name, (f.now - Date.parse(n.metadata.creationTimestamp)) / 1000 - 1, {
        namespace: "kube-node-lease",
        owner: n,
        block: false,
        controller: false,
      }),
      spec: { holderIdentity: n.metadata.name, leaseDurationSeconds: 40, renewTime: f.microTime(4) },
    });
  }
}
