/**
 * :s/pattern/replacement/flags [count], as vim's do_sub(): an empty pattern reuses the last
 * search, "~" in the replacement is the previous replacement, & \0-\9 \r \n \t \u \U \l \L \e \E
 * are understood, flags g i I n e & are honoured ("c" asks nothing: every match is replaced),
 * the cursor ends on the first non-blank of the last line changed, and more than 'report'
 * substitutions print "N substitutions on M lines".
 */
import { firstNonBlank } from "../buffer";
import { changeLines, error, plural, REPORT, setMessage, updateCurswant } from "./edit";
import { findDelimiter } from "./ex-range";
import { compileFor } from "./search";
import { lineMatches } from "./regex";
import type { VimState } from "./state";

export interface SubstituteSpec {
  pattern: string;
  replacement: string;
  flags: string;
  count: number | null;
}

/** Parses what follows ":s"; null when the command repeats the last substitute (":s", ":&"). */
export function parseSubstitute(s: VimState, args: string): SubstituteSpec | { error: string } {
  const delim = args[0];
  if (delim === undefined || /[\s0-9a-zA-Z&"|]/.test(delim)) {
    const last = s.lastSubstitute;
    if (!last) return { error: "E35: No previous regular expression" };
    const m = /^(&?)([cegiInp#lr]*)\s*(\d*)/.exec(args.trim()) ?? ["", "", "", ""];
    return {
      pattern: last.pattern,
      replacement: last.replacement,
      flags: (m[1] ? last.flags : "") + m[2],
      count: m[3] ? Number(m[3]) : null,
    };
  }
  const pEnd = findDelimiter(args, 1, delim);
  const pattern = args.slice(1, pEnd);
  let replacement = "";
  let rest = "";
  if (pEnd < args.length) {
    const rEnd = findDelimiter(args, pEnd + 1, delim);
    replacement = args.slice(pEnd + 1, rEnd);
    rest = rEnd < args.length ? args.slice(rEnd + 1) : "";
  }
  const m = /^(&?)([cegiInp#lr]*)\s*(\d*)\s*$/.exec(rest);
  if (!m) return { error: `E488: Trailing characters: ${rest.trim()}` };
  const flags = (m[1] && s.lastSubstitute ? s.lastSubstitute.flags : "") + m[2];
  return { pattern, replacement, flags, count: m[3] ? Number(m[3]) : null };
}

/** Expands the replacement for one match. */
function expand(rep: string, groups: string[]): string {
  let out = "";
  let oneShot: "u" | "l" | null = null;
  let mode: "U" | "L" | null = null;
  const emit = (t: string) => {
    for (const ch of t) {
      let c = mode === "U" ? ch.toUpperCase() : mode === "L" ? ch.toLowerCase() : ch;
      if (oneShot) {
        c = oneShot === "u" ? c.toUpperCase() : c.toLowerCase();
        oneShot = null;
      }
      out += c;
    }
  };
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i];
    if (c === "&") emit(groups[0] ?? "");
    else if (c === "\r") out += "\n";
    else if (c === "\\" && i + 1 < rep.length) {
      const n = rep[++i];
      if (n >= "0" && n <= "9") emit(groups[Number(n)] ?? "");
      else if (n === "r") out += "\n";
      else if (n === "n") out += "\x00";
      else if (n === "t") out += "\t";
      else if (n === "u" || n === "l") oneShot = n;
      else if (n === "U" || n === "L") mode = n;
      else if (n === "e" || n === "E") mode = null;
      else emit(n);
    } else emit(c);
  }
  return out;
}

/** vim's regtilde(): "~" becomes the previous replacement, "\\~" stays an escaped tilde. */
function regtilde(rep: string, previous: string): string {
  let out = "";
  for (let i = 0; i < rep.length; i++) {
    if (rep[i] === "\\" && i + 1 < rep.length) {
      out += rep[i] + rep[i + 1];
      i++;
    } else out += rep[i] === "~" ? previous : rep[i];
  }
  return out;
}

export function substitute(s: VimState, start: number, end: number, spec: SubstituteSpec, quiet = false): { subs: number; lines: number } {
  let pattern = spec.pattern;
  if (pattern === "") {
    pattern = s.lastSearch?.pattern ?? s.lastSubstitute?.pattern ?? "";
    if (!pattern) {
      error(s, "E35: No previous regular expression");
      return { subs: 0, lines: 0 };
    }
  }
  const replacement = regtilde(spec.replacement, s.lastSubstitute?.replacement ?? "");
  const flags = spec.flags;
  const ignore = flags.includes("i") ? true : flags.includes("I") ? false : null;
  const compiled = compileFor(s, ignore === null ? pattern : (ignore ? "\\c" : "\\C") + pattern);
  s.lastSubstitute = { pattern, replacement, flags };
  s.lastSearch = { pattern, forward: true, offsetLine: false };
  if (!compiled.ok) {
    if (!flags.includes("e"))
      error(s, compiled.error === "E486" || compiled.error === "multi-line" ? `E486: Pattern not found: ${pattern}` : compiled.error);
    return { subs: 0, lines: 0 };
  }
  let from = start;
  let to = end;
  if (spec.count !== null) {
    from = end;
    to = Math.min(s.buf.lines.length - 1, end + spec.count - 1);
  }
  let subs = 0;
  let changedLines = 0;
  let lastLine = -1;
  const countOnly = flags.includes("n");
  // bottom-up, so lines split by "\r" do not shift the ones still to do
  const results: { line: number; text: string[] }[] = [];
  for (let l = from; l <= to; l++) {
    const text = s.buf.lines[l];
    const ms = lineMatches(compiled.regex, text);
    if (!ms.length) continue;
    const use = flags.includes("g") ? ms : ms.slice(0, 1);
    subs += use.length;
    changedLines++;
    if (countOnly) continue;
    let out = "";
    let pos = 0;
    for (const m of use) {
      out += text.slice(pos, m.start) + expand(replacement, m.groups);
      pos = m.end;
    }
    out += text.slice(pos);
    results.push({ line: l, text: out.split("\n") });
  }
  if (subs === 0) {
    if (!flags.includes("e") && !quiet) error(s, `E486: Pattern not found: ${pattern}`);
    return { subs: 0, lines: 0 };
  }
  let shift = 0;
  for (const r of results) {
    changeLines(s, r.line + shift, 1, r.text);
    lastLine = r.line + shift + r.text.length - 1;
    shift += r.text.length - 1;
  }
  if (!countOnly && lastLine >= 0) {
    s.cursor = { line: lastLine, col: firstNonBlank(s.buf.lines[lastLine]) };
    updateCurswant(s);
  }
  if (!quiet) reportSubstitutions(s, subs, changedLines, countOnly);
  return { subs, lines: changedLines };
}

/** vim's do_sub_msg(): "3 substitutions on 2 lines" when more than 'report' were made. */
export function reportSubstitutions(s: VimState, subs: number, lines: number, countOnly: boolean): void {
  if (!(subs > REPORT || countOnly)) return;
  const single = countOnly
    ? plural(subs, "%ld match on %ld line", "%ld matches on %ld line")
    : plural(subs, "%ld substitution on %ld line", "%ld substitutions on %ld line");
  const many = countOnly
    ? plural(subs, "%ld match on %ld lines", "%ld matches on %ld lines")
    : plural(subs, "%ld substitution on %ld lines", "%ld substitutions on %ld lines");
  setMessage(s, (lines === 1 ? single : many).replace("%ld", String(lines)));
}
