/**
 * vim patterns translated to JavaScript regular expressions, for "/", "?", "*", ":s" and ":g".
 * Covers 'magic' (the default), \v very magic and \V very nomagic, \c and \C, \( \) \%( \|,
 * \+ \= \? \{n,m} \{-}, \< \>, \zs \ze, the character classes (\s \d \w \a \l \u \x \h \o and
 * their negations), [[:alpha:]]-style classes and ~ (the last substitute string). Patterns that
 * span lines (\n, \_x) are not supported: they report E486 rather than matching wrongly.
 */

export type CompiledPattern = { ok: true; regex: RegExp } | { ok: false; error: string };

const CLASSES: Record<string, string> = {
  s: "[ \\t]",
  S: "[^ \\t]",
  d: "[0-9]",
  D: "[^0-9]",
  w: "[0-9A-Za-z_]",
  W: "[^0-9A-Za-z_]",
  a: "[A-Za-z]",
  A: "[^A-Za-z]",
  l: "[a-z]",
  L: "[^a-z]",
  u: "[A-Z]",
  U: "[^A-Z]",
  x: "[0-9A-Fa-f]",
  X: "[^0-9A-Fa-f]",
  o: "[0-7]",
  O: "[^0-7]",
  h: "[A-Za-z_]",
  H: "[^A-Za-z_]",
  k: "[0-9A-Za-z_\\u00c0-\\u00ff]",
  i: "[0-9A-Za-z_\\u00c0-\\u00ff]",
  f: "[\\w./~+-]",
  p: "[ -~]",
};
const POSIX: Record<string, string> = {
  alpha: "A-Za-z",
  digit: "0-9",
  alnum: "0-9A-Za-z",
  lower: "a-z",
  upper: "A-Z",
  space: " \\t\\n\\r\\f\\v",
  blank: " \\t",
  punct: "!-\\/:-@\\[-`{-~",
  xdigit: "0-9A-Fa-f",
  print: " -~",
  graph: "!-~",
  cntrl: "\\x00-\\x1f\\x7f",
};
const WORD = "[0-9A-Za-z_\\u00c0-\\u00ff]";
const JS_SPECIAL = new Set([..."\\^$.*+?()[]{}|/"]);

function esc(ch: string): string {
  return JS_SPECIAL.has(ch) ? "\\" + ch : ch;
}

/** Translates a [...] collection starting at `i` (the "["); returns the JS text and the index after it, or null if unclosed. */
function collection(p: string, i: number): { js: string; next: number } | null {
  let j = i + 1;
  let out = "[";
  if (p[j] === "^") {
    out += "^";
    j++;
  }
  if (p[j] === "]") {
    out += "\\]";
    j++;
  }
  while (j < p.length && p[j] !== "]") {
    const m = /^\[:([a-z]+):\]/.exec(p.slice(j));
    if (m && POSIX[m[1]]) {
      out += POSIX[m[1]];
      j += m[0].length;
      continue;
    }
    if (p[j] === "\\" && j + 1 < p.length) {
      const n = p[j + 1];
      out +=
        n === "e"
          ? "\\x1b"
          : n === "t"
            ? "\\t"
            : n === "r"
              ? "\\r"
              : n === "n"
                ? "\\n"
                : n === "\\"
                  ? "\\\\"
                  : n === "]"
                    ? "\\]"
                    : n === "^"
                      ? "\\^"
                      : n === "-"
                        ? "\\-"
                        : "\\\\" + (n === "[" ? "\\[" : n);
      j += 2;
      continue;
    }
    out += p[j] === "[" ? "\\[" : p[j];
    j++;
  }
  if (j >= p.length) return null;
  return { js: out + "]", next: j + 1 };
}

