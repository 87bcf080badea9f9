/**
 * The editing insert mode does to the text: typing (and replacing) characters, re-indenting on
 * the keys in 'indentkeys' (fixthisline/change_indent), <CR> as vim's open_line() with the comment
 * leader and 'indentexpr', and <BS>/<C-w>/<C-u> as ins_bs() with 'softtabstop' and 'backspace'.
 */
import { charClass, displayCol, indentOf, isBlank, prevCharIndex, charLen } from "../text";
import { changeLine, changeLines, insertText } from "./edit";
import { exprIndent, setIndent } from "./indent";
import { effectiveSts, line, type VimState } from "./state";

/** cindent_on(): 'indentexpr' set and 'paste' off. */
export function indentOn(s: VimState): boolean {
  return !s.opts.paste && s.opts.indentexpr !== "";
}

/** vim's in_cinkeys() for the keys 'indentkeys' lists: ":" always, "#", "-", "}", "]" first on the line. */
export function reindentKey(s: VimState, ch: string, lineWasWhite: boolean): boolean {
  const keys = s.opts.indentkeys.split(",");
  for (const k of keys) {
    const body = k.replace(/^[*!]/, "");
    if (body === `<${ch}>`) return true;
    if (body === `0${ch}` && lineWasWhite) return true;
  }
  return false;
}

/** Re-indents the cursor line with 'indentexpr' keeping the cursor on the same text (fixthisline/change_indent). */
export function fixThisLine(s: VimState): void {
  const amount = exprIndent(s, s.cursor.line);
  if (amount === null || amount < 0) return;
  const text = line(s);
  const ws = /^[ \t]*/.exec(text)?.[0].length ?? 0;
  const col = s.cursor.col;
  const delta = setIndent(s, s.cursor.line, amount);
  const fresh = ws + delta;
  s.cursor.col = col >= ws ? col + delta : Math.max(0, fresh - (ws - col));
  const ins = s.insert;
  if (ins && ins.start.line === s.cursor.line && ins.start.col !== 0) ins.start.col = Math.max(0, ins.start.col + delta);
  if (ins && /^[ \t]*$/.test(line(s))) ins.autoIndented = true;
}

export function insertChars(s: VimState, text: string): boolean {
  const ins = s.insert;
  if (s.mode === "replace" && ins) {
    const cur = line(s);
    if (!(s.cursor.line in ins.replaced)) ins.replaced[s.cursor.line] = cur;
    const n = Math.min([...text].length, cur.length - s.cursor.col);
    let end = s.cursor.col;
    for (let i = 0; i < n; i++) end += charLen(cur, end);
    if (!changeLine(s, s.cursor.line, cur.slice(0, s.cursor.col) + text + cur.slice(end))) return false;
    s.cursor.col += text.length;
    return true;
  }
  const at = insertText(s, s.cursor, text);
  if (!at) return false;
  s.cursor = at;
  return true;
}

/** <CR> in insert mode: vim's open_line(FORWARD) with the cursor splitting the line. */
export function openLine(s: VimState, forward: boolean, fromInsert: boolean): void {
  const ins = s.insert;
  const cur = line(s);
  const col = fromInsert ? s.cursor.col : cur.length;
  let saved = cur.slice(0, col);
  let extra = fromInsert ? cur.slice(col) : "";
  const truncLine = forward && !!ins?.autoIndented;
  let leader = "";
  const fo = s.opts.paste ? "" : s.opts.formatoptions;
  if (s.opts.commentLeader && fo.includes(fromInsert ? "r" : "o")) {
    const m = new RegExp(`^[ \\t]*${s.opts.commentLeader.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[ \\t]*`).exec(fromInsert ? saved : cur);
    if (m) leader = m[0];
  }
  if (s.opts.autoindent && !s.opts.paste) extra = extra.replace(/^[ \t]+/, "");
  let newIndent = 0;
  if (s.opts.autoindent && !s.opts.paste && !leader) newIndent = indentOf(cur, s.opts.tabstop);
  let newLine = leader + extra;
  if (truncLine) saved = saved.replace(/[ \t]+$/, "");
  const at = forward ? s.cursor.line + 1 : s.cursor.line;
  if (forward) {
    const changed = fromInsert || truncLine ? [saved, newLine] : [cur, newLine];
    if (!changeLines(s, s.cursor.line, 1, changed)) return;
  } else if (!changeLines(s, at, 0, [newLine])) return;
  s.cursor = { line: at, col: 0 };
  let newCol = leader.length;
  if (newIndent > 0) {
    const d = setIndent(s, at, newIndent);
    newCol += d;
    newLine = line(s);
  }
  if (ins) ins.autoIndented = newIndent > 0 || leader !== "";
  s.cursor.col = newCol;
  if (indentOn(s) && s.opts.indentkeys.split(",").includes(forward ? "o" : "O")) fixThisLine(s);
}

