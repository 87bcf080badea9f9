/**
 * The state of one vim session: a plain JSON-serialisable object, so the terminal layer can
 * persist it and a reload can redraw the editor exactly as it was (`renderVim`).
 *
 * Defaults are those of vim 9.0 started with no vimrc on a kubeadm Ubuntu node, i.e. with
 * defaults.vim (`vim -u DEFAULTS`, the oracle tests start vim the same way): 'scrolloff' 5,
 * 'ruler', 'showcmd', 'incsearch', 'backspace' indent,eol,start, 'nrformats' without octal, and
 * `filetype plugin indent on`, so a *.yaml/*.yml file gets the yaml ftplugin (shiftwidth=2
 * softtabstop=2 expandtab, comments=:#, formatoptions+=croql) and indent/yaml.vim's
 * indentexpr. 'mouse' is the one default not followed: the browser's own selection is kept.
 */
import type { TextBuffer } from "../buffer";
import type { InputCarry, Key } from "../input";
import type { Pos } from "../pos";
import type { EditorExit, ScreenSize } from "../types";

export type VimProgram = "vim" | "vi" | "view";

export interface VimOptions {
  number: boolean;
  relativenumber: boolean;
  paste: boolean;
  shiftwidth: number;
  tabstop: number;
  softtabstop: number;
  expandtab: boolean;
  autoindent: boolean;
  /** "GetYAMLIndent(v:lnum)" for yaml files, "" otherwise (the only indent expression emulated) */
  indentexpr: string;
  indentkeys: string;
  formatoptions: string;
  /** the comment leader 'comments' gives (":#" for yaml → "#"); "" when none is emulated */
  commentLeader: string;
  ignorecase: boolean;
  smartcase: boolean;
  hlsearch: boolean;
  incsearch: boolean;
  wrapscan: boolean;
  list: boolean;
  wrap: boolean;
  ruler: boolean;
  showcmd: boolean;
  showmode: boolean;
  scrolloff: number;
  readonly: boolean;
  modifiable: boolean;
  filetype: string;
  /** values 'paste' overrides, restored by :set nopaste */
  beforePaste: { autoindent: boolean; expandtab: boolean; ruler: boolean; softtabstop: number } | null;
}

export type VimMode = "normal" | "insert" | "replace" | "visual" | "cmdline" | "hitenter";

export interface Register {
  text: string;
  linewise: boolean;
}

export interface InsertSession {
  /** the command that started it: repeated with a count at <Esc> */
  command: "i" | "a" | "I" | "A" | "o" | "O" | "c" | "s" | "R" | "gI";
  count: number;
  /** keys typed since the insert started (for the count and for ".") */
  typed: Key[];
  /** where typing started on the line: backspace=start lets <BS> go further, <C-u> stops here first */
  start: Pos;
  /** the line's indent was put there automatically and goes again if nothing is typed (vim's did_ai) */
  autoIndented: boolean;
  /** replace mode: the original text of each line touched, so <BS> can restore it */
  replaced: Record<number, string>;
  /** an arrow key moved the cursor: "." now repeats only what is typed after it */
  restarted: boolean;
  /** vim's can_cindent: typing a space or <BS> in the indent stops 'indentkeys' re-indenting */
  canCindent: boolean;
  /** vim's inserted_space: <BS> then deletes one space, not a 'softtabstop' */
  insertedSpace: boolean;
  /** <C-v> was typed: the next key goes in literally */
  literalNext: boolean;
  /** <C-r> was typed: the next key names a register to insert */
  registerNext: boolean;
}

export interface CmdlineState {
  kind: ":" | "/" | "?";
  text: string;
  cursor: number;
  /** where the cursor was when the line was opened (incsearch moves it back on <Esc>) */
  origin: Pos;
  originTop: number;
  /** index into history while browsing with <Up>/<Down> */
  historyIndex: number;
  /** what an operator is waiting for: "d/foo<CR>" */
  operator: string | null;
  /** <C-r> was typed: the next key names a register to insert */
  registerNext: boolean;
  /** 'incsearch': where the pattern typed so far matches */
  match: { start: Pos; end: Pos } | null;
  /** what was typed before browsing history (history recall matches it as a prefix) */
  typedPrefix?: string;
}

export interface VimMessage {
  text: string;
  kind: "info" | "error" | "warning";
  /**
   * How a message too long for the last row is shown: "trunc" cut in the middle with "..."
   * (normal-mode messages, 'shortmess' T), "trunc-start" cut at the start with "<" (file
   * messages, 't'), "full" in full with the hit-enter prompt (errors and ex command output).
   */
  display?: "trunc" | "trunc-start" | "full";
  /** the command line or search pattern echoed after <CR>: screen scrolling in the same command clears it */
  echo?: boolean;
}

