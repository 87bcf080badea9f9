/**
 * :set for the options this editor honours, in vim's forms: `nu`, `nonu`, `invnu`, `nu!`,
 * `sw=4`, `sw?`, `sw&`, several at once. 'paste' saves and restores the options it overrides
 * (autoindent, expandtab, ruler, softtabstop) as vim does. Unknown names give E518; options vim
 * has but this editor ignores (mouse, syntax, ...) are accepted silently.
 */
import { error, setMessage } from "./edit";
import { defaultOptions, type VimOptions, type VimState } from "./state";

type BoolName =
  | "number"
  | "relativenumber"
  | "paste"
  | "expandtab"
  | "autoindent"
  | "ignorecase"
  | "smartcase"
  | "hlsearch"
  | "incsearch"
  | "wrapscan"
  | "list"
  | "wrap"
  | "ruler"
  | "showcmd"
  | "showmode"
  | "readonly"
  | "modifiable";
type NumName = "shiftwidth" | "tabstop" | "softtabstop" | "scrolloff";

const BOOLS: Record<string, BoolName> = {
  number: "number",
  nu: "number",
  relativenumber: "relativenumber",
  rnu: "relativenumber",
  paste: "paste",
  expandtab: "expandtab",
  et: "expandtab",
  autoindent: "autoindent",
  ai: "autoindent",
  ignorecase: "ignorecase",
  ic: "ignorecase",
  smartcase: "smartcase",
  scs: "smartcase",
  hlsearch: "hlsearch",
  hls: "hlsearch",
  incsearch: "incsearch",
  is: "incsearch",
  wrapscan: "wrapscan",
  ws: "wrapscan",
  list: "list",
  wrap: "wrap",
  ruler: "ruler",
  ru: "ruler",
  showcmd: "showcmd",
  sc: "showcmd",
  showmode: "showmode",
  smd: "showmode",
  readonly: "readonly",
  ro: "readonly",
  modifiable: "modifiable",
  ma: "modifiable",
};
const NUMS: Record<string, NumName> = {
  shiftwidth: "shiftwidth",
  sw: "shiftwidth",
  tabstop: "tabstop",
  ts: "tabstop",
  softtabstop: "softtabstop",
  sts: "softtabstop",
  scrolloff: "scrolloff",
  so: "scrolloff",
};
/** Options vim has that change nothing here. */
const IGNORED = new Set([
  "mouse",
  "syntax",
  "syn",
  "filetype",
  "ft",
  "encoding",
  "enc",
  "fileencoding",
  "fenc",
  "background",
  "bg",
  "cursorline",
  "cul",
  "smartindent",
  "si",
  "cindent",
  "cin",
  "textwidth",
  "tw",
  "backspace",
  "bs",
  "compatible",
  "cp",
  "nocompatible",
  "hidden",
  "hid",
  "laststatus",
  "ls",
  "colorcolumn",
  "cc",
  "spell",
  "foldenable",
  "fen",
  "showmatch",
  "sm",
  "smarttab",
  "sta",
  "fileformat",
  "ff",
  "belloff",
  "bo",
  "visualbell",
  "vb",
  "errorbells",
  "eb",
  "autoread",
  "ar",
  "undolevels",
  "ul",
  "history",
  "hi",
  "wildmenu",
  "wmnu",
  "clipboard",
  "cb",
  "indentexpr",
  "inde",
  "formatoptions",
  "fo",
  "indentkeys",
  "indk",
  "cursorcolumn",
  "cuc",
  "termguicolors",
  "tgc",
]);

function setPaste(s: VimState, on: boolean): void {
  const o = s.opts;
  if (on) {
    if (!o.paste) o.beforePaste = { autoindent: o.autoindent, expandtab: o.expandtab, ruler: o.ruler, softtabstop: o.softtabstop };
    o.paste = true;
    o.autoindent = false;
    o.expandtab = false;
    o.ruler = false;
    o.softtabstop = 0;
  } else if (o.paste) {
    o.paste = false;
    if (o.beforePaste) Object.assign(o, o.beforePaste);
    o.beforePaste = null;
  }
}

function show(o: VimOptions, name: BoolName | NumName): string {
  const v = o[name];
  return typeof v === "boolean" ? (v ? `  ${name}` : `no${name}`) : `  ${name}=${v}`;
}

export function setOption(s: VimState, args: string): void {
  if (args.trim() === "" || args.trim() === "all") return;
  const shown: string[] = [];
  for (const item of args.trim().split(/\s+/)) {
    const m = /^(no|inv)?([a-z]+)(!|\?|&|([+^-]?=)(.*))?$/.exec(item);
    if (!m) {
      error(s, `E518: Unknown option: ${item}`);
      return;
    }
    const [, prefix, name, suffix, op, value] = m;
    if (BOOLS[name] || (prefix && BOOLS[name])) {
      const key = BOOLS[name];
      if (op !== undefined) {
        error(s, `E474: Invalid argument: ${item}`);
        return;
      }
      if (suffix === "?") {
        shown.push(show(s.opts, key));
        continue;
      }
      let on = !(prefix === "no");
      if (prefix === "inv" || suffix === "!") on = !s.opts[key];
      if (suffix === "&") on = defaultOptions(s.path, s.invokedAs === "view")[key];
      if (key === "paste") setPaste(s, on);
      else s.opts[key] = on;
      continue;
    }
    if (NUMS[name]) {
      const key = NUMS[name];
      if (prefix) {
        error(s, `E474: Invalid argument: ${item}`);
        return;
      }
      if (suffix === undefined || suffix === "?") {
        shown.push(show(s.opts, key));
        continue;
      }
      if (suffix === "&") {
        s.opts[key] = defaultOptions(s.path, false)[key];
        continue;
      }
      if (!/^-?\d+$/.test(value ?? "")) {
        error(s, `E521: Number required after =: ${item}`);
        return;
      }
      let v = Number(value);
      if (op === "+=") v = s.opts[key] + v;
      else if (op === "-=") v = s.opts[key] - v;
      else if (op === "^=") v = s.opts[key] * v;
      if ((key === "tabstop" && v <= 0) || (key !== "softtabstop" && v < 0)) {
        error(s, key === "tabstop" ? "E487: Argument must be positive" : `E487: Argument must be positive: ${item}`);
        return;
      }
      s.opts[key] = v;
      continue;
    }
    if (IGNORED.has(name)) continue;
    error(s, `E518: Unknown option: ${prefix ?? ""}${name}`);
    return;
  }
  if (shown.length) setMessage(s, shown.join(" "));
}
