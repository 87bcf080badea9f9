/**
 * The command line (":", "/" and "?"): editing keys, history with <Up>/<Down>, <C-r>{reg}, and
 * 'incsearch' (the window shows the first match while the pattern is typed; <Esc> goes back).
 */
import { isPrintable, type Key } from "../input";
import type { Pos } from "../pos";
import { getRegister, setMessage } from "./edit";
import { searchFrom } from "./search";
import { updateTopline } from "./scroll";
import type { VimState } from "./state";
import { wordUnderCursor } from "./search";

export const MAX_HISTORY = 200;

export function openCmdline(s: VimState, kind: ":" | "/" | "?", text: string, operator: string | null = null): void {
  s.cmdline = {
    kind,
    text,
    cursor: text.length,
    origin: { ...s.cursor },
    originTop: s.topline,
    historyIndex: -1,
    operator,
    registerNext: false,
    match: null,
  };
  s.prevMode = s.mode === "visual" ? "visual" : "normal";
  s.mode = "cmdline";
  s.message = null;
}

export function addHistory(list: string[], entry: string): void {
  if (!entry) return;
  const i = list.indexOf(entry);
  if (i >= 0) list.splice(i, 1);
  list.push(entry);
  if (list.length > MAX_HISTORY) list.splice(0, list.length - MAX_HISTORY);
}

/** incsearch: where the pattern typed so far first matches, shown without moving the cursor for good. */
function incsearch(s: VimState): void {
  const c = s.cmdline;
  if (!c || c.kind === ":" || !s.opts.incsearch) return;
  s.cursor = { ...c.origin };
  s.topline = c.originTop;
  c.match = null;
  const pattern = c.text.split(c.kind === "/" ? /(?<!\\)\// : /(?<!\\)\?/)[0];
  if (!pattern) return;
  const r = searchFrom({ ...s, opts: { ...s.opts } }, pattern, c.kind === "/", c.origin, 1);
  if (!r.ok) return;
  c.match = { start: r.pos, end: r.end };
  const saved = s.cursor;
  s.cursor = r.pos;
  updateTopline(s);
  s.cursor = saved;
}

export type CmdlineOutcome = { done: false } | { done: true; text: string | null };

/** One key on the command line; `done` with the text on <CR>, with null when abandoned. */
export function cmdlineKey(s: VimState, key: Key): CmdlineOutcome {
  const c = s.cmdline;
  if (!c) return { done: true, text: null };
  const history = c.kind === ":" ? s.history.cmd : s.history.search;
  if (c.registerNext) {
    c.registerNext = false;
    let insert = "";
    if (key === "<C-w>") insert = wordUnderCursor(s.buf.lines[c.origin.line] ?? "", c.origin.col)?.word ?? "";
    else insert = getRegister(s, key)?.text.replace(/\n/g, "\r") ?? "";
    c.text = c.text.slice(0, c.cursor) + insert + c.text.slice(c.cursor);
    c.cursor += insert.length;
    incsearch(s);
    return { done: false };
  }
  switch (key) {
    case "<CR>":
    case "<NL>":
    case "<C-m>":
    case "<C-j>":
      return { done: true, text: c.text };
    case "<Esc>":
    case "<C-c>":
      return { done: true, text: null };
    case "<BS>":
    case "<C-h>":
      if (c.text === "") return { done: true, text: null };
      if (c.cursor > 0) {
        c.text = c.text.slice(0, c.cursor - 1) + c.text.slice(c.cursor);
        c.cursor--;
      }
      break;
    case "<Del>":
      if (c.cursor < c.text.length) c.text = c.text.slice(0, c.cursor) + c.text.slice(c.cursor + 1);
      else if (c.cursor > 0) {
        c.text = c.text.slice(0, -1);
        c.cursor--;
      }
      break;
    case "<Left>":
      c.cursor = Math.max(0, c.cursor - 1);
      return { done: false };
    case "<Right>":
      c.cursor = Math.min(c.text.length, c.cursor + 1);
      return { done: false };
    case "<Home>":
    case "<C-b>":
      c.cursor = 0;
      return { done: false };
    case "<End>":
    case "<C-e>":
      c.cursor = c.text.length;
      return { done: false };
    case "<C-w>": {
      const before = c.text.slice(0, c.cursor);
      const m = /(\w+|[^\w\s]+)?\s*$/.exec(before);
      const cut = m ? m[0].length : 0;
      c.text = before.slice(0, before.length - cut) + c.text.slice(c.cursor);
      c.cursor -= cut;
      break;
    }
    case "<C-u>":
      c.text = c.text.slice(c.cursor);
      c.cursor = 0;
      break;
    case "<C-r>":
      c.registerNext = true;
      return { done: false };
    case "<Up>":
    case "<Down>": {
      const prefix = c.historyIndex === -1 ? c.text : (c.typedPrefix ?? "");
      if (c.historyIndex === -1) c.typedPrefix = c.text;
      let i = c.historyIndex === -1 ? history.length : c.historyIndex;
      const step = key === "<Up>" ? -1 : 1;
      for (i += step; i >= 0 && i < history.length; i += step) if (history[i].startsWith(prefix)) break;
      if (i < 0) return { done: false };
      if (i >= history.length) {
        c.historyIndex = -1;
        c.text = prefix;
      } else {
        c.historyIndex = i;
        c.text = history[i];
      }
      c.cursor = c.text.length;
      break;
    }
    case "<Tab>":
      return { done: false };
    default:
      if (!isPrintable(key)) return { done: false };
      c.text = c.text.slice(0, c.cursor) + key + c.text.slice(c.cursor);
      c.cursor += key.length;
  }
  incsearch(s);
  return { done: false };
}

/** Text pasted onto the command line: one line of it, without the line break. */
export function cmdlinePaste(s: VimState, text: string): void {
  const c = s.cmdline;
  if (!c) return;
  const clean = text.replace(/\r?\n[\s\S]*$/, "").replace(/[\x00-\x1f]/g, "");
  c.text = c.text.slice(0, c.cursor) + clean + c.text.slice(c.cursor);
  c.cursor += clean.length;
  incsearch(s);
}

/** Leaves the command line, putting the window back where it was (the incsearch preview ends). */
export function closeCmdline(s: VimState, restore: boolean): Pos {
  const c = s.cmdline;
  const origin = c ? c.origin : s.cursor;
  if (c && restore) {
    s.cursor = { ...c.origin };
    s.topline = c.originTop;
  }
  s.cmdline = null;
  s.mode = s.prevMode === "visual" && s.visual ? "visual" : "normal";
  s.prevMode = null;
  return origin;
}

export { setMessage };
