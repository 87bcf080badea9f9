/**
 * Which line is at the top of the window: a port of vim's update_topline() and the
 * scroll_cursor_top/bot/halfway() it calls (src/move.c, vim 9.0, without folds, diff filler or
 * 'smoothscroll'). Line numbers are 1-based inside this file, as in vim, so the port stays
 * readable next to the original.
 */
import { displayWidth } from "../text";
import { lineCount, scrolloff, windowHeight, type VimState } from "./state";

const MAXCOL = 0x7fffffff;

/** Width of the number column ('numberwidth' 4: at least 3 digits and a space). */
export function numberWidth(s: VimState): number {
  if (!s.opts.number && !s.opts.relativenumber) return 0;
  return Math.max(3, String(lineCount(s)).length) + 1;
}

/** Cells of text per screen row. */
export function textWidth(s: VimState): number {
  return Math.max(1, s.screen.cols - numberWidth(s));
}

/** Screen rows a buffer line takes (vim's plines()); `n` is 1-based. */
export function plines(s: VimState, n: number): number {
  if (!s.opts.wrap) return 1;
  const text = s.buf.lines[n - 1] ?? "";
  let w = s.opts.list ? listWidth(text, s.opts.tabstop) : displayWidth(text, s.opts.tabstop);
  // in insert mode the cursor may sit one cell past the end of the line
  if (n - 1 === s.cursor.line && (s.mode === "insert" || s.mode === "replace") && s.cursor.col >= text.length) w += 1;
  const tw = textWidth(s);
  return Math.max(1, Math.ceil(w / tw));
}

function listWidth(text: string, tabstop: number): number {
  return displayWidth(text.replace(/\t/g, "^I"), tabstop) + 1;
}

interface Off {
  lnum: number;
  height: number;
}

function toplineBack(s: VimState, lp: Off): void {
  lp.lnum--;
  lp.height = lp.lnum < 1 ? MAXCOL : plines(s, lp.lnum);
}

function botlineForw(s: VimState, lp: Off): void {
  lp.lnum++;
  lp.height = lp.lnum > lineCount(s) ? MAXCOL : plines(s, lp.lnum);
}

/** The line just below the window and the number of "~" rows (vim's comp_botline). */
export function botline(s: VimState, topline = s.topline): { botline: number; emptyRows: number } {
  const h = windowHeight(s);
  let done = 0;
  let lnum = topline;
  for (; lnum <= lineCount(s); lnum++) {
    const n = plines(s, lnum);
    if (done + n > h) break;
    done += n;
  }
  const emptyRows = done === 0 ? 0 : lnum <= lineCount(s) ? 0 : h - done;
  return { botline: lnum, emptyRows };
}

function scrollCursorTop(s: VimState, minScroll: number, always: boolean): void {
  const cur = s.cursor.line + 1;
  const off = scrolloff(s);
  const h = windowHeight(s);
  let scrolled = 0;
  let extra = 0;
  let used = plines(s, cur);
  if (cur < s.topline) scrolled = used;
  let top = cur - 1;
  let bot = cur + 1;
  let newTop = top + 1;
  while (top > 0) {
    const i = plines(s, top);
    if (top < s.topline) scrolled += i;
    if ((newTop >= s.topline || scrolled > minScroll) && extra >= off) break;
    used += i;
    if (extra + i <= off && bot < lineCount(s)) used += plines(s, bot);
    if (used > h) break;
    extra += i;
    newTop = top;
    top--;
    bot++;
  }
  if (used > h) scrollCursorHalfway(s, false, false);
  else {
    if (newTop < s.topline || always) s.topline = newTop;
    if (s.topline > cur) s.topline = cur;
  }
}

