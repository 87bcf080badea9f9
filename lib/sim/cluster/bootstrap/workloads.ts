/**
 * kube-system's workloads as kubeadm v1.32 and the Calico manifest create them, with the objects
 * their controllers make: the mirror pods of the static control-plane pods (owned by the Node),
 * the kube-proxy and calico-node DaemonSets with their ControllerRevisions and one pod per node,
 * the coredns and calico-kube-controllers Deployments with their ReplicaSets (pod-template-hash)
 * and pods. Templates follow cmd/kubeadm/app/phases/addons/{proxy,dns}/manifests.go.
 */
import type { KObject } from "../../api/types";
import type { ClusterConfig } from "../../types";
import { nodePodCidr, nthIp } from "../ip";
import { STATIC_MANIFESTS, image } from "../manifests";
import { type Factory, GR, randomHash } from "./factory";
import { randomSuffix } from "../../api/meta";
import { daemonTolerations } from "../../controllers/daemonset";

type J = Record<string, unknown>;

export const CALICO_VERSION = "v3.29.1";
export const COREDNS_IMAGE = "registry.k8s.io/coredns/coredns:v1.11.3";

export const TERMINATION = { terminationMessagePath: "/dev/termination-log", terminationMessagePolicy: "File" };
export const POD_DEFAULTS = {
  dnsPolicy: "ClusterFirst",
  restartPolicy: "Always",
  schedulerName: "default-scheduler",
  securityContext: {},
  terminationGracePeriodSeconds: 30,
};
const PRIORITY: Record<string, number> = { "system-node-critical": 2000001000, "system-cluster-critical": 2000000000 };

function proxyTemplate(config: ClusterConfig): J {
  return {
    metadata: { labels: { "k8s-app": "kube-proxy" } },
    spec: {
      containers: [
        {
          command: ["/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf", "--hostname-override=$(NODE_NAME)"],
          env: [{ name: "NODE_NAME", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "spec.nodeName" } } }],
          image: image("kube-proxy", config),
          imagePullPolicy: "IfNotPresent",
          name: "kube-proxy",
          resources: {},
          securityContext: { privileged: true },
          ...TERMINATION,
          volumeMounts: [
            { mountPath: "/var/lib/kube-proxy", name: "kube-proxy" },
            { mountPath: "/run/xtables.lock", name: "xtables-lock" },
            { mountPath: "/lib/modules", name: "lib-modules", readOnly: true },
          ],
        },
      ],
      ...POD_DEFAULTS,
      hostNetwork: true,
      nodeSelector: { "kubernetes.io/os": "linux" },
      priorityClassName: "system-node-critical",
      serviceAccount: "kube-proxy",
      serviceAccountName: "kube-proxy",
      tolerations: [{ operator: "Exists" }],
      volumes: [
        { configMap: { defaultMode: 420, name: "kube-proxy" }, name: "kube-proxy" },
        { hostPath: { path: "/run/xtables.lock", type: "FileOrCreate" }, name: "xtables-lock" },
        { hostPath: { path: "/lib/modules", type: "" }, name: "lib-modules" },
      ],
    },
  };
}

function calicoNodeTemplate(): J {
  return {
    metadata: { labels: { "k8s-app": "calico-node" } },
    spec: {
      containers: [
        {
          env: [
            { name: "DATASTORE_TYPE", value: "kubernetes" },
            { name: "CALICO_NETWORKING_BACKEND", value: "bird" },
            { name: "CLUSTER_TYPE", value: "k8s,bgp" },
            { name: "IP", value: "autodetect" },
            { name: "CALICO_IPV4POOL_IPIP", value: "Always" },
          ],
          image: `docker.io/calico/node:${CALICO_VERSION}`,
          imagePullPolicy: "IfNotPresent",
          name: "calico-node",
          resources: { requests: { cpu: "250m" } },
          securityContext: { privileged: true },
          ...TERMINATION,
          volumeMounts: [
            { mountPath: "/lib/modules", name: "lib-modules", readOnly: true },
            { mountPath: "/run/xtables.lock", name: "xtables-lock" },
            { mountPath: "/var/run/calico", name: "var-run-calico" },
            { mountPath: "/var/lib/calico", name: "var-lib-calico" },
          ],
        },
      ],
      ...POD_DEFAULTS,
      hostNetwork: true,
      nodeSelector: { "kubernetes.io/os": "linux" },
      priorityClassName: "system-node-critical",
      serviceAccount: "calico-node",
      serviceAccountName: "calico-node",
      terminationGracePeriodSeconds: 0,
      tolerations: [
        { effect: "NoSchedule", operator: "Exists" },
        { key: "CriticalAddonsOnly", operator: "Exists" },
        { effect: "NoExecute", operator: "Exists" },
      ],
      volumes: [
        { hostPath: { path: "/lib/modules", type: "" }, name: "lib-modules" },
        { hostPath: { path: "/var/run/calico", type: "DirectoryOrCreate" }, name: "var-run-calico" },
        { hostPath: { path: "/var/lib/calico", type: "DirectoryOrCreate" }, name: "var-lib-calico" },
        { hostPath: { path: "/run/xtables.lock", type: "FileOrCreate" }, name: "xtables-lock" },
      ],
    },
  };
}

