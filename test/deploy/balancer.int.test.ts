/**
 * The deployment in deploy/ (issue 15, item 2; issue 10, row 4): two app instances on one
 * database behind nginx running the shipped site config, TLS terminated at nginx, TRUST_PROXY on.
 * Everything below goes through the balancer only.
 *
 * Which instance answered is read from nginx's own access log ($upstream_addr, part of the
 * shipped log format), so the app adds no header or log line that would tell a client which
 * machine it reached.
 *
 * The servers are shared by all cases, in order: the last one kills an instance for good.
 */
import { request as httpsRequest } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BODY_LIMITS, TOO_LARGE } from "../../lib/server/http/body-limits";
import { requireOracle } from "../../lib/testing/oracles";
import { createTestDatabase, type TestDatabase } from "../db";
import { HttpClient } from "../http-client";
import { freePort, startTestServer, TEST_ADMIN, type TestServer } from "../server";
import { openLiveTerminal } from "../terminal-client";
import { startBalancer, type AccessLogEntry, type Balancer } from "./balancer";

const NGINX = requireOracle("nginx");
const PROMPT = "controlplane:~$ ";
const LEASE_TTL_MS = 4000;
const LESSON = "/courses/kubernetes-pki/how-kubernetes-uses-tls";
const PASSWORD = "a long passphrase here";

let db: TestDatabase;
let balancer: Balancer;
let instances: TestServer[] = [];
/** the learner signed up in the first case, Pro, used by the later ones */
let learner: HttpClient;
let learnerEmail: string;

/** the instances nginx asked for the log entries after `from`, as ports */
function upstreamPorts(from: number): Set<number> {
  const ports = balancer
    .accessLog()
    .slice(from)
    .flatMap((e) => (e.upstream === "-" ? [] : e.upstream.split(", ")))
    .map((addr) => Number(addr.split(":").pop()));
  return new Set(ports);
}

/**
 * nginx's log entries after `from`, once `complete` says they are all there: nginx writes a
 * request's line when it has finished with the connection, which can be just after the client
 * read the answer (or saw its WebSocket close).
 */
async function logEntriesAfter(from: number, complete: (entries: AccessLogEntry[]) => boolean): Promise<AccessLogEntry[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const entries = balancer.accessLog().slice(from);
    if (complete(entries) || Date.now() > deadline) return entries;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** An https request from a chosen local address (fetch cannot choose one), nginx's certificate unchecked. */
function requestFrom(
  from: { localAddress: string; headers: Record<string, string> },
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; cookies: string[]; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      {
        method: init.method ?? "GET",
        localAddress: from.localAddress,
        rejectUnauthorized: false,
        headers: { ...from.headers, ...init.headers },
      },
      (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, cookies: (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]), body }),
        );
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
}

