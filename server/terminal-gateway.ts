/**
 * The terminal's WebSocket endpoint, /api/terminal?course=<slug>, on the app's own port.
 * Everything that can be refused is refused before the 101 and before any simulator work
 * (security.md C1, C2, F1; issue 10 row 3): foreign Origin, a course that does not exist, no or
 * revoked session, no Pro. After that each connection is bounded: frame size (C4), message rate
 * (C5), output backpressure (C6), heartbeat and idle timeout (C7), and a periodic re-check of
 * the session and Pro (C3, A8). What the messages make the server do is budgeted per learner,
 * across their tabs and courses, by the session manager (lib/server/terminal/learner-budget.ts).
 *
 * Any tab on any instance (issue 15): when another live instance holds the learner's cluster,
 * the tab is relayed to it (lib/server/terminal/relay-link.ts) after the same checks, and each
 * message is still validated and rate-limited here. The holder accepts relays on
 * TERMINAL_RELAY_PATH only with a valid relay token (relay-auth.ts, security.md C9), checked
 * before the 101 and before any work, and never relays a relayed tab further.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { sessionTokenFromCookieHeader, userFromSessionToken } from "../lib/server/auth/session-token";
import { RELAY_AUTH_HEADER, signRelayToken, verifyRelayToken } from "../lib/server/terminal/relay-auth";
import { relayTab } from "../lib/server/terminal/relay-link";
import { SessionBusyError, type SessionManager } from "../lib/server/terminal/session-manager";
import { systemClock, TokenBucket, type Clock } from "../lib/server/terminal/token-bucket";
import { CLOSE, MAX_FRAME_BYTES, parseClientMessage, type ServerMessage } from "../lib/terminal/protocol";
import { localTab, OUTPUT_LIMITS, type Tab } from "./terminal-tab";

export const TERMINAL_PATH = "/api/terminal";
const COURSE_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;

export const LIMITS = {
  messagesPerSecond: 100,
  messageBurst: 200,
  ...OUTPUT_LIMITS,
  heartbeatMs: 30_000,
  idleCloseMs: 15 * 60_000,
  recheckMs: 30_000,
  perUser: 5,
  perIp: 10,
};

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.write(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${reason.length}\r\n\r\n${reason}`,
  );
  socket.destroy();
}

export interface GatewayDeps {
  /** Origins a browser tab of this site may connect from (security.md C1). */
  acceptedOrigins: readonly string[];
  sessions: SessionManager;
  /** Whether a course exists (the catalogue): anything else is refused before any work. */
  courseExists: (slug: string) => Promise<boolean>;
  clientIp: (req: IncomingMessage) => string;
  maxPerIp?: number;
  /** How often an open terminal re-checks the session and Pro (TERMINAL_RECHECK_MS). */
  recheckMs?: number;
  clock?: Clock;
  /** This instance's relay key (from AUTH_SECRET) and its own address (INSTANCE_URL). */
  relay: { key: Buffer; instanceUrl: string };
}

/**
 * Who a connection is for. `cookie` is the learner's session token on a browser tab; a tab
 * relayed from another instance has none (that instance re-checks it) and names the cluster row
 * its relay token was made for.
 */
type Peer = { userId: string; course: string } & ({ cookie: string } | { cookie: null; sessionId: string });

/** Written into the terminal when a learner's Pro ends while it is open. */
export const PRO_ENDED_BANNER =
  "\r\n\x1b[1;33mYour Kubeyard Pro access has ended, so this terminal is now closed.\x1b[0m\r\n" +
  "Your cluster and its history are kept. Upgrade again on the Pricing page to continue.\r\n";

