/** printf, seq, yes, rev, tac, nl, fold, paste, column and expr, with GNU's texts. */
import { LIMITS } from "../../core/limits";
import { isShellContext } from "../../shell/shell-context";
import type { Command, CommandContext } from "../../types";
import { bashPrintf, formatFloat, parseSpec } from "./format";
import { Regex, RegexError } from "./regex";
import { strftime } from "./system";
import { cq, fail, getopt, isResult, lines, Out, readOperand, tryHelp } from "./util";

export const printf: Command = {
  name: "printf",
  summary: "format and print data",
  run(ctx) {
    let args = ctx.args;
    let target: string | undefined;
    if (args[0] === "-v") {
      target = args[1];
      args = args.slice(2);
    }
    if (args[0] === "--") args = args.slice(1);
    if (!args.length) return fail("printf: usage: printf [-v var] format [arguments]\n", 2);
    const r = bashPrintf(args[0], args.slice(1), (fmt, sec) => strftime(fmt, sec < 0 ? ctx.now : sec * 1000));
    const stderr = r.errors.map((e) => `bash: printf: ${e}\n`).join("");
    if (target !== undefined) {
      if (isShellContext(ctx)) ctx.shell.setVar(target, r.text);
      return { stdout: "", stderr, exitCode: r.errors.length ? 1 : 0 };
    }
    return { stdout: r.text, stderr, exitCode: r.errors.length ? 1 : 0 };
  },
};

/** Input files or stdin, concatenated, with `cmd: f: why` for missing ones. */
function inputs(ctx: CommandContext, name: string, ops: string[], o: Out): { texts: string[]; code: number } {
  const texts: string[] = [];
  let code = 0;
  for (const f of ops.length ? ops : ["-"]) {
    const r = readOperand(ctx, f);
    if (r.ok) texts.push(r.text);
    else {
      o.err(`${name}: ${f}: ${r.why}\n`);
      code = 1;
    }
  }
  return { texts, code };
}

export const seq: Command = {
  name: "seq",
  summary: "print a sequence of numbers",
  run(ctx) {
    const args = ctx.args.map((a) => (/^-\d/.test(a) || /^-\.\d/.test(a) ? `\0${a}` : a));
    const p = getopt("seq", args, { bool: "w", value: "sf", long: { "equal-width": "w", separator: "s", format: "f" } });
    if (isResult(p)) return p;
    const ops = p.operands.map((a) => a.replace(/^\0/, ""));
    if (!ops.length) return fail(`seq: missing operand\n${tryHelp("seq")}`);
    if (ops.length > 3) return fail(`seq: extra operand ${cq(ops[3])}\n${tryHelp("seq")}`);
    for (const a of ops)
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(a))
        return fail(`seq: invalid floating point argument: ${cq(a)}\n${tryHelp("seq")}`);
    const [first, incr, last] = ops.length === 1 ? ["1", "1", ops[0]] : ops.length === 2 ? [ops[0], "1", ops[1]] : ops;
    const step = Number(incr);
    if (step === 0) return fail(`seq: invalid Zero increment value: ${cq(incr)}\n${tryHelp("seq")}`);
    const decimals = Math.max(...[first, incr].map((a) => (a.includes(".") && !/e/i.test(a) ? a.length - a.indexOf(".") - 1 : 0)));
    const fmt = p.flags.get("f");
    const sep = p.flags.get("s") ?? "\n";
    const a = Number(first);
    const b = Number(last);
    const count = Math.floor((b - a) / step + 1e-10) + 1;
    const nums: string[] = [];
    const spec = fmt !== undefined ? parseSpec(fmt, fmt.indexOf("%")) : undefined;
    for (let i = 0; i < count && nums.length <= LIMITS.maxPipeBytes >> 1; i++) {
      const v = a + i * step;
      if (spec && fmt !== undefined) nums.push(fmt.slice(0, fmt.indexOf("%")) + formatFloat(v, spec.spec) + fmt.slice(spec.end));
      else nums.push(decimals ? v.toFixed(decimals) : Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6))));
    }
    if (p.flags.has("w") && !spec) {
      const w = Math.max(...nums.map((n) => n.length), decimals ? 0 : String(Math.trunc(b)).length);
      for (let i = 0; i < nums.length; i++)
        nums[i] = nums[i].startsWith("-") ? "-" + nums[i].slice(1).padStart(w - 1, "0") : nums[i].padStart(w, "0");
    }
    if (nums.length * 8 > LIMITS.maxPipeBytes) return fail("seq: write error: output too large\n");
    return { stdout: nums.length ? nums.join(sep) + "\n" : "", stderr: "", exitCode: 0 };
  },
};

