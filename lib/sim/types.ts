/**
 * The contract of the simulated cluster. Everything under lib/sim is plain TypeScript:
 * no import from next/*, react, @prisma/*, ws or any DOM API (see lib/sim/tsconfig.json and
 * lib/sim/purity.test.ts). Node built-ins that are pure computation (node:crypto) are allowed.
 *
 * Determinism: given the same Clock readings, the same seed and the same KeySource answers,
 * a cluster produces the same state and the same output (signature bytes of ECDSA keys aside,
 * which WebCrypto randomises; RSA PKCS#1 v1.5 signatures are deterministic).
 */

import type { KObject } from "./api/types";
import type { Vfs } from "./fs/vfs";
import type { ShellExtras } from "./shell/state";
import type { EditorProgram, EditorState } from "./editor/session";
import type { Timeline } from "./time/timeline";
import type { HostState } from "./nodes/hosts";

/** Wall-clock source, epoch milliseconds. The cluster clock is `clock.now() + state.clockOffsetMs`. */
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
  /**
   * Optional: the command asks for the terminal, to run a full-screen editor after the line.
   * Honoured only for the last simple command of an interactive line, outside pipelines,
   * subshells, substitutions, functions and compound commands (shell/interpreter.ts); elsewhere
   * stdout, stderr and exitCode above are what the command did (an editor: an error message).
   */
  editor?: EditorLaunch;
  /** Optional: as `editor`, for a foreground program that runs over the cluster clock until it ends or Ctrl-C (programs/README.md). */
  program?: ProgramLaunch;
}

/** A full-screen editor the shell hands the terminal to (lib/sim/editor/README.md, section 3.3). */
export interface EditorLaunch {
  program: EditorProgram;
  /** the file argument as the shell expanded it, or null */
  file: string | null;
  startLine?: number;
  /** what runs when the editor exits: null for a plain editor, or a named, serialisable resume */
  resume: { handler: "kubectl-edit"; data: unknown } | null;
}

/** An open editor, kept in the cluster state so a reload or a server restart finds it as it was. */
export interface OpenEditor {
  state: EditorState;
  launch: EditorLaunch;
}

/** The foreground programs (lib/sim/programs/registry.ts). */
export type ProgramName =
  | "sleep"
  | "watch"
  | "kubectl-get-watch"
  | "kubectl-logs-follow"
  | "kubectl-wait"
  | "kubectl-rollout-status"
  | "kubectl-run-attach"
  | "kubectl-port-forward"
  | "kubectl-events-watch";

/** A foreground program the shell hands the terminal to: its name and its own serialisable start data. */
export interface ProgramLaunch {
  program: ProgramName;
  data: unknown;
}

/** A node of the virtual filesystem. Paths are absolute and normalised ("/etc/kubernetes/pki/ca.crt"). */
export type FsNode = { type: "file"; content: string; mode: number; mtime: number } | { type: "dir"; mode: number; mtime: number };

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

/** The inputs of cluster/bootstrap's deterministic generator. */
export interface BaselineSpec {
  /** the generator's version (bumped when its output changes; see docs/decisions.md) */
  version: number;
  /** seed of the generator's own PRNG */
  seed: number;
  /** the CA certificates the objects embed (kube-root-ca.crt, cluster-info, extension-apiserver-authentication) */
  caPem: string;
  frontProxyCaPem: string;
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
  /** the cluster-wide resourceVersion (etcd's revision): bumped by every write to an API object */
  resourceVersion: number;
  fs: Record<string, FsNode>;
  /** the root shell; ShellExtras (arrays, functions, aliases, options) are the shell's own, all optional */
  shell: {
    cwd: string;
    env: Record<string, string>;
    history: string[];
    lastExitCode: number;
  } & ShellExtras;
  /**
   * How the fresh cluster's objects were made: they are regenerated from this (with config and
   * createdAt) when a saved state is loaded, so a saved state stores only the objects that differ
   * (core/pack.ts). Absent for states migrated from version 1.
   */
  baseline?: BaselineSpec;
  /**
   * Every API object, as the apiserver returns it, keyed "group/resource/namespace/name"
   * (lib/sim/api/store.ts). Read and written only through the store and the request path.
   */
  objects: Record<string, KObject>;
  /** the full-screen editor holding the terminal, if one is open (absent: none) */
  editor?: OpenEditor;
  /** the controllers' timed event queue (time/timeline.ts); absent until something was scheduled */
  timeline?: Timeline;
  /** container log lines not derived from the container's program (kubelet/stored-logs.ts), by "podUid/container"; absent until one was written */
  containerLogs?: Record<string, StoredLogLine[]>;
  /** the workers' changed files and each node's kubelet as the control plane saw it (nodes/hosts.ts); absent until one changed */
  hosts?: Record<string, HostState>;
  /**
   * Files in the nodes' hostPath and local-path directories that pods wrote through their volume
   * mounts (controllers/persistentvolume/volume-data.ts): node → absolute host path → content;
   * absent until a pod wrote one.
   */
  nodeVolumes?: Record<string, Record<string, string>>;
}

/** A stored container log line: when it was written (epoch ms, cluster clock) and its text. */
export interface StoredLogLine {
  at: number;
  text: string;
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
  /**
   * true when a run may change API objects outside a store transaction of its own: the interpreter
   * then snapshots state.objects to roll them back if the command throws. (Which objects changed is
   * journaled by the store; see core/sim-engine.ts.)
   */
  mutates?: boolean | ((args: string[]) => boolean);
}

export const OK: ExecResult = Object.freeze({ stdout: "", stderr: "", exitCode: 0 });
