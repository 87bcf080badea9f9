/**
 * metrics-server v0.7.2 in kube-system, as its release manifest installs it
 * (kubernetes-sigs/metrics-server manifests/base/{apiservice,deployment,rbac,service}.yaml at the
 * v0.7.2 tag, kustomized by manifests/overlays/release: commonLabels k8s-app: metrics-server on
 * every object, selector and template; manifests/components/release sets the image
 * registry.k8s.io/metrics-server/metrics-server:v0.7.2), plus `--kubelet-insecure-tls`, the flag
 * kubeadm practice clusters add because kubeadm's kubelet serving certificates are self-signed.
 * Its Deployment's one pod runs on the first worker (it tolerates no taint) and is Ready, its
 * Service's endpoints list it, and the APIService v1beta1.metrics.k8s.io is Available (the
 * aggregator's availability controller, controllers/apiservice-availability.ts, keeps it so).
 * Created after the local-path provisioner, from the same seeded random source, so that version 2
 * baselines come out of version 3's generator unchanged (cluster/baseline.ts).
 */
import { randomSuffix } from "../../api/meta";
import { aggregateAll } from "../../api/rbac/aggregation";
import type { ClusterRole } from "../../api/rbac/types";
import type { KObject } from "../../api/types";
import type { ClusterConfig } from "../../types";
import { nodePodCidr, nthIp } from "../ip";
import { type Factory, GR } from "./factory";
import { deployment, POD_DEFAULTS, runningPod, TERMINATION } from "./workloads";

export const METRICS_SERVER_NAME = "metrics-server";
export const METRICS_SERVER_IMAGE = "registry.k8s.io/metrics-server/metrics-server:v0.7.2";
/** the APIService that routes metrics.k8s.io/v1beta1 to the Service (manifests/base/apiservice.yaml) */
export const METRICS_APISERVICE = "v1beta1.metrics.k8s.io";
/** --metric-resolution=15s (manifests/base/deployment.yaml): the scrape period */
export const METRIC_RESOLUTION_MS = 15_000;
const NS = "kube-system";
const LABELS = { "k8s-app": METRICS_SERVER_NAME };

type J = Record<string, unknown>;

const rule = (groups: string[], resources: string[], verbs: string[]) => ({ apiGroups: groups, resources, verbs });

/** manifests/base/deployment.yaml's pod template, with the API server's defaults filled in */
function template(): J {
  const probe = (path: string, extra: J) => ({
    failureThreshold: 3,
    httpGet: { path, port: "https", scheme: "HTTPS" },
    ...extra,
    periodSeconds: 10,
    successThreshold: 1,
    timeoutSeconds: 1,
  });
  return {
    metadata: { labels: { ...LABELS } },
    spec: {
      containers: [
        {
          args: [
            "--cert-dir=/tmp",
            "--secure-port=10250",
            "--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname",
            "--kubelet-use-node-status-port",
            "--metric-resolution=15s",
            "--kubelet-insecure-tls",
          ],
          image: METRICS_SERVER_IMAGE,
          imagePullPolicy: "IfNotPresent",
          livenessProbe: probe("/livez", {}),
          name: METRICS_SERVER_NAME,
          ports: [{ containerPort: 10250, name: "https", protocol: "TCP" }],
          readinessProbe: probe("/readyz", { initialDelaySeconds: 20 }),
          resources: { requests: { cpu: "100m", memory: "200Mi" } },
          securityContext: {
            allowPrivilegeEscalation: false,
            capabilities: { drop: ["ALL"] },
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            runAsUser: 1000,
            seccompProfile: { type: "RuntimeDefault" },
          },
          ...TERMINATION,
          volumeMounts: [{ mountPath: "/tmp", name: "tmp-dir" }],
        },
      ],
      ...POD_DEFAULTS,
      nodeSelector: { "kubernetes.io/os": "linux" },
      priorityClassName: "system-cluster-critical",
      serviceAccount: METRICS_SERVER_NAME,
      serviceAccountName: METRICS_SERVER_NAME,
      volumes: [{ emptyDir: {}, name: "tmp-dir" }],
    },
  };
}

/**
 * The clusterrole-aggregation controller's answer to the new aggregate-to-* role: admin, edit and
 * view gain its rule (controllers/clusterrole-aggregation.ts would write the same on first settle).
 */
function aggregate(f: Factory): void {
  const roles = f.made.filter((m) => m.gr.resource === "clusterroles").map((m) => m.obj as ClusterRole);
  for (const role of aggregateAll(roles)) f.touch(role);
}

