/**
 * nano's prompts and the screens that take the keys from the edit window: "File Name to Write:",
 * "Search:" (case-insensitive and literal, wrapping, "[ Search Wrapped ]", "[ This is the only
 * occurrence ]", '[ "x" not found ]'), "Enter line number, column number:", "Save modified
 * buffer?", ^C's position report and the ^G help screen.
 */
import { isPrintable, type Key } from "../input";
import { charLen, displayCol, displayWidth, prevCharIndex } from "../text";
import type { EditorEnv } from "../types";
import { adjustViewport, say } from "./edit";
import { finish, writeOut } from "./file";
import { helpLines } from "./menus";
import { editRows, TABSIZE, type NanoPromptKind, type NanoState } from "./state";

export function openPrompt(s: NanoState, kind: NanoPromptKind, text: string): void {
  // a prompt takes the status bar: whatever message was there is gone afterwards
  s.status = null;
  s.mode = "prompt";
  s.prompt = { kind, text, cursor: text.length };
}

/** ^W: case-insensitive and literal, as nano's defaults are, from just after the cursor, wrapping. */
export function search(s: NanoState, needle: string): void {
  const lines = s.buf.lines;
  const low = needle.toLowerCase();
  const n = lines.length;
  const start = s.cursor;
  for (let step = 0; step <= n; step++) {
    const l = (start.line + step) % n;
    const text = lines[l].toLowerCase();
    let at = text.indexOf(low, step === 0 ? start.col + 1 : 0);
    // back on the starting line after wrapping: only up to the cursor itself
    if (step === n && at > start.col) at = -1;
    if (at !== -1) {
      const wrapped = start.line + step >= n;
      if (l === start.line && at === start.col) say(s, "This is the only occurrence");
      else if (wrapped) say(s, "Search Wrapped");
      s.cursor = { line: l, col: at };
      s.wantCol = displayCol(lines[l], at, TABSIZE);
      adjustViewport(s, true);
      return;
    }
  }
  const shown = needle.length > s.screen.cols / 3 ? needle.slice(0, Math.floor(s.screen.cols / 3)) + "..." : needle;
  say(s, `"${shown}" not found`);
}

export function gotoLine(s: NanoState, answer: string): void {
  const m = /^\s*(-?\d+)?\s*(?:[,. /;:]\s*(-?\d+))?\s*$/.exec(answer);
  if (!m || (!m[1] && !m[2])) {
    say(s, "Invalid line or column number", "alert");
    return;
  }
  const total = s.buf.lines.length;
  let line = m[1] ? Number(m[1]) : s.cursor.line + 1;
  if (line < 0) line = total + line + 1;
  line = Math.max(1, Math.min(total, line));
  const text = s.buf.lines[line - 1];
  let col = m[2] ? Number(m[2]) : 1;
  if (col < 0) col = text.length + col + 2;
  s.cursor = { line: line - 1, col: Math.max(0, Math.min(text.length, col - 1)) };
  s.wantCol = displayCol(text, s.cursor.col, TABSIZE);
  adjustViewport(s, true);
}

/** ^C: "line 3/25 (12%), col 5/20 (25%), char 40/376 (10%)". */
export function location(s: NanoState): void {
  const lines = s.buf.lines;
  const total = lines.length;
  const text = lines[s.cursor.line];
  const col = displayCol(text, s.cursor.col, TABSIZE) + 1;
  const cols = displayWidth(text, TABSIZE) + 1;
  let chars = 0;
  for (let i = 0; i < s.cursor.line; i++) chars += [...lines[i]].length + 1;
  chars += [...text.slice(0, s.cursor.col)].length;
  let size = 0;
  for (let i = 0; i < total; i++) size += [...lines[i]].length + (i < total - 1 ? 1 : 0);
  const pct = (a: number, b: number) => (b === 0 ? 0 : Math.floor((a * 100) / b));
  const lw = String(total).length;
  const cw = String(size).length;
  say(
    s,
    `line ${String(s.cursor.line + 1).padStart(lw)}/${total} (${String(pct(s.cursor.line + 1, total)).padStart(2)}%), col ${String(col).padStart(2)}/${String(cols).padStart(2)} (${String(pct(col, cols)).padStart(3)}%), char ${String(chars).padStart(cw)}/${size} (${String(pct(chars, size)).padStart(2)}%)`,
  );
}

