/**
 * Whether a node's kubelet runs and reaches the apiserver, read from that node's files: its
 * systemd unit's run state (commands/systemctl/units.ts), /var/lib/kubelet/config.yaml, the
 * client CA it names and /etc/kubernetes/kubelet.conf. The start-up errors are the kubelet's own,
 * in the order it meets them (cmd/kubelet/app/server.go, v1.32):
 *
 * 1. NewKubeletCommand RunE → loadConfigFile: "failed to load kubelet config file, path: P, error: E"
 *    where E is server.go's "failed to load Kubelet config file P, error %w" around
 *    pkg/kubelet/kubeletconfig/configfiles/configfiles.go Load ("failed to read kubelet config file
 *    %q, error: %v", "kubelet config file %q was empty") or the decoder's error.
 * 2. UnsecuredDependencies → InitializeTLS: "failed to construct kubelet dependencies: unable to
 *    load client CA file %s: %w" (certutil.NewPool's open error).
 * 3. Run → buildKubeletClientConfig → bootstrap.LoadClientConfig: a kubelet.conf that is missing or
 *    not a valid client config falls back to the bootstrap kubeconfig, which `kubeadm join` removed:
 *    "failed to run Kubelet: unable to load bootstrap kubeconfig: stat
 *    /etc/kubernetes/bootstrap-kubelet.conf: no such file or directory".
 *
 * component-base/cli/run.go logs the returned error as `"command failed" err="..."` (run.go:72 in
 * v1.32) and the process exits 1; systemd restarts it RestartSec=10 later (the unit file's
 * Restart=always). A kubelet.conf that parses but names a server nobody answers on lets the
 * kubelet run; it then cannot register, renew its lease or post status.
 */
import { parse } from "yaml";
import { parseUnit, unitStatePath, type UnitState } from "../commands/systemctl/units";
import type { ClusterState } from "../types";
import { isControlPlane, nodeFile, nodeFileMtime } from "./hosts";

export const CONFIG_YAML = "/var/lib/kubelet/config.yaml";
export const KUBELET_CONF = "/etc/kubernetes/kubelet.conf";
const BOOTSTRAP_CONF = "/etc/kubernetes/bootstrap-kubelet.conf";

/** systemd restarts the kubelet RestartSec=10 after it exits; a failing start exits about 60 ms after exec. */
export const RESTART_SEC_MS = 10_000;
export const FAILED_RUN_MS = 60;
export const RESTART_PERIOD_MS = RESTART_SEC_MS + FAILED_RUN_MS;

export interface KubeletHealth {
  unit: UnitState;
  /** the error each start exits with; undefined when the kubelet starts */
  startError?: string;
  /** the running kubelet's error reaching the apiserver (a wrong server in kubelet.conf) */
  apiError?: string;
  /** kubelet.conf's server URL */
  server?: string;
  /** when the files the start depends on last changed (a crash-looping kubelet starts at its next try after a fix) */
  configChangedAt: number;
}

type Reader = (path: string) => string | undefined;

interface ConfigFile {
  authentication?: { x509?: { clientCAFile?: unknown } };
}

/** The decoder's error for a file that is not YAML; "yaml: line N: ..." as sigs.k8s.io/yaml words it (the text after the line is the parser's). */
function decodeError(text: string): string | undefined {
  try {
    const doc: unknown = parse(text);
    if (doc === null || typeof doc !== "object" || Array.isArray(doc))
      return "failed to decode: Object 'Kind' is missing in '" + text.trim() + "'";
    return undefined;
  } catch (e) {
    const m = /at line (\d+)/.exec(String(e));
    const line = m ? Number(m[1]) : 1;
    return `failed to decode: yaml: line ${line}: could not find expected ':'`;
  }
}

/** Why the kubelet exits at start, or undefined. */
export function startErrorOf(read: Reader): string | undefined {
  const cfgText = read(CONFIG_YAML);
  const cfgFail = (e: string) =>
    `failed to load kubelet config file, path: ${CONFIG_YAML}, error: failed to load Kubelet config file ${CONFIG_YAML}, error ${e}`;
  if (cfgText === undefined)
    return cfgFail(`failed to read kubelet config file "${CONFIG_YAML}", error: open ${CONFIG_YAML}: no such file or directory`);
  if (cfgText === "") return cfgFail(`kubelet config file "${CONFIG_YAML}" was empty`);
  const bad = decodeError(cfgText);
  if (bad) return cfgFail(bad);
  const cfg = parse(cfgText) as ConfigFile;
  const ca = cfg.authentication?.x509?.clientCAFile;
  if (typeof ca === "string" && ca && read(ca) === undefined)
    return `failed to construct kubelet dependencies: unable to load client CA file ${ca}: open ${ca}: no such file or directory`;
  if (serverOf(read(KUBELET_CONF)) === undefined && read(BOOTSTRAP_CONF) === undefined)
    return `failed to run Kubelet: unable to load bootstrap kubeconfig: stat ${BOOTSTRAP_CONF}: no such file or directory`;
  return undefined;
}

interface Kubeconfig {
  "current-context"?: unknown;
  contexts?: { name?: unknown; context?: { cluster?: unknown } }[];
  clusters?: { name?: unknown; cluster?: { server?: unknown } }[];
  users?: unknown[];
}

