/**
 * One learner's cluster while it is loaded on this instance: the Simulator, the line being
 * edited (shared by every attached tab) and the durable event log behind it. Input is processed
 * strictly in order on a per-session queue, so a slow command delays only its own session.
 *
 * Durability (security.md E1-E3): a command's event (line, output, state delta) is committed to
 * PostgreSQL, fenced by this instance's lease, before its output and the next prompt are sent.
 */
import { randomUUID } from "node:crypto";
import type { Simulator, StateDelta } from "@/lib/sim";
import type { ServerMessage } from "@/lib/terminal/protocol";
import { tokenize } from "@/lib/terminal/keys";
import { commonPrefix, LineEditor, type EditorResult } from "@/lib/terminal/line-editor";
import type { TerminalStore } from "./terminal-store";

export interface TerminalClient {
  send(msg: ServerMessage): void;
}

/** Scrollback kept in memory for attaching tabs (the store keeps the same bounded tail). */
export const SCROLLBACK_LINES = 1000;
/** ...and at most this many characters of it: one command may print a 256 KiB line (sim LIMITS.maxOutputBytes). */
export const SCROLLBACK_MAX_CHARS = 256 * 1024;

/** This in-memory copy is no longer the authoritative one (lease lost, or a write failed). */
export class StaleSessionError extends Error {}

export class LiveSession {
  readonly clients = new Set<TerminalClient>();
  private readonly editor: LineEditor;
  /** lines of a here-document or open quote waiting for their end */
  private continuation: string[] = [];
  private queue: Promise<void> = Promise.resolve();
  private scrollback: string;
  lastActivity = Date.now();
  closed = false;

  constructor(
    readonly sessionId: string,
    private sim: Simulator,
    private seq: number,
    private readonly fencingToken: bigint,
    private readonly store: TerminalStore,
    scrollback: string,
    private readonly onLeaseLost: (session: LiveSession) => void,
  ) {
    this.editor = new LineEditor(() => (this.continuation.length ? "> " : this.sim.prompt()));
    this.scrollback = scrollback;
  }

  get lastSeq(): number {
    return this.seq;
  }

  attach(client: TerminalClient): void {
    this.clients.add(client);
    client.send({ t: "replay", d: this.scrollback + this.editor.render() });
  }

  detach(client: TerminalClient): void {
    this.clients.delete(client);
    this.lastActivity = Date.now();
  }

  /** Keystrokes from any tab. */
  input(data: string): Promise<void> {
    return this.enqueue(() => this.processInput(data));
  }

  /** "Run in terminal": the given line replaces whatever was being typed and runs. `id` makes a resend harmless. */
  run(commandId: string, line: string): Promise<void> {
    return this.enqueue(async () => {
      if (await this.store.hasCommand(this.sessionId, commandId)) return;
      // A here-document arrives as several lines: echo them as bash shows them, each later line
      // after the continuation prompt, so the screen never staircases on a bare "\n".
      const [first, ...more] = line.split("\n");
      this.broadcastEcho(this.editor.replace(0, this.editor.buffer.length, first));
      this.broadcastEcho(this.editor.enter());
      if (more.length) this.broadcast({ t: "output", d: more.map((l) => `> ${l}\r\n`).join("") });
      await this.execute(line, commandId, false, undefined, true);
    });
  }

  /** Replaces the cluster with a fresh one (the learner confirmed). */
  reset(fresh: Simulator): Promise<void> {
    return this.enqueue(async () => {
      this.seq = await this.store.reset(this.sessionId, this.fencingToken, fresh.serialize(), this.seq);
      this.sim = fresh;
      this.editor.reset();
      this.continuation = [];
      this.scrollback = "";
      this.broadcast({ t: "output", d: "\x1b[H\x1b[2J\x1b[3J" + "Cluster reset: a fresh kubeadm cluster is ready.\r\n" + this.editor.render() });
    });
  }

