/**
 * Wrappers that declare a route handler's rules at its boundary: who may call it and what body
 * it accepts. Handlers inside only do their one job (parse → authorize → call → return).
 */
import { NextResponse } from "next/server";
import type { z } from "zod";
import { getSessionUser, type SessionUser } from "@/lib/server/auth/session";
import { checkJsonBody, checkSameOrigin } from "./request-guards";

export const MAX_JSON_BYTES = 16 * 1024;

export function jsonError(status: number, error: string, extra?: Record<string, unknown>) {
  return NextResponse.json({ error, ...extra }, { status, headers: { "Cache-Control": "no-store" } });
}

type Access = "public" | "user" | "pro" | "admin";

interface MutationOptions<S extends z.ZodType> {
  access: Access;
  body: S;
}

type MutationHandler<S extends z.ZodType> = (ctx: { req: Request; body: z.infer<S>; user: SessionUser | null }) => Promise<Response>;

/** A POST/PUT/DELETE handler: same-origin, JSON, size-bounded, zod-validated, access-checked. */
export function jsonMutation<S extends z.ZodType>(opts: MutationOptions<S>, handler: MutationHandler<S>) {
  return async (req: Request): Promise<Response> => {
    const guard = checkSameOrigin(req.headers) ?? checkJsonBody(req.headers);
    if (guard) return jsonError(guard.status, guard.error);
    const user = opts.access === "public" ? await getSessionUser() : await authorize(opts.access);
    if (user instanceof Response) return user;
    const text = await req.text();
    if (text.length > MAX_JSON_BYTES) return jsonError(413, "Request body too large.");
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return jsonError(400, "Malformed JSON.");
    }
    const parsed = opts.body.safeParse(json);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "_"] ??= []).push(issue.message);
      return jsonError(400, "Invalid request.", { fieldErrors });
    }
    return handler({ req, body: parsed.data, user });
  };
}

/** A GET handler with an access rule. */
export function guardedGet(access: Exclude<Access, "public">, handler: (ctx: { req: Request; user: SessionUser }) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    const user = await authorize(access);
    if (user instanceof Response) return user;
    return handler({ req, user });
  };
}

async function authorize(access: Exclude<Access, "public">): Promise<SessionUser | Response> {
  const user = await getSessionUser();
  if (!user) return jsonError(401, "Sign in first.");
  if (access === "admin" && user.role !== "ADMIN") return jsonError(404, "Not found.");
  if (access === "pro" && !user.isPro) return jsonError(403, "This needs Kubeyard Pro.");
  return user;
}
