/**
 * The editors' boundary with the rest of the simulator: the file system they read and write
 * through, the size of the terminal, and what a caller learns when an editor exits.
 */

export interface ScreenSize {
  cols: number;
  rows: number;
}

/** Why a read failed, as errno names (the VFS's FsError plus EACCES for permissions). */
export type EditorFsError = "ENOENT" | "EISDIR" | "ENOTDIR" | "EACCES" | "ENOSPC" | "EINVAL";

export type EditorReadResult = { ok: true; content: string } | { ok: false; error: EditorFsError };
export type EditorWriteResult = { ok: true } | { ok: false; error: EditorFsError };

/**
 * What an editor may do to files. The simulator's VFS implements it (paths are absolute and
 * normalised), so a write is subject to the VFS's permissions and size limits; `kubectl edit`
 * can implement it over its temporary file.
 */
export interface EditorFs {
  read(path: string): EditorReadResult;
  write(path: string, content: string): EditorWriteResult;
}

/** Everything an editor needs from its surroundings on each call. */
export interface EditorEnv {
  fs: EditorFs;
  /** cluster clock, epoch ms (undo messages say "N seconds ago") */
  now: number;
}

/** What the caller learns when the editor exits. */
export interface EditorExit {
  /** the program's exit status: 0, or 1 after vim's :cq */
  exitCode: number;
  /** how it ended: written and quit (:wq, :x, ZZ, nano ^X then Y), quit with nothing to save, or quit discarding changes (:q!, ^X then N) */
  how: "saved" | "unchanged" | "discarded";
  /** every path written during the session, in order (a `:w other.yaml` included) */
  written: string[];
  /** the buffer's text at exit, as it would be written */
  content: string;
  /** the file the editor had open (absolute), or null for a buffer without a name */
  path: string | null;
}

/** Result of feeding input to an editor. */
export interface EditorStep {
  /** terminal output (ANSI) to send */
  output: string;
  /** set once, when the editor has exited; the output then leaves the alternate screen */
  exit?: EditorExit;
}
