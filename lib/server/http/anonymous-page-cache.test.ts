import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { AnonymousPageCache, acceptsGzip, joinParts, splitAt } from "./anonymous-page-cache";

const LESSON = "/courses/pki/tls";

function cache() {
  return new AnonymousPageCache({
    isStaticLesson: async (path) => path === LESSON,
    ownHeaders: ["Content-Security-Policy"],
    themeCookie: "kubeyard-theme",
    acceptedOrigin: (req) => (req.headers.host === "app.test" ? "http://app.test" : null),
  });
}

const request = (url: string, headers: Record<string, string> = {}, method = "GET") =>
  ({ url, method, headers: { host: "app.test", ...headers } }) as unknown as IncomingMessage;

describe("which requests share a kept lesson page", () => {
  it("keys a plain visitor's GET of a lesson by origin, path and theme", async () => {
    const c = cache();
    expect(await c.cacheKey(request(LESSON))).toBe("http://app.test /courses/pki/tls ");
    expect(await c.cacheKey(request(LESSON, { cookie: "kubeyard-theme=dark" }))).toBe("http://app.test /courses/pki/tls dark");
  });

  it.each([
    ["a session cookie", request(LESSON, { cookie: "kubeyard-theme=dark; authjs.session-token=x" })],
    ["any other cookie", request(LESSON, { cookie: "a=1" })],
    ["a query string", request(`${LESSON}?x=1`)],
    ["client-side navigation", request(LESSON, { rsc: "1" })],
    ["a prefetch", request(LESSON, { "next-router-prefetch": "1" })],
    ["another origin", request(LESSON, { host: "lan.test" })],
    ["a POST", request(LESSON, {}, "POST")],
    ["a page that is not a static lesson", request("/courses/pki/scenario")],
    ["a page outside the courses", request("/admin")],
  ])("renders a request with %s for itself", async (_, req) => {
    expect(await cache().cacheKey(req)).toBeNull();
  });
});

describe("nonces and encodings", () => {
  it("splits a page at every occurrence of its nonce and joins it with another", () => {
    const html = Buffer.from('<script nonce="N1">a</script><p>N</p><script nonce="N1">b</script>');
    const parts = splitAt(html, Buffer.from("N1"));
    expect(parts).toHaveLength(3);
    expect(joinParts(parts, Buffer.from("N2")).toString()).toBe('<script nonce="N2">a</script><p>N</p><script nonce="N2">b</script>');
    expect(joinParts(splitAt(Buffer.from("none here"), Buffer.from("N1")), Buffer.from("N2")).toString()).toBe("none here");
  });

  it.each([
    ["gzip, deflate, br", true],
    ["br;q=1.0, gzip;q=0.8", true],
    ["*", true],
    ["gzip;q=0", false],
    ["identity", false],
    ["x-gzip-ish", false],
  ])("Accept-Encoding %j allows gzip: %s", (accept, allowed) => {
    expect(acceptsGzip({ headers: { "accept-encoding": accept } })).toBe(allowed);
  });
});
