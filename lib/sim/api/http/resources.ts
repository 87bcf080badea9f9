/**
 * Resource requests over HTTP: the method, path and query become one ApiRequest of the request
 * path (lib/sim/api/request.ts), and its answer goes back as JSON or, when the client asked for
 * one, as a server-side Table (includeObject None, Metadata or Object), with limit/continue paging
 * for lists. pods/log is pod-log-route.ts. Subresources the request path does not implement
 * (exec, attach, portforward, proxy, eviction, binding, token, ...) get an honest Status after
 * authorization; exec, attach and port-forward say what to do instead.
 * Handler shape: staging/src/k8s.io/apiserver/pkg/endpoints/handlers (get.go, create.go,
 * update.go, patch.go, delete.go).
 */
import type { KindDef } from "../../kinds/types";
import { type ApiRequest, type ApiResponse } from "../request";
import type { ApiServer } from "../server";
import { forbiddenStatus, type Attributes } from "../authz";
import { badRequest, methodNotSupported, notFound } from "../status";
import { buildTable } from "../table";
import type { KList, KObject, PatchType, Status, Table, UserInfo } from "../types";
import { json, notAcceptable, pageNotFound, resourceMediaType, statusResponse } from "./negotiate";
import { decodeContinue, page } from "./paging";
import { deleteOptions, parseBody, parseQuery, type ResourceQuery } from "./query";
import type { Route } from "./routes";
import { header, headerAll, type HttpRequest, type HttpResult } from "./types";
import { servePodLog } from "./pod-log-route";
import { startWatch } from "./watch";

export type ResourceRoute = Extract<Route, { kind: "resource" }>;

/** The subresources the request path serves itself (get returns the object; update/patch write the part). */
const SERVED_SUBRESOURCES = new Set(["status", "approval", "finalize", "eviction", "token"]);
/** The kinds whose /scale the request path serves (api/request.ts scaleOf); a custom resource's is not served. */
const SCALED = new Set(["Deployment", "ReplicaSet", "StatefulSet", "ReplicationController"]);

const PATCH_TYPES: Record<string, PatchType> = {
  "application/json-patch+json": "json",
  "application/merge-patch+json": "merge",
  "application/strategic-merge-patch+json": "strategic",
  "application/apply-patch+yaml": "apply",
};

/** --as, --as-group, --as-uid arrive as Impersonate-* headers (transport.NewImpersonatingRoundTripper). */
export function impersonation(req: HttpRequest): ApiRequest["impersonate"] {
  const user = header(req, "impersonate-user");
  const groups = headerAll(req, "impersonate-group");
  const uid = header(req, "impersonate-uid");
  return user || groups.length || uid ? { ...(user ? { user } : {}), groups, ...(uid ? { uid } : {}) } : undefined;
}

const isFailure = (r: ApiResponse): r is ApiResponse & { body: Status } =>
  r.body.kind === "Status" && (r.body as Status).status === "Failure";

function respond(r: ApiResponse): HttpResult {
  return isFailure(r) ? statusResponse(r.body) : json(r.code, r.body);
}

/** HTTP verb of a subresource request, as the apiserver's RequestInfoFactory names it. */
function subresourceVerb(method: string): string {
  switch (method) {
    case "GET":
      return "get";
    case "POST":
      return "create";
    case "PUT":
      return "update";
    case "PATCH":
      return "patch";
    case "DELETE":
      return "delete";
    default:
      return method.toLowerCase();
  }
}

/**
 * The pods' streaming subresources that need a connection upgrade (SPDY or WebSocket) to a
 * container, with what to do instead; kubectl prints them after "Error from server
 * (ServiceUnavailable): " (exec, attach) or "error: error upgrading connection: " (port-forward).
 */
