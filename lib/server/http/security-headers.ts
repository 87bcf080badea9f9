/**
 * Security headers for every response (security.md B5), set by the custom server so static
 * assets, pages, route handlers and errors all carry them. The CSP uses a fresh nonce per
 * request: Next reads it from the request's Content-Security-Policy header and puts it on its
 * own inline scripts, so no inline script runs without it. Styles allow 'unsafe-inline' because
 * xterm.js positions its DOM with inline styles (xterm.js#4445).
 */
import "server-only";
import { randomBytes } from "node:crypto";

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

export function contentSecurityPolicy(opts: { nonce: string; appOrigin: string; dev: boolean }): string {
  const wsOrigin = opts.appOrigin.replace(/^http/, "ws");
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic' lets Next's nonce'd bootstrap load its chunks; dev needs eval for React refresh.
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${wsOrigin}${opts.dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
  ];
  if (opts.appOrigin.startsWith("https:")) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

export function securityHeaders(opts: { nonce: string; appOrigin: string; dev: boolean }): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(opts),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
  };
  if (opts.appOrigin.startsWith("https:")) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}
