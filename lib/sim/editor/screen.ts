/**
 * A drawn screen and the terminal output that puts it on an xterm: a full redraw (entering the
 * alternate screen, used when the editor opens and after a reload) or only the rows that changed
 * since the last frame. Output per key is therefore bounded by one screenful, however much text
 * a command touched.
 */

export type Style = "normal" | "reverse" | "bold" | "error" | "warning" | "question" | "nontext" | "linenr" | "visual" | "search" | "title";

const SGR: Record<Style, string> = {
  normal: "",
  reverse: "\x1b[7m",
  bold: "\x1b[1m",
  error: "\x1b[97;41m",
  warning: "\x1b[31m",
  question: "\x1b[32m",
  nontext: "\x1b[1;34m",
  linenr: "\x1b[33m",
  visual: "\x1b[7m",
  search: "\x1b[30;43m",
  title: "\x1b[7m",
};

export interface Segment {
  text: string;
  style: Style;
}

/** One screen row: segments whose text is plain (already expanded: no tabs or control characters). */
export type Row = Segment[];

export interface Frame {
  rows: Row[];
  cursor: { row: number; col: number };
}

export const ENTER_SCREEN = "\x1b[?1049h\x1b[?2004h";
export const LEAVE_SCREEN = "\x1b[?2004l\x1b[?1049l";
const HIDE_CURSOR = "\x1b[?25l";
const SHOW_CURSOR = "\x1b[?25h";

/** A row as terminal bytes, without positioning. `width` is its length in cells. */
export function encodeRow(row: Row): string {
  let out = "";
  for (const seg of row) {
    if (!seg.text) continue;
    out += seg.style === "normal" ? seg.text : SGR[seg.style] + seg.text + "\x1b[0m";
  }
  return out;
}

export function rowText(row: Row): string {
  return row.map((s) => s.text).join("");
}

/** Cells a row covers (the texts are expanded; wide characters count two). */
export function rowWidth(row: Row, measure: (s: string) => number): number {
  let w = 0;
  for (const s of row) w += measure(s.text);
  return w;
}

export interface EncodedFrame {
  rows: string[];
  /** rows that fill the whole width: no erase-to-end after them (it would clear the last cell) */
  full: boolean[];
  cursor: { row: number; col: number };
}

export function encodeFrame(frame: Frame, cols: number, measure: (s: string) => number): EncodedFrame {
  return {
    rows: frame.rows.map(encodeRow),
    full: frame.rows.map((r) => rowWidth(r, measure) >= cols),
    cursor: frame.cursor,
  };
}

function drawRow(i: number, enc: EncodedFrame): string {
  return `\x1b[${i + 1};1H` + enc.rows[i] + (enc.full[i] ? "" : "\x1b[K");
}

function moveCursor(enc: EncodedFrame): string {
  return `\x1b[${enc.cursor.row + 1};${enc.cursor.col + 1}H`;
}

/** Everything, from a blank alternate screen. */
export function fullDraw(enc: EncodedFrame): string {
  let out = ENTER_SCREEN + HIDE_CURSOR + "\x1b[0m\x1b[H\x1b[2J";
  for (let i = 0; i < enc.rows.length; i++) if (enc.rows[i]) out += drawRow(i, enc);
  return out + moveCursor(enc) + SHOW_CURSOR;
}

/** Only what differs from `previous` (the rows as last sent); a cursor move when nothing else changed. */
export function diffDraw(previous: readonly string[] | null, enc: EncodedFrame): string {
  if (!previous || previous.length !== enc.rows.length) return fullDraw(enc);
  let body = "";
  for (let i = 0; i < enc.rows.length; i++) if (enc.rows[i] !== previous[i]) body += drawRow(i, enc);
  return body ? HIDE_CURSOR + body + moveCursor(enc) + SHOW_CURSOR : moveCursor(enc);
}

/** Cuts a row to `width` cells (a too-small terminal must never wrap a row onto the next). */
export function clipRow(row: Row, width: number, measure: (s: string) => number): Row {
  const out: Row = [];
  let used = 0;
  for (const seg of row) {
    if (used >= width) break;
    const w = measure(seg.text);
    if (used + w <= width) {
      out.push(seg);
      used += w;
      continue;
    }
    let text = "";
    for (const ch of seg.text) {
      const cw = measure(ch);
      if (used + cw > width) break;
      text += ch;
      used += cw;
    }
    if (text) out.push({ text, style: seg.style });
    break;
  }
  return out;
}

/** Pads or cuts a plain string to exactly `width` cells of single-width characters. */
export function fit(text: string, width: number): string {
  return text.length >= width ? text.slice(0, width) : text + " ".repeat(width - text.length);
}