  /** Moves the cluster clock (the platform's API, e.g. a lesson's "one year later"). Durable like a command. */
  advanceClock(ms: number): Promise<void> {
    return this.enqueue(async () => {
      this.sim.advanceClock(ms);
      const days = Math.round(ms / 86_400_000);
      const note = `\r\n\x1b[2m[the cluster clock moved forward ${days} day${days === 1 ? "" : "s"}: it is now ${new Date(this.sim.now()).toUTCString()}]\x1b[0m\r\n`;
      const { shell, rng, resourceVersion, clockOffsetMs } = this.sim.state;
      const delta: StateDelta = { fs: {}, shell, rng, resourceVersion, clockOffsetMs };
      await this.persist({ commandId: randomUUID(), line: "", output: note, delta });
      this.broadcast({ t: "output", d: note + this.editor.render() });
    });
  }

  /** Runs a read-only look at the cluster (a lesson task's check) between commands, never during one. */
  inspect<T>(fn: (sim: Simulator) => T | Promise<T>): Promise<T> {
    let result!: T;
    return this.enqueue(async () => {
      result = await fn(this.sim);
    }).then(() => result);
  }

  private enqueue(fn: () => Promise<void>): Promise<void> {
    this.lastActivity = Date.now();
    const next = this.queue.then(() => (this.closed ? undefined : fn()));
    this.queue = next.catch((err) => {
      if (err instanceof StaleSessionError) {
        this.closed = true;
        this.onLeaseLost(this);
        return;
      }
      console.error(`terminal ${this.sessionId}:`, err);
      this.broadcast({ t: "error", code: "internal", message: "Something went wrong on the server; the cluster is unchanged." });
    });
    return next.catch(() => undefined);
  }

  private async processInput(data: string): Promise<void> {
    for (const tok of tokenize(data)) {
      if (this.closed) return;
      if (tok.kind === "text") this.broadcastEcho(this.editor.insert(tok.text));
      else if (tok.kind === "paste") {
        // A pasted block runs line by line, like typing each line and pressing Enter.
        const lines = tok.text.replace(/\r\n?/g, "\n").split("\n");
        for (let i = 0; i < lines.length; i++) {
          this.broadcastEcho(this.editor.insert(lines[i]));
          if (i < lines.length - 1) await this.submit(this.editor.enter());
        }
      } else {
        switch (tok.name) {
          case "enter": await this.submit(this.editor.enter()); break;
          case "backspace": this.broadcastEcho(this.editor.backspace()); break;
          case "delete": this.broadcastEcho(this.editor.deleteForward()); break;
          case "left": this.broadcastEcho(this.editor.left()); break;
          case "right": this.broadcastEcho(this.editor.right()); break;
          case "home": case "ctrl-a": this.broadcastEcho(this.editor.home()); break;
          case "end": case "ctrl-e": this.broadcastEcho(this.editor.end()); break;
          case "ctrl-u": this.broadcastEcho(this.editor.killToStart()); break;
          case "ctrl-k": this.broadcastEcho(this.editor.killToEnd()); break;
          case "ctrl-w": this.broadcastEcho(this.editor.deleteWordBack()); break;
          case "up": case "down": this.broadcastEcho(this.editor.browse(this.sim.state.shell.history, tok.name)); break;
          case "tab": this.complete(); break;
          case "ctrl-c":
            this.continuation = [];
            this.broadcastEcho(this.editor.interrupt());
            break;
          case "ctrl-l":
            this.broadcastEcho({ echo: "\x1b[H\x1b[2J" + this.editor.render() });
            break;
          case "ctrl-d":
            if (this.editor.buffer === "" && this.continuation.length === 0) {
              this.broadcastEcho({ echo: "logout\r\n" });
              await this.execute("exit", randomUUID(), true);
            } else this.broadcastEcho(this.editor.deleteForward());
            break;
        }
      }
    }
  }

