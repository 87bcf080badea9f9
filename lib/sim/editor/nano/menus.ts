/**
 * nano 7.2's two help lines at the bottom and its ^G help screen, laid out as nano lays them
 * out: as many entries as ((COLS + 40) / 20) * 2 allows, each COLS / ((n + 1) / 2) wide, the key
 * in reverse video, the tag cut to fit (winio.c bottombars(), post_one_key(); global.c
 * shown_entries_for()). The entries are in nano's order for each menu.
 */
import type { Row } from "../screen";
import { HELP_INTRO, HELP_KEYS, HELP_TITLE } from "./help-text";

export type Menu = "main" | "writeout" | "search" | "goto" | "help" | "yesno";

const MENUS: Record<Exclude<Menu, "yesno">, [string, string][]> = {
  main: [
    ["^G", "Help"],
    ["^X", "Exit"],
    ["^O", "Write Out"],
    ["^R", "Read File"],
    ["^W", "Where Is"],
    ["^\\", "Replace"],
    ["^K", "Cut"],
    ["^U", "Paste"],
    ["^T", "Execute"],
    ["^J", "Justify"],
    ["^C", "Location"],
    ["^/", "Go To Line"],
    ["M-U", "Undo"],
    ["M-E", "Redo"],
    ["M-A", "Set Mark"],
    ["M-6", "Copy"],
    ["M-]", "To Bracket"],
    ["^Q", "Where Was"],
    ["M-Q", "Previous"],
    ["M-W", "Next"],
    ["^B", "Back"],
    ["^F", "Forward"],
    ["^◂", "Prev Word"],
    ["^▸", "Next Word"],
  ],
  // the grid leaves out nano's hidden "Discard buffer" entry (no --saveonexit)
  writeout: [
    ["^G", "Help"],
    ["^C", "Cancel"],
    ["M-D", "DOS Format"],
    ["M-M", "Mac Format"],
    ["M-A", "Append"],
    ["M-P", "Prepend"],
    ["M-B", "Backup File"],
    ["^T", "Browse"],
  ],
  search: [
    ["^G", "Help"],
    ["^C", "Cancel"],
    ["M-C", "Case Sens"],
    ["M-R", "Reg.exp."],
    ["M-B", "Backwards"],
    ["^R", "Replace"],
    ["^P", "Older"],
    ["^N", "Newer"],
    ["^T", "Go To Line"],
  ],
  goto: [
    ["^G", "Help"],
    ["^C", "Cancel"],
    ["^Y", "First Line"],
    ["^V", "Last Line"],
    ["^T", "Go To Text"],
  ],
  help: [
    ["^L", "Refresh"],
    ["^X", "Close"],
    ["^W", "Where Is"],
    ["^Q", "Where Was"],
    ["M-Q", "Previous"],
    ["M-W", "Next"],
    ["^P", "Prev Line"],
    ["^N", "Next Line"],
    ["^Y", "Prev Page"],
    ["^V", "Next Page"],
    ["M-\\", "First Line"],
    ["M-/", "Last Line"],
  ],
};

function postOneKey(row: Row, key: string, tag: string, width: number): void {
  row.push({ text: key.slice(0, width), style: "reverse" });
  const rest = width - key.length;
  if (rest < 2) return;
  row.push({ text: " " + tag.slice(0, rest - 1), style: "normal" });
}

function pad(row: Row, to: number): void {
  const used = row.reduce((n, s) => n + s.text.length, 0);
  if (to > used) row.push({ text: " ".repeat(to - used), style: "normal" });
}

/** The two rows of shortcuts for a menu at `cols` columns. */
export function bottomBars(menu: Menu, cols: number): [Row, Row] {
  const rows: [Row, Row] = [[], []];
  if (menu === "yesno") {
    // do_yesno_prompt() draws its own, 16 columns per entry
    postOneKey(rows[0], " Y", "Yes", 16);
    postOneKey(rows[1], " N", "No", 16);
    pad(rows[1], 16);
    postOneKey(rows[1], "^C", "Cancel", 16);
    return rows;
  }
  const all = MENUS[menu];
  const max = Math.floor((cols + 40) / 20) * 2;
  const entries = all.slice(0, max);
  const n = entries.length;
  const itemwidth = Math.floor(cols / Math.floor((n + 1) / 2));
  if (itemwidth === 0) return rows;
  entries.forEach(([key, tag], i) => {
    const row = rows[i % 2];
    pad(row, Math.floor(i / 2) * itemwidth);
    postOneKey(row, key, tag, itemwidth + (i < n - 2 ? 0 : cols % itemwidth));
  });
  return rows;
}

/** Breaks `text` at blanks into pieces of at most `width` columns; each later piece keeps the blank it broke at. */
function breakText(text: string, width: number, keepBlank: boolean): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > width) {
    let cut = -1;
    for (let i = 1; i <= width && i < rest.length; i++) if (rest[i] === " ") cut = i;
    if (cut <= 0) {
      const next = rest.indexOf(" ", 1);
      cut = next === -1 ? rest.length : next;
    }
    // the blank that ends a group of blanks is where the next piece starts
    let end = cut;
    while (end + 1 < rest.length && rest[end + 1] === " ") end++;
    out.push(rest.slice(0, cut).replace(/ +$/, ""));
    rest = keepBlank ? rest.slice(end) : rest.slice(end + 1);
  }
  out.push(rest);
  return out;
}

/** The help screen's lines at `cols` columns (help.c wrap_help_text_into_buffer()). */
export function helpLines(cols: number): { title: string; lines: string[] } {
  const intro = Math.min(74, Math.max(40, cols));
  const lines: string[] = [""];
  HELP_INTRO.forEach((p, i) => {
    if (i > 0) lines.push("");
    lines.push(...breakText(p, intro, true));
  });
  lines.push("");
  const descWidth = cols < 40 ? 22 : cols - 18;
  for (const entry of HELP_KEYS) {
    if (!entry) {
      lines.push("");
      continue;
    }
    const [key, alt, desc] = entry;
    const pieces = breakText(desc, descWidth, false);
    lines.push(key.padEnd(7) + alt.padEnd(10) + pieces[0]);
    for (const p of pieces.slice(1)) lines.push(" ".repeat(19) + p);
  }
  return { title: HELP_TITLE, lines };
}
