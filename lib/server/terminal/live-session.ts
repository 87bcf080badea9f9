/**
 * One learner's cluster while it is loaded on this instance: the line being edited (shared by
 * every attached tab), the cluster itself (in the learner's simulator worker, see sim-host.ts)
 * and the durable event log behind it. Input is processed strictly in order on a per-session
 * queue; commands are paced by the learner's budget (learner-budget.ts), so a paste runs
 * completely and in order without one learner taking more than their share.
 *
 * Durability (security.md E1-E3): a command's event (line, output, state delta) is committed to
 * PostgreSQL, fenced by this instance's lease, before its output and the next prompt are sent. A
 * failed write is retried with back-off (issue 13); only when it keeps failing is the in-memory
 * copy dropped, and the learner is told which command to run again.
 *
 * A full-screen editor or a foreground program may hold the terminal after a line (the worker's
 * `mode`): raw input then goes to the editor in the worker, untouched, and Ctrl-C to a program.
 * A file the editor writes is durable like a command (its event is committed before the output
 * is sent); the keystrokes in between are checkpointed at most every EDITOR_CHECKPOINT_MS, and
 * when the last tab leaves (docs/decisions.md, "Editor keystrokes"). A program's steps run on
 * timers only while a tab is attached.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import type { CheckName, CheckResult } from "@/lib/course/types";
import type { SavedState } from "@/lib/sim";
import type { ServerMessage } from "@/lib/terminal/protocol";
import { KeyDecoder, type KeyToken } from "@/lib/terminal/keys";
import { commonPrefix, LineEditor, type EditorResult } from "@/lib/terminal/line-editor";
import { Continuation } from "./continuation";
import type { LearnerBudget } from "./learner-budget";
import { persistWithRetry, StaleSessionError } from "./persist";
import type { RemoteSim } from "./sim-host";
import { TerminalForeground } from "./foreground";
import { SessionApi } from "./session-api";
import type { TerminalStore } from "./terminal-store";
import { notice, trimToLines, SCROLLBACK_LINES } from "./scrollback";

export { StaleSessionError } from "./persist";
export { SCROLLBACK_LINES, SCROLLBACK_MAX_CHARS, trimToLines } from "./scrollback";

export interface TerminalClient {
  send(msg: ServerMessage): void;
}

/** A paste may hold this much; a longer one is refused whole, in one line (issue 10, row 6). */
export const PASTE_MAX_BYTES = 512 * 1024;
/** Input accepted but not yet processed, per cluster: a paste running plus one more arriving. */
export const PENDING_MAX_BYTES = PASTE_MAX_BYTES + 64 * 1024;
export { EDITOR_CHECKPOINT_MS } from "./foreground";

type Size = { cols: number; rows: number };

export class LiveSession {
  readonly clients = new Set<TerminalClient>();
  private readonly editor: LineEditor;
  private readonly decoder = new KeyDecoder(PASTE_MAX_BYTES);
  private readonly continuation: Continuation;
  private queue: Promise<void> = Promise.resolve();
  private pendingBytes = 0;
  private scrollback: string;
  /** each tab's terminal size; the editor draws at the size of the tab that last typed or resized */
  private readonly sizes = new Map<TerminalClient, Size>();
  /** null until a tab says its size: the first size always reaches the editor (a restored one drew at its saved size) */
  private size: Size | null = null;
  /** an editor or a program holding the terminal (foreground.ts) */
  private readonly foreground: TerminalForeground;
  /** requests from the learner's own kubectl (issue 16) */
  readonly api: SessionApi;
  lastActivity = Date.now();
  closed = false;

  constructor(
    readonly sessionId: string,
    readonly userId: string,
    private readonly sim: RemoteSim,
    private seq: number,
    private readonly fencingToken: bigint,
    private readonly store: TerminalStore,
    scrollback: string,
    private readonly budget: LearnerBudget,
    private readonly onStale: (session: LiveSession, unsavedLine: string | null) => void,
    /** told of each command once its event is committed (lab analytics); must not block */
    private readonly onCommand: (c: { line: string; exitCode: number; at: Date }) => void = () => undefined,
  ) {
    this.editor = new LineEditor(() => (this.continuation.open ? "> " : this.sim.prompt()));
    this.continuation = new Continuation((text) => this.sim.needsMoreInput(text));
    this.scrollback = scrollback;
    this.foreground = new TerminalForeground({
      sim,
      tabs: () => this.clients.size,
      isClosed: () => this.closed,
      enqueue: (fn) => this.enqueue(fn),
      persist: (ev) => this.persist(ev),
      broadcast: (msg) => this.broadcast(msg),
      appendScrollback: (text) => this.appendScrollback(text),
    });
    this.api = new SessionApi({
      sim,
      enqueueValue: (fn) => this.enqueueValue(fn),
      persist: (ev) => this.persist(ev),
      clusterChanged: () => this.foreground.clusterChanged(),
    });
  }

