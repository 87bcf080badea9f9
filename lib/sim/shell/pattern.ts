/**
 * Shell pattern operations on strings: `${x#p}`, `${x%%p}`, `${x/p/r}`, `${x^^p}`, and the
 * whole-string match of `case` and `[[ == ]]`. Patterns are GlobChar lists (quoted characters
 * match literally) matched by glob.ts's linear two-pointer matcher, never by a RegExp. A pattern
 * without `*` has a fixed length, so trimming and replacing with it is linear.
 */
import { globMatch, type GlobChar } from "./glob";

/** The length every match of `p` has, or undefined when `p` holds a `*`. */
function fixedLength(p: GlobChar[]): number | undefined {
  let n = 0;
  for (let i = 0; i < p.length; i++) {
    const g = p[i];
    if (!g.lit && g.c === "*") return undefined;
    if (!g.lit && g.c === "[") {
      let j = i + 1;
      if (p[j] && !p[j].lit && (p[j].c === "!" || p[j].c === "^")) j++;
      j++;
      while (j < p.length && !(p[j].c === "]" && !p[j].lit)) {
        if (p[j].c === "[" && p[j + 1]?.c === ":") {
          const close = p.findIndex((x, k) => k > j + 1 && x.c === ":" && p[k + 1]?.c === "]");
          if (close > 0) j = close + 1;
        }
        j++;
      }
      if (j < p.length) i = j;
    }
    n++;
  }
  return n;
}

export interface Spend {
  spend(n: number): void;
}

/** `${x#p}` (shortest) / `${x##p}` (longest) prefix, and `%`/`%%` suffixes. */
export function trimPattern(s: string, p: GlobChar[], side: "#" | "%", longest: boolean, budget: Spend): string {
  const fixed = fixedLength(p);
  budget.spend(1 + (s.length >> 8));
  const n = s.length;
  const lengths: number[] = [];
  if (fixed !== undefined) lengths.push(fixed);
  else for (let i = 0; i <= n; i++) lengths.push(longest ? n - i : i);
  for (const len of lengths) {
    if (len > n) continue;
    const piece = side === "#" ? s.slice(0, len) : s.slice(n - len);
    if (globMatch(p, piece)) return side === "#" ? s.slice(len) : s.slice(0, n - len);
  }
  return s;
}

/** The longest match of `p` starting at `from`, as an end offset, or -1. */
function matchAt(s: string, p: GlobChar[], from: number, fixed: number | undefined, anchoredEnd: boolean): number {
  if (fixed !== undefined) {
    const end = from + fixed;
    if (end > s.length || (anchoredEnd && end !== s.length)) return -1;
    return globMatch(p, s.slice(from, end)) ? end : -1;
  }
  for (let end = s.length; end >= from; end--) {
    if (globMatch(p, s.slice(from, end))) return end;
    if (anchoredEnd) return -1;
  }
  return -1;
}

/**
 * `${x/p/r}` and friends; `repl` gets the matched text (bash 5.2's patsub_replacement: an
 * unquoted `&` in the replacement stands for the match).
 */
export function replacePattern(
  s: string,
  p: GlobChar[],
  mode: "first" | "all" | "prefix" | "suffix",
  repl: (matched: string) => string,
  budget: Spend,
): string {
  const fixed = fixedLength(p);
  budget.spend(1 + (s.length >> 8) * (fixed === undefined ? 4 : 1));
  if (mode === "prefix") {
    const end = matchAt(s, p, 0, fixed, false);
    return end < 0 ? s : repl(s.slice(0, end)) + s.slice(end);
  }
  if (mode === "suffix") {
    for (let start = 0; start <= s.length; start++) {
      const end = matchAt(s, p, start, fixed, true);
      if (end >= 0) return s.slice(0, start) + repl(s.slice(start, end));
    }
    return s;
  }
  if (!p.length) return s;
  let out = "";
  let i = 0;
  let steps = 0;
  while (i <= s.length) {
    if (++steps % 256 === 0) budget.spend(1);
    const end = i < s.length || fixed === 0 ? matchAt(s, p, i, fixed, false) : -1;
    if (end > i || (end === i && end >= 0 && fixed === 0)) {
      out += repl(s.slice(i, end));
      if (mode === "first") return out + s.slice(end);
      if (end === i) {
        out += s[i] ?? "";
        i++;
      } else i = end;
    } else {
      out += s[i] ?? "";
      i++;
    }
  }
  return out;
}

/** `${x^}`, `${x^^}`, `${x,}`, `${x,,}`, optionally only for characters matching `p`. */
export function changeCase(s: string, upper: boolean, all: boolean, p: GlobChar[]): string {
  let out = "";
  const chars = Array.from(s);
  chars.forEach((c, i) => {
    const eligible = (all || i === 0) && (!p.length || globMatch(p, c));
    out += eligible ? (upper ? c.toUpperCase() : c.toLowerCase()) : c;
  });
  return out;
}

export function matchWhole(s: string, p: GlobChar[]): boolean {
  return globMatch(p, s);
}
