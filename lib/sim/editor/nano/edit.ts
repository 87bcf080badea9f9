/**
 * nano's editing actions on the buffer: typing (grouped into one undo step until something
 * else happens), line breaks, deletions, ^K cut (consecutive cuts collect), ^U paste, undo and
 * redo with nano's "Undid ..." messages, and the viewport rules (one line at a time when
 * moving, centred after a jump).
 */
import { beginChange, endChange, isModified, replaceLines, setLine, undoRedo } from "../buffer";
import { charLen, displayCol, prevCharIndex } from "../text";
import { columnFor } from "../vim/motions";
import { editRows, TABSIZE, type NanoState } from "./state";

const BUFFER_FULL = "The file would exceed the simulator's file size limit";

export function say(s: NanoState, text: string, kind: "hush" | "alert" = "hush"): void {
  s.status = { text, kind, keystrokesLeft: 20 };
}

/** Closes a group of typed characters as one undo step. */
export function endTyping(s: NanoState, now: number): void {
  if (s.typing) endChange(s.buf, now, "addition");
  s.typing = false;
}

/** Runs one non-typing change as its own undo step. */
function change(s: NanoState, now: number, label: string, fn: () => boolean): boolean {
  endTyping(s, now);
  beginChange(s.buf);
  const ok = fn();
  endChange(s.buf, now, label);
  return ok;
}

function full(s: NanoState): false {
  say(s, BUFFER_FULL, "alert");
  return false;
}

export function typeText(s: NanoState, text: string, now: number): void {
  if (!s.typing) {
    beginChange(s.buf);
    s.typing = true;
  }
  const line = s.buf.lines[s.cursor.line];
  if (!setLine(s.buf, s.cursor.line, line.slice(0, s.cursor.col) + text + line.slice(s.cursor.col), s.cursor)) {
    endTyping(s, now);
    full(s);
    return;
  }
  // text typed on the magic line makes it a real line: a new magic line follows (new_magicline())
  if (s.cursor.line === s.buf.lines.length - 1) replaceLines(s.buf, s.buf.lines.length, 0, [""], s.cursor);
  s.cursor.col += text.length;
  s.wantCol = displayCol(s.buf.lines[s.cursor.line], s.cursor.col, TABSIZE);
}

/** Text inserted at the cursor as it is (a paste, ^U): newlines split lines. */
export function insertBlock(s: NanoState, text: string, now: number, label: string): void {
  change(s, now, label, () => {
    const line = s.buf.lines[s.cursor.line];
    const parts = text.split("\n");
    const last = parts[parts.length - 1];
    const lines =
      parts.length === 1
        ? [line.slice(0, s.cursor.col) + text + line.slice(s.cursor.col)]
        : [line.slice(0, s.cursor.col) + parts[0], ...parts.slice(1, -1), last + line.slice(s.cursor.col)];
    if (!replaceLines(s.buf, s.cursor.line, 1, lines, s.cursor)) return full(s);
    s.cursor =
      parts.length === 1
        ? { line: s.cursor.line, col: s.cursor.col + text.length }
        : { line: s.cursor.line + parts.length - 1, col: last.length };
    return true;
  });
  s.wantCol = displayCol(s.buf.lines[s.cursor.line], s.cursor.col, TABSIZE);
}

export function breakLine(s: NanoState, now: number): void {
  change(s, now, "line break", () => {
    const line = s.buf.lines[s.cursor.line];
    if (!replaceLines(s.buf, s.cursor.line, 1, [line.slice(0, s.cursor.col), line.slice(s.cursor.col)], s.cursor)) return full(s);
    s.cursor = { line: s.cursor.line + 1, col: 0 };
    return true;
  });
  s.wantCol = 0;
}

