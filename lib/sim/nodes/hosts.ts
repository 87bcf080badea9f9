/**
 * The cluster's machines other than the one the terminal starts on. The control plane node's
 * files are `state.fs`; a worker's files are derived, as `kubeadm join` leaves them, from the
 * cluster's config and CA (workerBaseFs), with what the learner changed on it kept as a layer in
 * `state.hosts[name].fs` (null: removed). Nothing else about a worker is stored, so old saved
 * states, which have no `hosts`, load as clusters whose workers are untouched.
 *
 * What a worker has after `kubeadm join` (cmd/kubeadm/app/cmd/phases/join/kubelet.go): the
 * kubelet's config.yaml and kubeadm-flags.env, /etc/kubernetes/pki/ca.crt, an empty manifests
 * directory, and the kubelet.conf the kubelet writes after its TLS bootstrap
 * (pkg/kubelet/certificate/bootstrap/bootstrap.go writeKubeconfigFromBootstrapping: cluster
 * "default-cluster", context "default-context", user "default-auth", the rotated client
 * certificate in /var/lib/kubelet/pki/kubelet-client-current.pem). bootstrap-kubelet.conf is
 * removed once the bootstrap is done; there is no admin.conf and no ~/.kube/config.
 */
import { createBaseState } from "../core/base-state";
import type { ClusterState, FsNode, NodeConfig } from "../types";

/** A machine's own record: its files' changes over what was derived, and what the node monitor saw of its kubelet. */
export interface HostState {
  /** paths changed on this worker (null: removed); always empty for the control plane node, whose files are state.fs */
  fs: Record<string, FsNode | null>;
  /** the kubelet's run as the control plane last saw it (controllers/node-monitor.ts); absent: posting since boot */
  kubelet?: KubeletSeen;
}

export interface KubeletSeen {
  /** true while it posts node status and renews its lease */
  posting: boolean;
  /** epoch ms (cluster clock) of the last change */
  since: number;
  /** timed events of the node's pods held while the kubelet was down (the kubelet runs them when it is back) */
  held?: import("../time/timeline").TimedEvent[];
}

export const hostsOf = (state: ClusterState): Record<string, HostState> => (state.hosts ??= {});

export function hostState(state: ClusterState, name: string): HostState {
  const hosts = hostsOf(state);
  return (hosts[name] ??= { fs: {} });
}

/** Every node of the cluster, the control plane first. */
export function allNodes(state: ClusterState): NodeConfig[] {
  return [state.config.controlPlane, ...state.config.workers];
}

/** The node `target` names: a node's name, its IP address, or either after `user@`. */
export function findNode(state: ClusterState, target: string): NodeConfig | undefined {
  const host = target.slice(target.lastIndexOf("@") + 1).toLowerCase();
  return allNodes(state).find((n) => n.name.toLowerCase() === host || n.ip === host);
}

export const isControlPlane = (state: ClusterState, name: string) => name === state.config.controlPlane.name;

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

/** The cluster CA as the worker received it at join (the baseline's, or for states without one the control plane's file). */
function clusterCaPem(state: ClusterState): string {
  if (state.baseline) return state.baseline.caPem;
  const f = state.fs["/etc/kubernetes/pki/ca.crt"];
  return f?.type === "file" ? f.content : "";
}

/** pkg/kubelet/certificate/bootstrap/bootstrap.go writeKubeconfigFromBootstrapping, as clientcmd.Write prints it. */
export function workerKubeletConf(state: ClusterState): string {
  const server = `https://${state.config.controlPlane.ip}:6443`;
  const cert = "/var/lib/kubelet/pki/kubelet-client-current.pem";
  return (
    `apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: ${b64(clusterCaPem(state))}\n    server: ${server}\n  name: default-cluster\n` +
    `contexts:\n- context:\n    cluster: default-cluster\n    namespace: default\n    user: default-auth\n  name: default-context\n` +
    `current-context: default-context\nkind: Config\npreferences: {}\nusers:\n- name: default-auth\n  user:\n` +
    `    client-certificate: ${cert}\n    client-key: ${cert}\n`
  );
}