export function backspace(s: VimState, mode: "char" | "word" | "line"): void {
  const ins = s.insert;
  if (!ins) return;
  if (s.cursor.line === 0 && s.cursor.col === 0) return;
  const inIndent = /^[ \t]*$/.test(line(s).slice(0, s.cursor.col));
  if (inIndent) ins.canCindent = false;
  if (s.cursor.col === 0) {
    // join with the previous line (backspace=eol)
    const prev = line(s, s.cursor.line - 1);
    if (ins.start.line === s.cursor.line) ins.start = { line: ins.start.line - 1, col: prev.length };
    if (s.mode === "replace" && s.cursor.line <= ins.start.line) {
      s.cursor = { line: s.cursor.line - 1, col: prev.length };
      return;
    }
    if (!changeLines(s, s.cursor.line - 1, 2, [prev + line(s)])) return;
    s.cursor = { line: s.cursor.line - 1, col: prev.length };
    ins.autoIndented = false;
    return;
  }
  const text = line(s);
  const sts = effectiveSts(s);
  const before = text[s.cursor.col - 1];
  if (mode === "char" && sts !== 0 && (before === "\t" || (before === " " && !ins.insertedSpace))) {
    ins.insertedSpace = false;
    const vcol = displayCol(text, s.cursor.col, s.opts.tabstop);
    let want = displayCol(text, s.cursor.col - 1, s.opts.tabstop);
    want = Math.floor(want / sts) * sts;
    let col = s.cursor.col;
    let v = vcol;
    while (v > want && col > 0 && isBlank(text[col - 1])) {
      col--;
      v = displayCol(text, col, s.opts.tabstop);
    }
    let fresh = text.slice(0, col) + text.slice(s.cursor.col);
    let c = col;
    while (v < want) {
      fresh = fresh.slice(0, c) + " " + fresh.slice(c);
      c++;
      v++;
    }
    if (v >= vcol) {
      fresh = fresh.slice(0, c - 1) + fresh.slice(c);
      c--;
    }
    if (changeLine(s, s.cursor.line, fresh)) s.cursor.col = c;
  } else {
    let mincol = 0;
    if (mode === "line" && (s.opts.autoindent || indentOn(s))) {
      const ws = /^[ \t]*/.exec(text)?.[0].length ?? 0;
      if (ws < s.cursor.col) mincol = ws;
    }
    let col = s.cursor.col;
    let wordMode: "start" | "inword" = "start";
    let wordClass = 0;
    const startCol = ins.start.line === s.cursor.line ? ins.start.col : -1;
    do {
      const prev = prevCharIndex(text, col);
      const ch = text.slice(prev, col);
      if (mode === "word") {
        if (wordMode === "start" && !/\s/.test(ch)) {
          wordMode = "inword";
          wordClass = charClass(ch) === 2 ? 2 : 1;
        } else if (wordMode === "inword" && (/\s/.test(ch) || (charClass(ch) === 2 ? 2 : 1) !== wordClass)) break;
      }
      col = prev;
      if (mode === "char") break;
    } while (col > mincol && col !== startCol);
    if (s.mode === "replace" && ins.replaced[s.cursor.line] !== undefined) {
      const orig = ins.replaced[s.cursor.line];
      const restored = text.slice(0, col) + orig.slice(col, Math.min(orig.length, s.cursor.col)) + text.slice(s.cursor.col);
      if (changeLine(s, s.cursor.line, restored)) s.cursor.col = col;
    } else if (changeLine(s, s.cursor.line, text.slice(0, col) + text.slice(s.cursor.col))) s.cursor.col = col;
    if (mode === "line" && mincol > 0) fixThisLine(s);
  }
  if (s.cursor.col <= 1) ins.autoIndented = false;
}