const POD_STREAMS: Record<string, string> = {
  exec: "kubectl exec is not served through this API: run it in Kubeyard's browser terminal, where it works on this same cluster",
  attach:
    "kubectl attach is not served through this API, and this practice cluster's containers have no console to attach to: follow a container's output with kubectl logs -f",
  portforward:
    "kubectl port-forward is not served through this API: run it in Kubeyard's browser terminal, where it works on this same cluster (kubectl port-forward svc/NAME 8080:80 &, then curl localhost:8080)",
};

/** A subresource this practice cluster does not serve over HTTP. */
function unavailable(api: ApiServer, def: KindDef, rt: ResourceRoute, req: HttpRequest, user: UserInfo): HttpResult {
  const gr = { group: def.resource.group, resource: def.resource.resource };
  const sub = rt.subresource ?? "";
  if (!(def.resource.subresources ?? []).some((s) => s.name === sub)) return statusResponse(notFound(gr, rt.name ?? ""));
  const attrs: Attributes = {
    user,
    verb: subresourceVerb(req.method),
    resourceRequest: true,
    group: gr.group,
    resource: gr.resource,
    subresource: sub,
    ...(rt.namespace ? { namespace: rt.namespace } : {}),
    ...(rt.name ? { name: rt.name } : {}),
  };
  const d = api.authorizer.authorize(attrs);
  if (!d.allowed) return statusResponse(forbiddenStatus(attrs, d.reason));
  if (rt.name !== undefined && !api.store.get(gr, def.resource.namespaced ? rt.namespace : undefined, rt.name))
    return statusResponse(notFound(gr, rt.name));
  return statusResponse({
    apiVersion: "v1",
    kind: "Status",
    metadata: {},
    status: "Failure",
    message:
      (gr.resource === "pods" ? POD_STREAMS[sub] : undefined) ??
      `the server is currently unable to handle the request: ${gr.resource}/${sub} is not available in this practice cluster`,
    reason: "ServiceUnavailable",
    details: { ...(rt.name ? { name: rt.name } : {}), ...(gr.group ? { group: gr.group } : {}), kind: gr.resource },
    code: 503,
  });
}

function tableOf(
  api: ApiServer,
  def: KindDef,
  objects: KObject[],
  rv: string,
  include: ResourceQuery["includeObject"],
  version: "v1" | "v1beta1",
): Table {
  const t = buildTable(def, [], { now: api.now }, rv);
  for (const o of objects) {
    for (const row of buildTable(def, [o], { now: api.now }, rv).rows) {
      if (include === "None") delete row.object;
      else if (include === "Object") row.object = structuredClone(o) as unknown as NonNullable<typeof row.object>;
      t.rows.push(row);
    }
  }
  return version === "v1" ? t : ({ ...t, apiVersion: "meta.k8s.io/v1beta1" } as unknown as Table);
}

function tableResponse(t: Table): HttpResult {
  return json(200, t, `application/json;as=Table;v=${t.apiVersion.split("/")[1]};g=meta.k8s.io`);
}

