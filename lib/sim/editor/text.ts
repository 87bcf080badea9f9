/**
 * Character classes and display widths shared by the editors. Columns in the buffer are string
 * indexes; what the screen shows is measured in cells (a tab spans to the next tab stop, a
 * control character shows as ^X, an East Asian wide character takes two cells).
 */

/** vim's class of a character for word motions: 0 blank, 1 punctuation, 2 keyword ('iskeyword' = @,48-57,_,192-255). */
export function charClass(ch: string | undefined): 0 | 1 | 2 {
  if (ch === undefined || ch === " " || ch === "\t" || ch === "") return 0;
  const c = ch.codePointAt(0) ?? 0;
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f) return 2;
  if (c >= 192 && c <= 255 && c !== 0xd7 && c !== 0xf7) return 2;
  if (c > 255) return c === 0x3000 || (c >= 0x2000 && c <= 0x206f) ? 1 : 2;
  return 1;
}

export function isBlank(ch: string | undefined): boolean {
  return ch === " " || ch === "\t";
}

/** True for code points a terminal draws two cells wide (the ranges of wcwidth's East Asian Wide and Fullwidth). */
export function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** How a character is drawn starting at display column `vcol`: the text and its cell count. */
export function glyph(ch: string, vcol: number, tabstop: number): { text: string; width: number } {
  if (ch === "\t") {
    const w = tabstop - (vcol % tabstop);
    return { text: " ".repeat(w), width: w };
  }
  const c = ch.codePointAt(0) ?? 0;
  if (c < 0x20) return { text: "^" + String.fromCharCode(c + 0x40), width: 2 };
  if (c === 0x7f) return { text: "^?", width: 2 };
  if (c >= 0x80 && c < 0xa0) return { text: `<${c.toString(16)}>`, width: 4 };
  return { text: ch, width: isWide(c) ? 2 : 1 };
}

/** Length in UTF-16 units of the character starting at `i` (2 for a surrogate pair). */
export function charLen(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
}

/** Index of the character before `i` (stepping over a surrogate pair). */
export function prevCharIndex(s: string, i: number): number {
  if (i <= 0) return 0;
  const c = s.charCodeAt(i - 1);
  return c >= 0xdc00 && c <= 0xdfff && i >= 2 ? i - 2 : i - 1;
}

/** Display column where the character at index `col` starts. */
export function displayCol(line: string, col: number, tabstop: number): number {
  let v = 0;
  for (let i = 0; i < col && i < line.length;) {
    const n = charLen(line, i);
    v += glyph(line.slice(i, i + n), v, tabstop).width;
    i += n;
  }
  return v;
}

/** Display width of a whole string. */
export function displayWidth(line: string, tabstop: number): number {
  return displayCol(line, line.length, tabstop);
}

/**
 * `text` cut into rows of at most `cols` cells: a character that would straddle the right edge (a
 * wide one in the last cell) starts the next row, and `filler` (vim's messages: ">", message.c
 * screen_puts_mbyte) takes the cell it leaves. Always at least one row.
 */
export function rowsOfWidth(text: string, cols: number, filler = ""): string[] {
  const rows: string[] = [];
  let row = "";
  let used = 0;
  for (let i = 0; i < text.length; i += charLen(text, i)) {
    const ch = text.slice(i, i + charLen(text, i));
    const w = glyph(ch, used, 8).width;
    if (used + w > cols && row) {
      rows.push(used === cols - 1 ? row + filler : row);
      row = "";
      used = 0;
    }
    if (w > cols) continue;
    row += ch;
    used += w;
  }
  rows.push(row);
  return rows;
}

/** The longest start of `text` that fits in `cols` cells. */
export function clipToWidth(text: string, cols: number): string {
  return cols <= 0 ? "" : rowsOfWidth(text, cols)[0];
}

/** Index of the character that covers display column `vcol` (or the line's length when past its end). */
export function colForDisplay(line: string, vcol: number, tabstop: number): number {
  let v = 0;
  for (let i = 0; i < line.length;) {
    const n = charLen(line, i);
    const w = glyph(line.slice(i, i + n), v, tabstop).width;
    if (v + w > vcol) return i;
    v += w;
    i += n;
  }
  return line.length;
}

/** Bytes of `s` in UTF-8 (vim's ruler and file sizes count bytes). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Leading white space of a line, measured in display columns (vim's indent()). */
export function indentOf(line: string, tabstop: number): number {
  const m = /^[ \t]*/.exec(line);
  return displayWidth(m ? m[0] : "", tabstop);
}

/** White space that makes `width` columns of indent: tabs where 'expandtab' is off. */
export function makeIndent(width: number, tabstop: number, expandtab: boolean): string {
  if (width <= 0) return "";
  if (expandtab) return " ".repeat(width);
  return "\t".repeat(Math.floor(width / tabstop)) + " ".repeat(width % tabstop);
}
