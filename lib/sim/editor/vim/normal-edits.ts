/**
 * Normal-mode commands that change text in place or move the window rather than act through an
 * operator: r, ~, CTRL-A/CTRL-X, the scrolling keys (CTRL-D/U/F/B/E/Y, PgUp/PgDn) and zz/zt/zb.
 */
import { beginChange, endChange, firstNonBlank } from "../buffer";
import type { Key } from "../input";
import { charLen, prevCharIndex } from "../text";
import { changeLine, changeLines, clampCursor, updateCurswant } from "./edit";
import type { VimEnv } from "./env";
import { botline, scrollCursorHalfway } from "./scroll";
import { line, lineCount, scrolloff, windowHeight, type VimState } from "./state";

/** Closes the change a command made and remembers its keys for ".". */
export function finishChange(s: VimState, env: VimEnv, keys: Key[]): void {
  endChange(s.buf, env.now);
  s.dot = { keys, count: 0 };
}

export function replaceChars(s: VimState, count: number, ch: string, env: VimEnv, keys: Key[]): void {
  const text = line(s);
  let end = s.cursor.col;
  for (let i = 0; i < count; i++) {
    if (end >= text.length) return;
    end += charLen(text, end);
  }
  beginChange(s.buf);
  if (ch === "<CR>" || ch === "<NL>") {
    changeLines(s, s.cursor.line, 1, [text.slice(0, s.cursor.col), text.slice(end).replace(/^[ \t]+/, "")]);
    s.cursor = { line: s.cursor.line + 1, col: 0 };
  } else {
    const c = ch === "<Tab>" ? "\t" : ch;
    if (c.length > 2 && c.startsWith("<")) {
      endChange(s.buf, env.now);
      return;
    }
    changeLine(s, s.cursor.line, text.slice(0, s.cursor.col) + c.repeat(count) + text.slice(end));
    s.cursor.col += c.length * count - c.length;
  }
  finishChange(s, env, keys);
  updateCurswant(s);
}

export function toggleCase(s: VimState, count: number, env: VimEnv, keys: Key[]): void {
  const text = line(s);
  if (!text.length) return;
  let end = s.cursor.col;
  for (let i = 0; i < count && end < text.length; i++) end += charLen(text, end);
  const part = [...text.slice(s.cursor.col, end)].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("");
  beginChange(s.buf);
  changeLine(s, s.cursor.line, text.slice(0, s.cursor.col) + part + text.slice(end));
  s.cursor.col = end >= text.length ? prevCharIndex(text, text.length) : end;
  finishChange(s, env, keys);
  updateCurswant(s);
}

/** <C-a>/<C-x>: the first number at or after the cursor ('nrformats' bin,hex as in defaults.vim). */
export function increment(s: VimState, delta: number, env: VimEnv, keys: Key[]): void {
  const text = line(s);
  const re = /0[xX][0-9a-fA-F]+|0[bB][01]+|-?\d+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m.index + m[0].length > s.cursor.col) break;
  }
  if (!m) return;
  let start = m.index;
  let numText = m[0];
  // a "-" counts only when the cursor is not past it on a word character
  if (numText.startsWith("-") && start > 0 && /\w/.test(text[start - 1])) {
    start++;
    numText = numText.slice(1);
  }
  let fresh: string;
  if (/^0[xX]/.test(numText)) {
    const v = (BigInt(numText) + BigInt(delta)) & BigInt("0xffffffffffffffff");
    const digits = v.toString(16).padStart(numText.length - 2, "0");
    fresh = numText.slice(0, 2) + (/[A-F]/.test(numText) ? digits.toUpperCase() : digits);
  } else if (/^0[bB]/.test(numText)) {
    const v = BigInt(numText) + BigInt(delta);
    fresh = numText.slice(0, 2) + (v < 0n ? 0n : v).toString(2).padStart(numText.length - 2, "0");
  } else fresh = String(BigInt(numText) + BigInt(delta));
  beginChange(s.buf);
  changeLine(s, s.cursor.line, text.slice(0, start) + fresh + text.slice(start + numText.length));
  s.cursor.col = start + fresh.length - 1;
  finishChange(s, env, keys);
  updateCurswant(s);
}

export function scroll(s: VimState, key: string, count: number | null): void {
  const h = windowHeight(s);
  const n = lineCount(s);
  const so = scrolloff(s);
  switch (key) {
    case "<C-d>":
    case "<C-u>": {
      const amount = count ?? Math.max(1, Math.floor(h / 2));
      const dir = key === "<C-d>" ? 1 : -1;
      if ((dir > 0 && s.cursor.line >= n - 1) || (dir < 0 && s.cursor.line === 0)) return;
      s.topline = Math.max(1, Math.min(n, s.topline + dir * amount));
      const l = Math.max(0, Math.min(n - 1, s.cursor.line + dir * amount));
      s.cursor = { line: l, col: firstNonBlank(line(s, l)) };
      break;
    }
    case "<C-f>":
    case "<PageDown>": {
      for (let i = 0; i < (count ?? 1); i++) {
        const { botline: bl } = botline(s);
        s.topline = Math.min(n, Math.max(s.topline + 1, bl - 2));
      }
      const l = Math.min(n - 1, Math.max(s.cursor.line, s.topline - 1 + (s.topline > 1 ? so : 0)));
      s.cursor = { line: l, col: firstNonBlank(line(s, l)) };
      break;
    }
    case "<C-b>":
    case "<PageUp>": {
      for (let i = 0; i < (count ?? 1); i++) s.topline = Math.max(1, s.topline - (h - 2));
      const { botline: bl } = botline(s);
      const l = Math.max(0, Math.min(s.cursor.line, bl - 2 - (bl <= n ? so : 0)));
      s.cursor = { line: l, col: firstNonBlank(line(s, l)) };
      break;
    }
    case "<C-e>":
    case "<C-y>": {
      s.topline = Math.max(1, Math.min(n, s.topline + (key === "<C-e>" ? 1 : -1) * (count ?? 1)));
      const { botline: bl } = botline(s);
      const l = Math.max(Math.min(s.cursor.line, bl - 2 - (bl <= n ? so : 0)), Math.min(n - 1, s.topline - 1 + (s.topline > 1 ? so : 0)));
      if (l !== s.cursor.line) s.cursor = { line: l, col: s.cursor.col };
      clampCursor(s, false);
      return;
    }
    default:
      return;
  }
  clampCursor(s, false);
  updateCurswant(s);
}

export function scrollCursorTo(s: VimState, key: string, count: number | null): void {
  if (count !== null) s.cursor = { line: Math.min(lineCount(s) - 1, count - 1), col: s.cursor.col };
  const first = key === "z<CR>" || key === "z." || key === "z-";
  if (first) s.cursor.col = firstNonBlank(line(s));
  if (key === "zt" || key === "z<CR>") s.topline = Math.max(1, s.cursor.line + 1 - scrolloff(s));
  else if (key === "zz" || key === "z.") scrollCursorHalfway(s, true, false);
  else {
    // zb / z-: cursor line at the bottom, 'scrolloff' lines above the edge
    let used = 0;
    let top = s.cursor.line + 1 + scrolloff(s);
    top = Math.min(lineCount(s), top);
    let t = top;
    while (t >= 1 && used + 1 <= windowHeight(s)) {
      used++;
      t--;
    }
    s.topline = Math.max(1, t + 1);
  }
  clampCursor(s, false);
}
