/**
 * Searching the buffer ("/", "?", "n", "N", "*", "#") with vim's messages: the wrap warnings
 * "search hit BOTTOM, continuing at TOP" and "search hit TOP, continuing at BOTTOM", E486 when
 * nothing matches, E384/E385 with 'nowrapscan', E35 when there is no previous pattern.
 */
import type { Pos } from "../pos";
import { compilePattern, lineMatches } from "./regex";
import type { VimState } from "./state";

export type SearchOutcome = { ok: true; pos: Pos; end: Pos; wrapped: "top" | "bottom" | null } | { ok: false; error: string };

export function compileFor(s: VimState, pattern: string) {
  return compilePattern(pattern, {
    ignorecase: s.opts.ignorecase,
    smartcase: s.opts.smartcase,
    lastSubstitute: s.lastSubstitute?.replacement ?? null,
  });
}

/**
 * The `count`-th match after (forward) or before `from`. A match at `from` itself does not count
 * (vim starts one character further), so "n" always moves.
 */
export function searchFrom(s: VimState, pattern: string, forward: boolean, from: Pos, count: number): SearchOutcome {
  const compiled = compileFor(s, pattern);
  if (!compiled.ok)
    return {
      ok: false,
      error: compiled.error === "E486" || compiled.error === "multi-line" ? `E486: Pattern not found: ${pattern}` : compiled.error,
    };
  const re = compiled.regex;
  const lines = s.buf.lines;
  const n = lines.length;
  let pos = from;
  let wrapped: "top" | "bottom" | null = null;
  let end: Pos = from;
  for (let k = 0; k < count; k++) {
    let found: { pos: Pos; end: Pos } | null = null;
    for (let step = 0; step <= n && !found; step++) {
      const idx = forward ? pos.line + step : pos.line - step;
      let lnum = ((idx % n) + n) % n;
      if (forward && idx >= n) {
        if (!s.opts.wrapscan) return { ok: false, error: `E385: Search hit BOTTOM without match for: ${pattern}` };
        wrapped = "bottom";
      }
      if (!forward && idx < 0) {
        if (!s.opts.wrapscan) return { ok: false, error: `E384: Search hit TOP without match for: ${pattern}` };
        wrapped = "top";
      }
      lnum = ((idx % n) + n) % n;
      const ms = lineMatches(re, lines[lnum]);
      if (forward) {
        const m = ms.find((x) => step > 0 || x.start > pos.col);
        if (m && !(step === n && m.start > pos.col)) found = { pos: { line: lnum, col: m.start }, end: { line: lnum, col: m.end } };
      } else {
        const cands = ms.filter((x) => step > 0 || x.start < pos.col);
        const m = cands[cands.length - 1];
        if (m && !(step === n && m.start < pos.col)) found = { pos: { line: lnum, col: m.start }, end: { line: lnum, col: m.end } };
      }
    }
    if (!found) return { ok: false, error: `E486: Pattern not found: ${pattern}` };
    pos = found.pos;
    end = found.end;
  }
  return { ok: true, pos, end, wrapped };
}

/** The keyword under or after the cursor, for "*" and "#" (null: E348/E349). */
export function wordUnderCursor(text: string, col: number): { word: string; keyword: boolean } | null {
  const isWord = (c: string | undefined) => c !== undefined && /[0-9A-Za-z_\u00c0-\u00ff]/.test(c);
  let i = col;
  while (i < text.length && !isWord(text[i])) i++;
  if (i < text.length) {
    let a = i;
    if (i === col) while (a > 0 && isWord(text[a - 1])) a--;
    let b = i;
    while (b < text.length && isWord(text[b])) b++;
    return { word: text.slice(a, b), keyword: true };
  }
  // no keyword: a run of non-blank characters
  i = col;
  while (i < text.length && /\s/.test(text[i])) i++;
  if (i >= text.length) return null;
  let b = i;
  while (b < text.length && !/\s/.test(text[b])) b++;
  return { word: text.slice(i, b), keyword: false };
}

/** A vim pattern matching `word` literally ("*" adds \< \> around keywords). */
export function literalPattern(word: string, whole: boolean): string {
  const escaped = word.replace(/[\\/.*$^~[\]]/g, (c) => "\\" + c);
  return whole ? `\\<${escaped}\\>` : escaped;
}
