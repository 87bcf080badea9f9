/**
 * The terminal gateway's per-connection bounds against the real server and PostgreSQL
 * (security.md C5, C6, C7) and the ordering of one learner's commands across tabs (E2, E3).
 * No assertion depends on wall-clock speed: waits are there only to let a window pass or to
 * avoid hanging, and every check counts something the server did.
 */
import { request } from "node:http";
import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "../../server/terminal-gateway";
import { BUDGETS } from "../../lib/server/terminal/learner-budget";
import { decodeText } from "../../lib/server/terminal/lossless-text";
import type { ServerMessage } from "../../lib/terminal/protocol";
import { HttpClient } from "../http-client";
import { withTestServer } from "../harness";
import { startTestServer, type TestServer } from "../server";
import { openLiveTerminal, openTerminal, type TestTerminal } from "../terminal-client";

const PROMPT = "controlplane:~$ ";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function learner(base: string, tag: string): Promise<HttpClient> {
  const c = new HttpClient(base);
  const email = `${tag}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@int.test`;
  expect((await c.postJson("/api/auth/sign-up", { email, password: "a long passphrase here" })).status).toBe(201);
  expect(await c.signIn(email, "a long passphrase here")).toBeNull();
  expect((await c.postJson("/api/billing/upgrade", {})).status).toBe(200);
  return c;
}

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: h.db.url });
  c.on("error", () => undefined);
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end().catch(() => undefined);
  }
}

function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

const sessionIdOf = (t: TestTerminal) => (t.messages.find((m) => m.t === "status") as Extract<ServerMessage, { t: "status" }>).sessionId;
const isError = (code: string, re?: RegExp) => (m: ServerMessage) => m.t === "error" && m.code === code && (!re || re.test(m.message));

