/**
 * Authorization at every entry point, cross-site mutation refusal and security headers
 * (security.md B1, B3, B5, C8), over real HTTP against the real h.server.
 */
import { connect } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../http-client";
import { withTestServer } from "../harness";

const h = withTestServer();

/** Every protected page and what an anonymous caller must get. */
const PROTECTED_PAGES = ["/dashboard", "/account"];
/** Every cookie-authenticated mutation with a valid body. */
const MUTATIONS: [string, unknown][] = [
  ["/api/account/password", { currentPassword: "x", newPassword: "a long new passphrase" }],
  ["/api/account/sign-out-everywhere", {}],
];
/** Header tricks that skipped middleware in past Next.js advisories. */
const BYPASS_VARIANTS: Record<string, string>[] = [
  {},
  { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
  { "x-middleware-subrequest": "src/middleware:proxy:proxy" },
  { rsc: "1" },
  { "next-router-prefetch": "1", rsc: "1" },
  { "x-nextjs-data": "1" },
];

describe("B1: no entry point answers an anonymous caller", () => {
  for (const path of PROTECTED_PAGES) {
    for (const headers of BYPASS_VARIANTS) {
      it(`GET ${path} with ${JSON.stringify(headers)} redirects to sign-in`, async () => {
        // Next answers an RSC request whose `_rsc` cache-buster does not match its headers with a
        // redirect to the same path and the right `_rsc`; follow those, never to the page itself.
        let url = `${h.url}${path}?_rsc=abc`;
        let res = await fetch(url, { headers, redirect: "manual" });
        for (let hops = 0; hops < 3 && new URL(res.headers.get("location") ?? "/", url).pathname === path; hops++) {
          expect(await res.text()).not.toContain("Your courses");
          url = new URL(res.headers.get("location")!, url).href;
          res = await fetch(url, { headers, redirect: "manual" });
        }
        const body = await res.text();
        if (res.status === 200) {
          // An RSC request gets its redirect inside the flight payload (how a client navigation is
          // redirected), never the page: the payload must carry the redirect to sign-in. A
          // prefetch gets only the route's segment tree, with no page in it (checked below).
          expect(res.headers.get("content-type")).toContain("text/x-component");
          if (!headers["next-router-prefetch"]) expect(body).toContain("NEXT_REDIRECT;replace;/sign-in");
        } else {
          expect([307, 303, 302]).toContain(res.status);
          expect(res.headers.get("location")).toContain("/sign-in");
        }
        expect(body).not.toContain("Your courses");
      });
    }
  }
  for (const [path, body] of MUTATIONS) {
    for (const headers of BYPASS_VARIANTS) {
      it(`POST ${path} with ${JSON.stringify(headers)} is 401`, async () => {
        const res = await fetch(h.url + path, {
          method: "POST",
          headers: { ...headers, "content-type": "application/json", origin: h.server.origin },
          body: JSON.stringify(body),
        });
        expect(res.status).toBe(401);
      });
    }
  }
});

describe("B3: cross-site and non-JSON mutations are refused", () => {
  let signedIn: HttpClient;
  beforeAll(async () => {
    signedIn = new HttpClient(h.url);
    const email = `b3-${Date.now()}@int.test`;
    await signedIn.postJson("/api/auth/sign-up", { email, password: "a long passphrase b3" });
    expect(await signedIn.signIn(email, "a long passphrase b3")).toBeNull();
  });

  for (const [path, body] of [...MUTATIONS, ["/api/auth/sign-up", { email: "x@int.test", password: "a long passphrase x" }] as const]) {
    it(`cross-site text/plain POST ${path} is 403`, async () => {
      const res = await signedIn.request(path, {
        method: "POST",
        headers: { "content-type": "text/plain", origin: "https://evil.example" },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(403);
    });
    it(`same-origin text/plain POST ${path} is 415`, async () => {
      const res = await signedIn.request(path, {
        method: "POST",
        headers: { "content-type": "text/plain", origin: h.server.origin },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(415);
    });
    it(`POST ${path} without Origin or Sec-Fetch-Site is 403`, async () => {
      const res = await signedIn.request(path, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(403);
    });
  }

  it("the signed-in user still has their session (nothing above changed state)", async () => {
    expect((await signedIn.request("/dashboard")).status).toBe(200);
  });
});

describe("B5: security headers", () => {
  for (const path of ["/", "/sign-in", "/api/health", "/no-such-page"]) {
    it(`${path} carries CSP, nosniff, frame and referrer policies`, async () => {
      const res = await fetch(h.url + path, { redirect: "manual" });
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
      expect(csp).not.toContain("'unsafe-eval'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("x-powered-by")).toBeNull();
    });
  }

  it("uses a fresh nonce per request, and the page's scripts carry it", async () => {
    const a = await fetch(h.url + "/");
    const b = await fetch(h.url + "/");
    const nonce = (h: Response) => /'nonce-([^']+)'/.exec(h.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonce(a)).toBeTruthy();
    expect(nonce(a)).not.toBe(nonce(b));
    const html = await a.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce(a)}"`);
  });
});

describe("C8: upgrades to unknown paths are destroyed", () => {
  it("closes the socket without a 101", async () => {
    const reply = await new Promise<string>((resolve) => {
      const s = connect(h.server.port, "127.0.0.1", () => {
        s.write(
          `GET /random-${Date.now()} HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
        );
      });
      let data = "";
      s.on("data", (d) => (data += d));
      s.on("close", () => resolve(data));
    });
    expect(reply).not.toContain("101");
  });
});
