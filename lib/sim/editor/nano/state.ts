/**
 * The state of one nano session, plain and JSON-serialisable like vim's. Defaults are nano 7.2's
 * with the nanorc Debian and Ubuntu install (/etc/nanorc: `set stateflags`, so a modified buffer
 * shows " *" after the file name, and `set locking`, whose lock file this editor does not
 * write). The buffer always ends with nano's empty "magic line", so a written file ends with a
 * newline.
 */
import type { TextBuffer } from "../buffer";
import type { InputCarry } from "../input";
import type { Pos } from "../pos";
import type { EditorExit, ScreenSize } from "../types";

export type NanoPromptKind = "writeout" | "exit-writeout" | "search" | "goto";

export interface NanoPrompt {
  kind: NanoPromptKind;
  text: string;
  cursor: number;
}

export interface NanoStatus {
  text: string;
  /** a message goes at the 20th keystroke after it (nano 7.2; older nanos counted 26, as Pico) */
  kind: "hush" | "alert";
  keystrokesLeft: number;
}

export interface NanoState {
  program: "nano";
  path: string | null;
  /** the name as given (shown in the title bar and the write prompt) */
  name: string | null;
  cwd: string;
  home: string;
  buf: TextBuffer;
  /** the yaml syntax (/usr/share/nano/yaml.nanorc) makes <Tab> give two spaces */
  tabgives: string;
  cursor: Pos;
  /** the display column up/down aim for (nano's placewewant) */
  wantCol: number;
  /** first line shown in the edit window */
  edittop: number;
  mode: "edit" | "prompt" | "yesno" | "help";
  prompt: NanoPrompt | null;
  status: NanoStatus | null;
  /** lines cut with ^K; consecutive cuts add to it */
  cutbuffer: string[] | null;
  lastWasCut: boolean;
  lastSearch: string;
  /** an <Esc> arrived alone: the next key is a Meta key */
  escPending: boolean;
  /** the typing being grouped into one undo step (nano's ADD items) */
  typing: boolean;
  help: { top: number } | null;
  screen: ScreenSize;
  carry: InputCarry;
  drawn: string[] | null;
  exit: EditorExit | null;
  written: string[];
}

export const BRANDING = "GNU nano 7.2";
export const TABSIZE = 8;

/** Rows of the edit window: everything but the title bar, the status bar and the two help lines. */
export function editRows(s: NanoState): number {
  return Math.max(1, s.screen.rows - 4);
}

/** The file's lines without the magic line (what "Read/Wrote N lines" counts). */
export function fileLineCount(s: NanoState): number {
  return s.buf.lines.length - 1;
}
