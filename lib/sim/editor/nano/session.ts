/**
 * A nano session: its basic keys (typing, arrows, Home/End, PgUp/PgDn, ^K/^U, ^O with "File Name
 * to Write:", ^X with "Save modified buffer?", ^W search, ^C position, ^/ go to line, ^G help,
 * M-U/M-E undo and redo), fed raw terminal input like vim's and drawn the same way.
 */
import { newBuffer } from "../buffer";
import { decodeInput, emptyCarry, isPrintable, type Key } from "../input";
import { displayName, resolveEditorPath } from "../paths";
import { diffDraw, encodeFrame, fullDraw, LEAVE_SCREEN } from "../screen";
import { displayCol, displayWidth, prevCharIndex, charLen } from "../text";
import type { EditorEnv, EditorStep } from "../types";
import {
  adjustViewport,
  breakLine,
  clampNano,
  cutLine,
  deleteChar,
  endTyping,
  insertBlock,
  moveToLine,
  nanoModified,
  paste,
  say,
  typeText,
  undoRedoNano,
} from "./edit";
import { editRows, TABSIZE, type NanoState } from "./state";
import { finish, STRERROR, writeOut } from "./file";
import { helpKey, location, openPrompt, promptKey, search, yesNoKey } from "./prompts";
import { nanoFrame } from "./view";

export interface NanoOpenOptions {
  file: string | null;
  cwd: string;
  home: string;
  cols: number;
  rows: number;
  maxBytes: number;
}

export function openNano(opts: NanoOpenOptions, env: EditorEnv): { state: NanoState; output: string } {
  const path = opts.file === null ? null : resolveEditorPath(opts.file, opts.cwd, opts.home);
  const s: NanoState = {
    program: "nano",
    path,
    name: opts.file === null ? null : displayName(opts.file, opts.home),
    cwd: opts.cwd,
    home: opts.home,
    buf: newBuffer([""], opts.maxBytes),
    tabgives: path && /\.ya?ml$/.test(path) ? "  " : "\t",
    cursor: { line: 0, col: 0 },
    wantCol: 0,
    edittop: 0,
    mode: "edit",
    prompt: null,
    status: null,
    cutbuffer: null,
    lastWasCut: false,
    lastSearch: "",
    escPending: false,
    typing: false,
    help: null,
    screen: { cols: opts.cols, rows: opts.rows },
    carry: emptyCarry(),
    drawn: null,
    exit: null,
    written: [],
  };
  if (path) {
    const r = env.fs.read(path);
    if (r.ok) {
      const lines = r.content.split("\n");
      // nano's magic line: a file ending in a newline gives an empty last line; one without gets it added
      if (lines[lines.length - 1] !== "") lines.push("");
      s.buf = newBuffer(lines, Math.max(opts.maxBytes, r.content.length + 1));
      const n = lines.length - 1;
      say(s, `Read ${n} ${n === 1 ? "line" : "lines"}`);
    } else if (r.error === "ENOENT") say(s, "New File");
    else say(s, `Error reading ${s.name}: ${STRERROR[r.error] ?? r.error}`, "alert");
  }
  return { state: s, output: renderNano(s) };
}

export function renderNano(s: NanoState): string {
  const enc = encodeFrame(nanoFrame(s), s.screen.cols, (t) => displayWidth(t, TABSIZE));
  s.drawn = enc.rows;
  return fullDraw(enc);
}

export function resizeNano(s: NanoState, cols: number, rows: number): string {
  s.screen = { cols, rows };
  adjustViewport(s, true);
  return renderNano(s);
}

