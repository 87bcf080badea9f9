/**
 * Primitive edits shared by normal mode, insert mode and ex commands: messages, cursor
 * clamping, registers (unnamed, "0 for yanks, "1-"9 for deletes of lines, "- for small deletes,
 * "a-"z and appending "A-"Z, the black hole "_), and text replacement through the buffer so
 * the size limit and undo hold.
 */
import { isModified, replaceLines, setLine } from "../buffer";
import { charLen, prevCharIndex, displayCol } from "../text";
import type { Pos } from "../pos";
import { line, lineCount, type Register, type VimMessage, type VimState } from "./state";

/** p_report: messages about lines appear when more than this many lines are involved. */
export const REPORT = 2;

export function setMessage(s: VimState, text: string, kind: VimMessage["kind"] = "info"): void {
  s.message = { text, kind };
}

export function error(s: VimState, text: string): void {
  setMessage(s, text, "error");
}

/** Keeps the cursor on a character (normal mode) or at most one past the end (insert mode). */
export function clampCursor(s: VimState, pastEnd = s.mode === "insert" || s.mode === "replace"): void {
  const n = lineCount(s);
  if (s.cursor.line >= n) s.cursor.line = n - 1;
  if (s.cursor.line < 0) s.cursor.line = 0;
  const text = line(s);
  const max = pastEnd ? text.length : text.length === 0 ? 0 : prevCharIndex(text, text.length);
  if (s.cursor.col > max) s.cursor.col = max;
  if (s.cursor.col < 0) s.cursor.col = 0;
}

export function setCursor(s: VimState, pos: Pos, keepWant = false): void {
  s.cursor = { line: pos.line, col: pos.col };
  clampCursor(s);
  if (!keepWant) s.curswant = displayCol(line(s), s.cursor.col, s.opts.tabstop);
}

/** The display column a cursor move should keep: the tab's last cell in normal mode. */
export function updateCurswant(s: VimState): void {
  s.curswant = displayCol(line(s), s.cursor.col, s.opts.tabstop);
}

const BUFFER_FULL = "E342: Out of memory! (the file would exceed the simulator's file size limit)";

/** vim's change_warning(): the first change to a read-only buffer says W10. */
function beforeChange(s: VimState): boolean {
  if (!s.opts.modifiable) {
    error(s, "E21: Cannot make changes, 'modifiable' is off");
    return false;
  }
  if (s.opts.readonly && !isModified(s.buf) && !s.buf.open?.cursor) setMessage(s, "W10: Warning: Changing a readonly file", "warning");
  return true;
}

/** Replaces lines [at, at+count) with `lines`; false (with E342) when the buffer would be too big. */
export function changeLines(s: VimState, at: number, count: number, lines: readonly string[]): boolean {
  if (!beforeChange(s)) return false;
  if (!replaceLines(s.buf, at, count, lines, s.cursor)) {
    error(s, BUFFER_FULL);
    return false;
  }
  return true;
}

export function changeLine(s: VimState, at: number, text: string): boolean {
  if (s.buf.lines[at] === text) return true;
  if (!beforeChange(s)) return false;
  if (!setLine(s.buf, at, text, s.cursor)) {
    error(s, BUFFER_FULL);
    return false;
  }
  return true;
}

