/**
 * Insert and Replace mode, following vim's edit.c: typing, <CR> through open_line() (comment
 * leader with 'formatoptions' r/o, 'indentexpr' for the new line, the unused auto-indent of the
 * previous line removed), <BS> with 'softtabstop' and 'backspace' indent,eol,start, <C-w>,
 * <C-u> (defaults.vim maps it to <C-g>u<C-u>: an undo break first), <C-t>/<C-d>, <C-r>{reg},
 * <C-v>{char}, re-indenting on the keys in 'indentkeys', arrows (which break undo and "."), and
 * <Esc>/<C-c> (a count repeats the text at <Esc>, not at <C-c>).
 */
import { beginChange, endChange } from "../buffer";
import { isPrintable, type Key } from "../input";
import { displayCol, indentOf, prevCharIndex, charLen } from "../text";
import { changeLine, changeLines, clampCursor, getRegister, insertText, updateCurswant } from "./edit";
import { setIndent, tabText } from "./indent";
import { backspace, fixThisLine, indentOn, insertChars, openLine, reindentKey } from "./insert-edits";
import { columnFor } from "./motions";
import { line, lineCount, shiftwidth, type InsertSession, type VimState } from "./state";

export interface InsertEnv {
  now: number;
  /** replays keys through the whole editor (count repetition) */
  replay(keys: Key[]): void;
}

export function startInsert(s: VimState, command: InsertSession["command"], count: number, replace = false): void {
  s.mode = replace ? "replace" : "insert";
  s.message = null;
  beginChange(s.buf);
  s.insert = {
    command,
    count,
    typed: [],
    start: { ...s.cursor },
    autoIndented: false,
    replaced: {},
    restarted: false,
    canCindent: true,
    insertedSpace: false,
    literalNext: false,
    registerNext: false,
  };
}

/** An undo break inside insert mode (<C-g>u, arrows): the text so far becomes one undo step. */
function undoBreak(s: VimState, now: number): void {
  endChange(s.buf, now);
  beginChange(s.buf);
}

function moveInInsert(s: VimState, key: Key, now: number): void {
  const ins = s.insert;
  if (!ins) return;
  undoBreak(s, now);
  ins.restarted = true;
  ins.count = 1;
  ins.autoIndented = false;
  ins.insertedSpace = false;
  const text = line(s);
  switch (key) {
    case "<Left>":
      if (s.cursor.col > 0) s.cursor.col = prevCharIndex(text, s.cursor.col);
      break;
    case "<Right>":
      if (s.cursor.col < text.length) s.cursor.col += charLen(text, s.cursor.col);
      break;
    case "<Up>":
    case "<Down>": {
      const target = s.cursor.line + (key === "<Up>" ? -1 : 1);
      if (target >= 0 && target < lineCount(s))
        s.cursor = { line: target, col: columnFor(line(s, target), s.curswant, s.opts.tabstop, true) };
      break;
    }
    case "<Home>":
      s.cursor.col = 0;
      break;
    case "<End>":
      s.cursor.col = text.length;
      break;
    default:
      break;
  }
  ins.start = { ...s.cursor };
  if (key !== "<Up>" && key !== "<Down>") updateCurswant(s);
}

/** Leaves insert mode: the count repeats what was typed (not after <C-c> or an arrow), the cursor steps back. */
export function leaveInsert(s: VimState, env: InsertEnv, interrupted: boolean): void {
  const ins = s.insert;
  if (!ins) return;
  if (ins.count > 1 && !interrupted) {
    const again = ins.typed.slice();
    const times = ins.count - 1;
    ins.count = 1;
    const recording = s.recording;
    s.recording = null;
    for (let n = 0; n < times; n++) env.replay(ins.command === "o" || ins.command === "O" ? ["<CR>", ...again] : again);
    s.recording = recording;
  }
  if (ins.autoIndented && /^[ \t]+$/.test(line(s))) {
    changeLine(s, s.cursor.line, "");
    s.cursor.col = 0;
  }
  endChange(s.buf, env.now);
  s.mode = "normal";
  s.insert = null;
  if (s.cursor.col > 0) s.cursor.col = prevCharIndex(line(s), s.cursor.col);
  clampCursor(s, false);
  updateCurswant(s);
}

