/**
 * Turns the raw session cookie into a SessionUser. The same function serves server components
 * (via next/headers), route handlers and the WebSocket upgrade (raw Cookie header), so there is
 * one place where "who is asking" is decided.
 */
import "server-only";
import { decode } from "next-auth/jwt";
import { getRuntimeConfig } from "@/lib/server/config";
import { sessionCookieName } from "./cookies";
import { resolveAuthSession } from "./sessions";
import type { SessionUser } from "./session-user";

export async function userFromSessionToken(token: string | undefined | null): Promise<SessionUser | null> {
  if (!token || token.length > 8192) return null;
  let claims: Record<string, unknown> | null;
  try {
    claims = await decode({ token, secret: getRuntimeConfig().authSecret });
  } catch {
    return null; // tampered, expired or signed with another secret
  }
  const sub = claims?.sub;
  const sid = claims?.sid;
  if (typeof sub !== "string" || typeof sid !== "string") return null;
  return resolveAuthSession(sub, sid);
}

/** Reads the session cookie out of a raw `Cookie:` header (the WebSocket upgrade has no Next context). */
export function sessionTokenFromCookieHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const name = sessionCookieName();
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}