/** A WebSocket upgrade with a valid cookie and Origin but an unsupported Sec-WebSocket-Version: ws answers 400 itself. */
function malformedUpgrade(base: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/api/terminal?course=kubernetes-pki`, {
      headers: {
        connection: "Upgrade",
        upgrade: "websocket",
        origin: new URL(base).origin,
        cookie,
        "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
        "sec-websocket-version": "99",
      },
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("upgrade", (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on("error", reject);
    req.end();
  });
}

/** Opens a terminal, retrying while a just-closed one has not given its slot back yet (HTTP 429). */
async function openWhenSlotFree(base: string, cookie: string, attempts = 50): Promise<TestTerminal> {
  for (let i = 0; ; i++) {
    try {
      return await openLiveTerminal(base, { cookie });
    } catch (err) {
      if (!/HTTP 429/.test(String(err)) || i >= attempts) throw err;
      await sleep(100);
    }
  }
}

const h = withTestServer();

describe("C5: rate limits per connection", () => {
  it("answers a message flood with rate-limited errors, then closes it with 1008", async () => {
    const c = await learner(h.url, "flood");
    const t = await openLiveTerminal(h.url, { cookie: c.cookieHeader() });
    const N = 1000; // five times the burst, sent at once
    for (let i = 0; i < N; i++) t.send({ t: "ping", id: i });
    const closed = await t.closed;
    expect(closed).toEqual({ code: 1008, reason: "rate limit" });
    const pongs = t.messages.filter((m) => m.t === "pong").length;
    const limited = t.messages.filter(isError("rate-limited", /Too many messages/)).length;
    // The gateway warns first (one error per refused message) and closes after `messageBurst` refusals.
    expect(limited).toBe(LIMITS.messageBurst);
    expect(pongs).toBeGreaterThanOrEqual(LIMITS.messageBurst); // the burst itself was served
    expect(pongs + limited).toBeLessThan(N); // the rest was never processed
  });

  it("runs every command of a burst past the learner's budget, once each and in order (paced, not dropped)", async () => {
    const c = await learner(h.url, "cmdburst");
    const t = await openLiveTerminal(h.url, { cookie: c.cookieHeader() });
    const N = BUDGETS.commandBurst + 15;
    for (let i = 0; i < N; i++) t.type(`echo c${i} >> burst.txt\r`);
    t.type("wc -l burst.txt && tail -n 1 burst.txt\r");
    // wc's own line, then tail's (not the echoed command, which also ends in "1 burst.txt")
    const out = await t.waitFor(/\r\n\d+ burst\.txt\r\nc\d+\r\n/, 60_000);
    expect(out).toContain(`${N} burst.txt\r\nc${N - 1}\r\n`);
    expect(t.messages.filter((m) => m.t === "error")).toEqual([]);
    expect(t.ws.readyState).toBe(t.ws.OPEN);
    t.close();
  });

  it("runs a paste longer than the burst, and the commands typed after it", async () => {
    const c = await learner(h.url, "bigpaste");
    const t = await openLiveTerminal(h.url, { cookie: c.cookieHeader() });
    const N = BUDGETS.commandBurst + 10;
    const paste = Array.from({ length: N }, (_, i) => `echo p${i} >> paste.txt`).join("\r") + "\r";
    t.type(`\x1b[200~${paste}\x1b[201~`); // one bracketed paste: one message
    t.type("wc -l paste.txt\r");
    expect(await t.waitFor(/\d+ paste\.txt\r\n/, 60_000)).toContain(`${N} paste.txt`);
    expect(t.messages.filter((m) => m.t === "error")).toHaveLength(0);
    t.close();
  });

  it("leaves another learner's terminal untouched while one floods", async () => {
    const [a, b] = [await learner(h.url, "flooder"), await learner(h.url, "bystander")];
    const flooder = await openLiveTerminal(h.url, { cookie: a.cookieHeader() });
    const other = await openLiveTerminal(h.url, { cookie: b.cookieHeader() });
    const flooding = (async () => {
      for (let round = 0; flooder.ws.readyState === flooder.ws.OPEN && round < 50; round++) {
        for (let i = 0; i < 100; i++) flooder.type(`echo flood-${round}-${i}\r`);
        await sleep(10);
      }
    })();
    for (let i = 0; i < 10; i++) {
      other.type(`echo calm-${i}\r`);
      await other.waitFor(`calm-${i}\r\ncalm-${i}\r\n${PROMPT}`, 30_000);
    }
    await flooding;
    expect((await flooder.closed).code).toBe(1008);
    other.type("echo after-flood\r");
    await other.waitFor(`after-flood\r\nafter-flood\r\n${PROMPT}`);
    expect(other.messages.filter((m) => m.t === "error")).toEqual([]);
    expect(other.ws.readyState).toBe(other.ws.OPEN);
    other.close();
  });
});

describe("C6: backpressure on a client that stops reading", () => {
  it("stops sending at the buffer bound, closes with 1013 after the lag window, and keeps RSS bounded", async () => {
    const c = await learner(h.url, "slowreader");
    // Four tabs that will stop reading, and one that keeps reading.
    const tabs: TestTerminal[] = [];
    for (let i = 0; i < LIMITS.perUser; i++) tabs.push(await openLiveTerminal(h.url, { cookie: c.cookieHeader() }));
    const reader = tabs.pop()!;
    const received = tabs.map(() => 0);
    tabs.forEach((t, i) => t.ws.on("message", (d: Buffer) => (received[i] += d.length)));
    // Output without database churn, so RSS measures buffering: a 3000-character line being
    // edited, redrawn by Ctrl-L (clear screen + prompt + line) 4096 times per message.
    const LINE = "x".repeat(3000);
    reader.type(LINE);
    await reader.waitFor(LINE);
    await sleep(200);
    const rssBefore = rssBytes(h.server.child.pid!);

    for (const t of tabs) (t.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const PER_MESSAGE = 4096;
    for (const t of tabs) t.type("\x0c".repeat(PER_MESSAGE));
    // What each tab was sent: unbounded, each paused tab would now hold ≈ 50 MB in the h.server.
    const produced = tabs.length * PER_MESSAGE * JSON.stringify({ t: "output", d: `\x1b[H\x1b[2J${PROMPT}${LINE}` }).length;
    // The reading tab's next command runs after those redraws (one queue per session); it may
    // itself have been skipped while lagging, then redrawn from the scrollback. Watched on the
    // raw frames (its output + the next prompt, live or in a redraw): waitFor would rescan tens
    // of MB of screen on every frame.
    let synced = false;
    reader.ws.on("message", (d: Buffer) => (synced ||= d.includes(`sync-done\\r\\n${PROMPT}`)));
    await sleep(500);
    reader.type("\x15echo sync-done\r");
    const syncDeadline = Date.now() + 60_000;
    while (!synced) {
      if (Date.now() > syncDeadline) {
        const why = reader.ws.readyState === reader.ws.OPEN ? "still open" : JSON.stringify(await reader.closed);
        throw new Error(
          `the reading tab never saw its command run (${why}; last frames: ${JSON.stringify(reader.messages.slice(-3)).slice(0, 600)})`,
        );
      }
      await sleep(100);
    }
    reader.skip();
    const rssAfter = rssBytes(h.server.child.pid!);

    // No more output is coming: the lag window has to end by itself, not on a next send.
    await sleep(LIMITS.laggingCloseMs + 1500);
    for (const t of tabs) (t.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    const closes = await Promise.race([
      Promise.all(tabs.map((t) => t.closed)),
      sleep(20_000).then(() => tabs.map(() => ({ code: -1, reason: "still open 20 s after it resumed reading" }))),
    ]);
    expect(closes).toEqual(tabs.map(() => ({ code: 1013, reason: "not reading" })));
    // What reached each paused tab: the 1 MiB user-space bound plus what the kernel's socket
    // buffers held (≤ 4 MiB send buffer on loopback), far below what was produced for it.
    for (const r of received) expect(r).toBeLessThan(LIMITS.maxBufferedBytes + 8 * 2 ** 20);
    const growth = rssAfter - rssBefore;
    console.log(
      `C6: produced ${(produced / 2 ** 20).toFixed(1)} MiB per tab; paused tabs received ${received.map((r) => (r / 2 ** 20).toFixed(1)).join("/")} MiB; server RSS +${(growth / 2 ** 20).toFixed(1)} MiB`,
    );
    expect(growth).toBeLessThan(64 * 2 ** 20);
    // The tab that kept reading is still open and usable (a slow tab does not take it down).
    expect(reader.ws.readyState).toBe(reader.ws.OPEN);
    reader.type("echo reader-ok\r");
    await reader.waitFor("reader-ok\r\nreader-ok\r\n");
    reader.close();
  });
});

describe("C7: connection caps", () => {
  it(`refuses the ${LIMITS.perUser + 1}th terminal of one learner with HTTP 429 and frees the slot on close`, async () => {
    const c = await learner(h.url, "tabs");
    const tabs: TestTerminal[] = [];
    for (let i = 0; i < LIMITS.perUser; i++) tabs.push(await openLiveTerminal(h.url, { cookie: c.cookieHeader() }));
    await expect(openTerminal(h.url, { cookie: c.cookieHeader() })).rejects.toThrow("HTTP 429");
    // another learner is not counted against this one
    const other = await learner(h.url, "tabs-other");
    const o = await openLiveTerminal(h.url, { cookie: other.cookieHeader() });
    o.close();
    tabs.pop()!.close();
    tabs.push(await openWhenSlotFree(h.url, c.cookieHeader()));
    await expect(openTerminal(h.url, { cookie: c.cookieHeader() })).rejects.toThrow("HTTP 429");
    tabs.forEach((t) => t.close());
  });

  it("does not leak a slot on a handshake that ws refuses after the checks", async () => {
    const c = await learner(h.url, "badhandshake");
    for (let i = 0; i < LIMITS.perUser + 2; i++) expect(await malformedUpgrade(h.url, c.cookieHeader())).toBe(400);
    const tabs: TestTerminal[] = [];
    for (let i = 0; i < LIMITS.perUser; i++) tabs.push(await openWhenSlotFree(h.url, c.cookieHeader()));
    await expect(openTerminal(h.url, { cookie: c.cookieHeader() })).rejects.toThrow("HTTP 429");
    tabs.forEach((t) => t.close());
  });

  describe("per IP (TERMINAL_MAX_PER_IP=3)", () => {
    let ipServer: TestServer;
    beforeAll(async () => {
      ipServer = await startTestServer({ databaseUrl: h.db.url, env: { TERMINAL_MAX_PER_IP: "3" } });
    });
    afterAll(async () => {
      await ipServer?.stop();
    });

    it("refuses the 4th terminal from one address, whoever the learner is", async () => {
      const [x, y, z] = [await learner(ipServer.url, "ipx"), await learner(ipServer.url, "ipy"), await learner(ipServer.url, "ipz")];
      const open = [
        await openLiveTerminal(ipServer.url, { cookie: x.cookieHeader() }),
        await openLiveTerminal(ipServer.url, { cookie: x.cookieHeader() }),
        await openLiveTerminal(ipServer.url, { cookie: y.cookieHeader() }),
      ];
      await expect(openTerminal(ipServer.url, { cookie: y.cookieHeader() })).rejects.toThrow("HTTP 429");
      await expect(openTerminal(ipServer.url, { cookie: z.cookieHeader() })).rejects.toThrow("HTTP 429");
      open.shift()!.close();
      open.push(await openWhenSlotFree(ipServer.url, z.cookieHeader()));
      await expect(openTerminal(ipServer.url, { cookie: x.cookieHeader() })).rejects.toThrow("HTTP 429");
      open.forEach((t) => t.close());
    });
  });
});

describe("E2/E3: two tabs of one learner, interleaved commands", () => {
  it("runs every command exactly once and logs them with gapless sequence numbers", async () => {
    const c = await learner(h.url, "twotabs");
    const a = await openLiveTerminal(h.url, { cookie: c.cookieHeader() });
    const b = await openLiveTerminal(h.url, { cookie: c.cookieHeader() });
    const sessionId = sessionIdOf(a);
    expect(sessionIdOf(b)).toBe(sessionId);
    const N = 100;
    // Each tab waits for its own command to come back before the next; the two tabs race each
    // other freely, paced together by the learner's one command budget.
    const drive = async (t: TestTerminal, tag: string) => {
      for (let i = 0; i < N; i++) {
        const line = `echo ${tag}${i} >> log.txt`;
        t.type(`${line}\r`);
        await t.waitFor(`${line}\r\n${PROMPT}`, 30_000);
      }
    };
    await Promise.all([drive(a, "a"), drive(b, "b")]);
    expect([...a.messages, ...b.messages].filter((m) => m.t === "error")).toEqual([]);

    a.type("wc -l log.txt\r");
    expect(await a.waitFor(/\d+ log\.txt\r\n/)).toMatch(new RegExp(`(^|\\n)${2 * N} log\\.txt\\r\\n$`));
    a.type("sort log.txt | uniq | wc -l\r");
    expect(await a.waitFor(new RegExp(`wc -l\\r\\n\\d+\\r\\n`))).toMatch(new RegExp(`\\r\\n${2 * N}\\r\\n$`));
    await a.waitFor(PROMPT);

    const rows = await sql<{ seq: number; line: Uint8Array; command_id: string }>(
      "select seq, line, command_id from terminal_events where session_id = $1 order by seq",
      [sessionId],
    );
    // lines are stored as WTF-8 bytes (docs/decisions.md, "Terminal text is stored as WTF-8 bytes")
    const events = rows.map((r) => ({ ...r, line: decodeText(r.line) }));
    const [{ last_seq }] = await sql<{ last_seq: number }>("select last_seq from terminal_sessions where id = $1", [sessionId]);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: last_seq }, (_, i) => i + 1));
    expect(new Set(events.map((e) => e.command_id)).size).toBe(events.length);
    const echoes = events.map((e) => e.line).filter((l) => /^echo [ab]\d+ >> log\.txt$/.test(l));
    expect(echoes.length).toBe(2 * N);
    expect(new Set(echoes).size).toBe(2 * N);
    // each tab's own commands stay in the order it sent them
    for (const tag of ["a", "b"]) {
      const mine = echoes.filter((l) => l.startsWith(`echo ${tag}`)).map((l) => Number(/\d+/.exec(l)![0]));
      expect(mine).toEqual(Array.from({ length: N }, (_, i) => i));
    }
    a.close();
    b.close();
  });
});
