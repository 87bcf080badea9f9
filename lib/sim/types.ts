/**
 * The contract of the simulated cluster. Everything under lib/sim is plain TypeScript:
 * no import from next/*, react, @prisma/*, ws or any DOM API (see lib/sim/tsconfig.json and
 * lib/sim/purity.test.ts). Node built-ins that are pure computation (node:crypto) are allowed.
 *
 * Determinism: given the same Clock readings, the same seed and the same KeySource answers,
 * a cluster produces the same state and the same output (signature bytes of ECDSA keys aside,
 * which WebCrypto randomises; RSA PKCS#1 v1.5 signatures are deterministic).
 */

/** Wall-clock source, epoch milliseconds. The cluster clock is `clock.now() + state.clockOffsetMs`. */
import type { Vfs } from "./fs/vfs";
import type { ShellExtras } from "./shell/state";

export interface Clock {
  now(): number;
}

/** Key algorithms the simulator asks for. kubeadm's default is RSA-2048; ECDSA-P256 is its `encryptionAlgorithm: ECDSA-P256`. */
export type KeyAlgorithm = "rsa-2048" | "ecdsa-p256";

/** A real key pair, PEM encoded. */
export interface KeyPair {
  algorithm: KeyAlgorithm;
  /** PKCS#8 `-----BEGIN PRIVATE KEY-----` */
  privateKeyPem: string;
  /** SPKI `-----BEGIN PUBLIC KEY-----` */
  publicKeyPem: string;
}

/**
 * Where keys come from. Key generation is the expensive part of a cluster (RSA-2048 takes ~0.3 s
 * here), so the server injects a pool filled ahead of time; tests inject a deterministic source.
 */
export interface KeySource {
  take(algorithm: KeyAlgorithm): Promise<KeyPair>;
}

/** Result of one command or one whole command line. User errors are values, never throws. */
export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /**
   * Optional: stdout and stderr in the order they were written, for commands whose messages
   * interleave (`cat a nosuch b`). When absent the terminal shows stdout, then stderr.
   * If present it must hold exactly the text of `stdout` and `stderr`.
   */
  chunks?: { fd: 1 | 2; text: string }[];
}

/** A node of the virtual filesystem. Paths are absolute and normalised ("/etc/kubernetes/pki/ca.crt"). */
export type FsNode =
  | { type: "file"; content: string; mode: number; mtime: number }
  | { type: "dir"; mode: number; mtime: number };

export interface NodeConfig {
  name: string;
  ip: string;
}

export interface ClusterConfig {
  /** kubeadm ClusterConfiguration.clusterName, "kubernetes" by default */
  clusterName: string;
  controlPlane: NodeConfig;
  workers: NodeConfig[];
  /** e.g. "v1.32.4" */
  kubernetesVersion: string;
  /** "10.96.0.0/12": the `kubernetes` service gets the first address (10.96.0.1) */
  serviceSubnet: string;
  podSubnet: string;
  dnsDomain: string;
  /** kubeadm's encryptionAlgorithm */
  keyAlgorithm: KeyAlgorithm;
}

/** Kubernetes object metadata as the simulator stores it (a subset of ObjectMeta). */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  /** epoch ms on the cluster clock */
  creationTimestamp: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  generateName?: string;
}

export interface NodeObject {
  metadata: ObjectMeta;
  spec: { podCIDR: string; taints?: { key: string; effect: string; value?: string }[]; unschedulable?: boolean };
  status: {
    ready: "True" | "False" | "Unknown";
    internalIP: string;
    osImage: string;
    kernelVersion: string;
    containerRuntimeVersion: string;
    kubeletVersion: string;
    architecture: string;
    capacity: Record<string, string>;
    allocatable: Record<string, string>;
  };
}

export interface ContainerSpec {
  name: string;
  image: string;
  command?: string[];
}