export function compilePattern(
  pattern: string,
  opts: { ignorecase: boolean; smartcase: boolean; lastSubstitute?: string | null },
): CompiledPattern {
  let magic: "v" | "m" | "M" | "V" = "m";
  let caseFlag: boolean | null = null;
  let js = "";
  let depth = 0;
  let zs = -1;
  let ze = -1;
  let atStart = true;
  const p = pattern;
  for (let i = 0; i < p.length;) {
    const c = p[i];
    const start: boolean = atStart;
    atStart = false;
    if (c === "\\" && i + 1 < p.length) {
      const n = p[i + 1];
      i += 2;
      if (n === "v" || n === "m" || n === "M" || n === "V") {
        magic = n;
        atStart = start;
        continue;
      }
      if (n === "c" || n === "C") {
        caseFlag = n === "c";
        atStart = start;
        continue;
      }
      if (n === "n" || n === "_") return { ok: false, error: "multi-line" };
      if (n === "z" && (p[i] === "s" || p[i] === "e")) {
        if (p[i] === "s") zs = js.length;
        else ze = js.length;
        i++;
        continue;
      }
      if (CLASSES[n]) {
        js += CLASSES[n];
        continue;
      }
      if (n === "t") js += "\\t";
      else if (n === "e") js += "\\x1b";
      else if (n === "r") js += "\\r";
      else if (magic === "v") js += esc(n);
      else if (n === "(" || (n === "%" && p[i] === "(")) {
        if (n === "%") i++;
        js += n === "%" ? "(?:" : "(";
        depth++;
        atStart = true;
      } else if (n === ")") {
        if (depth === 0) return { ok: false, error: "E55: Unmatched \\)" };
        depth--;
        js += ")";
      } else if (n === "|") {
        js += "|";
        atStart = true;
      } else if (n === "+") js += "+";
      else if (n === "=" || n === "?") js += "?";
      else if (n === "{") {
        const m = /^(-?)(\d*)(,?)(\d*)\\?\}/.exec(p.slice(i));
        if (!m) return { ok: false, error: "E554: Syntax error in \\{...}" };
        js += (m[2] || m[3] || m[4] ? `{${m[2] || (m[3] ? "0" : "")}${m[3]}${m[4]}}` : "*") + (m[1] ? "?" : "");
        i += m[0].length;
      } else if (n === "<") js += `(?<!${WORD})(?=${WORD})`;
      else if (n === ">") js += `(?<=${WORD})(?!${WORD})`;
      else if (magic === "V" || magic === "M") {
        // in nomagic modes the backslashed forms are the special ones
        if (n === ".") js += ".";
        else if (n === "*") js += "*";
        else if (n === "[") {
          const col = collection(p, i - 1);
          if (!col) return { ok: false, error: "E769: Missing ] after \\[" };
          js += col.js;
          i = col.next;
        } else js += esc(n);
      } else js += esc(n);
      continue;
    }
    i++;
    if (magic === "v") {
      if (c === "(") {
        js += "(";
        depth++;
        atStart = true;
      } else if (c === "%" && p[i] === "(") {
        i++;
        js += "(?:";
        depth++;
        atStart = true;
      } else if (c === ")") {
        if (depth === 0) return { ok: false, error: "E55: Unmatched \\v)" };
        depth--;
        js += ")";
      } else if (c === "|") {
        js += "|";
        atStart = true;
      } else if (c === "+" || c === "*") js += start ? esc(c) : c;
      else if (c === "=" || c === "?") js += "?";
      else if (c === "{") {
        const m = /^(-?)(\d*)(,?)(\d*)\}/.exec(p.slice(i));
        if (!m) return { ok: false, error: "E554: Syntax error in {...}" };
        js += (m[2] || m[3] || m[4] ? `{${m[2] || (m[3] ? "0" : "")}${m[3]}${m[4]}}` : "*") + (m[1] ? "?" : "");
        i += m[0].length;
      } else if (c === "<") js += `(?<!${WORD})(?=${WORD})`;
      else if (c === ">") js += `(?<=${WORD})(?!${WORD})`;
      else if (c === "^") js += start ? "^" : "\\^";
      else if (c === "$") js += i === p.length || p[i] === "|" || p[i] === ")" ? "$" : "\\$";
      else if (c === ".") js += ".";
      else if (c === "[") {
        const col = collection(p, i - 1);
        if (!col) js += "\\[";
        else {
          js += col.js;
          i = col.next;
        }
      } else if (c === "~") js += literal(opts.lastSubstitute ?? "~");
      else js += esc(c);
      continue;
    }
    if (c === "^" && start) js += "^";
    else if (c === "$" && (i === p.length || p.startsWith("\\|", i) || p.startsWith("\\)", i))) js += "$";
    else if (magic === "V" || magic === "M") js += esc(c);
    else if (c === ".") js += ".";
    else if (c === "*") js += start ? "\\*" : "*";
    else if (c === "[") {
      const col = collection(p, i - 1);
      if (!col) js += "\\[";
      else {
        js += col.js;
        i = col.next;
      }
    } else if (c === "~") js += literal(opts.lastSubstitute ?? "~");
    else js += esc(c);
  }
  if (depth > 0) return { ok: false, error: magic === "v" ? "E54: Unmatched \\v(" : "E54: Unmatched \\(" };
  if (ze >= 0) js = js.slice(0, ze) + "(?=" + js.slice(ze) + ")";
  if (zs >= 0) js = "(?<=" + js.slice(0, zs) + ")" + js.slice(zs);
  let icase = opts.ignorecase && !(opts.smartcase && /[A-Z]/.test(pattern.replace(/\\./g, "")));
  if (caseFlag !== null) icase = caseFlag;
  try {
    return { ok: true, regex: new RegExp(js, icase ? "gi" : "g") };
  } catch {
    return { ok: false, error: "E486" };
  }
}

function literal(s: string): string {
  return [...s].map(esc).join("");
}

/** Matches of `re` on one line: [start, end) pairs, empty matches included once. */
export function lineMatches(re: RegExp, text: string): { start: number; end: number; groups: string[] }[] {
  const out: { start: number; end: number; groups: string[] }[] = [];
  re.lastIndex = 0;
  for (;;) {
    const m = re.exec(text);
    if (!m) break;
    out.push({ start: m.index, end: m.index + m[0].length, groups: [...m].map((g) => g ?? "") });
    if (m[0].length === 0) {
      if (re.lastIndex >= text.length) break;
      re.lastIndex++;
    }
  }
  return out;
}
