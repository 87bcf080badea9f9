/**
 * nano sessions typed into both the real nano 7.2 and the simulator's: the basic keys a
 * candidate uses (typing, arrows, ^K/^U, ^O, ^X with its question, ^W, ^C, ^G), at 80x24 and at
 * a phone's 40x20. As for vim, one message is what one key (or one paste) sends.
 */
import { ctrl, CR } from "./vim-corpus";

export interface NanoScenario {
  name: string;
  file: "deploy" | "pod" | "edit" | "notes" | "newfile";
  messages: string[];
  size?: [number, number];
  /** keys that end the session; default ^X then N (discard) or, unmodified, just ^X */
  closing?: string[];
  screen?: boolean;
}

const X = ctrl("x");
export const SAVE_AND_EXIT = [X, "y", CR];

export const NANO_SCENARIOS: NanoScenario[] = [
  { name: "opening shows the title, [ Read N lines ] and the help lines", file: "deploy", messages: [] },
  { name: "opening at 40x20", file: "deploy", messages: [], size: [40, 20] },
  { name: "a new file says [ New File ]", file: "newfile", messages: [] },
  { name: "typing marks the buffer modified", file: "deploy", messages: ["x", "y"] },
  {
    name: "arrows and typing in the middle",
    file: "deploy",
    messages: ["\x1b[B", "\x1b[B", "\x1b[C", "\x1b[C", "Z"],
    closing: SAVE_AND_EXIT,
  },
  { name: "Enter splits a line", file: "notes", messages: ["\x1b[C", "\x1b[C", CR], closing: SAVE_AND_EXIT },
  { name: "backspace joins lines", file: "notes", messages: ["\x1b[B", "\x7f"], closing: SAVE_AND_EXIT },
  { name: "Del deletes under the cursor", file: "notes", messages: ["\x1b[3~", "\x1b[3~"], closing: SAVE_AND_EXIT },
  { name: "^K cuts a line, the status goes", file: "deploy", messages: [ctrl("k")] },
  {
    name: "^K ^K ^U moves two lines",
    file: "deploy",
    messages: [ctrl("k"), ctrl("k"), "\x1b[B", "\x1b[B", ctrl("u")],
    closing: SAVE_AND_EXIT,
  },
  { name: "^U with an empty cutbuffer", file: "deploy", messages: [ctrl("u")] },
  { name: "^O shows File Name to Write", file: "deploy", messages: ["x", ctrl("o")], closing: [ctrl("c"), X, "n"] },
  { name: "^O Enter writes and says Wrote", file: "deploy", messages: ["x", ctrl("o"), CR], closing: [X] },
  { name: "^O at 40x20", file: "deploy", messages: [ctrl("o")], size: [40, 20], closing: [ctrl("c"), X] },
  { name: "^O ^C cancels", file: "deploy", messages: [ctrl("o"), ctrl("c")], closing: [X] },
  { name: "^X on a modified buffer asks to save", file: "deploy", messages: ["x", X], closing: ["n"] },
  { name: "^X Y Enter saves and exits", file: "pod", messages: ["\x1b[B", ctrl("k"), X, "y", CR], closing: [], screen: false },
  { name: "^X N discards", file: "pod", messages: [ctrl("k"), X, "n"], closing: [], screen: false },
  { name: "^X ^C goes back", file: "pod", messages: [ctrl("k"), X, ctrl("c")] },
  { name: "^W finds text", file: "deploy", messages: [ctrl("w"), "image" + CR] },
  { name: "^W not found", file: "deploy", messages: [ctrl("w"), "zzz" + CR] },
  { name: "^W the only occurrence", file: "deploy", messages: [ctrl("w"), "apiVersion" + CR] },
  { name: "^W wraps", file: "deploy", messages: ["\x1b[F", "\x1b[6~", ctrl("w"), "kind" + CR] },
  { name: "^W again reuses the last search", file: "deploy", messages: [ctrl("w"), "labels" + CR, ctrl("w"), CR] },
  { name: "^W prompt shows the last search", file: "deploy", messages: [ctrl("w"), "app" + CR, ctrl("w")], closing: [ctrl("c"), X] },
  { name: "^C reports the position", file: "deploy", messages: ["\x1b[B", "\x1b[C", ctrl("c")] },
  { name: "PgDn and PgUp", file: "edit", messages: ["\x1b[6~", "\x1b[6~", "\x1b[5~"] },
  { name: "down past the bottom scrolls one line", file: "edit", messages: Array.from({ length: 22 }, () => "\x1b[B") },
  { name: "End on a long line scrolls it sideways", file: "edit", messages: ["\x1b[B", "\x1b[F"] },
  { name: "long lines end in >", file: "edit", messages: [], size: [40, 20] },
  { name: "^G shows the help screen", file: "deploy", messages: [ctrl("g")], closing: [X, X] },
  { name: "^G at 40x20", file: "deploy", messages: [ctrl("g")], size: [40, 20], closing: [X, X] },
  { name: "^G then PgDn", file: "deploy", messages: [ctrl("g"), "\x1b[6~"], closing: [X, X] },
  { name: "^/ goes to a line", file: "edit", messages: [ctrl("_"), "30" + CR] },
  { name: "M-U undoes typing", file: "deploy", messages: ["a", "b", "\x1bu"] },
  { name: "Tab inserts a tab", file: "newfile", messages: ["\t", "x: 1", CR, "y"], closing: SAVE_AND_EXIT },
  {
    name: "typing a manifest into a new file",
    file: "newfile",
    messages: ["apiVersion: v1", CR, "kind: Pod", CR, "metadata:", CR, "  name: web", CR],
    closing: SAVE_AND_EXIT,
  },
];
