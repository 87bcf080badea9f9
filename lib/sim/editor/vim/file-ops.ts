/**
 * Reading and writing files through the editor's file-system boundary, and quitting, with vim's
 * checks and messages: E32 (no file name), E45 (read-only, `view`), E37 (unsaved changes),
 * E13 (writing over another existing file), E212/E514 (the write failed: permissions, missing
 * directory, no space), E502 (a directory). 'fixeol' is on: a written file ends with a newline.
 */
import { isEmptyBuffer, isModified, markSaved, newBuffer } from "../buffer";
import { resolveEditorPath, displayName } from "../paths";
import { utf8Length } from "../text";
import type { EditorEnv, EditorExit } from "../types";
import { error, setMessage } from "./edit";
import { readMessage, writeMessage } from "./fileinfo";
import { defaultOptions, type VimState } from "./state";

/** The text a write produces for lines [from, to]. */
export function bufferText(s: VimState, from = 0, to = s.buf.lines.length - 1): string {
  if (isEmptyBuffer(s.buf) && from === 0) return "";
  return s.buf.lines.slice(from, to + 1).join("\n") + "\n";
}

const WRITE_ERRORS: Record<string, (name: string) => string> = {
  EISDIR: (n) => `E502: "${n}" is a directory`,
  ENOSPC: (n) => `"${n}" E514: Write error (file system full?)`,
};

/**
 * :w [name], with a range for part of the buffer. Returns false when nothing was written (the
 * error is already the message).
 */
export function writeFile(
  s: VimState,
  env: EditorEnv,
  opts: { name?: string; bang: boolean; from?: number; to?: number; partial: boolean },
): boolean {
  const target = opts.name ? resolveEditorPath(opts.name, s.cwd, s.home) : s.path;
  if (!target) {
    error(s, "E32: No file name");
    return false;
  }
  const toOwnFile = target === s.path || !s.path;
  if (toOwnFile && s.opts.readonly && !opts.bang) {
    error(s, "E45: 'readonly' option is set (add ! to override)");
    return false;
  }
  if (toOwnFile && opts.partial && !opts.bang && s.path) {
    error(s, "E140: Use ! to write partial buffer");
    return false;
  }
  const existing = env.fs.read(target);
  if (!toOwnFile && existing.ok && !opts.bang) {
    error(s, "E13: File exists (add ! to override)");
    return false;
  }
  const name = opts.name ? displayName(opts.name, s.home) : (s.name ?? displayName(target, s.home));
  if (!existing.ok && existing.error === "EISDIR") {
    error(s, WRITE_ERRORS.EISDIR(name));
    return false;
  }
  const text = bufferText(s, opts.from, opts.to);
  const r = env.fs.write(target, text);
  if (!r.ok) {
    error(s, (WRITE_ERRORS[r.error] ?? ((n: string) => `"${n}" E212: Can't open file for writing`))(name));
    return false;
  }
  const lines = text === "" ? 0 : text.split("\n").length - 1;
  const isNew = !existing.ok;
  setMessage(s, writeMessage(name, isNew, lines, utf8Length(text)));
  if (s.message) s.message.display = "trunc-start";
  s.written.push(target);
  if (!s.path) {
    s.path = target;
    s.name = name;
  }
  if (target === s.path && !opts.partial) {
    markSaved(s.buf);
    s.isNew = false;
    s.noeol = false;
  }
  return true;
}

export function quit(s: VimState, how: EditorExit["how"], exitCode = 0): void {
  s.exit = { exitCode, how, written: [...s.written], content: bufferText(s), path: s.path };
}

/** :q — refuses with E37 when the buffer has unsaved changes, unless forced. */
export function quitCommand(s: VimState, bang: boolean): void {
  if (isModified(s.buf) && !bang) {
    error(s, "E37: No write since last change (add ! to override)");
    return;
  }
  quit(s, isModified(s.buf) ? "discarded" : s.path !== null && s.written.includes(s.path) ? "saved" : "unchanged");
}

/** :wq / :x / ZZ. `onlyIfModified` is :x (no write when nothing changed). */
export function writeQuit(s: VimState, env: EditorEnv, bang: boolean, onlyIfModified: boolean, name?: string): void {
  if (onlyIfModified && !isModified(s.buf) && !name) {
    quit(s, s.path !== null && s.written.includes(s.path) ? "saved" : "unchanged");
    return;
  }
  if (!writeFile(s, env, { name, bang, partial: false })) return;
  if (name && isModified(s.buf) && !bang) {
    error(s, "E37: No write since last change (add ! to override)");
    return;
  }
  quit(s, "saved");
}

/** Loads `path` into the session (opening, and :e! to reload). */
export function loadFile(s: VimState, env: EditorEnv, maxSize: number): void {
  if (!s.path) {
    s.buf = newBuffer([], maxSize);
    return;
  }
  const r = env.fs.read(s.path);
  if (!r.ok) {
    s.buf = newBuffer([], maxSize);
    s.isNew = r.error === "ENOENT";
    if (r.error === "EISDIR") setMessage(s, `"${s.name ?? ""}" is a directory`);
    else if (r.error === "EACCES") setMessage(s, `"${s.name ?? ""}" [Permission Denied]`);
    else setMessage(s, readMessage(s, null));
    return;
  }
  const content = r.content;
  s.noeol = content !== "" && !content.endsWith("\n");
  const lines = content === "" ? [] : (s.noeol ? content : content.slice(0, -1)).split("\n");
  s.buf = newBuffer(lines, Math.max(maxSize, content.length + 1));
  s.isNew = false;
  setMessage(s, readMessage(s, r.content));
}

export { defaultOptions };
