/**
 * What vim shows: the window (text rows from 'topline', wrapped, with the number column, "~"
 * past the end and "@@@" for a last line that does not fit: 'display' is "truncate"), and the
 * last row (command line, message or mode, 'showcmd' and the ruler at the columns vim's
 * comp_col() gives: ruler at Columns-18, showcmd at Columns-28).
 */
import { utf8Length, charLen, clipToWidth, glyph, displayCol, displayWidth, rowsOfWidth } from "../text";
import type { Frame, Row, Segment, Style } from "../screen";
import { orderPos, type Pos } from "../pos";
import { isEmptyBuffer } from "../buffer";
import { botline, numberWidth, textWidth } from "./scroll";
import { lineCount, windowHeight, type VimState } from "./state";

const COL_RULER = 17;
const SHOWCMD_COLS = 10;

/** Columns of the ruler and of showcmd (vim's comp_col with one window and no status line). */
export function messageColumns(s: VimState): { ruCol: number; scCol: number } {
  let ru = 0;
  let sc = 0;
  if (s.opts.ruler) {
    ru = COL_RULER + 1;
    sc = ru;
  }
  if (s.opts.showcmd) {
    sc += SHOWCMD_COLS;
    if (!s.opts.ruler) sc++;
  }
  return { ruCol: Math.max(1, s.screen.cols - ru), scCol: Math.max(1, s.screen.cols - sc) };
}

/** The ruler text: "12,5-9        42%" padded to end one column before the edge. */
export function rulerText(s: VimState): string {
  const { ruCol } = messageColumns(s);
  const width = s.screen.cols;
  const empty = isEmptyBuffer(s.buf);
  const text = s.buf.lines[s.cursor.line] ?? "";
  const col = empty ? 0 : text.length === 0 ? 0 : utf8Length(text.slice(0, s.cursor.col)) + 1;
  let vcol = displayCol(text, s.cursor.col, s.opts.tabstop) + 1;
  // in normal mode the cursor on a tab is shown at its end
  if (s.mode !== "insert" && s.mode !== "replace" && text[s.cursor.col] === "\t") vcol = displayCol(text, s.cursor.col + 1, s.opts.tabstop);
  const lnum = empty ? 0 : s.cursor.line + 1;
  let ruler = `${lnum},` + (col === vcol ? `${col}` : `${col}-${vcol}`);
  const rel = relPos(s);
  let thisRuCol = ruCol;
  if (thisRuCol < Math.floor((width + 1) / 2)) thisRuCol = Math.floor((width + 1) / 2);
  let o = ruler.length + rel.length + 1;
  if (thisRuCol + o < width) {
    while (thisRuCol + o < width) {
      ruler += " ";
      o++;
    }
    ruler += rel;
  } else ruler += " " + rel;
  return ruler.slice(0, Math.max(0, width - thisRuCol - 1));
}

/** "All", "Top", "Bot" or "NN%" (vim's get_rel_pos). */
export function relPos(s: VimState): string {
  const above = s.topline - 1;
  const { botline: bl } = botline(s);
  const below = lineCount(s) - bl + 1;
  if (below <= 0) return above === 0 ? "All" : "Bot";
  if (above <= 0) return "Top";
  const pct = above > 1000000 ? Math.floor(above / Math.floor((above + below) / 100)) : Math.floor((above * 100) / (above + below));
  return String(pct).padStart(2, " ") + "%";
}

interface Drawn {
  rows: Row[];
  /** screen row and column of the cursor when it is in the window */
  cursor: { row: number; col: number } | null;
}

