/**
 * Normal mode: parses keys into commands (parse.ts) and runs them. Changes are made inside an
 * undo step; a completed change is remembered for "." as the keys that made it (with the insert
 * mode keys typed after it, up to <Esc>).
 */
import { beginChange, endChange, firstNonBlank, isModified } from "../buffer";
import type { Key } from "../input";
import { charLen } from "../text";
import { clampCursor, error, getRegister, isValidRegister, setCursor, setMessage, storeRegister, updateCurswant } from "./edit";
import { fileInfo } from "./fileinfo";
import { openLine, startInsert } from "./insert";
import { evalMotion, isJump, regionOf, usesRegOne } from "./motion-eval";
import { adjustExclusive, changeCase, del, join, put, reindent, shift, yank, type Operator, type Region } from "./operator";
import { MOTIONS, parseNormal, type NormalCommand } from "./parse";
import { line, type VimState } from "./state";
import { textObject } from "./textobjects";
import { finishChange, increment, replaceChars, scroll, scrollCursorTo, toggleCase } from "./normal-edits";
import { undoCommand } from "./undo-cmd";
import { openCmdline } from "./cmdline";
import { enterVisual } from "./visual";
import type { VimEnv } from "./env";

export function normalKey(s: VimState, key: Key, env: VimEnv): void {
  if (s.pending.length === 0 && (key === "<Esc>" || key === "<C-c>")) {
    if (key === "<C-c>")
      setMessage(
        s,
        isModified(s.buf)
          ? "Type  :qa!  and press <Enter> to abandon all changes and exit Vim"
          : "Type  :qa  and press <Enter> to exit Vim",
      );
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
