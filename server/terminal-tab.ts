/**
 * A browser tab (or a tab relayed from another instance) attached to a cluster this instance
 * runs: the tab is one client of the LiveSession. Its output is paced by the socket's buffer
 * (security.md C6): while the peer is not reading, output is skipped and the screen redrawn once
 * it drains; a peer that does not drain within LIMITS.laggingCloseMs is closed with 1013.
 */
import type { WebSocket } from "ws";
import type { SessionManager } from "../lib/server/terminal/session-manager";
import type { LiveSession, TerminalClient } from "../lib/server/terminal/live-session";
import type { Clock } from "../lib/server/terminal/token-bucket";
import { CLOSE, type ClientMessage, type ServerMessage } from "../lib/terminal/protocol";

/** What the gateway does with a tab's validated messages, wherever its cluster runs. */
export interface Tab {
  handle(msg: Exclude<ClientMessage, { t: "ping" }>): void;
  detach(): void;
}

export const OUTPUT_LIMITS = {
  maxBufferedBytes: 1024 * 1024,
  resumeBufferedBytes: 256 * 1024,
  laggingCloseMs: 10_000,
};

const CLOSE_REASON: Record<number, string> = { [CLOSE.signedOut]: "signed out", [CLOSE.sessionMoved]: "session moved" };

export function localTab(ws: WebSocket, session: LiveSession, sessions: SessionManager, clock: Clock): Tab {
  const send = (msg: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };
  let laggingSince: number | null = null;
  // Decides at the end of the lag window even when no further output comes to trigger send().
  let lagTimer: NodeJS.Timeout | undefined;
  const lagDeadline = () => {
    lagTimer = undefined;
    if (laggingSince === null || ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > OUTPUT_LIMITS.resumeBufferedBytes) return ws.close(CLOSE.tryAgainLater, "not reading");
    laggingSince = null;
    session.attach(client); // drained meanwhile: full redraw replaces what was skipped
  };
  const client: TerminalClient & { close(code: number): void } = {
    send(msg) {
      if (ws.readyState !== ws.OPEN) return;
      if (laggingSince !== null) {
        if (ws.bufferedAmount > OUTPUT_LIMITS.resumeBufferedBytes) {
          if (clock.now() - laggingSince > OUTPUT_LIMITS.laggingCloseMs) ws.close(CLOSE.tryAgainLater, "not reading");
          return;
        }
        laggingSince = null;
        clearTimeout(lagTimer);
        session.attach(client); // full redraw replaces what was skipped
        return;
      }
      if (ws.bufferedAmount > OUTPUT_LIMITS.maxBufferedBytes) {
        laggingSince = clock.now();
        lagTimer = setTimeout(lagDeadline, OUTPUT_LIMITS.laggingCloseMs);
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

  return {
    detach() {
      clearTimeout(lagTimer);
      session.detach(client);
    },
    handle(msg) {
      switch (msg.t) {
        case "resize":
          return session.resize(client, msg.cols, msg.rows);
        case "input":
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
          return void session.run(msg.id, msg.line).then(() => send({ t: "ran", id: msg.id }));
        case "reset":
          return void sessions.reset(session, client).then(
            (r) => (r.ok ? undefined : send({ t: "error", code: "rate-limited", message: r.message })),
            (err: unknown) => {
              console.error("terminal reset:", err);
              send({ t: "error", code: "internal", message: "The cluster could not be reset; it is unchanged." });
            },
          );
      }
    },
  };
}