/** Expands one buffer line into screen rows of `width` cells. */
function lineRows(s: VimState, lnum: number, width: number, sel: [Pos, Pos] | null, lineSel: boolean): { rows: Row[]; cursorAt: number[] } {
  const text = s.buf.lines[lnum];
  const rows: Row[] = [];
  let cur: Segment[] = [];
  let used = 0;
  let vcol = 0;
  const cellStart: number[] = [];
  const push = (t: string, style: Style) => {
    const last = cur[cur.length - 1];
    if (last && last.style === style) last.text += t;
    else cur.push({ text: t, style });
  };
  const selected = (i: number) => {
    if (!sel) return false;
    if (lineSel) return lnum >= sel[0].line && lnum <= sel[1].line;
    const a = sel[0];
    const b = sel[1];
    if (lnum < a.line || lnum > b.line) return false;
    if (lnum === a.line && i < a.col) return false;
    if (lnum === b.line && i > b.col) return false;
    return true;
  };
  for (let i = 0; i < text.length;) {
    const n = charLen(text, i);
    const ch = text.slice(i, i + n);
    const g = s.opts.list && ch === "\t" ? { text: "^I", width: 2 } : glyph(ch, vcol, s.opts.tabstop);
    cellStart[i] = vcol;
    const style: Style = selected(i) ? "visual" : ch.charCodeAt(0) < 0x20 && ch !== "\t" ? "nontext" : "normal";
    // split a glyph across rows cell by cell (a tab or ^X may wrap)
    for (const cell of g.width === g.text.length ? [...g.text] : [g.text]) {
      const w = g.width === g.text.length ? 1 : g.width;
      if (used + w > width) {
        rows.push(cur);
        cur = [];
        used = 0;
      }
      push(cell, style);
      used += w;
    }
    vcol += g.width;
    i += n;
  }
  if (s.opts.list) push("$", "nontext");
  if (text.length === 0 && sel && selected(0) && (lineSel || sel[0].line !== sel[1].line || true)) push(" ", "visual");
  rows.push(cur);
  cellStart[text.length] = vcol;
  return { rows, cursorAt: cellStart };
}

function drawWindow(s: VimState): Drawn {
  const height = windowHeight(s);
  const nw = numberWidth(s);
  const width = textWidth(s);
  const rows: Row[] = [];
  let cursor: Drawn["cursor"] = null;
  const sel = visualRange(s);
  let lnum = s.topline - 1;
  const total = lineCount(s);
  while (rows.length < height && lnum < total) {
    const { rows: lr, cursorAt } = lineRows(s, lnum, width, sel ? sel.range : null, sel?.kind === "line");
    const fits = rows.length + lr.length <= height;
    if (lnum === s.cursor.line) {
      const text = s.buf.lines[lnum];
      const insertLike = s.mode === "insert" || s.mode === "replace" || s.mode === "cmdline";
      let v = cursorAt[Math.min(s.cursor.col, text.length)] ?? 0;
      if (!insertLike && text[s.cursor.col] === "\t" && !s.opts.list) v = (cursorAt[s.cursor.col + 1] ?? v + 1) - 1;
      const r = rows.length + Math.floor(v / width);
      if (r < height) cursor = { row: r, col: nw + (v % width) };
    }
    if (!fits) {
      // 'display' truncate: as much of the line as fits, and "@@@" on the last row
      for (let i = 0; rows.length < height - 1; i++) rows.push(numbered(s, lnum, i, lr[i], nw));
      rows.push([{ text: "@@@", style: "nontext" }]);
      break;
    }
    lr.forEach((r, i) => rows.push(numbered(s, lnum, i, r, nw)));
    lnum++;
  }
  while (rows.length < height) rows.push([{ text: "~", style: "nontext" }]);
  return { rows, cursor };
}

function numbered(s: VimState, lnum: number, part: number, row: Row, nw: number): Row {
  if (!nw) return row;
  let label = "";
  if (part === 0) {
    const n = s.opts.relativenumber ? (lnum === s.cursor.line && s.opts.number ? lnum + 1 : Math.abs(lnum - s.cursor.line)) : lnum + 1;
    label = String(n).padStart(nw - 1, " ") + " ";
    if (s.opts.relativenumber && s.opts.number && lnum === s.cursor.line) label = String(n).padEnd(nw - 1, " ") + " ";
  } else label = " ".repeat(nw);
  return [{ text: label, style: "linenr" }, ...row];
}

/** The visual selection, ordered, when visual mode is on. */
export function visualRange(s: VimState): { kind: "char" | "line"; range: [Pos, Pos] } | null {
  if (s.mode !== "visual" || !s.visual) return null;
  return { kind: s.visual.kind, range: orderPos(s.visual.anchor, s.cursor) };
}

