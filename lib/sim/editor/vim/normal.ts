/**
 * Normal mode: parses keys into commands (parse.ts) and runs them. Changes are made inside an
 * undo step; a completed change is remembered for "." as the keys that made it (with the insert
 * mode keys typed after it, up to <Esc>).
 */
import { beginChange, endChange, firstNonBlank, isModified } from "../buffer";
import type { Key } from "../input";
import { charLen, prevCharIndex } from "../text";
import { changeLine, changeLines, clampCursor, error, getRegister, isValidRegister, setCursor, setMessage, storeRegister, updateCurswant } from "./edit";
import { fileInfo } from "./fileinfo";
import { openLine, startInsert } from "./insert";
import { evalMotion, isJump, regionOf, usesRegOne } from "./motion-eval";
import { adjustExclusive, changeCase, del, join, put, reindent, shift, yank, type Operator, type Region } from "./operator";
import { MOTIONS, parseNormal, type NormalCommand } from "./parse";
import { botline, scrollCursorHalfway } from "./scroll";
import { line, lineCount, scrolloff, windowHeight, type VimState } from "./state";
import { textObject } from "./textobjects";
import { undoCommand } from "./undo-cmd";
import { openCmdline } from "./cmdline";
import { enterVisual } from "./visual";
import type { VimEnv } from "./env";

export function normalKey(s: VimState, key: Key, env: VimEnv): void {
  if (s.pending.length === 0 && (key === "<Esc>" || key === "<C-c>")) {
    if (key === "<C-c>") setMessage(s, isModified(s.buf) ? "Type  :qa!  and press <Enter> to abandon all changes and exit Vim" : "Type  :qa  and press <Enter> to exit Vim");
    return;
  }
  s.pending.push(key);
  const p = parseNormal(s.pending, false);
  if (p.status === "more") return;
  s.pending = [];
  if (p.status === "invalid") return;
  runNormal(s, p.cmd, env);
}

function total(a: number | null, b: number | null): number | null {
  if (a === null && b === null) return null;
  return (a ?? 1) * (b ?? 1);
}

/** "." keys: the command as typed, its leading count replaced when "." has one. */
export function withCount(keys: Key[], count: number | null): Key[] {
  if (count === null) return keys;
  let i = 0;
  const reg: Key[] = [];
  if (keys[0] === '"') {
    reg.push(keys[0], keys[1]);
    i = 2;
  }
  while (i < keys.length && /^[0-9]$/.test(keys[i]) && !(keys[i] === "0" && i === reg.length)) i++;
  return [...reg, ...String(count).split(""), ...keys.slice(i)];
}

function finishChange(s: VimState, env: VimEnv, keys: Key[]): void {
  endChange(s.buf, env.now);
  s.dot = { keys, count: 0 };
}

function applyOperator(s: VimState, op: Operator | "gq" | "gw", region: Region, cmd: NormalCommand, env: VimEnv, amount = 1): void {
  const reg = cmd.reg;
  if (reg && !isValidRegister(reg, true) && op !== "y") return;
  if (op === "y") {
    yank(s, region, reg);
    updateCurswant(s);
    return;
  }
  beginChange(s.buf);
  switch (op) {
    case "d":
      del(s, region, reg, "d");
      break;
    case "c":
      if (!del(s, region, reg, "c")) break;
      startInsert(s, "c", 1);
      // an indent fix_indent() or 'autoindent' put there goes again if nothing is typed
      if (region.linewise && s.insert && /^[ \t]+$/.test(line(s))) s.insert.autoIndented = true;
      s.recording = cmd.keys.slice();
      return;
    case ">":
    case "<":
      shift(s, region, op === "<", amount);
      break;
    case "=":
      reindent(s, region);
      break;
    case "g~":
    case "gu":
    case "gU":
      changeCase(s, region, op);
      break;
    case "J":
    case "gJ":
      join(s, region.start.line, region.end.line - region.start.line + 1, op === "J");
      break;
    case "gq":
    case "gw":
      break;
  }
  finishChange(s, env, cmd.keys);
  updateCurswant(s);
}