export function promptKey(s: NanoState, key: Key, env: EditorEnv): void {
  const p = s.prompt;
  if (!p) return;
  switch (key) {
    case "<CR>":
    case "<NL>": {
      s.mode = "edit";
      s.prompt = null;
      if (p.kind === "search") {
        const needle = p.text || s.lastSearch;
        if (!needle) {
          say(s, "Cancelled");
          return;
        }
        s.lastSearch = needle;
        search(s, needle);
      } else if (p.kind === "goto") gotoLine(s, p.text);
      else if (!p.text) say(s, "Cancelled");
      else if (writeOut(s, p.text, env) && p.kind === "exit-writeout") finish(s, "saved");
      return;
    }
    case "<C-c>":
      s.mode = "edit";
      s.prompt = null;
      say(s, "Cancelled");
      return;
    case "<BS>":
    case "<C-h>":
      if (p.cursor > 0) {
        const at = prevCharIndex(p.text, p.cursor);
        p.text = p.text.slice(0, at) + p.text.slice(p.cursor);
        p.cursor = at;
      }
      return;
    case "<Del>":
    case "<C-d>":
      p.text = p.text.slice(0, p.cursor) + p.text.slice(p.cursor + charLen(p.text, p.cursor));
      return;
    case "<Left>":
    case "<C-b>":
      p.cursor = prevCharIndex(p.text, p.cursor);
      return;
    case "<Right>":
    case "<C-f>":
      if (p.cursor < p.text.length) p.cursor += charLen(p.text, p.cursor);
      return;
    case "<Home>":
    case "<C-a>":
      p.cursor = 0;
      return;
    case "<End>":
    case "<C-e>":
      p.cursor = p.text.length;
      return;
    case "<C-u>":
      p.text = p.text.slice(p.cursor);
      p.cursor = 0;
      return;
    default:
      if (isPrintable(key)) {
        p.text = p.text.slice(0, p.cursor) + key + p.text.slice(p.cursor);
        p.cursor += key.length;
      }
  }
}

export function helpKey(s: NanoState, key: Key): void {
  const h = s.help;
  if (!h) return;
  const total = helpLines(s.screen.cols).lines.length;
  const rows = editRows(s);
  const maxTop = Math.max(0, total - rows);
  switch (key) {
    case "<C-x>":
    case "<C-c>":
    case "<C-g>":
    case "<Esc>":
    case "q":
      s.mode = "edit";
      s.help = null;
      return;
    case "<Down>":
    case "<C-n>":
      h.top = Math.min(maxTop, h.top + 1);
      return;
    case "<Up>":
    case "<C-p>":
      h.top = Math.max(0, h.top - 1);
      return;
    case "<PageDown>":
    case "<C-v>":
    case " ":
      h.top = Math.min(maxTop, h.top + rows - 2);
      return;
    case "<PageUp>":
    case "<C-y>":
      h.top = Math.max(0, h.top - (rows - 2));
      return;
    case "<Home>":
      h.top = 0;
      return;
    case "<End>":
      h.top = maxTop;
      return;
    default:
      return;
  }
}

export function yesNoKey(s: NanoState, key: Key): void {
  if (key === "y" || key === "Y") {
    s.mode = "prompt";
    s.prompt = { kind: "exit-writeout", text: s.name ?? "", cursor: (s.name ?? "").length };
  } else if (key === "n" || key === "N") finish(s, "discarded");
  // any other key leaves the question standing
  else if (key === "<C-c>") {
    s.mode = "edit";
    say(s, "Cancelled");
  }
}
