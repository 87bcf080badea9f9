/**
 * The simulator's compact objects rendered as the apiserver returns them (what `-o json|yaml`
 * and `-o jsonpath` see): full apiVersion/kind/metadata/spec/status with RFC3339 timestamps
 * and the defaults the apiserver fills in. Key order does not matter: printers sort keys, as
 * kubectl does with the unstructured maps it decodes.
 */
import type { ClusterState, CsrObject, NamespaceObject, NodeObject, ObjectMeta, ServiceObject } from "../types";
import { podToNative } from "./native-pod";

export type Json = Record<string, unknown>;

/** RFC3339 with second precision, as metav1.Time marshals. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

export function metaToNative(m: ObjectMeta, extra: Json = {}): Json {
  const out: Json = { creationTimestamp: rfc3339(m.creationTimestamp), name: m.name, resourceVersion: m.resourceVersion, uid: m.uid };
  if (m.namespace) out.namespace = m.namespace;
  if (m.labels && Object.keys(m.labels).length) out.labels = { ...m.labels };
  if (m.annotations && Object.keys(m.annotations).length) out.annotations = { ...m.annotations };
  if (m.generateName) out.generateName = m.generateName;
  return { ...out, ...extra };
}

/** Deterministic 32-hex id from a uid, for machineID/systemUUID/bootID. */
function hexId(uid: string, salt: number): string {
  const h = uid.replace(/-/g, "");
  let s = "";
  for (let i = 0; i < 32; i++) s += h[(i * 7 + salt) % h.length];
  return s;
}

export function nodeToNative(n: NodeObject): Json {
  const t = rfc3339(n.metadata.creationTimestamp);
  const ready = n.status.ready;
  const cond = (type: string, status: string, reason: string, message: string) => ({
    lastHeartbeatTime: t, lastTransitionTime: t, message, reason, status, type,
  });
  const uuid = hexId(n.metadata.uid, 3);
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: metaToNative(n.metadata),
    spec: {
      podCIDR: n.spec.podCIDR,
      podCIDRs: [n.spec.podCIDR],
      ...(n.spec.taints?.length ? { taints: n.spec.taints.map((x) => ({ ...x })) } : {}),
      ...(n.spec.unschedulable ? { unschedulable: true } : {}),
    },
    status: {
      addresses: [{ address: n.status.internalIP, type: "InternalIP" }, { address: n.metadata.name, type: "Hostname" }],
      allocatable: { ...n.status.allocatable },
      capacity: { ...n.status.capacity },
      conditions: [
        { lastHeartbeatTime: t, lastTransitionTime: t, message: "Calico is running on this node", reason: "CalicoIsUp", status: "False", type: "NetworkUnavailable" },
        cond("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
        cond("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        cond("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        ready === "True"
          ? cond("Ready", "True", "KubeletReady", "kubelet is posting ready status")
          : cond("Ready", "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status."),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      features: { supplementalGroupsPolicy: true },
      nodeInfo: {
        architecture: n.status.architecture,
        bootID: `${uuid.slice(0, 8)}-${uuid.slice(8, 12)}-${uuid.slice(12, 16)}-${uuid.slice(16, 20)}-${uuid.slice(20)}`,
        containerRuntimeVersion: n.status.containerRuntimeVersion,
        kernelVersion: n.status.kernelVersion,
        kubeProxyVersion: "",
        kubeletVersion: n.status.kubeletVersion,
        machineID: hexId(n.metadata.uid, 1),
        operatingSystem: "linux",
        osImage: n.status.osImage,
        systemUUID: hexId(n.metadata.uid, 5),
      },
      runtimeHandlers: [
        { features: { recursiveReadOnlyMounts: true, userNamespaces: false }, name: "runc" },
        { features: { recursiveReadOnlyMounts: true, userNamespaces: false }, name: "" },
      ],
    },
  };
}

export function namespaceToNative(ns: NamespaceObject): Json {
  return { apiVersion: "v1", kind: "Namespace", metadata: metaToNative(ns.metadata), spec: { finalizers: ["kubernetes"] }, status: { phase: ns.status.phase } };
}

export function serviceToNative(s: ServiceObject): Json {
  const spec: Json = {
    clusterIP: s.spec.clusterIP,
    clusterIPs: [s.spec.clusterIP],
    internalTrafficPolicy: "Cluster",
    ipFamilies: ["IPv4"],
    ipFamilyPolicy: "SingleStack",
    ports: s.spec.ports.map((p) => ({ ...p })),
    sessionAffinity: "None",
    type: s.spec.type,
  };
  if (s.spec.selector) spec.selector = { ...s.spec.selector };
  return { apiVersion: "v1", kind: "Service", metadata: metaToNative(s.metadata), spec, status: { loadBalancer: {} } };
}

export function csrToNative(c: CsrObject): Json {
  const spec: Json = { groups: [...c.spec.groups], request: c.spec.request, signerName: c.spec.signerName, usages: [...c.spec.usages], username: c.spec.username };
  if (c.spec.expirationSeconds !== undefined) spec.expirationSeconds = c.spec.expirationSeconds;
  if (c.spec.uid) spec.uid = c.spec.uid;
  const status: Json = {};
  if (c.status.conditions.length) {
    status.conditions = c.status.conditions.map((k) => ({
      lastTransitionTime: rfc3339(k.lastTransitionTime), lastUpdateTime: rfc3339(k.lastUpdateTime), message: k.message, reason: k.reason, status: k.status, type: k.type,
    }));
  }
  if (c.status.certificate) status.certificate = c.status.certificate;
  return { apiVersion: "certificates.k8s.io/v1", kind: "CertificateSigningRequest", metadata: metaToNative(c.metadata), spec, status };
}

/** Any stored object, dispatched on the store it came from. */
export function toNative(store: string, obj: unknown, state: ClusterState): Json {
  switch (store) {
    case "nodes": return nodeToNative(obj as NodeObject);
    case "namespaces": return namespaceToNative(obj as NamespaceObject);
    case "services": return serviceToNative(obj as ServiceObject);
    case "csrs": return csrToNative(obj as CsrObject);
    default: return podToNative(obj as Parameters<typeof podToNative>[0], state);
  }
}
