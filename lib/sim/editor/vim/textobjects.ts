/**
 * Text objects after an operator or in visual mode: iw aw iW aW (vim's current_word), quotes
 * i" a" i' a' i` a`, blocks i( a( ib ab i{ a{ iB aB i[ a[ i< a<, and paragraphs ip ap.
 */
import type { Pos } from "../pos";
import { bckWord, endWord, fwdWord, matchPair, Walker } from "./motions";
import type { Region } from "./operator";

function backInLine(w: Walker, big: boolean): void {
  const sclass = w.cls(big);
  while (w.col > 0) {
    w.dec();
    if (w.cls(big) !== sclass) {
      w.inc();
      break;
    }
  }
}

export function wordObject(lines: readonly string[], cur: Pos, count: number, include: boolean, big: boolean): Region | null {
  const w = new Walker(lines, cur.line, cur.col);
  let inclusive = true;
  let includeWhite = false;
  backInLine(w, big);
  const start = w.pos;
  if ((w.cls(big) === 0) === include) {
    if (!endWord(w, 1, big, true, true)) return null;
  } else {
    fwdWord(w, 1, big, true);
    if (w.col === 0) {
      // decl(): back to the last character of the previous line
      if (w.dec() === 1 && w.col > 0) w.dec();
    } else w.dec();
    if (include) includeWhite = true;
  }
  count--;
  while (count > 0) {
    inclusive = true;
    if (w.inc() === -1) return null;
    if (include !== (w.cls(big) === 0)) {
      if (!fwdWord(w, 1, big, true) && count > 1) return null;
      if (w.col > 0) w.dec();
      else inclusive = false;
    } else if (!endWord(w, 1, big, true, true)) return null;
    count--;
  }
  let from = start;
  if (includeWhite && (w.cls(big) !== 0 || (w.col === 0 && !inclusive))) {
    const b = new Walker(lines, start.line, start.col);
    if (b.col > 0) {
      b.dec();
      backInLine(b, big);
      if (b.cls(big) === 0 && b.col > 0) from = b.pos;
    }
  }
  return { start: from, end: w.pos, linewise: false, inclusive };
}

export function quoteObject(text: string, line: number, col: number, quote: string, include: boolean): Region | null {
  // quote characters not escaped by a backslash, on this line
  const qs: number[] = [];
  for (let i = 0; i < text.length; i++) if (text[i] === quote && (i === 0 || text[i - 1] !== "\\")) qs.push(i);
  let open = -1;
  let close = -1;
  const at = qs.indexOf(col);
  if (at >= 0) {
    if (at % 2 === 0) {
      open = col;
      close = qs[at + 1] ?? -1;
    } else {
      open = qs[at - 1];
      close = col;
    }
  } else {
    const before = qs.filter((q) => q < col);
    const after = qs.filter((q) => q > col);
    if (before.length % 2 === 1 && after.length) {
      open = before[before.length - 1];
      close = after[0];
    } else if (after.length >= 2) {
      open = after[0];
      close = after[1];
    }
  }
  if (open < 0 || close < 0) return null;
  if (!include) {
    if (close === open + 1) return { start: { line, col: open + 1 }, end: { line, col: open + 1 }, linewise: false, inclusive: false };
    return { start: { line, col: open + 1 }, end: { line, col: close - 1 }, linewise: false, inclusive: true };
  }
  let s = open;
  let e = close;
  const trailing = /^[ \t]+/.exec(text.slice(close + 1));
  if (trailing) e += trailing[0].length;
  else {
    const leading = /[ \t]+$/.exec(text.slice(0, open));
    if (leading && leading.index > 0) s -= leading[0].length;
  }
  return { start: { line, col: s }, end: { line, col: e }, linewise: false, inclusive: true };
}

export function blockObject(
  lines: readonly string[],
  cur: Pos,
  open: string,
  close: string,
  include: boolean,
  count: number,
): Region | null {
  // walk back to the count-th unmatched opening bracket
  let depth = 0;
  let found: Pos | null = null;
  let l = cur.line;
  let c = cur.col;
  if (lines[l][c] === close) c--;
  let need = count;
  outer: for (;;) {
    for (; c >= 0; c--) {
      const ch = lines[l][c];
      if (ch === close && !(l === cur.line && c === cur.col)) depth++;
      else if (ch === open) {
        if (depth === 0) {
          if (--need === 0) {
            found = { line: l, col: c };
            break outer;
          }
        } else depth--;
      }
    }
    l--;
    if (l < 0) break;
    c = lines[l].length - 1;
  }
  if (!found) return null;
  const end = matchPair(lines, found);
  if (!end) return null;
  if (include) return { start: found, end, linewise: false, inclusive: true };
  let start: Pos = { line: found.line, col: found.col + 1 };
  let stop: Pos = { line: end.line, col: end.col - 1 };
  if (start.col >= lines[start.line].length && start.line < end.line) start = { line: start.line + 1, col: 0 };
  const beforeClose = lines[end.line].slice(0, end.col);
  if (end.line > start.line && /^[ \t]*$/.test(beforeClose)) {
    const pl = end.line - 1;
    if (start.col === 0) return { start, end: { line: pl, col: Math.max(0, lines[pl].length - 1) }, linewise: true, inclusive: true };
    stop = { line: pl, col: lines[pl].length - 1 };
  }
  if (stop.line === start.line && stop.col < start.col) return { start, end: start, linewise: false, inclusive: false };
  if (stop.col < 0) return { start, end: { line: stop.line, col: 0 }, linewise: false, inclusive: false };
  return { start, end: stop, linewise: false, inclusive: true };
}

export function paragraphObject(lines: readonly string[], cur: Pos, include: boolean, count: number): Region | null {
  const blank = (l: number) => /^[ \t]*$/.test(lines[l] ?? "");
  let start = cur.line;
  const kind = blank(start);
  while (start > 0 && blank(start - 1) === kind) start--;
  let end = cur.line;
  for (let n = 0; n < count; n++) {
    if (n > 0) {
      if (end + 1 >= lines.length) return null;
      end++;
    }
    const k = blank(end);
    while (end + 1 < lines.length && blank(end + 1) === k) end++;
    if (include && n === count - 1 && !k) {
      if (end + 1 < lines.length && blank(end + 1)) {
        end++;
        while (end + 1 < lines.length && blank(end + 1)) end++;
      } else {
        while (start > 0 && blank(start - 1)) start--;
      }
    }
  }
  return { start: { line: start, col: 0 }, end: { line: end, col: 0 }, linewise: true, inclusive: false };
}

export function textObject(lines: readonly string[], cur: Pos, key: string, count: number): Region | null {
  const include = key[0] === "a";
  const what = key[1];
  switch (what) {
    case "w":
    case "W":
      return wordObject(lines, cur, count, include, what === "W");
    case '"':
    case "'":
    case "`":
      return quoteObject(lines[cur.line], cur.line, cur.col, what, include);
    case "(":
    case ")":
    case "b":
      return blockObject(lines, cur, "(", ")", include, count);
    case "{":
    case "}":
    case "B":
      return blockObject(lines, cur, "{", "}", include, count);
    case "[":
    case "]":
      return blockObject(lines, cur, "[", "]", include, count);
    case "<":
    case ">":
      return blockObject(lines, cur, "<", ">", include, count);
    case "p":
      return paragraphObject(lines, cur, include, count);
    default:
      return null;
  }
}

export { bckWord };
