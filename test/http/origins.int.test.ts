/**
 * Opening the site at another address of the same machine (issue 13, item 1): with APP_URL unset
 * the loopback aliases of the port are the same site; with APP_URL set, a page opened elsewhere
 * says where the site is, and a refused request says so in words, in the API's { error } shape.
 */
import { describe, expect, it } from "vitest";
import { HttpClient } from "../http-client";
import { withTestServer } from "../harness";

describe("APP_URL unset: loopback aliases are the same site", () => {
  const h = withTestServer({ env: { APP_URL: "" } });

  it("accepts sign-up and sign-in from http://127.0.0.1:<port>, and shows no notice there", async () => {
    const alias = `http://127.0.0.1:${h.server.port}`;
    const c = new HttpClient(alias);
    const email = `alias-${Date.now()}@int.test`;
    expect((await c.postJson("/api/auth/sign-up", { name: "alias", email, password: "a long passphrase here" })).status).toBe(201);
    expect(await c.signIn(email, "a long passphrase here")).toBeNull();
    expect((await c.request("/dashboard")).status).toBe(200);
    expect(await (await fetch(`${alias}/`)).text()).not.toContain("This site is served at");
  });

  it("still refuses a foreign origin", async () => {
    const res = await new HttpClient(h.url).postJson(
      "/api/auth/sign-up",
      { email: "x@int.test", password: "a long passphrase here" },
      { origin: "http://192.0.2.10:3000" },
    );
    expect(res.status).toBe(403);
  });
});

describe("APP_URL set: another address is told where the site is", () => {
  const h = withTestServer();

  it("names the configured address, with a link, on a page opened at another origin", async () => {
    const html = await (await fetch(`http://127.0.0.1:${h.server.port}/`)).text();
    expect(html).toContain("This site is served at");
    expect(html).toContain(`href="${h.url}"`);
    expect(await (await fetch(`${h.url}/`)).text()).not.toContain("This site is served at");
  });

  it("refuses a post from that origin with a sentence saying where to go, as { error }", async () => {
    const res = await new HttpClient(h.url).postJson(
      "/api/auth/sign-up",
      { email: "x@int.test", password: "a long passphrase here" },
      { origin: `http://127.0.0.1:${h.server.port}` },
    );
    expect(res.status).toBe(403);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(["error"]);
    expect(body.error).toBe(
      `Refused a request from http://127.0.0.1:${h.server.port}: this site is served at ${h.url}. Open ${h.url} and try again.`,
    );
  });
});
