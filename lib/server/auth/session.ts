/**
 * The server-side authorization helpers: one per rule. Pages, layouts and route handlers call
 * these, never trust the proxy or a hidden link (security.md B1). The WebSocket upgrade uses
 * session-token.ts directly with the same rules.
 */
import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getRuntimeConfig } from "@/lib/server/config";
import { sessionCookieName } from "./cookies";
import { userFromSessionToken } from "./session-token";
import type { SessionUser } from "./session-user";

export type { Role, SessionUser } from "./session-user";

/** The signed-in user (revoked or expired sessions count as signed out), once per request. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const jar = await cookies();
  return userFromSessionToken(jar.get(sessionCookieName())?.value);
});

/** For pages: the user, or a redirect to sign-in that comes back to `callbackPath`. */
export async function requireUser(callbackPath: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return user;
}

/** For pages: an admin, or a 404 (a learner gets no hint that the page exists). */
export async function requireAdmin(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user || user.role !== "ADMIN") notFound();
  return user;
}

/** For pages: a Pro learner, or null (the caller renders the upgrade gate). Signed-out → sign-in. */
export async function requirePro(callbackPath: string): Promise<SessionUser | null> {
  const user = await requireUser(callbackPath);
  return user.isPro ? user : null;
}

export function isGithubEnabled(): boolean {
  return getRuntimeConfig().github !== null;
}