/** One key in insert or replace mode. */
export function insertKey(s: VimState, key: Key, env: InsertEnv): void {
  const ins = s.insert;
  if (!ins) return;
  if (ins.literalNext) {
    ins.literalNext = false;
    ins.typed.push(key);
    const lit = literalKey(key);
    if (lit !== null) insertChars(s, lit);
    return;
  }
  if (ins.registerNext) {
    ins.registerNext = false;
    ins.typed.push(key);
    const reg = getRegister(s, key);
    if (reg) insertPastedText(s, reg.linewise ? reg.text + "\n" : reg.text);
    return;
  }
  if (key === "<Esc>" || key === "<C-c>" || key === "<C-[>") {
    if (s.recording) s.recording.push(key === "<C-c>" ? "<Esc>" : key);
    leaveInsert(s, env, key === "<C-c>");
    return;
  }
  if (["<Left>", "<Right>", "<Up>", "<Down>", "<Home>", "<End>", "<PageUp>", "<PageDown>"].includes(key)) {
    moveInInsert(s, key, env.now);
    return;
  }
  if (ins.restarted && s.recording) {
    // after an arrow, "." repeats only what is typed from here, as an "i" command
    s.recording = ["i"];
    ins.restarted = false;
    ins.typed = [];
  }
  if (s.recording) s.recording.push(key);
  ins.typed.push(key);
  const lineWasWhite = /^[ \t]*$/.test(line(s).slice(0, s.cursor.col));
  switch (key) {
    case "<CR>":
    case "<NL>":
    case "<C-m>":
    case "<C-j>":
      ins.insertedSpace = false;
      openLine(s, true, true);
      ins.canCindent = true;
      return;
    case "<BS>":
    case "<C-h>":
      backspace(s, "char");
      return;
    case "<C-w>":
      backspace(s, "word");
      return;
    case "<C-u>":
      undoBreak(s, env.now);
      backspace(s, "line");
      return;
    case "<Del>": {
      const text = line(s);
      if (s.cursor.col < text.length)
        changeLine(s, s.cursor.line, text.slice(0, s.cursor.col) + text.slice(s.cursor.col + charLen(text, s.cursor.col)));
      else if (s.cursor.line < lineCount(s) - 1) changeLines(s, s.cursor.line, 2, [text + line(s, s.cursor.line + 1)]);
      return;
    }
    case "<Tab>": {
      if (lineWasWhite) ins.canCindent = false;
      const t = tabText(s, displayCol(line(s), s.cursor.col, s.opts.tabstop));
      insertChars(s, t);
      ins.autoIndented = false;
      return;
    }
    case "<C-t>":
    case "<C-d>": {
      const text = line(s);
      const ws = /^[ \t]*/.exec(text)?.[0].length ?? 0;
      const cur = indentOf(text, s.opts.tabstop);
      const sw = shiftwidth(s);
      const next = key === "<C-t>" ? (Math.floor(cur / sw) + 1) * sw : Math.max(0, Math.ceil(cur / sw) - 1) * sw;
      const col = s.cursor.col;
      const d = setIndent(s, s.cursor.line, next);
      s.cursor.col = col >= ws ? col + d : ws + d;
      ins.canCindent = false;
      return;
    }
    case "<C-r>":
      ins.registerNext = true;
      return;
    case "<C-v>":
    case "<C-q>":
      ins.literalNext = true;
      return;
    case "<C-f>":
      if (indentOn(s)) fixThisLine(s);
      return;
    case "<C-o>":
    case "<Insert>":
    case "<C-g>":
      return;
    default:
      break;
  }
  if (!isPrintable(key)) return;
  if (key === " ") {
    ins.insertedSpace = true;
    if (lineWasWhite) ins.canCindent = false;
  }
  if (!insertChars(s, key)) return;
  if (key !== " " && key !== "\t") ins.autoIndented = false;
  if (ins.canCindent && indentOn(s) && reindentKey(s, key, lineWasWhite)) fixThisLine(s);
}

function literalKey(key: Key): string | null {
  if (isPrintable(key)) return key;
  const named: Record<string, string> = { "<Tab>": "\t", "<CR>": "\r", "<NL>": "\n", "<Esc>": "\x1b", "<BS>": "\x7f", "<C-h>": "\b" };
  if (named[key]) return named[key];
  const m = /^<C-(.)>$/.exec(key);
  return m ? String.fromCharCode(m[1].toUpperCase().charCodeAt(0) - 0x40) : null;
}

/** Text pasted in insert mode (bracketed paste, <C-r>): inserted literally, no indenting, newlines split lines. */
export function insertPastedText(s: VimState, text: string): void {
  const clean = text.replace(/\r\n?/g, "\n");
  const at = s.mode === "replace" ? null : insertText(s, s.cursor, clean);
  if (at) s.cursor = at;
  else if (s.mode === "replace") insertChars(s, clean.replace(/\n/g, ""));
  if (s.insert) s.insert.autoIndented = false;
}

export { fixThisLine, openLine };
