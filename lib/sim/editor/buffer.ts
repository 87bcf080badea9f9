/**
 * The text being edited, as lines, with bounded undo/redo. Every modification goes through the
 * functions here so that the size limit holds and a change can be recorded as one undo step.
 *
 * A change is opened before a command that may modify the buffer (`beginChange`) and closed
 * after it (`endChange`): the difference between the snapshot and the result becomes one undo
 * entry made of hunks (runs of changed lines). The cursor saved with an entry is where it was at
 * the first modification, as vim's u_save records it (after `A` that is the end of the line).
 */
import type { Pos } from "./pos";

export interface Hunk {
  /** 0-based first line replaced */
  at: number;
  before: string[];
  after: string[];
}

export interface UndoEntry {
  seq: number;
  hunks: Hunk[];
  /** the buffer had no lines at all before / after the change (vim's UH_EMPTYBUF) */
  emptyBefore: boolean;
  emptyAfter: boolean;
  /** the cursor at the first modification (vim's uh_cursor) */
  cursor: Pos;
  /** cluster time of the change, epoch ms (for "N seconds ago") */
  time: number;
  /** what the change was, for editors that name it ("Undid cut" in nano) */
  label?: string;
}

export interface TextBuffer {
  /** never empty: a buffer without lines is [""] with `empty` set */
  lines: string[];
  /**
   * vim's ML_EMPTY: the buffer has no lines at all (an empty file, or every line deleted), as
   * opposed to one empty line. It writes 0 bytes and shows "--No lines in buffer--" and "0,0-1".
   */
  empty: boolean;
  /** characters in the file the buffer would write: every line plus its newline */
  size: number;
  maxSize: number;
  undo: UndoEntry[];
  redo: UndoEntry[];
  /** highest sequence number handed out */
  lastSeq: number;
  /** sequence number of the entry the text currently reflects (0: as loaded) */
  curSeq: number;
  /** curSeq when the buffer was last written (or loaded) */
  savedSeq: number;
  /** sequence number of the oldest state undo can reach (0 until entries are dropped) */
  baseSeq: number;
  undoChars: number;
  /** the open change: lines before it, and the cursor at its first modification */
  open: { before: string[]; emptyBefore: boolean; cursor: Pos | null } | null;
}

export const MAX_UNDO_ENTRIES = 1000;
/** characters of text kept in undo and redo entries together */
export const MAX_UNDO_CHARS = 1024 * 1024;

export function newBuffer(lines: string[], maxSize: number): TextBuffer {
  const ls = lines.length ? lines : [""];
  return {
    lines: ls,
    empty: lines.length === 0,
    size: sizeOf(ls),
    maxSize,
    undo: [],
    redo: [],
    lastSeq: 0,
    curSeq: 0,
    savedSeq: 0,
    baseSeq: 0,
    undoChars: 0,
    open: null,
  };
}

/** Replaces items in place without spreading them as arguments (a paste may bring 100 000 lines). */
function spliceLines(arr: string[], at: number, count: number, items: readonly string[]): void {
  const tail = arr.splice(at + count);
  arr.length = at;
  for (const x of items) arr.push(x);
  for (const x of tail) arr.push(x);
}

function sizeOf(lines: readonly string[]): number {
  let n = 0;
  for (const l of lines) n += l.length + 1;
  return n;
}

export function isModified(b: TextBuffer): boolean {
  return b.curSeq !== b.savedSeq;
}

export function markSaved(b: TextBuffer): void {
  b.savedSeq = b.curSeq;
}

/** True when the buffer has no lines (vim's ML_EMPTY, shown as "--No lines in buffer--"). */
export function isEmptyBuffer(b: TextBuffer): boolean {
  return b.empty;
}

export function beginChange(b: TextBuffer): void {
  if (!b.open) b.open = { before: b.lines.slice(), emptyBefore: b.empty, cursor: null };
}

/** Closes the open change; returns true when it changed the text (and became an undo entry). */
export function endChange(b: TextBuffer, now: number, label?: string): boolean {
  const open = b.open;
  b.open = null;
  if (!open) return false;
  const hunks = diffLines(open.before, b.lines);
  if (hunks.length === 0 && open.emptyBefore === b.empty) return false;
  if (hunks.length === 0) hunks.push({ at: 0, before: [open.before[0]], after: [b.lines[0]] });
  const entry: UndoEntry = {
    seq: ++b.lastSeq,
    hunks,
    emptyBefore: open.emptyBefore,
    emptyAfter: b.empty,
    cursor: open.cursor ?? { line: 0, col: 0 },
    time: now,
  };
  if (label) entry.label = label;
  for (const r of b.redo) b.undoChars -= entryChars(r);
  b.redo = [];
  b.undo.push(entry);
  b.undoChars += entryChars(entry);
  b.curSeq = entry.seq;
  while (b.undo.length > MAX_UNDO_ENTRIES || (b.undoChars > MAX_UNDO_CHARS && b.undo.length > 1)) {
    const dropped = b.undo.shift();
    if (!dropped) break;
    b.undoChars -= entryChars(dropped);
    b.baseSeq = dropped.seq;
  }
  return true;
}

