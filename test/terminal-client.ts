/** A WebSocket terminal client for integration tests: what the browser panel does, minus xterm. */
import WebSocket from "ws";
import type { ServerMessage } from "../lib/terminal/protocol";

export interface TestTerminal {
  ws: WebSocket;
  messages: ServerMessage[];
  /** everything shown so far (replay + output), ANSI included */
  screen(): string;
  send(msg: unknown): void;
  type(text: string): void;
  waitFor(pattern: RegExp | string, timeoutMs?: number): Promise<string>;
  /** Forget what is on screen so far: the next waitFor looks only at new output. */
  skip(): void;
  waitForMessage(pred: (m: ServerMessage) => boolean, timeoutMs?: number): Promise<ServerMessage>;
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

export function openTerminal(
  baseUrl: string,
  opts: { cookie?: string; origin?: string | null; course?: string } = {},
): Promise<TestTerminal> {
  const url = baseUrl.replace(/^http/, "ws") + `/api/terminal?course=${opts.course ?? "kubernetes-pki"}`;
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.cookie = opts.cookie;
  const origin = opts.origin === undefined ? new URL(baseUrl).origin : opts.origin;
  const ws = new WebSocket(url, { headers, ...(origin ? { origin } : {}) });
  const messages: ServerMessage[] = [];
  let screen = "";
  /** expect-style: each waitFor searches after the end of the previous match */
  let cursor = 0;
  const listeners = new Set<() => void>();
  ws.on("message", (data) => {
    const msg = JSON.parse(data.toString()) as ServerMessage;
    messages.push(msg);
    if (msg.t === "output") screen += msg.d;
    if (msg.t === "replay") {
      screen = msg.d;
      cursor = 0;
    }
    listeners.forEach((l) => l());
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const waitUntil = <T>(check: () => T | undefined, timeoutMs: number, what: string) =>
    new Promise<T>((resolve, reject) => {
      const done = () => {
        const v = check();
        if (v !== undefined) {
          listeners.delete(done);
          clearTimeout(t);
          resolve(v);
        }
      };
      const t = setTimeout(() => {
        listeners.delete(done);
        reject(new Error(`timed out waiting for ${what}; screen so far:\n${screen.slice(-2000)}`));
      }, timeoutMs);
      listeners.add(done);
      done();
    });
  const term: TestTerminal = {
    ws,
    messages,
    closed,
    screen: () => screen,
    send: (msg) => ws.send(typeof msg === "string" ? msg : JSON.stringify(msg)),
    type: (text) => ws.send(JSON.stringify({ t: "input", d: text })),
    /** Resolves with the text from the previous match up to and including this one. */
    waitFor: (pattern, timeoutMs = 15_000) =>
      waitUntil(
        () => {
          const tail = screen.slice(cursor);
          let end = -1;
          if (typeof pattern === "string") {
            const i = tail.indexOf(pattern);
            if (i >= 0) end = i + pattern.length;
          } else {
            const m = new RegExp(pattern.source, pattern.flags.replace("g", "")).exec(tail);
            if (m) end = m.index + m[0].length;
          }
          if (end < 0) return undefined;
          cursor += end;
          return tail.slice(0, end);
        },
        timeoutMs,
        String(pattern),
      ),
    skip: () => {
      cursor = screen.length;
    },
    waitForMessage: (pred, timeoutMs = 15_000) => waitUntil(() => messages.find(pred), timeoutMs, "message"),
    close: () => ws.close(),
  };
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(term));
    ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once("error", reject);
  });
}

/** Opens a terminal and waits until it is live, retrying while the cluster is still held by a dead instance (close 1013). */
export async function openLiveTerminal(
  baseUrl: string,
  opts: { cookie?: string; course?: string } = {},
  timeoutMs = 30_000,
): Promise<TestTerminal> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const t = await openTerminal(baseUrl, opts);
    const live = await Promise.race([t.waitForMessage((m) => m.t === "status", timeoutMs).then(() => true), t.closed.then(() => false)]);
    if (live) {
      t.skip();
      return t;
    }
    if (Date.now() > deadline) throw new Error("terminal never became live");
    await new Promise((r) => setTimeout(r, 500));
  }
}