export function isValidRegister(name: string, forWrite: boolean): boolean {
  return /^[a-zA-Z0-9"\-_]$/.test(name) || (!forWrite && /^[.:/]$/.test(name));
}

export function getRegister(s: VimState, name: string | null): Register | null {
  const n = name ?? '"';
  if (n === "_") return null;
  if (n === "/") return s.lastSearch ? { text: s.lastSearch.pattern, linewise: false } : null;
  if (n === ":") return s.history.cmd.length ? { text: s.history.cmd[s.history.cmd.length - 1], linewise: false } : null;
  return s.registers[n.toLowerCase()] ?? null;
}

/**
 * Stores yanked or deleted text. `kind` "yank" fills "0, "delete" of lines or several lines
 * shifts "1-"9, a small delete fills "-; a named register takes it instead and "_ drops it.
 */
export function storeRegister(s: VimState, name: string | null, reg: Register, kind: "yank" | "delete", bigDelete = false): void {
  if (name === "_") return;
  if (name && name !== '"') {
    if (/[A-Z]/.test(name)) {
      const key = name.toLowerCase();
      const old = s.registers[key];
      if (old) {
        const text = old.linewise || reg.linewise ? (old.linewise ? old.text : old.text + "\n") + reg.text : old.text + reg.text;
        s.registers[key] = { text, linewise: old.linewise || reg.linewise };
      } else s.registers[key] = { ...reg };
      s.registers['"'] = { ...s.registers[key] };
      return;
    }
    s.registers[name] = { ...reg };
    s.registers['"'] = { ...reg };
    if (kind === "delete" && (reg.linewise || bigDelete)) shiftNumbered(s, reg);
    return;
  }
  s.registers['"'] = { ...reg };
  if (kind === "yank") s.registers["0"] = { ...reg };
  else if (reg.linewise || bigDelete || reg.text.includes("\n")) shiftNumbered(s, reg);
  else s.registers["-"] = { ...reg };
}

function shiftNumbered(s: VimState, reg: Register): void {
  for (let i = 9; i > 1; i--) {
    const prev = s.registers[String(i - 1)];
    if (prev) s.registers[String(i)] = prev;
  }
  s.registers["1"] = { ...reg };
}

/** Text between two positions, `end` inclusive of its character when `inclusive`. */
export function textBetween(s: VimState, a: Pos, b: Pos, inclusive: boolean): string {
  const endCol = inclusive ? b.col + charLen(line(s, b.line), b.col) : b.col;
  if (a.line === b.line) return line(s, a.line).slice(a.col, endCol);
  const parts = [line(s, a.line).slice(a.col)];
  for (let l = a.line + 1; l < b.line; l++) parts.push(line(s, l));
  parts.push(line(s, b.line).slice(0, endCol));
  return parts.join("\n");
}

/** Deletes the characters between two positions (joining lines when it spans several). */
export function deleteBetween(s: VimState, a: Pos, b: Pos, inclusive: boolean): boolean {
  const endText = line(s, b.line);
  const endCol = Math.min(endText.length, inclusive ? b.col + charLen(endText, b.col) : b.col);
  const joined = line(s, a.line).slice(0, a.col) + endText.slice(endCol);
  return changeLines(s, a.line, b.line - a.line + 1, [joined]);
}

/** Inserts text (which may contain newlines) at a position; returns the position after it. */
export function insertText(s: VimState, at: Pos, text: string): Pos | null {
  const cur = line(s, at.line);
  const parts = text.split("\n");
  if (parts.length === 1) {
    if (!changeLine(s, at.line, cur.slice(0, at.col) + text + cur.slice(at.col))) return null;
    return { line: at.line, col: at.col + text.length };
  }
  const first = cur.slice(0, at.col) + parts[0];
  const lastPart = parts[parts.length - 1];
  const lines = [first, ...parts.slice(1, -1), lastPart + cur.slice(at.col)];
  if (!changeLines(s, at.line, 1, lines)) return null;
  return { line: at.line + parts.length - 1, col: lastPart.length };
}

export function plural(n: number, one: string, many: string): string {
  return (n === 1 ? one : many).replace("%ld", String(n));
}

/** vim's msgmore(): "3 more lines" / "3 fewer lines" when more than 'report' lines came or went. */
export function reportLines(s: VimState, delta: number): void {
  // ml_delete() says this first when the last line goes, and msgmore() does not overwrite it
  if (delta < 0 && s.buf.empty) {
    setMessage(s, "--No lines in buffer--");
    return;
  }
  const n = Math.abs(delta);
  if (n <= REPORT) return;
  setMessage(s, delta > 0 ? plural(n, "%ld more line", "%ld more lines") : plural(n, "%ld line less", "%ld fewer lines"));
}
