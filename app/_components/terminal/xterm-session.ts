/**
 * One xterm.js terminal attached to the learner's cluster: the terminal, its WebSocket
 * connection, its size and its keyboard policy. The panel (terminal-panel.tsx) owns one and pushes
 * the learner's preferences into it; this class holds no React state.
 *
 * Size: the frame (`scroller`) fits a number of columns; in "scroll" mode the terminal is as wide
 * as the widest line it holds (line-width.ts), so a kubectl table is never wrapped, and the frame
 * scrolls sideways, keeping the cursor in view while the learner types.
 */
import type { FitAddon } from "@xterm/addon-fit";
import type { Terminal } from "@xterm/xterm";
import type { ConnectionState } from "@/lib/terminal/protocol";
import { decideKey } from "./key-policy";
import { clearsScreen, columnsFor, scanColumns } from "./line-width";
import { RUN_IN_TERMINAL_EVENT, type RunInTerminalDetail } from "./run-in-terminal";
import { TerminalConnection } from "./terminal-client";

export interface XtermSessionOptions {
  course: string;
  host: HTMLElement;
  scroller: HTMLElement;
  fontSize: number;
  screenReader: boolean;
  wrap: boolean;
  tabMovesFocus: boolean;
  onState(state: ConnectionState, detail?: string): void;
  onSize(cols: number, rows: number): void;
  /** an editor took the keyboard (raw) or gave it back */
  onRawMode(raw: boolean): void;
  /** Esc was pressed: the next Tab leaves the terminal (or the arming ended) */
  onEscapeArmed(armed: boolean): void;
  /** the terminal's input gained or lost the keyboard focus */
  onFocusChange(focused: boolean): void;
  /** a lesson's "Run in terminal" arrived; `focus` tells the session whether to focus the terminal */
  onRun(): { focus: boolean };
}

const FONT = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace';

const dark = () => document.documentElement.classList.contains("dark") || matchMedia("(prefers-color-scheme: dark)").matches;

export class XtermSession {
  private widest = 0;
  /** the column where the next chunk of output starts (xterm's own cursor lags while writes are queued) */
  private col = 0;
  private queuedWrites = 0;
  private fitCols = 0;
  private wrap: boolean;
  private escapeArmed = false;
  private tabMovesFocus: boolean;
  /** the application owns the keyboard (see setRawMode) */
  private rawMode = false;
  private readonly disposers: (() => void)[] = [];

  private constructor(
    readonly term: Terminal,
    private readonly fit: FitAddon,
    readonly connection: TerminalConnection,
    private readonly opts: XtermSessionOptions,
  ) {
    this.wrap = opts.wrap;
    this.tabMovesFocus = opts.tabMovesFocus;
  }

