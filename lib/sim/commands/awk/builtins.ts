/** awk's built-in functions and printf/sprintf, with mawk 1.3.4 20200120's edge behaviour (substr, %d clamping). */
import { formatFloat, formatInt, parseSpec } from "../coreutils/format";
import { strftime } from "../coreutils/system";
import type { Expr, LValue } from "./ast";
import { splitRegex } from "./io";
import { AwkError, PrintfError } from "./errors";
import type { Awk } from "./runtime";
import { dToI, fromInput, toNum, type Val } from "./values";

export function awkSprintf(awk: Awk, vals: Val[], what: "printf" | "sprintf"): string {
  const fmt = awk.str(vals[0]);
  let ai = 1;
  let out = "";
  const next = (): Val => {
    if (ai >= vals.length) throw new PrintfError(`not enough arguments passed to ${what}("${fmt}")`, out);
    return vals[ai++];
  };
  for (let i = 0; i < fmt.length;) {
    const c = fmt[i];
    if (c !== "%") {
      out += c;
      i++;
      continue;
    }
    const p = parseSpec(fmt, i);
    if (!p || p.spec.conv === "b" || p.spec.conv === "q" || p.spec.conv.startsWith("(")) {
      out += c;
      i++;
      continue;
    }
    i = p.end;
    const spec = { ...p.spec };
    if (spec.conv === "%") {
      out += "%";
      continue;
    }
    if (p.widthStar) {
      const w = dToI(toNum(next()));
      if (w < 0) spec.flags += "-";
      spec.width = Math.abs(w);
    }
    if (p.precStar) spec.precision = dToI(toNum(next()));
    const v = next();
    switch (spec.conv) {
      case "c": {
        const ch = typeof v === "number" ? String.fromCharCode(dToI(v) & 0xff) : awk.str(v).slice(0, 1);
        out += spec.width ? (spec.flags.includes("-") ? ch.padEnd(spec.width) : ch.padStart(spec.width)) : ch;
        break;
      }
      case "s": {
        const s = awk.str(v);
        const t = spec.precision !== undefined ? s.slice(0, spec.precision) : s;
        out += spec.width ? (spec.flags.includes("-") ? t.padEnd(spec.width) : t.padStart(spec.width)) : t;
        break;
      }
      case "d":
      case "i":
        out += formatInt(BigInt(dToI(toNum(v))), { ...spec, conv: "d" });
        break;
      case "o":
      case "x":
      case "X":
      case "u":
        out += formatInt(BigInt(Math.trunc(toNum(v))), spec);
        break;
      default:
        out += formatFloat(toNum(v), { ...spec, conv: spec.conv === "a" ? "e" : spec.conv === "A" ? "E" : spec.conv });
    }
  }
  return out;
}

const isLvalue = (e: Expr): e is LValue => e.k === "var" || e.k === "field" || e.k === "index";

/** sub/gsub's replacement: `&` is the match, `\&` a literal ampersand, `\\` a backslash. */
function expand(repl: string, matched: string): string {
  let out = "";
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i];
    if (c === "\\" && (repl[i + 1] === "&" || repl[i + 1] === "\\")) {
      out += repl[++i];
    } else if (c === "&") out += matched;
    else out += c;
  }
  return out;
}

function substitute(awk: Awk, args: Expr[], global: boolean): number {
  const re = args[0].k === "regex" ? awk.regex(args[0].src) : awk.regex(awk.str(awk.evaluate(args[0])));
  const repl = awk.str(awk.evaluate(args[1]));
  const target: Expr = args[2] ?? { k: "field", e: { k: "num", v: 0 } };
  const s = awk.str(awk.evaluate(target));
  let out = "";
  let pos = 0;
  let count = 0;
  let lastEnd = -1;
  while (pos <= s.length) {
    const m = re.exec(s, pos, pos > 0);
    if (!m) break;
    if (m.end === m.start) {
      // an empty match right after a replaced one does not count
      if (m.start === lastEnd) {
        if (m.start >= s.length) break;
        out += s.slice(pos, m.start + 1);
        pos = m.start + 1;
        continue;
      }
      out += s.slice(pos, m.start) + expand(repl, "");
      count++;
      if (m.start >= s.length) {
        pos = s.length + 1;
        break;
      }
      out += s[m.start];
      pos = m.start + 1;
    } else {
      out += s.slice(pos, m.start) + expand(repl, s.slice(m.start, m.end));
      count++;
      pos = lastEnd = m.end;
    }
    if (!global) break;
  }
  if (!count) return 0;
  out += s.slice(Math.min(pos, s.length));
  if (isLvalue(target)) awk.store(target, out);
  return count;
}

