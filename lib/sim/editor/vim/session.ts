/**
 * A vim session: opening a file, feeding it raw terminal input, and drawing it. Each input
 * message is decoded into keys, every key runs to completion, and the screen is redrawn once at
 * the end (only the rows that changed), so a 256 KiB paste costs one screenful of output.
 */
import { beginChange, endChange, firstNonBlank, newBuffer } from "../buffer";
import { decodeInput, emptyCarry, type Key } from "../input";
import { resolveEditorPath, displayName } from "../paths";
import { diffDraw, encodeFrame, fullDraw, LEAVE_SCREEN } from "../screen";
import { displayWidth } from "../text";
import type { EditorEnv, EditorStep } from "../types";
import { addHistory, closeCmdline, cmdlineKey, cmdlinePaste } from "./cmdline";
import { clampCursor, error, setMessage, updateCurswant } from "./edit";
import type { VimEnv } from "./env";
import { exCommand } from "./ex";
import { loadFile } from "./file-ops";
import { insertKey, insertPastedText, startInsert } from "./insert";
import { normalKey } from "./normal";
import { botline, updateTopline } from "./scroll";
import { searchFrom } from "./search";
import { defaultOptions, lineCount, type VimProgram, type VimState } from "./state";
import { vimFrame } from "./view";
import { hitEnterNeeded, scrolledAway, truncateMessage } from "./messages";
import { visualKey } from "./visual";
import { charLen } from "../text";

export interface VimOpenOptions {
  program: VimProgram;
  /** the file argument as the shell passed it (after expansion), or null for none */
  file: string | null;
  cwd: string;
  home: string;
  cols: number;
  rows: number;
  /** largest buffer accepted, in characters (the VFS's limit) */
  maxBytes: number;
}

/** In recorded keys ("." and counted inserts) a paste is one entry: this mark, then its text. */
const PASTE_MARK = "\u0000paste:";

/** Keys replayed by "." or a counted insert may not nest deeper than this (a "." inside :normal inside ...). */
const MAX_REPLAY_DEPTH = 8;
/** Keys one input message may run, replays included: a runaway ":normal" over many lines stops here. */
const MAX_KEYS_PER_INPUT = 2_000_000;

export function openVim(opts: VimOpenOptions, env: EditorEnv): { state: VimState; output: string } {
  const path = opts.file === null ? null : resolveEditorPath(opts.file, opts.cwd, opts.home);
  const s: VimState = {
    program: "vim",
    invokedAs: opts.program,
    path,
    name: opts.file === null ? null : displayName(opts.file, opts.home),
    cwd: opts.cwd,
    home: opts.home,
    isNew: false,
    noeol: false,
    buf: newBuffer([], opts.maxBytes),
    cursor: { line: 0, col: 0 },
    curswant: 0,
    topline: 1,
    mode: "normal",
    visual: null,
    pending: [],
    cmdline: null,
    prevMode: null,
    insert: null,
    message: null,
    hitEnter: null,
    registers: {},
    lastSearch: null,
    lastSubstitute: null,
    lastFind: null,
    dot: null,
    recording: null,
    history: { cmd: [], search: [] },
    marks: {},
    lastVisual: null,
    opts: defaultOptions(path, opts.program === "view"),
    screen: { cols: opts.cols, rows: opts.rows },
    carry: emptyCarry(),
    drawn: null,
    exit: null,
    written: [],
  };
  loadFile(s, env, opts.maxBytes);
  if (s.message) s.message.display = "trunc-start";
  truncateMessage(s);
  s.cursor = { line: 0, col: firstNonBlank(s.buf.lines[0]) };
  updateCurswant(s);
  return { state: s, output: renderVim(s) };
}

/** The whole screen from the state (after a reload or a resize). */
export function renderVim(s: VimState): string {
  updateTopline(s);
  const enc = encodeFrame(vimFrame(s), s.screen.cols, (t) => displayWidth(t, 8));
  s.drawn = enc.rows;
  return fullDraw(enc);
}

