/**
 * A nano session: its basic keys (typing, arrows, Home/End, PgUp/PgDn, ^K/^U, ^O with "File Name
 * to Write:", ^X with "Save modified buffer?", ^W search, ^C position, ^/ go to line, ^G help,
 * M-U/M-E undo and redo), fed raw terminal input like vim's and drawn the same way.
 */
import { markSaved, newBuffer } from "../buffer";
import { decodeInput, emptyCarry, isPrintable, type Key } from "../input";
import { displayName, resolveEditorPath } from "../paths";
import { diffDraw, encodeFrame, fullDraw, LEAVE_SCREEN } from "../screen";
import { displayCol, displayWidth, prevCharIndex, charLen } from "../text";
import type { EditorEnv, EditorExit, EditorStep } from "../types";
import { adjustViewport, breakLine, clampNano, cutLine, deleteChar, endTyping, insertBlock, moveToLine, nanoModified, paste, say, typeText, undoRedoNano } from "./edit";
import { helpLines } from "./menus";
import { editRows, fileLineCount, TABSIZE, type NanoPromptKind, type NanoState } from "./state";
import { nanoFrame } from "./view";

export interface NanoOpenOptions {
  file: string | null;
  cwd: string;
  home: string;
  cols: number;
  rows: number;
  maxBytes: number;
}

const STRERROR: Record<string, string> = {
  ENOENT: "No such file or directory", EACCES: "Permission denied", ENOSPC: "No space left on device",
  EISDIR: "Is a directory", ENOTDIR: "Not a directory", EINVAL: "Invalid argument",
};