function corednsTemplate(): J {
  return {
    metadata: { labels: { "k8s-app": "kube-dns" } },
    spec: {
      affinity: {
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              podAffinityTerm: {
                labelSelector: { matchExpressions: [{ key: "k8s-app", operator: "In", values: ["kube-dns"] }] },
                topologyKey: "kubernetes.io/hostname",
              },
              weight: 100,
            },
          ],
        },
      },
      containers: [
        {
          args: ["-conf", "/etc/coredns/Corefile"],
          image: COREDNS_IMAGE,
          imagePullPolicy: "IfNotPresent",
          livenessProbe: {
            failureThreshold: 5,
            httpGet: { path: "/health", port: 8080, scheme: "HTTP" },
            initialDelaySeconds: 60,
            periodSeconds: 10,
            successThreshold: 1,
            timeoutSeconds: 5,
          },
          name: "coredns",
          ports: [
            { containerPort: 53, name: "dns", protocol: "UDP" },
            { containerPort: 53, name: "dns-tcp", protocol: "TCP" },
            { containerPort: 9153, name: "metrics", protocol: "TCP" },
          ],
          readinessProbe: {
            failureThreshold: 3,
            httpGet: { path: "/ready", port: 8181, scheme: "HTTP" },
            periodSeconds: 10,
            successThreshold: 1,
            timeoutSeconds: 1,
          },
          resources: { limits: { memory: "170Mi" }, requests: { cpu: "100m", memory: "70Mi" } },
          securityContext: {
            allowPrivilegeEscalation: false,
            capabilities: { add: ["NET_BIND_SERVICE"], drop: ["ALL"] },
            readOnlyRootFilesystem: true,
          },
          ...TERMINATION,
          volumeMounts: [{ mountPath: "/etc/coredns", name: "config-volume", readOnly: true }],
        },
      ],
      ...POD_DEFAULTS,
      dnsPolicy: "Default",
      nodeSelector: { "kubernetes.io/os": "linux" },
      priorityClassName: "system-cluster-critical",
      serviceAccount: "coredns",
      serviceAccountName: "coredns",
      tolerations: [
        { key: "CriticalAddonsOnly", operator: "Exists" },
        { effect: "NoSchedule", key: "node-role.kubernetes.io/control-plane" },
      ],
      volumes: [
        { configMap: { defaultMode: 420, items: [{ key: "Corefile", path: "Corefile" }], name: "coredns" }, name: "config-volume" },
      ],
    },
  };
}

function kubeControllersTemplate(): J {
  return {
    metadata: { labels: { "k8s-app": "calico-kube-controllers" }, name: "calico-kube-controllers", namespace: "kube-system" },
    spec: {
      containers: [
        {
          env: [
            { name: "ENABLED_CONTROLLERS", value: "node" },
            { name: "DATASTORE_TYPE", value: "kubernetes" },
          ],
          image: `docker.io/calico/kube-controllers:${CALICO_VERSION}`,
          imagePullPolicy: "IfNotPresent",
          livenessProbe: {
            exec: { command: ["/usr/bin/check-status", "-l"] },
            failureThreshold: 6,
            initialDelaySeconds: 10,
            periodSeconds: 10,
            successThreshold: 1,
            timeoutSeconds: 10,
          },
          name: "calico-kube-controllers",
          readinessProbe: {
            exec: { command: ["/usr/bin/check-status", "-r"] },
            failureThreshold: 3,
            periodSeconds: 10,
            successThreshold: 1,
            timeoutSeconds: 1,
          },
          resources: {},
          ...TERMINATION,
        },
      ],
      ...POD_DEFAULTS,
      nodeSelector: { "kubernetes.io/os": "linux" },
      priorityClassName: "system-cluster-critical",
      serviceAccount: "calico-kube-controllers",
      serviceAccountName: "calico-kube-controllers",
      tolerations: [
        { key: "CriticalAddonsOnly", operator: "Exists" },
        { effect: "NoSchedule", key: "node-role.kubernetes.io/master" },
        { effect: "NoSchedule", key: "node-role.kubernetes.io/control-plane" },
      ],
    },
  };
}