export interface VimState {
  program: "vim";
  invokedAs: VimProgram;
  /** absolute path, or null for a buffer without a name */
  path: string | null;
  /** the name vim shows: as given on the command line, $HOME shown as "~" */
  name: string | null;
  /** the shell's working directory and $HOME when the editor started (for :w name) */
  cwd: string;
  home: string;
  /** the file did not exist when opened (until it is first written) */
  isNew: boolean;
  /** the last line had no newline ([noeol]); vim's 'fixeol' adds it on write */
  noeol: boolean;
  buf: TextBuffer;
  cursor: Pos;
  /** display column "j"/"k" aim for; -1 after "$" (end of every line) */
  curswant: number;
  topline: number;
  mode: VimMode;
  visual: { kind: "char" | "line"; anchor: Pos } | null;
  /** keys of a normal-mode command not complete yet (showcmd shows them) */
  pending: Key[];
  cmdline: CmdlineState | null;
  /** the mode the command line returns to ("/" in visual mode extends the selection) */
  prevMode: "normal" | "visual" | null;
  insert: InsertSession | null;
  message: VimMessage | null;
  /** lines waiting at the hit-enter prompt ("Press ENTER or type command to continue") */
  hitEnter: { lines: VimMessage[]; scrolled: number } | null;
  registers: Record<string, Register>;
  lastSearch: { pattern: string; forward: boolean; offsetLine: boolean } | null;
  lastSubstitute: { pattern: string; replacement: string; flags: string } | null;
  lastFind: { command: "f" | "F" | "t" | "T"; char: string } | null;
  /** the last repeatable change for "." */
  dot: { keys: Key[]; count: number } | null;
  /** keys of the change being made, becoming `dot` when it completes */
  recording: Key[] | null;
  history: { cmd: string[]; search: string[] };
  /** marks '< and '> of the last visual selection, and a-z */
  marks: Record<string, Pos>;
  lastVisual: { kind: "char" | "line"; start: Pos; end: Pos } | null;
  opts: VimOptions;
  screen: ScreenSize;
  carry: InputCarry;
  /** the rows last sent to the terminal, for incremental redraw */
  drawn: string[] | null;
  exit: EditorExit | null;
  /** paths written during the session */
  written: string[];
}

/** Options for a file, as defaults.vim and the filetype plugins set them. */
export function defaultOptions(path: string | null, readonly: boolean): VimOptions {
  const yaml = !!path && /\.ya?ml$/i.test(path);
  return {
    number: false,
    relativenumber: false,
    paste: false,
    shiftwidth: yaml ? 2 : 8,
    tabstop: 8,
    softtabstop: yaml ? 2 : 0,
    expandtab: yaml,
    autoindent: false,
    indentexpr: yaml ? "GetYAMLIndent(v:lnum)" : "",
    indentkeys: yaml ? "!^F,o,O,0#,0},0],<:>,0-" : "0{,0},0),0],:,0#,!^F,o,O,e",
    formatoptions: yaml ? "cqrol" : "tcq",
    commentLeader: yaml ? "#" : "",
    ignorecase: false,
    smartcase: false,
    hlsearch: false,
    incsearch: true,
    wrapscan: true,
    list: false,
    wrap: true,
    ruler: true,
    showcmd: true,
    showmode: true,
    scrolloff: 5,
    readonly,
    modifiable: true,
    filetype: yaml ? "yaml" : "",
    beforePaste: null,
  };
}

/** Window height: the screen minus the command line (one window, no status line). */
export function windowHeight(s: VimState): number {
  return Math.max(1, s.screen.rows - 1);
}

export function line(s: VimState, n = s.cursor.line): string {
  return s.buf.lines[n] ?? "";
}

export function lineCount(s: VimState): number {
  return s.buf.lines.length;
}

/** 'scrolloff' as vim applies it: at most half the window. */
export function scrolloff(s: VimState): number {
  return Math.min(s.opts.scrolloff, Math.floor((windowHeight(s) - 1) / 2));
}

/** 'softtabstop' as used: negative means 'shiftwidth'; 'paste' makes it 0. */
export function effectiveSts(s: VimState): number {
  if (s.opts.paste) return 0;
  return s.opts.softtabstop < 0 ? s.opts.shiftwidth : s.opts.softtabstop;
}

/** 'shiftwidth' as used: 0 means 'tabstop'. */
export function shiftwidth(s: VimState): number {
  return s.opts.shiftwidth || s.opts.tabstop;
}
