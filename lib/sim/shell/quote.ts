/**
 * Quoting words back into shell syntax, as bash prints them: `set -x` traces, `${x@Q}`,
 * `printf %q`, `alias`, `declare -p` and `set`.
 */

/** bash's sh_contains_shell_metas (lib/sh/shquote.c): does the word need quotes to read back? */
function needsQuotes(s: string): boolean {
  if (s === "") return true;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (" \t\n'\"\\|&;()<>!{}*[?]^$`".includes(c)) return true;
    if (c === "~" && (i === 0 || s[i - 1] === "=" || s[i - 1] === ":")) return true;
    if (c === "#" && i === 0) return true;
  }
  return false;
}

/** Single quotes (`'it'\''s'`); `always` quotes even plain words (`${x@Q}`, `alias`). */
export function quoteForShell(s: string, always = false): string {
  if (!always && !needsQuotes(s)) return s;
  if (/[\x00-\x08\x0b-\x1f\x7f]/.test(s)) return ansiQuote(s);
  return "'" + s.replace(/'/g, "'\\''") + "'";
}

/** `$'...'` for text with control characters. */
export function ansiQuote(s: string): string {
  const esc: Record<string, string> = {
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\x07": "\\a",
    "\b": "\\b",
    "\x1b": "\\E",
    "\f": "\\f",
    "\v": "\\v",
    "\\": "\\\\",
    "'": "\\'",
  };
  let out = "";
  for (const c of s) {
    const code = c.charCodeAt(0);
    out += esc[c] ?? (code < 0x20 || code === 0x7f ? "\\" + code.toString(8).padStart(3, "0") : c);
  }
  return `$'${out}'`;
}

/** `printf %q`: backslashes before each special character, `''` for the empty string. */
export function backslashQuote(s: string): string {
  if (s === "") return "''";
  if (/[\x00-\x1f\x7f]/.test(s)) return ansiQuote(s);
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (" \t'\"\\|&;()<>!{}*[?]^$`,".includes(c) || ((c === "~" || c === "#") && i === 0)) out += "\\" + c;
    else out += c;
  }
  return out;
}

/** `declare -p` / `export -p` style: double quotes with `"$\`\\` escaped. */
export function doubleQuote(s: string): string {
  return `"${s.replace(/["\\$`]/g, "\\$&")}"`;
}
