/**
 * Cookie names and flags (security.md A6): the session cookie is `__Host-` prefixed, HttpOnly,
 * Secure, SameSite=Lax, Path=/ and has no Domain, whenever the app is served over https or on
 * localhost (which browsers treat as a secure context). Plain http on another host cannot carry
 * Secure cookies, so there the prefix and flag are dropped (and the README warns).
 */
import "server-only";
import { getRuntimeConfig } from "@/lib/server/config";

export function sessionCookieName(secure = getRuntimeConfig().secureCookies): string {
  return secure ? "__Host-kubeyard.session" : "kubeyard.session";
}

export function authCookies(secure = getRuntimeConfig().secureCookies) {
  const base = { httpOnly: true, sameSite: "lax" as const, path: "/", secure };
  const host = (name: string) => (secure ? `__Host-${name}` : name);
  return {
    sessionToken: { name: sessionCookieName(secure), options: base },
    callbackUrl: { name: host("kubeyard.callback-url"), options: base },
    csrfToken: { name: host("kubeyard.csrf"), options: base },
    pkceCodeVerifier: { name: host("kubeyard.pkce"), options: { ...base, maxAge: 900 } },
    state: { name: host("kubeyard.state"), options: { ...base, maxAge: 900 } },
    nonce: { name: host("kubeyard.nonce"), options: base },
  };
}
