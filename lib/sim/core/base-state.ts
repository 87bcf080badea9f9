/**
 * The part of a new cluster that needs no PKI and no API objects: config defaults, the node's
 * filesystem skeleton, the root shell. cluster/create.ts adds the kubeadm-generated files.
 */
import type { ClusterConfig, ClusterState, FsNode } from "../types";
import { seedRng } from "./rng";

export const STATE_VERSION = 2;

export const DEFAULT_CONFIG: ClusterConfig = {
  clusterName: "kubernetes",
  controlPlane: { name: "controlplane", ip: "172.30.1.2" },
  workers: [{ name: "node01", ip: "172.30.2.2" }],
  kubernetesVersion: "v1.32.4",
  serviceSubnet: "10.96.0.0/12",
  podSubnet: "192.168.0.0/16",
  dnsDomain: "cluster.local",
  keyAlgorithm: "rsa-2048",
};

const DIRS = [
  "/",
  "/bin",
  "/dev",
  "/etc",
  "/etc/kubernetes",
  "/etc/kubernetes/manifests",
  "/etc/kubernetes/pki",
  "/etc/kubernetes/pki/etcd",
  "/home",
  "/opt",
  "/root",
  "/root/.kube",
  "/tmp",
  "/usr",
  "/usr/bin",
  "/usr/local",
  "/usr/lib",
  "/usr/lib/systemd",
  "/usr/lib/systemd/system",
  "/usr/lib/systemd/system/kubelet.service.d",
  "/usr/local/bin",
  "/var",
  "/var/lib",
  "/var/lib/etcd",
  "/var/lib/kubelet",
  "/var/lib/kubelet/pki",
  "/var/log",
];

const BASHRC = `# ~/.bashrc: executed by bash(1) for non-login shells.
export PS1='\\h:\\w\\$ '
alias k=kubectl
source <(kubectl completion bash)
complete -o default -F __start_kubectl k
`;

/**
 * The kubelet's systemd unit and kubeadm's drop-in, as the pkgs.k8s.io deb packages install them
 * (kubernetes/release cmd/krel/templates/latest/kubelet/kubelet.service and
 * kubeadm/10-kubeadm.conf), and the flags file `kubeadm init` writes (cmd/kubeadm/app/phases/kubelet/flags.go).
 */
const KUBELET_SERVICE = `[Unit]
Description=kubelet: The Kubernetes Node Agent
Documentation=https://kubernetes.io/docs/
Wants=network-online.target
After=network-online.target

[Service]
ExecStart=/usr/bin/kubelet
Restart=always
StartLimitInterval=0
RestartSec=10

[Install]
WantedBy=multi-user.target
`;

const KUBEADM_DROP_IN = `# Note: This dropin only works with kubeadm and kubelet v1.11+
[Service]
Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"
Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
# This is a file that "kubeadm init" and "kubeadm join" generates at runtime, populating the KUBELET_KUBEADM_ARGS variable dynamically
EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
# This is a file that the user can use for overrides of the kubelet args as a last resort. Preferably, the user should use
# the .NodeRegistration.KubeletExtraArgs object in the configuration files instead. KUBELET_EXTRA_ARGS should be sourced from this file.
EnvironmentFile=-/etc/default/kubelet
ExecStart=
ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS
`;

const KUBEADM_FLAGS = `KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10"
`;

function kubeletConfig(c: ClusterConfig): string {
  // the first address of the service subnet's tenth IP is CoreDNS (10.96.0.10)
  const dns = c.serviceSubnet.replace(/\.\d+\/\d+$/, ".10");
  return `apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
cgroupDriver: systemd
clusterDNS:
- ${dns}
clusterDomain: ${c.dnsDomain}
kind: KubeletConfiguration
rotateCertificates: true
runtimeRequestTimeout: 15m0s
staticPodPath: /etc/kubernetes/manifests
`;
}

export function mergeConfig(partial: Partial<ClusterConfig> = {}): ClusterConfig {
  return structuredClone({ ...DEFAULT_CONFIG, ...partial });
}

/** A cluster state with the filesystem skeleton and shell, created at `createdAt`. */
export function createBaseState(config: ClusterConfig, opts: { createdAt: number; seed: number }): ClusterState {
  const t = opts.createdAt;
  const fs: Record<string, FsNode> = {};
  for (const d of DIRS) fs[d] = { type: "dir", mode: d === "/tmp" ? 0o1777 : d === "/root" ? 0o700 : 0o755, mtime: t };
  const file = (path: string, content: string, mode = 0o644) => (fs[path] = { type: "file", content, mode, mtime: t });
  file("/dev/null", "", 0o666);
  file("/dev/zero", "", 0o666);
  file("/dev/urandom", "", 0o666);
  file("/etc/hostname", config.controlPlane.name + "\n");
  file(
    "/etc/hosts",
    `127.0.0.1 localhost\n${config.controlPlane.ip} ${config.controlPlane.name}\n${config.workers.map((w) => `${w.ip} ${w.name}\n`).join("")}`,
  );
  file("/root/.bashrc", BASHRC);
  file("/var/lib/kubelet/config.yaml", kubeletConfig(config));
  file("/var/lib/kubelet/kubeadm-flags.env", KUBEADM_FLAGS);
  file("/usr/lib/systemd/system/kubelet.service", KUBELET_SERVICE);
  file("/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf", KUBEADM_DROP_IN);
  return {
    version: STATE_VERSION,
    config,
    createdAt: t,
    clockOffsetMs: 0,
    rng: seedRng(opts.seed),
    resourceVersion: 1,
    fs,
    shell: {
      cwd: "/root",
      env: {
        HOME: "/root",
        HOSTNAME: config.controlPlane.name,
        LANG: "C.UTF-8",
        PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        PWD: "/root",
        SHELL: "/bin/bash",
        TERM: "xterm-256color",
        USER: "root",
      },
      history: [],
      lastExitCode: 0,
    },
    objects: {},
  };
}