function operatorCommand(s: VimState, cmd: NormalCommand, env: VimEnv): void {
  const motion = cmd.motion;
  if (!motion) return;
  const count = total(cmd.count, motion.count);
  let region: Region | null;
  if (motion.key.length === 2 && (motion.key[0] === "i" || motion.key[0] === "a") && motion.key !== "ge") {
    region = textObject(s.buf.lines, s.cursor, motion.key, count ?? 1);
  } else {
    const r = evalMotion(s, motion, { op: cmd.key, count });
    if (r.failed) return;
    region = { ...regionOf(s, r), useRegOne: usesRegOne(motion.key) };
  }
  if (!region) return;
  region = adjustExclusive(s, region);
  applyOperator(s, cmd.key as Operator, region, cmd, env);
}

function setJumpMark(s: VimState): void {
  s.marks["'"] = { ...s.cursor };
}

function simpleOperator(s: VimState, cmd: NormalCommand, op: Operator, motionKey: string, env: VimEnv): void {
  operatorCommand(s, { ...cmd, key: op, count: null, motion: { key: motionKey, count: cmd.count } }, env);
}

function replaceChars(s: VimState, count: number, ch: string, env: VimEnv, keys: Key[]): void {
  const text = line(s);
  let end = s.cursor.col;
  for (let i = 0; i < count; i++) {
    if (end >= text.length) return;
    end += charLen(text, end);
  }
  beginChange(s.buf);
  if (ch === "<CR>" || ch === "<NL>") {
    changeLines(s, s.cursor.line, 1, [text.slice(0, s.cursor.col), text.slice(end).replace(/^[ \t]+/, "")]);
    s.cursor = { line: s.cursor.line + 1, col: 0 };
  } else {
    const c = ch === "<Tab>" ? "\t" : ch;
    if (c.length > 2 && c.startsWith("<")) {
      endChange(s.buf, env.now);
      return;
    }
    changeLine(s, s.cursor.line, text.slice(0, s.cursor.col) + c.repeat(count) + text.slice(end));
    s.cursor.col += c.length * count - c.length;
  }
  finishChange(s, env, keys);
  updateCurswant(s);
}

function toggleCase(s: VimState, count: number, env: VimEnv, keys: Key[]): void {
  const text = line(s);
  if (!text.length) return;
  let end = s.cursor.col;
  for (let i = 0; i < count && end < text.length; i++) end += charLen(text, end);
  const part = [...text.slice(s.cursor.col, end)].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("");
  beginChange(s.buf);
  changeLine(s, s.cursor.line, text.slice(0, s.cursor.col) + part + text.slice(end));
  s.cursor.col = end >= text.length ? prevCharIndex(text, text.length) : end;
  finishChange(s, env, keys);
  updateCurswant(s);
}

/** <C-a>/<C-x>: the first number at or after the cursor ('nrformats' bin,hex as in defaults.vim). */
function increment(s: VimState, delta: number, env: VimEnv, keys: Key[]): void {
  const text = line(s);
  const re = /0[xX][0-9a-fA-F]+|0[bB][01]+|-?\d+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m.index + m[0].length > s.cursor.col) break;
  }
  if (!m) return;
  let start = m.index;
  let numText = m[0];
  // a "-" counts only when the cursor is not past it on a word character
  if (numText.startsWith("-") && start > 0 && /\w/.test(text[start - 1])) {
    start++;
    numText = numText.slice(1);
  }
  let fresh: string;
  if (/^0[xX]/.test(numText)) {
    const v = (BigInt(numText) + BigInt(delta)) & BigInt("0xffffffffffffffff");
    const digits = v.toString(16).padStart(numText.length - 2, "0");
    fresh = numText.slice(0, 2) + (/[A-F]/.test(numText) ? digits.toUpperCase() : digits);
  } else if (/^0[bB]/.test(numText)) {
    const v = BigInt(numText) + BigInt(delta);
    fresh = numText.slice(0, 2) + (v < 0n ? 0n : v).toString(2).padStart(numText.length - 2, "0");
  } else fresh = String(BigInt(numText) + BigInt(delta));
  beginChange(s.buf);
  changeLine(s, s.cursor.line, text.slice(0, start) + fresh + text.slice(start + numText.length));
  s.cursor.col = start + fresh.length - 1;
  finishChange(s, env, keys);
  updateCurswant(s);
}