/** What 'showcmd' shows: the pending keys, or the size of the visual selection. */
function showcmdText(s: VimState): string {
  const sel = visualRange(s);
  if (sel) {
    const [a, b] = sel.range;
    if (sel.kind === "line" || a.line !== b.line) return String(b.line - a.line + 1);
    const text = s.buf.lines[a.line];
    const end = Math.min(text.length, b.col + charLen(text, Math.min(b.col, Math.max(0, text.length - 1))));
    const chars = [...text.slice(a.col, end)].length;
    const bytes = utf8Length(text.slice(a.col, end));
    return chars === bytes ? String(chars) : `${chars}-${bytes}`;
  }
  const keys = s.pending.map((k) => (k.length > 1 && k.startsWith("<C-") ? "^" + k[3].toUpperCase() : k === "<Esc>" ? "^[" : k)).join("");
  return keys.slice(-SHOWCMD_COLS);
}

function modeText(s: VimState): string {
  const paste = s.opts.paste ? " (paste)" : "";
  switch (s.mode) {
    case "insert":
      return `-- INSERT${paste} --`;
    case "replace":
      return `-- REPLACE${paste} --`;
    case "visual":
      return s.visual?.kind === "line" ? "-- VISUAL LINE --" : "-- VISUAL --";
    case "normal":
    case "cmdline":
    case "hitenter":
      return "";
  }
}

const MESSAGE_STYLE: Record<"info" | "error" | "warning", Style> = { info: "normal", error: "error", warning: "warning" };

function bottomRow(s: VimState): { row: Row; cursorCol: number | null } {
  const cols = s.screen.cols;
  if (s.mode === "cmdline" && s.cmdline) {
    const text = s.cmdline.kind + s.cmdline.text;
    const cur = 1 + s.cmdline.cursor;
    // in cells, not characters: drop characters from the left until the cursor's cell is on screen
    let start = 0;
    while (start < cur && displayWidth(text.slice(start, cur), 8) >= cols) start += charLen(text, start);
    return { row: [{ text: clipToWidth(text.slice(start), cols), style: "normal" }], cursorCol: displayWidth(text.slice(start, cur), 8) };
  }
  const row: Row = [];
  let used = 0;
  const add = (text: string, style: Style, at?: number) => {
    if (at !== undefined && at > used) {
      row.push({ text: " ".repeat(at - used), style: "normal" });
      used = at;
    }
    const t = clipToWidth(text, cols - used);
    if (t) row.push({ text: t, style });
    used += displayWidth(t, 8);
  };
  if (s.message) add(s.message.text, MESSAGE_STYLE[s.message.kind]);
  else if (s.opts.showmode && modeText(s)) add(modeText(s), "bold");
  const { ruCol, scCol } = messageColumns(s);
  if (s.opts.showcmd) {
    const sc = showcmdText(s);
    if (sc && used <= scCol) add(sc, "normal", scCol);
  }
  if (s.opts.ruler && used <= ruCol) add(rulerText(s), "normal", ruCol);
  return { row, cursorCol: null };
}

export function vimFrame(s: VimState): Frame {
  const rows = s.screen.rows;
  if (s.mode === "hitenter" && s.hitEnter) return hitEnterFrame(s);
  const win = drawWindow(s);
  const bottom = bottomRow(s);
  const all = [...win.rows, bottom.row].slice(0, rows);
  const cursor = bottom.cursorCol !== null ? { row: rows - 1, col: bottom.cursorCol } : (win.cursor ?? { row: 0, col: 0 });
  return { rows: all, cursor };
}

/** Messages that did not fit: the screen scrolls up and "Press ENTER or type command to continue" waits. */
function hitEnterFrame(s: VimState): Frame {
  const he = s.hitEnter;
  const win = drawWindow({ ...s, mode: "normal" });
  const msgRows: Row[] = [];
  for (const m of he?.lines ?? []) {
    const text = m.text;
    for (const part of rowsOfWidth(text, s.screen.cols, ">")) msgRows.push([{ text: part, style: MESSAGE_STYLE[m.kind] }]);
  }
  const prompt = "Press ENTER or type command to continue";
  msgRows.push([{ text: prompt.slice(0, s.screen.cols), style: "question" }]);
  const all = [...win.rows, ...msgRows].slice(-s.screen.rows);
  return { rows: all, cursor: { row: s.screen.rows - 1, col: Math.min(prompt.length, s.screen.cols - 1) } };
}