  get lastSeq(): number {
    return this.seq;
  }

  attach(client: TerminalClient): void {
    this.clients.add(client);
    // Bracketed paste on: the browser marks a paste, so it is run as one (and refused as one).
    if (this.sim.mode() === "line") {
      client.send({ t: "replay", d: "\x1b[?2004h" + this.scrollback + this.editor.render() });
      client.send({ t: "mode", mode: "line" });
      return;
    }
    // An editor or a program holds the terminal: its screen comes from the worker, in turn with
    // the input before it (output broadcast meanwhile is drawn over by this replay).
    void this.enqueue(async () => {
      const screen = await this.sim.screen();
      if (!this.clients.has(client)) return;
      const mode = this.sim.mode();
      client.send({ t: "replay", d: "\x1b[?2004h" + this.scrollback + (mode === "line" ? this.editor.render() : screen) });
      client.send({ t: "mode", mode: mode === "raw" ? "raw" : "line" });
      this.foreground.attached();
    });
  }

  detach(client: TerminalClient): void {
    this.clients.delete(client);
    this.sizes.delete(client);
    this.lastActivity = Date.now();
    if (this.clients.size > 0) return;
    // nobody watches: a program waits (it catches up when a tab comes back), typing is saved now
    this.foreground.lastDetached();
  }

  /** A tab's terminal size. The editor follows the tab that last typed or resized. */
  resize(client: TerminalClient, cols: number, rows: number): void {
    this.sizes.set(client, { cols, rows });
    this.follow(client);
  }

  /** Persists an open editor's unsaved keystrokes now (the last tab left, or the server stops). */
  flush(): Promise<void> {
    return this.foreground.flush();
  }

  /** Keystrokes from any tab. False (nothing taken) when earlier input is still being processed past the bound. */
  input(data: string, from?: TerminalClient): boolean {
    if (this.pendingBytes + data.length > PENDING_MAX_BYTES) return false;
    this.pendingBytes += data.length;
    if (from) this.follow(from);
    void this.enqueue(() => this.processInput(data)).finally(() => (this.pendingBytes -= data.length));
    return true;
  }

  /** Makes `client`'s size the editor's, redrawing it when it changed. */
  private follow(client: TerminalClient): void {
    const size = this.sizes.get(client);
    if (!size || (this.size && size.cols === this.size.cols && size.rows === this.size.rows)) return;
    this.size = size;
    void this.enqueue(async () => {
      const redraw = await this.sim.resize(size.cols, size.rows);
      if (redraw) this.broadcast({ t: "output", d: redraw });
    });
  }

  /** "Run in terminal": the given line replaces whatever was being typed and runs. `id` makes a resend harmless. */
  run(commandId: string, line: string): Promise<void> {
    return this.enqueue(async () => {
      if (await this.store.hasCommand(this.sessionId, commandId)) return;
      if (this.sim.mode() !== "line") {
        this.broadcast({
          t: "error",
          code: "busy",
          message: "Quit the editor or stop the running command (Ctrl-C) first, then run it again.",
        });
        return;
      }
      // A here-document arrives as several lines: echo them as bash shows them, each later line
      // after the continuation prompt, so the screen never staircases on a bare "\n".
      const [first, ...more] = line.split("\n");
      this.continuation.reset();
      this.broadcastEcho(this.editor.replace(0, this.editor.buffer.length, first));
      this.broadcastEcho(this.editor.enter());
      if (more.length) this.broadcast({ t: "output", d: more.map((l) => `> ${l}\r\n`).join("") });
      await this.execute(line, commandId, { wholeLine: true });
    });
  }

