/**
 * What nano shows: the title bar (winio.c titlebar(): version on the left, the name centred
 * with room kept for the state flags, " *" when modified), the edit window (no soft wrapping:
 * the cursor line scrolls sideways in chunks, get_page_start(), other long lines end in ">"),
 * the status bar ("[ message ]" centred, or the prompt) and the two help lines.
 */
import { clipRow, type Frame, type Row } from "../screen";
import { clipToWidth, displayCol, displayWidth, glyph, charLen } from "../text";
import { bottomBars, helpLines, type Menu } from "./menus";
import { BRANDING, editRows, TABSIZE, type NanoState } from "./state";
import { nanoModified } from "./edit";

const PROMPTS: Record<string, string> = {
  writeout: "File Name to Write",
  "exit-writeout": "File Name to Write",
  goto: "Enter line number, column number",
};

/** The text before the prompt's answer ("Search [last]: " when there was a search). */
export function promptLabel(s: NanoState): string {
  const p = s.prompt;
  if (!p) return "";
  if (p.kind === "search")
    return s.lastSearch ? `Search [${s.lastSearch.length > 30 ? s.lastSearch.slice(0, 30) + "..." : s.lastSearch}]: ` : "Search: ";
  return `${PROMPTS[p.kind]}: `;
}

function titleBar(s: NanoState, title: string | null): Row {
  const cols = s.screen.cols;
  const cells = Array.from({ length: cols }, () => " ");
  const put = (at: number, text: string) => {
    for (let i = 0; i < text.length && at + i < cols; i++) if (at + i >= 0) cells[at + i] = text[i];
  };
  if (title !== null) {
    put(Math.floor((cols - title.length + 1) / 2), title);
    return [{ text: cells.join(""), style: "reverse" }];
  }
  const path = s.name ?? "New Buffer";
  let verlen = BRANDING.length + 3;
  let pathlen = path.length + 1;
  // stateflags: room for "+.xxxxx" on the right
  let statelen = 7 + 2;
  const prefixlen = 0;
  const pluglen = 0;
  if (verlen + prefixlen + pathlen + pluglen + statelen <= cols) put(2, BRANDING);
  else {
    verlen = 2;
    if (verlen + prefixlen + pathlen + pluglen + statelen > cols) {
      verlen = 0;
      statelen -= 2;
    }
  }
  const offset = verlen > 0 ? verlen + Math.floor((cols - (verlen + pluglen + statelen) - (prefixlen + pathlen)) / 2) : 0;
  pathlen = path.length;
  let caption = path;
  if (pathlen + pluglen + statelen > cols) caption = 5 + statelen <= cols ? "..." + path.slice(3 + pathlen - cols + statelen) : "";
  const shown = caption + (nanoModified(s) ? " *" : "");
  put(offset, shown);
  return [{ text: cells.join(""), style: "reverse" }];
}

function statusRow(s: NanoState): { row: Row; cursor: number | null } {
  const cols = s.screen.cols;
  if ((s.mode === "prompt" && s.prompt) || s.mode === "yesno") {
    const label = s.mode === "yesno" ? "Save modified buffer? " : promptLabel(s);
    const answer = s.prompt?.text ?? "";
    const full = label + answer;
    const cur = label.length + (s.prompt?.cursor ?? 0);
    // in cells, not characters: drop characters from the left until the cursor's cell is on screen
    let start = 0;
    while (start < cur && displayWidth(full.slice(start, cur), 8) >= cols) start += charLen(full, start);
    const text = clipToWidth(full.slice(start), cols);
    const width = displayWidth(text, 8);
    return {
      row: [{ text: text + " ".repeat(Math.max(0, cols - width)), style: "reverse" }],
      cursor: displayWidth(full.slice(start, cur), 8),
    };
  }
  if (!s.status) return { row: [], cursor: null };
  const msg = clipToWidth(s.status.text, cols);
  const startCol = Math.floor((cols - displayWidth(msg, 8)) / 2);
  const bracketed = startCol > 1;
  const at = bracketed ? startCol - 2 : startCol;
  const text = bracketed ? `[ ${msg} ]` : msg;
  return {
    row: [
      { text: " ".repeat(at), style: "normal" },
      { text, style: "reverse" },
    ],
    cursor: null,
  };
}

/** nano's get_page_start(): where the cursor line's view starts when the cursor is far right. */
export function pageStart(column: number, width: number): number {
  if (column === 0 || column + 2 < width) return 0;
  if (width > 8) return column - 6 - ((column - 6) % (width - 8));
  return column - (width - 2);
}

function lineRow(text: string, from: number, width: number): string {
  let out = "";
  let v = 0;
  for (let i = 0; i < text.length;) {
    const n = charLen(text, i);
    const g = glyph(text.slice(i, i + n), v, TABSIZE);
    for (let k = 0; k < g.width; k++) {
      const col = v + k;
      if (col >= from && col < from + width) out += g.width === g.text.length ? g.text[k] : k === 0 ? g.text : "";
    }
    v += g.width;
    i += n;
  }
  let row = out;
  if (from > 0) row = "<" + row.slice(1);
  if (v > from + width) row = row.slice(0, width - 1) + ">";
  return row;
}

export function nanoFrame(s: NanoState): Frame {
  const cols = s.screen.cols;
  const rows: Row[] = [];
  const h = editRows(s);
  let cursor = { row: 1, col: 0 };
  if (s.mode === "help" && s.help) {
    const help = helpLines(cols);
    rows.push(titleBar(s, help.title));
    for (let i = 0; i < h; i++) rows.push([{ text: (help.lines[s.help.top + i] ?? "").slice(0, cols), style: "normal" }]);
  } else {
    rows.push(titleBar(s, null));
    for (let i = 0; i < h; i++) {
      const l = s.edittop + i;
      if (l >= s.buf.lines.length) {
        rows.push([]);
        continue;
      }
      const text = s.buf.lines[l];
      const curCol = displayCol(text, s.cursor.col, TABSIZE);
      const from = l === s.cursor.line ? pageStart(curCol, cols) : 0;
      rows.push([{ text: lineRow(text, from, cols), style: "normal" }]);
      if (l === s.cursor.line) cursor = { row: 1 + i, col: curCol - from };
    }
  }
  const status = statusRow(s);
  rows.push(status.row);
  const menu: Menu =
    s.mode === "help"
      ? "help"
      : s.mode === "yesno"
        ? "yesno"
        : s.mode === "prompt" && s.prompt
          ? s.prompt.kind === "exit-writeout"
            ? "writeout"
            : s.prompt.kind
          : "main";
  const [a, b] = bottomBars(menu, cols);
  rows.push(a, b);
  if (status.cursor !== null) cursor = { row: s.screen.rows - 3, col: status.cursor };
  if (s.mode === "help") cursor = { row: 1, col: 0 };
  if (s.mode === "yesno") cursor = { row: s.screen.rows - 3, col: "Save modified buffer? ".length };
  return {
    rows: rows.slice(0, s.screen.rows).map((r) => clipRow(r, cols, (t) => displayWidth(t, TABSIZE))),
    cursor: { row: cursor.row, col: Math.min(cursor.col, cols - 1) },
  };
}

export { displayWidth };
