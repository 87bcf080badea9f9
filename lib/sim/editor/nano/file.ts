/**
 * Writing nano's buffer (^O, ^S, the write at ^X) and ending the session, with nano's messages:
 * "[ Wrote 24 lines ]", "[ Error writing x: No space left on device ]".
 */
import { markSaved } from "../buffer";
import { resolveEditorPath } from "../paths";
import type { EditorEnv, EditorExit } from "../types";
import { endTyping, say } from "./edit";
import { fileLineCount, type NanoState } from "./state";

/** strerror(3) for the errors the file system reports. */
export const STRERROR: Record<string, string> = {
  ENOENT: "No such file or directory",
  EACCES: "Permission denied",
  ENOSPC: "No space left on device",
  EISDIR: "Is a directory",
  ENOTDIR: "Not a directory",
  EINVAL: "Invalid argument",
};

export function bufferText(s: NanoState): string {
  return s.buf.lines.join("\n");
}

export function finish(s: NanoState, how: EditorExit["how"]): void {
  s.typing = false;
  s.exit = { exitCode: 0, how, written: [...s.written], content: bufferText(s), path: s.path };
}

/** Writes the buffer under `name`; false (with nano's error on the status bar) when it fails. */
export function writeOut(s: NanoState, name: string, env: EditorEnv): boolean {
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