function scroll(s: VimState, key: string, count: number | null): void {
  const h = windowHeight(s);
  const n = lineCount(s);
  const so = scrolloff(s);
  switch (key) {
    case "<C-d>":
    case "<C-u>": {
      const amount = count ?? Math.max(1, Math.floor(h / 2));
      const dir = key === "<C-d>" ? 1 : -1;
      if ((dir > 0 && s.cursor.line >= n - 1) || (dir < 0 && s.cursor.line === 0)) return;
      s.topline = Math.max(1, Math.min(n, s.topline + dir * amount));
      const l = Math.max(0, Math.min(n - 1, s.cursor.line + dir * amount));
      s.cursor = { line: l, col: firstNonBlank(line(s, l)) };
      break;
    }
    case "<C-f>":
    case "<PageDown>": {
      for (let i = 0; i < (count ?? 1); i++) {
        const { botline: bl } = botline(s);
        s.topline = Math.min(n, Math.max(s.topline + 1, bl - 2));
      }
      const l = Math.min(n - 1, Math.max(s.cursor.line, s.topline - 1 + (s.topline > 1 ? so : 0)));
      s.cursor = { line: l, col: firstNonBlank(line(s, l)) };
      break;
    }
    case "<C-b>":
    case "<PageUp>": {
      for (let i = 0; i < (count ?? 1); i++) s.topline = Math.max(1, s.topline - (h - 2));
      const { botline: bl } = botline(s);
      const l = Math.max(0, Math.min(s.cursor.line, bl - 2 - (bl <= n ? so : 0)));
      s.cursor = { line: l, col: firstNonBlank(line(s, l)) };
      break;
    }
    case "<C-e>":
    case "<C-y>": {
      s.topline = Math.max(1, Math.min(n, s.topline + (key === "<C-e>" ? 1 : -1) * (count ?? 1)));
      const { botline: bl } = botline(s);
      const l = Math.max(Math.min(s.cursor.line, bl - 2 - (bl <= n ? so : 0)), Math.min(n - 1, s.topline - 1 + (s.topline > 1 ? so : 0)));
      if (l !== s.cursor.line) s.cursor = { line: l, col: s.cursor.col };
      clampCursor(s, false);
      return;
    }
    default:
      return;
  }
  clampCursor(s, false);
  updateCurswant(s);
}

function scrollCursorTo(s: VimState, key: string, count: number | null): void {
  if (count !== null) s.cursor = { line: Math.min(lineCount(s) - 1, count - 1), col: s.cursor.col };
  const first = key === "z<CR>" || key === "z." || key === "z-";
  if (first) s.cursor.col = firstNonBlank(line(s));
  if (key === "zt" || key === "z<CR>") s.topline = Math.max(1, s.cursor.line + 1 - scrolloff(s));
  else if (key === "zz" || key === "z.") scrollCursorHalfway(s, true, false);
  else {
    // zb / z-: cursor line at the bottom, 'scrolloff' lines above the edge
    let used = 0;
    let top = s.cursor.line + 1 + scrolloff(s);
    top = Math.min(lineCount(s), top);
    let t = top;
    while (t >= 1 && used + 1 <= windowHeight(s)) {
      used++;
      t--;
    }
    s.topline = Math.max(1, t + 1);
  }
  clampCursor(s, false);
}

