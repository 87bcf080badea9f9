/**
 * grep [-iEFGvnclLoqswxhHrR] [-A N] [-B N] [-C N] [-m N] [-e PATTERN]... [-f FILE] over files or
 * stdin, on the linear-time Regex. Output follows GNU grep 3: `file:line:` prefixes, `-`
 * separators on context lines and `--` between context groups.
 */
import type { Command, CommandContext } from "../../types";
import { globMatch } from "../../shell/glob";
import { Regex, RegexError } from "./regex";
import { getopt, isResult, lines, Out, readOperand } from "./util";

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";

const LONG: Record<string, string> = {
  "ignore-case": "i",
  "invert-match": "v",
  "line-number": "n",
  count: "c",
  "extended-regexp": "E",
  "fixed-strings": "F",
  "basic-regexp": "G",
  "perl-regexp": "P",
  "only-matching": "o",
  "word-regexp": "w",
  "line-regexp": "x",
  quiet: "q",
  silent: "q",
  "files-with-matches": "l",
  "files-without-match": "L",
  regexp: "e",
  file: "f",
  "no-messages": "s",
  "with-filename": "H",
  "no-filename": "h",
  recursive: "r",
  "dereference-recursive": "R",
  "after-context": "A",
  "before-context": "B",
  context: "C",
  "max-count": "m",
  color: "color",
  colour: "color",
  include: "include",
  exclude: "exclude",
  "exclude-dir": "exclude-dir",
  "null-data": "z",
  text: "a",
  "initial-tab": "T",
};

