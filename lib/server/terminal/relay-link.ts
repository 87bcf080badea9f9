/**
 * The relaying side of "any tab on any instance" (issue 15): a tab whose cluster another
 * instance holds is piped over one WebSocket to that instance's internal relay path, where it is
 * an ordinary client of the LiveSession. This instance keeps every check of the tab (the gateway
 * validates each message before forwarding it); the holder's frames come back unchanged.
 *
 * Backpressure: while the browser is not reading, the relay socket is paused, so TCP pushes back
 * to the holder and the holder's own lag logic (skip output, redraw on drain) applies. A
 * browser that does not drain within `laggingCloseMs` is closed with 1013, as a local tab is.
 *
 * When the relay ends without saying why (the holder died, the network broke), the tab is told
 * and closed with 4009 so the browser reconnects and lands wherever the cluster runs next.
 */
import "server-only";
import WebSocket from "ws";
import { CLOSE } from "@/lib/terminal/close-codes";
import type { ClientMessage, ServerMessage } from "@/lib/terminal/protocol";
import { RELAY_AUTH_HEADER } from "./relay-auth";
import type { Clock } from "./token-bucket";

export const TERMINAL_RELAY_PATH = "/internal/terminal-relay";
/** Frames from the holder: a replay of the scrollback is the largest (1,000 lines). */
const RELAY_MAX_FRAME_BYTES = 16 * 1024 * 1024;
const CONNECT_TIMEOUT_MS = 5000;

/** Codes the holder closes a tab with that the browser client understands as they are. */
const PASSED_THROUGH = new Set<number>([
  CLOSE.normal,
  CLOSE.policy,
  CLOSE.serverRestart,
  CLOSE.tryAgainLater,
  CLOSE.signedOut,
  CLOSE.notPro,
  CLOSE.sessionMoved,
]);

export interface RelayOptions {
  holderUrl: string;
  token: string;
  clock: Clock;
  maxBufferedBytes: number;
  resumeBufferedBytes: number;
  laggingCloseMs: number;
  /** how often the holder must answer a ping before the relay counts as dead */
  heartbeatMs: number;
}

export interface RelayedTab {
  forward(msg: ClientMessage): void;
  detach(): void;
}

/** Connects `browser` to the holder. Resolves once the relay is open; rejects when the holder refuses or cannot be reached. */
export function relayTab(browser: WebSocket, opts: RelayOptions): Promise<RelayedTab> {
  const url = `${opts.holderUrl.replace(/^http/, "ws")}${TERMINAL_RELAY_PATH}`;
  const upstream = new WebSocket(url, {
    headers: { [RELAY_AUTH_HEADER]: opts.token },
    perMessageDeflate: false,
    maxPayload: RELAY_MAX_FRAME_BYTES,
    handshakeTimeout: CONNECT_TIMEOUT_MS,
  });
  let opened = false;
  let paused = false;
  let lagTimer: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let answered = true;

  const resumeIfDrained = () => {
    if (!paused || browser.bufferedAmount > opts.resumeBufferedBytes) return;
    paused = false;
    clearTimeout(lagTimer);
    upstream.resume();
  };
  upstream.on("message", (data, isBinary) => {
    if (browser.readyState !== browser.OPEN) return;
    // The write callback runs when this frame has left for the kernel: the moment to look again.
    browser.send(data, { binary: isBinary }, resumeIfDrained);
    if (paused || browser.bufferedAmount <= opts.maxBufferedBytes) return;
    paused = true;
    upstream.pause();
    lagTimer = setTimeout(() => {
      if (paused) browser.close(CLOSE.tryAgainLater, "not reading");
    }, opts.laggingCloseMs);
  });
  upstream.on("pong", () => (answered = true));

  return new Promise((resolve, reject) => {
    upstream.once("open", () => {
      opened = true;
      heartbeat = setInterval(() => {
        if (!answered) return upstream.terminate(); // the holder is gone without closing
        answered = false;
        upstream.ping();
      }, opts.heartbeatMs);
      resolve({
        forward(msg) {
          if (upstream.readyState === upstream.OPEN) upstream.send(JSON.stringify(msg));
        },
        detach() {
          if (upstream.readyState === upstream.CONNECTING) upstream.terminate();
          else upstream.close(CLOSE.normal, "tab closed");
        },
      });
    });
    upstream.on("error", (err) => {
      if (!opened) reject(err);
    });
    upstream.on("unexpected-response", (_req, res) => {
      res.resume();
      upstream.terminate();
      reject(new Error(`the holder refused the relay with HTTP ${res.statusCode}`));
    });
    upstream.on("close", (code, reason) => {
      clearTimeout(lagTimer);
      clearInterval(heartbeat);
      if (!opened) return reject(new Error(`relay closed before it opened (${code})`));
      if (browser.readyState !== browser.OPEN) return;
      if (PASSED_THROUGH.has(code)) return browser.close(code, reason.toString());
      const moved: ServerMessage = {
        t: "error",
        code: "session-moved",
        message: "The server running your cluster went away; reconnecting.",
      };
      browser.send(JSON.stringify(moved));
      browser.close(CLOSE.sessionMoved, "session moved");
    });
  });
}
