/**
 * A read-only view of a cluster for code outside the terminal (the course engine's task checks):
 * objects by kind, files, and "who does this kubeconfig authenticate as", computed by the same
 * code kubectl and the apiserver use. Nothing here can change the cluster: objects and files
 * come back as copies, and the state is never written.
 */
import type { Decision } from "./api/authz";
import { qualified } from "./api/meta";
import { storeFor } from "./api/store";
import type { KObject, UserInfo } from "./api/types";
import { apiServer } from "./commands/kubectl/client";
import { connect } from "./commands/kubectl/connect";
import { loadKubeconfig } from "./commands/kubectl/kubeconfig";
import { resolveResource } from "./commands/kubectl/resources";
import { apiserverDownReason } from "./kubelet/apiserver-health";
import { settle } from "./controllers";
import { nextRandom } from "./core/rng";
import { resolvePath, Vfs } from "./fs/vfs";
import type { ClusterState, CommandContext } from "./types";

/** A resource as kubectl resolves what a user typed ("deploy", "rolebinding", "deployments.apps"). */
export interface ResolvedResource {
  group: string;
  resource: string;
  kind: string;
  namespaced: boolean;
}

/** Who asks, for `canI`: groups as given; the apiserver's implied groups are added. */
export interface Asker {
  username: string;
  groups?: string[];
}

export interface CanIRequest {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

const SERVICE_ACCOUNT = /^system:serviceaccount:([^:]+):([^:]+)$/;

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

  /**
   * A copy of the cluster with its controllers, kubelet and scheduler run up to `now`, as the
   * next kubectl command would see it. The learner's cluster itself is not touched.
   */
  static async settled(state: ClusterState, now: number): Promise<ClusterQuery> {
    const q = new ClusterQuery(state, now);
    await settle(q.context());
    return q;
  }

  /** Why kubectl on the node would find nothing listening on the apiserver's port; undefined when it serves. */
  apiserverDown(): string | undefined {
    return apiserverDownReason(this.state);
  }

  /** The resource kubectl would use for what a user typed; undefined when kubectl would not know it. */
  resolve(typed: string): ResolvedResource | undefined {
    const def = resolveResource(apiServer(this.context()), typed);
    if (!def) return undefined;
    const r = def.resource;
    return { group: r.group, resource: r.resource, kind: r.kind, namespaced: r.namespaced };
  }

  /**
   * The cluster's authorizer's answer (system:masters, then RBAC), for `who` with the groups the
   * apiserver adds: system:authenticated, and a service account's two groups (as impersonation and
   * token authentication add them).
   */
  canI(who: Asker, req: CanIRequest): Decision {
    const groups = [...(who.groups ?? [])];
    const sa = SERVICE_ACCOUNT.exec(who.username);
    if (sa) groups.push("system:serviceaccounts", `system:serviceaccounts:${sa[1]}`);
    if (who.username !== "system:anonymous" && !groups.includes("system:authenticated")) groups.push("system:authenticated");
    const user: UserInfo = { username: who.username, groups };
    return apiServer(this.context()).authorizer.authorize({
      user,
      verb: req.verb,
      resourceRequest: true,
      group: req.group,
      resource: req.resource,
      ...(req.subresource ? { subresource: req.subresource } : {}),
      ...(req.namespace ? { namespace: req.namespace } : {}),
      ...(req.name ? { name: req.name } : {}),
    });
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
    const ctx = this.context();
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

  /** A command context over the copy: root in /root, the copy's own random stream, no new keys. */
  private context(): CommandContext {
    return {
      state: this.state,
      fs: this.fs,
      resolve: (x) => resolvePath("/root", x, "/root"),
      args: [],
      stdin: "",
      env: { HOME: "/root" },
      now: this.now,
      keys: { take: () => Promise.reject(new Error("a query creates no keys")) },
      random: () => nextRandom(this.state.rng),
    };
  }
}