/** The projected service account token volume the ServiceAccount admission plugin adds. */
function tokenVolume(f: Factory): { volume: J; mount: J } {
  const name = `kube-api-access-${randomSuffix(f.random)}`;
  return {
    volume: {
      name,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
          { configMap: { items: [{ key: "ca.crt", path: "ca.crt" }], name: "kube-root-ca.crt" } },
          { downwardAPI: { items: [{ fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" }, path: "namespace" }] } },
        ],
      },
    },
    mount: { mountPath: "/var/run/secrets/kubernetes.io/serviceaccount", name, readOnly: true },
  };
}

export interface RunningPod {
  name: string;
  /** default kube-system */
  namespace?: string;
  generateName?: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  node: KObject;
  podIP: string;
  secondsAgo: number;
  owner: KObject;
  mirror?: boolean;
}

/** A pod as the apiserver returns it once the kubelet runs it. */
export function runningPod(f: Factory, template: J, p: RunningPod): KObject {
  const spec = structuredClone(template.spec) as J & {
    containers: J[];
    tolerations?: J[];
    volumes?: J[];
    hostNetwork?: boolean;
    priorityClassName?: string;
  };
  const hostIP = ((p.node.status as J).addresses as { address: string }[])[0].address;
  spec.nodeName = p.node.metadata.name;
  spec.enableServiceLinks = true;
  spec.preemptionPolicy = "PreemptLowerPriority";
  spec.priority = PRIORITY[spec.priorityClassName ?? ""] ?? 0;
  if (!p.mirror) {
    const tv = tokenVolume(f);
    spec.volumes = [...(spec.volumes ?? []), tv.volume];
    for (const c of spec.containers) c.volumeMounts = [...((c.volumeMounts as J[] | undefined) ?? []), tv.mount];
  }
  const isDaemon = p.owner.kind === "DaemonSet";
  if (isDaemon) {
    spec.affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: [p.node.metadata.name] }] }],
        },
      },
    };
    spec.tolerations = [...(spec.tolerations ?? []), ...daemonTolerations(!!spec.hostNetwork)];
  } else if (!p.mirror) {
    spec.tolerations = [
      ...(spec.tolerations ?? []),
      { effect: "NoExecute", key: "node.kubernetes.io/not-ready", operator: "Exists", tolerationSeconds: 300 },
      { effect: "NoExecute", key: "node.kubernetes.io/unreachable", operator: "Exists", tolerationSeconds: 300 },
    ];
  }
  const meta = f.meta(p.name, p.secondsAgo, {
    namespace: p.namespace ?? "kube-system",
    labels: p.labels,
    annotations: p.annotations,
    owner: p.owner,
    block: !p.mirror,
    generateName: p.generateName,
  });
  const start = meta.creationTimestamp;
  const id = meta.uid.replace(/-/g, "");
  const cond = (type: string) => ({ lastProbeTime: null, lastTransitionTime: start, status: "True", type });
  const containerStatuses = spec.containers.map((c) => ({
    containerID: `containerd://${id}${id}`,
    image: String(c.image),
    imageID: `${String(c.image).split(":")[0]}@sha256:${id}${id}`,
    lastState: {},
    name: String(c.name),
    ready: true,
    restartCount: 0,
    started: true,
    state: { running: { startedAt: start } },
    ...(p.mirror
      ? {}
      : {
          volumeMounts: ((c.volumeMounts as J[] | undefined) ?? []).map((m) => ({
            ...m,
            ...(m.readOnly ? { recursiveReadOnly: "Disabled" } : {}),
          })),
        }),
  }));
  const requests = spec.containers.some((c) => Object.keys((c.resources as J | undefined) ?? {}).length);
  return f.add(GR.pods, {
    apiVersion: "v1",
    kind: "Pod",
    metadata: meta,
    spec,
    status: {
      conditions: [cond("PodReadyToStartContainers"), cond("Initialized"), cond("Ready"), cond("ContainersReady"), cond("PodScheduled")],
      containerStatuses,
      hostIP,
      hostIPs: [{ ip: hostIP }],
      phase: "Running",
      podIP: p.podIP,
      podIPs: [{ ip: p.podIP }],
      qosClass: requests ? "Burstable" : "BestEffort",
      startTime: start,
    },
  });
}

