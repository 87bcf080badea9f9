/**
 * The line being edited, owned by the server so every tab shows the same thing. Pure: it turns
 * keys into terminal output (ANSI) and tells the caller when a line is submitted. History and
 * completion are supplied by the caller (the simulator owns both).
 */
export interface EditorResult {
  /** bytes to send to every attached terminal */
  echo: string;
  /** a complete line to run (Enter) */
  submit?: string;
}

const CLEAR_TO_END = "\x1b[K";
/** The longest line the editor holds; the simulator refuses longer input anyway (64 KiB). */
export const MAX_LINE_CHARS = 64 * 1024;

export class LineEditor {
  buffer = "";
  cursor = 0;
  /** index into history while browsing with up/down; history.length means "the new line" */
  private historyIndex = -1;
  private draft = "";

  constructor(private prompt: () => string) {}

  /** The current prompt + line, positioned as the user left it (for a tab that just attached). */
  render(): string {
    return this.prompt() + this.buffer + this.cursorBack(this.buffer.length - this.cursor);
  }

  reset(): void {
    this.buffer = "";
    this.cursor = 0;
    this.historyIndex = -1;
  }

  insert(text: string): EditorResult {
    // Characters past the limit are dropped with a bell, as readline does when it cannot insert.
    const printable = text.replace(/[\x00-\x1f\x7f]/g, "");
    const clean = printable.slice(0, Math.max(0, MAX_LINE_CHARS - this.buffer.length));
    if (!clean) return { echo: printable ? "\x07" : "" };
    const atEnd = this.cursor === this.buffer.length;
    this.buffer = this.buffer.slice(0, this.cursor) + clean + this.buffer.slice(this.cursor);
    this.cursor += clean.length;
    return { echo: atEnd ? clean : this.redraw() };
  }

  /** Enter: hands the line over and starts a fresh one. */
  enter(): EditorResult {
    const line = this.buffer;
    this.reset();
    return { echo: "\r\n", submit: line };
  }

  backspace(): EditorResult {
    if (this.cursor === 0) return { echo: "\x07" };
    const atEnd = this.cursor === this.buffer.length;
    this.buffer = this.buffer.slice(0, this.cursor - 1) + this.buffer.slice(this.cursor);
    this.cursor--;
    return { echo: atEnd ? "\b \b" : this.redraw() };
  }

  deleteForward(): EditorResult {
    if (this.cursor === this.buffer.length) return { echo: "" };
    this.buffer = this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1);
    return { echo: this.redraw() };
  }

  left(): EditorResult {
    if (this.cursor === 0) return { echo: "" };
    this.cursor--;
    return { echo: "\x1b[D" };
  }

  right(): EditorResult {
    if (this.cursor === this.buffer.length) return { echo: "" };
    this.cursor++;
    return { echo: "\x1b[C" };
  }

  home(): EditorResult {
    const back = this.cursorBack(this.cursor);
    this.cursor = 0;
    return { echo: back };
  }

  end(): EditorResult {
    const n = this.buffer.length - this.cursor;
    this.cursor = this.buffer.length;
    return { echo: n > 0 ? `\x1b[${n}C` : "" };
  }

  killToStart(): EditorResult {
    this.buffer = this.buffer.slice(this.cursor);
    this.cursor = 0;
    return { echo: this.redraw() };
  }

  killToEnd(): EditorResult {
    this.buffer = this.buffer.slice(0, this.cursor);
    return { echo: CLEAR_TO_END };
  }

  deleteWordBack(): EditorResult {
    const before = this.buffer.slice(0, this.cursor);
    const m = /\S*\s*$/.exec(before);
    const start = before.length - (m?.[0].length ?? 0);
    this.buffer = before.slice(0, start) + this.buffer.slice(this.cursor);
    this.cursor = start;
    return { echo: this.redraw() };
  }

  /** Up/down through `history` (oldest first), keeping the line being typed as a draft. */
  browse(history: readonly string[], direction: "up" | "down"): EditorResult {
    if (this.historyIndex === -1) {
      this.historyIndex = history.length;
      this.draft = this.buffer;
    }
    const next = direction === "up" ? this.historyIndex - 1 : this.historyIndex + 1;
    if (next < 0 || next > history.length) return { echo: direction === "up" ? "\x07" : "" };
    this.historyIndex = next;
    this.buffer = next === history.length ? this.draft : history[next];
    this.cursor = this.buffer.length;
    return { echo: this.redraw() };
  }

  /** Ctrl-C: abandon the line, like bash (^C, new prompt). */
  interrupt(): EditorResult {
    this.reset();
    return { echo: "^C\r\n" + this.prompt() };
  }

  /** Replaces the text between `from` and `to` (a completion) and redraws. */
  replace(from: number, to: number, text: string): EditorResult {
    this.buffer = this.buffer.slice(0, from) + text + this.buffer.slice(to);
    this.cursor = from + text.length;
    return { echo: this.redraw() };
  }

  private redraw(): string {
    return "\r" + this.prompt() + this.buffer + CLEAR_TO_END + this.cursorBack(this.buffer.length - this.cursor);
  }

  private cursorBack(n: number): string {
    return n > 0 ? `\x1b[${n}D` : "";
  }
}

/** Longest common prefix of completion candidates (what bash inserts on the first Tab). */
export function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return "";
  let prefix = words[0];
  for (const w of words.slice(1)) {
    let i = 0;
    while (i < prefix.length && i < w.length && prefix[i] === w[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}