  private async submit(result: EditorResult): Promise<void> {
    this.broadcastEcho({ echo: result.echo });
    const line = result.submit ?? "";
    const text = [...this.continuation, line].join("\n");
    if (this.sim.needsMoreInput(text)) {
      this.continuation.push(line);
      this.appendScrollback(`${this.continuation.length === 1 ? this.sim.prompt() : "> "}${line}\r\n`);
      this.broadcastEcho({ echo: "> " });
      return;
    }
    const typedPrompt = this.continuation.length ? "> " : this.sim.prompt();
    this.continuation = [];
    if (text.trim() === "") {
      this.appendScrollback(`${typedPrompt}\r\n`);
      this.broadcastEcho({ echo: this.sim.prompt() });
      return;
    }
    await this.execute(text, randomUUID(), false, typedPrompt);
  }

  /** `wholeLine`: the scrollback shows every line of `line` (a "Run in terminal" here-document), not only the last one typed. */
  private async execute(line: string, commandId: string, silentEcho = false, typedPrompt?: string, wholeLine = false): Promise<void> {
    const prompt = typedPrompt ?? this.sim.prompt();
    const result = await this.sim.exec(line);
    let output = result.output.replace(/\r?\n/g, "\r\n");
    if (result.exit) output += "\x1b[2m[the shell exited; a new one starts in the same cluster]\x1b[0m\r\n";
    const echoed = wholeLine ? line.split("\n").join("\r\n> ") : line.split("\n").pop();
    const transcript = (silentEcho ? "" : `${prompt}${echoed}\r\n`) + output;
    await this.persist({ commandId, line, output: transcript, delta: result.delta });
    this.appendScrollback(transcript);
    this.broadcast({ t: "output", d: output + this.sim.prompt() });
  }

  private async persist(ev: { commandId: string; line: string; output: string; delta: unknown }): Promise<void> {
    const seq = this.seq + 1;
    const snapshot = seq % 100 === 0 ? this.sim.serialize() : undefined;
    let ok: Awaited<ReturnType<TerminalStore["appendEvent"]>>;
    try {
      ok = await this.store.appendEvent(this.sessionId, this.fencingToken, { seq, ...ev, snapshot });
    } catch (err) {
      // Not durable, so not acknowledged: drop this in-memory copy; the next attach reloads the
      // last committed state (the command is all-or-nothing, security.md E4).
      console.error(`terminal ${this.sessionId}: could not persist, unloading:`, err);
      throw new StaleSessionError("persist failed");
    }
    if (ok === "lease-lost") throw new StaleSessionError(`lease on ${this.sessionId} lost`);
    this.seq = seq;
  }

  private complete(): void {
    const line = this.editor.buffer;
    const { from, to, candidates } = this.sim.complete(line, this.editor.cursor);
    if (candidates.length === 0) return this.broadcastEcho({ echo: "\x07" });
    if (candidates.length === 1) {
      const word = candidates[0];
      const suffix = word.endsWith("/") ? "" : " ";
      return this.broadcastEcho(this.editor.replace(from, to, word + suffix));
    }
    const prefix = commonPrefix(candidates);
    if (prefix.length > to - from) return this.broadcastEcho(this.editor.replace(from, to, prefix));
    // Ambiguous: list the candidates under the line, as bash does on the second Tab.
    this.broadcastEcho({ echo: "\r\n" + candidates.join("  ") + "\r\n" + this.editor.render() });
  }

  private appendScrollback(text: string): void {
    this.scrollback = trimToLines(this.scrollback + text, SCROLLBACK_LINES);
  }

  private broadcastEcho(r: EditorResult): void {
    if (r.echo) this.broadcast({ t: "output", d: r.echo });
  }

  broadcast(msg: ServerMessage): void {
    for (const c of this.clients) c.send(msg);
  }
}

/** Keeps the last `max` lines of `text`, and at most its last `maxChars` characters (from a line start when there is one). */
export function trimToLines(text: string, max: number, maxChars = SCROLLBACK_MAX_CHARS): string {
  if (text.length > maxChars) {
    text = text.slice(-maxChars);
    const nl = text.indexOf("\n");
    if (nl >= 0 && nl < text.length - 1) text = text.slice(nl + 1);
  }
  let count = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    if (text.charCodeAt(i) === 10 && ++count > max) return text.slice(i + 1);
  }
  return text;
}