function daemonSet(
  f: Factory,
  name: string,
  template: J,
  nodes: KObject[],
  secondsAgo: number,
  selector: Record<string, string>,
): { ds: KObject; hash: string } {
  const hash = randomHash(f.random);
  const n = nodes.length;
  const ds = f.add(GR.daemonsets, {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: f.meta(name, secondsAgo, {
      namespace: "kube-system",
      labels: selector,
      annotations: { "deprecated.daemonset.template.generation": "1" },
      generation: 1,
    }),
    spec: {
      revisionHistoryLimit: 10,
      selector: { matchLabels: selector },
      template,
      updateStrategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 1 }, type: "RollingUpdate" },
    },
    status: {
      currentNumberScheduled: n,
      desiredNumberScheduled: n,
      numberAvailable: n,
      numberMisscheduled: 0,
      numberReady: n,
      observedGeneration: 1,
      updatedNumberScheduled: n,
    },
  });
  f.add(GR.controllerrevisions, {
    apiVersion: "apps/v1",
    kind: "ControllerRevision",
    metadata: f.meta(`${name}-${hash}`, secondsAgo, {
      namespace: "kube-system",
      labels: { ...selector, "controller-revision-hash": hash },
      annotations: { "deprecated.daemonset.template.generation": "1" },
      owner: ds,
    }),
    data: { spec: { template: { $patch: "replace", ...template } } },
    revision: 1,
  });
  return { ds, hash };
}

export function deployment(
  f: Factory,
  name: string,
  template: J,
  replicas: number,
  secondsAgo: number,
  selector: Record<string, string>,
  strategy: J,
  namespace = "kube-system",
): { rs: KObject; hash: string } {
  const hash = randomHash(f.random);
  const status = { availableReplicas: replicas, observedGeneration: 1, readyReplicas: replicas, replicas };
  const t = f.time(secondsAgo);
  const deploy = f.add(GR.deployments, {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: f.meta(name, secondsAgo, {
      namespace,
      labels: selector,
      annotations: { "deployment.kubernetes.io/revision": "1" },
      generation: 1,
    }),
    spec: { progressDeadlineSeconds: 600, replicas, revisionHistoryLimit: 10, selector: { matchLabels: selector }, strategy, template },
    status: {
      ...status,
      conditions: [
        {
          lastTransitionTime: t,
          lastUpdateTime: t,
          message: "Deployment has minimum availability.",
          reason: "MinimumReplicasAvailable",
          status: "True",
          type: "Available",
        },
        {
          lastTransitionTime: t,
          lastUpdateTime: t,
          message: `ReplicaSet "${name}-${hash}" has successfully progressed.`,
          reason: "NewReplicaSetAvailable",
          status: "True",
          type: "Progressing",
        },
      ],
      updatedReplicas: replicas,
    },
  });
  const rsTemplate = structuredClone(template) as J & { metadata: { labels: Record<string, string> } };
  rsTemplate.metadata.labels = { ...rsTemplate.metadata.labels, "pod-template-hash": hash };
  const rs = f.add(GR.replicasets, {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: f.meta(`${name}-${hash}`, secondsAgo, {
      namespace,
      labels: { ...selector, "pod-template-hash": hash },
      annotations: {
        "deployment.kubernetes.io/desired-replicas": String(replicas),
        "deployment.kubernetes.io/max-replicas": String(replicas + 1),
        "deployment.kubernetes.io/revision": "1",
      },
      owner: deploy,
      generation: 1,
    }),
    spec: { replicas, selector: { matchLabels: { ...selector, "pod-template-hash": hash } }, template: rsTemplate },
    status: { ...status, fullyLabeledReplicas: replicas },
  });
  return { rs, hash };
}