  static async create(opts: XtermSessionOptions): Promise<XtermSession> {
    const [{ Terminal }, { FitAddon }, { WebLinksAddon }] = await Promise.all([
      import("@xterm/xterm"),
      import("@xterm/addon-fit"),
      import("@xterm/addon-web-links"),
    ]);
    const term = new Terminal({
      cursorBlink: true,
      fontFamily: FONT,
      fontSize: opts.fontSize,
      scrollback: 5000,
      convertEol: false,
      screenReaderMode: opts.screenReader,
      theme: { background: dark() ? "#0b1020" : "#0f172a", foreground: "#e2e8f0" },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.loadAddon(new WebLinksAddon((_e, uri) => window.open(uri, "_blank", "noopener,noreferrer")));
    let session: XtermSession | null = null;
    const connection = new TerminalConnection(opts.course, {
      onData: (data, replay) => session?.write(data, replay),
      onState: (s, d) => opts.onState(s, d),
      onMode: (mode) => session?.setRawMode(mode === "raw"),
      onLive: () => session?.sendSize(),
    });
    session = new XtermSession(term, fit, connection, opts);
    session.open();
    return session;
  }

  private open(): void {
    const { term, opts } = this;
    term.open(this.opts.host);
    const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
    term.attachCustomKeyEventHandler((e) => {
      const d = decideKey(e, {
        rawMode: this.rawMode,
        tabMovesFocus: this.tabMovesFocus,
        escapeArmed: this.escapeArmed,
        hasSelection: term.hasSelection(),
        isMac,
      });
      this.setArmed(d.escapeArmed);
      if (d.action === "copy") void navigator.clipboard?.writeText(term.getSelection());
      return d.action === "terminal";
    });
    const input = term.textarea;
    const onFocus = () => opts.onFocusChange(true);
    const onBlur = () => {
      this.setArmed(false);
      opts.onFocusChange(false);
    };
    input?.addEventListener("focus", onFocus);
    input?.addEventListener("blur", onBlur);
    term.onData((d) => this.connection.input(d));
    this.layout();
    this.connection.connect();

    const resize = new ResizeObserver(() => this.layout());
    resize.observe(opts.host);
    const onRun = (e: Event) => {
      const detail = (e as CustomEvent<RunInTerminalDetail>).detail;
      if (!detail?.line) return;
      this.run(detail.line);
      if (opts.onRun().focus) term.focus();
    };
    window.addEventListener(RUN_IN_TERMINAL_EVENT, onRun);
    this.disposers.push(
      () => window.removeEventListener(RUN_IN_TERMINAL_EVENT, onRun),
      () => resize.disconnect(),
    );
    this.disposers.push(() => {
      input?.removeEventListener("focus", onFocus);
      input?.removeEventListener("blur", onBlur);
    });
  }

  private setArmed(armed: boolean): void {
    if (armed === this.escapeArmed) return;
    this.escapeArmed = armed;
    this.opts.onEscapeArmed(armed);
  }

  private write(data: string, replay: boolean): void {
    const { term } = this;
    if (replay) {
      term.reset();
      this.widest = 0;
      this.col = 0;
    }
    // Make room before writing: a line wider than the terminal would be wrapped for good.
    const scan = scanColumns(data, this.col);
    this.col = scan.col;
    if (scan.widest > this.widest && !this.rawMode) {
      this.widest = scan.widest;
      if (!this.wrap && scan.widest > term.cols) this.applyColumns();
    }
    this.queuedWrites++;
    term.write(data, () => {
      if (--this.queuedWrites === 0) this.col = term.buffer.active.cursorX; // back in step with xterm
      if (clearsScreen(data) && !this.rawMode) this.measureBuffer();
      this.keepCursorInView();
    });
  }

  /** Re-measures the widest line still in the buffer (after a clear, a resize or a mode change). */
  private measureBuffer(): void {
    const buf = this.term.buffer.active;
    let widest = 0;
    let logical = 0;
    for (let y = 0; y < buf.length; y++) {
      const line = buf.getLine(y);
      if (!line) continue;
      const len = line.translateToString(true).length;
      logical = line.isWrapped ? logical + len : len;
      widest = Math.max(widest, logical);
    }
    this.widest = Math.max(widest, buf.cursorX);
    this.applyColumns();
  }

  /** Fits the frame, keeping the terminal as wide as its widest line in scroll mode. */
  layout(): void {
    if (this.opts.host.clientWidth === 0 || this.opts.host.clientHeight === 0) return; // hidden
    const dims = this.fit.proposeDimensions();
    if (!dims || !Number.isFinite(dims.cols) || !Number.isFinite(dims.rows)) return;
    this.fitCols = dims.cols;
    if (this.term.rows !== dims.rows) this.term.resize(this.term.cols, dims.rows);
    this.measureBuffer();
  }

  private applyColumns(): void {
    const { term } = this;
    if (this.fitCols === 0) return;
    const cols = columnsFor(this.fitCols, this.widest, this.wrap || this.rawMode);
    if (cols !== term.cols) term.resize(cols, term.rows);
    // Wider than the frame: give the element its full width so the frame scrolls to it.
    const el = term.element;
    if (el) el.style.width = cols > this.fitCols ? `${Math.ceil(this.cellWidth() * cols) + 14}px` : "";
    this.connection.send({ t: "resize", cols: term.cols, rows: term.rows });
    this.opts.onSize(term.cols, term.rows);
  }

  private cellWidth(): number {
    const screen = this.term.element?.querySelector<HTMLElement>(".xterm-screen");
    return screen && this.term.cols > 0 ? screen.getBoundingClientRect().width / this.term.cols : 8;
  }

  private keepCursorInView(): void {
    const { scroller } = this.opts;
    if (scroller.scrollWidth <= scroller.clientWidth) return;
    const cell = this.cellWidth();
    const x = this.term.buffer.active.cursorX * cell;
    if (x < scroller.scrollLeft || x > scroller.scrollLeft + scroller.clientWidth - 4 * cell) {
      scroller.scrollLeft = Math.max(0, x - scroller.clientWidth + 8 * cell);
    }
  }

  run(line: string): void {
    // A multi-line command (a here-document) is typed line by line, so the shell shows its own
    // "> " continuation prompts as it would for a learner typing it; one line runs as is.
    if (line.includes("\n") && this.connection.state === "live") this.connection.input(line.replace(/\r?\n/g, "\r") + "\r");
    else this.connection.run(line);
  }

  setFontSize(px: number): void {
    this.term.options.fontSize = px;
    this.layout();
  }

  setWrap(wrap: boolean): void {
    this.wrap = wrap;
    this.layout();
  }

  setScreenReader(on: boolean): void {
    this.term.options.screenReaderMode = on;
  }

  setTabMovesFocus(on: boolean): void {
    this.tabMovesFocus = on;
  }

  /**
   * "The application owns the keyboard" (the server's `mode` message: an editor is open): plain
   * Ctrl+V goes to the program as ^V instead of pasting (key-policy.ts), and the terminal fits its
   * frame exactly, since a full-screen program draws for the size it is told, not for its lines.
   */
  setRawMode(on: boolean): void {
    if (this.rawMode === on) return;
    this.rawMode = on;
    this.opts.onRawMode(on);
    if (on) this.applyColumns();
    else this.measureBuffer();
  }

  /** Tells the server this terminal's size (the editor draws for it). */
  sendSize(): void {
    this.connection.send({ t: "resize", cols: this.term.cols, rows: this.term.rows });
  }

  dispose(): void {
    for (const d of this.disposers.splice(0)) d();
    this.connection.dispose();
    this.term.dispose();
  }
}
