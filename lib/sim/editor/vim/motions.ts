/**
 * Cursor motions, ported from vim's textobject.c and normal.c (fwd_word, bck_word, end_word,
 * bckend_word, findpar, searchc) so that "w", "e", "b", "}" stop where vim stops, including at
 * line ends and on empty lines. A motion returns where it goes and how an operator treats the
 * text in between (exclusive, inclusive or linewise).
 */
import { charClass, charLen, colForDisplay, displayCol, prevCharIndex } from "../text";
import type { Pos } from "../pos";
import { firstNonBlank } from "../buffer";

export interface MotionResult {
  pos: Pos;
  linewise: boolean;
  inclusive: boolean;
  /** the display column "j"/"k" aim for afterwards; -1 for "$" */
  curswant?: number;
  /** the motion could not be done (beep, and an operator does nothing) */
  failed?: boolean;
}

/** A cursor walking over the buffer the way vim's inc()/dec() do (the end-of-line NUL is a position). */
export class Walker {
  constructor(
    readonly lines: readonly string[],
    public line: number,
    public col: number,
  ) {}

  get pos(): Pos {
    return { line: this.line, col: this.col };
  }

  char(): string | undefined {
    const l = this.lines[this.line];
    return this.col < l.length ? l.slice(this.col, this.col + charLen(l, this.col)) : undefined;
  }

  /** vim's cls(): 0 blank or end of line, 1 punctuation, 2 word; `big` makes every non-blank 1. */
  cls(big: boolean): number {
    const c = charClass(this.char());
    return big && c !== 0 ? 1 : c;
  }

  /** 0: moved within the line, 2: moved onto the end of the line, 1: moved to the next line, -1: at the end of the buffer. */
  inc(): number {
    const l = this.lines[this.line];
    if (this.col < l.length) {
      this.col += charLen(l, this.col);
      return this.col < l.length ? 0 : 2;
    }
    if (this.line < this.lines.length - 1) {
      this.line++;
      this.col = 0;
      return 1;
    }
    return -1;
  }

  /** 0: moved within the line, 1: moved to the end of the previous line, -1: at the start of the buffer. */
  dec(): number {
    if (this.col > 0) {
      this.col = prevCharIndex(this.lines[this.line], this.col);
      return 0;
    }
    if (this.line > 0) {
      this.line--;
      this.col = this.lines[this.line].length;
      return 1;
    }
    return -1;
  }

  lineEmpty(): boolean {
    return this.lines[this.line].length === 0;
  }
}

/** "w"/"W": false when already at the end of the buffer. `eol` stops at the end of the line (operators). */
export function fwdWord(w: Walker, count: number, big: boolean, eol: boolean): boolean {
  while (--count >= 0) {
    const sclass = w.cls(big);
    const lastLine = w.line === w.lines.length - 1;
    let i = w.inc();
    if (i === -1 || (i >= 1 && lastLine)) return false;
    if (i >= 1 && eol && count === 0) return true;
    if (sclass !== 0) {
      while (w.cls(big) === sclass) {
        i = w.inc();
        if (i === -1 || (i >= 1 && eol && count === 0)) return true;
      }
    }
    while (w.cls(big) === 0) {
      if (w.col === 0 && w.lineEmpty()) break;
      i = w.inc();
      if (i === -1 || (i >= 1 && eol && count === 0)) return true;
    }
  }
  return true;
}

/** "b"/"B" (`stop`: already at a word start counts as one less). */
export function bckWord(w: Walker, count: number, big: boolean, stop: boolean): boolean {
  while (--count >= 0) {
    const sclass = w.cls(big);
    if (w.dec() === -1) return false;
    let finished = false;
    if (!stop || sclass === w.cls(big) || sclass === 0) {
      while (w.cls(big) === 0) {
        if (w.col === 0 && w.lineEmpty()) {
          finished = true;
          break;
        }
        if (w.dec() === -1) return true;
      }
      if (!finished) {
        const c = w.cls(big);
        while (w.cls(big) === c) if (w.dec() === -1) return true;
      }
    }
    if (!finished) w.inc();
    stop = false;
  }
  return true;
}

/** "e"/"E". */
export function endWord(w: Walker, count: number, big: boolean, stop: boolean, empty: boolean): boolean {
  while (--count >= 0) {
    const sclass = w.cls(big);
    if (w.inc() === -1) return false;
    let finished = false;
    if (w.cls(big) === sclass && sclass !== 0) {
      while (w.cls(big) === sclass) if (w.inc() === -1) return false;
    } else if (!stop || sclass === 0) {
      while (w.cls(big) === 0) {
        if (empty && w.col === 0 && w.lineEmpty()) {
          finished = true;
          break;
        }
        if (w.inc() === -1) return false;
      }
      if (!finished) {
        const c = w.cls(big);
        while (w.cls(big) === c) if (w.inc() === -1) return false;
      }
    }
    if (!finished) w.dec();
    stop = false;
  }
  return true;
}