  /** Replaces the cluster with a fresh one (the learner confirmed; the budget allowed it). */
  reset(fresh: SavedState): Promise<void> {
    return this.enqueue(async () => {
      this.seq = await this.store.reset(this.sessionId, this.fencingToken, fresh, this.seq);
      await this.sim.replace(fresh);
      this.foreground.stop();
      this.api.stop();
      this.broadcast({ t: "mode", mode: "line" });
      this.editor.reset();
      this.continuation.reset();
      this.scrollback = "";
      this.broadcast({
        t: "output",
        d: "\x1b[H\x1b[2J\x1b[3J" + "Cluster reset: a fresh kubeadm cluster is ready.\r\n" + this.editor.render(),
      });
    });
  }

  /** Moves the cluster clock (the platform's API, e.g. a lesson's "one year later"). Durable like a command. */
  advanceClock(ms: number): Promise<number> {
    return this.enqueueValue(async () => {
      const r = await this.sim.advanceClock(ms);
      const days = Math.round(ms / 86_400_000);
      const note = `\r\n\x1b[2m[the cluster clock moved forward ${days} day${days === 1 ? "" : "s"}: it is now ${new Date(r.now).toUTCString()}]\x1b[0m\r\n`;
      await this.persist({ commandId: randomUUID(), line: "", output: note, delta: r.delta });
      if (this.sim.mode() === "line") this.broadcast({ t: "output", d: note + this.editor.render() });
      return r.now;
    });
  }

  /** Runs a lesson task's check against the cluster between two commands, never during one. */
  runTaskCheck(name: CheckName, props: Record<string, string>): Promise<CheckResult> {
    return this.enqueueValue(() => this.sim.check(name, props));
  }

  /** A line for every tab (a refusal, a notice), followed by the line being edited. */
  notify(text: string, only?: TerminalClient): void {
    // over an editor or a program, a line of text would break its screen: the tab shows it instead
    const msg: ServerMessage =
      this.sim.mode() === "line" ? { t: "output", d: notice(text) + this.editor.render() } : { t: "error", code: "busy", message: text };
    if (only) only.send(msg);
    else this.broadcast(msg);
  }

  /** Frees the worker's copy; the cluster stays in the database. */
  unload(): Promise<void> {
    this.closed = true;
    this.foreground.stop();
    this.api.stop();
    return this.sim.unload();
  }

  private enqueueValue<T>(fn: () => Promise<T>): Promise<T> {
    let result: { value: T } | undefined;
    return this.enqueue(async () => {
      result = { value: await fn() };
    }).then(() => {
      if (!result) throw new StaleSessionError("the cluster was reloaded");
      return result.value;
    });
  }

  private enqueue(fn: () => Promise<void>): Promise<void> {
    this.lastActivity = Date.now();
    const next = this.queue.then(() => (this.closed ? undefined : fn()));
    this.queue = next.catch((err) => {
      if (err instanceof StaleSessionError) {
        this.closed = true;
        this.onStale(this, err.unsavedLine);
        return;
      }
      console.error(`terminal ${this.sessionId}:`, err);
      this.notify("Something went wrong on the server; the cluster is unchanged.");
    });
    return next.catch(() => undefined);
  }

  private async processInput(data: string): Promise<void> {
    const mode = this.sim.mode();
    if (mode !== "line") return this.foreground.input(mode, data);
    for (const tok of this.decoder.feed(data)) {
      if (this.closed) return;
      await this.processToken(tok);
    }
  }

  private async processToken(tok: KeyToken): Promise<void> {
    switch (tok.kind) {
      case "text":
        return this.broadcastEcho(this.editor.insert(tok.text));
      case "paste-refused":
        this.broadcast({ t: "error", code: "too-large", message: "Paste too long; nothing of it was run." });
        return this.notify(
          `Paste of ${Math.ceil(tok.bytes / 1024)} KiB not run: a paste may hold at most ${PASTE_MAX_BYTES / 1024} KiB. Nothing from it was run; paste it in parts.`,
        );
      case "paste": {
        // A pasted block runs line by line, like typing each line and pressing Enter.
        const lines = tok.text.replace(/\r\n?/g, "\n").split("\n");
        for (let i = 0; i < lines.length && !this.closed; i++) {
          this.broadcastEcho(this.editor.insert(lines[i]));
          if (i < lines.length - 1) await this.submit(this.editor.enter());
        }
        return;
      }
      case "key":
        return this.processKey(tok.name);
    }
  }

