/**
 * The HTTP surface of the simulated apiserver, transport-free: a request is plain data
 * ({method, path, query, headers, body}) and so is the answer (status, headers and a body, or a
 * watch stream the transport drains). lib/sim-api/server.ts puts it behind TLS for real kubectl
 * (`npm run sim:api`); the app's port can serve the same handler later. Nothing here opens a
 * socket or reads a clock: the cluster's clock and objects come from the ApiHost.
 */
import type { ApiServer } from "../server";
import type { UserInfo } from "../types";

export interface HttpRequest {
  method: string;
  /** the URL path, percent-decoded segments are decoded by the router: "/api/v1/namespaces/default/pods" */
  path: string;
  /** the query string without "?" ("labelSelector=app%3Dweb&limit=500") */
  query: string;
  /** header names in lower case; a header sent several times (Impersonate-Group) as an array */
  headers: Record<string, string | string[] | undefined>;
  /** the request body (JSON, YAML or Kubernetes protobuf, as Content-Type says); empty when none */
  body: Uint8Array;
  /**
   * who the transport authenticated (lib/sim/api/http/authn.ts): system:anonymous without
   * credentials; null when credentials were presented and did not verify (401 for everything)
   */
  user: UserInfo | null;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** text (JSON, plain) or bytes (the protobuf /openapi/v2 document) */
  body: string | Uint8Array;
}

/**
 * A stream the transport drains: a watch (?watch=true, one JSON WatchEvent per line) or a followed
 * log (pods/NAME/log?follow=true, text/plain, one log line per chunk). The transport writes
 * `take()`'s chunks now, and again whenever the cluster may have changed or its clock moved (after
 * every request it served, and once a second), until `done` or the client goes away.
 */
export interface WatchStream {
  /** the chunks since the last call ("\n" ended, but for a log cut by limitBytes); [] when nothing happened */
  take(): string[];
  /** true once the stream has ended (an ERROR event, timeoutSeconds on the cluster clock, the followed container's end) */
  readonly done: boolean;
}

export interface WatchResponse {
  status: 200;
  headers: Record<string, string>;
  watch: WatchStream;
}

export type HttpResult = HttpResponse | WatchResponse;

export const isWatch = (r: HttpResult): r is WatchResponse => "watch" in r;

/** /version: version.Info as kube-apiserver serves it. */
export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

/**
 * The cluster behind the handler. `api()` is an apiserver over the objects as they are now, at
 * the cluster's clock; `settle()` runs the controllers to completion (before every request, and
 * after one that wrote, as the simulator's kubectl does around each command); `saved()` is told
 * when a request changed the cluster.
 */
export interface ApiHost {
  api(): ApiServer;
  settle(): Promise<void>;
  saved?(): void;
  version: VersionInfo;
  /** host:port the cluster advertises in /api's serverAddressByClientCIDRs */
  advertiseAddress: string;
}

/** A header's first value. */
export function header(req: Pick<HttpRequest, "headers">, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** Every value of a header sent once or several times. */
export function headerAll(req: Pick<HttpRequest, "headers">, name: string): string[] {
  const v = req.headers[name.toLowerCase()];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
