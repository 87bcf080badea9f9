/**
 * Visual mode (v) and Visual line mode (V): motions extend the selection, text objects grow it,
 * and an operator acts on it at once (d x X D y Y c s C S R > < = J gJ ~ u U g~ gu gU r p P :).
 * "." after a visual change repeats it over as many lines (or characters on one line) from the
 * cursor, as vim's redo_VIsual does. Visual block mode (CTRL-V) is not emulated.
 */
import { beginChange, endChange } from "../buffer";
import type { Key } from "../input";
import { orderPos, type Pos } from "../pos";
import { charLen, displayWidth, prevCharIndex } from "../text";
import { changeLine, clampCursor, getRegister, setCursor, storeRegister, textBetween, updateCurswant } from "./edit";
import type { VimEnv } from "./env";
import { startInsert } from "./insert";
import { evalMotion, isJump } from "./motion-eval";
import { changeCase, del, join, put, reindent, shift, yank, type Region } from "./operator";
import { MOTIONS, parseNormal, type NormalCommand } from "./parse";
import { openCmdline } from "./cmdline";
import { line, lineCount, type VimState } from "./state";
import { textObject } from "./textobjects";

export function enterVisual(s: VimState, kind: "char" | "line", count: number | null): void {
  s.mode = "visual";
  s.visual = { kind, anchor: { ...s.cursor } };
  s.message = null;
  if (count !== null && count > 1) {
    if (kind === "line") s.cursor = { line: Math.min(lineCount(s) - 1, s.cursor.line + count - 1), col: s.cursor.col };
    else {
      const t = line(s);
      let c = s.cursor.col;
      for (let i = 1; i < count && c < t.length - 1; i++) c += charLen(t, c);
      s.cursor.col = c;
    }
  }
}

export function exitVisual(s: VimState): void {
  if (s.visual) {
    const [a, b] = orderPos(s.visual.anchor, s.cursor);
    s.lastVisual = { kind: s.visual.kind, start: { ...s.visual.anchor }, end: { ...s.cursor } };
    s.marks["<"] = s.visual.kind === "line" ? { line: a.line, col: 0 } : { ...a };
    s.marks[">"] = s.visual.kind === "line" ? { line: b.line, col: Math.max(0, line(s, b.line).length - 1) } : { ...b };
  }
  s.mode = "normal";
  s.visual = null;
  s.pending = [];
  clampCursor(s, false);
}

function selection(s: VimState, forceLines = false): Region {
  const v = s.visual ?? { kind: "char" as const, anchor: s.cursor };
  const [a, b] = orderPos(v.anchor, s.cursor);
  if (v.kind === "line" || forceLines)
    return { start: { line: a.line, col: 0 }, end: { line: b.line, col: 0 }, linewise: true, inclusive: false, visual: true };
  const endText = line(s, b.line);
  // the cursor on the end of a line (or an empty line) takes the line break too
  if (b.col >= endText.length && b.line < lineCount(s) - 1)
    return { start: a, end: { line: b.line + 1, col: 0 }, linewise: false, inclusive: false, visual: true };
  const end = b.col >= endText.length && endText.length > 0 ? { line: b.line, col: prevCharIndex(endText, endText.length) } : b;
  return { start: a, end, linewise: false, inclusive: endText.length > 0, visual: true };
}

/** The keys that repeat a visual change with ".": the same number of lines, or characters on one line. */
function redoKeys(r: Region, keys: Key[]): Key[] {
  const lines = r.end.line - r.start.line + 1;
  if (r.linewise) return lines > 1 ? [...String(lines).split(""), ...keys] : keys;
  const chars = r.end.col - r.start.col + 1;
  return [...keys, ...String(chars).split("")];
}