/** <BS> (before the cursor) and <Del>/^D (under it); at a line end they join lines. */
export function deleteChar(s: NanoState, backward: boolean, now: number): void {
  const line = s.buf.lines[s.cursor.line];
  if (backward) {
    if (s.cursor.col === 0 && s.cursor.line === 0) return;
    if (s.cursor.col === 0) {
      const prev = s.buf.lines[s.cursor.line - 1];
      change(s, now, "line join", () => replaceLines(s.buf, s.cursor.line - 1, 2, [prev + line], s.cursor));
      s.cursor = { line: s.cursor.line - 1, col: prev.length };
    } else {
      const at = prevCharIndex(line, s.cursor.col);
      change(s, now, "deletion", () => setLine(s.buf, s.cursor.line, line.slice(0, at) + line.slice(s.cursor.col), s.cursor));
      s.cursor.col = at;
    }
  } else if (s.cursor.col < line.length) {
    change(s, now, "deletion", () =>
      setLine(s.buf, s.cursor.line, line.slice(0, s.cursor.col) + line.slice(s.cursor.col + charLen(line, s.cursor.col)), s.cursor),
    );
  } else if (s.cursor.line < s.buf.lines.length - 1) {
    change(s, now, "line join", () => replaceLines(s.buf, s.cursor.line, 2, [line + s.buf.lines[s.cursor.line + 1]], s.cursor));
  }
  s.wantCol = displayCol(s.buf.lines[s.cursor.line], s.cursor.col, TABSIZE);
}

/** ^K: the whole line goes to the cutbuffer (added to it when the last action was a cut too). */
export function cutLine(s: NanoState, now: number): void {
  const last = s.buf.lines.length - 1;
  const wasCut = s.lastWasCut;
  s.status = null;
  if (s.cursor.line === last) {
    // the magic line at the end: only its (empty) text goes
    if (!wasCut) s.cutbuffer = null;
    return;
  }
  const text = s.buf.lines[s.cursor.line];
  change(s, now, "cut", () => replaceLines(s.buf, s.cursor.line, 1, [], s.cursor));
  s.cutbuffer = wasCut && s.cutbuffer ? [...s.cutbuffer, text] : [text];
  s.cursor.col = 0;
  s.wantCol = 0;
}

export function paste(s: NanoState, now: number): void {
  if (!s.cutbuffer) {
    say(s, "Cutbuffer is empty");
    return;
  }
  insertBlock(s, s.cutbuffer.map((l) => l + "\n").join(""), now, "paste");
}

export function undoRedoNano(s: NanoState, undo: boolean, now: number): void {
  endTyping(s, now);
  const r = undoRedo(s.buf, undo);
  if (!r) {
    say(s, undo ? "Nothing to undo" : "Nothing to redo");
    return;
  }
  s.cursor = { ...r.cursor };
  clampNano(s);
  say(s, `${undo ? "Undid" : "Redid"} ${r.entry.label ?? "action"}`);
}

/** nano notices undoing back to the saved text (and not a change undone by hand). */
export function nanoModified(s: NanoState): boolean {
  return s.typing || isModified(s.buf);
}

export function clampNano(s: NanoState): void {
  s.cursor.line = Math.max(0, Math.min(s.buf.lines.length - 1, s.cursor.line));
  s.cursor.col = Math.max(0, Math.min(s.buf.lines[s.cursor.line].length, s.cursor.col));
}

/** Moves to a line keeping the wanted column (up/down, page keys). */
export function moveToLine(s: NanoState, line: number): void {
  const l = Math.max(0, Math.min(s.buf.lines.length - 1, line));
  s.cursor = { line: l, col: columnFor(s.buf.lines[l], s.wantCol, TABSIZE, true) };
}

/** Scrolls so the cursor line shows: line by line after a move, centred after a jump. */
export function adjustViewport(s: NanoState, centre: boolean): void {
  const h = editRows(s);
  if (s.cursor.line >= s.edittop && s.cursor.line < s.edittop + h) return;
  if (centre) s.edittop = Math.max(0, s.cursor.line - Math.floor(h / 2));
  else if (s.cursor.line < s.edittop) s.edittop = s.cursor.line;
  else s.edittop = s.cursor.line - h + 1;
}
