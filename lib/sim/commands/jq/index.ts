/**
 * jq 1.6 (the jq of Debian 12 and Ubuntu 22.04): -r -j -c -n -s -e -S -a -R -M -C --tab --indent
 * --arg --argjson --slurpfile --rawfile -f, the filters tutorials use, jq's number printing,
 * colours on a terminal, and its error messages and exit codes (2 usage/input, 3 compile, 5
 * runtime, 1/4 with -e).
 */
import { isShellContext } from "../../shell/shell-context";
import type { Command, ExecResult } from "../../types";
import { BreakOut, evaluate, JqError, type Env, type Runtime } from "./eval";
import { dump, parseStream, type Json, type JsonObject } from "./json";
import { NATIVE_ARITY as NATIVE } from "./natives";
import { JqCompileError, parseJq, type Node } from "./parse";
import { preludeEnv } from "./prelude";

const USAGE = `Usage:\tjq [OPTIONS] FILTER [FILES...]
\tjq [OPTIONS] --args FILTER [STRINGS...]
\tjq [OPTIONS] --jsonargs FILTER [JSON_TEXTS...]

jq is a tool for processing JSON inputs, applying the given filter to
its JSON text inputs and producing the filter's results as JSON on
standard output.

The simplest filter is ., which copies jq's input to its output
unmodified (except for formatting, but note that IEEE754 is used
for number representation internally, with all that that implies).

For more advanced filters see the jq(1) manpage ("man jq")
and/or https://stedolan.github.io/jq

Example:

\t$ echo '{"foo": 0}' | jq .
\t{
\t\t"foo": 0
\t}

For a listing of options, use jq --help.
`;

interface Options {
  raw: boolean;
  join: boolean;
  compact: boolean;
  nullInput: boolean;
  slurp: boolean;
  exit: boolean;
  sort: boolean;
  ascii: boolean;
  rawInput: boolean;
  color: boolean | undefined;
  tab: boolean;
  indent: number;
}

