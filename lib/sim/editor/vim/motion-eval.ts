/**
 * Evaluates a motion key from the cursor: where it lands and how an operator takes the text.
 * `pending` is true after an operator (vim's oap->op_type != OP_NOP): then "l" may step onto
 * the end of the line, "w" stops at the end of its line, and "cw" behaves like "ce".
 */
import { firstNonBlank } from "../buffer";
import type { Pos } from "../pos";
import { charLen, prevCharIndex } from "../text";
import { setMessage } from "./edit";
import { bckendWord, bckWord, columnFor, endWord, findChar, findParagraph, fwdWord, matchPair, Walker, type MotionResult } from "./motions";
import type { Motion } from "./parse";
import { literalPattern, searchFrom, wordUnderCursor } from "./search";
import { botline, plines } from "./scroll";
import { line, lineCount, scrolloff, windowHeight, type VimState } from "./state";
import type { Region } from "./operator";

export interface MotionContext {
  /** the operator waiting for this motion, or null */
  op: string | null;
  /** count before the operator and count before the motion, multiplied */
  count: number | null;
}

const fail = (s: VimState): MotionResult => ({ pos: { ...s.cursor }, linewise: false, inclusive: false, failed: true });

function lineTarget(s: VimState, lnum: number): MotionResult {
  const l = Math.max(0, Math.min(lineCount(s) - 1, lnum));
  return { pos: { line: l, col: firstNonBlank(line(s, l)) }, linewise: true, inclusive: false };
}

function vertical(s: VimState, delta: number): MotionResult {
  const target = s.cursor.line + delta;
  if ((delta > 0 && s.cursor.line >= lineCount(s) - 1) || (delta < 0 && s.cursor.line <= 0)) return { ...fail(s), linewise: true };
  const l = Math.max(0, Math.min(lineCount(s) - 1, target));
  return {
    pos: { line: l, col: columnFor(line(s, l), s.curswant, s.opts.tabstop, false) },
    linewise: true,
    inclusive: false,
    curswant: s.curswant,
  };
}

/** Searches for the last pattern again; sets the wrap message. */
export function searchMotion(s: VimState, forward: boolean, count: number): MotionResult {
  const last = s.lastSearch;
  if (!last) {
    setMessage(s, "E35: No previous regular expression", "error");
    return fail(s);
  }
  const dirForward = last.forward === forward;
  const r = searchFrom(s, last.pattern, dirForward, s.cursor, count);
  if (!r.ok) {
    setMessage(s, r.error, "error");
    return fail(s);
  }
  if (r.wrapped)
    setMessage(s, r.wrapped === "bottom" ? "search hit BOTTOM, continuing at TOP" : "search hit TOP, continuing at BOTTOM", "warning");
  else s.message = { text: (dirForward ? "/" : "?") + last.pattern, kind: "info", display: "trunc", echo: true };
  return { pos: r.pos, linewise: false, inclusive: false };
}

