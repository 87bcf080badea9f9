/**
 * Loading a saved editor state (after a server restart, from the database). A saved state is our
 * own, but a corrupted row must fail here with a clear error rather than deep inside a keystroke
 * later: the parts every key relies on are checked, the cursor and window are put back inside
 * the text, and the drawn-screen cache is dropped so the next output is a full redraw.
 */
import { z } from "zod";
import type { EditorState } from "./session";

const pos = z.object({ line: z.number().int().min(0), col: z.number().int().min(0) });
const screen = z.object({ cols: z.number().int().min(10).max(500), rows: z.number().int().min(4).max(200) });
const carry = z.object({ paste: z.string().nullable(), partial: z.string() });
const buffer = z
  .object({
    lines: z.array(z.string()).min(1),
    empty: z.boolean(),
    size: z.number().int().min(0),
    maxSize: z.number().int().positive(),
    undo: z.array(z.unknown()),
    redo: z.array(z.unknown()),
    lastSeq: z.number().int().min(0),
    curSeq: z.number().int().min(0),
    savedSeq: z.number().int().min(0),
    baseSeq: z.number().int().min(0),
    undoChars: z.number().int().min(0),
  })
  .passthrough();

const common = {
  path: z.string().startsWith("/").nullable(),
  name: z.string().nullable(),
  cwd: z.string().startsWith("/"),
  home: z.string(),
  buf: buffer,
  cursor: pos,
  screen,
  carry,
  exit: z.null(),
  written: z.array(z.string()),
};

const vim = z
  .object({
    program: z.literal("vim"),
    invokedAs: z.enum(["vim", "vi", "view"]),
    mode: z.enum(["normal", "insert", "replace", "visual", "cmdline", "hitenter"]),
    topline: z.number().int().min(1),
    curswant: z.number().int(),
    pending: z.array(z.string()),
    opts: z
      .object({ tabstop: z.number().int().positive(), shiftwidth: z.number().int().min(0), scrolloff: z.number().int().min(0) })
      .passthrough(),
    registers: z.record(z.string(), z.object({ text: z.string(), linewise: z.boolean() })),
    ...common,
  })
  .passthrough();

const nano = z
  .object({
    program: z.literal("nano"),
    mode: z.enum(["edit", "prompt", "yesno", "help"]),
    edittop: z.number().int().min(0),
    wantCol: z.number().int().min(0),
    ...common,
  })
  .passthrough();

const editorState = z.discriminatedUnion("program", [vim, nano]);

/** Validates a saved editor state and returns it ready to draw; throws a clear Error when it is not one. */
export function restoreEditorState(saved: unknown): EditorState {
  const r = editorState.safeParse(saved);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`invalid editor state: ${issue ? `${issue.path.join(".")}: ${issue.message}` : "unknown shape"}`);
  }
  const s = structuredClone(saved) as EditorState;
  const last = s.buf.lines.length - 1;
  s.cursor.line = Math.min(s.cursor.line, last);
  s.cursor.col = Math.min(s.cursor.col, s.buf.lines[s.cursor.line].length);
  if (s.program === "vim") s.topline = Math.min(s.topline, last + 1);
  else s.edittop = Math.min(s.edittop, last);
  s.drawn = null;
  return s;
}