export function createWorkloads(f: Factory, config: ClusterConfig, nodes: KObject[]): void {
  const cp = nodes[0];
  const hostIp = (n: KObject) => ((n.status as J).addresses as { address: string }[])[0].address;
  // static pods: the kubelet's mirror pods, owned by the Node, carrying the manifest's annotations
  for (const [component, build] of Object.entries(STATIC_MANIFESTS)) {
    const manifest = build(config) as { metadata: { annotations?: Record<string, string> }; spec: J };
    const name = `${component}-${cp.metadata.name}`;
    const template = {
      spec: {
        ...POD_DEFAULTS,
        ...manifest.spec,
        containers: (manifest.spec.containers as J[]).map((c) => ({ ...c, ...TERMINATION })),
        tolerations: [{ effect: "NoExecute", operator: "Exists" }],
      },
    };
    const pod = runningPod(f, template, {
      name,
      labels: { component, tier: "control-plane" },
      annotations: manifest.metadata.annotations,
      node: cp,
      podIP: hostIp(cp),
      secondsAgo: 68,
      owner: cp,
      mirror: true,
    });
    // the kubelet's config.* annotations: the hash of the manifest, and when it first saw the file
    const hash = pod.metadata.uid.replace(/-/g, "");
    pod.metadata.annotations = {
      ...(pod.metadata.annotations ?? {}),
      "kubernetes.io/config.hash": hash,
      "kubernetes.io/config.mirror": hash,
      "kubernetes.io/config.seen": `${new Date(f.at(69)).toISOString().slice(0, 19)}.${String(Math.floor(f.random() * 1e9)).padStart(9, "0")}Z`,
      "kubernetes.io/config.source": "file",
    };
  }
  const proxy = daemonSet(f, "kube-proxy", proxyTemplate(config), nodes, 62, { "k8s-app": "kube-proxy" });
  nodes.forEach((n, i) =>
    runningPod(f, (proxy.ds.spec as J).template as J, {
      name: `kube-proxy-${randomSuffix(f.random)}`,
      generateName: "kube-proxy-",
      labels: { "controller-revision-hash": proxy.hash, "k8s-app": "kube-proxy", "pod-template-generation": "1" },
      node: n,
      podIP: hostIp(n),
      secondsAgo: i === 0 ? 60 : 38 - i,
      owner: proxy.ds,
    }),
  );
  const calico = daemonSet(f, "calico-node", calicoNodeTemplate(), nodes, 57, { "k8s-app": "calico-node" });
  nodes.forEach((n, i) =>
    runningPod(f, (calico.ds.spec as J).template as J, {
      name: `calico-node-${randomSuffix(f.random)}`,
      generateName: "calico-node-",
      labels: { "controller-revision-hash": calico.hash, "k8s-app": "calico-node", "pod-template-generation": "1" },
      node: n,
      podIP: hostIp(n),
      secondsAgo: i === 0 ? 55 : 37 - i,
      owner: calico.ds,
    }),
  );
  // pod-network pods land on the control plane: it is the only node when the CNI comes up
  const cidr = nodePodCidr(config.podSubnet, 0);
  let nextIp = 2 + Math.floor(f.random() * 60);
  const kc = deployment(
    f,
    "calico-kube-controllers",
    kubeControllersTemplate(),
    1,
    57,
    { "k8s-app": "calico-kube-controllers" },
    { type: "Recreate" },
  );
  runningPod(f, (kc.rs.spec as J).template as J, {
    name: `calico-kube-controllers-${kc.hash}-${randomSuffix(f.random)}`,
    generateName: `calico-kube-controllers-${kc.hash}-`,
    labels: { "k8s-app": "calico-kube-controllers", "pod-template-hash": kc.hash },
    node: cp,
    podIP: nthIp(cidr, nextIp++),
    secondsAgo: 55,
    owner: kc.rs,
  });
  const dns = deployment(
    f,
    "coredns",
    corednsTemplate(),
    2,
    62,
    { "k8s-app": "kube-dns" },
    { rollingUpdate: { maxSurge: "25%", maxUnavailable: 1 }, type: "RollingUpdate" },
  );
  for (let i = 0; i < 2; i++) {
    runningPod(f, (dns.rs.spec as J).template as J, {
      name: `coredns-${dns.hash}-${randomSuffix(f.random)}`,
      generateName: `coredns-${dns.hash}-`,
      labels: { "k8s-app": "kube-dns", "pod-template-hash": dns.hash },
      node: cp,
      podIP: nthIp(cidr, nextIp++),
      secondsAgo: 55,
      owner: dns.rs,
    });
  }
}
