/**
 * What the shell keeps between command lines beyond cwd, variables and history: arrays,
 * functions, aliases, options, positional parameters and which variables are not exported.
 * Every field is optional so that states saved before the shell grew these fields still load
 * (a state without `started` gets ~/.bashrc sourced on its next line, as a new shell would).
 */
import type { FsNode } from "../types";

/** An indexed (`a=(x y)`) or associative (`declare -A m`) array; keys in ascending order for indexed ones. */
export interface ShellArray {
  assoc?: boolean;
  items: Record<string, string>;
}

export type ShellOption = "errexit" | "xtrace" | "nounset" | "pipefail" | "noglob" | "noclobber";
export const SHELL_OPTIONS: readonly ShellOption[] = ["errexit", "xtrace", "nounset", "pipefail", "noglob", "noclobber"];

export interface ShellExtras {
  /** names of shell variables in `env` that are not exported (`x=1` without `export`) */
  unexported?: string[];
  arrays?: Record<string, ShellArray>;
  /** function name → its definition as written (`f () { ...; }`), parsed again when called */
  functions?: Record<string, string>;
  aliases?: Record<string, string>;
  /** `complete` specifications by command name, as `complete -p` prints them between `complete` and the name */
  completions?: Record<string, string>;
  /** `set -e`, `set -x`, ... in effect */
  options?: ShellOption[];
  /** `$1 $2 ...` of the interactive shell (`set -- a b`) */
  positional?: string[];
  /** the shell has read ~/.bashrc */
  started?: boolean;
  /** a container's shell holds the terminal (kubectl exec -it, kubectl run -it): lines go there until it exits */
  attached?: AttachedShell;
  /** `cmd &` jobs not yet reported: the job table of `jobs` and of the `Done` lines */
  jobs?: BackgroundJob[];
  /** the statuses of background processes already reported, newest last, for `wait PID` (jobs.ts) */
  exited?: { pid: number; code: number }[];
  /** the last process id handed out: a new background job takes the next (ids never repeat in a session) */
  lastPid?: number;
  /** `$!`: the process id of the last background job of this shell */
  lastBackgroundPid?: number;
  /** a login shell on a node over ssh (nodes/ssh-session.ts): lines go there until it exits */
  ssh?: NodeSession;
}

/**
 * A background job. It ran when it was started (nothing runs concurrently here); `endsAt` is when
 * it ends on the cluster clock (its `sleep`s), so that `jobs` shows it Running until then and the
 * first prompt after that reports it Done, as bash does.
 */
export interface BackgroundJob {
  /** the job number, [n] */
  n: number;
  /** its process id (`$!`, jobs -l); absent in states saved before jobs had one */
  pid?: number;
  /** the command as bash prints it */
  text: string;
  code: number;
  /** cluster-clock ms */
  endsAt: number;
  /** a background `kubectl port-forward`: the listeners it holds until the job ends (commands/net/forwards.ts) */
  forward?: PortForward;
}

/** What a running `kubectl port-forward` listens on and where it forwards to. */
export interface PortForward {
  namespace: string;
  pod: string;
  /** the pod instance: a new pod of the same name is not this forward's */
  uid: string;
  /** the listen addresses (client-go's parseAddresses: localhost is 127.0.0.1 and ::1) */
  addresses: string[];
  ports: { local: number; remote: number }[];
}

function forwardValid(f: unknown): boolean {
  return (
    isObj(f) &&
    typeof f.namespace === "string" &&
    typeof f.pod === "string" &&
    typeof f.uid === "string" &&
    isStrArray(f.addresses) &&
    Array.isArray(f.ports) &&
    f.ports.every((p) => isObj(p) && typeof p.local === "number" && typeof p.remote === "number")
  );
}

/** A shell on a node reached with `ssh` (nodes/ssh-session.ts): the node's name and that shell's own state. */
export interface NodeSession {
  host: string;
  /** the session this one was opened from (ssh from a node to another); exit returns there */
  parent?: NodeSession;
  shell: { cwd: string; env: Record<string, string>; history: string[]; lastExitCode: number } & Omit<ShellExtras, "attached" | "ssh">;
}

/**
 * A shell in a container that the terminal is attached to (commands/kubectl/exec-session.ts). The
 * container's files are rebuilt from its pod on each line (kubelet/rootfs.ts); `layer` keeps what
 * this session wrote over them, as the container's writable layer would.
 */
