/**
 * Operators on a region (vim's do_pending_operator and op_delete, op_yank, op_change, op_shift,
 * op_reindent, op_tilde, do_join, do_put): the region's start becomes the cursor, an exclusive
 * motion ending in column 0 is pulled back to the previous line (or made linewise when it started
 * in the indent), and the messages appear when more than 'report' (2) lines are involved.
 */
import { firstNonBlank } from "../buffer";
import type { Pos } from "../pos";
import { charLen, prevCharIndex } from "../text";
import {
  changeLine,
  changeLines,
  clampCursor,
  deleteBetween,
  error,
  plural,
  REPORT,
  reportLines,
  setMessage,
  storeRegister,
  textBetween,
  updateCurswant,
} from "./edit";
import { exprIndent, setIndent, shiftLine } from "./indent";
import { line, lineCount, type Register, type VimState } from "./state";

export type Operator = "d" | "c" | "y" | ">" | "<" | "=" | "g~" | "gu" | "gU" | "J" | "gJ";

export interface Region {
  start: Pos;
  end: Pos;
  linewise: boolean;
  inclusive: boolean;
  /** the motion puts deletes in "1 even within a line (%, (, ), `, /, ?, n, N, {, }) */
  useRegOne?: boolean;
  visual?: boolean;
}

/** vim's adjustment of an exclusive region that ends in column 0 (":help exclusive"). */
export function adjustExclusive(s: VimState, r: Region): Region {
  if (r.linewise || r.inclusive || r.visual || r.end.col !== 0 || r.end.line <= r.start.line) return r;
  const endLine = r.end.line - 1;
  const startInIndent = /^[ \t]*$/.test(line(s, r.start.line).slice(0, r.start.col));
  if (startInIndent) return { ...r, end: { line: endLine, col: 0 }, linewise: true };
  const len = line(s, endLine).length;
  if (len === 0) return { ...r, end: { line: endLine, col: 0 } };
  return { ...r, end: { line: endLine, col: prevCharIndex(line(s, endLine), len) }, inclusive: true };
}

function linesOf(s: VimState, r: Region): string[] {
  return s.buf.lines.slice(r.start.line, r.end.line + 1);
}

function registerText(s: VimState, r: Region): Register {
  if (r.linewise) return { text: linesOf(s, r).join("\n"), linewise: true };
  return { text: textBetween(s, r.start, r.end, r.inclusive), linewise: false };
}

/** True when a characterwise region is empty (exclusive, start == end). */
function isEmpty(r: Region): boolean {
  return !r.linewise && !r.inclusive && r.start.line === r.end.line && r.start.col === r.end.col;
}

export function yank(s: VimState, r: Region, reg: string | null, quiet = false): void {
  let region = r;
  // from column 0 to column 0 of a later line, exclusive: the yank is linewise
  if (!r.linewise && !r.inclusive && !r.visual && r.start.col === 0 && r.end.col === 0 && r.end.line > r.start.line) {
    region = { ...r, linewise: true, end: { line: r.end.line - 1, col: 0 } };
  }
  storeRegister(s, reg, registerText(s, region), "yank");
  s.cursor = { ...r.start };
  if (r.linewise && !r.visual) s.cursor.col = Math.min(s.cursor.col, Math.max(0, line(s).length - 1));
  clampCursor(s, false);
  if (quiet) return;
  let yanklines = region.end.line - region.start.line + 1;
  if (!region.linewise && yanklines === 1) yanklines = 0;
  if (yanklines > REPORT) {
    const into = reg && reg !== '"' ? ` into "${reg}` : "";
    setMessage(s, plural(yanklines, "%ld line yanked", "%ld lines yanked") + into);
  }
}

export function del(s: VimState, r0: Region, reg: string | null, op: "d" | "c"): boolean {
  let r = r0;
  const before = lineCount(s);
  if (op === "d" && !r.linewise && !r.visual && r.end.line > r.start.line) {
    // vi's oddity: a multi-line delete that would leave a blank line becomes linewise
    const endText = line(s, r.end.line);
    const rest = endText.slice(r.end.col + (r.end.col < endText.length && r.inclusive ? 1 : 0));
    const inIndent = /^[ \t]*$/.test(line(s, r.start.line).slice(0, r.start.col));
    if (/^[ \t]*$/.test(rest) && inIndent) r = { ...r, linewise: true };
  }
  if (!r.linewise && r.start.line === r.end.line && line(s, r.start.line) === "" && op === "d") return true;
  if (isEmpty(r)) {
    s.cursor = { ...r.start };
    return true;
  }
  const text = registerText(s, r);
  storeRegister(s, reg, text, "delete", r.useRegOne || r.end.line > r.start.line);
  if (r.linewise) {
    if (op === "c") {
      if (r.end.line > r.start.line && !changeLines(s, r.start.line + 1, r.end.line - r.start.line, [])) return false;
      const keep = s.opts.autoindent ? (/^[ \t]*/.exec(line(s, r.start.line))?.[0] ?? "") : "";
      if (!changeLine(s, r.start.line, keep)) return false;
      s.cursor = { line: r.start.line, col: keep.length };
      // op_change() then fix_indent(): 'indentexpr' indents the emptied line
      const amount = exprIndent(s, r.start.line);
      if (amount !== null && amount > 0) s.cursor.col += setIndent(s, r.start.line, amount);
    } else {
      if (!changeLines(s, r.start.line, r.end.line - r.start.line + 1, [])) return false;
      const l = Math.min(r.start.line, lineCount(s) - 1);
      s.cursor = { line: l, col: firstNonBlank(line(s, l)) };
    }
  } else {
    if (!deleteBetween(s, r.start, r.end, r.inclusive)) return false;
    s.cursor = { ...r.start };
    if (op === "d") clampCursor(s, false);
  }
  reportLines(s, lineCount(s) - before);
  return true;
}

