// GET|POST /api/auth/* – next-auth (sign-in, sign-out, CSRF token, OAuth callbacks), behind a
// boundary of our own: the body is read with its size limit, and a malformed callbackUrl is a
// 400 here instead of a TypeError (500) inside next-auth.
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { isAcceptableCallbackUrl } from "@/lib/server/auth/callback-url";
import { authCookies } from "@/lib/server/auth/cookies";
import { buildAuthOptions } from "@/lib/server/auth/options";
import { BODY_LIMITS, readBodyLimited } from "@/lib/server/http/body-limits";
import { jsonError } from "@/lib/server/http/route";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: Ctx) {
  const url = new URL(req.url);
  let body: string | undefined;
  if (req.method === "POST") {
    const read = await readBodyLimited(req, BODY_LIMITS.api);
    if (!read.ok) return jsonError(read.status, read.error);
    body = read.text;
  }
  const formCallback =
    body !== undefined && req.headers.get("content-type")?.includes("application/x-www-form-urlencoded")
      ? new URLSearchParams(body).get("callbackUrl")
      : null;
  for (const value of [url.searchParams.get("callbackUrl"), formCallback]) {
    if (value !== null && !isAcceptableCallbackUrl(value))
      return jsonError(400, "Invalid callbackUrl: use a path on this site, like /dashboard.");
  }
  // A malformed value in next-auth's own callback-url cookie (which it would also throw on): the
  // answer is a 400 that clears it, so the browser's next try works (next-auth reads cookies from
  // the request itself, so the cookie cannot just be left out here).
  const cookieName = authCookies().callbackUrl.name;
  if (hasBadCallbackCookie(req.headers.get("cookie"), cookieName)) {
    const res = jsonError(400, "Invalid callbackUrl cookie: it was cleared, please try again.");
    res.cookies.set(cookieName, "", { maxAge: 0, path: "/", httpOnly: true, sameSite: "lax", secure: cookieName.startsWith("__Host-") });
    return res;
  }
  const bounded = new NextRequest(req.url, { method: req.method, headers: req.headers, body });
  return NextAuth(bounded as never, ctx as never, buildAuthOptions());
}

function hasBadCallbackCookie(header: string | null, name: string): boolean {
  for (const part of header?.split(";") ?? []) {
    const i = part.indexOf("=");
    if (i < 0 || part.slice(0, i).trim() !== name) continue;
    try {
      if (!isAcceptableCallbackUrl(decodeURIComponent(part.slice(i + 1).trim()))) return true;
    } catch {
      return true;
    }
  }
  return false;
}

export { handler as GET, handler as POST };
