/**
 * Ex line ranges: N, ., $, %, 'x marks (including '< '>), /pattern/ and ?pattern?, with +N/-N
 * offsets, separated by "," or ";" (":help cmdline-ranges").
 */
import { searchFrom } from "./search";
import type { VimState } from "./state";

/** 0-based lines, not yet checked against the buffer (":100" goes to the last line, ":100d" is E16). */
export type RangeResult = { ok: true; start: number; end: number; given: number; rest: string } | { ok: false; error: string };

/** One address; returns a 0-based line or an error. `cur` is the line "." means. */
function address(s: VimState, text: string, i: number, cur: number): { line: number | null; next: number; error?: string } {
  let line: number | null = null;
  const ch = text[i];
  if (ch === ".") {
    line = cur;
    i++;
  } else if (ch === "$") {
    line = s.buf.lines.length - 1;
    i++;
  } else if (ch !== undefined && ch >= "0" && ch <= "9") {
    const m = /^\d+/.exec(text.slice(i)) ?? ["0"];
    line = Number(m[0]) - 1;
    i += m[0].length;
  } else if (ch === "'") {
    const name = text[i + 1];
    const mark = name ? s.marks[name] : undefined;
    if (!mark) return { line: null, next: i, error: "E20: Mark not set" };
    line = mark.line;
    i += 2;
  } else if (ch === "/" || ch === "?") {
    const end = findDelimiter(text, i + 1, ch);
    const pattern = text.slice(i + 1, end) || s.lastSearch?.pattern || "";
    if (!pattern) return { line: null, next: i, error: "E35: No previous regular expression" };
    const from = ch === "/" ? { line: cur, col: Number.MAX_SAFE_INTEGER } : { line: cur, col: 0 };
    const r = searchFrom(s, pattern, ch === "/", from, 1);
    if (!r.ok) return { line: null, next: i, error: r.error };
    s.lastSearch = { pattern, forward: ch === "/", offsetLine: false };
    line = r.pos.line;
    i = end < text.length ? end + 1 : end;
  }
  for (;;) {
    const m = /^\s*([+-])(\d*)/.exec(text.slice(i));
    if (!m) break;
    const n = m[2] === "" ? 1 : Number(m[2]);
    line = (line ?? cur) + (m[1] === "+" ? n : -n);
    i += m[0].length;
  }
  return { line, next: i };
}

/** Index of the closing delimiter (skipping backslash escapes), or the text's length. */
export function findDelimiter(text: string, from: number, delim: string): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === delim) return i;
  }
  return text.length;
}

export function parseRange(s: VimState, text: string): RangeResult {
  let i = 0;
  while (text[i] === ":" || text[i] === " ") i++;
  const cur = s.cursor.line;
  if (text[i] === "%") {
    return { ok: true, start: 0, end: s.buf.lines.length - 1, given: 2, rest: text.slice(i + 1).trimStart() };
  }
  const a = address(s, text, i, cur);
  if (a.error) return { ok: false, error: a.error };
  i = a.next;
  if (a.line === null) return { ok: true, start: cur, end: cur, given: 0, rest: text.slice(i).trimStart() };
  let start = a.line;
  let end = a.line;
  let given = 1;
  while (text[i] === "," || text[i] === ";") {
    const sep = text[i];
    i++;
    if (sep === ";") s.cursor = { line: Math.max(0, Math.min(s.buf.lines.length - 1, end)), col: 0 };
    const b = address(s, text, i, sep === ";" ? end : cur);
    if (b.error) return { ok: false, error: b.error };
    i = b.next;
    start = end;
    end = b.line ?? (sep === ";" ? end : cur);
    if (given === 1) start = a.line;
    given = 2;
  }
  if (start > end) [start, end] = [end, start];
  return { ok: true, start, end, given, rest: text.slice(i).trimStart() };
}