export function resizeVim(s: VimState, cols: number, rows: number): string {
  s.screen = { cols, rows };
  return renderVim(s);
}

/** Runs an ex command line typed after ":" (also used by ZZ, ZQ and "&"). */
function runEx(s: VimState, text: string, env: VimEnv): void {
  const before = s.message;
  exCommand(s, text, env);
  if (s.message && s.message !== before && !s.message.display) s.message.display = "full";
}

function finishSearch(s: VimState, kind: "/" | "?", text: string): void {
  const forward = kind === "/";
  // "pattern/e" and friends: only the offsets "e", "s", "b" and line offsets are understood
  const parts = text.split(forward ? /(?<!\\)\// : /(?<!\\)\?/);
  const pattern = parts[0] || s.lastSearch?.pattern || "";
  if (!pattern) {
    error(s, "E35: No previous regular expression");
    return;
  }
  if (parts[0]) addHistory(s.history.search, text);
  s.lastSearch = { pattern, forward, offsetLine: false };
  const r = searchFrom(s, pattern, forward, s.cursor, 1);
  if (!r.ok) {
    error(s, r.error);
    return;
  }
  s.marks["'"] = { ...s.cursor };
  const offset = parts[1] ?? "";
  let pos = r.pos;
  if (/^e/.test(offset)) pos = { line: r.end.line, col: Math.max(r.pos.col, r.end.col - 1) };
  const lineOff = /^[+-]?\d*$/.test(offset) && offset !== "" ? Number(offset === "+" ? 1 : offset === "-" ? -1 : offset) : 0;
  if (lineOff) pos = { line: Math.max(0, Math.min(lineCount(s) - 1, r.pos.line + lineOff)), col: 0 };
  s.cursor = pos;
  clampCursor(s, false);
  updateCurswant(s);
  if (r.wrapped)
    setMessage(s, r.wrapped === "bottom" ? "search hit BOTTOM, continuing at TOP" : "search hit TOP, continuing at BOTTOM", "warning");
  else s.message = { text: kind + text, kind: "info", display: "trunc", echo: true };
}

function handleKey(s: VimState, key: Key, env: VimEnv): void {
  switch (s.mode) {
    case "hitenter":
      s.mode = "normal";
      s.hitEnter = null;
      s.message = null;
      s.drawn = null;
      if (key !== "<CR>" && key !== " " && key !== "<NL>" && key !== "<Esc>" && key !== "<C-c>") handleKey(s, key, env);
      return;
    case "normal":
      normalKey(s, key, env);
      return;
    case "visual":
      visualKey(s, key, env);
      return;
    case "insert":
    case "replace":
      insertKey(s, key, { now: env.now, replay: (keys) => env.feedKeys(keys) });
      return;
    case "cmdline": {
      const kind = s.cmdline?.kind ?? ":";
      const r = cmdlineKey(s, key);
      if (!r.done) return;
      if (r.text === null) {
        closeCmdline(s, true);
        return;
      }
      if (kind === ":") {
        closeCmdline(s, false);
        addHistory(s.history.cmd, r.text);
        s.message = { text: ":" + r.text, kind: "info", display: "trunc", echo: true };
        runEx(s, r.text, env);
      } else {
        closeCmdline(s, true);
        finishSearch(s, kind, r.text);
      }
      return;
    }
  }
}

function handlePaste(s: VimState, text: string, env: VimEnv): void {
  switch (s.mode) {
    case "insert":
    case "replace":
      insertPastedText(s, text);
      s.recording?.push(PASTE_MARK + text);
      s.insert?.typed.push(PASTE_MARK + text);
      return;
    case "cmdline":
      cmdlinePaste(s, text);
      return;
    case "hitenter":
      handleKey(s, "<CR>", env);
      handlePaste(s, text, env);
      return;
    case "visual":
      return;
    case "normal": {
      const line = s.buf.lines[s.cursor.line];
      if (s.cursor.col !== 0 && line.length) s.cursor.col += charLen(line, s.cursor.col);
      beginChange(s.buf);
      startInsert(s, "a", 1);
      insertPastedText(s, text);
      insertKey(s, "<Esc>", { now: env.now, replay: (keys) => env.feedKeys(keys) });
      endChange(s.buf, env.now);
      // vim's redo buffer gets "a", the text and <Esc>
      s.dot = { keys: ["a", PASTE_MARK + text, "<Esc>"], count: 0 };
      return;
    }
  }
}

export function feedVim(s: VimState, data: string, env: EditorEnv): EditorStep {
  if (s.exit) return { output: "", exit: s.exit };
  const decoded = decodeInput(s.carry, data, s.buf.maxSize);
  const { pasteTruncated } = decoded;
  // vim's fill_input_buf(): a CTRL-C removes everything typed ahead of it that was not yet read
  const lastInterrupt = decoded.events.map((e) => "key" in e && e.key === "<C-c>").lastIndexOf(true);
  const events = lastInterrupt > 0 ? decoded.events.slice(lastInterrupt) : decoded.events;
  let budget = MAX_KEYS_PER_INPUT;
  let depth = 0;
  const venv: VimEnv = {
    fs: env.fs,
    now: env.now,
    feedKeys: (keys) => {
      if (depth >= MAX_REPLAY_DEPTH) return;
      depth++;
      for (const k of keys) {
        if (s.exit || --budget < 0) break;
        if (k.startsWith(PASTE_MARK)) {
          const before = { top: s.topline, bot: botline(s).botline, lines: s.buf.lines.length, message: s.message, mode: s.mode };
          handlePaste(s, k.slice(PASTE_MARK.length), venv);
          afterKey(s, before);
        } else step(k);
      }
      depth--;
    },
    exCommand: (text) => runEx(s, text, venv),
  };
  const step = (key: Key) => {
    const before = { top: s.topline, bot: botline(s).botline, lines: s.buf.lines.length, message: s.message, mode: s.mode };
    handleKey(s, key, venv);
    afterKey(s, before);
  };
  for (const ev of events) {
    if (s.exit) break;
    if ("paste" in ev) {
      const before = { top: s.topline, bot: botline(s).botline, lines: s.buf.lines.length, message: s.message, mode: s.mode };
      handlePaste(s, ev.paste, venv);
      afterKey(s, before);
    } else if (--budget >= 0) step(ev.key);
  }
  if (pasteTruncated && !s.exit) error(s, `The paste was cut: the buffer holds at most ${s.buf.maxSize} bytes`);
  if (s.exit) return { output: LEAVE_SCREEN, exit: s.exit };
  if (s.carry.paste !== null) return { output: "" };
  if (s.mode !== "cmdline") updateTopline(s);
  const enc = encodeFrame(vimFrame(s), s.screen.cols, (t) => displayWidth(t, 8));
  const output = diffDraw(s.drawn, enc);
  s.drawn = enc.rows;
  return { output };
}

function afterKey(
  s: VimState,
  before: { top: number; bot: number; lines: number; message: VimState["message"]; mode: VimState["mode"] },
): void {
  if (s.exit) return;
  if ((before.mode === "insert" || before.mode === "replace") && s.mode === "normal" && s.recording) {
    s.dot = { keys: s.recording, count: 0 };
    s.recording = null;
  }
  // in visual mode the cursor may sit on the end of the line (the selection then takes the line break)
  if (s.mode === "normal" || s.mode === "visual") clampCursor(s, s.mode === "visual");
  if (s.mode !== "cmdline" && s.mode !== "hitenter") updateTopline(s);
  if (s.message && (s.message === before.message || s.message.echo) && s.mode !== "hitenter" && scrolledAway(s, before)) s.message = null;
  if (s.message && s.message !== before.message) {
    if (hitEnterNeeded(s)) {
      s.mode = "hitenter";
      s.hitEnter = { lines: [s.message], scrolled: 0 };
    } else truncateMessage(s);
  }
  if ((s.mode === "insert" || s.mode === "replace" || s.mode === "visual") && s.message === before.message && before.mode !== s.mode)
    s.message = null;
}

export { lineCount };