export const jq: Command = {
  name: "jq",
  summary: "command-line JSON processor",
  run(ctx) {
    const args = ctx.args;
    const o: Options = {
      raw: false,
      join: false,
      compact: false,
      nullInput: false,
      slurp: false,
      exit: false,
      sort: false,
      ascii: false,
      rawInput: false,
      color: undefined,
      tab: false,
      indent: 2,
    };
    const named: JsonObject = new Map();
    const positional: Json[] = [];
    let filter: string | undefined;
    const files: string[] = [];
    let restMode: "files" | "args" | "jsonargs" = "files";
    const readText = (f: string) => {
      const r = ctx.fs.readFile(ctx.resolve(f));
      return r.ok ? r.value : undefined;
    };
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (filter !== undefined && restMode !== "files") {
        if (restMode === "args") positional.push(a);
        else {
          const p = parseStream(a);
          if (p.error || p.values.length !== 1)
            return fail(
              `jq: Invalid JSON text passed to --jsonargs\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://stedolan.github.io/jq\n`,
              2,
            );
          positional.push(p.values[0].v);
        }
        continue;
      }
      if (a.startsWith("--")) {
        const take = () => args[++i];
        switch (a) {
          case "--raw-output":
            o.raw = true;
            break;
          case "--join-output":
            o.raw = o.join = true;
            break;
          case "--compact-output":
            o.compact = true;
            break;
          case "--null-input":
            o.nullInput = true;
            break;
          case "--slurp":
            o.slurp = true;
            break;
          case "--exit-status":
            o.exit = true;
            break;
          case "--sort-keys":
            o.sort = true;
            break;
          case "--ascii-output":
            o.ascii = true;
            break;
          case "--raw-input":
            o.rawInput = true;
            break;
          case "--monochrome-output":
            o.color = false;
            break;
          case "--color-output":
            o.color = true;
            break;
          case "--tab":
            o.tab = true;
            break;
          case "--indent": {
            const n = Number(take());
            if (!Number.isInteger(n) || n < 0 || n > 7) return fail("jq: Cannot indent more than 7 characters\n", 2);
            o.indent = n;
            break;
          }
          case "--arg": {
            const k = take();
            const v = take();
            if (k === undefined || v === undefined) return fail("jq: --arg takes two parameters (e.g. --arg varname value)\n", 2);
            named.set(k, v);
            break;
          }
          case "--argjson": {
            const k = take();
            const v = take();
            if (k === undefined || v === undefined) return fail("jq: --argjson takes two parameters (e.g. --argjson varname text)\n", 2);
            const p = parseStream(v);
            if (p.error || p.values.length !== 1)
              return fail(
                `jq: Invalid JSON text passed to --argjson\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://stedolan.github.io/jq\n`,
                2,
              );
            named.set(k, p.values[0].v);
            break;
          }
          case "--slurpfile":
          case "--rawfile": {
            const k = take();
            const f = take();
            if (k === undefined || f === undefined) return fail(`jq: ${a} takes two parameters (e.g. ${a} varname filename)\n`, 2);
            const text = readText(f);
            if (text === undefined) return fail(`jq: error: Could not open ${f}: No such file or directory\n`, 2);
            named.set(k, a === "--rawfile" ? text : parseStream(text).values.map((x) => x.v));
            break;
          }
          case "--args":
            restMode = "args";
            break;
          case "--jsonargs":
            restMode = "jsonargs";
            break;
          case "--version":
            return { stdout: "jq-1.6\n", stderr: "", exitCode: 0 };
          case "--help":
            return { stdout: USAGE, stderr: "", exitCode: 0 };
          case "--seq":
          case "--unbuffered":
          case "--stream":
            break;
          default:
            return fail(`jq: Unknown option: ${a}\n${USAGE}`, 2);
        }
        continue;
      }
      if (a.length > 1 && a.startsWith("-") && (filter === undefined || /^-[a-zA-Z]+$/.test(a))) {
        for (const c of a.slice(1)) {
          switch (c) {
            case "r":
              o.raw = true;
              break;
            case "j":
              o.raw = o.join = true;
              break;
            case "c":
              o.compact = true;
              break;
            case "n":
              o.nullInput = true;
              break;
            case "s":
              o.slurp = true;
              break;
            case "e":
              o.exit = true;
              break;
            case "S":
              o.sort = true;
              break;
            case "a":
              o.ascii = true;
              break;
            case "R":
              o.rawInput = true;
              break;
            case "M":
              o.color = false;
              break;
            case "C":
              o.color = true;
              break;
            case "h":
              return { stdout: USAGE, stderr: "", exitCode: 0 };
            case "f": {
              const f = args[++i];
              const text = f === undefined ? undefined : readText(f);
              if (text === undefined) return fail(`jq: error: Could not open ${f ?? ""}: No such file or directory\n`, 2);
              filter = text;
              break;
            }
            default:
              return fail(`jq: Unknown option: ${a}\n${USAGE}`, 2);
          }
        }
        continue;
      }
      if (filter === undefined) filter = a;
      else files.push(a);
    }
    if (filter === undefined) return fail(USAGE, 2);
    const positionalArr: Json = positional;
    named.set("__prog_args", positionalArr);
    let prog: Node;
    try {
      prog = parseJq(filter);
    } catch (e) {
      if (e instanceof JqCompileError) return fail(`jq: error: ${e.message}\njq: 1 compile error\n`, 3);
      throw e;
    }
    const undefinedName = firstUndefined(prog, preludeEnv(), new Set(named.keys()));
    if (undefinedName)
      return fail(
        `jq: error: ${undefinedName} is not defined at <top-level>, line 1:\n${filter.split("\n")[0]}${" ".repeat(Math.max(0, filter.split("\n")[0].length - 3))}\njq: 1 compile error\n`,
        3,
      );

    let stderr = "";
    let exitCode = 0;
    // inputs: every file (or stdin) parsed as a stream of JSON texts, or lines with -R
    const inputs: { v: Json; where: string }[] = [];
    let inputError: string | undefined;
    const sources = files.length ? files : ["-"];
    for (const f of sources) {
      const text = f === "-" ? ctx.stdin : readText(f);
      if (text === undefined) {
        stderr += `jq: error: Could not open file ${f}: No such file or directory\n`;
        exitCode = 2;
        continue;
      }
      const where = f === "-" ? "<stdin>" : f;
      if (o.rawInput) {
        if (o.slurp) inputs.push({ v: text, where: `${where}:0` });
        else
          for (const line of text.split("\n").filter((l, i, a) => i < a.length - 1 || l !== ""))
            inputs.push({ v: line, where: `${where}:0` });
        continue;
      }
      const parsed = parseStream(text);
      for (const x of parsed.values) inputs.push({ v: x.v, where: `${where}:${x.line}` });
      if (parsed.error) {
        inputError = `parse error: ${parsed.error}\n`;
        break;
      }
    }
    const stream: { v: Json; where: string }[] =
      o.slurp && !o.rawInput ? [{ v: inputs.map((x) => x.v), where: inputs[inputs.length - 1]?.where ?? "<stdin>:0" }] : inputs;
    let next = 0;
    const envObj: JsonObject = new Map(Object.entries(ctx.env));
    const rt: Runtime = {
      steps: 0,
      depth: 0,
      nextInput: () => (next < stream.length ? stream[next++].v : undefined),
      env: envObj,
      stderr: "",
      now: ctx.now,
      filename: files.length ? files[0] : null,
    };
    const base = preludeEnv();
    const env: Env = { vars: new Map([...named, ["ENV", envObj]]), labels: new Map(), funcs: base.funcs };
    const tty = isShellContext(ctx) && ctx.shell.stdoutIsTerminal;
    const color = o.color ?? tty;
    let out = "";
    let last: Json | undefined;
    const emit = (v: Json) => {
      last = v;
      if (o.raw && typeof v === "string") out += v;
      else out += dump(v, { indent: o.compact ? 0 : o.indent, tab: o.tab && !o.compact, sortKeys: o.sort, color, ascii: o.ascii });
      if (!o.join) out += "\n";
    };
    const runOne = (input: Json, where: string) => {
      try {
        for (const v of evaluate(prog, input, env, rt)) emit(v);
      } catch (e) {
        if (e instanceof JqError) {
          const msg =
            typeof e.value === "string"
              ? `jq: error (at ${where}): ${e.value}\n`
              : `jq: error (at ${where}) (not a string): ${dump(e.value, { indent: 0 })}\n`;
          stderr += rt.stderr + msg;
          rt.stderr = "";
          exitCode = 5;
        } else if (e instanceof BreakOut) {
          stderr += `jq: error (at ${where}): break\n`;
          exitCode = 5;
        } else throw e;
      }
    };
    if (o.nullInput) runOne(null, "<unknown>");
    else {
      while (next < stream.length) {
        const item = stream[next++];
        runOne(item.v, item.where);
      }
    }
    stderr += rt.stderr;
    if (inputError) {
      stderr += inputError;
      exitCode = 4;
    }
    if (o.exit && exitCode === 0) exitCode = last === undefined ? 4 : last === null || last === false ? 1 : 0;
    // away from a terminal jq's stdout is block-buffered: its messages on stderr come out first
    const chunks: { fd: 1 | 2; text: string }[] = tty
      ? [
          { fd: 1, text: out },
          { fd: 2, text: stderr },
        ]
      : [
          { fd: 2, text: stderr },
          { fd: 1, text: out },
        ];
    return { stdout: out, stderr, exitCode, chunks: chunks.filter((c) => c.text) };
  },
};