/** yes: endless in bash; here it writes a bounded amount (enough for any `yes | head`). */
export const yes: Command = {
  name: "yes",
  summary: "output a string repeatedly (a bounded amount here)",
  run(ctx) {
    const line = (ctx.args.length ? ctx.args.join(" ") : "y") + "\n";
    const tty = isShellContext(ctx) && ctx.shell.stdoutIsTerminal;
    const bytes = tty ? LIMITS.maxOutputBytes + 1 : LIMITS.maxPipeBytes >> 1;
    return { stdout: line.repeat(Math.max(1, Math.floor(bytes / line.length))), stderr: "", exitCode: 0 };
  },
};

export const rev: Command = {
  name: "rev",
  summary: "reverse lines characterwise",
  run(ctx) {
    const o = new Out();
    const { texts, code } = inputs(ctx, "rev", ctx.args, o);
    for (const t of texts) {
      const ls = t.split("\n");
      o.out(ls.map((l) => Array.from(l).reverse().join("")).join("\n"));
    }
    return o.result(code);
  },
};

export const tac: Command = {
  name: "tac",
  summary: "concatenate and print files in reverse",
  run(ctx) {
    const o = new Out();
    const { texts, code } = inputs(ctx, "tac", ctx.args, o);
    for (const t of texts) {
      const parts = t.split(/(?<=\n)/);
      if (parts.length && !parts[parts.length - 1].endsWith("\n")) {
        const last = parts.pop() ?? "";
        o.out(last + parts.reverse().join(""));
      } else o.out(parts.reverse().join(""));
    }
    return o.result(code);
  },
};

export const nl: Command = {
  name: "nl",
  summary: "number lines of files",
  run(ctx) {
    const p = getopt("nl", ctx.args, {
      value: "bwsvi",
      long: { "body-numbering": "b", "number-width": "w", "number-separator": "s", "starting-line-number": "v", "line-increment": "i" },
    });
    if (isResult(p)) return p;
    const width = Number(p.flags.get("w") ?? 6);
    const sep = p.flags.get("s") ?? "\t";
    const style = p.flags.get("b") ?? "t";
    let n = Number(p.flags.get("v") ?? 1);
    const inc = Number(p.flags.get("i") ?? 1);
    const o = new Out();
    const { texts, code } = inputs(ctx, "nl", p.operands, o);
    for (const t of texts) {
      for (const l of lines(t)) {
        const number = style === "a" || (style === "t" && l !== "");
        if (number) {
          o.out(`${String(n).padStart(width)}${sep}${l}\n`);
          n += inc;
        } else o.out(`${" ".repeat(width + sep.length)}${l}\n`);
      }
    }
    return o.result(code);
  },
};

export const fold: Command = {
  name: "fold",
  summary: "wrap each input line to fit in specified width",
  run(ctx) {
    const args = ctx.args.map((a) => (/^-\d+$/.test(a) ? `-w${a.slice(1)}` : a));
    const p = getopt("fold", args, { bool: "sb", value: "w", long: { width: "w", spaces: "s", bytes: "b" } });
    if (isResult(p)) return p;
    const w = Number(p.flags.get("w") ?? 80);
    if (!Number.isInteger(w) || w < 1) return fail(`fold: invalid number of columns: ${cq(p.flags.get("w") ?? "")}\n`);
    const o = new Out();
    const { texts, code } = inputs(ctx, "fold", p.operands, o);
    for (const t of texts) {
      o.out(
        t
          .split("\n")
          .map((line) => {
            const out: string[] = [];
            let rest = line;
            while (rest.length > w) {
              let cut = w;
              if (p.flags.has("s")) {
                const sp = rest.lastIndexOf(" ", w - 1);
                if (sp >= 0) cut = sp + 1;
              }
              out.push(rest.slice(0, cut));
              rest = rest.slice(cut);
            }
            out.push(rest);
            return out.join("\n");
          })
          .join("\n"),
      );
    }
    return o.result(code);
  },
};

