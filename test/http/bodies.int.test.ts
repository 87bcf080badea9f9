/**
 * Input the server must refuse cheaply and clearly (issue 10, rows 4, 9 and 10): bodies bounded
 * before they are read (413 with memory flat), malformed callbackUrls, NULs and out-of-range
 * dates answered with a 4xx instead of a 500.
 */
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { HttpClient } from "../http-client";
import { TEST_ADMIN } from "../server";
import { signUpLearner, withTestServer } from "../harness";

const h = withTestServer();

function rssBytes(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
}

/**
 * POSTs `bytes` of JSON-ish filler with a declared length or chunked; stops when the server
 * answers or closes. With `holdAfter`, it hands the socket that many bytes and then sends nothing
 * more until the server answers: a server that waited for the body would never answer, and the test
 * would time out. Without it, it floods as fast as the server takes it (as the attack did).
 * Returns the status (0: no answer) and how much the client handed to the socket.
 */
function postHuge(
  base: string,
  path: string,
  bytes: number,
  declareLength: boolean,
  holdAfter = Infinity,
): Promise<{ status: number; sent: number }> {
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = { "content-type": "application/json", origin: new URL(base).origin };
    if (declareLength) headers["content-length"] = bytes;
    const req = request(`${base}${path}`, { method: "POST", headers });
    let sent = 0;
    let status = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve({ status, sent });
    };
    const chunk = Buffer.alloc(1024 * 1024, "a");
    const pump = () => {
      while (!done && sent < bytes && sent < holdAfter) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!done && sent >= bytes) req.end();
    };
    req.on("response", (res) => {
      // The answer came while still sending: stop, as a browser does.
      status = res.statusCode ?? 0;
      res.resume();
      finish();
      req.destroy();
    });
    req.on("error", finish);
    req.on("close", finish);
    pump();
  });
}

describe("row 4: bodies are bounded before they are read", () => {
  it("answers 413 to oversized declared bodies on sign-up and the auth endpoints, reading almost nothing, memory flat", async () => {
    const pid = h.server.child.pid ?? 0;
    const before = rssBytes(pid);
    const SIZE = 64 * 1024 * 1024;
    const paths = ["/api/auth/sign-up", "/api/auth/callback/credentials", "/api/auth/sign-up", "/api/account/password"];
    const results = await Promise.all(paths.map((p) => postHuge(h.url, p, SIZE, true)));
    const after = rssBytes(pid);
    for (const r of results) expect(r.status).toBe(413);
    expect(after - before).toBeLessThan(32 * 1024 * 1024);
  });

  it("answers 413 having been sent 1 MiB of a declared 64 MiB: the refusal does not wait for the body", async () => {
    // (How much of a flood gets sent before the client sees the answer depends on the machine's
    // load, so the flood above asserts memory, and this one asserts the order of events.)
    const r = await postHuge(h.url, "/api/auth/sign-up", 64 * 1024 * 1024, true, 1024 * 1024);
    expect(r).toEqual({ status: 413, sent: 1024 * 1024 });
  });

  it("refuses a chunked body (no declared length) instead of reading it, memory flat", async () => {
    const pid = h.server.child.pid ?? 0;
    const before = rssBytes(pid);
    const results = await Promise.all([
      postHuge(h.url, "/api/auth/sign-up", 64 * 1024 * 1024, false),
      postHuge(h.url, "/api/auth/callback/credentials", 64 * 1024 * 1024, false),
    ]);
    for (const r of results) expect([411, 413]).toContain(r.status);
    expect(rssBytes(pid) - before).toBeLessThan(32 * 1024 * 1024);
  });

  it("answers 413 one byte past the limit and accepts a body at the limit", async () => {
    const c = new HttpClient(h.url);
    const filler = (n: number) => JSON.stringify({ email: "x@int.test", password: "p", name: "n".repeat(n) });
    const base = filler(0).length;
    const at = await c.request("/api/auth/sign-up", {
      method: "POST",
      headers: { "content-type": "application/json", origin: h.url },
      body: filler(16 * 1024 - base),
    });
    expect(at.status).toBe(400); // read and validated (the name is too long), not refused for size
    const past = await c.request("/api/auth/sign-up", {
      method: "POST",
      headers: { "content-type": "application/json", origin: h.url },
      body: filler(16 * 1024 - base + 1),
    });
    expect(past.status).toBe(413);
    expect(await past.json()).toEqual({ error: expect.stringMatching(/too large.*16 KiB/) });
  });
});

describe("row 9: a malformed callbackUrl is a 400, never a 500", () => {
  const BAD = ["http://a%20b", "http://x:99999", "http://[::1", "ht tp://x"];
  for (const bad of BAD) {
    it(`${bad} on csrf, session, providers, signin and the credentials callback`, async () => {
      const q = `callbackUrl=${encodeURIComponent(bad)}`;
      for (const path of ["/api/auth/csrf", "/api/auth/session", "/api/auth/providers", "/api/auth/signin"]) {
        const res = await fetch(`${h.url}${path}?${q}`, { redirect: "manual" });
        expect(res.status, path).toBe(400);
        expect(await res.json()).toEqual({ error: expect.stringMatching(/callbackUrl/) });
      }
      const c = new HttpClient(h.url);
      const { csrfToken } = (await (await c.request("/api/auth/csrf")).json()) as { csrfToken: string };
      const res = await c.request("/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: h.url },
        body: new URLSearchParams({ csrfToken, email: "x@int.test", password: "whatever-long", callbackUrl: bad, json: "true" }).toString(),
      });
      expect(res.status).toBe(400);
      // and a malformed value in the callback-url cookie is not a 500 either
      const cookie = await fetch(`${h.url}/api/auth/session`, {
        headers: { cookie: `__Host-kubeyard.callback-url=${encodeURIComponent(bad)}` },
      });
      expect(cookie.status).toBeLessThan(500);
    });
  }

  it("still accepts a same-origin path", async () => {
    expect((await fetch(`${h.url}/api/auth/csrf?callbackUrl=${encodeURIComponent("/dashboard")}`)).status).toBe(200);
  });
});

describe("row 10: NULs and out-of-range dates are refused, never a 500", () => {
  it("refuses a NUL in the sign-up name (and in any JSON field) with 400, creating nothing", async () => {
    const c = new HttpClient(h.url);
    const res = await c.postJson("/api/auth/sign-up", { name: "a\u0000b", email: "nul@int.test", password: "a long passphrase here" });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ fieldErrors: { name: [expect.stringMatching(/NUL/)] } });
    expect(await h.db.prisma.user.count({ where: { email: "nul@int.test" } })).toBe(0);
  });

  it("shows admin pages and the CSV export for out-of-range dates and a NUL in the user search without a 500", async () => {
    const admin = new HttpClient(h.url);
    expect(await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password)).toBeNull();
    const learner = await signUpLearner(h, "searchable");
    for (const path of [
      "/admin/quizzes?from=0000-01-01",
      "/admin/quizzes?from=0001-01-01&to=9999-12-31",
      "/admin/quizzes?to=275760-09-13",
      "/api/admin/analytics/quiz.csv?from=0000-01-01",
      "/admin/users?q=a%00b",
      "/admin/users?q=%00",
      `/admin/users/${learner.id}%00`,
    ]) {
      const res = await admin.request(path);
      expect(res.status, path).toBeLessThan(500);
    }
    // The search still works around a NUL: the control character is not part of any email.
    const found = await admin.request(`/admin/users?q=${encodeURIComponent("searchable\u0000")}`);
    expect(found.status).toBe(200);
    expect(await found.text()).toContain(learner.email);
  });
});
