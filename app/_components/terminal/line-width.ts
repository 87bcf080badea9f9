/**
 * How wide the terminal must be so that output does not wrap. xterm.js cannot scroll one long
 * line sideways (its maintainers leave horizontal scrolling to the embedding page:
 * xtermjs/xterm.js#2544), so in "scroll" mode the panel makes the terminal as many columns wide
 * as its widest line (up to MAX_COLS) and lets its frame scroll sideways, the way kubectl's
 * tables read in a wide terminal. Pure, unit-tested.
 */

/** The widest terminal the panel makes; wider lines wrap. The protocol accepts up to 500. */
export const MAX_COLS = 250;

// CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), and two-byte escapes (ESC x).
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

/** Does this output clear the screen or the scrollback (`clear`, Ctrl+L, a reset)? */
export function clearsScreen(chunk: string): boolean {
  return /\x1b\[[23]J|\x1bc/.test(chunk);
}

/**
 * The widest line this chunk of output reaches, in columns, when it starts at column
 * `startCol`. Carriage returns go back to column 0; a backspace steps back; other control
 * characters take no room. Characters outside the BMP count once (good enough for the ASCII
 * tables this is for).
 */
export function widestLine(chunk: string, startCol = 0): number {
  let widest = startCol;
  let col = startCol;
  for (const ch of chunk.replace(ESCAPES, "")) {
    if (ch === "\n") col = 0;
    else if (ch === "\r") col = 0;
    else if (ch === "\b") col = Math.max(0, col - 1);
    else if (ch === "\t") col = (Math.floor(col / 8) + 1) * 8;
    else if (ch >= " " && ch !== "\x7f") widest = Math.max(widest, ++col);
  }
  return widest;
}

/** The columns the terminal needs: what its frame fits, or more for a wider line, never more than MAX_COLS. */
export function columnsFor(fitCols: number, widest: number, wrap: boolean): number {
  if (wrap) return fitCols;
  return Math.max(fitCols, Math.min(MAX_COLS, widest));
}
