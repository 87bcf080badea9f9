/**
 * A read-only view of a cluster for code outside the terminal (the course engine's task checks):
 * objects by kind, files, and "who does this kubeconfig authenticate as", computed by the same
 * code kubectl and the apiserver use. Nothing here can change the cluster: objects and files
 * come back as copies, and the state is never written.
 */
import { qualified } from "./api/meta";
import { storeFor } from "./api/store";
import type { KObject } from "./api/types";
import { connect } from "./commands/kubectl/connect";
import { loadKubeconfig } from "./commands/kubectl/kubeconfig";
import { resolvePath, Vfs } from "./fs/vfs";
import type { ClusterState, CommandContext } from "./types";

export type Authentication =
  | { ok: true; username: string; groups: string[] }
  | { ok: false; stage: "kubeconfig"; reason: string }
  | { ok: false; stage: "connection"; stderr: string };

export class ClusterQuery {
  private readonly state: ClusterState;
  private readonly fs: Vfs;

  /** `state` is copied: later changes to the cluster do not show, and nothing done here reaches it. */
  constructor(
    state: ClusterState,
    readonly now: number,
  ) {
    this.state = structuredClone(state);
    this.fs = new Vfs(this.state.fs, () => now, { random: () => 0 });
  }

  get(group: string, resource: string, namespace: string | undefined, name: string): KObject | undefined {
    const o = storeFor(this.state).get({ group, resource }, namespace, name);
    return o ? structuredClone(o) : undefined;
  }

  list(group: string, resource: string, namespace?: string): KObject[] {
    return storeFor(this.state)
      .list({ group, resource }, namespace)
      .map((o) => structuredClone(o));
  }

  /** "certificatesigningrequests.certificates.k8s.io" */
  static qualified(group: string, resource: string): string {
    return qualified({ group, resource });
  }

  readFile(path: string): { ok: true; text: string } | { ok: false; why: string } {
    const node = this.fs.stat(resolvePath("/", path));
    if (!node) return { ok: false, why: `${path} does not exist` };
    if (node.type !== "file") return { ok: false, why: `${path} is a directory, not a file` };
    return { ok: true, text: node.content };
  }

  /** What `kubectl --kubeconfig=PATH auth whoami` would authenticate as (TLS and client certificate checked at the cluster clock). */
  authenticate(kubeconfigPath: string): Authentication {
    const ctx: CommandContext = {
      state: this.state,
      fs: this.fs,
      resolve: (x) => resolvePath("/root", x, "/root"),
      args: [],
      stdin: "",
      env: { HOME: "/root" },
      now: this.now,
      keys: { take: () => Promise.reject(new Error("a query creates no keys")) },
      random: () => 0,
    };
    const file = loadKubeconfig(ctx, kubeconfigPath);
    if (file.error) return { ok: false, stage: "kubeconfig", reason: `is not a valid kubeconfig: ${file.error}` };
    const current = file.config["current-context"];
    if (!current)
      return { ok: false, stage: "kubeconfig", reason: "has no current-context, so kubectl does not know which cluster and user to use" };
    if (!file.config.contexts.some((c) => c.name === current))
      return { ok: false, stage: "kubeconfig", reason: `has current-context "${current}", but no context of that name` };
    const conn = connect(ctx, file, undefined, false);
    if (!conn.ok) return { ok: false, stage: "connection", stderr: conn.stderr };
    return { ok: true, username: conn.identity.username, groups: conn.identity.groups };
  }
}