/** "ge"/"gE". */
export function bckendWord(w: Walker, count: number, big: boolean, eol: boolean): boolean {
  while (--count >= 0) {
    const sclass = w.cls(big);
    let i = w.dec();
    if (i === -1) return false;
    if (eol && i === 1) return true;
    if (sclass !== 0) {
      while (w.cls(big) === sclass) {
        i = w.dec();
        if (i === -1 || (eol && i === 1)) return true;
      }
    }
    while (w.cls(big) === 0) {
      if (w.col === 0 && w.lineEmpty()) break;
      i = w.dec();
      if (i === -1 || (eol && i === 1)) return true;
    }
  }
  return true;
}

/** "}" and "{": the next empty line after non-empty ones (vim's findpar). */
export function findParagraph(lines: readonly string[], from: number, dir: 1 | -1, count: number): MotionResult | null {
  let curr = from;
  while (count--) {
    let didSkip = false;
    for (let first = true; ; first = false) {
      if (lines[curr] !== "") didSkip = true;
      if (!first && didSkip && lines[curr] === "") break;
      curr += dir;
      if (curr < 0 || curr >= lines.length) {
        if (count) return null;
        curr -= dir;
        break;
      }
    }
  }
  if (curr === lines.length - 1 && lines[curr].length > 0) {
    return { pos: { line: curr, col: prevCharIndex(lines[curr], lines[curr].length) }, linewise: false, inclusive: true };
  }
  return { pos: { line: curr, col: 0 }, linewise: false, inclusive: false };
}

/** "f", "F", "t", "T" within the line; null when the character is not there `count` times. */
export function findChar(
  text: string,
  col: number,
  command: "f" | "F" | "t" | "T",
  ch: string,
  count: number,
  repeat: boolean,
): number | null {
  const forward = command === "f" || command === "t";
  const till = command === "t" || command === "T";
  let c = col;
  // ";" after "t" must not stay put when the character is right next to the cursor
  if (repeat && till && count === 1) {
    const next = forward ? c + 1 : c - 1;
    if (text.slice(next, next + ch.length) === ch) c = next;
  }
  for (let n = 0; n < count; n++) {
    const i = forward ? text.indexOf(ch, c + 1) : c <= 0 ? -1 : text.lastIndexOf(ch, c - 1);
    if (i === -1) return null;
    c = i;
  }
  if (till) c = forward ? c - 1 : c + ch.length;
  return c;
}

/** "%": the bracket matching the one under or after the cursor on its line. */
export function matchPair(lines: readonly string[], pos: Pos): Pos | null {
  const pairs: Record<string, [string, string, 1 | -1]> = {
    "(": ["(", ")", 1],
    ")": ["(", ")", -1],
    "[": ["[", "]", 1],
    "]": ["[", "]", -1],
    "{": ["{", "}", 1],
    "}": ["{", "}", -1],
  };
  const text = lines[pos.line];
  let start = pos.col;
  while (start < text.length && !pairs[text[start]]) start++;
  if (start >= text.length) return null;
  const [open, close, dir] = pairs[text[start]];
  let depth = 0;
  let line = pos.line;
  let col = start;
  for (;;) {
    const ch = lines[line][col];
    if (ch === open) depth += dir;
    else if (ch === close) depth -= dir;
    if (depth === 0) return { line, col };
    col += dir;
    while (col < 0 || col >= lines[line].length) {
      line += dir;
      if (line < 0 || line >= lines.length) return null;
      col = dir === 1 ? 0 : lines[line].length - 1;
      if (lines[line].length === 0) col = dir === 1 ? 1 : -1;
    }
  }
}

/** The column on `line` closest to display column `want` ("j", "k"), not past the last character in normal mode. */
export function columnFor(text: string, want: number, tabstop: number, pastEnd: boolean): number {
  if (want < 0) return pastEnd ? text.length : Math.max(0, prevCharIndex(text, text.length));
  const col = colForDisplay(text, want, tabstop);
  if (col >= text.length) return pastEnd ? text.length : Math.max(0, prevCharIndex(text, text.length));
  return col;
}

export function wantColumn(text: string, col: number, tabstop: number): number {
  return displayCol(text, col, tabstop);
}

export { firstNonBlank };