/** The server of kubelet.conf's current context, or undefined when it is missing or not a usable client config. */
export function serverOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    const k = parse(text) as Kubeconfig | null;
    if (!k || typeof k !== "object" || !Array.isArray(k.clusters) || !Array.isArray(k.contexts)) return undefined;
    const ctx = k.contexts.find((c) => c?.name === k["current-context"]);
    const cluster = k.clusters.find((c) => c?.name === ctx?.context?.cluster);
    const server = cluster?.cluster?.server;
    return typeof server === "string" && /^https?:\/\/[^/]+/.test(server) ? server : undefined;
  } catch {
    return undefined;
  }
}

/** What dialling kubelet.conf's server gives: undefined when the apiserver answers there. */
export function dialError(state: ClusterState, read: Reader, server: string): string | undefined {
  const m = /^https?:\/\/(\[[^\]]+\]|[^:/]+)(?::(\d+))?/.exec(server);
  if (!m) return `dial tcp: address ${server}: missing port in address`;
  const host = m[1];
  const port = m[2] ?? (server.startsWith("https") ? "443" : "80");
  const cp = state.config.controlPlane;
  const fromHosts = (read("/etc/hosts") ?? "")
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .find((f) => f.slice(1).includes(host))?.[0];
  const ip = /^\d+\.\d+\.\d+\.\d+$/.test(host) ? host : host === "localhost" ? "127.0.0.1" : fromHosts;
  if (!ip) return `dial tcp: lookup ${host} on 127.0.0.53:53: no such host`;
  if (ip === cp.ip && port === "6443") return undefined;
  const known = ip === cp.ip || ip.startsWith("127.") || state.config.workers.some((w) => w.ip === ip);
  return known ? `dial tcp ${ip}:${port}: connect: connection refused` : `dial tcp ${ip}:${port}: i/o timeout`;
}

/**
 * The files and settings a node's health is computed from, in a fixed order. Unchanged files are
 * the same strings from one settle to the next, so comparing them costs next to nothing, while
 * computing the health parses two YAML files (~0.5-0.7 ms a node, measured): it runs before every
 * command, so it is remembered per cluster config and recomputed only when an input changed.
 */
function inputsOf(state: ClusterState, node: string, read: Reader): unknown[] {
  const files = [unitStatePath("kubelet.service"), CONFIG_YAML, KUBELET_CONF, BOOTSTRAP_CONF, "/etc/hosts"];
  return [state.createdAt, ...files.map(read), ...files.map((f) => nodeFileMtime(state, node, f))];
}

interface Remembered {
  inputs: unknown[];
  /** the client CA file config.yaml names, and its content then (its presence decides the start) */
  ca?: { path: string; content: string | undefined; mtime: number };
  health: KubeletHealth;
}
const remembered = new WeakMap<ClusterState["config"], Map<string, Remembered>>();

/** The node's kubelet now, from its files. */
export function kubeletHealth(state: ClusterState, node: string): KubeletHealth {
  const read: Reader = (p) => nodeFile(state, node, p);
  const inputs = inputsOf(state, node, read);
  const byNode = remembered.get(state.config) ?? new Map<string, Remembered>();
  remembered.set(state.config, byNode);
  const last = byNode.get(node);
  if (
    last &&
    last.inputs.length === inputs.length &&
    last.inputs.every((x, i) => x === inputs[i]) &&
    (!last.ca || (read(last.ca.path) === last.ca.content && nodeFileMtime(state, node, last.ca.path) === last.ca.mtime))
  )
    return last.health;
  const health = computeKubeletHealth(state, node, read);
  const caPath = clientCaPath(read);
  byNode.set(node, {
    inputs,
    ...(caPath ? { ca: { path: caPath, content: read(caPath), mtime: nodeFileMtime(state, node, caPath) } } : {}),
    health,
  });
  return health;
}

function clientCaPath(read: Reader): string | undefined {
  try {
    const c = parse(read(CONFIG_YAML) ?? "") as ConfigFile | null;
    const f = c?.authentication?.x509?.clientCAFile;
    return typeof f === "string" ? f : undefined;
  } catch {
    return undefined;
  }
}

function computeKubeletHealth(state: ClusterState, node: string, read: Reader): KubeletHealth {
  const unit = parseUnit(state.createdAt, "kubelet.service", read(unitStatePath("kubelet.service")));
  const startError = startErrorOf(read);
  const server = serverOf(read(KUBELET_CONF));
  const apiError = !startError && server ? dialError(state, read, server) : undefined;
  const ca = clientCaPath(read);
  const files = [CONFIG_YAML, KUBELET_CONF, "/etc/hosts", ...(ca ? [ca] : [])];
  const configChangedAt = Math.max(...files.map((f) => nodeFileMtime(state, node, f)));
  return { unit, ...(startError ? { startError } : {}), ...(apiError ? { apiError } : {}), ...(server ? { server } : {}), configChangedAt };
}

/** The start attempts of a crash-looping unit up to `until` (its start, then every RESTART_PERIOD_MS). */
export function attemptsUntil(since: number, until: number, max: number): number[] {
  if (until < since) return [];
  const n = Math.floor((until - since) / RESTART_PERIOD_MS);
  const out: number[] = [];
  for (let k = Math.max(0, n - max + 1); k <= n; k++) out.push(since + k * RESTART_PERIOD_MS);
  return out;
}

/** The first attempt at or after `t` (a crash loop picks up a fixed file at its next start). */
export function nextAttempt(since: number, t: number): number {
  if (t <= since) return since;
  return since + Math.ceil((t - since) / RESTART_PERIOD_MS) * RESTART_PERIOD_MS;
}

export { isControlPlane };