function editKey(s: NanoState, key: Key, meta: boolean, env: EditorEnv): void {
  const now = env.now;
  const wasCut = s.lastWasCut;
  s.lastWasCut = false;
  if (meta) {
    endTyping(s, now);
    switch (key.toLowerCase()) {
      case "u":
        undoRedoNano(s, true, now);
        break;
      case "e":
        undoRedoNano(s, false, now);
        break;
      case "\\":
        s.cursor = { line: 0, col: 0 };
        adjustViewport(s, true);
        break;
      case "/":
        s.cursor = { line: s.buf.lines.length - 1, col: 0 };
        adjustViewport(s, true);
        break;
      case "g":
        openPrompt(s, "goto", "");
        break;
      case "w":
      case "q":
        if (!s.lastSearch) say(s, "No current search pattern");
        else search(s, s.lastSearch);
        break;
      default:
        say(s, `Unknown command: M-${key.length === 1 ? key.toUpperCase() : key}`, "alert");
    }
    return;
  }
  if (isPrintable(key) || key === "<Tab>") {
    typeText(s, key === "<Tab>" ? s.tabgives : key, now);
    adjustViewport(s, false);
    return;
  }
  endTyping(s, now);
  const line = s.buf.lines[s.cursor.line];
  switch (key) {
    case "<CR>":
    case "<C-m>":
      breakLine(s, now);
      break;
    case "<BS>":
    case "<C-h>":
      deleteChar(s, true, now);
      break;
    case "<Del>":
    case "<C-d>":
      deleteChar(s, false, now);
      break;
    case "<C-k>":
      s.lastWasCut = wasCut;
      cutLine(s, now);
      s.lastWasCut = true;
      break;
    case "<C-u>":
      paste(s, now);
      break;
    case "<Left>":
    case "<C-b>":
      if (s.cursor.col > 0) s.cursor.col = prevCharIndex(line, s.cursor.col);
      else if (s.cursor.line > 0) s.cursor = { line: s.cursor.line - 1, col: s.buf.lines[s.cursor.line - 1].length };
      s.wantCol = displayCol(s.buf.lines[s.cursor.line], s.cursor.col, TABSIZE);
      break;
    case "<Right>":
    case "<C-f>":
      if (s.cursor.col < line.length) s.cursor.col += charLen(line, s.cursor.col);
      else if (s.cursor.line < s.buf.lines.length - 1) s.cursor = { line: s.cursor.line + 1, col: 0 };
      s.wantCol = displayCol(s.buf.lines[s.cursor.line], s.cursor.col, TABSIZE);
      break;
    case "<Up>":
    case "<C-p>":
      moveToLine(s, s.cursor.line - 1);
      break;
    case "<Down>":
    case "<C-n>":
      moveToLine(s, s.cursor.line + 1);
      break;
    case "<Home>":
    case "<C-a>":
      s.cursor.col = 0;
      s.wantCol = 0;
      break;
    case "<End>":
    case "<C-e>":
      s.cursor.col = line.length;
      s.wantCol = displayCol(line, line.length, TABSIZE);
      break;
    case "<PageDown>":
    case "<C-v>":
    case "<PageUp>":
    case "<C-y>": {
      const step = Math.max(1, editRows(s) - 2) * (key === "<PageDown>" || key === "<C-v>" ? 1 : -1);
      const row = s.cursor.line - s.edittop;
      s.edittop = Math.max(0, Math.min(s.buf.lines.length - 1, s.edittop + step));
      moveToLine(s, s.edittop + row);
      return;
    }
    case "<C-o>":
    case "<C-s>":
      if (key === "<C-s>" && s.name) writeOut(s, s.name, env);
      else openPrompt(s, "writeout", s.name ?? "");
      return;
    case "<C-x>":
      if (!nanoModified(s)) finish(s, s.written.length ? "saved" : "unchanged");
      else s.mode = "yesno";
      return;
    case "<C-w>":
      openPrompt(s, "search", "");
      return;
    case "<C-\\>":
    case "<C-_>":
    case "<C-/>":
      if (key === "<C-\\>") say(s, "Search and replace is not available in this terminal; use ^W and edit", "alert");
      else openPrompt(s, "goto", "");
      return;
    case "<C-c>":
      location(s);
      return;
    case "<C-g>":
      s.status = null;
      s.mode = "help";
      s.help = { top: 0 };
      return;
    case "<C-l>":
      s.drawn = null;
      return;
    case "<C-r>":
    case "<C-t>":
    case "<C-j>":
      say(s, "This function is not available in this terminal", "alert");
      return;
    default:
      return;
  }
  adjustViewport(s, false);
}

/** nano's function-key alternatives (the help screen lists them: ^G (F1), ^X (F2), ...). */
const FKEYS: Record<string, Key> = {
  "<F1>": "<C-g>",
  "<F2>": "<C-x>",
  "<F3>": "<C-o>",
  "<F6>": "<C-w>",
  "<F9>": "<C-k>",
  "<F10>": "<C-u>",
  "<F11>": "<C-c>",
};

function handleKey(s: NanoState, rawKey: Key, meta: boolean, env: EditorEnv): void {
  const key = FKEYS[rawKey] ?? rawKey;
  if (s.status && s.mode === "edit" && --s.status.keystrokesLeft <= 0) s.status = null;
  switch (s.mode) {
    case "edit":
      editKey(s, key, meta, env);
      return;
    case "prompt":
      promptKey(s, key, env);
      return;
    case "yesno":
      yesNoKey(s, key);
      return;
    case "help":
      helpKey(s, key);
      return;
  }
}

export function feedNano(s: NanoState, data: string, env: EditorEnv): EditorStep {
  if (s.exit) return { output: "", exit: s.exit };
  const { events, pasteTruncated } = decodeInput(s.carry, data, s.buf.maxSize);
  for (let i = 0; i < events.length && !s.exit; i++) {
    const ev = events[i];
    if ("paste" in ev) {
      if (s.mode === "edit") {
        endTyping(s, env.now);
        insertBlock(s, ev.paste.replace(/\r\n?/g, "\n"), env.now, "paste");
        adjustViewport(s, false);
      } else if (s.mode === "prompt" && s.prompt) {
        const t = ev.paste.replace(/[\r\n][\s\S]*$/, "");
        s.prompt.text = s.prompt.text.slice(0, s.prompt.cursor) + t + s.prompt.text.slice(s.prompt.cursor);
        s.prompt.cursor += t.length;
      }
      continue;
    }
    // <Esc> then a key in one message is a Meta key (Alt-U arrives as ESC u); a lone <Esc> waits for the next message
    if (ev.key === "<Esc>") {
      const next = events[i + 1];
      if (next && "key" in next) {
        handleKey(s, next.key, true, env);
        i++;
      } else s.escPending = true;
      continue;
    }
    const meta = s.escPending;
    s.escPending = false;
    handleKey(s, ev.key, meta, env);
  }
  if (pasteTruncated) say(s, `The paste was cut: a file holds at most ${s.buf.maxSize} bytes here`, "alert");
  if (s.exit) return { output: LEAVE_SCREEN, exit: s.exit };
  if (s.carry.paste !== null) return { output: "" };
  clampNano(s);
  const enc = encodeFrame(nanoFrame(s), s.screen.cols, (t) => displayWidth(t, TABSIZE));
  const output = diffDraw(s.drawn, enc);
  s.drawn = enc.rows;
  return { output };
}