export interface AttachedShell {
  namespace: string;
  pod: string;
  uid: string;
  container: string;
  /** the container instance the session runs in: a restart ends the session */
  containerID: string;
  /** exec: a process started by kubectl exec -it; run: the container's own process (kubectl run -it) */
  via: "exec" | "run";
  /** the prompt's style: bash (user@host:cwd#), ash (busybox and alpine: "cwd # "), dash ("# ") */
  style: "bash" | "ash" | "dash";
  /** kubectl run --rm: delete the pod when the session ends */
  rm?: boolean;
  /** kubectl run -q */
  quiet?: boolean;
  cwd: string;
  env: Record<string, string>;
  lastExitCode: number;
  /** files this session wrote (null: removed), by absolute path */
  layer: Record<string, FsNode | null>;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isStrRecord = (v: unknown) => isObj(v) && Object.values(v).every((x) => typeof x === "string");
const isStrArray = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === "string");

/** The first malformed field of a saved shell, or undefined when every present field is well-formed. */
export function shellExtrasProblem(sh: Record<string, unknown>): string | undefined {
  if (sh.unexported !== undefined && !isStrArray(sh.unexported)) return "shell.unexported";
  if (
    sh.arrays !== undefined &&
    !(
      isObj(sh.arrays) &&
      Object.values(sh.arrays).every((a) => isObj(a) && isStrRecord(a.items) && (a.assoc === undefined || typeof a.assoc === "boolean"))
    )
  )
    return "shell.arrays";
  if (sh.functions !== undefined && !isStrRecord(sh.functions)) return "shell.functions";
  if (sh.aliases !== undefined && !isStrRecord(sh.aliases)) return "shell.aliases";
  if (sh.completions !== undefined && !isStrRecord(sh.completions)) return "shell.completions";
  if (
    sh.options !== undefined &&
    !(Array.isArray(sh.options) && sh.options.every((o) => (SHELL_OPTIONS as readonly unknown[]).includes(o)))
  )
    return "shell.options";
  if (sh.positional !== undefined && !isStrArray(sh.positional)) return "shell.positional";
  if (sh.started !== undefined && typeof sh.started !== "boolean") return "shell.started";
  if (sh.attached !== undefined && !attachedValid(sh.attached)) return "shell.attached";
  if (
    sh.jobs !== undefined &&
    !(
      Array.isArray(sh.jobs) &&
      sh.jobs.every(
        (j) =>
          isObj(j) &&
          typeof j.n === "number" &&
          (j.pid === undefined || typeof j.pid === "number") &&
          typeof j.text === "string" &&
          typeof j.code === "number" &&
          typeof j.endsAt === "number" &&
          (j.forward === undefined || forwardValid(j.forward)),
      )
    )
  )
    return "shell.jobs";
  if (
    sh.exited !== undefined &&
    !(Array.isArray(sh.exited) && sh.exited.every((x) => isObj(x) && typeof x.pid === "number" && typeof x.code === "number"))
  )
    return "shell.exited";
  if (sh.lastPid !== undefined && typeof sh.lastPid !== "number") return "shell.lastPid";
  if (sh.lastBackgroundPid !== undefined && typeof sh.lastBackgroundPid !== "number") return "shell.lastBackgroundPid";
  if (sh.ssh !== undefined && !sessionValid(sh.ssh)) return "shell.ssh";
  return undefined;
}

function sessionValid(s: unknown): boolean {
  if (!isObj(s) || typeof s.host !== "string" || !isObj(s.shell)) return false;
  const sh = s.shell;
  const base = typeof sh.cwd === "string" && isStrRecord(sh.env) && isStrArray(sh.history) && typeof sh.lastExitCode === "number";
  return (
    base &&
    sh.attached === undefined &&
    sh.ssh === undefined &&
    shellExtrasProblem(sh) === undefined &&
    (s.parent === undefined || sessionValid(s.parent))
  );
}

function attachedValid(a: unknown): boolean {
  if (!isObj(a)) return false;
  const strings = ["namespace", "pod", "uid", "container", "containerID", "cwd"].every((k) => typeof a[k] === "string");
  return (
    strings &&
    (a.via === "exec" || a.via === "run") &&
    (a.style === "bash" || a.style === "ash" || a.style === "dash") &&
    isStrRecord(a.env) &&
    typeof a.lastExitCode === "number" &&
    isObj(a.layer) &&
    Object.values(a.layer).every((n) => n === null || (isObj(n) && (n.type === "file" ? typeof n.content === "string" : n.type === "dir")))
  );
}