export const paste: Command = {
  name: "paste",
  summary: "merge lines of files",
  run(ctx) {
    const p = getopt("paste", ctx.args, { bool: "s", value: "d", long: { serial: "s", delimiters: "d" } });
    if (isResult(p)) return p;
    const delims = [...(p.flags.get("d") ?? "\t").replace(/\\n/g, "\n").replace(/\\t/g, "\t").replace(/\\0/g, "")];
    const o = new Out();
    const files: string[][] = [];
    let code = 0;
    const ops = p.operands.length ? p.operands : ["-"];
    // several `-` operands take turns reading lines of the one stdin
    const dashes = ops.filter((f) => f === "-").length;
    const stdinLines = dashes ? lines(ctx.stdin) : [];
    let dash = 0;
    for (const f of ops) {
      if (f === "-") {
        const k = dash++;
        files.push(p.flags.has("s") ? (k === 0 ? stdinLines : []) : stdinLines.filter((_, i) => i % dashes === k));
        continue;
      }
      const r = readOperand(ctx, f);
      if (!r.ok) {
        o.err(`paste: ${f}: ${r.why}\n`);
        code = 1;
        continue;
      }
      files.push(lines(r.text));
    }
    if (code) return o.result(code);
    const join = (cells: string[]) =>
      cells.reduce((acc, c, i) => (i === 0 ? c : acc + (delims.length ? delims[(i - 1) % delims.length] : "") + c), "");
    if (p.flags.has("s")) for (const f of files) o.out(join(f) + "\n");
    else {
      const n = Math.max(0, ...files.map((f) => f.length));
      for (let i = 0; i < n; i++) o.out(join(files.map((f) => f[i] ?? "")) + "\n");
    }
    return o.result(0);
  },
};

export const column: Command = {
  name: "column",
  summary: "columnate lists",
  run(ctx) {
    const p = getopt("column", ctx.args, {
      bool: "txeLJ",
      value: "soNRc",
      long: { table: "t", separator: "s", "output-separator": "o", "table-columns": "N", "table-right": "R", "output-width": "c" },
    });
    if (isResult(p)) return p;
    const o = new Out();
    const { texts, code } = inputs(ctx, "column", p.operands, o);
    const all = texts.flatMap(lines);
    if (!p.flags.has("t")) {
      const items = all.filter((l) => l !== "");
      if (!items.length) return o.result(code);
      // fill columns within 80 characters, one tab stop per column like util-linux column
      const width = Math.max(...items.map((s) => s.length));
      const colw = (Math.floor(width / 8) + 1) * 8;
      const cols = Math.max(1, Math.floor(80 / colw));
      const rows = Math.ceil(items.length / cols);
      for (let r = 0; r < rows; r++) {
        let line = "";
        for (let c = 0; c < cols; c++) {
          const item = items[c * rows + r];
          if (item === undefined) continue;
          const next = items[(c + 1) * rows + r];
          line += next === undefined ? item : item + "\t".repeat(Math.ceil((colw - item.length) / 8));
        }
        o.out(line + "\n");
      }
      return o.result(code);
    }
    const sepChars = p.flags.get("s");
    const outSep = p.flags.get("o") ?? "  ";
    const rows = all
      .filter((l) => l !== "")
      .map((l) => (sepChars === undefined ? l.split(/[ \t]+/).filter((x, i) => x !== "" || i > 0) : splitOn(l, sepChars)))
      .map((r) => (sepChars === undefined && r[0] === "" ? r.slice(1) : r));
    if (p.flags.has("N")) rows.unshift((p.flags.get("N") ?? "").split(","));
    const right = new Set((p.flags.get("R") ?? "").split(",").filter(Boolean).map(Number));
    const n = Math.max(0, ...rows.map((r) => r.length));
    const widths = Array.from({ length: n }, (_, i) => Math.max(0, ...rows.map((r) => Array.from(r[i] ?? "").length)));
    for (const r of rows) {
      // every column but the table's last is padded, even in a row that ends early
      const cells = r.map((cell, i) => {
        const w = widths[i];
        if (right.has(i + 1)) return cell.padStart(w);
        return i === n - 1 ? cell : cell + " ".repeat(w - Array.from(cell).length);
      });
      o.out(cells.join(outSep) + (r.length < n ? outSep : "") + "\n");
    }
    return o.result(code);
  },
};