export function callBuiltin(awk: Awk, name: string, args: Expr[]): Val {
  const num = (i: number) => toNum(awk.evaluate(args[i]));
  const str = (i: number) => awk.str(awk.evaluate(args[i]));
  switch (name) {
    case "length": {
      if (!args.length) return awk.str(awk.getField(0)).length;
      const a = args[0];
      if (a.k === "var" && awk.isArray(a.name)) return awk.array(a.name).size;
      return str(0).length;
    }
    case "substr": {
      const s = str(0);
      let i = Math.trunc(num(1));
      let n = args.length > 2 ? Math.trunc(num(2)) : s.length + 1;
      if (Number.isNaN(i)) i = 1;
      if (i < 1) {
        // mawk 1.3.4 20200120 widens the length by the distance below 1 (substr("hello", 0, 2) is "he")
        if (args.length > 2) n -= i;
        i = 1;
      }
      return n <= 0 ? "" : s.slice(i - 1, i - 1 + n);
    }
    case "index": {
      const t = str(1);
      return t === "" ? 0 : str(0).indexOf(t) + 1;
    }
    case "split": {
      const s = str(0);
      const arrExpr = args[1];
      if (arrExpr?.k !== "var") throw new AwkError("split: second argument must be an array");
      const arr = awk.array(arrExpr.name);
      arr.clear();
      let parts: string[];
      if (s === "") parts = [];
      else if (args.length > 2 && args[2].k === "regex") parts = splitRegex(s, awk.regex(args[2].src));
      else {
        const sep = args.length > 2 ? str(2) : awk.str(awk.getVar("FS"));
        if (sep === " ") {
          const t = s.replace(/^[ \t\n]+|[ \t\n]+$/g, "");
          parts = t === "" ? [] : t.split(/[ \t\n]+/);
        } else if (sep === "") parts = Array.from(s);
        else if (sep.length === 1 && sep !== "\\") parts = s.split(sep);
        else parts = splitRegex(s, awk.regex(sep));
      }
      parts.forEach((p, i) => arr.set(String(i + 1), fromInput(p)));
      return parts.length;
    }
    case "sub":
    case "gsub":
      if (args.length < 2) throw new AwkError(`${name} requires at least 2 arguments`);
      return substitute(awk, args, name === "gsub");
    case "match": {
      const s = str(0);
      const re = args[1].k === "regex" ? awk.regex(args[1].src) : awk.regex(str(1));
      const m = re.exec(s);
      const start = m ? m.start + 1 : 0;
      awk.setVar("RSTART", start);
      awk.setVar("RLENGTH", m ? m.end - m.start : -1);
      return start;
    }
    case "sprintf":
      if (!args.length) throw new AwkError("sprintf requires at least one argument");
      return awkSprintf(
        awk,
        args.map((a) => awk.evaluate(a)),
        "sprintf",
      );
    case "sin":
      return Math.sin(num(0));
    case "cos":
      return Math.cos(num(0));
    case "atan2":
      return Math.atan2(num(0), num(1));
    case "exp":
      return Math.exp(num(0));
    case "log":
      return Math.log(num(0));
    case "sqrt":
      return Math.sqrt(num(0));
    case "int":
      return Math.trunc(num(0));
    case "rand": {
      // a 31-bit LCG; mawk seeds from the clock, so no fixed sequence is expected
      awk.randState = (Math.imul(awk.randState, 1103515245) + 12345) & 0x7fffffff;
      return awk.randState / 0x80000000;
    }
    case "srand": {
      const prev = awk.randSeed;
      awk.randSeed = args.length ? num(0) : Math.floor(awk.now() / 1000);
      awk.randState = Math.trunc(awk.randSeed) & 0x7fffffff;
      return prev;
    }
    case "tolower":
      return str(0).replace(/[A-Z]+/g, (m) => m.toLowerCase());
    case "toupper":
      return str(0).replace(/[a-z]+/g, (m) => m.toUpperCase());
    case "system": {
      const r = awk.runCommand(str(0), "");
      awk.out += r.stdout;
      return r.exitCode;
    }
    case "close":
      return awk.close(str(0));
    case "fflush":
      return 0;
    case "systime":
      return Math.floor(awk.now() / 1000);
    case "strftime": {
      const fmt = args.length ? str(0) : "%c";
      const t = args.length > 1 ? num(1) : Math.floor(awk.now() / 1000);
      return strftime(fmt === "%c" ? "%a %b %e %H:%M:%S %Y" : fmt, t * 1000);
    }
    case "mktime": {
      const p = str(0).trim().split(/\s+/).map(Number);
      if (p.length < 6 || p.some((x) => Number.isNaN(x))) return -1;
      return Date.UTC(p[0], p[1] - 1, p[2], p[3], p[4], p[5]) / 1000;
    }
    default:
      throw new AwkError(`function ${name} never defined`);
  }
}