function operate(s: VimState, cmd: NormalCommand, env: VimEnv): void {
  const key = cmd.key;
  const linesOnly = ["X", "D", "Y", "C", "S", "R"].includes(key);
  const r = selection(s, linesOnly);
  const lines = r.end.line - r.start.line + 1;
  const count = cmd.count ?? 1;
  const reg = cmd.reg;
  exitVisual(s);
  s.cursor = { ...r.start };
  if (key === "y" || key === "Y") {
    yank(s, r, reg);
    if (r.linewise) s.cursor = { line: r.start.line, col: 0 };
    clampCursor(s, false);
    updateCurswant(s);
    return;
  }
  beginChange(s.buf);
  let dot: Key[] | null = null;
  switch (key) {
    case "d":
    case "x":
    case "<Del>":
    case "X":
    case "D":
      del(s, r, reg, "d");
      dot = r.linewise ? redoKeys(r, ["d", "d"]) : lines === 1 ? ["d", ...String(r.end.col - r.start.col + 1).split(""), "l"] : null;
      break;
    case "c":
    case "s":
    case "C":
    case "S":
    case "R":
      if (del(s, r, reg, "c")) {
        startInsert(s, "c", 1);
        s.recording = r.linewise
          ? redoKeys(r, ["c", "c"])
          : lines === 1
            ? ["c", ...String(r.end.col - r.start.col + 1).split(""), "l"]
            : null;
        return;
      }
      break;
    case ">":
    case "<":
      shift(s, r, key === "<", count);
      dot = [...String(lines).split(""), key, key];
      break;
    case "=":
      reindent(s, r);
      dot = [...String(lines).split(""), "=", "="];
      break;
    case "J":
    case "gJ":
      join(s, r.start.line, Math.max(2, lines), key === "J");
      dot = [...String(Math.max(2, lines)).split(""), key];
      break;
    case "~":
    case "u":
    case "U":
    case "g~":
    case "gu":
    case "gU": {
      const op = key === "~" ? "g~" : key === "u" ? "gu" : key === "U" ? "gU" : key;
      changeCase(s, r, op);
      break;
    }
    case "r":
      if (cmd.arg && cmd.arg.length === 1) {
        for (let l = r.start.line; l <= r.end.line; l++) {
          const t = line(s, l);
          const from = r.linewise || l > r.start.line ? 0 : r.start.col;
          const to = r.linewise || l < r.end.line ? t.length : Math.min(t.length, r.end.col + charLen(t, r.end.col));
          changeLine(s, l, t.slice(0, from) + [...t.slice(from, to)].map(() => cmd.arg).join("") + t.slice(to));
        }
      }
      break;
    case "p":
    case "P": {
      const regText = getRegister(s, reg);
      const old = r.linewise
        ? { text: s.buf.lines.slice(r.start.line, r.end.line + 1).join("\n"), linewise: true }
        : { text: textBetween(s, r.start, r.end, r.inclusive), linewise: false };
      del(s, r, "_", "d");
      if (r.linewise) {
        // the lines go where the selection was: above the line that took its place, or below
        // the last line when the selection reached the end of the buffer
        const atEnd = r.start.line >= lineCount(s);
        s.cursor = { line: Math.min(r.start.line, lineCount(s) - 1), col: 0 };
        put(s, regText ? { text: regText.text, linewise: true } : null, reg, atEnd, count);
      } else {
        const atEnd = r.start.col >= line(s).length && line(s).length > 0;
        if (atEnd) s.cursor.col = prevCharIndex(line(s), line(s).length);
        put(s, regText && regText.linewise ? { text: "\n" + regText.text + "\n", linewise: false } : regText, reg, atEnd, count);
      }
      if (key === "p") storeRegister(s, reg === "_" ? "_" : null, old, "delete");
      break;
    }
    default:
      break;
  }
  endChange(s.buf, env.now);
  if (dot) s.dot = { keys: dot, count: 0 };
  updateCurswant(s);
}

export function visualKey(s: VimState, key: Key, env: VimEnv): void {
  if (s.pending.length === 0 && (key === "<Esc>" || key === "<C-c>")) {
    exitVisual(s);
    return;
  }
  s.pending.push(key);
  const p = parseNormal(s.pending, true);
  if (p.status === "more") return;
  s.pending = [];
  if (p.status === "invalid") return;
  const cmd = p.cmd;
  const v = s.visual;
  if (!v) return;
  switch (cmd.key) {
    case "v":
    case "V": {
      const kind = cmd.key === "v" ? "char" : "line";
      if (v.kind === kind) exitVisual(s);
      else v.kind = kind;
      return;
    }
    case "o":
    case "O": {
      const a = v.anchor;
      v.anchor = { ...s.cursor };
      setCursor(s, a);
      return;
    }
    case ":":
      exitVisual(s);
      openCmdline(s, ":", "'<,'>");
      return;
    case "/":
    case "?":
      openCmdline(s, cmd.key, "");
      return;
    case "gv":
      return;
    case "<C-v>":
      return;
  }
  if (cmd.key.length === 2 && (cmd.key[0] === "i" || cmd.key[0] === "a")) {
    const r = textObject(s.buf.lines, s.cursor, cmd.key, cmd.count ?? 1);
    if (!r) return;
    if (r.linewise && v.kind === "char") v.kind = "line";
    else if (!r.linewise && v.kind === "line" && cmd.key[1] === "w") v.kind = "char";
    v.anchor = { ...r.start };
    const end: Pos = r.inclusive || r.end.col === 0 ? r.end : { line: r.end.line, col: Math.max(0, r.end.col - 1) };
    setCursor(s, end);
    return;
  }
  if (MOTIONS.has(cmd.key)) {
    const r = evalMotion(s, { key: cmd.key, count: null, arg: cmd.arg }, { op: null, count: cmd.count });
    if (r.failed) return;
    if (isJump(cmd.key)) s.marks["'"] = { ...s.cursor };
    s.cursor = { ...r.pos };
    if (r.curswant !== undefined) s.curswant = r.curswant;
    else updateCurswant(s);
    // coladvance() in Visual mode: a wanted column past the end puts the cursor on the line end
    const t = line(s);
    if (r.linewise || r.curswant !== undefined) {
      if (t.length > 0 && (s.curswant < 0 || s.curswant >= displayWidth(t, s.opts.tabstop))) s.cursor.col = t.length;
    }
    clampCursor(s, true);
    return;
  }
  operate(s, cmd, env);
}