  private async processKey(name: Extract<KeyToken, { kind: "key" }>["name"]): Promise<void> {
    switch (name) {
      case "enter":
        return this.submit(this.editor.enter());
      case "backspace":
        return this.broadcastEcho(this.editor.backspace());
      case "delete":
        return this.broadcastEcho(this.editor.deleteForward());
      case "left":
        return this.broadcastEcho(this.editor.left());
      case "right":
        return this.broadcastEcho(this.editor.right());
      case "home":
      case "ctrl-a":
        return this.broadcastEcho(this.editor.home());
      case "end":
      case "ctrl-e":
        return this.broadcastEcho(this.editor.end());
      case "ctrl-u":
        return this.broadcastEcho(this.editor.killToStart());
      case "ctrl-k":
        return this.broadcastEcho(this.editor.killToEnd());
      case "ctrl-w":
        return this.broadcastEcho(this.editor.deleteWordBack());
      case "up":
      case "down":
        return this.broadcastEcho(this.editor.browse([...this.sim.history], name));
      case "tab":
        return this.complete();
      case "ctrl-c":
        this.continuation.reset();
        return this.broadcastEcho(this.editor.interrupt());
      case "ctrl-l":
        return this.broadcastEcho({ echo: "\x1b[H\x1b[2J" + this.editor.render() });
      case "ctrl-d":
        if (this.editor.buffer !== "" || this.continuation.open) return this.broadcastEcho(this.editor.deleteForward());
        // the shell's own text (readline's newline, then "exit" or "logout"): nothing echoed here
        return this.execute("exit", randomUUID(), { endOfInput: true });
    }
  }

  private async submit(result: EditorResult): Promise<void> {
    this.broadcastEcho({ echo: result.echo });
    const line = result.submit ?? "";
    const typedPrompt = this.continuation.open ? "> " : this.sim.prompt();
    const text = await this.continuation.push(line);
    if (text === null) {
      this.appendScrollback(`${typedPrompt}${line}\r\n`);
      this.broadcastEcho({ echo: "> " });
      return;
    }
    if (text.trim() === "") {
      this.appendScrollback(`${typedPrompt}\r\n`);
      this.broadcastEcho({ echo: this.sim.prompt() });
      return;
    }
    await this.execute(text, randomUUID(), { typedPrompt });
  }

  /** `wholeLine`: the scrollback shows every line of `line` (a "Run in terminal" here-document), not only the last one typed. */
  private async execute(
    line: string,
    commandId: string,
    opts: { endOfInput?: boolean; typedPrompt?: string; wholeLine?: boolean } = {},
  ): Promise<void> {
    await this.budget.command();
    const prompt = opts.typedPrompt ?? this.sim.prompt();
    const size = this.size ?? { cols: 80, rows: 24 };
    const result = opts.endOfInput ? await this.sim.endOfInput(size) : await this.sim.exec(line, size);
    let output = result.output.replace(/\r?\n/g, "\r\n");
    if (result.exit) output += "\x1b[2m[the shell exited; a new one starts in the same cluster]\x1b[0m\r\n";
    const echoed = opts.wholeLine ? line.split("\n").join("\r\n> ") : line.split("\n").pop();
    const transcript = (opts.endOfInput ? prompt : `${prompt}${echoed}\r\n`) + output;
    await this.persist({ commandId, line, output: transcript, delta: result.delta });
    this.onCommand({ line, exitCode: result.exitCode, at: new Date() });
    this.api.changed();
    this.appendScrollback(transcript);
    if (result.mode === "line") return this.broadcast({ t: "output", d: output + this.sim.prompt() });
    // an editor or a program has the terminal now: its screen instead of a prompt
    this.broadcast({ t: "output", d: output + (result.screen ?? "") });
    if (result.mode === "raw") this.broadcast({ t: "mode", mode: "raw" });
    else this.foreground.programStarted(result.nextAt ?? null);
  }

  private async persist(ev: { commandId: string; line: string; output: string; delta: unknown }): Promise<void> {
    const seq = this.seq + 1;
    const snapshot = seq % 100 === 0 ? await this.sim.serialize() : undefined;
    await persistWithRetry(this.store, this.sessionId, this.fencingToken, { seq, ...ev, snapshot });
    this.seq = seq;
  }

  private async complete(): Promise<void> {
    const line = this.editor.buffer;
    const { from, to, candidates } = await this.sim.complete(line, this.editor.cursor);
    if (this.editor.buffer !== line) return; // the line changed meanwhile (another tab)
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