export function createTerminalGateway(deps: GatewayDeps) {
  const maxPerIp = deps.maxPerIp ?? LIMITS.perIp;
  const recheckMs = deps.recheckMs ?? LIMITS.recheckMs;
  const clock = deps.clock ?? systemClock;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  const perUser = new Map<string, number>();
  const perIp = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string, d: number) => {
    const v = (m.get(k) ?? 0) + d;
    if (v <= 0) m.delete(k);
    else m.set(k, v);
  };

  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on("error", () => socket.destroy());
    if (!deps.acceptedOrigins.includes(req.headers.origin ?? "")) return refuse(socket, 403, "Forbidden");
    const course = new URLSearchParams((req.url ?? "").split("?")[1] ?? "").get("course") ?? "";
    if (!COURSE_RE.test(course)) return refuse(socket, 400, "Bad Request");
    if (!(await deps.courseExists(course))) return refuse(socket, 404, "Not Found");
    const token = sessionTokenFromCookieHeader(req.headers.cookie);
    const user = token ? await userFromSessionToken(token).catch(() => null) : null;
    if (!token || !user) return refuse(socket, 401, "Unauthorized");
    if (!user.isPro) return refuse(socket, 403, "Forbidden");
    const ip = deps.clientIp(req);
    if ((perUser.get(user.id) ?? 0) >= LIMITS.perUser || (perIp.get(ip) ?? 0) >= maxPerIp) return refuse(socket, 429, "Too Many Requests");
    if (socket.destroyed) return; // the client went away while its session was checked
    inc(perUser, user.id, 1);
    inc(perIp, ip, 1);
    // The slot is given back when the socket closes, upgraded or not: ws aborts a malformed
    // handshake (bad Sec-WebSocket-Key/Version) or a half-closed socket without calling back,
    // and those must not keep a slot forever.
    socket.once("close", () => {
      inc(perUser, user.id, -1);
      inc(perIp, ip, -1);
    });
    wss.handleUpgrade(req, socket, head, (ws) => void attach(ws, { userId: user.id, course, cookie: token }));
  }

  /** Another instance relays a tab of a cluster this one holds: its relay token is all it has to show. */
  function handleRelayUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on("error", () => socket.destroy());
    const header = req.headers[RELAY_AUTH_HEADER];
    const claims = verifyRelayToken(deps.relay.key, typeof header === "string" ? header : undefined, "terminal", clock.now());
    if (!claims) return refuse(socket, 401, "Unauthorized");
    wss.handleUpgrade(
      req,
      socket,
      head,
      (ws) => void attach(ws, { userId: claims.userId, course: claims.clusterKey, cookie: null, sessionId: claims.sessionId }),
    );
  }

  /** The tab's cluster here, or relayed to the instance that holds it; null when the tab was closed with the reason. */
  async function openTab(ws: WebSocket, peer: Peer): Promise<Tab | null> {
    const send = (msg: ServerMessage) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(msg));
    try {
      const session = await deps.sessions.open(peer.userId, peer.course);
      if (peer.cookie === null && session.sessionId !== peer.sessionId) {
        ws.close(CLOSE.sessionMoved, "session moved");
        return null;
      }
      return localTab(ws, session, deps.sessions, clock);
    } catch (err) {
      if (!(err instanceof SessionBusyError)) {
        console.error("terminal attach:", err);
        send({ t: "error", code: "internal", message: "Could not load your cluster." });
        ws.close(CLOSE.tryAgainLater, "error");
        return null;
      }
      // A relayed tab is never relayed again, and an instance never relays to its own address.
      const mayRelay = peer.cookie !== null && err.holderUrl !== null && err.holderUrl !== deps.relay.instanceUrl;
      const tab = mayRelay ? await relayTo(ws, peer, err).catch(() => null) : null;
      if (tab) return tab;
      send({ t: "error", code: "busy", message: err.message });
      ws.close(CLOSE.tryAgainLater, "busy");
      return null;
    }
  }

  async function relayTo(ws: WebSocket, peer: Peer, busy: SessionBusyError): Promise<Tab | null> {
    if (!busy.holderUrl) return null;
    const token = signRelayToken(
      deps.relay.key,
      { purpose: "terminal", userId: peer.userId, clusterKey: peer.course, sessionId: busy.sessionId },
      clock.now(),
    );
    const relay = await relayTab(ws, { holderUrl: busy.holderUrl, token, clock, heartbeatMs: LIMITS.heartbeatMs, ...OUTPUT_LIMITS });
    if (ws.readyState !== ws.OPEN) {
      relay.detach(); // the tab went away while the relay was being opened
      return null;
    }
    return { handle: (msg) => relay.forward(msg), detach: () => relay.detach() };
  }

  async function attach(ws: WebSocket, peer: Peer): Promise<void> {
    const send = (msg: ServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
    };
    const tab = await openTab(ws, peer);
    if (!tab) return;
    const cookie = peer.cookie;

    const messages = new TokenBucket(LIMITS.messagesPerSecond, LIMITS.messageBurst, clock);
    let strikes = 0;
    let alive = true;
    let lastInput = clock.now();

    const timers = [
      setInterval(() => {
        if (!alive) return ws.terminate(); // no pong since the last ping: the peer is gone
        alive = false;
        ws.ping();
        if (clock.now() - lastInput > LIMITS.idleCloseMs) ws.close(CLOSE.normal, "idle");
      }, LIMITS.heartbeatMs),
      // a relayed tab is re-checked by the instance that holds its cookie
      ...(cookie === null ? [] : [setInterval(() => void recheck(cookie), recheckMs)]),
    ];
    async function recheck(cookie: string): Promise<void> {
      const now = await userFromSessionToken(cookie).catch(() => undefined);
      if (now === undefined) return; // database hiccup: try again next round
      if (!now) ws.close(CLOSE.signedOut, "signed out");
      else if (!now.isPro) {
        // Pro ended (expired, revoked, refunded) while connected: isPro() decided it inside
        // userFromSessionToken. Say so in the terminal itself before closing, so the learner
        // sees why, then close with 4003 (the panel shows the upgrade gate).
        send({ t: "output", d: PRO_ENDED_BANNER });
        send({ t: "error", code: "not-pro", message: "Your Pro access has ended." });
        ws.close(CLOSE.notPro, "Pro ended");
      }
    }
    ws.on("pong", () => (alive = true));
    ws.on("close", () => {
      timers.forEach(clearInterval);
      tab.detach();
    });

    ws.on("message", (data, isBinary) => {
      if (!messages.take()) {
        if (++strikes > LIMITS.messageBurst) return ws.close(CLOSE.policy, "rate limit");
        return send({ t: "error", code: "rate-limited", message: "Too many messages; slow down." });
      }
      if (isBinary) return send({ t: "error", code: "bad-message", message: "Binary frames are not accepted." });
      const parsed = parseClientMessage(
        Buffer.isBuffer(data) ? data.toString("utf8") : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString("utf8"),
      );
      if (!parsed.ok) return send({ t: "error", code: "bad-message", message: parsed.error });
      const msg = parsed.msg;
      if (msg.t === "ping") return send({ t: "pong", id: msg.id });
      if (msg.t !== "resize") lastInput = clock.now();
      tab.handle(msg);
    });
  }

  return {
    handleUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      handleUpgrade(req, socket, head).catch((err) => {
        console.error("terminal upgrade:", err);
        refuse(socket, 500, "Internal Server Error");
      }),
    handleRelayUpgrade,
    close: () => {
      for (const ws of wss.clients) ws.close(CLOSE.serverRestart, "server restarting");
      wss.close();
    },
  };
}