export function createMetricsServer(f: Factory, config: ClusterConfig, nodes: KObject[]): void {
  const ago = 28;
  const meta = (name: string, namespaced: boolean, extra: J = {}) =>
    f.meta(name, ago, {
      ...(namespaced ? { namespace: NS } : {}),
      labels: { ...LABELS, ...((extra.labels as J | undefined) ?? {}) },
    });
  // manifests/base/rbac.yaml
  f.add(GR.clusterroles, {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRole",
    metadata: meta("system:aggregated-metrics-reader", false, {
      labels: {
        "rbac.authorization.k8s.io/aggregate-to-admin": "true",
        "rbac.authorization.k8s.io/aggregate-to-edit": "true",
        "rbac.authorization.k8s.io/aggregate-to-view": "true",
      },
    }),
    rules: [rule(["metrics.k8s.io"], ["pods", "nodes"], ["get", "list", "watch"])],
  });
  aggregate(f);
  f.add(GR.serviceaccounts, { apiVersion: "v1", kind: "ServiceAccount", metadata: meta(METRICS_SERVER_NAME, true) });
  const subjects = [{ kind: "ServiceAccount", name: METRICS_SERVER_NAME, namespace: NS }];
  f.add(GR.rolebindings, {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: meta("metrics-server-auth-reader", true),
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "extension-apiserver-authentication-reader" },
    subjects,
  });
  f.add(GR.clusterrolebindings, {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRoleBinding",
    metadata: meta("metrics-server:system:auth-delegator", false),
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "system:auth-delegator" },
    subjects,
  });
  f.add(GR.clusterroles, {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRole",
    metadata: meta("system:metrics-server", false),
    rules: [rule([""], ["nodes/metrics"], ["get"]), rule([""], ["pods", "nodes"], ["get", "list", "watch"])],
  });
  f.add(GR.clusterrolebindings, {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRoleBinding",
    metadata: meta("system:metrics-server", false),
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "system:metrics-server" },
    subjects,
  });
  // manifests/base/service.yaml: a ClusterIP from the dynamic band, as the allocator draws it
  const ip = nthIp(config.serviceSubnet, 257 + Math.floor(f.random() * 3000));
  const port = { name: "https", port: 443, protocol: "TCP", targetPort: "https" };
  const svc = f.add(GR.services, {
    apiVersion: "v1",
    kind: "Service",
    metadata: meta(METRICS_SERVER_NAME, true),
    spec: {
      clusterIP: ip,
      clusterIPs: [ip],
      internalTrafficPolicy: "Cluster",
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      ports: [port],
      selector: { ...LABELS },
      sessionAffinity: "None",
      type: "ClusterIP",
    },
    status: { loadBalancer: {} },
  });
  // manifests/base/deployment.yaml
  const d = deployment(
    f,
    METRICS_SERVER_NAME,
    template(),
    1,
    ago,
    LABELS,
    { rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 }, type: "RollingUpdate" },
    NS,
  );
  const index = nodes.length > 1 ? 1 : 0;
  const node = nodes[index];
  // the worker's second pod address (the local-path provisioner has the first)
  const podIP = nthIp(nodePodCidr(config.podSubnet, index), 3);
  const pod = runningPod(f, (d.rs.spec as { template: J }).template, {
    name: `${METRICS_SERVER_NAME}-${d.hash}-${randomSuffix(f.random)}`,
    generateName: `${METRICS_SERVER_NAME}-${d.hash}-`,
    namespace: NS,
    labels: { ...LABELS, "pod-template-hash": d.hash },
    node,
    podIP,
    secondsAgo: ago - 2,
    owner: d.rs,
  });
  // the endpoints controllers' objects for the Service (controllers/endpoints.ts writes the same)
  const ready = f.time(ago - 24);
  const target = { kind: "Pod", name: pod.metadata.name, namespace: NS, uid: pod.metadata.uid };
  const nodeName = node.metadata.name;
  f.add(GR.endpoints, {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: f.meta(METRICS_SERVER_NAME, ago - 24, {
      namespace: NS,
      labels: { ...LABELS },
      annotations: { "endpoints.kubernetes.io/last-change-trigger-time": ready },
    }),
    subsets: [{ addresses: [{ ip: podIP, nodeName, targetRef: target }], ports: [{ name: "https", port: 10250, protocol: "TCP" }] }],
  });
  f.add(GR.endpointslices, {
    addressType: "IPv4",
    apiVersion: "discovery.k8s.io/v1",
    endpoints: [{ addresses: [podIP], conditions: { ready: true, serving: true, terminating: false }, nodeName, targetRef: target }],
    kind: "EndpointSlice",
    metadata: f.meta(`${METRICS_SERVER_NAME}-${randomSuffix(f.random)}`, ago - 24, {
      namespace: NS,
      generateName: `${METRICS_SERVER_NAME}-`,
      labels: {
        ...LABELS,
        "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io",
        "kubernetes.io/service-name": METRICS_SERVER_NAME,
      },
      annotations: { "endpoints.kubernetes.io/last-change-trigger-time": ready },
      owner: svc,
      generation: 1,
    }),
    ports: [{ name: "https", port: 10250, protocol: "TCP" }],
  });
  // manifests/base/apiservice.yaml, Available once the aggregator reached the pod
  f.add(GR.apiservices, {
    apiVersion: "apiregistration.k8s.io/v1",
    kind: "APIService",
    metadata: meta(METRICS_APISERVICE, false),
    spec: {
      group: "metrics.k8s.io",
      groupPriorityMinimum: 100,
      insecureSkipTLSVerify: true,
      service: { name: METRICS_SERVER_NAME, namespace: NS, port: 443 },
      version: "v1beta1",
      versionPriority: 100,
    },
    status: {
      conditions: [{ lastTransitionTime: ready, message: "all checks passed", reason: "Passed", status: "True", type: "Available" }],
    },
  });
}
