/**
 * How wide the terminal must be so that output does not wrap. xterm.js cannot scroll one long
 * line sideways (its maintainers leave horizontal scrolling to the embedding page:
 * xtermjs/xterm.js#2544), so in "scroll" mode the panel makes the terminal as many columns wide
 * as its widest line (up to MAX_COLS) and lets its frame scroll sideways, the way kubectl's
 * tables read in a wide terminal. Pure, unit-tested.
 */

/** The widest terminal the panel makes; wider lines wrap. The protocol accepts up to 500. */
export const MAX_COLS = 250;

// CSI (ESC [ params final), OSC (ESC ] … BEL or ESC \), and two-byte escapes (ESC x).
const ESCAPE = /(?:\x1b\[([0-?]*)[ -/]*([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_])/y;

/** Does this output clear the screen or the scrollback (`clear`, Ctrl+L, a reset)? */
export function clearsScreen(chunk: string): boolean {
  return /\x1b\[[23]J|\x1bc/.test(chunk);
}

/**
 * Follows a chunk of output across the columns, starting at column `startCol`: the widest line
 * it reaches and the column where it leaves the cursor (the next chunk starts there; xterm parses
 * writes later, so its own cursor can lag behind what has arrived). CR goes to column 0, LF keeps
 * the column (convertEol is off), backspace and the cursor moves the line editor uses (CSI C, D,
 * G) move it; colours and other sequences take no room. One column per character: enough for the
 * ASCII tables this is for.
 */
export function scanColumns(chunk: string, startCol = 0): { widest: number; col: number } {
  let widest = startCol;
  let col = startCol;
  for (let i = 0; i < chunk.length;) {
    const ch = chunk[i];
    if (ch === "\x1b") {
      ESCAPE.lastIndex = i;
      const m = ESCAPE.exec(chunk);
      if (!m) {
        i++;
        continue;
      }
      const n = Math.max(1, parseInt(m[1] ?? "", 10) || 1);
      if (m[2] === "C") col += n;
      else if (m[2] === "D") col = Math.max(0, col - n);
      else if (m[2] === "G") col = n - 1;
      i += m[0].length;
      continue;
    }
    if (ch === "\r") col = 0;
    else if (ch === "\b") col = Math.max(0, col - 1);
    else if (ch === "\t") col = (Math.floor(col / 8) + 1) * 8;
    else if (ch >= " " && ch !== "\x7f") widest = Math.max(widest, ++col);
    i += ch >= "\ud800" && ch <= "\udbff" ? 2 : 1; // a surrogate pair is one character
  }
  return { widest, col };
}

/** The widest line a chunk reaches from column `startCol` (see scanColumns). */
export function widestLine(chunk: string, startCol = 0): number {
  return scanColumns(chunk, startCol).widest;
}

/** The columns the terminal needs: what its frame fits, or more for a wider line, never more than MAX_COLS. */
export function columnsFor(fitCols: number, widest: number, wrap: boolean): number {
  if (wrap) return fitCols;
  return Math.max(fitCols, Math.min(MAX_COLS, widest));
}
