/**
 * Rancher's local-path-provisioner, installed after `kubeadm join` as its manifest
 * (rancher/local-path-provisioner deploy/local-path-storage.yaml, v0.0.30) installs it: the
 * local-path-storage namespace, its ServiceAccount, Role, ClusterRole and bindings, the
 * local-path-config ConfigMap (nodePathMap /opt/local-path-provisioner, setup and teardown
 * scripts, the busybox helper pod), the provisioner's Deployment (one replica on the first worker:
 * its pod tolerates no taint) and the local-path StorageClass, marked default
 * (storageclass.kubernetes.io/is-default-class, as kind and k3s ship it) so that a claim without
 * a class gets it. Created last, from the same seeded random source, so the objects of a
 * BASELINE_VERSION 1 cluster come out of version 2's generator unchanged (cluster/baseline.ts).
 */
import type { KObject } from "../../api/types";
import type { ClusterConfig } from "../../types";
import { nodePodCidr, nthIp } from "../ip";
import { type ClusterPems, configMap, ROOT_CA_DESCRIPTION } from "./config";
import { type Factory, GR } from "./factory";
import { deployment, POD_DEFAULTS, runningPod, TERMINATION } from "./workloads";
import { randomSuffix } from "../../api/meta";

export const LOCAL_PATH_NAMESPACE = "local-path-storage";
export const LOCAL_PATH_PROVISIONER = "rancher.io/local-path";
export const LOCAL_PATH_IMAGE = "rancher/local-path-provisioner:v0.0.30";
export const LOCAL_PATH_ROOT = "/opt/local-path-provisioner";
const SA = "local-path-provisioner-service-account";
const NS = LOCAL_PATH_NAMESPACE;

// deploy/local-path-storage.yaml, local-path-config
const CONFIG_JSON = `{
        "nodePathMap":[
        {
                "node":"DEFAULT_PATH_FOR_NON_LISTED_NODES",
                "paths":["${LOCAL_PATH_ROOT}"]
        }
        ]
}`;
const SETUP = `#!/bin/sh
set -eu
mkdir -m 0777 -p "$VOL_DIR"`;
const TEARDOWN = `#!/bin/sh
set -eu
rm -rf "$VOL_DIR"`;
const HELPER_POD = `apiVersion: v1
kind: Pod
metadata:
  name: helper-pod
spec:
  priorityClassName: system-node-critical
  tolerations:
    - key: node.kubernetes.io/disk-pressure
      operator: Exists
      effect: NoSchedule
  containers:
  - name: helper-pod
    image: busybox
    imagePullPolicy: IfNotPresent`;

const rule = (groups: string[], resources: string[], verbs: string[]) => ({ apiGroups: groups, resources, verbs });

function template(): Record<string, unknown> {
  return {
    metadata: { labels: { app: "local-path-provisioner" } },
    spec: {
      containers: [
        {
          command: ["local-path-provisioner", "--debug", "start", "--config", "/etc/config/config.json"],
          env: [
            { name: "POD_NAMESPACE", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } } },
            { name: "CONFIG_MOUNT_PATH", value: "/etc/config/" },
          ],
          image: LOCAL_PATH_IMAGE,
          imagePullPolicy: "IfNotPresent",
          name: "local-path-provisioner",
          resources: {},
          ...TERMINATION,
          volumeMounts: [{ mountPath: "/etc/config/", name: "config-volume" }],
        },
      ],
      ...POD_DEFAULTS,
      serviceAccount: SA,
      serviceAccountName: SA,
      volumes: [{ configMap: { defaultMode: 420, name: "local-path-config" }, name: "config-volume" }],
    },
  };
}

export function createLocalPath(f: Factory, config: ClusterConfig, nodes: KObject[], pems: ClusterPems): void {
  const ago = 30;
  f.add(GR.namespaces, {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: f.meta(NS, ago, { labels: { "kubernetes.io/metadata.name": NS } }),
    spec: { finalizers: ["kubernetes"] },
    status: { phase: "Active" },
  });
  configMap(f, NS, "kube-root-ca.crt", { "ca.crt": pems.ca }, ago, undefined, { "kubernetes.io/description": ROOT_CA_DESCRIPTION });
  f.add(GR.serviceaccounts, { apiVersion: "v1", kind: "ServiceAccount", metadata: f.meta("default", ago, { namespace: NS }) });
  f.add(GR.serviceaccounts, { apiVersion: "v1", kind: "ServiceAccount", metadata: f.meta(SA, ago, { namespace: NS }) });
  f.add(GR.roles, {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "Role",
    metadata: f.meta("local-path-provisioner-role", ago, { namespace: NS }),
    rules: [rule([""], ["pods"], ["get", "list", "watch", "create", "patch", "update", "delete"])],
  });
  f.add(GR.clusterroles, {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRole",
    metadata: f.meta("local-path-provisioner-role", ago),
    rules: [
      rule([""], ["nodes", "persistentvolumeclaims", "configmaps", "pods", "pods/log"], ["get", "list", "watch"]),
      rule([""], ["persistentvolumes"], ["get", "list", "watch", "create", "patch", "update", "delete"]),
      rule([""], ["events"], ["create", "patch"]),
      rule(["storage.k8s.io"], ["storageclasses"], ["get", "list", "watch"]),
    ],
  });
  const subjects = [{ kind: "ServiceAccount", name: SA, namespace: NS }];
  f.add(GR.rolebindings, {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: f.meta("local-path-provisioner-bind", ago, { namespace: NS }),
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "local-path-provisioner-role" },
    subjects,
  });
  f.add(GR.clusterrolebindings, {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRoleBinding",
    metadata: f.meta("local-path-provisioner-bind", ago),
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "local-path-provisioner-role" },
    subjects,
  });
  configMap(
    f,
    NS,
    "local-path-config",
    { "config.json": CONFIG_JSON, "helperPod.yaml": HELPER_POD, setup: SETUP, teardown: TEARDOWN },
    ago,
  );
  f.add(GR.storageclasses, {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: f.meta("local-path", ago, { annotations: { "storageclass.kubernetes.io/is-default-class": "true" } }),
    provisioner: LOCAL_PATH_PROVISIONER,
    reclaimPolicy: "Delete",
    volumeBindingMode: "WaitForFirstConsumer",
  });
  const selector = { app: "local-path-provisioner" };
  const d = deployment(
    f,
    "local-path-provisioner",
    template(),
    1,
    ago,
    selector,
    { rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" }, type: "RollingUpdate" },
    NS,
  );
  const index = nodes.length > 1 ? 1 : 0;
  const node = nodes[index];
  runningPod(f, (d.rs.spec as { template: Record<string, unknown> }).template, {
    name: `local-path-provisioner-${d.hash}-${randomSuffix(f.random)}`,
    generateName: `local-path-provisioner-${d.hash}-`,
    namespace: NS,
    labels: { ...selector, "pod-template-hash": d.hash },
    node,
    // the worker's first pod address (calico's block for that node; kubelet/kubelet.ts allocates from .2 up)
    podIP: nthIp(nodePodCidr(config.podSubnet, index), 2),
    secondsAgo: ago - 2,
    owner: d.rs,
  });
}
