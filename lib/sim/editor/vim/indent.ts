/**
 * Indentation: ">>", "<<", "=" and the automatic indent of new lines. For yaml files this is a
 * port of GetYAMLIndent() from vim 9.0's runtime/indent/yaml.vim (what a kubeadm node's vim
 * uses through `filetype indent on` in defaults.vim), including its quirks: "o" after
 * "  app: web" opens at 4 columns, and typing ":" re-indents the line (indentkeys <:>).
 * Line numbers are 1-based here, as in the Vim script.
 */
import { indentOf, makeIndent } from "../text";
import { changeLine } from "./edit";
import { effectiveSts, shiftwidth, type VimState } from "./state";

const MAPKEY = /^\s*(?!#)(?=\S)(?:'(?:[^']|'')*'|"(?:[^"\\]|\\.)*"|(?:(?!: ).)*?):(?: |$)/;
const LISTSTART = /^\s*-(?: |$)/;
const BLOCK_OPEN = /[{[:]$|[:-] [|>][+-]?(?:\s+#.*|\s*)$/;
const BLOCK_NUMBERED = /[:-] [|>](?:\d+[+-]?|[+-]?\d+)(?:#.*|\s*)$/;
const BLOCK_NUMBER = /(?<=[:-] [|>])[+-]?\d+(?=[+-]?(?:\s+#.*|\s*)$)/;
const ESCAPED_EOL = /"(?:[^"\\]|\\.)*\\$/;

class YamlLines {
  constructor(
    private readonly lines: readonly string[],
    private readonly ts: number,
  ) {}
  get(l: number): string {
    return this.lines[l - 1] ?? "";
  }
  indent(l: number): number {
    return indentOf(this.get(l), this.ts);
  }
  prevnonblank(l: number): number {
    for (let i = l; i >= 1; i--) if (/\S/.test(this.get(i))) return i;
    return 0;
  }
  findPrevLessIndented(l: number, cur = this.indent(l)): number {
    let p = this.prevnonblank(l - 1);
    while (p && this.indent(p) >= cur && !/^\s*#/.test(this.get(p))) p = this.prevnonblank(p - 1);
    return p;
  }
  findPrevLEIndentedMatching(l: number, re: RegExp): number {
    let p = this.findPrevLessIndented(l, this.indent(l) + 1);
    while (p && !re.test(this.get(p))) p = this.findPrevLessIndented(p);
    return p;
  }
}

/** GetYAMLIndent(lnum) with `lines` as the buffer; `lnum` is 1-based. */
export function yamlIndent(lines: readonly string[], lnum: number, sw: number, ts: number): number {
  const y = new YamlLines(lines, ts);
  if (lnum === 1 || !y.prevnonblank(lnum - 1)) return 0;
  let prevlnum = y.prevnonblank(lnum - 1);
  let previndent = y.indent(prevlnum);
  const ln = y.get(lnum);
  if (/^\s*#/.test(ln) && /^\s*#/.test(y.get(lnum - 1))) return previndent;
  if (/^\s*[\]}]/.test(ln)) return y.indent(y.findPrevLessIndented(lnum));
  while (/^\s*#/.test(y.get(prevlnum))) {
    prevlnum = y.prevnonblank(prevlnum - 1);
    if (!prevlnum) return previndent;
  }
  const prevline = y.get(prevlnum);
  previndent = y.indent(prevlnum);
  if (BLOCK_OPEN.test(prevline)) return previndent + sw;
  if (BLOCK_NUMBERED.test(prevline)) return previndent + parseInt(BLOCK_NUMBER.exec(prevline)?.[0] ?? "0", 10);
  if (ESCAPED_EOL.test(prevline)) {
    const q = prevline.search(/"(?:[^"\\]|\\.)*\\/);
    return indentOf(prevline.slice(0, q), ts) + 1;
  }
  if (LISTSTART.test(ln)) return y.indent(y.findPrevLEIndentedMatching(lnum, LISTSTART));
  if (MAPKEY.test(ln)) {
    const prevmapline = y.findPrevLEIndentedMatching(lnum, MAPKEY);
    return /^\s*- /.test(y.get(prevmapline)) ? y.indent(prevmapline) + 2 : y.indent(prevmapline);
  }
  if (/^\s*- /.test(prevline)) return previndent + 2;
  // "Mapping with: value that is multiline scalar": the tag/anchor/block-header group may match
  // nothing, so any line with a mapping key qualifies
  if (MAPKEY.test(prevline)) return previndent + sw;
  return previndent;
}

/** The indent the buffer's 'indentexpr' gives line `line0` (0-based), or null without one (or with 'paste'). */
export function exprIndent(s: VimState, line0: number): number | null {
  if (s.opts.paste || s.opts.indentexpr !== "GetYAMLIndent(v:lnum)") return null;
  return yamlIndent(s.buf.lines, line0 + 1, shiftwidth(s), s.opts.tabstop);
}

/** Sets a line's indent to `width` columns (tabs unless 'expandtab'); returns the change in length. */
export function setIndent(s: VimState, line0: number, width: number): number {
  const text = s.buf.lines[line0];
  const ws = /^[ \t]*/.exec(text)?.[0] ?? "";
  const fresh = makeIndent(Math.max(0, width), s.opts.tabstop, s.opts.expandtab && !s.opts.paste ? true : s.opts.expandtab);
  if (fresh === ws) return 0;
  changeLine(s, line0, fresh + text.slice(ws.length));
  return fresh.length - ws.length;
}

/** ">>"/"<<" on one line (vim's shift_line without 'shiftround'); empty lines stay empty. */
export function shiftLine(s: VimState, line0: number, left: boolean, amount: number): void {
  const text = s.buf.lines[line0];
  if (text.length === 0) return;
  const cur = indentOf(text, s.opts.tabstop);
  const sw = shiftwidth(s);
  const next = left ? Math.max(0, cur - sw * amount) : cur + sw * amount;
  setIndent(s, line0, next);
}

/** Spaces and tabs a <Tab> in insert mode inserts at display column `vcol` ('softtabstop', 'expandtab'). */
export function tabText(s: VimState, vcol: number): string {
  const sts = effectiveSts(s);
  const stop = sts > 0 ? sts : s.opts.tabstop;
  const width = stop - (vcol % stop);
  if (s.opts.expandtab) return " ".repeat(width);
  if (sts === 0) return "\t";
  // softtabstop without expandtab: spaces up to the next tabstop become a tab
  const target = vcol + width;
  const tabsFrom = Math.floor(vcol / s.opts.tabstop);
  const tabsTo = Math.floor(target / s.opts.tabstop);
  if (tabsTo > tabsFrom) return "\t".repeat(tabsTo - tabsFrom) + " ".repeat(target % s.opts.tabstop);
  return " ".repeat(width);
}