/** Directories of the control plane's skeleton that a worker does not have. */
const CONTROL_PLANE_ONLY = ["/etc/kubernetes/pki/etcd", "/var/lib/etcd", "/root/.kube"];

/** Derived trees by state and worker (the config and CA never change under a state). */
const baseCache = new WeakMap<ClusterState, Map<string, Record<string, FsNode>>>();

function cachedBase(state: ClusterState, worker: NodeConfig): Record<string, FsNode> {
  let byName = baseCache.get(state);
  if (!byName) baseCache.set(state, (byName = new Map<string, Record<string, FsNode>>()));
  let base = byName.get(worker.name);
  if (!base) {
    base = createBaseState({ ...state.config, controlPlane: worker }, { createdAt: state.createdAt, seed: 0 }).fs;
    // /etc/hosts lists every node once, as on the control plane
    const cpHosts = createBaseState(state.config, { createdAt: state.createdAt, seed: 0 }).fs["/etc/hosts"];
    if (cpHosts) base["/etc/hosts"] = cpHosts;
    for (const d of CONTROL_PLANE_ONLY) delete base[d];
    const t = state.createdAt;
    base["/etc/kubernetes/kubelet.conf"] = { type: "file", content: workerKubeletConf(state), mode: 0o600, mtime: t };
    base["/etc/kubernetes/pki/ca.crt"] = { type: "file", content: clusterCaPem(state), mode: 0o644, mtime: t };
    byName.set(worker.name, base);
  }
  return base;
}

/** A worker's files as `kubeadm join` left them, at the cluster's creation (a fresh copy). */
export function workerBaseFs(state: ClusterState, worker: NodeConfig): Record<string, FsNode> {
  return structuredClone(cachedBase(state, worker));
}

/** A worker's files now: the derived ones with the learner's changes over them. */
export function workerFs(state: ClusterState, worker: NodeConfig): Record<string, FsNode> {
  const fs = workerBaseFs(state, worker);
  for (const [path, node] of Object.entries(state.hosts?.[worker.name]?.fs ?? {})) {
    if (node) fs[path] = structuredClone(node);
    else delete fs[path];
  }
  return fs;
}

/** One file of a node as it is now, without building the worker's whole tree when the layer has it. */
export function nodeFile(state: ClusterState, node: string, path: string): string | undefined {
  if (isControlPlane(state, node)) {
    const f = state.fs[path];
    return f?.type === "file" ? f.content : undefined;
  }
  const layer = state.hosts?.[node]?.fs;
  if (layer && path in layer) {
    const f = layer[path];
    return f?.type === "file" ? f.content : undefined;
  }
  const worker = state.config.workers.find((w) => w.name === node);
  if (!worker) return undefined;
  const f = cachedBase(state, worker)[path];
  return f?.type === "file" ? f.content : undefined;
}

/** When a node's file last changed (epoch ms), 0 when it does not exist. */
export function nodeFileMtime(state: ClusterState, node: string, path: string): number {
  if (isControlPlane(state, node)) return state.fs[path]?.mtime ?? 0;
  const layer = state.hosts?.[node]?.fs;
  if (layer && path in layer) return layer[path]?.mtime ?? 0;
  return state.createdAt;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Validation of a saved `hosts` (core/state-schema.ts): a problem's name or undefined. */
export function hostsProblem(h: unknown): string | undefined {
  if (h === undefined) return undefined;
  if (!isObj(h)) return "hosts";
  for (const v of Object.values(h)) {
    if (!isObj(v) || !isObj(v.fs)) return "hosts";
    for (const [path, n] of Object.entries(v.fs)) {
      if (!path.startsWith("/")) return "hosts";
      if (n === null) continue;
      if (!isObj(n) || typeof n.mode !== "number" || typeof n.mtime !== "number") return "hosts";
      if (!(n.type === "dir" || (n.type === "file" && typeof n.content === "string"))) return "hosts";
    }
    const k = v.kubelet;
    if (k !== undefined && !(isObj(k) && typeof k.posting === "boolean" && typeof k.since === "number")) return "hosts";
    if (isObj(k) && k.held !== undefined && !Array.isArray(k.held)) return "hosts";
  }
  return undefined;
}
