/**
 * Guards for cookie-authenticated mutations in route handlers (security.md B3). Route handlers
 * get no CSRF protection from Next, so each mutation checks that the request comes from our own
 * origin and carries a JSON body (a cross-site form cannot send application/json without CORS).
 */
import { getRuntimeConfig } from "@/lib/server/config";

export type GuardFailure = { status: 403 | 415; error: string };

export function checkSameOrigin(headers: Headers, appOrigin = getRuntimeConfig().appOrigin): GuardFailure | null {
  const origin = headers.get("origin");
  if (origin !== null) return origin === appOrigin ? null : { status: 403, error: "Cross-origin request refused." };
  // Browsers always send Origin on POST; a missing one is only acceptable with a same-origin fetch marker.
  return headers.get("sec-fetch-site") === "same-origin" ? null : { status: 403, error: "Cross-origin request refused." };
}

export function checkJsonBody(headers: Headers): GuardFailure | null {
  const type = headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  return type === "application/json" ? null : { status: 415, error: "Send a JSON body (Content-Type: application/json)." };
}
