/**
 * Pathname expansion (`*`, `?`, `[...]`) against the virtual filesystem. Matching is done by hand,
 * never by building a RegExp from user input (security.md D4): `*` uses the classic two-pointer
 * wildcard algorithm, which is O(n·m) at worst.
 */
import type { Vfs } from "../fs/vfs";

/** A glob character with `lit` set when it came from quoted text and must match literally. */
export interface GlobChar {
  c: string;
  lit: boolean;
}

export function hasGlob(chars: GlobChar[]): boolean {
  return chars.some((g) => !g.lit && (g.c === "*" || g.c === "?" || g.c === "["));
}

const CLASSES: Record<string, (c: string) => boolean> = {
  alpha: (c) => /[A-Za-z]/.test(c),
  digit: (c) => c >= "0" && c <= "9",
  alnum: (c) => /[A-Za-z0-9]/.test(c),
  upper: (c) => c >= "A" && c <= "Z",
  lower: (c) => c >= "a" && c <= "z",
  space: (c) => /\s/.test(c),
  blank: (c) => c === " " || c === "\t",
  punct: (c) => /[!-/:-@[-`{-~]/.test(c),
  xdigit: (c) => /[0-9A-Fa-f]/.test(c),
  word: (c) => /\w/.test(c),
};

/** Parses `[...]` starting at i; returns the matcher and the index after `]`, or undefined if unclosed. */
function bracket(p: GlobChar[], i: number): { test: (ch: string) => boolean; next: number } | undefined {
  let j = i + 1;
  let negate = false;
  if (!p[j]?.lit && (p[j]?.c === "!" || p[j]?.c === "^")) {
    negate = true;
    j++;
  }
  const tests: ((ch: string) => boolean)[] = [];
  let first = true;
  for (; j < p.length; j++) {
    const c = p[j].c;
    if (c === "]" && !first && !p[j].lit) {
      return { test: (ch) => tests.some((t) => t(ch)) !== negate, next: j + 1 };
    }
    first = false;
    if (c === "[" && !p[j].lit && p[j + 1]?.c === ":") {
      let k = j + 2;
      let name = "";
      while (k < p.length && p[k].c !== ":") name += p[k++].c;
      if (p[k + 1]?.c === "]" && CLASSES[name]) {
        tests.push(CLASSES[name]);
        j = k + 1;
        continue;
      }
    }
    if (p[j + 1]?.c === "-" && p[j + 2] && p[j + 2].c !== "]") {
      const lo = c;
      const hi = p[j + 2].c;
      tests.push((ch) => ch >= lo && ch <= hi);
      j += 2;
    } else tests.push((ch) => ch === c);
  }
  return undefined;
}

/** Matches one path segment `name` against pattern `p` (fnmatch without FNM_PATHNAME subtleties). */
export function globMatch(p: GlobChar[], name: string): boolean {
  let pi = 0;
  let ni = 0;
  let starP = -1;
  let starN = 0;
  while (ni < name.length) {
    const g = p[pi];
    if (g && !g.lit && g.c === "*") {
      starP = pi++;
      starN = ni;
      continue;
    }
    if (g) {
      let step = 0;
      if (!g.lit && g.c === "?") step = 1;
      else if (!g.lit && g.c === "[") {
        const b = bracket(p, pi);
        if (b) {
          if (b.test(name[ni])) {
            pi = b.next;
            ni++;
            continue;
          }
        } else if (name[ni] === "[") step = 1;
      } else if (g.c === name[ni]) step = 1;
      if (step) {
        pi++;
        ni++;
        continue;
      }
    }
    if (starP < 0) return false;
    pi = starP + 1;
    ni = ++starN;
  }
  while (pi < p.length && !p[pi].lit && p[pi].c === "*") pi++;
  return pi === p.length;
}

/**
 * Expands a pattern to the sorted list of existing paths it matches (as the user wrote them:
 * relative patterns give relative results), or [] when nothing matches.
 */
export function expandGlob(pattern: GlobChar[], vfs: Vfs, cwd: string, budget: { spend(n: number): void }): string[] {
  const absolute = pattern[0]?.c === "/";
  const segments: GlobChar[][] = [[]];
  for (const g of pattern) {
    if (g.c === "/") segments.push([]);
    else segments[segments.length - 1].push(g);
  }
  // each candidate: [path shown to the user, absolute path in the vfs]
  let candidates: [string, string][] = [[absolute ? "/" : "", absolute ? "/" : cwd]];
  segments.forEach((seg, idx) => {
    const last = idx === segments.length - 1;
    if (seg.length === 0) {
      if (idx > 0)
        candidates = candidates.filter(([, abs]) => vfs.isDir(abs)).map(([shown, abs]) => [shown.endsWith("/") ? shown : shown + "/", abs]);
      return;
    }
    const next: [string, string][] = [];
    const join = (shown: string, name: string) => (shown === "" ? name : shown.endsWith("/") ? shown + name : shown + "/" + name);
    const absJoin = (abs: string, name: string) => (abs === "/" ? "/" + name : abs + "/" + name);
    for (const [shown, abs] of candidates) {
      if (!hasGlob(seg)) {
        const name = seg.map((g) => g.c).join("");
        const full = name === ".." ? abs.replace(/\/[^/]*$/, "") || "/" : name === "." ? abs : absJoin(abs, name);
        if (vfs.exists(full) && (last || vfs.isDir(full))) next.push([join(shown, name), full]);
        continue;
      }
      const entries = vfs.readdir(abs);
      if (!entries.ok) continue;
      budget.spend(1 + (entries.value.length >> 6));
      const dotOk = seg[0].c === ".";
      for (const name of entries.value) {
        if (name.startsWith(".") && !dotOk) continue;
        const full = absJoin(abs, name);
        if (globMatch(seg, name) && (last || vfs.isDir(full))) next.push([join(shown, name), full]);
      }
    }
    candidates = next;
  });
  return candidates.map(([shown]) => shown).sort();
}
