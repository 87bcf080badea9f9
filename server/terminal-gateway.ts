/**
 * The terminal's WebSocket endpoint, /api/terminal?course=<slug>, on the app's own port.
 * Everything that can be refused is refused before the 101 and before any simulator work
 * (security.md C1, C2, F1; issue 10 row 3): foreign Origin, a course that does not exist, no or
 * revoked session, no Pro. After that each connection is bounded: frame size (C4), message rate
 * (C5), output backpressure (C6), heartbeat and idle timeout (C7), and a periodic re-check of
 * the session and Pro (C3, A8). What the messages make the server do is budgeted per learner,
 * across their tabs and courses, by the session manager (lib/server/terminal/learner-budget.ts).
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { sessionTokenFromCookieHeader, userFromSessionToken } from "../lib/server/auth/session-token";
import type { SessionUser } from "../lib/server/auth/session-user";
import { SessionBusyError, type SessionManager } from "../lib/server/terminal/session-manager";
import type { LiveSession, TerminalClient } from "../lib/server/terminal/live-session";
import { systemClock, TokenBucket, type Clock } from "../lib/server/terminal/token-bucket";
import { CLOSE, MAX_FRAME_BYTES, parseClientMessage, type ServerMessage } from "../lib/terminal/protocol";

export const TERMINAL_PATH = "/api/terminal";
const COURSE_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;

export const LIMITS = {
  messagesPerSecond: 100,
  messageBurst: 200,
  maxBufferedBytes: 1024 * 1024,
  resumeBufferedBytes: 256 * 1024,
  laggingCloseMs: 10_000,
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
}

/** Written into the terminal when a learner's Pro ends while it is open. */
export const PRO_ENDED_BANNER =
  "\r\n\x1b[1;33mYour Kubeyard Pro access has ended, so this terminal is now closed.\x1b[0m\r\n" +
  "Your cluster and its history are kept. Upgrade again on the Pricing page to continue.\r\n";

const CLOSE_REASON: Record<number, string> = { [CLOSE.signedOut]: "signed out", [CLOSE.sessionMoved]: "session moved" };

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
    wss.handleUpgrade(req, socket, head, (ws) => void attach(ws, user, course, token));
  }

  async function attach(ws: WebSocket, user: SessionUser, course: string, token: string): Promise<void> {
    const send = (msg: ServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
    };
    let session: LiveSession;
    try {
      session = await deps.sessions.open(user.id, course);
    } catch (err) {
      const busy = err instanceof SessionBusyError;
      send({ t: "error", code: busy ? "busy" : "internal", message: busy ? err.message : "Could not load your cluster." });
      if (!busy) console.error("terminal attach:", err);
      return ws.close(CLOSE.tryAgainLater, busy ? "busy" : "error");
    }

    // Output backpressure: while the browser is not reading, skip output; redraw once it drains.
    let laggingSince: number | null = null;
    // Decides at the end of the lag window even when no further output comes to trigger send().
    let lagTimer: NodeJS.Timeout | undefined;
    const lagDeadline = () => {
      lagTimer = undefined;
      if (laggingSince === null || ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > LIMITS.resumeBufferedBytes) return ws.close(CLOSE.tryAgainLater, "not reading");
      laggingSince = null;
      session.attach(client); // drained meanwhile: full redraw replaces what was skipped
    };
    const client: TerminalClient & { close(code: number): void } = {
      send(msg) {
        if (ws.readyState !== ws.OPEN) return;
        if (laggingSince !== null) {
          if (ws.bufferedAmount > LIMITS.resumeBufferedBytes) {
            if (clock.now() - laggingSince > LIMITS.laggingCloseMs) ws.close(CLOSE.tryAgainLater, "not reading");
            return;
          }
          laggingSince = null;
          clearTimeout(lagTimer);
          session.attach(client); // full redraw replaces what was skipped
          return;
        }
        if (ws.bufferedAmount > LIMITS.maxBufferedBytes) {
          laggingSince = clock.now();
          lagTimer = setTimeout(lagDeadline, LIMITS.laggingCloseMs);
          return;
        }
        send(msg);
      },
      close(code) {
        ws.close(code, CLOSE_REASON[code] ?? "closed");
      },
    };
    session.attach(client);
    send({ t: "status", state: "live", sessionId: session.sessionId, tabs: session.clients.size });

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
      setInterval(() => void recheck(), recheckMs),
    ];
    async function recheck(): Promise<void> {
      const now = await userFromSessionToken(token).catch(() => undefined);
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
      clearTimeout(lagTimer);
      session.detach(client);
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
      switch (msg.t) {
        case "ping":
          return send({ t: "pong", id: msg.id });
        case "resize":
          return session.resize(client, msg.cols, msg.rows);
        case "input":
          lastInput = clock.now();
          if (session.input(msg.d, client)) return;
          send({
            t: "error",
            code: "busy",
            message: "Input not taken: your terminal is still running earlier input. Wait for it to finish.",
          });
          return session.notify(
            "Input not taken: your terminal is still running earlier input (a long paste). Wait for it to finish, then try again.",
            client,
          );
        case "run":
          lastInput = clock.now();
          return void session.run(msg.id, msg.line).then(() => send({ t: "ran", id: msg.id }));
        case "reset":
          lastInput = clock.now();
          return void deps.sessions.reset(session, client).then(
            (r) => (r.ok ? undefined : send({ t: "error", code: "rate-limited", message: r.message })),
            (err: unknown) => {
              console.error("terminal reset:", err);
              send({ t: "error", code: "internal", message: "The cluster could not be reset; it is unchanged." });
            },
          );
      }
    });
  }

  return {
    handleUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      handleUpgrade(req, socket, head).catch((err) => {
        console.error("terminal upgrade:", err);
        refuse(socket, 500, "Internal Server Error");
      }),
    close: () => {
      for (const ws of wss.clients) ws.close(CLOSE.serverRestart, "server restarting");
      wss.close();
    },
  };
}