/** ">" and "<": `amount` shiftwidths (a count in visual mode), empty lines untouched. */
export function shift(s: VimState, r: Region, left: boolean, amount: number): void {
  for (let l = r.start.line; l <= r.end.line; l++) shiftLine(s, l, left, amount);
  s.cursor = { line: r.start.line, col: firstNonBlank(line(s, r.start.line)) };
  const n = r.end.line - r.start.line + 1;
  if (n > REPORT) {
    const times = plural(amount, "%ld time", "%ld times");
    setMessage(s, `${plural(n, "%ld line", "%ld lines")} ${left ? "<" : ">"}ed ${times}`);
  }
}

/** "=": each line gets the indent 'indentexpr' computes; blank lines become empty. */
export function reindent(s: VimState, r: Region): void {
  for (let l = r.start.line; l <= r.end.line; l++) {
    if (/^[ \t]*$/.test(line(s, l))) {
      changeLine(s, l, "");
      continue;
    }
    const amount = exprIndent(s, l) ?? (l > 0 ? (/^[ \t]*/.exec(line(s, l - 1))?.[0].length ?? 0) : 0);
    setIndent(s, l, amount);
  }
  s.cursor = { line: r.start.line, col: firstNonBlank(line(s, r.start.line)) };
  const n = r.end.line - r.start.line + 1;
  if (n > REPORT) setMessage(s, plural(n, "%ld line indented ", "%ld lines indented "));
}

/** "~" in visual mode, "g~", "gu", "gU". */
export function changeCase(s: VimState, r: Region, op: "g~" | "gu" | "gU"): void {
  const conv = (t: string) =>
    op === "gu"
      ? t.toLowerCase()
      : op === "gU"
        ? t.toUpperCase()
        : [...t].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("");
  for (let l = r.start.line; l <= r.end.line; l++) {
    const text = line(s, l);
    const from = r.linewise || l > r.start.line ? 0 : r.start.col;
    const to = r.linewise || l < r.end.line ? text.length : Math.min(text.length, r.end.col + (r.inclusive ? charLen(text, r.end.col) : 0));
    changeLine(s, l, text.slice(0, from) + conv(text.slice(from, to)) + text.slice(to));
  }
  s.cursor = r.linewise ? { line: r.start.line, col: s.cursor.line === r.start.line ? s.cursor.col : 0 } : { ...r.start };
  const n = r.end.line - r.start.line + 1;
  if (n > REPORT) setMessage(s, plural(n, "%ld line changed", "%ld lines changed"));
}

/** "J" (with spaces, 'joinspaces' on as in vim 9.0) and "gJ" over `count` lines (at least 2). */
export function join(s: VimState, from: number, count: number, spaces: boolean): boolean {
  const n = Math.max(2, count);
  if (from + n - 1 > lineCount(s) - 1) return false;
  let result = line(s, from);
  let col = 0;
  for (let t = 1; t < n; t++) {
    let curr = line(s, from + t);
    let added = 0;
    if (spaces) {
      curr = curr.replace(/^[ \t]+/, "");
      const end1 = result[result.length - 1];
      if (curr !== "" && curr[0] !== ")" && result.length !== 0 && end1 !== "\t") {
        if (end1 !== " ") added++;
        const endc = end1 === " " ? result[result.length - 2] : end1;
        if (endc === "." || endc === "?" || endc === "!") added++;
      }
    }
    col = result.length;
    result += " ".repeat(added) + curr;
  }
  if (!changeLines(s, from, n, [result])) return false;
  s.cursor = { line: from, col };
  clampCursor(s, false);
  updateCurswant(s);
  return true;
}

/** "p"/"P" with a count: characterwise text after/before the cursor, or whole lines below/above. */
export function put(s: VimState, reg: Register | null, regName: string | null, after: boolean, count: number): void {
  if (!reg) {
    error(s, `E353: Nothing in register ${regName ?? '"'}`);
    return;
  }
  const n = Math.max(1, count);
  if (reg.linewise) {
    const lines = reg.text.split("\n");
    const all: string[] = [];
    for (let i = 0; i < n; i++) for (const l of lines) all.push(l);
    const at = after ? s.cursor.line + 1 : s.cursor.line;
    if (!changeLines(s, at, 0, all)) return;
    s.cursor = { line: at, col: firstNonBlank(line(s, at)) };
    reportLines(s, all.length);
    updateCurswant(s);
    return;
  }
  const text = reg.text.repeat(n);
  const cur = line(s);
  const col = after && cur.length > 0 ? s.cursor.col + charLen(cur, s.cursor.col) : s.cursor.col;
  const parts = text.split("\n");
  if (parts.length === 1) {
    if (!changeLine(s, s.cursor.line, cur.slice(0, col) + text + cur.slice(col))) return;
    s.cursor.col = col + text.length - 1;
    if (text.length === 0) s.cursor.col = col;
  } else {
    const lines = [cur.slice(0, col) + parts[0], ...parts.slice(1, -1), parts[parts.length - 1] + cur.slice(col)];
    if (!changeLines(s, s.cursor.line, 1, lines)) return;
    s.cursor = { line: s.cursor.line, col };
    reportLines(s, lines.length - 1);
  }
  clampCursor(s, false);
  updateCurswant(s);
}

export function rangeLines(r: Region): number {
  return r.end.line - r.start.line + 1;
}