function fail(stderr: string, exitCode: number): ExecResult {
  return { stdout: "", stderr, exitCode };
}

/** jq refuses at compile time a call to a function nobody defined (`foo/0 is not defined`). */
function firstUndefined(n: Node, env: Env, vars: Set<string>, defined: Set<string> = new Set()): string | undefined {
  const check = (m: Node | undefined, d = defined): string | undefined => (m ? firstUndefined(m, env, vars, d) : undefined);
  switch (n.k) {
    case "call": {
      const key = `${n.name}/${n.args.length}`;
      if (!defined.has(key) && !env.funcs.has(key) && !NATIVE.has(key)) return key;
      for (const a of n.args) {
        const r = check(a);
        if (r) return r;
      }
      return undefined;
    }
    case "def": {
      const inner = new Set(defined);
      inner.add(`${n.name}/${n.params.length}`);
      const bodyScope = new Set(inner);
      for (const p of n.params) bodyScope.add(`${p.replace(/^\$/, "")}/0`);
      return check(n.body, bodyScope) ?? check(n.rest, inner);
    }
    default:
      for (const child of children(n)) {
        const r = check(child);
        if (r) return r;
      }
      return undefined;
  }
}

/** Every sub-expression of a node (directly, in lists, and in list entries like object keys). */
function children(n: Node): Node[] {
  const out: Node[] = [];
  const isNode = (x: unknown): x is Node => typeof x === "object" && x !== null && "k" in x;
  for (const v of Object.values(n) as unknown[]) {
    if (isNode(v)) out.push(v);
    else if (Array.isArray(v))
      for (const x of v as unknown[]) {
        if (isNode(x)) out.push(x);
        else if (typeof x === "object" && x !== null) for (const y of Object.values(x) as unknown[]) if (isNode(y)) out.push(y);
      }
  }
  return out;
}
