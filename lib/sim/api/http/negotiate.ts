/**
 * Content negotiation as the apiserver does it (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/negotiation):
 * the Accept header's media types in order, with the `as`, `g` and `v` parameters that ask for a
 * server-side Table (meta.k8s.io v1 or v1beta1) or aggregated discovery (apidiscovery.k8s.io v2
 * or v2beta1). Only JSON is served; protobuf is declined so clients fall back to JSON.
 */
import type { Status } from "../types";
import type { HttpResponse } from "./types";

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

/** The apiserver's JSON: compact, no trailing newline needed (kubectl decodes it). */
export function json(status: number, body: unknown, contentType = "application/json"): HttpResponse {
  return { status, headers: { "content-type": contentType }, body: JSON.stringify(body) };
}

export function statusResponse(s: Status): HttpResponse {
  return json(s.code, s);
}

/** 406 as responsewriters.ErrorNegotiated writes it for a media type the server cannot produce. */
export function notAcceptable(accept: string): HttpResponse {
  return json(406, {
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
