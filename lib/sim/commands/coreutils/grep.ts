/** grep [-i -v -n -c -E -F -o -w -q -l -h -H -r -e PATTERN] over files or stdin, on the linear-time Regex. */
import type { Command, CommandContext } from "../../types";
import { Regex, RegexError } from "./regex";
import { getopt, isResult, lines, Out, readOperand } from "./util";

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";

export const grep: Command = {
  name: "grep",
  summary: "print lines that match patterns",
  run(ctx) {
    const p = getopt("grep", ctx.args, {
      bool: "ivncEFowqlhHrsx",
      value: "e",
      long: { "ignore-case": "i", "invert-match": "v", "line-number": "n", count: "c", "extended-regexp": "E", "fixed-strings": "F", "only-matching": "o", "word-regexp": "w", quiet: "q", silent: "q", "files-with-matches": "l", regexp: "e", color: "color", colour: "color" },
      longValue: [],
    }, 2);
    if (isResult(p)) return { ...p, stderr: p.stderr.replace(/Try 'grep --help'.*\n$/, "") + USAGE.split("\n")[0] + "\n" + "Try 'grep --help' for more information.\n" };
    const f = p.flags;
    const ops = p.operands.slice();
    const pattern = f.has("e") ? f.get("e")! : ops.shift();
    if (pattern === undefined) return { stdout: "", stderr: USAGE, exitCode: 2 };
    const icase = f.has("i");
    let re: Regex | undefined;
    const fixed = f.has("F");
    try {
      // grep treats a newline-separated pattern list as alternatives
      if (!fixed) re = new Regex(pattern.split("\n").join(f.has("E") ? "|" : "\\|"), { ere: f.has("E"), icase });
    } catch (e) {
      if (e instanceof RegexError) return { stdout: "", stderr: `grep: ${e.message}\n`, exitCode: 2 };
      throw e;
    }
    const matchesIn = (line: string): [number, number][] => {
      const spans: [number, number][] = [];
      if (fixed) {
        const hay = icase ? line.toLowerCase() : line;
        const needle = icase ? pattern.toLowerCase() : pattern;
        for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + Math.max(1, needle.length))) spans.push([i, i + needle.length]);
        return spans;
      }
      for (let s = 0; s <= line.length; ) {
        const ends = re!.run(line, s, false).filter((e) => !f.has("w") || (!isW(line[s - 1]) && !isW(line[e]) && e > s));
        const best = ends.length ? Math.max(...ends) : -1;
        if (best < 0 || (best === s && !f.has("o") && false)) s++;
        else {
          spans.push([s, best]);
          s = best > s ? best : s + 1;
          if (!f.has("o")) break;
        }
      }
      return spans;
    };
    const selected = (line: string) => {
      if (!f.has("w") && !f.has("o") && !f.has("x") && re) return re.test(line);
      const spans = matchesIn(line);
      return f.has("x") ? spans.some(([a, b]) => a === 0 && b === line.length) || (re ? re.run(line, 0, false).includes(line.length) : false) : spans.length > 0;
    };
    const files = expandRecursive(ctx, ops.length ? ops : [f.has("r") ? "." : "-"], f.has("r"));
    const prefix = (files.length > 1 || f.has("H") || f.has("r")) && !f.has("h");
    const o = new Out();
    let any = false;
    let errors = false;
    try {
      for (const file of files) {
        const r = readOperand(ctx, file);
        const shown = file === "-" ? "(standard input)" : file;
        if (!r.ok) {
          if (!f.has("s")) o.err(`grep: ${file}: ${r.why}\n`);
          errors = true;
          continue;
        }
        let count = 0;
        lines(r.text).forEach((line, idx) => {
          if (selected(line) === f.has("v")) return;
          count++;
          any = true;
          if (f.has("q") || f.has("l") || f.has("c")) return;
          const head = `${prefix ? shown + ":" : ""}${f.has("n") ? idx + 1 + ":" : ""}`;
          if (f.has("o") && !f.has("v")) for (const [a, b] of matchesIn(line)) o.out(`${head}${line.slice(a, b)}\n`);
          else o.out(`${head}${line}\n`);
        });
        if (f.has("c")) o.out(`${prefix ? shown + ":" : ""}${count}\n`);
        if (f.has("l") && count) o.out(`${shown}\n`);
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

/** -r: a directory operand stands for every file below it, in path order. */
function expandRecursive(ctx: CommandContext, ops: string[], recursive: boolean): string[] {
  if (!recursive) return ops;
  const out: string[] = [];
  for (const op of ops) {
    const abs = ctx.resolve(op);
    if (op === "-" || !ctx.fs.isDir(abs)) {
      out.push(op);
      continue;
    }
    const walk = (dirAbs: string, shown: string) => {
      const kids = ctx.fs.readdir(dirAbs);
      for (const k of kids.ok ? kids.value : []) {
        const a = dirAbs === "/" ? `/${k}` : `${dirAbs}/${k}`;
        const s = shown === "." && op === "." ? k : `${shown.replace(/\/$/, "")}/${k}`;
        if (ctx.fs.isDir(a)) walk(a, s);
        else out.push(s);
      }
    };
    walk(abs, op);
  }
  return out;
}
