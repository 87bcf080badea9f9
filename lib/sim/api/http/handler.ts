/**
 * The apiserver's HTTP handler chain, transport-free: authentication has happened in the
 * transport (401 here when the credentials did not verify); then, like the simulator's kubectl
 * around each command, the controllers settle, the request runs in a store transaction, and a
 * request that wrote lets the controllers settle again and tells the host to save.
 * Non-resource paths (discovery, /version, /openapi, health) are authorized as non-resource URLs
 * with verb "get", as the apiserver's RBAC sees them (system:discovery, system:public-info-viewer).
 */
import { forbiddenStatus, type Attributes } from "../authz";
import type { ApiServer } from "../server";
import { internalError } from "../status";
import type { Status, UserInfo } from "../types";
import { aggregatedContentType, aggregatedList, apiGroupDoc, apiGroupList, apiResourceList, apiVersions, groupVersions } from "./discovery";
import { header, isWatch, type ApiHost, type HttpRequest, type HttpResult } from "./types";
import { aggregatedDiscovery, encodeJsonBody, json, pageNotFound, rawJsonResponse, statusResponse } from "./negotiate";
import { groupVersionResponse, OPENAPI_V2_PROTOBUF, openapiGroupVersion, openapiIndex, openapiV2Document } from "./openapi";
import { serveResource } from "./resources";
import { isReview, serveReview } from "./reviews";
import { route, type Route } from "./routes";

const UNAUTHORIZED: Status = {
  apiVersion: "v1",
  kind: "Status",
  metadata: {},
  status: "Failure",
  message: "Unauthorized",
  reason: "Unauthorized",
  code: 401,
};

function text(status: number, body: string): HttpResult {
  return { status, headers: { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" }, body };
}

/** A non-resource GET, authorized by path. */
function nonResource(api: ApiServer, req: HttpRequest, user: UserInfo, serve: () => HttpResult): HttpResult {
  const verb = req.method === "GET" || req.method === "HEAD" ? "get" : req.method.toLowerCase();
  const attrs: Attributes = { user, verb, resourceRequest: false, group: "", resource: "", path: req.path };
  const d = api.authorizer.authorize(attrs);
  if (!d.allowed) return statusResponse(forbiddenStatus(attrs, d.reason));
  if (verb !== "get") return { status: 405, headers: { "content-type": "text/plain; charset=utf-8" }, body: "405: Method Not Allowed" };
  return serve();
}

function dispatch(host: ApiHost, r: Route, req: HttpRequest, user: UserInfo): HttpResult {
  const api = host.api();
  const kinds = api.kinds;
  const found = (doc: object | undefined) => (doc ? json(200, doc) : pageNotFound());
  switch (r.kind) {
    case "resource":
      if (isReview(r)) return serveReview(api, r, req, user);
      return serveResource(() => host.api(), r, req, user);
    case "root":
      // the index and /version are written with responsewriters.WriteRawJSON (pkg/server/routes/index.go, version.go)
      return nonResource(api, req, user, () =>
        rawJsonResponse(200, {
          paths: [
            "/api",
            "/api/v1",
            "/apis",
            ...groupVersions(kinds)
              .filter((g) => g.group)
              .flatMap((g) => [`/apis/${g.group}`, `/apis/${g.group}/${g.version}`]),
            "/healthz",
            "/livez",
            "/openapi/v2",
            "/openapi/v3",
            "/readyz",
            "/version",
          ],
        }),
      );
    case "version":
      return nonResource(api, req, user, () => rawJsonResponse(200, host.version));
    case "health":
      return nonResource(api, req, user, () => text(200, "ok"));
    case "core-versions":
    case "groups":
      return nonResource(api, req, user, () => {
        const agg = aggregatedDiscovery(header(req, "accept"));
        if (agg) return json(200, aggregatedList(kinds, r.kind === "core-versions", agg), aggregatedContentType(agg));
        return json(200, r.kind === "core-versions" ? apiVersions(host.advertiseAddress) : apiGroupList(kinds));
      });
    case "group":
      return nonResource(api, req, user, () => found(apiGroupDoc(kinds, r.group)));
    case "resource-list":
      return nonResource(api, req, user, () => found(apiResourceList(kinds, r.group, r.version)));
    case "openapi-v3":
      return nonResource(api, req, user, () => json(200, openapiIndex(kinds, host.version)));
    case "openapi-v3-gv":
      return nonResource(api, req, user, () => {
        const doc = openapiGroupVersion(kinds, r.group, r.version, host.version);
        return doc ? groupVersionResponse(doc, r.group, r.version, req.query, header(req, "if-none-match"), api.now) : pageNotFound();
      });
    case "openapi-v2":
      return nonResource(api, req, user, () => ({
        status: 200,
        headers: { "content-type": OPENAPI_V2_PROTOBUF },
        body: openapiV2Document(host.version),
      }));
    case "not-found":
      return pageNotFound();
  }
}

export async function handle(host: ApiHost, req: HttpRequest): Promise<HttpResult> {
  const result = await handleRequest(host, req);
  return isWatch(result) ? result : encodeJsonBody(result, req);
}

async function handleRequest(host: ApiHost, req: HttpRequest): Promise<HttpResult> {
  const user = req.user;
  if (!user) return statusResponse(UNAUTHORIZED);
  const store = host.api().store;
  const before = store.resourceVersion;
  // what the controllers were doing since the last request is done first, as before each kubectl command
  await host.settle();
  const settledAt = store.resourceVersion;
  let result: HttpResult;
  store.begin();
  try {
    result = dispatch(host, route(req.path), req, user);
    store.commit();
  } catch (e) {
    store.rollback();
    return statusResponse(internalError(e instanceof Error ? e.message : String(e)));
  }
  if (store.resourceVersion !== settledAt) await host.settle();
  if (store.resourceVersion !== before) host.saved?.();
  return result;
}