export const grep: Command = {
  name: "grep",
  summary: "print lines that match patterns",
  run(ctx) {
    const args = ctx.args.map((a) => (/^-\d+$/.test(a) ? `-C${a.slice(1)}` : a));
    const p = getopt(
      "grep",
      args,
      { bool: "ivncEFGPowqlLhHrRsxaTz", value: "efABCm", long: LONG, longValue: ["include", "exclude", "exclude-dir"] },
      2,
    );
    if (isResult(p))
      return {
        ...p,
        stderr: p.stderr.replace(/Try 'grep --help'.*\n$/, "") + USAGE.split("\n")[0] + "\n" + "Try 'grep --help' for more information.\n",
      };
    const f = p.flags;
    const ops = p.operands.slice();
    const patterns: string[] = [];
    for (const [i, a] of args.entries()) {
      if ((a === "-e" || a === "--regexp") && args[i + 1] !== undefined) patterns.push(args[i + 1]);
      else if (/^-[a-zA-Z]*e./.test(a) && !a.startsWith("--")) patterns.push(a.slice(a.indexOf("e") + 1));
      else if (a.startsWith("--regexp=")) patterns.push(a.slice(9));
    }
    if (f.has("f")) {
      const r = readOperand(ctx, f.get("f") ?? "-");
      if (!r.ok) return { stdout: "", stderr: `grep: ${f.get("f")}: ${r.why}\n`, exitCode: 2 };
      patterns.push(...lines(r.text));
    }
    if (!patterns.length) {
      const first = ops.shift();
      if (first === undefined) return { stdout: "", stderr: USAGE, exitCode: 2 };
      patterns.push(...first.split("\n"));
    }
    const icase = f.has("i");
    const fixed = f.has("F");
    const ere = f.has("E") || f.has("P");
    let re: Regex | undefined;
    try {
      if (!fixed) {
        const alts = patterns.length > 1 ? patterns.map((x) => (ere ? `(${x})` : `\\(${x}\\)`)).join(ere ? "|" : "\\|") : patterns[0];
        re = new Regex(f.has("x") ? (ere ? `^(${alts})$` : `^\\(${alts}\\)$`) : alts, { ere, icase });
      }
    } catch (e) {
      if (e instanceof RegexError) return { stdout: "", stderr: `grep: ${e.message}\n`, exitCode: 2 };
      throw e;
    }
    const word = f.has("w");
    const spans = (line: string): [number, number][] => {
      const out: [number, number][] = [];
      if (fixed) {
        const hay = icase ? line.toLowerCase() : line;
        for (const pat of patterns) {
          const needle = icase ? pat.toLowerCase() : pat;
          if (f.has("x")) {
            if (hay === needle) out.push([0, line.length]);
            continue;
          }
          for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + Math.max(1, needle.length))) {
            if (!word || (!isW(line[i - 1]) && !isW(line[i + needle.length]))) out.push([i, i + needle.length]);
          }
        }
        return out.sort((a, b) => a[0] - b[0]);
      }
      for (let s = 0; s <= line.length;) {
        const m = re?.exec(line, s, s > 0);
        if (!m) break;
        const ok = !word || (!isW(line[m.start - 1]) && !isW(line[m.end]) && m.end > m.start);
        if (ok) out.push([m.start, m.end]);
        s = m.end > m.start && ok ? m.end : Math.max(m.start, s) + 1;
        if (!f.has("o") && ok) break;
      }
      return out;
    };
    const selected = (line: string) => (!word && !fixed && re ? re.test(line) : spans(line).length > 0) !== f.has("v");

    const recursive = f.has("r") || f.has("R");
    const files = expandRecursive(ctx, ops.length ? ops : [recursive ? "." : "-"], recursive, f.get("include"), f.get("exclude"));
    const prefix = (files.length > 1 || f.has("H") || recursive) && !f.has("h");
    const after = Number(f.get("A") ?? f.get("C") ?? 0);
    const before = Number(f.get("B") ?? f.get("C") ?? 0);
    for (const k of ["A", "B", "C", "m"]) {
      const v = f.get(k);
      if (v !== undefined && !/^\d+$/.test(v))
        return { stdout: "", stderr: `grep: ${v}: invalid ${k === "m" ? "max count" : "context length argument"}\n`, exitCode: 2 };
    }
    const max = f.has("m") ? Number(f.get("m")) : Infinity;
    const o = new Out();
    let any = false;
    let errors = false;
    let lastPrinted = -2;
    let printedAny = false;
    try {
      for (const file of files) {
        if (file.startsWith("\0dir:")) {
          if (!f.has("s")) o.err(`grep: ${file.slice(5)}: Is a directory\n`);
          errors = true;
          continue;
        }
        const r = readOperand(ctx, file);
        const shown = file === "-" ? "(standard input)" : file;
        if (!r.ok) {
          if (!f.has("s")) o.err(`grep: ${file}: ${r.why}\n`);
          errors = true;
          continue;
        }
        const all = lines(r.text);
        let count = 0;
        let afterLeft = 0;
        lastPrinted = -2;
        const head = (idx: number, sep: string) => `${prefix ? shown + sep : ""}${f.has("n") ? idx + 1 + sep : ""}`;
        const quietish = f.has("q") || f.has("l") || f.has("L") || f.has("c");
        for (let idx = 0; idx < all.length; idx++) {
          const line = all[idx];
          if (count >= max) {
            if (afterLeft > 0 && !quietish && !selected(line)) {
              o.out(`${head(idx, "-")}${line}\n`);
              lastPrinted = idx;
              afterLeft--;
              continue;
            }
            break;
          }
          if (!selected(line)) {
            if (afterLeft > 0 && !quietish) {
              o.out(`${head(idx, "-")}${line}\n`);
              lastPrinted = idx;
              afterLeft--;
            }
            continue;
          }
          count++;
          any = true;
          if (quietish) continue;
          if ((before || after) && printedAny && lastPrinted >= 0 && idx - before > lastPrinted + 1) o.out("--\n");
          if ((before || after) && printedAny && lastPrinted < 0) o.out("--\n");
          for (let b = Math.max(lastPrinted + 1, idx - before); b < idx; b++) o.out(`${head(b, "-")}${all[b]}\n`);
          if (f.has("o") && !f.has("v")) for (const [a, b] of spans(line)) o.out(`${head(idx, ":")}${line.slice(a, b)}\n`);
          else o.out(`${head(idx, ":")}${line}\n`);
          lastPrinted = idx;
          printedAny = true;
          afterLeft = after;
        }
        if (f.has("c")) o.out(`${prefix ? shown + ":" : ""}${count}\n`);
        if (f.has("l") && count) o.out(`${shown}\n`);
        if (f.has("L") && !count) o.out(`${shown}\n`);
        if (f.has("q") && any) break;
      }
    } catch (e) {
      if (e instanceof RegexError) return o.err(`grep: ${e.message}\n`).result(2);
      throw e;
    }
    if (f.has("q")) return { stdout: "", stderr: o.result(0).stderr, exitCode: any ? 0 : errors ? 2 : 1 };
    return o.result(errors ? 2 : any ? 0 : 1);
  },
};

const isW = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);

/** -r: a directory operand stands for every file below it, in path order; without -r it is an error line. */
function expandRecursive(ctx: CommandContext, ops: string[], recursive: boolean, include?: string, exclude?: string): string[] {
  const out: string[] = [];
  const glob = (pat: string, name: string) =>
    globMatch(
      Array.from(pat, (c) => ({ c, lit: false })),
      name,
    );
  const keep = (name: string) => (!include || glob(include, name)) && (!exclude || !glob(exclude, name));
  for (const op of ops) {
    const abs = ctx.resolve(op);
    if (op === "-" || !ctx.fs.isDir(abs)) {
      out.push(op);
      continue;
    }
    if (!recursive) {
      out.push("\0dir:" + op);
      continue;
    }
    const walk = (dirAbs: string, shown: string) => {
      const kids = ctx.fs.readdir(dirAbs);
      for (const k of kids.ok ? kids.value : []) {
        const a = dirAbs === "/" ? `/${k}` : `${dirAbs}/${k}`;
        const s = shown === "." && op === "." ? k : `${shown.replace(/\/$/, "")}/${k}`;
        if (ctx.fs.isDir(a)) walk(a, s);
        else if (keep(k)) out.push(s);
      }
    };
    walk(abs, op);
  }
  return out;
}
