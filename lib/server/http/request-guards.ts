/**
 * Guards for cookie-authenticated mutations in route handlers (security.md B3). Route handlers
 * get no CSRF protection from Next, so each mutation checks that the request comes from our own
 * origin and carries a JSON body (a cross-site form cannot send application/json without CORS).
 */
import "server-only";
import { getRuntimeConfig, type RuntimeConfig } from "@/lib/server/config";

export type GuardFailure = { status: 403 | 415; error: string };

/** The refusal a learner reads when they opened the site at another address (issue 13): says where to go instead. */
export function crossOriginRefusal(origin: string | null, appUrl: string): string {
  const from = origin && origin !== "null" ? ` from ${origin}` : "";
  return `Refused a request${from}: this site is served at ${appUrl}. Open ${appUrl} and try again.`;
}

/**
 * The origin (scheme://host) a page was requested at, as the browser sees it: behind a trusted
 * proxy its X-Forwarded-Proto gives the scheme. Null without a Host header.
 */
export function requestOrigin(
  host: string | null | undefined,
  forwardedProto: string | null | undefined,
  config: Pick<RuntimeConfig, "trustProxy"> = getRuntimeConfig(),
): string | null {
  if (!host) return null;
  const scheme = config.trustProxy ? (forwardedProto?.split(",")[0]?.trim() ?? "http") : "http";
  return `${scheme}://${host}`;
}

export function checkSameOrigin(headers: Headers, config = getRuntimeConfig()): GuardFailure | null {
  const origin = headers.get("origin");
  if (origin !== null)
    return config.acceptedOrigins.includes(origin) ? null : { status: 403, error: crossOriginRefusal(origin, config.appUrl) };
  // Browsers always send Origin on POST; a missing one is only acceptable with a same-origin fetch marker.
  return headers.get("sec-fetch-site") === "same-origin" ? null : { status: 403, error: crossOriginRefusal(null, config.appUrl) };
}

export function checkJsonBody(headers: Headers): GuardFailure | null {
  const type = headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  return type === "application/json" ? null : { status: 415, error: "Send a JSON body (Content-Type: application/json)." };
}