export function evalMotion(s: VimState, m: Motion, ctx: MotionContext): MotionResult {
  const count1 = ctx.count ?? 1;
  const pending = ctx.op !== null;
  const text = line(s);
  const cur = s.cursor;
  switch (m.key) {
    case "h":
    case "<Left>":
    case "<C-h>":
    case "<BS>": {
      if (cur.col === 0) {
        // 'whichwrap' b: <BS> wraps to the previous line
        if ((m.key === "<BS>" || m.key === "<C-h>") && cur.line > 0) {
          const p = line(s, cur.line - 1);
          return { pos: { line: cur.line - 1, col: p.length ? prevCharIndex(p, p.length) : 0 }, linewise: false, inclusive: false };
        }
        return fail(s);
      }
      let col = cur.col;
      for (let i = 0; i < count1 && col > 0; i++) col = prevCharIndex(text, col);
      return { pos: { line: cur.line, col }, linewise: false, inclusive: false };
    }
    case "l":
    case "<Right>":
    case " ": {
      const last = text.length ? prevCharIndex(text, text.length) : 0;
      const limit = pending ? text.length : last;
      if (cur.col >= limit) {
        if (m.key === " " && cur.line < lineCount(s) - 1 && !pending)
          return { pos: { line: cur.line + 1, col: 0 }, linewise: false, inclusive: false };
        return pending && text.length ? { pos: { ...cur }, linewise: false, inclusive: true } : fail(s);
      }
      let col = cur.col;
      for (let i = 0; i < count1 && col < limit; i++) col += charLen(text, col);
      return { pos: { line: cur.line, col }, linewise: false, inclusive: false };
    }
    case "j":
    case "<Down>":
    case "<C-n>":
    case "<C-j>":
    case "<NL>":
    case "gj":
      return vertical(s, count1);
    case "k":
    case "<Up>":
    case "<C-p>":
    case "gk":
      return vertical(s, -count1);
    case "+":
    case "<CR>":
    case "<C-m>":
      return cur.line + count1 > lineCount(s) - 1 && cur.line === lineCount(s) - 1
        ? { ...fail(s), linewise: true }
        : lineTarget(s, cur.line + count1);
    case "-":
      return cur.line === 0 ? { ...fail(s), linewise: true } : lineTarget(s, cur.line - count1);
    case "_":
      return lineTarget(s, cur.line + count1 - 1);
    case "line":
      if (cur.line + count1 - 1 > lineCount(s) - 1) return { ...fail(s), linewise: true };
      return { pos: { line: cur.line + count1 - 1, col: cur.col }, linewise: true, inclusive: false };
    case "0":
    case "<Home>":
    case "g0":
      return { pos: { line: cur.line, col: 0 }, linewise: false, inclusive: false };
    case "^":
    case "g^":
      return { pos: { line: cur.line, col: firstNonBlank(text) }, linewise: false, inclusive: false };
    case "$":
    case "<End>":
    case "g$": {
      const l = Math.min(lineCount(s) - 1, cur.line + count1 - 1);
      if (cur.line + count1 - 1 > lineCount(s) - 1) return fail(s);
      const t = line(s, l);
      return { pos: { line: l, col: t.length ? prevCharIndex(t, t.length) : 0 }, linewise: false, inclusive: true, curswant: -1 };
    }
    case "g_": {
      const l = Math.min(lineCount(s) - 1, cur.line + count1 - 1);
      const t = line(s, l).replace(/[ \t]+$/, "");
      return { pos: { line: l, col: t.length ? prevCharIndex(t, t.length) : 0 }, linewise: false, inclusive: true };
    }
    case "|":
      return {
        pos: { line: cur.line, col: columnFor(text, count1 - 1, s.opts.tabstop, false) },
        linewise: false,
        inclusive: false,
        curswant: count1 - 1,
      };
    case "gm":
      return {
        pos: { line: cur.line, col: columnFor(text, Math.floor(s.screen.cols / 2), s.opts.tabstop, false) },
        linewise: false,
        inclusive: false,
      };
    case "G":
      return lineTarget(s, ctx.count === null ? lineCount(s) - 1 : ctx.count - 1);
    case "gg":
      return lineTarget(s, (ctx.count ?? 1) - 1);
    case "w":
    case "W":
    case "e":
    case "E": {
      const big = m.key === "W" || m.key === "E";
      let wordEnd = m.key === "e" || m.key === "E";
      let inclusive = wordEnd;
      let stop = false;
      if (!wordEnd && ctx.op === "c") {
        const ch = text[cur.col];
        if (ch !== undefined && ch !== " " && ch !== "\t") {
          inclusive = true;
          wordEnd = true;
          stop = true;
        }
      }
      const w = new Walker(s.buf.lines, cur.line, cur.col);
      const ok = wordEnd ? endWord(w, count1, big, stop, false) : fwdWord(w, count1, big, pending);
      // adjust_cursor(): not on the end-of-line position after moving forward
      if ((w.line > cur.line || w.col > cur.col) && w.col > 0 && w.col >= s.buf.lines[w.line].length && pending) {
        w.col = prevCharIndex(s.buf.lines[w.line], w.col);
        inclusive = true;
      } else if (!pending && w.col >= s.buf.lines[w.line].length && w.col > 0) w.col = prevCharIndex(s.buf.lines[w.line], w.col);
      // a failed "w" on the last word still moves to the last character (vim beeps)
      if (!ok && !pending && w.line === cur.line && w.col === cur.col) return fail(s);
      return { pos: w.pos, linewise: false, inclusive };
    }
    case "b":
    case "B": {
      const w = new Walker(s.buf.lines, cur.line, cur.col);
      if (!bckWord(w, count1, m.key === "B", false)) return fail(s);
      return { pos: w.pos, linewise: false, inclusive: false };
    }
    case "ge":
    case "gE": {
      const w = new Walker(s.buf.lines, cur.line, cur.col);
      if (!bckendWord(w, count1, m.key === "gE", false)) return fail(s);
      if (w.col >= s.buf.lines[w.line].length && w.col > 0) w.col = prevCharIndex(s.buf.lines[w.line], w.col);
      return { pos: w.pos, linewise: false, inclusive: true };
    }
    case "f":
    case "F":
    case "t":
    case "T":
    case ";":
    case ",": {
      let command: "f" | "F" | "t" | "T";
      let ch: string;
      if (m.key === ";" || m.key === ",") {
        if (!s.lastFind) return fail(s);
        ch = s.lastFind.char;
        command = s.lastFind.command;
        if (m.key === ",") command = ({ f: "F", F: "f", t: "T", T: "t" } as const)[command];
      } else {
        command = m.key;
        ch = m.arg ?? "";
        s.lastFind = { command, char: ch };
      }
      const col = findChar(text, cur.col, command, ch, count1, m.key === ";" || m.key === ",");
      if (col === null) return fail(s);
      return { pos: { line: cur.line, col }, linewise: false, inclusive: command === "f" || command === "t" };
    }
    case "%": {
      if (ctx.count !== null) {
        if (ctx.count > 100) return fail(s);
        return lineTarget(s, Math.floor((ctx.count * lineCount(s) + 99) / 100) - 1);
      }
      const p = matchPair(s.buf.lines, cur);
      return p ? { pos: p, linewise: false, inclusive: true } : fail(s);
    }
    case "}":
    case "{": {
      const r = findParagraph(s.buf.lines, cur.line, m.key === "}" ? 1 : -1, count1);
      return r ?? fail(s);
    }
    case "H":
    case "L":
    case "M": {
      // nv_scroll(): the top or bottom line of the window (count-1 lines in), or the middle by
      // screen rows; then cursor_correct() keeps 'scrolloff' lines unless the window shows the
      // start (or end) of the buffer, or an operator is pending
      const top = s.topline - 1;
      const { botline: bl, emptyRows } = botline(s);
      const last = Math.min(lineCount(s), bl - 1) - 1;
      let l: number;
      if (m.key === "L") l = Math.max(0, last - (count1 - 1));
      else if (m.key === "H") l = Math.min(lineCount(s) - 1, top + count1 - 1);
      else {
        const half = Math.floor((windowHeight(s) - emptyRows + 1) / 2);
        let used = 0;
        let n = 0;
        for (; top + n < lineCount(s) - 1; n++) {
          used += plines(s, top + n + 1);
          if (used >= half) break;
        }
        if (n > 0 && used > windowHeight(s)) n--;
        l = Math.min(lineCount(s) - 1, top + n);
      }
      if (!pending) {
        const so = scrolloff(s);
        if (s.topline > 1) l = Math.max(l, Math.min(lineCount(s) - 1, top + so));
        if (bl <= lineCount(s)) l = Math.min(l, Math.max(0, bl - 2 - so));
      }
      return lineTarget(s, l);
    }
    case "n":
    case "N":
      return searchMotion(s, m.key === "n", count1);
    case "*":
    case "#": {
      const wd = wordUnderCursor(text, cur.col);
      if (!wd) {
        setMessage(s, "E348: No string under cursor", "error");
        return fail(s);
      }
      s.lastSearch = { pattern: literalPattern(wd.word, wd.keyword), forward: m.key === "*", offsetLine: false };
      s.history.search.push(s.lastSearch.pattern);
      // start from the beginning of the word so "#" does not find the word itself
      const start = text.indexOf(wd.word, Math.max(0, cur.col - wd.word.length + 1));
      const saved = s.cursor;
      if (m.key === "#" && start >= 0 && start <= cur.col) s.cursor = { line: cur.line, col: start };
      const r = searchMotion(s, true, count1);
      s.cursor = saved;
      return r;
    }
    case "'":
    case "`": {
      const name = m.arg ?? "";
      const mark = name === "'" || name === "`" ? (s.marks["'"] ?? { line: 0, col: 0 }) : s.marks[name];
      if (!mark) {
        setMessage(s, "E20: Mark not set", "error");
        return fail(s);
      }
      if (mark.line >= lineCount(s)) return fail(s);
      return m.key === "'" ? lineTarget(s, mark.line) : { pos: { ...mark }, linewise: false, inclusive: false };
    }
    default:
      return fail(s);
  }
}

/** The region an operator acts on, from the cursor and a motion result. */
export function regionOf(s: VimState, r: MotionResult): Region {
  const a = s.cursor;
  const b = r.pos;
  const before = a.line < b.line || (a.line === b.line && a.col <= b.col);
  const start = before ? { ...a } : { ...b };
  const end = before ? { ...b } : { ...a };
  return { start, end, linewise: r.linewise, inclusive: r.inclusive };
}

export function isJump(key: string): boolean {
  return ["G", "gg", "n", "N", "*", "#", "%", "{", "}", "H", "M", "L", "'", "`"].includes(key);
}

export function usesRegOne(key: string): boolean {
  return ["%", "(", ")", "`", "/", "?", "n", "N", "{", "}"].includes(key);
}

export type { Pos };