function entryChars(e: UndoEntry): number {
  let n = 0;
  for (const h of e.hunks) n += sizeOf(h.before) + sizeOf(h.after);
  return n;
}

/** Runs of differing lines: line by line when the count is unchanged, else one hunk around the change. */
export function diffLines(before: readonly string[], after: readonly string[]): Hunk[] {
  if (before.length === after.length) {
    const hunks: Hunk[] = [];
    let i = 0;
    while (i < before.length) {
      if (before[i] === after[i]) {
        i++;
        continue;
      }
      const start = i;
      while (i < before.length && before[i] !== after[i]) i++;
      hunks.push({ at: start, before: before.slice(start, i), after: after.slice(start, i) });
    }
    return hunks;
  }
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail])
    tail++;
  return [{ at: head, before: before.slice(head, before.length - tail), after: after.slice(head, after.length - tail) }];
}

/** Records the cursor of the open change at its first modification. */
function touch(b: TextBuffer, cursor: Pos): void {
  if (!b.open) beginChange(b);
  if (b.open && !b.open.cursor) b.open.cursor = { ...cursor };
}

/** Would `delta` more characters fit? */
export function fits(b: TextBuffer, delta: number): boolean {
  return delta <= 0 || b.size + delta <= b.maxSize;
}

/**
 * Replaces `count` lines at `at` with `lines`. Returns false (and changes nothing) when the result
 * would exceed the buffer limit. `cursor` is the cursor before the modification, for undo.
 */
export function replaceLines(b: TextBuffer, at: number, count: number, lines: readonly string[], cursor: Pos): boolean {
  const removed = b.lines.slice(at, at + count);
  const delta = sizeOf(lines) - sizeOf(removed);
  if (!fits(b, delta)) return false;
  touch(b, cursor);
  spliceLines(b.lines, at, count, lines);
  b.size += delta;
  if (b.lines.length === 0) {
    b.lines.push("");
    b.size = 1;
    b.empty = true;
  } else if (lines.length > 0) b.empty = false;
  return true;
}

export function setLine(b: TextBuffer, at: number, text: string, cursor: Pos): boolean {
  const delta = text.length - b.lines[at].length;
  if (!fits(b, delta)) return false;
  touch(b, cursor);
  b.lines[at] = text;
  b.size += delta;
  b.empty = false;
  return true;
}

export type UndoOutcome = { entry: UndoEntry; cursor: Pos; oldCount: number; newCount: number } | null;

/**
 * Undoes (or redoes) one entry and places the cursor as vim's u_undoredo does: on the saved
 * cursor when it lies inside the change, else on the first line that differs; one line above
 * when that is the line after the saved cursor (the "o" case); at the saved column on the saved
 * line, else on the first non-blank.
 */
export function undoRedo(b: TextBuffer, undo: boolean): UndoOutcome {
  const entry = undo ? b.undo.pop() : b.redo.pop();
  if (!entry) return null;
  let oldCount = 0;
  let newCount = 0;
  let line = -1;
  const hunks = undo ? [...entry.hunks].reverse() : entry.hunks;
  for (const h of hunks) {
    const current = undo ? h.after : h.before;
    const restored = undo ? h.before : h.after;
    const top = h.at; // vim's "top" (1-based line above the change) equals our 0-based first line
    if (line === -1 || top < line) {
      const saved = entry.cursor.line + 1;
      if (saved >= top && saved <= top + restored.length + 1) line = entry.cursor.line;
      else {
        let i = 0;
        while (i < restored.length && i < current.length && restored[i] === current[i]) i++;
        if (i < restored.length || (i === restored.length && line === -1)) line = top + (i < restored.length ? i : 0);
      }
    }
    spliceLines(b.lines, h.at, current.length, restored);
    oldCount += current.length;
    newCount += restored.length;
  }
  if (b.lines.length === 0) b.lines.push("");
  b.size = sizeOf(b.lines);
  b.empty = undo ? entry.emptyBefore : entry.emptyAfter;
  if (undo) {
    b.redo.push(entry);
    b.curSeq = b.undo.length ? b.undo[b.undo.length - 1].seq : b.baseSeq;
  } else {
    b.undo.push(entry);
    b.curSeq = entry.seq;
  }
  if (line === -1) line = entry.hunks[0].at;
  if (entry.cursor.line + 1 === line && line > 0) line--;
  let cursor: Pos;
  if (line < b.lines.length) {
    cursor = entry.cursor.line === line ? { line, col: entry.cursor.col } : { line, col: firstNonBlank(b.lines[line]) };
  } else cursor = { line: b.lines.length - 1, col: 0 };
  return { entry, cursor, oldCount, newCount };
}

export function firstNonBlank(text: string): number {
  const m = /^[ \t]*/.exec(text);
  const n = m ? m[0].length : 0;
  return n < text.length ? n : Math.max(0, text.length - 1);
}