function scrollCursorBot(s: VimState, minScroll: number): void {
  const cln = s.cursor.line + 1;
  const so = scrolloff(s);
  const h = windowHeight(s);
  const { botline: bl, emptyRows } = botline(s);
  let used = plines(s, cln);
  let scrolled = 0;
  let extra = 0;
  if (cln >= bl) {
    scrolled = used;
    if (cln === bl) scrolled -= emptyRows;
  }
  const loff: Off = { lnum: cln, height: 0 };
  const boff: Off = { lnum: cln, height: 0 };
  while (loff.lnum > 1) {
    if ((((scrolled <= 0 || scrolled >= minScroll) && extra >= so) || boff.lnum + 1 > lineCount(s)) && loff.lnum <= bl) break;
    toplineBack(s, loff);
    used = loff.height === MAXCOL ? MAXCOL : used + loff.height;
    if (used > h) break;
    if (loff.lnum >= bl) {
      scrolled += loff.height;
      if (loff.lnum === bl) scrolled -= emptyRows;
    }
    if (boff.lnum < lineCount(s)) {
      botlineForw(s, boff);
      used += boff.height;
      if (used > h) break;
      if (extra < so || scrolled < minScroll) {
        extra += boff.height;
        if (boff.lnum >= bl) {
          scrolled += boff.height;
          if (boff.lnum === bl) scrolled -= emptyRows;
        }
      }
    }
  }
  let lineCountToScroll: number;
  if (scrolled <= 0) lineCountToScroll = 0;
  else if (used > h) lineCountToScroll = used;
  else {
    lineCountToScroll = 0;
    const b: Off = { lnum: s.topline - 1, height: 0 };
    let i = 0;
    while (i < scrolled && b.lnum < bl) {
      botlineForw(s, b);
      i += b.height;
      lineCountToScroll++;
    }
    if (i < scrolled) lineCountToScroll = 9999;
  }
  if (lineCountToScroll >= h && lineCountToScroll > minScroll) scrollCursorHalfway(s, false, true);
  else if (lineCountToScroll > 0) s.topline = Math.min(lineCount(s), s.topline + lineCountToScroll);
}

export function scrollCursorHalfway(s: VimState, atend: boolean, preferAbove: boolean): void {
  const h = windowHeight(s);
  const loff: Off = { lnum: s.cursor.line + 1, height: 0 };
  const boff: Off = { lnum: s.cursor.line + 1, height: 0 };
  let used = plines(s, loff.lnum);
  let topline = loff.lnum;
  let above = 0;
  let below = 0;
  outer: while (topline > 1) {
    for (let round = 1; round <= 2; round++) {
      if (preferAbove ? round === 2 && below < above : round === 1 && below <= above) {
        if (boff.lnum < lineCount(s)) {
          botlineForw(s, boff);
          used += boff.height;
          if (used > h) break outer;
          below += boff.height;
        } else {
          below++;
          if (atend) used++;
        }
      }
      if (preferAbove ? round === 1 && below >= above : round === 1 && below > above) {
        toplineBack(s, loff);
        used = loff.height === MAXCOL ? MAXCOL : used + loff.height;
        if (used > h) break outer;
        above += loff.height;
        topline = loff.lnum;
      }
    }
  }
  s.topline = topline;
}

function checkTopOffset(s: VimState): boolean {
  const so = scrolloff(s);
  const cur = s.cursor.line + 1;
  if (cur >= s.topline + so) return false;
  const loff: Off = { lnum: cur, height: 0 };
  let n = 0;
  while (n < so) {
    toplineBack(s, loff);
    if (loff.lnum < s.topline) break;
    n += loff.height;
  }
  return n < so;
}

/** Moves the window so the cursor is visible with 'scrolloff' lines of context (vim's update_topline). */
export function updateTopline(s: VimState): void {
  const h = windowHeight(s);
  const so = scrolloff(s);
  const cur = s.cursor.line + 1;
  if (s.topline < 1) s.topline = 1;
  if (s.topline > lineCount(s)) s.topline = lineCount(s);
  if (s.buf.empty) {
    s.topline = 1;
    return;
  }
  let checkTopline = false;
  let checkBotline = false;
  if (s.topline > 1 && (cur < s.topline || checkTopOffset(s))) checkTopline = true;
  if (checkTopline) {
    const halfheight = Math.max(2, Math.floor(h / 2) - 1);
    const n = s.topline + so - cur;
    if (n >= halfheight) scrollCursorHalfway(s, false, false);
    else {
      scrollCursorTop(s, 1, false);
      checkBotline = true;
    }
  } else checkBotline = true;
  if (!checkBotline) return;
  const { botline: bl, emptyRows } = botline(s);
  if (bl > lineCount(s)) return;
  if (cur < bl) {
    if (cur >= bl - so) {
      let n = emptyRows;
      const loff: Off = { lnum: cur, height: 0 };
      while (loff.lnum < bl) {
        n += loff.height;
        if (n >= so) break;
        botlineForw(s, loff);
      }
      if (n >= so) return;
    } else return;
  }
  const lineCountBelow = cur - bl + 1 + so;
  if (lineCountBelow <= h + 1) scrollCursorBot(s, 1);
  else scrollCursorHalfway(s, false, false);
}