export function runNormal(s: VimState, cmd: NormalCommand, env: VimEnv): void {
  const count = cmd.count;
  const c1 = count ?? 1;
  if (cmd.motion) {
    operatorCommand(s, cmd, env);
    return;
  }
  if (MOTIONS.has(cmd.key) && !["<PageUp>", "<PageDown>"].includes(cmd.key)) {
    const r = evalMotion(s, { key: cmd.key, count: null, arg: cmd.arg }, { op: null, count });
    if (r.failed) return;
    if (isJump(cmd.key)) setJumpMark(s);
    s.cursor = { ...r.pos };
    clampCursor(s, false);
    if (r.curswant !== undefined) s.curswant = r.curswant;
    else updateCurswant(s);
    return;
  }
  switch (cmd.key) {
    case "x":
    case "<Del>":
      if (line(s) !== "") simpleOperator(s, cmd, "d", "l", env);
      return;
    case "X":
      if (s.cursor.col > 0) simpleOperator(s, cmd, "d", "h", env);
      return;
    case "D":
      simpleOperator(s, cmd, "d", "$", env);
      return;
    case "C":
      simpleOperator(s, cmd, "c", "$", env);
      return;
    case "s":
      simpleOperator(s, cmd, "c", "l", env);
      return;
    case "S":
      operatorCommand(s, { ...cmd, key: "c", count: null, motion: { key: "line", count } }, env);
      return;
    case "Y":
      operatorCommand(s, { ...cmd, key: "y", count: null, motion: { key: "line", count } }, env);
      return;
    case "r":
      if (cmd.arg !== undefined && cmd.arg !== "<Esc>" && cmd.arg !== "<C-c>") replaceChars(s, c1, cmd.arg, env, cmd.keys);
      return;
    case "J":
    case "gJ": {
      beginChange(s.buf);
      const ok = join(s, s.cursor.line, c1, cmd.key === "J");
      if (ok) finishChange(s, env, cmd.keys);
      else endChange(s.buf, env.now);
      return;
    }
    case "~":
      toggleCase(s, c1, env, cmd.keys);
      return;
    case "p":
    case "P":
    case "gp":
    case "gP": {
      beginChange(s.buf);
      put(s, getRegister(s, cmd.reg), cmd.reg, cmd.key === "p" || cmd.key === "gp", c1);
      finishChange(s, env, cmd.keys);
      return;
    }
    case "u":
    case "<C-r>":
      for (let i = 0; i < c1; i++) if (!undoCommand(s, cmd.key === "u", env.now)) break;
      return;
    case "U":
      return;
    case ".": {
      if (!s.dot) return;
      const keys = withCount(s.dot.keys, count);
      env.feedKeys(keys);
      return;
    }
    case "i":
    case "<Insert>":
    case "a":
    case "I":
    case "gI":
    case "A": {
      const text = line(s);
      if (cmd.key === "a" && text.length) s.cursor.col += charLen(text, s.cursor.col);
      if (cmd.key === "A") s.cursor.col = text.length;
      if (cmd.key === "I") s.cursor.col = firstNonBlank(text);
      if (cmd.key === "gI") s.cursor.col = 0;
      if (cmd.key === "I" && /^[ \t]*$/.test(text)) s.cursor.col = text.length;
      startInsert(s, cmd.key === "<Insert>" ? "i" : cmd.key, c1);
      s.recording = cmd.keys.slice();
      return;
    }
    case "o":
    case "O":
      startInsert(s, cmd.key, c1);
      openLine(s, cmd.key === "o", false);
      if (s.insert) s.insert.start = { ...s.cursor };
      s.recording = cmd.keys.slice();
      return;
    case "R":
      startInsert(s, "R", c1, true);
      s.recording = cmd.keys.slice();
      return;
    case "v":
    case "V":
      enterVisual(s, cmd.key === "v" ? "char" : "line", count);
      return;
    case "gv":
      if (s.lastVisual) {
        s.mode = "visual";
        s.visual = { kind: s.lastVisual.kind, anchor: { ...s.lastVisual.start } };
        setCursor(s, s.lastVisual.end);
        s.message = null;
      }
      return;
    case ":":
      openCmdline(s, ":", count !== null ? (count === 1 ? "." : `.,.+${count - 1}`) : "");
      return;
    case "/":
    case "?":
      openCmdline(s, cmd.key, "");
      return;
    case "ZZ":
      env.exCommand("x");
      return;
    case "ZQ":
      env.exCommand("q!");
      return;
    case "<C-g>":
      setMessage(s, fileInfo(s, true));
      return;
    case "<C-l>":
      s.message = null;
      return;
    case "<C-d>":
    case "<C-u>":
    case "<C-f>":
    case "<C-b>":
    case "<C-e>":
    case "<C-y>":
    case "<PageUp>":
    case "<PageDown>":
      scroll(s, cmd.key, count);
      return;
    case "zz":
    case "zt":
    case "zb":
    case "z<CR>":
    case "z.":
    case "z-":
      scrollCursorTo(s, cmd.key, count);
      return;
    case "m":
      if (cmd.arg && /^[a-z]$/.test(cmd.arg)) s.marks[cmd.arg] = { ...s.cursor };
      return;
    case "<C-a>":
    case "<C-x>":
      increment(s, cmd.key === "<C-a>" ? c1 : -c1, env, cmd.keys);
      return;
    case "&":
      env.exCommand("s");
      return;
    case "<C-v>":
      error(s, "Visual block mode (Ctrl-V) is not available in this terminal");
      return;
    case "q":
    case "@":
      error(s, "Recording macros (q, @) is not available in this terminal");
      return;
    default:
      return;
  }
}

export { storeRegister };
