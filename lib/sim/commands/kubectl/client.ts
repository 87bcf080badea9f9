/**
 * kubectl's REST client against the simulated apiserver: the session's authenticated user with
 * --as/--as-group/--as-uid, requests through the one request path, and kubectl's rendering of
 * error Statuses (staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go checkErr and
 * StandardErrorMessage; AddSourceToErr for `error when creating "f.yaml": ...`).
 */
import type { ApiRequest, ApiResponse } from "../../api/request";
import { ApiServer } from "../../api/server";
import { signingKeyFrom } from "../../api/token-request";
import { originOf } from "../../nodes/node-view";
import type { KObject, PatchType, Status, UserInfo } from "../../api/types";
import type { CommandContext, ExecResult } from "../../types";
import { flag, type ParsedArgs } from "./flags";
import { isResult, openSession, type Session } from "./session";

export interface Client {
  ctx: CommandContext;
  session: Session;
  api: ApiServer;
  user: UserInfo;
  /** -n, else the context's namespace, else "default" */
  namespace: string;
  /** -n was given (or the context names one) */
  namespaceExplicit: boolean;
  request(r: Omit<ApiRequest, "user" | "impersonate">): ApiResponse;
}

export function apiServer(ctx: CommandContext): ApiServer {
  const c = ctx.state.config;
  return new ApiServer(ctx.state, {
    now: ctx.now,
    random: () => ctx.random(),
    cluster: { serviceSubnet: c.serviceSubnet, podSubnet: c.podSubnet, dnsDomain: c.dnsDomain },
    // the apiserver's key is the control plane node's file, also when kubectl runs on another node
    serviceAccountKey: () => signingKeyFrom(originOf(ctx.state)?.fs ?? ctx.fs),
  });
}

export function openClient(ctx: CommandContext, args: ParsedArgs, discovery = true): Client | ExecResult {
  const s = openSession(ctx, args, discovery);
  if (isResult(s)) return s;
  const api = apiServer(ctx);
  const asUser = flag(args, "as");
  const asGroups = args.flags.get("as-group") ?? [];
  const asUid = flag(args, "as-uid");
  const impersonate = asUser || asGroups.length || asUid ? { user: asUser, groups: asGroups, uid: asUid } : undefined;
  return {
    ctx,
    session: s,
    api,
    user: s.conn.identity,
    namespace: s.namespace,
    namespaceExplicit: !!flag(args, "namespace") || s.conn.context.namespaceSet,
    request: (r) => api.request({ ...r, user: s.conn.identity, ...(impersonate ? { impersonate } : {}) }),
  };
}

/** A PATCH of an object the command read, at its kind's resource (`--dry-run=server`: `dryRun`). */
export function patchObject(
  c: Client,
  kind: { resource: { group: string; version: string; resource: string } },
  obj: KObject,
  patchType: PatchType,
  body: unknown,
  dryRun: boolean,
): ApiResponse {
  const r = kind.resource;
  return c.request({
    verb: "patch",
    group: r.group,
    version: r.version,
    resource: r.resource,
    namespace: obj.metadata.namespace,
    name: obj.metadata.name,
    patchType,
    body,
    ...(dryRun ? { dryRun: true } : {}),
  });
}

export function isFailure(r: ApiResponse): r is ApiResponse & { body: Status } {
  return r.body.kind === "Status" && (r.body as Status).status === "Failure";
}

/**
 * How kubectl prints an API error: Invalid as "The Kind "name" is invalid: ..." (one cause on the
 * line, several as "* " lines), anything else as "Error from server (Reason): message".
 */
export function statusText(s: Status, source?: { verb: string; file: string }): string {
  if (s.reason === "Invalid") {
    const d = s.details;
    // cmd/util/helpers.go checkErr: without details, the server's message follows
    if (!d) return s.message ? `The request is invalid: ${s.message}\n` : "The request is invalid\n";
    let head = "The request is invalid";
    if (d.kind || d.name) head = `The ${d.kind ?? ""} ${JSON.stringify(d.name ?? "")} is invalid`;
    else if (d.causes?.[0]?.field) head = `The request is invalid: ${d.causes[0].field}`;
    const causes = (d.causes ?? []).map((c) => `${c.field}: ${c.message}`);
    if (causes.length === 0) return `${head}: ${s.message ?? ""}\n`;
    if (causes.length === 1) return `${head}: ${causes[0]}\n`;
    return `${head}: \n${causes.map((c) => `* ${c}\n`).join("")}`;
  }
  if (s.reason === "Unauthorized") return `error: You must be logged in to the server (${s.message ?? ""})\n`;
  const message = source ? `error when ${source.verb} ${JSON.stringify(source.file)}: ${s.message ?? ""}` : (s.message ?? "");
  return s.reason ? `Error from server (${s.reason}): ${message}\n` : `Error from server: ${message}\n`;
}

/**
 * resource.Info.Get (staging/src/k8s.io/cli-runtime/pkg/resource/visitor.go): when the object is
 * NotFound in a namespace other than default, kubectl asks for the namespace and reports its
 * NotFound instead (`namespaces "held" not found`).
 */
export function getInfo(c: Client, r: Omit<ApiRequest, "user" | "impersonate" | "verb">): ApiResponse {
  const got = c.request({ ...r, verb: "get" });
  if (!isFailure(got) || got.body.reason !== "NotFound" || !r.namespace || r.namespace === "default") return got;
  const ns = c.request({ group: "", version: "v1", resource: "namespaces", name: r.namespace, verb: "get" });
  return isFailure(ns) && ns.body.reason === "NotFound" ? ns : got;
}

/** The resource builder's error when no resource is named (cli-runtime/pkg/resource/builder.go, missingResourceError). */
export const NO_RESOURCES = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'
`;

export function errResult(stderr: string, exitCode = 1): ExecResult {
  return { stdout: "", stderr, exitCode };
}
