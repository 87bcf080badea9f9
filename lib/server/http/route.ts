/**
 * The access wrapper every route handler is declared with: who may call it, its route params and
 * (for mutations) its body, each checked at the boundary before the handler runs, so the handler
 * only does its one job and receives exactly what it asked for — a signed-in user typed as
 * present (`access: "user" | "pro" | "admin"`), parsed params, a zod-parsed body.
 *
 * Order of checks for a mutation: params (404) → same origin and JSON (403/415, security.md B3)
 * → access (401/403/404) → body read with its size limit (413) → JSON and schema (400).
 */
import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { getSessionUser, type SessionUser } from "@/lib/server/auth/session";
import { BODY_LIMITS, readBodyLimited } from "./body-limits";
import { checkJsonBody, checkSameOrigin } from "./request-guards";

export function jsonError(status: number, error: string, extra?: Record<string, unknown>) {
  return NextResponse.json({ error, ...extra }, { status, headers: { "Cache-Control": "no-store" } });
}

export type Access = "public" | "user" | "pro" | "admin";
/** What a handler receives as `user`: only a public route may see nobody. */
export type UserFor<A extends Access> = A extends "public" ? SessionUser | null : SessionUser;

/** Next's second argument to a route handler (dynamic segments). */
export interface RouteContext {
  params: Promise<unknown>;
}

type Parsed<S> = S extends z.ZodType ? z.infer<S> : undefined;

interface RouteOptions<A extends Access, P extends z.ZodType | undefined> {
  access: A;
  /** the route's dynamic segments; anything that does not parse is a 404 (it can name nothing) */
  params?: P;
}

interface MutationOptions<A extends Access, S extends z.ZodType, P extends z.ZodType | undefined> extends RouteOptions<A, P> {
  body: S;
  /** bytes; default BODY_LIMITS.api */
  maxBytes?: number;
}

type Handler<Ctx> = (ctx: Ctx) => Promise<Response>;

/** A POST/PUT/DELETE handler: same-origin, JSON, size-bounded, zod-validated, access-checked. */
export function jsonMutation<A extends Access, S extends z.ZodType, P extends z.ZodType | undefined = undefined>(
  opts: MutationOptions<A, S, P>,
  handler: Handler<{ req: Request; body: z.infer<S>; user: UserFor<A>; params: Parsed<P> }>,
) {
  return async (req: Request, ctx?: RouteContext): Promise<Response> => {
    const params = await parseParams<P>(opts.params as P, ctx);
    if (!params.ok) return params.response;
    const routeParams = params.value;
    const guard = checkSameOrigin(req.headers) ?? checkJsonBody(req.headers);
    if (guard) return jsonError(guard.status, guard.error);
    const user = await authorize(opts.access);
    if (user instanceof Response) return user;
    const read = await readBodyLimited(req, opts.maxBytes ?? BODY_LIMITS.api);
    if (!read.ok) return jsonError(read.status, read.error);
    let json: unknown;
    try {
      json = JSON.parse(read.text);
    } catch {
      return jsonError(400, "Malformed JSON.");
    }
    const nul = pathOfNul(json);
    if (nul !== null)
      return jsonError(400, "Invalid request.", { fieldErrors: { [nul || "_"]: ["Text may not contain NUL characters."] } });
    const parsed = opts.body.safeParse(json);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "_"] ??= []).push(issue.message);
      return jsonError(400, "Invalid request.", { fieldErrors });
    }
    return handler({ req, body: parsed.data, user, params: routeParams });
  };
}

/** A GET handler with an access rule (and optional params). */
export function guardedGet<A extends Exclude<Access, "public">, P extends z.ZodType | undefined = undefined>(
  opts: RouteOptions<A, P>,
  handler: Handler<{ req: Request; user: UserFor<A>; params: Parsed<P> }>,
) {
  return async (req: Request, ctx?: RouteContext): Promise<Response> => {
    const params = await parseParams<P>(opts.params as P, ctx);
    if (!params.ok) return params.response;
    const routeParams = params.value;
    const user = await authorize(opts.access);
    if (user instanceof Response) return user;
    return handler({ req, user, params: routeParams });
  };
}

async function parseParams<P extends z.ZodType | undefined>(
  schema: P,
  ctx: RouteContext | undefined,
): Promise<{ ok: true; value: Parsed<P> } | { ok: false; response: Response }> {
  if (!schema) return { ok: true, value: undefined as Parsed<P> };
  const parsed = schema.safeParse(await ctx?.params);
  return parsed.success ? { ok: true, value: parsed.data as Parsed<P> } : { ok: false, response: jsonError(404, "Not found.") };
}

async function authorize<A extends Access>(access: A): Promise<UserFor<A> | Response> {
  const user = await getSessionUser();
  if (access === "public") return user as UserFor<A>;
  if (!user) return jsonError(401, "Sign in first.");
  if (access === "admin" && user.role !== "ADMIN") return jsonError(404, "Not found.");
  if (access === "pro" && !user.isPro) return jsonError(403, "This needs Kubeyard Pro.");
  return user;
}

/** Where in a parsed JSON body a string holds a NUL (PostgreSQL text cannot store one): "" for the root, null if nowhere. */
export function pathOfNul(value: unknown, path = ""): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = pathOfNul(value[i], path ? `${path}.${i}` : String(i));
      if (p !== null) return p;
    }
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes("\u0000")) return path || "_";
      const p = pathOfNul(v, path ? `${path}.${k}` : k);
      if (p !== null) return p;
    }
  }
  return null;
}
