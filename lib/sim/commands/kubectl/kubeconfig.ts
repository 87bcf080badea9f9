/**
 * Which kubeconfig a kubectl run uses (--kubeconfig, then $KUBECONFIG, then ~/.kube/config),
 * its parsed form (cached by content: the YAML of an unchanged file is parsed once), and the
 * resolved current context.
 */
import { parse } from "yaml";
import { toYaml } from "../../printers/yaml";
import type { CommandContext } from "../../types";
import { dirname } from "../../fs/vfs";

export interface NamedCluster {
  name: string;
  cluster: Record<string, unknown>;
}
export interface NamedUser {
  name: string;
  user: Record<string, unknown>;
}
export interface NamedContext {
  name: string;
  context: Record<string, unknown>;
}

export interface Kubeconfig {
  apiVersion?: string;
  kind?: string;
  clusters: NamedCluster[];
  users: NamedUser[];
  contexts: NamedContext[];
  "current-context": string;
  preferences: Record<string, unknown>;
}

export interface KubeconfigFile {
  path: string;
  exists: boolean;
  config: Kubeconfig;
  /** parse error text, when the file is not valid YAML */
  error?: string;
}

const parsed = new Map<string, { config: Kubeconfig; error?: string }>();

export function emptyKubeconfig(): Kubeconfig {
  return { apiVersion: "v1", kind: "Config", clusters: [], users: [], contexts: [], "current-context": "", preferences: {} };
}

/** Parses kubeconfig text; the result is shared, so callers must clone before mutating. */
export function parseKubeconfig(text: string): { config: Kubeconfig; error?: string } {
  const hit = parsed.get(text);
  if (hit) return hit;
  let result: { config: Kubeconfig; error?: string };
  try {
    const raw = (parse(text) ?? {}) as Record<string, unknown>;
    const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v.filter((x) => x && typeof x === "object") as T[]) : []);
    result = {
      config: {
        ...emptyKubeconfig(),
        ...(typeof raw.apiVersion === "string" ? { apiVersion: raw.apiVersion } : {}),
        ...(typeof raw.kind === "string" ? { kind: raw.kind } : {}),
        clusters: list<NamedCluster>(raw.clusters).map((c) => ({ name: String(c.name ?? ""), cluster: { ...(c.cluster ?? {}) } })),
        users: list<NamedUser>(raw.users).map((u) => ({ name: String(u.name ?? ""), user: { ...(u.user ?? {}) } })),
        contexts: list<NamedContext>(raw.contexts).map((c) => ({ name: String(c.name ?? ""), context: { ...(c.context ?? {}) } })),
        "current-context": typeof raw["current-context"] === "string" ? raw["current-context"] : "",
        preferences: (raw.preferences as Record<string, unknown>) ?? {},
      },
    };
  } catch (e) {
    result = { config: emptyKubeconfig(), error: (e as Error).message.split("\n")[0] };
  }
  if (parsed.size > 500) parsed.clear();
  parsed.set(text, result);
  return result;
}

export function kubeconfigPath(ctx: CommandContext, flag: string | undefined): string {
  if (flag) return ctx.resolve(flag);
  const env = ctx.env.KUBECONFIG;
  if (env) {
    const parts = env
      .split(":")
      .filter(Boolean)
      .map((p) => ctx.resolve(p));
    return parts.find((p) => ctx.fs.stat(p)?.type === "file") ?? parts[0];
  }
  return ctx.resolve(`${ctx.env.HOME || "/root"}/.kube/config`);
}

export function loadKubeconfig(ctx: CommandContext, flag: string | undefined): KubeconfigFile {
  const path = kubeconfigPath(ctx, flag);
  const r = ctx.fs.readFile(path);
  if (!r.ok) return { path, exists: false, config: emptyKubeconfig() };
  const p = parseKubeconfig(r.value);
  return { path, exists: true, config: p.config, error: p.error };
}

/** Writes the kubeconfig back the way clientcmd does (fixed key order, apiVersion first). */
export function saveKubeconfig(ctx: CommandContext, file: KubeconfigFile): string | undefined {
  const c = file.config;
  const sortByName = <T extends { name: string }>(l: T[]) => [...l].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const doc = {
    apiVersion: "v1",
    clusters: c.clusters.length ? sortByName(c.clusters).map((x) => ({ cluster: x.cluster, name: x.name })) : null,
    contexts: c.contexts.length ? sortByName(c.contexts).map((x) => ({ context: x.context, name: x.name })) : null,
    "current-context": c["current-context"],
    kind: "Config",
    preferences: c.preferences ?? {},
    users: c.users.length ? sortByName(c.users).map((x) => ({ name: x.name, user: x.user })) : null,
  };
  const text = toYaml(doc);
  const dir = dirname(file.path);
  if (!ctx.fs.exists(dir)) ctx.fs.mkdir(dir, true);
  const w = ctx.fs.writeFile(file.path, text, 0o600);
  return w.ok ? undefined : `error: open ${file.path}: ${w.error === "ENOENT" ? "no such file or directory" : "permission denied"}`;
}

export interface ResolvedContext {
  contextName: string;
  clusterName: string;
  userName: string;
  namespace: string;
  /** the context names its namespace (kubectl then enforces it on manifests) */
  namespaceSet: boolean;
  cluster?: Record<string, unknown>;
  user?: Record<string, unknown>;
  /** directory relative file paths resolve against */
  baseDir: string;
}

export function resolveContext(file: KubeconfigFile, overrideContext?: string): ResolvedContext {
  const c = file.config;
  const name = overrideContext || c["current-context"];
  const ctx = c.contexts.find((x) => x.name === name)?.context ?? {};
  const clusterName = typeof ctx.cluster === "string" ? ctx.cluster : "";
  const userName = typeof ctx.user === "string" ? ctx.user : "";
  return {
    contextName: name,
    clusterName,
    userName,
    namespace: (typeof ctx.namespace === "string" && ctx.namespace) || "default",
    namespaceSet: typeof ctx.namespace === "string" && ctx.namespace !== "",
    cluster: c.clusters.find((x) => x.name === clusterName)?.cluster,
    user: c.users.find((x) => x.name === userName)?.user,
    baseDir: dirname(file.path),
  };
}
