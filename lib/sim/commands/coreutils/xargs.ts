/**
 * xargs [-n N] [-L N] [-I R] [-0] [-d D] [-r] [-t] [-P N] [cmd [args]]: builds command lines from
 * stdin and runs them as simulator commands (never a real process). Exit codes are GNU's: 123
 * when an invocation failed, 127 when the command is unknown.
 */
import { isShellContext } from "../../shell/shell-context";
import type { Command } from "../../types";
import { fail, getopt, isResult, Out, tryHelp } from "./util";
import { quoteForShell } from "../../shell/quote";

/** Splits xargs input: blanks separate, quotes and backslashes group (GNU's default parsing). */
function splitItems(text: string): { items: string[]; error?: string } {
  const items: string[] = [];
  let cur = "";
  let inItem = false;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = "";
      else if (c === "\n")
        return {
          items,
          error: `unmatched ${quote === "'" ? "single" : "double"} quote; by default quotes are special to xargs unless you use the -0 option`,
        };
      else cur += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inItem = true;
    } else if (c === "\\" && i + 1 < text.length) {
      cur += text[++i];
      inItem = true;
    } else if (/\s/.test(c)) {
      if (inItem) items.push(cur);
      cur = "";
      inItem = false;
    } else {
      cur += c;
      inItem = true;
    }
  }
  if (quote)
    return {
      items,
      error: `unmatched ${quote === "'" ? "single" : "double"} quote; by default quotes are special to xargs unless you use the -0 option`,
    };
  if (inItem) items.push(cur);
  return { items };
}

export const xargs: Command = {
  name: "xargs",
  summary: "build and execute command lines from standard input",
  async run(ctx) {
    // options stop at the first operand: that is the command
    let k = 0;
    const needsValue = new Set(["-n", "-L", "-I", "-d", "-P", "-s", "-a", "-E"]);
    while (k < ctx.args.length && ctx.args[k].startsWith("-") && ctx.args[k] !== "--") k += needsValue.has(ctx.args[k]) ? 2 : 1;
    const p = getopt("xargs", ctx.args.slice(0, k), {
      bool: "0rtpx",
      value: "nLIdPsaEi",
      long: {
        null: "0",
        "no-run-if-empty": "r",
        verbose: "t",
        "max-args": "n",
        "max-lines": "L",
        replace: "I",
        delimiter: "d",
        "max-procs": "P",
        "arg-file": "a",
      },
    });
    if (isResult(p)) return p;
    const f = p.flags;
    const cmd = ctx.args.slice(ctx.args[k] === "--" ? k + 1 : k);
    const argv0 = cmd.length ? cmd : ["echo"];
    let input = ctx.stdin;
    if (f.has("a")) {
      const r = ctx.fs.readFile(ctx.resolve(f.get("a") ?? ""));
      if (!r.ok) return fail(`xargs: ${f.get("a")}: No such file or directory\n`, 1);
      input = r.value;
    }
    const replace = f.get("I") ?? (f.has("i") ? "{}" : undefined);
    let items: string[];
    if (f.has("0")) items = input.split("\0").filter((x, i, a) => x !== "" || i < a.length - 1);
    else if (f.has("d")) {
      const d = (f.get("d") ?? "\n").replace(/^\\n$/, "\n").replace(/^\\t$/, "\t");
      items = input.split(d);
      if (items[items.length - 1] === "") items.pop();
    } else if (replace !== undefined)
      items = input
        .split("\n")
        .map((l) => l.replace(/^[ \t]+/, ""))
        .filter((l) => l !== "");
    else {
      const s = splitItems(input);
      if (s.error) return fail(`xargs: ${s.error}\n`, 1);
      items = s.items;
    }
    const n = f.has("n") ? Number(f.get("n")) : f.has("L") ? Number(f.get("L")) : Infinity;
    if (!Number.isInteger(n) && n !== Infinity)
      return fail(`xargs: invalid number "${f.get("n") ?? f.get("L")}" for -n option\n${tryHelp("xargs")}`, 1);
    const o = new Out();
    const groups: string[][] = [];
    if (replace !== undefined) for (const it of items) groups.push(argv0.map((a) => a.split(replace).join(it)));
    else if (!items.length) {
      if (!f.has("r")) groups.push(argv0.slice());
    } else
      for (let i = 0; i < items.length; i += n === Infinity ? items.length : n)
        groups.push([...argv0, ...items.slice(i, n === Infinity ? undefined : i + n)]);
    if (!isShellContext(ctx)) return fail("xargs: cannot run commands here\n", 1);
    let code = 0;
    for (const argv of groups) {
      if (f.has("t") || f.has("p")) o.err(argv.map((a) => quoteForShell(a)).join(" ") + "\n");
      const r = await ctx.shell.exec(argv, "");
      o.out(r.stdout);
      if (r.exitCode === 127) {
        o.err(`xargs: ${argv[0]}: No such file or directory\n`);
        return o.result(127);
      }
      o.err(r.stderr);
      if (r.exitCode === 255) {
        o.err(`xargs: ${argv[0]}: exited with status 255; aborting\n`);
        return o.result(124);
      }
      if (r.exitCode !== 0) code = 123;
    }
    return o.result(code);
  },
};
