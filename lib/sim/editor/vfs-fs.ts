/**
 * The simulator's file system as an EditorFs: reads and writes go through the Vfs, so a write
 * is journalled like any command's, and it is refused when it would pass the file system's size
 * or node limits (ENOSPC, which vim words as E514 and nano as "No space left on device").
 */
import type { Vfs } from "../fs/vfs";
import type { EditorFs, EditorFsError } from "./types";

function editorError(e: string): EditorFsError {
  return e === "ENOENT" || e === "EISDIR" || e === "ENOTDIR" || e === "ENOSPC" ? e : "EINVAL";
}

export function editorFsFromVfs(vfs: Vfs): EditorFs {
  return {
    read(path) {
      const r = vfs.readFile(path);
      return r.ok ? { ok: true, content: r.value } : { ok: false, error: editorError(r.error) };
    },
    write(path, content) {
      const r = vfs.writeFile(path, content);
      return r.ok ? { ok: true } : { ok: false, error: editorError(r.error) };
    },
  };
}
