/**
 * The editors' public API, one shape for vim/vi/view and nano: open a file (or none), feed raw
 * terminal input, redraw everything (after a reload), resize. The state is a plain object the
 * caller keeps and persists; every function takes it and the environment, and mutates it.
 * See README.md for how the terminal and the shell hand the screen over to an editor.
 */
import { feedNano, openNano, renderNano, resizeNano } from "./nano/session";
import type { NanoState } from "./nano/state";
import type { EditorEnv, EditorStep } from "./types";
import { feedVim, openVim, renderVim, resizeVim } from "./vim/session";
import type { VimState } from "./vim/state";

export type EditorProgram = "vim" | "vi" | "view" | "nano";
export type EditorState = VimState | NanoState;

export interface OpenEditorOptions {
  program: EditorProgram;
  /** the file argument as the shell expanded it, or null for an unnamed buffer */
  file: string | null;
  /** the shell's working directory and $HOME (names are shown and resolved against them) */
  cwd: string;
  home: string;
  cols: number;
  rows: number;
  /** the largest file the file system takes, in bytes: the buffer may not grow past it */
  maxBytes: number;
  /** "+N" on the command line: start on line N (1-based; past the end means the last line) */
  startLine?: number;
}

/** The smallest screen the editors draw on (the terminal protocol allows 10x2 and up). */
export const MIN_COLS = 10;
export const MIN_ROWS = 4;

function size(cols: number, rows: number): { cols: number; rows: number } {
  const c = Number.isFinite(cols) ? Math.floor(cols) : 80;
  const r = Number.isFinite(rows) ? Math.floor(rows) : 24;
  return { cols: Math.max(MIN_COLS, Math.min(500, c)), rows: Math.max(MIN_ROWS, Math.min(200, r)) };
}

export function openEditor(opts: OpenEditorOptions, env: EditorEnv): { state: EditorState; output: string } {
  const { cols, rows } = size(opts.cols, opts.rows);
  if (opts.program === "nano") {
    const r = openNano({ file: opts.file, cwd: opts.cwd, home: opts.home, cols, rows, maxBytes: opts.maxBytes }, env);
    if (opts.startLine !== undefined) {
      feedNano(r.state, "\x1f", env);
      feedNano(r.state, `${opts.startLine}\r`, env);
      r.state.status = null;
      return { state: r.state, output: renderNano(r.state) };
    }
    return r;
  }
  const r = openVim({ program: opts.program, file: opts.file, cwd: opts.cwd, home: opts.home, cols, rows, maxBytes: opts.maxBytes }, env);
  if (opts.startLine !== undefined) {
    // vim runs "+N" as the command ":N" once the file is read, keeping the file message
    const message = r.state.message;
    feedVim(r.state, `:${Math.max(1, opts.startLine)}\r`, env);
    r.state.message = message;
    return { state: r.state, output: renderVim(r.state) };
  }
  return r;
}

export function feedEditor(state: EditorState, data: string, env: EditorEnv): EditorStep {
  return state.program === "nano" ? feedNano(state, data, env) : feedVim(state, data, env);
}

/** The whole screen, entering the alternate screen: for a tab that attaches or reloads. */
export function renderEditor(state: EditorState): string {
  return state.program === "nano" ? renderNano(state) : renderVim(state);
}

export function resizeEditor(state: EditorState, cols: number, rows: number): string {
  const s = size(cols, rows);
  return state.program === "nano" ? resizeNano(state, s.cols, s.rows) : resizeVim(state, s.cols, s.rows);
}

/** The editor a command name (or $EDITOR / $KUBE_EDITOR value) runs, or null when it is not one of ours. */
export function editorForCommand(command: string): EditorProgram | null {
  const base = command.trim().split(/\s+/)[0]?.replace(/^.*\//, "") ?? "";
  if (base === "vim" || base === "vim.basic" || base === "vim.tiny" || base === "editor") return "vim";
  if (base === "vi") return "vi";
  if (base === "view") return "view";
  if (base === "nano" || base === "pico" || base === "rnano") return "nano";
  return null;
}

export type EditorArgs =
  { ok: true; program: EditorProgram; file: string | null; startLine?: number } | { ok: false; stderr: string; exitCode: number };

/**
 * The command line of `vim`, `vi`, `view` or `nano` as far as this editor honours it: one file,
 * "+N" (and "+" for the last line), vim's -R (read-only, like view) and -n; "--" ends options.
 */
export function parseEditorArgs(program: EditorProgram, args: readonly string[]): EditorArgs {
  let p = program;
  let file: string | null = null;
  let startLine: number | undefined;
  let options = true;
  for (const a of args) {
    if (options && a === "--") options = false;
    else if (options && /^\+\d*$/.test(a)) startLine = a === "+" ? Number.MAX_SAFE_INTEGER : Number(a.slice(1));
    else if (options && p !== "nano" && a === "-R") p = "view";
    else if (options && p !== "nano" && (a === "-n" || a === "-N")) continue;
    else if (options && a.startsWith("-") && a !== "-") {
      const name = p === "view" || p === "vi" ? "vim" : p;
      return { ok: false, stderr: `${name}: the option ${a} is not available in this terminal\n`, exitCode: 1 };
    } else if (file === null) file = a;
    else return { ok: false, stderr: `${p === "nano" ? "nano" : "vim"}: this terminal edits one file at a time\n`, exitCode: 1 };
  }
  return startLine === undefined ? { ok: true, program: p, file } : { ok: true, program: p, file, startLine };
}