export function serveResource(apiNow: () => ApiServer, rt: ResourceRoute, req: HttpRequest, user: UserInfo): HttpResult {
  const api = apiNow();
  const def = api.kindFor(rt.group, rt.resource);
  if (!def || def.resource.version !== rt.version) return pageNotFound();
  if (rt.group === "" && rt.resource === "pods" && rt.subresource === "log" && rt.namespace && rt.name && req.method === "GET")
    return servePodLog(apiNow, rt.namespace, rt.name, req, user, impersonation(req));
  const q = parseQuery(req.query);
  if ("kind" in q) return statusResponse(q);
  const media = resourceMediaType(header(req, "accept"));
  if (!media) return notAcceptable(header(req, "accept") ?? "");
  if (rt.subresource && !SERVED_SUBRESOURCES.has(rt.subresource) && !(rt.subresource === "scale" && SCALED.has(def.resource.kind)))
    return unavailable(api, def, rt, req, user);
  const gr = { group: def.resource.group, resource: def.resource.resource };
  const base = {
    group: rt.group,
    version: rt.version,
    resource: rt.resource,
    ...(rt.namespace !== undefined ? { namespace: rt.namespace } : {}),
    ...(rt.name !== undefined ? { name: rt.name } : {}),
    ...(rt.subresource ? { subresource: rt.subresource } : {}),
    user,
    ...(impersonation(req) ? { impersonate: impersonation(req) } : {}),
    ...(q.fieldManager ? { fieldManager: q.fieldManager } : {}),
  };
  const body = parseBody(req.body, header(req, "content-type"));
  if ("kind" in body) return statusResponse(body);
  switch (req.method) {
    case "GET": {
      if (q.watch)
        return startWatch(
          apiNow,
          def,
          { ...base, verb: "watch", labelSelector: q.labelSelector, fieldSelector: q.fieldSelector },
          q,
          media,
        );
      if (rt.name !== undefined) {
        const r = api.request({ ...base, verb: "get" });
        if (isFailure(r) || !media.table) return respond(r);
        return tableResponse(
          tableOf(api, def, [r.body as KObject], (r.body as KObject).metadata.resourceVersion, q.includeObject, media.version),
        );
      }
      const r = api.request({ ...base, verb: "list", labelSelector: q.labelSelector, fieldSelector: q.fieldSelector });
      if (isFailure(r)) return respond(r);
      const list = r.body as KList;
      let items = list.items;
      let meta: KList["metadata"] = { resourceVersion: list.metadata.resourceVersion };
      if (q.limit !== undefined || q.continueToken) {
        const from = q.continueToken ? decodeContinue(q.continueToken) : { after: "" };
        if ("kind" in from) return statusResponse(from);
        const p = page(items, from.after, q.limit, list.metadata.resourceVersion);
        items = p.items;
        meta = { ...meta, ...p.meta };
      }
      if (media.table) {
        const t = tableOf(api, def, items, meta.resourceVersion, q.includeObject, media.version);
        t.metadata = meta;
        return tableResponse(t);
      }
      return json(200, { ...list, metadata: meta, items });
    }
    case "POST":
      // a named POST is a create of a subresource (pods/{name}/eviction), else not allowed
      if (rt.name !== undefined && !rt.subresource) return statusResponse(methodNotSupported(gr, "create"));
      return respond(api.request({ ...base, verb: "create", body: body.value, dryRun: q.dryRun }));
    case "PUT":
      if (rt.name === undefined) return statusResponse(methodNotSupported(gr, "update"));
      return respond(api.request({ ...base, verb: "update", body: body.value, dryRun: q.dryRun }));
    case "PATCH": {
      if (rt.name === undefined) return statusResponse(methodNotSupported(gr, "patch"));
      const ct = (header(req, "content-type") ?? "").split(";")[0].trim().toLowerCase();
      const patchType = PATCH_TYPES[ct];
      if (!patchType) {
        return statusResponse({
          ...badRequest(
            `the body of the request was in an unknown format - accepted media types include: ${Object.keys(PATCH_TYPES).join(", ")}`,
          ),
          code: 415,
          reason: "UnsupportedMediaType",
        });
      }
      return respond(api.request({ ...base, verb: "patch", patchType, body: body.value, dryRun: q.dryRun }));
    }
    case "DELETE": {
      const o = deleteOptions(body.value, q);
      if ("kind" in o) return statusResponse(o);
      const opts = {
        ...(o.propagationPolicy ? { propagationPolicy: o.propagationPolicy } : {}),
        ...(o.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: o.gracePeriodSeconds } : {}),
        ...(o.preconditions ? { preconditions: o.preconditions } : {}),
        dryRun: o.dryRun,
      };
      if (rt.name !== undefined) return respond(api.request({ ...base, verb: "delete", ...opts }));
      return respond(
        api.request({ ...base, verb: "deletecollection", labelSelector: q.labelSelector, fieldSelector: q.fieldSelector, ...opts }),
      );
    }
    default:
      return statusResponse(methodNotSupported(gr, req.method.toLowerCase()));
  }
}