describe.skipIf(!NGINX)("two instances behind nginx (deploy/)", () => {
  beforeAll(async () => {
    db = await createTestDatabase();
    const [port, redirectPort, ...instancePorts] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    balancer = await startBalancer({ nginx: NGINX ?? "nginx", port, redirectPort, instancePorts });
    // What deploy/kubeyard.env.example sets: the public URL is the balancer's, the client IP comes from it.
    const env = { APP_URL: balancer.url, TRUST_PROXY: "true", TERMINAL_LEASE_TTL_MS: String(LEASE_TTL_MS) };
    instances = await Promise.all(instancePorts.map((p) => startTestServer({ databaseUrl: db.url, port: p, env })));
    // nginx's certificate is self-signed (made by test/deploy/balancer.ts); fetch cannot be given a
    // CA, so this test process stops verifying. Set after the instances started: they do not inherit it.
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
  });

  afterAll(async () => {
    await Promise.all(instances.map((s) => s.stop()));
    await balancer?.stop();
    await db?.drop();
  });

  it("serves sign-up, sign-in, a lesson and the admin pages from both instances, one session for both", async () => {
    const from = balancer.accessLog().length;
    learner = new HttpClient(balancer.url);
    learnerEmail = `balanced-${Date.now()}@int.test`;
    expect((await learner.postJson("/api/auth/sign-up", { email: learnerEmail, password: PASSWORD })).status).toBe(201);
    expect(await learner.signIn(learnerEmail, PASSWORD)).toBeNull();
    expect((await learner.postJson("/api/billing/upgrade", {})).status).toBe(200);

    // The session cookie made on one instance is honoured by both (round-robin alternates them).
    for (let i = 0; i < 4; i++) {
      const page = await learner.request(LESSON);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain("How Kubernetes uses TLS");
      // Host and X-Forwarded-Proto reach the app (TRUST_PROXY): it knows it is served at APP_URL.
      expect(html).not.toContain("This site is served at");
    }

    const admin = new HttpClient(balancer.url);
    expect(await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password)).toBeNull();
    for (const path of ["/admin", "/admin/users", "/admin/quizzes", "/admin/users"]) {
      const res = await admin.request(path);
      expect(res.status, path).toBe(200);
      if (path === "/admin/users") expect(await res.text()).toContain(learnerEmail);
    }
    expect((await learner.request("/admin")).status).toBe(404);

    const entries = balancer.accessLog().slice(from);
    expect(entries.filter((e) => e.status >= 500)).toEqual([]);
    expect(upstreamPorts(from)).toEqual(new Set(instances.map((s) => s.port)));

    // Plain http only redirects to the site.
    const redirect = await fetch(`${balancer.redirectUrl}${LESSON}?x=1`, { redirect: "manual" });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get("location")).toBe(`${balancer.url}${LESSON}?x=1`);
  });

  it("gives the app the client's own address (TRUST_PROXY), never one the client wrote in X-Forwarded-For", async () => {
    // From 127.0.0.2: nginx itself reaches the instances from 127.0.0.1, so the address the app
    // records for this sign-in can only have come from nginx's X-Forwarded-For.
    const from = { localAddress: "127.0.0.2", headers: { "x-forwarded-for": "203.0.113.9" } };
    const csrf = await requestFrom(from, `${balancer.url}/api/auth/csrf`);
    const cookie = csrf.cookies.join("; ");
    const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
    const signIn = await requestFrom(from, `${balancer.url}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { cookie, origin: balancer.url, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, email: learnerEmail, password: PASSWORD, callbackUrl: "/dashboard", json: "true" }).toString(),
    });
    expect(signIn.status).toBeLessThan(400);
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: learnerEmail } });
    const newest = await db.prisma.authSession.findFirstOrThrow({ where: { userId: user.id }, orderBy: { createdAt: "desc" } });
    expect(newest.ip).toBe("127.0.0.2");
  });

  it("never forwards the instances' relay paths (/internal/) from outside", async () => {
    const from = balancer.accessLog().length;
    for (const path of ["/internal/terminal-relay", "/internal/kube-relay/x/api/v1/namespaces"]) {
      const res = await fetch(`${balancer.url}${path}`, { headers: { "x-kubeyard-relay": "forged" } });
      expect(res.status).toBe(404);
    }
    expect(
      balancer
        .accessLog()
        .slice(from)
        .map((e) => e.upstream),
    ).toEqual(["-", "-"]);
  });

  it("refuses an upload over the app's largest body limit at nginx, before any byte reaches an instance", async () => {
    const largest = Math.max(...Object.values(BODY_LIMITS));
    // The shipped limit is the app's largest accepted body, and nginx's refusal reads like the app's.
    expect(balancer.siteConfig).toContain(`client_max_body_size    ${largest / 1024 / 1024}m;`);
    const refusal = { error: TOO_LARGE(largest) };

    const from = balancer.accessLog().length;
    const oversized = "x".repeat(2 * largest);
    const declared = await fetch(`${balancer.url}/api/auth/sign-up`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: balancer.url },
      body: oversized,
    });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual(refusal);
    // Chunked, no declared length: nginx counts the bytes as they come.
    const chunks = (text: string) =>
      new ReadableStream<Uint8Array>({
        start(c) {
          for (let i = 0; i < text.length; i += 64 * 1024) c.enqueue(new TextEncoder().encode(text.slice(i, i + 64 * 1024)));
          c.close();
        },
      });
    const chunked = await fetch(`${balancer.url}/api/auth/sign-up`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: balancer.url },
      body: chunks(oversized),
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await chunked.json()).toEqual(refusal);
    const refused = await logEntriesAfter(from, (e) => e.length >= 2);
    expect(refused.map((e) => [e.method, e.path, e.status, e.upstream])).toEqual([
      ["POST", "/api/auth/sign-up", 413, "-"],
      ["POST", "/api/auth/sign-up", 413, "-"],
    ]);

    // A chunked body within the limit is buffered and sent on with its length: the app (which
    // answers a chunked body with 411 on its own) takes it.
    const email = `chunked-${Date.now()}@int.test`;
    const accepted = await fetch(`${balancer.url}/api/auth/sign-up`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: balancer.url },
      body: chunks(JSON.stringify({ email, password: PASSWORD })),
      duplex: "half",
    } as RequestInit);
    expect(accepted.status).toBe(201);
    expect(await db.prisma.user.count({ where: { email } })).toBe(1);
  });

  // The relay (issue 15, item 1): the instance that does not hold the learner's cluster relays to
  // the one that does. These go before the instance is killed below.
  it("lands a learner's two tabs on different instances, both live, each seeing the other's commands", async () => {
    // nginx's round robin (one worker, equal weights) alternates between the two instances, so two
    // upgrades in a row land on both; nginx logs a WebSocket when it closes, so which instance
    // served each tab is read from the log at the end.
    const from = balancer.accessLog().length;
    const first = await openLiveTerminal(balancer.url, { cookie: learner.cookieHeader() });
    const second = await openLiveTerminal(balancer.url, { cookie: learner.cookieHeader() });
    first.skip();
    second.skip();
    first.type("echo typed-in-the-first-tab\r");
    await first.waitFor(PROMPT);
    expect(await second.waitFor("typed-in-the-first-tab")).toContain("typed-in-the-first-tab");
    second.type("echo typed-in-the-second-tab\r");
    expect(await first.waitFor("typed-in-the-second-tab")).toContain("typed-in-the-second-tab");
    first.close();
    second.close();
    await Promise.all([first.closed, second.closed]);
    const isTab = (e: AccessLogEntry) => e.path.startsWith("/api/terminal") && e.status === 101;
    const tabs = (await logEntriesAfter(from, (e) => e.filter(isTab).length >= 2)).filter(isTab);
    expect(tabs).toHaveLength(2);
    expect(new Set(tabs.map((e) => e.upstream)).size).toBe(2);
  });

  it("serves the learner's own kubectl requests from either instance", async () => {
    const issued = await learner.postJson("/api/kube-tokens", { course: "kubernetes-pki" });
    expect(issued.status).toBe(201);
    const { server, token } = (await issued.json()) as { server: string; token: string };
    expect(server.startsWith(balancer.url)).toBe(true);
    const from = balancer.accessLog().length;
    const namespaces: string[][] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${server}/api/v1/namespaces`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      const list = (await res.json()) as { items: { metadata: { name: string } }[] };
      namespaces.push(list.items.map((n) => n.metadata.name));
    }
    // both instances answered, one of them by relaying to the holder: the same cluster each time
    await logEntriesAfter(from, (e) => e.length >= 4);
    expect(upstreamPorts(from).size).toBe(2);
    expect(new Set(namespaces.map((n) => n.join(","))).size).toBe(1);
    expect(namespaces[0]).toContain("kube-system");
  });

  it("moves a learner to the other instance when the one running their cluster is killed, with every acknowledged command", async () => {
    const tab = await openLiveTerminal(balancer.url, { cookie: learner.cookieHeader() });
    tab.type("echo acknowledged-before-the-kill > proof.txt\r");
    await tab.waitFor(PROMPT);

    // The lease names its holder's process (SessionManager.instanceId is `${pid}-...`).
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: learnerEmail } });
    const row = await db.prisma.terminalSession.findFirstOrThrow({ where: { userId: user.id, courseSlug: "kubernetes-pki" } });
    const holder = instances.find((s) => row.leaseOwner?.startsWith(`${s.child.pid}-`));
    const survivor = instances.find((s) => s !== holder);
    if (!holder || !survivor) throw new Error(`lease owner ${row.leaseOwner} is neither instance`);

    await holder.kill();
    // nginx closes the tab's WebSocket when its instance goes.
    await tab.closed;

    // The tab reconnects through nginx: the dead instance is skipped, the survivor refuses it as
    // busy until the dead holder's lease runs out (openLiveTerminal retries), then takes over.
    const from = balancer.accessLog().length;
    const moved = await openLiveTerminal(balancer.url, { cookie: learner.cookieHeader() }, 6 * LEASE_TTL_MS);
    moved.type("cat proof.txt\r");
    expect(await moved.waitFor(PROMPT)).toContain("acknowledged-before-the-kill");
    const after = await db.prisma.terminalSession.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.leaseOwner?.startsWith(`${survivor.child.pid}-`)).toBe(true);

    // Pages keep working: nginx skips the dead instance without a single error.
    for (let i = 0; i < 4; i++) expect((await learner.request(LESSON)).status).toBe(200);
    moved.close();
    await moved.closed;
    const entries = await logEntriesAfter(from, (e) => e.some((x) => x.path === "/api/terminal" && x.status === 101));
    expect(entries.filter((e) => e.status >= 500)).toEqual([]);
    expect(entries.some((e) => e.path === "/api/terminal" && e.status === 101)).toBe(true);
  });
});
