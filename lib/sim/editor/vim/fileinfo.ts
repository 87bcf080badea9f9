/**
 * File messages worded as vim 9.0 words them with the default 'shortmess' (filnxtToOS):
 * reading `"web.yaml" 12L, 245B`, `"x.yaml" [New]`, `[readonly]` and `[noeol]`; writing
 * `"web.yaml" 12L, 245B written` (src/fileio.c readfile(), src/bufwrite.c buf_write(),
 * msg_add_lines()); CTRL-G `"web.yaml" [Modified] 12 lines --50%--` (src/buffer.c fileinfo()).
 */
import { isEmptyBuffer, isModified } from "../buffer";
import { utf8Length } from "../text";
import type { VimState } from "./state";

export const NO_LINES = "--No lines in buffer--";

/** vim's msg_add_lines() with shortmess "l": "12L, 245B", preceded by a space when flags came before. */
export function linesAndBytes(lines: number, bytes: number, space: boolean): string {
  return `${space ? " " : ""}${lines}L, ${bytes}B`;
}

/** The message after reading a file (or opening a new one). */
export function readMessage(s: VimState, content: string | null): string {
  const name = `"${s.name ?? ""}"`;
  if (content === null) return `${name} [New]`;
  let flags = "";
  if (s.opts.readonly) flags += "[readonly]";
  if (s.noeol) flags += "[noeol]";
  const lines = content === "" ? 0 : content.split("\n").length - (content.endsWith("\n") ? 1 : 0);
  return `${name} ${flags}${linesAndBytes(lines, utf8Length(content), flags !== "")}`;
}

/** The message after writing `lineCount` lines of `bytes` bytes to `name`. */
export function writeMessage(name: string, isNew: boolean, lineCount: number, bytes: number): string {
  const flags = isNew ? "[New]" : "";
  return `"${name}" ${flags}${linesAndBytes(lineCount, bytes, flags !== "")} written`;
}

/** CTRL-G and :file. */
export function fileInfo(s: VimState, ruler: boolean): string {
  const changed = isModified(s.buf);
  let out = `"${s.name ?? "[No Name]"}"`;
  out += changed ? " [Modified]" : " ";
  if (s.isNew) out += "[New]";
  if (s.opts.readonly) out += "[readonly]";
  if (changed || s.isNew || s.opts.readonly) out += " ";
  const n = s.buf.lines.length;
  const pct = Math.floor(((s.cursor.line + 1) * 100) / n);
  if (isEmptyBuffer(s.buf)) return out + NO_LINES;
  if (ruler) return out + `${n} ${n === 1 ? "line" : "lines"} --${pct}%--`;
  return out + `line ${s.cursor.line + 1} of ${n} --${pct}%-- col ${s.cursor.col + 1}`;
}
