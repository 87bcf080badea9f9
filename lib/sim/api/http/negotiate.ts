/**
 * Content negotiation as the apiserver does it (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/negotiation):
 * the Accept header's media types in order, with the `as`, `g` and `v` parameters that ask for a
 * server-side Table (meta.k8s.io v1 or v1beta1) or aggregated discovery (apidiscovery.k8s.io v2
 * or v2beta1). Only JSON is served; protobuf is declined so clients fall back to JSON.
 */
import { META_ORDER } from "../meta";
import type { Status } from "../types";
import { header, type HttpRequest, type HttpResponse } from "./types";

export interface MediaType {
  type: string;
  params: Record<string, string>;
}

export function parseAccept(header: string | undefined): MediaType[] {
  if (!header) return [{ type: "*/*", params: {} }];
  return header.split(",").flatMap((part) => {
    const [type, ...rest] = part.split(";").map((s) => s.trim());
    if (!type) return [];
    const params: Record<string, string> = {};
    for (const p of rest) {
      const i = p.indexOf("=");
      if (i > 0) params[p.slice(0, i).trim().toLowerCase()] = p.slice(i + 1).trim();
    }
    return [{ type: type.toLowerCase(), params }];
  });
}

const jsonish = (t: string) => t === "application/json" || t === "application/*" || t === "*/*";

/** What a resource request may be answered with: a Table, or the object itself as JSON; undefined when nothing acceptable. */
export function resourceMediaType(accept: string | undefined): { table: false } | { table: true; version: "v1" | "v1beta1" } | undefined {
  for (const m of parseAccept(accept)) {
    if (!jsonish(m.type)) continue;
    const as = m.params.as;
    if (!as) return { table: false };
    if (as === "Table" && m.params.g === "meta.k8s.io" && (m.params.v === "v1" || m.params.v === "v1beta1"))
      return { table: true, version: m.params.v };
  }
  return undefined;
}

/** Whether the client asked for aggregated discovery (and which version) before plain JSON. */
export function aggregatedDiscovery(accept: string | undefined): "v2" | "v2beta1" | undefined {
  for (const m of parseAccept(accept)) {
    if (!jsonish(m.type)) continue;
    if (!m.params.as) return undefined;
    if (
      m.params.as === "APIGroupDiscoveryList" &&
      m.params.g === "apidiscovery.k8s.io" &&
      (m.params.v === "v2" || m.params.v === "v2beta1")
    )
      return m.params.v;
  }
  return undefined;
}

/**
 * An API object or list as JSON, negotiated: compact here; `encodeJsonBody` gives it the
 * encoder's trailing newline, or indents it for a client that reads it by eye (curl, wget).
 */
export function json(status: number, body: unknown, contentType = "application/json"): HttpResponse {
  return { status, headers: { "content-type": contentType }, body: JSON.stringify(body) };
}

/** Answers written with responsewriters.WriteRawJSON (/version, the root paths, a failed negotiation): always indented. */
const rawJson = new WeakSet<HttpResponse>();

export function rawJsonResponse(status: number, body: unknown): HttpResponse {
  const r = json(status, body);
  rawJson.add(r);
  return r;
}

/**
 * negotiation.isPrettyPrint (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/negotiation/negotiate.go):
 * `?pretty=` decides when given; otherwise a User-Agent starting with curl, Wget or Mozilla/5.0.
 */
export function isPrettyPrint(req: Pick<HttpRequest, "query" | "headers">): boolean {
  const pretty = new URLSearchParams(req.query).get("pretty");
  if (pretty) return ["1", "t", "T", "true", "TRUE", "True"].includes(pretty); // strconv.ParseBool; an invalid value is false
  const ua = header(req, "user-agent") ?? "";
  return ua.startsWith("curl") || ua.startsWith("Wget") || ua.startsWith("Mozilla/5.0");
}

/**
 * The body as the apiserver's JSON serializer writes it
 * (staging/src/k8s.io/apimachinery/pkg/runtime/serializer/json/json.go doEncode): pretty is
 * json.MarshalIndent with two spaces and no newline after; compact is json.Encoder.Encode, which
 * ends with a newline. Both escape <, > and & as Go's encoder does, and put the fields Go's structs
 * put first (TypeMeta, ObjectMeta, ListMeta, Status) in Go's order.
 */
export function encodeJsonBody(res: HttpResponse, req: Pick<HttpRequest, "query" | "headers">): HttpResponse {
  if (typeof res.body !== "string" || !(res.headers["content-type"] ?? "").startsWith("application/json")) return res;
  const value = inGoOrder(JSON.parse(res.body));
  const body = rawJson.has(res) || isPrettyPrint(req) ? goEscape(JSON.stringify(value, null, 2)) : goEscape(JSON.stringify(value)) + "\n";
  return { ...res, body };
}

const goEscape = (s: string) => s.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** Struct field order of the types every response starts with (staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go). */
const TOP = ["kind", "apiVersion", "metadata"];
const STATUS = ["kind", "apiVersion", "metadata", "status", "message", "reason", "details", "code"];
const LIST_META = ["selfLink", "resourceVersion", "continue", "remainingItemCount"];

function ordered(o: Record<string, unknown>, first: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of first) if (k in o) out[k] = o[k];
  for (const [k, v] of Object.entries(o)) if (!(k in out)) out[k] = v;
  return out;
}

function inGoOrder(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(inGoOrder);
  if (v === null || typeof v !== "object") return v;
  const o = v as Record<string, unknown>;
  const top = o.kind === "Status" ? ordered(o, STATUS) : "kind" in o || "apiVersion" in o ? ordered(o, TOP) : o;
  const meta = top.metadata;
  if (meta && typeof meta === "object" && !Array.isArray(meta)) {
    const m = meta as Record<string, unknown>;
    top.metadata = ordered(m, "name" in m || "uid" in m || "creationTimestamp" in m ? META_ORDER : LIST_META);
  }
  if (Array.isArray(top.items)) top.items = top.items.map(inGoOrder);
  return top;
}

export function statusResponse(s: Status): HttpResponse {
  return json(s.code, s);
}

/** 406 as responsewriters.ErrorNegotiated writes it for a media type the server cannot produce. */
export function notAcceptable(accept: string): HttpResponse {
  return rawJsonResponse(406, {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: `only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf (got ${accept})`,
    reason: "NotAcceptable",
    code: 406,
  });
}

/** The plain-text 404 of the apiserver's NotFoundHandler, for paths nothing serves. */
export function pageNotFound(): HttpResponse {
  return {
    status: 404,
    headers: { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" },
    body: "404 page not found\n",
  };
}