export function openNano(opts: NanoOpenOptions, env: EditorEnv): { state: NanoState; output: string } {
  const path = opts.file === null ? null : resolveEditorPath(opts.file, opts.cwd, opts.home);
  const s: NanoState = {
    program: "nano", path, name: opts.file === null ? null : displayName(opts.file, opts.home), cwd: opts.cwd, home: opts.home,
    buf: newBuffer([""], opts.maxBytes), tabgives: path && /\.ya?ml$/.test(path) ? "  " : "\t", cursor: { line: 0, col: 0 }, wantCol: 0, edittop: 0, mode: "edit",
    prompt: null, status: null, cutbuffer: null, lastWasCut: false, lastSearch: "", escPending: false, typing: false, help: null,
    screen: { cols: opts.cols, rows: opts.rows }, carry: emptyCarry(), drawn: null, exit: null, written: [],
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

function bufferText(s: NanoState): string {
  return s.buf.lines.join("\n");
}

function finish(s: NanoState, how: EditorExit["how"]): void {
  s.typing = false;
  s.exit = { exitCode: 0, how, written: [...s.written], content: bufferText(s), path: s.path };
}

/** Writes the buffer under `name`; false (with nano's error on the status bar) when it fails. */
function writeOut(s: NanoState, name: string, env: EditorEnv): boolean {
  endTyping(s, env.now);
  const path = resolveEditorPath(name, s.cwd, s.home);
  const r = env.fs.write(path, bufferText(s));
  if (!r.ok) {
    say(s, `Error writing ${name}: ${STRERROR[r.error] ?? r.error}`, "alert");
    return false;
  }
  s.written.push(path);
  s.path = path;
  s.name = name;
  markSaved(s.buf);
  const n = fileLineCount(s);
  say(s, `Wrote ${n} ${n === 1 ? "line" : "lines"}`);
  return true;
}

function openPrompt(s: NanoState, kind: NanoPromptKind, text: string): void {
  // a prompt takes the status bar: whatever message was there is gone afterwards
  s.status = null;
  s.mode = "prompt";
  s.prompt = { kind, text, cursor: text.length };
}

/** ^W: case-insensitive and literal, as nano's defaults are, from just after the cursor, wrapping. */
function search(s: NanoState, needle: string): void {
  const lines = s.buf.lines;
  const low = needle.toLowerCase();
  const n = lines.length;
  const start = s.cursor;
  for (let step = 0; step <= n; step++) {
    const l = (start.line + step) % n;
    const text = lines[l].toLowerCase();
    let at = text.indexOf(low, step === 0 ? start.col + 1 : 0);
    // back on the starting line after wrapping: only up to the cursor itself
    if (step === n && at > start.col) at = -1;
    if (at !== -1) {
      const wrapped = start.line + step >= n;
      if (l === start.line && at === start.col) say(s, "This is the only occurrence");
      else if (wrapped) say(s, "Search Wrapped");
      s.cursor = { line: l, col: at };
      s.wantCol = displayCol(lines[l], at, TABSIZE);
      adjustViewport(s, true);
      return;
    }
  }
  const shown = needle.length > s.screen.cols / 3 ? needle.slice(0, Math.floor(s.screen.cols / 3)) + "..." : needle;
  say(s, `"${shown}" not found`);
}

function gotoLine(s: NanoState, answer: string): void {
  const m = /^\s*(-?\d+)?\s*(?:[,. /;:]\s*(-?\d+))?\s*$/.exec(answer);
  if (!m || (!m[1] && !m[2])) {
    say(s, "Invalid line or column number", "alert");
    return;
  }
  const total = s.buf.lines.length;
  let line = m[1] ? Number(m[1]) : s.cursor.line + 1;
  if (line < 0) line = total + line + 1;
  line = Math.max(1, Math.min(total, line));
  const text = s.buf.lines[line - 1];
  let col = m[2] ? Number(m[2]) : 1;
  if (col < 0) col = text.length + col + 2;
  s.cursor = { line: line - 1, col: Math.max(0, Math.min(text.length, col - 1)) };
  s.wantCol = displayCol(text, s.cursor.col, TABSIZE);
  adjustViewport(s, true);
}

/** ^C: "line 3/25 (12%), col 5/20 (25%), char 40/376 (10%)". */
function location(s: NanoState): void {
  const lines = s.buf.lines;
  const total = lines.length;
  const text = lines[s.cursor.line];
  const col = displayCol(text, s.cursor.col, TABSIZE) + 1;
  const cols = displayWidth(text, TABSIZE) + 1;
  let chars = 0;
  for (let i = 0; i < s.cursor.line; i++) chars += [...lines[i]].length + 1;
  chars += [...text.slice(0, s.cursor.col)].length;
  let size = 0;
  for (let i = 0; i < total; i++) size += [...lines[i]].length + (i < total - 1 ? 1 : 0);
  const pct = (a: number, b: number) => (b === 0 ? 0 : Math.floor((a * 100) / b));
  const lw = String(total).length;
  const cw = String(size).length;
  say(s, `line ${String(s.cursor.line + 1).padStart(lw)}/${total} (${String(pct(s.cursor.line + 1, total)).padStart(2)}%), col ${String(col).padStart(2)}/${String(cols).padStart(2)} (${String(pct(col, cols)).padStart(3)}%), char ${String(chars).padStart(cw)}/${size} (${String(pct(chars, size)).padStart(2)}%)`);
}

function promptKey(s: NanoState, key: Key, env: EditorEnv): void {
  const p = s.prompt;
  if (!p) return;
  switch (key) {
    case "<CR>":
    case "<NL>": {
      s.mode = "edit";
      s.prompt = null;
      if (p.kind === "search") {
        const needle = p.text || s.lastSearch;
        if (!needle) {
          say(s, "Cancelled");
          return;
        }
        s.lastSearch = needle;
        search(s, needle);
      } else if (p.kind === "goto") gotoLine(s, p.text);
      else if (!p.text) say(s, "Cancelled");
      else if (writeOut(s, p.text, env) && p.kind === "exit-writeout") finish(s, "saved");
      return;
    }
    case "<C-c>":
      s.mode = "edit";
      s.prompt = null;
      say(s, "Cancelled");
      return;
    case "<BS>":
    case "<C-h>":
      if (p.cursor > 0) {
        const at = prevCharIndex(p.text, p.cursor);
        p.text = p.text.slice(0, at) + p.text.slice(p.cursor);
        p.cursor = at;
      }
      return;
    case "<Del>":
    case "<C-d>":
      p.text = p.text.slice(0, p.cursor) + p.text.slice(p.cursor + charLen(p.text, p.cursor));
      return;
    case "<Left>":
    case "<C-b>":
      p.cursor = prevCharIndex(p.text, p.cursor);
      return;
    case "<Right>":
    case "<C-f>":
      if (p.cursor < p.text.length) p.cursor += charLen(p.text, p.cursor);
      return;
    case "<Home>":
    case "<C-a>":
      p.cursor = 0;
      return;
    case "<End>":
    case "<C-e>":
      p.cursor = p.text.length;
      return;
    case "<C-u>":
      p.text = p.text.slice(p.cursor);
      p.cursor = 0;
      return;
    default:
      if (isPrintable(key)) {
        p.text = p.text.slice(0, p.cursor) + key + p.text.slice(p.cursor);
        p.cursor += key.length;
      }
  }
}

function helpKey(s: NanoState, key: Key): void {
  const h = s.help;
  if (!h) return;
  const total = helpLines(s.screen.cols).lines.length;
  const rows = editRows(s);
  const maxTop = Math.max(0, total - rows);
  switch (key) {
    case "<C-x>":
    case "<C-c>":
    case "<C-g>":
    case "<Esc>":
    case "q":
      s.mode = "edit";
      s.help = null;
      return;
    case "<Down>":
    case "<C-n>":
      h.top = Math.min(maxTop, h.top + 1);
      return;
    case "<Up>":
    case "<C-p>":
      h.top = Math.max(0, h.top - 1);
      return;
    case "<PageDown>":
    case "<C-v>":
    case " ":
      h.top = Math.min(maxTop, h.top + rows - 2);
      return;
    case "<PageUp>":
    case "<C-y>":
      h.top = Math.max(0, h.top - (rows - 2));
      return;
    case "<Home>":
      h.top = 0;
      return;
    case "<End>":
      h.top = maxTop;
      return;
    default:
      return;
  }
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

function yesNoKey(s: NanoState, key: Key): void {
  if (key === "y" || key === "Y") {
    s.mode = "prompt";
    s.prompt = { kind: "exit-writeout", text: s.name ?? "", cursor: (s.name ?? "").length };
  } else if (key === "n" || key === "N") finish(s, "discarded");
  // any other key leaves the question standing
  else if (key === "<C-c>") {
    s.mode = "edit";
    say(s, "Cancelled");
  }
}

function handleKey(s: NanoState, key: Key, meta: boolean, env: EditorEnv): void {
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
