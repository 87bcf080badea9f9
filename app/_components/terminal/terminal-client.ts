/**
 * Browser side of the terminal protocol: one WebSocket to /api/terminal, reconnecting with
 * exponential backoff (0.5 s → 10 s, with jitter) and resuming the same server-side session.
 * Keeps no terminal state of its own: the server replays the screen on every (re)attach.
 */
import type { ClientMessage, ConnectionState, ServerMessage } from "@/lib/terminal/protocol";
import { CLOSE } from "@/lib/terminal/close-codes";

/** The protocol's limit per input message (lib/terminal/protocol.ts; that module carries zod, so it is not imported here). */
const MAX_INPUT_CHARS = 4096;

export interface TerminalClientEvents {
  onData(data: string, replay: boolean): void;
  onState(state: ConnectionState, detail?: string): void;
  /** who has the keyboard: the shell's line editor, or a full-screen program that takes every key raw */
  onMode(mode: "raw" | "line"): void;
  /** the session is attached: the server wants this tab's size */
  onLive(): void;
}

export class TerminalConnection {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  /** "run" messages waiting for a live connection (ids make resends harmless) */
  private pendingRuns: ClientMessage[] = [];
  state: ConnectionState = "connecting";

  constructor(
    private readonly course: string,
    private readonly events: TerminalClientEvents,
  ) {}

  connect(): void {
    this.stopped = false;
    if (this.timer) clearTimeout(this.timer);
    const proto = location.protocol === "https:" ? "wss:" : "ws:";
    const ws = new WebSocket(`${proto}//${location.host}/api/terminal?course=${encodeURIComponent(this.course)}`);
    this.ws = ws;
    this.setState(this.attempt === 0 ? "connecting" : "reconnecting");
    ws.onmessage = (ev) => this.handle(JSON.parse(String(ev.data)) as ServerMessage);
    ws.onclose = (ev) => void this.closed(ev.code, ev.reason);
  }

  send(msg: ClientMessage): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN || this.state !== "live") return false;
    this.ws.send(JSON.stringify(msg));
    return true;
  }

  input(data: string): void {
    // xterm can hand over a large paste at once; the protocol takes 4 KiB per message. The
    // server puts a paste back together (and runs or refuses it whole); a cut never splits a
    // surrogate pair, so no message carries half a character.
    for (let i = 0; i < data.length;) {
      let end = Math.min(data.length, i + MAX_INPUT_CHARS);
      const last = data.charCodeAt(end - 1);
      if (end < data.length && last >= 0xd800 && last <= 0xdbff) end--;
      this.send({ t: "input", d: data.slice(i, end) });
      i = end;
    }
  }

  run(line: string): void {
    const msg: ClientMessage = { t: "run", id: crypto.randomUUID(), line };
    if (!this.send(msg)) this.pendingRuns.push(msg);
  }

  dispose(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.ws?.close(CLOSE.normal);
  }

  private handle(msg: ServerMessage): void {
    switch (msg.t) {
      case "replay":
        this.events.onData(msg.d, true);
        break;
      case "output":
        this.events.onData(msg.d, false);
        break;
      case "status":
        this.attempt = 0;
        this.setState("live");
        for (const m of this.pendingRuns.splice(0)) this.send(m);
        this.events.onLive();
        break;
      case "mode":
        this.events.onMode(msg.mode);
        break;
      case "error":
        // Every refusal is shown (the server also writes budget and paste refusals into the terminal).
        this.events.onState(this.state, msg.message);
        break;
      default:
        break;
    }
  }

  private async closed(code: number, reason: string): Promise<void> {
    this.ws = null;
    if (this.stopped) return;
    if (code === CLOSE.signedOut) return this.setState("signed-out");
    if (code === CLOSE.notPro) return this.setState("gated", "Your Pro access has ended.");
    if (code === CLOSE.normal && reason === "idle")
      return this.setState("error", "Disconnected after 15 minutes without input. Press Reconnect to continue.");
    // A refused upgrade looks like 1006 to the browser: ask the server why before retrying.
    if (code === 1006 && this.attempt >= 1) {
      const why = await fetch("/api/terminal/status", { cache: "no-store" })
        .then((r) => r.json() as Promise<{ state: string }>)
        .catch(() => null);
      if (why?.state === "signed-out") return this.setState("signed-out");
      if (why?.state === "gated") return this.setState("gated");
    }
    this.attempt++;
    const delay = Math.min(10_000, 500 * 2 ** (this.attempt - 1)) * (0.75 + Math.random() * 0.5);
    this.setState("reconnecting");
    this.timer = setTimeout(() => this.connect(), delay);
  }

  private setState(state: ConnectionState, detail?: string): void {
    this.state = state;
    this.events.onState(state, detail);
  }
}
