/**
 * Pods as the apiserver returns them. Mirror pods take their spec from the same manifest
 * builders kubeadm's files come from, plus what the kubelet and the apiserver default in;
 * DaemonSet/ReplicaSet pods get the defaults of their workload.
 */
import type { ClusterState, PodObject } from "../types";
import { STATIC_MANIFESTS } from "./manifests";
import { metaToNative, rfc3339, type Json } from "./native";

const CONTAINER_DEFAULTS = { imagePullPolicy: "IfNotPresent", terminationMessagePath: "/dev/termination-log", terminationMessagePolicy: "File" };

/** Requests/limits of the add-on workloads (CoreDNS and Calico manifests). */
const ADDON_RESOURCES: Record<string, Json> = {
  "kube-dns": { limits: { memory: "170Mi" }, requests: { cpu: "100m", memory: "70Mi" } },
  "calico-node": { requests: { cpu: "250m" } },
};

function ownerRef(p: PodObject): Json[] | undefined {
  if (!p.ownerKind || !p.ownerName) return undefined;
  const apiVersion = p.ownerKind === "Node" ? "v1" : "apps/v1";
  // the uid is not stored for owners; derive a stable one from the pod's own uid
  const uid = p.metadata.uid.split("").reverse().join("").replace(/^(.{8})(.{4})(.{4})/, "$1-$2-$3").slice(0, 36);
  return [{ apiVersion, ...(p.ownerKind !== "Node" ? { blockOwnerDeletion: true } : {}), controller: true, kind: p.ownerKind, name: p.ownerName, uid }];
}

function podSpec(p: PodObject, state: ClusterState): Json {
  const component = p.metadata.labels?.component;
  const build = component ? (STATIC_MANIFESTS as Record<string, (c: ClusterState["config"]) => Json>)[component] : undefined;
  const base: Json = build ? ((build(state.config).spec as Json)) : {};
  const containers = build
    ? ((base.containers as Json[]).map((c) => ({ ...c, terminationMessagePath: "/dev/termination-log", terminationMessagePolicy: "File" })))
    : p.spec.containers.map((c) => ({
      // CoreDNS's Deployment passes its flags as args, not as a command
      ...(c.command ? { [c.name === "coredns" ? "args" : "command"]: [...c.command] } : {}), image: c.image, ...CONTAINER_DEFAULTS, name: c.name,
      resources: ADDON_RESOURCES[p.metadata.labels?.["k8s-app"] ?? ""] ?? {},
    }));
  const tolerations: Json[] = build
    ? [{ effect: "NoExecute", operator: "Exists" }]
    : p.ownerKind === "DaemonSet"
      ? [{ operator: "Exists" }, { effect: "NoExecute", key: "node.kubernetes.io/not-ready", operator: "Exists" }, { effect: "NoExecute", key: "node.kubernetes.io/unreachable", operator: "Exists" }]
      : [{ key: "CriticalAddonsOnly", operator: "Exists" }, { effect: "NoSchedule", key: "node-role.kubernetes.io/control-plane" },
        { effect: "NoExecute", key: "node.kubernetes.io/not-ready", operator: "Exists", tolerationSeconds: 300 },
        { effect: "NoExecute", key: "node.kubernetes.io/unreachable", operator: "Exists", tolerationSeconds: 300 }];
  const priority = p.spec.priorityClassName === "system-node-critical" ? 2000001000 : p.spec.priorityClassName === "system-cluster-critical" ? 2000000000 : 0;
  const spec: Json = {
    ...base,
    containers,
    dnsPolicy: build || p.spec.hostNetwork ? "ClusterFirst" : "Default",
    enableServiceLinks: true,
    nodeName: p.spec.nodeName,
    preemptionPolicy: "PreemptLowerPriority",
    priority,
    restartPolicy: "Always",
    schedulerName: "default-scheduler",
    securityContext: base.securityContext ?? {},
    terminationGracePeriodSeconds: 30,
    tolerations,
  };
  if (p.spec.hostNetwork) spec.hostNetwork = true;
  if (p.spec.priorityClassName) spec.priorityClassName = p.spec.priorityClassName;
  if (p.spec.serviceAccountName) {
    spec.serviceAccount = p.spec.serviceAccountName;
    spec.serviceAccountName = p.spec.serviceAccountName;
  }
  if (p.metadata.labels?.["k8s-app"] === "kube-dns") spec.dnsPolicy = "Default";
  if (!build) spec.nodeSelector = { "kubernetes.io/os": "linux" };
  return spec;
}

export function podToNative(p: PodObject, state: ClusterState): Json {
  const start = rfc3339(p.status.startTime);
  const ready = p.status.ready ? "True" : "False";
  const cond = (type: string, status: string) => ({ lastProbeTime: null, lastTransitionTime: start, status, type });
  const annotations: Record<string, string> = { ...(p.metadata.annotations ?? {}) };
  if (p.ownerKind === "Node") {
    const hash = p.metadata.uid.replace(/-/g, "");
    Object.assign(annotations, {
      "kubernetes.io/config.hash": hash,
      "kubernetes.io/config.mirror": hash,
      // the kubelet records when it first saw the file, with nanoseconds
      "kubernetes.io/config.seen": `${new Date(p.status.startTime).toISOString().slice(0, 23)}${String(p.metadata.uid.charCodeAt(0) * 7919).padStart(6, "0").slice(0, 6)}Z`,
      "kubernetes.io/config.source": "file",
    });
  }
  const extra: Json = {};
  const refs = ownerRef(p);
  if (refs) extra.ownerReferences = refs;
  if (p.ownerKind && p.ownerKind !== "Node" && p.ownerName) extra.generateName = p.metadata.name.slice(0, p.metadata.name.lastIndexOf("-") + 1);
  const metadata = metaToNative({ ...p.metadata, annotations }, extra);
  const containerStatuses = p.spec.containers.map((c, i) => ({
    containerID: `containerd://${p.metadata.uid.replace(/-/g, "")}${p.metadata.uid.replace(/-/g, "")}`.slice(0, 77),
    image: c.image,
    imageID: `${c.image.split(":")[0]}@sha256:${p.metadata.uid.replace(/-/g, "").repeat(2)}`,
    lastState: p.status.lastTerminationTime && i === 0
      ? { terminated: { exitCode: 255, finishedAt: rfc3339(p.status.lastTerminationTime), reason: "Unknown", startedAt: start } }
      : {},
    name: c.name,
    ready: p.status.ready,
    restartCount: i === 0 ? p.status.restartCount : 0,
    started: p.status.phase === "Running",
    state: p.status.phase === "Running" ? { running: { startedAt: start } } : { waiting: { reason: "ContainerCreating" } },
  }));
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata,
    spec: podSpec(p, state),
    status: {
      conditions: [cond("PodReadyToStartContainers", "True"), cond("Initialized", "True"), cond("Ready", ready), cond("ContainersReady", ready), cond("PodScheduled", "True")],
      containerStatuses,
      hostIP: p.status.hostIP,
      hostIPs: [{ ip: p.status.hostIP }],
      phase: p.status.phase,
      podIP: p.status.podIP,
      podIPs: [{ ip: p.status.podIP }],
      qosClass: p.ownerKind === "Node" || ADDON_RESOURCES[p.metadata.labels?.["k8s-app"] ?? ""] ? "Burstable" : "BestEffort",
      startTime: start,
    },
  };
}
