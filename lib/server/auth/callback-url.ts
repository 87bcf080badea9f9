/**
 * next-auth takes a `callbackUrl` from the query, the form body and a cookie, and calls
 * `new URL()` on it: a malformed one ("http://a%20b", "http://x:99999") threw a TypeError that
 * became a 500 before anyone signed in (issue 10, row 9). We accept a same-origin path or an
 * absolute http(s) URL that parses, refuse anything else with 400 at the route, and redirect only
 * within the site.
 */
import "server-only";

export function isAcceptableCallbackUrl(value: string): boolean {
  if (value.length > 2048 || /\p{Cc}/u.test(value)) return false;
  if (value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\")) return true;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/** next-auth's redirect callback: within the site, never a throw (a bad value falls back to the home page). */
export function safeRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  if (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\")) return `${baseUrl}${url}`;
  try {
    if (new URL(url).origin === new URL(baseUrl).origin) return url;
  } catch {
    // malformed: fall through
  }
  return baseUrl;
}