function splitOn(line: string, chars: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (const c of line) {
    if (chars.includes(c)) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** expr: arithmetic, comparison, `:` regex match, length, substr, index. */
export const expr: Command = {
  name: "expr",
  summary: "evaluate expressions",
  run(ctx) {
    const a = ctx.args;
    let i = 0;
    const err = (m: string): never => {
      throw new ExprError(m);
    };
    const isInt = (s: string) => /^[+-]?\d+$/.test(s);
    const primary = (): string => {
      const t = a[i++];
      if (t === undefined) return err("syntax error: missing argument after " + cq(a[i - 2] ?? ""));
      if (t === "(") {
        const v = orE();
        if (a[i++] !== ")") err("syntax error: expecting ')'");
        return v;
      }
      if (t === "length") return String(Array.from(primary()).length);
      if (t === "substr") {
        const s = primary();
        const pos = Number(primary());
        const len = Number(primary());
        return pos < 1 || len < 1
          ? ""
          : Array.from(s)
              .slice(pos - 1, pos - 1 + len)
              .join("");
      }
      if (t === "index") {
        const s = primary();
        const chars = primary();
        const idx = Array.from(s).findIndex((c) => chars.includes(c));
        return String(idx + 1);
      }
      if (t === "match") {
        const s = primary();
        return match(s, primary());
      }
      return t;
    };
    const match = (s: string, pat: string): string => {
      let re: Regex;
      try {
        re = new Regex(pat.startsWith("^") ? pat : "^" + pat, { ere: false, icase: false });
      } catch (e) {
        if (e instanceof RegexError) return err(e.message);
        throw e;
      }
      const m = re.exec(s);
      if (re.groupCount > 0) return m?.groups[1] ? s.slice(m.groups[1][0], m.groups[1][1]) : "";
      return String(m ? m.end - m.start : 0);
    };
    const colon = (): string => {
      let v = primary();
      while (a[i] === ":") {
        i++;
        v = match(v, primary());
      }
      return v;
    };
    const mul = (): string => {
      let v = colon();
      while (a[i] === "*" || a[i] === "/" || a[i] === "%") {
        const op = a[i++];
        const r = colon();
        if (!isInt(v) || !isInt(r)) err("non-integer argument");
        if (op !== "*" && BigInt(r) === 0n) err("division by zero");
        v = String(op === "*" ? BigInt(v) * BigInt(r) : op === "/" ? BigInt(v) / BigInt(r) : BigInt(v) % BigInt(r));
      }
      return v;
    };
    const add = (): string => {
      let v = mul();
      while (a[i] === "+" || a[i] === "-") {
        const op = a[i++];
        const r = mul();
        if (!isInt(v) || !isInt(r)) err("non-integer argument");
        v = String(op === "+" ? BigInt(v) + BigInt(r) : BigInt(v) - BigInt(r));
      }
      return v;
    };
    const cmp = (): string => {
      let v = add();
      while (["<", "<=", "=", "==", "!=", ">=", ">"].includes(a[i] ?? "")) {
        const op = a[i++];
        const r = add();
        const c = isInt(v) && isInt(r) ? (BigInt(v) < BigInt(r) ? -1 : BigInt(v) > BigInt(r) ? 1 : 0) : v < r ? -1 : v > r ? 1 : 0;
        const res = { "<": c < 0, "<=": c <= 0, "=": c === 0, "==": c === 0, "!=": c !== 0, ">=": c >= 0, ">": c > 0 }[op];
        v = res ? "1" : "0";
      }
      return v;
    };
    const null_ = (v: string) => v === "" || (isInt(v) && BigInt(v) === 0n);
    const andE = (): string => {
      let v = cmp();
      while (a[i] === "&") {
        i++;
        const r = cmp();
        v = null_(v) || null_(r) ? "0" : v;
      }
      return v;
    };
    const orE = (): string => {
      let v = andE();
      while (a[i] === "|") {
        i++;
        const r = andE();
        v = !null_(v) ? v : !null_(r) ? r : "0";
      }
      return v;
    };
    try {
      if (!a.length) return fail(`expr: missing operand\n${tryHelp("expr")}`, 2);
      const v = orE();
      if (i < a.length) return fail(`expr: syntax error: unexpected argument ${cq(a[i])}\n`, 2);
      return { stdout: v + "\n", stderr: "", exitCode: null_(v) ? 1 : 0 };
    } catch (e) {
      if (e instanceof ExprError) return fail(`expr: ${e.message}\n`, 2);
      throw e;
    }
  },
};

class ExprError extends Error {}