export interface PodObject {
  metadata: ObjectMeta;
  spec: { nodeName: string; containers: ContainerSpec[]; hostNetwork?: boolean; priorityClassName?: string; serviceAccountName?: string };
  status: {
    phase: "Pending" | "Running" | "Succeeded" | "Failed";
    podIP: string;
    hostIP: string;
    /** epoch ms */
    startTime: number;
    restartCount: number;
    /** epoch ms of the last termination, shown as `N (5m12s ago)` */
    lastTerminationTime?: number;
    ready: boolean;
  };
  /** "static" for kubelet static pods (mirror pods), "DaemonSet"/"ReplicaSet" owner otherwise */
  ownerKind?: "Node" | "DaemonSet" | "ReplicaSet";
  ownerName?: string;
}

export interface NamespaceObject {
  metadata: ObjectMeta;
  status: { phase: "Active" | "Terminating" };
}

export interface ServiceObject {
  metadata: ObjectMeta;
  spec: {
    type: "ClusterIP" | "NodePort" | "LoadBalancer";
    clusterIP: string;
    ports: { name?: string; port: number; protocol: "TCP" | "UDP"; targetPort: number | string; nodePort?: number }[];
    selector?: Record<string, string>;
  };
}

export interface CsrCondition {
  type: "Approved" | "Denied" | "Failed";
  status: "True";
  reason: string;
  message: string;
  /** epoch ms */
  lastUpdateTime: number;
  lastTransitionTime: number;
}

export interface CsrObject {
  metadata: ObjectMeta;
  spec: {
    /** base64 of the PEM CSR, as in the manifest */
    request: string;
    signerName: string;
    expirationSeconds?: number;
    usages: string[];
    /** set by the server from the requesting identity */
    username: string;
    groups: string[];
    uid?: string;
  };
  status: {
    conditions: CsrCondition[];
    /** base64 of the PEM certificate once the signer issued it */
    certificate?: string;
  };
}

export interface ClusterObjects {
  nodes: NodeObject[];
  pods: PodObject[];
  namespaces: NamespaceObject[];
  services: ServiceObject[];
  csrs: CsrObject[];
}

/** Everything a cluster is. JSON-serialisable; `version` lets old saved states load after the model grows. */
export interface ClusterState {
  version: number;
  config: ClusterConfig;
  /** epoch ms on the cluster clock when `kubeadm init` ran */
  createdAt: number;
  /** added to the injected Clock: the platform moves the cluster clock forward, learners cannot */
  clockOffsetMs: number;
  /** sfc32 PRNG state, seeded at creation; every random choice (pod suffixes, uids, serials) draws from it */
  rng: [number, number, number, number];
  /** counter for metadata.resourceVersion */
  resourceVersion: number;
  fs: Record<string, FsNode>;
  /** the root shell; ShellExtras (arrays, functions, aliases, options) are the shell's own, all optional */
  shell: {
    cwd: string;
    env: Record<string, string>;
    history: string[];
    lastExitCode: number;
  } & ShellExtras;
  objects: ClusterObjects;
}

/** What a command sees. Commands mutate `ctx.state` in place; the Simulator decides what is persisted. */
export interface CommandContext {
  state: ClusterState;
  /** the filesystem over state.fs; all file writes go through it (it journals changed paths) */
  fs: Vfs;
  /** resolves a path argument against the shell's cwd and $HOME */
  resolve(path: string): string;
  /** argv without the command name, already expanded by the shell */
  args: string[];
  /** standard input: the previous pipeline stage's stdout, a redirect or a here-document */
  stdin: string;
  /** environment as seen by this command (shell variables + per-command assignments) */
  env: Record<string, string>;
  /** cluster clock, epoch ms (injected clock + offset) */
  now: number;
  keys: KeySource;
  /** deterministic random in [0, 1), drawn from state.rng */
  random(): number;
}

export interface CompletionContext {
  state: ClusterState;
  /** words before the one being completed, the command name first */
  words: string[];
  /** the partial word under the cursor */
  current: string;
}

export interface Command {
  name: string;
  /** one line for `help` */
  summary: string;
  run(ctx: CommandContext): Promise<ExecResult> | ExecResult;
  /** candidate completions for `current` (full words, not suffixes) */
  complete?(ctx: CompletionContext): string[];
  /** true when a successful run can change state (drives persistence: read-only commands are not written) */
  mutates?: boolean | ((args: string[]) => boolean);
}

export const OK: ExecResult = Object.freeze({ stdout: "", stderr: "", exitCode: 0 }) as ExecResult;
