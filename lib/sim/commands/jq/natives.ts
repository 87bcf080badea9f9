/** jq 1.6's builtins implemented natively (the ones jq writes in jq are in prelude.ts). */
import { Regex, RegexError } from "../coreutils/regex";
import { strftime } from "../coreutils/system";
import {
  arith,
  delpaths,
  described,
  evaluate,
  getpath,
  indexValue,
  indices,
  JqError,
  paths,
  recurseValues,
  setpath,
  tick,
  truthy,
  typeName,
  type Env,
  type Runtime,
} from "./eval";
import { compareJson, compareStrings, dump, isObject, JsonParseError, numberText, parseStream, type Json, type JsonObject } from "./json";
import type { Node } from "./parse";

export const NATIVE_ARITY = new Set([
  "length/0",
  "utf8bytelength/0",
  "not/0",
  "keys/0",
  "keys_unsorted/0",
  "type/0",
  "tostring/0",
  "tonumber/0",
  "tojson/0",
  "fromjson/0",
  "ascii_downcase/0",
  "ascii_upcase/0",
  "explode/0",
  "implode/0",
  "sort/0",
  "unique/0",
  "min/0",
  "max/0",
  "reverse/0",
  "floor/0",
  "sqrt/0",
  "round/0",
  "ceil/0",
  "fabs/0",
  "log/0",
  "log2/0",
  "log10/0",
  "exp/0",
  "exp2/0",
  "exp10/0",
  "trunc/0",
  "significand/0",
  "infinite/0",
  "nan/0",
  "isinfinite/0",
  "isnan/0",
  "isnormal/0",
  "empty/0",
  "error/0",
  "error/1",
  "input/0",
  "inputs/0",
  "debug/0",
  "stderr/0",
  "input_filename/0",
  "now/0",
  "mktime/0",
  "gmtime/0",
  "localtime/0",
  "builtins/0",
  "halt/0",
  "halt_error/0",
  "halt_error/1",
  "input_line_number/0",
  "has/1",
  "contains/1",
  "startswith/1",
  "endswith/1",
  "ltrimstr/1",
  "rtrimstr/1",
  "split/1",
  "split/2",
  "test/1",
  "test/2",
  "match/1",
  "match/2",
  "capture/1",
  "capture/2",
  "scan/1",
  "scan/2",
  "sub/2",
  "sub/3",
  "gsub/2",
  "gsub/3",
  "getpath/1",
  "setpath/2",
  "delpaths/1",
  "path/1",
  "range/2",
  "range/3",
  "sort_by/1",
  "group_by/1",
  "unique_by/1",
  "min_by/1",
  "max_by/1",
  "indices/1",
  "index/1",
  "rindex/1",
  "flatten/1",
  "strftime/1",
  "strptime/1",
  "limit/2",
  "first/1",
  "last/1",
  "until/2",
  "pow/2",
  "atan2/2",
  "tostream/0",
  "ltrimstr/1",
  "splits/1",
  "splits/2",
  "join/1",
  "getpath/1",
  "env/0",
  "ascii/0",
  "todate/0",
  "fromdate/0",
  "dateadd/2",
  "min_by/1",
  "recurse/0",
  "tojson/0",
  "add/0",
  "any/0",
  "all/0",
  "to_entries/0",
  "from_entries/0",
  "paths/0",
  "leaf_paths/0",
  "toarray/0",
]);

function* vals(args: Node[], input: Json, env: Env, rt: Runtime): Generator<Json[]> {
  const go = function* (i: number, acc: Json[]): Generator<Json[]> {
    if (i < 0) {
      yield acc;
      return;
    }
    for (const v of evaluate(args[i], input, env, rt)) yield* go(i - 1, [v, ...acc]);
  };
  yield* go(args.length - 1, []);
}

const str = (v: Json, what: string): string => {
  if (typeof v !== "string") throw new JqError(what);
  return v;
};

function regexFor(re: Json, flags: Json): { re: Regex; global: boolean; noEmpty: boolean } {
  if (typeof re !== "string") throw new JqError(`${described(re)} cannot be matched, as it is not a string`);
  const f = flags === null ? "" : typeof flags === "string" ? flags : "";
  if (flags !== null && typeof flags !== "string") throw new JqError(`${described(flags)} is not a string`);
  for (const c of f) if (!"gimnpsxl".includes(c)) throw new JqError(`${f} is not a valid modifier string`);
  try {
    return { re: new Regex(re, { ere: true, icase: f.includes("i"), perl: true }), global: f.includes("g"), noEmpty: f.includes("n") };
  } catch (e) {
    if (e instanceof RegexError) throw new JqError(`${re} (at offset 0) is not a valid regex: ${e.message}`);
    throw e;
  }
}

/** jq's match objects: offset, length, string, captures (offsets in code points). */
function matches(s: string, re: Regex, global: boolean, noEmpty: boolean): JsonObject[] {
  const out: JsonObject[] = [];
  const cp = (i: number) => Array.from(s.slice(0, i)).length;
  for (let at = 0; at <= s.length;) {
    const m = re.exec(s, at, at > 0);
    if (!m) break;
    if (!(noEmpty && m.end === m.start)) {
      const captures: Json[] = [];
      for (let g = 1; g <= re.groupCount; g++) {
        const span = m.groups[g];
        captures.push(
          new Map<string, Json>([
            ["offset", span ? cp(span[0]) : -1],
            ["length", span ? cp(span[1]) - cp(span[0]) : 0],
            ["string", span ? s.slice(span[0], span[1]) : null],
            ["name", re.groupNames[g] ?? null],
          ]),
        );
      }
      out.push(
        new Map<string, Json>([
          ["offset", cp(m.start)],
          ["length", cp(m.end) - cp(m.start)],
          ["string", s.slice(m.start, m.end)],
          ["captures", captures],
        ]),
      );
    }
    if (!global) break;
    at = m.end > m.start ? m.end : m.end + 1;
  }
  return out;
}

function captureObject(m: JsonObject): JsonObject {
  const o: JsonObject = new Map();
  const caps = m.get("captures");
  for (const c of Array.isArray(caps) ? caps : []) {
    if (isObject(c)) {
      const name = c.get("name");
      if (typeof name === "string") o.set(name, c.get("string") ?? null);
    }
  }
  return o;
}

function sortByKeys(arr: Json, keysOf: (v: Json) => Json[]): { v: Json; k: Json[] }[] {
  if (!Array.isArray(arr)) throw new JqError(`Cannot index ${typeName(arr)} with number`);
  return arr.map((v) => ({ v, k: keysOf(v) })).sort((a, b) => compareJson(a.k, b.k));
}

function flatten(v: Json[], depth: number): Json[] {
  const out: Json[] = [];
  for (const x of v) {
    if (Array.isArray(x) && depth > 0) out.push(...flatten(x, depth - 1));
    else out.push(x);
  }
  return out;
}

function gmtime(sec: number): Json[] {
  const d = new Date(sec * 1000);
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  return [
    d.getUTCFullYear(),
    d.getUTCMonth(),
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds() + (sec % 1),
    d.getUTCDay(),
    Math.floor((d.getTime() - start) / 86_400_000),
  ];
}

function brokenDown(v: Json): number {
  if (!Array.isArray(v) || v.length < 6 || v.slice(0, 6).some((x) => typeof x !== "number"))
    throw new JqError("mktime requires array of 6 numbers");
  const [y, mo, d, h, mi, s] = v as number[];
  return Math.floor(Date.UTC(y, mo, d, h, mi, Math.floor(s)) / 1000);
}

function strptime(s: string, fmt: string): Json {
  if (fmt === "%Y-%m-%dT%H:%M:%SZ") {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(s);
    if (!m) throw new JqError(`date "${s}" does not match format "${fmt}"`);
    return gmtime(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) / 1000);
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (fmt === "%Y-%m-%d" && m) return gmtime(Date.UTC(+m[1], +m[2] - 1, +m[3]) / 1000);
  throw new JqError(`date "${s}" does not match format "${fmt}"`);
}

const toNumberText = (s: string): number => {
  const parsed = parseStream(s);
  if (parsed.error || parsed.values.length !== 1 || typeof parsed.values[0].v !== "number") {
    const msg = parsed.error ?? "Invalid numeric literal";
    throw new JqError(`${msg.replace(/ at line \d+, column \d+$/, "")} at EOF at line 1, column ${s.length} (while parsing '${s}')`);
  }
  return parsed.values[0].v;
};

export function* nativeBuiltin(name: string, args: Node[], input: Json, env: Env, rt: Runtime): Generator<Json> {
  tick(rt);
  const v = input;
  switch (`${name}/${args.length}`) {
    case "empty/0":
      return;
    case "not/0":
      yield !truthy(v);
      return;
    case "length/0":
      if (v === null) yield 0;
      else if (typeof v === "boolean") throw new JqError(`${described(v)} has no length`);
      else if (typeof v === "number") yield Math.abs(v);
      else if (typeof v === "string") yield Array.from(v).length;
      else yield Array.isArray(v) ? v.length : v.size;
      return;
    case "utf8bytelength/0":
      yield Buffer.byteLength(str(v, `${described(v)} only strings have UTF-8 byte length`));
      return;
    case "keys/0":
    case "keys_unsorted/0":
      if (isObject(v)) yield name === "keys" ? [...v.keys()].sort(compareStrings) : [...v.keys()];
      else if (Array.isArray(v)) yield v.map((_, i) => i);
      else throw new JqError(`${described(v)} has no keys`);
      return;
    case "type/0":
      yield typeName(v);
      return;
    case "tostring/0":
      yield typeof v === "string" ? v : dump(v, { indent: 0 });
      return;
    case "tojson/0":
      yield dump(v, { indent: 0 });
      return;
    case "fromjson/0": {
      const s = str(v, `${described(v)} cannot be parsed as JSON`);
      const r = parseStream(s);
      if (r.error) throw new JqError(`${r.error} (while parsing '${s}')`);
      yield r.values[0]?.v ?? null;
      return;
    }
    case "tonumber/0":
      if (typeof v === "number") yield v;
      else if (typeof v === "string") yield toNumberText(v);
      else throw new JqError(`${described(v)} cannot be parsed as a number`);
      return;
    case "ascii_downcase/0":
    case "ascii_upcase/0": {
      const s = str(v, `${name} input must be a string`);
      yield name === "ascii_upcase" ? s.replace(/[a-z]+/g, (m) => m.toUpperCase()) : s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
      return;
    }
    case "explode/0":
      yield Array.from(str(v, `${described(v)} cannot be exploded`), (c) => c.codePointAt(0) ?? 0);
      return;
    case "implode/0":
      if (!Array.isArray(v)) throw new JqError("Cannot implode an array");
      yield v.map((c) => String.fromCodePoint(Number(c))).join("");
      return;
    case "sort/0":
      if (!Array.isArray(v)) throw new JqError(`${described(v)} cannot be sorted, as it is not an array`);
      yield v.slice().sort(compareJson);
      return;
    case "unique/0":
      if (!Array.isArray(v)) throw new JqError(`${described(v)} cannot be sorted, as it is not an array`);
      yield v
        .slice()
        .sort(compareJson)
        .filter((x, i, a) => i === 0 || compareJson(a[i - 1], x) !== 0);
      return;
    case "min/0":
    case "max/0": {
      if (!Array.isArray(v)) throw new JqError(`${described(v)} cannot be sorted, as it is not an array`);
      if (!v.length) {
        yield null;
        return;
      }
      let best = v[0];
      for (const x of v) if (name === "min" ? compareJson(x, best) < 0 : compareJson(x, best) >= 0) best = x;
      yield best;
      return;
    }
    case "reverse/0":
      if (typeof v === "string") yield Array.from(v).reverse().join("");
      else if (v === null) yield [];
      else if (Array.isArray(v)) yield v.slice().reverse();
      else throw new JqError(`Cannot index ${typeName(v)} with number`);
      return;
    case "floor/0":
    case "sqrt/0":
    case "round/0":
    case "ceil/0":
    case "fabs/0":
    case "log/0":
    case "log2/0":
    case "log10/0":
    case "exp/0":
    case "exp2/0":
    case "exp10/0":
    case "trunc/0":
    case "significand/0": {
      if (typeof v !== "number") throw new JqError(`${described(v)} number required`);
      const f: Record<string, (x: number) => number> = {
        floor: Math.floor,
        sqrt: Math.sqrt,
        round: (x) => Math.sign(x) * Math.round(Math.abs(x)),
        ceil: Math.ceil,
        fabs: Math.abs,
        log: Math.log,
        log2: Math.log2,
        log10: Math.log10,
        exp: Math.exp,
        exp2: (x) => 2 ** x,
        exp10: (x) => 10 ** x,
        trunc: Math.trunc,
        significand: (x) => (x === 0 ? 0 : x / 2 ** Math.floor(Math.log2(Math.abs(x)))),
      };
      yield f[name](v);
      return;
    }
    case "infinite/0":
      yield Infinity;
      return;
    case "nan/0":
      yield NaN;
      return;
    case "isinfinite/0":
      yield typeof v === "number" && !Number.isFinite(v) && !Number.isNaN(v);
      return;
    case "isnan/0":
      yield typeof v === "number" && Number.isNaN(v);
      return;
    case "isnormal/0":
      yield typeof v === "number" && Number.isFinite(v) && v !== 0;
      return;
    case "error/0":
      throw new JqError(v);
    case "error/1":
      for (const [m] of vals(args, v, env, rt)) throw new JqError(m);
      return;
    case "input/0": {
      const next = rt.nextInput();
      if (next === undefined) throw new JqError("No more inputs");
      yield next;
      return;
    }
    case "inputs/0":
      for (let next = rt.nextInput(); next !== undefined; next = rt.nextInput()) yield next;
      return;
    case "debug/0":
      rt.stderr += `["DEBUG:",${dump(v, { indent: 0 })}]\n`;
      yield v;
      return;
    case "stderr/0":
      rt.stderr += dump(v, { indent: 0 });
      yield v;
      return;
    case "input_filename/0":
      yield rt.filename;
      return;
    case "input_line_number/0":
      yield 0;
      return;
    case "now/0":
      yield rt.now / 1000;
      return;
    case "mktime/0":
      yield brokenDown(v);
      return;
    case "gmtime/0":
    case "localtime/0":
      if (typeof v !== "number") throw new JqError("gmtime() requires a number");
      yield gmtime(v);
      return;
    case "todate/0":
      if (typeof v !== "number") throw new JqError("strftime/1 requires parsed datetime inputs");
      yield strftime("%Y-%m-%dT%H:%M:%SZ", v * 1000);
      return;
    case "fromdate/0":
      yield brokenDown(strptime(str(v, "strptime/1 requires string inputs and arguments"), "%Y-%m-%dT%H:%M:%SZ"));
      return;
    case "strftime/1":
      for (const [fmt] of vals(args, v, env, rt)) {
        const t = typeof v === "number" ? v : brokenDown(v);
        yield strftime(str(fmt, "strftime/1 requires a string format"), t * 1000);
      }
      return;
    case "strptime/1":
      for (const [fmt] of vals(args, v, env, rt))
        yield strptime(
          str(v, "strptime/1 requires string inputs and arguments"),
          str(fmt, "strptime/1 requires string inputs and arguments"),
        );
      return;
    case "builtins/0":
      yield [...NATIVE_ARITY];
      return;
    case "halt/0":
      throw new JqError("halt");
    case "env/0":
      yield rt.env;
      return;
    case "has/1":
      for (const [k] of vals(args, v, env, rt)) {
        if (isObject(v) && typeof k === "string") yield v.has(k);
        else if (Array.isArray(v) && typeof k === "number") yield k >= 0 && k < v.length;
        else throw new JqError(`Cannot check whether ${typeName(v)} has a ${typeName(k)} key`);
      }
      return;
    case "contains/1":
      for (const [b] of vals(args, v, env, rt)) yield contains(v, b);
      return;
    case "startswith/1":
    case "endswith/1":
      for (const [b] of vals(args, v, env, rt)) {
        if (typeof v !== "string" || typeof b !== "string") throw new JqError(`${name}() requires string inputs`);
        yield name === "startswith" ? v.startsWith(b) : v.endsWith(b);
      }
      return;
    case "ltrimstr/1":
    case "rtrimstr/1":
      for (const [b] of vals(args, v, env, rt)) {
        if (typeof v === "string" && typeof b === "string" && (name === "ltrimstr" ? v.startsWith(b) : v.endsWith(b)))
          yield name === "ltrimstr" ? v.slice(b.length) : v.slice(0, v.length - b.length);
        else yield v;
      }
      return;
    case "split/1":
      for (const [sep] of vals(args, v, env, rt)) {
        if (typeof v !== "string" || typeof sep !== "string") throw new JqError("split input and separator must be strings");
        yield v === "" ? [] : sep === "" ? Array.from(v) : v.split(sep);
      }
      return;
    case "join/1":
      for (const [sep] of vals(args, v, env, rt)) {
        if (!Array.isArray(v)) throw new JqError(`Cannot iterate over ${described(v)}`);
        const s = str(sep, `${described(sep)} and ... cannot be added`);
        yield v
          .map((x) => {
            if (x === null) return "";
            if (typeof x === "string") return x;
            if (typeof x === "number" || typeof x === "boolean") return typeof x === "number" ? numberText(x) : String(x);
            throw new JqError(`Cannot join with ${typeName(x)}`);
          })
          .join(s);
      }
      return;
    case "test/1":
    case "test/2":
    case "match/1":
    case "match/2":
    case "capture/1":
    case "capture/2":
    case "scan/1":
    case "scan/2":
    case "split/2":
    case "splits/1":
    case "splits/2":
      for (const [re, flags] of vals(args, v, env, rt)) {
        const s = str(v, `${described(v)} cannot be matched, as it is not a string`);
        const r = regexFor(re, flags ?? null);
        const global = r.global || name === "scan" || name === "split" || name === "splits";
        const ms = matches(s, r.re, global, r.noEmpty);
        if (name === "test") yield ms.length > 0;
        else if (name === "match") yield* ms;
        else if (name === "capture") yield* ms.map(captureObject);
        else if (name === "scan") {
          for (const m of ms) {
            const caps = m.get("captures");
            yield Array.isArray(caps) && caps.length
              ? caps.map((c) => (isObject(c) ? (c.get("string") ?? null) : null))
              : (m.get("string") ?? "");
          }
        } else {
          const parts: string[] = [];
          let at = 0;
          const chars = Array.from(s);
          for (const m of ms) {
            const off = Number(m.get("offset"));
            parts.push(chars.slice(at, off).join(""));
            at = off + Number(m.get("length"));
          }
          parts.push(chars.slice(at).join(""));
          if (name === "split") yield parts;
          else yield* parts;
        }
      }
      return;
    case "sub/2":
    case "sub/3":
    case "gsub/2":
    case "gsub/3": {
      const s = str(v, `${described(v)} cannot be matched, as it is not a string`);
      for (const [re, flags] of vals([args[0], ...(args[2] ? [args[2]] : [])], v, env, rt)) {
        const r = regexFor(re, flags ?? null);
        const ms = matches(s, r.re, name === "gsub" || r.global, r.noEmpty);
        let results: string[] = [""];
        let at = 0;
        const chars = Array.from(s);
        for (const m of ms) {
          const off = Number(m.get("offset"));
          const before = chars.slice(at, off).join("");
          const reps: string[] = [];
          for (const rep of evaluate(args[1], captureObject(m), env, rt))
            reps.push(str(rep, `${described(rep)} cannot be added to a string`));
          results = results.flatMap((acc) => reps.map((rep) => acc + before + rep));
          at = off + Number(m.get("length"));
        }
        for (const acc of results) yield acc + chars.slice(at).join("");
      }
      return;
    }
    case "getpath/1":
      for (const [p] of vals(args, v, env, rt)) {
        if (!Array.isArray(p)) throw new JqError("Path must be specified as an array");
        try {
          yield getpath(v, p);
        } catch (e) {
          if (e instanceof JqError) yield null;
          else throw e;
        }
      }
      return;
    case "setpath/2":
      for (const [p, x] of vals(args, v, env, rt)) {
        if (!Array.isArray(p)) throw new JqError("Path must be specified as an array");
        yield setpath(v, p, x);
      }
      return;
    case "delpaths/1":
      for (const [ps] of vals(args, v, env, rt)) {
        if (!Array.isArray(ps) || ps.some((p) => !Array.isArray(p))) throw new JqError("Paths must be specified as an array");
        yield delpaths(v, ps as Json[][]);
      }
      return;
    case "path/1":
      for (const [p] of paths(args[0], v, env, rt)) yield p;
      return;
    case "paths/0":
      for (const [p] of paths({ k: "recurse" }, v, env, rt)) if (p.length) yield p;
      return;
    case "leaf_paths/0":
      for (const [p, x] of paths({ k: "recurse" }, v, env, rt)) if (p.length && !Array.isArray(x) && !isObject(x)) yield p;
      return;
    case "recurse/0":
      yield* recurseValues(v);
      return;
    case "range/2":
    case "range/3":
      for (const r of vals(args, v, env, rt)) {
        const [from, to, by = 1] = r;
        if (typeof from !== "number" || typeof to !== "number" || typeof by !== "number") throw new JqError("Range bounds must be numeric");
        if (by > 0)
          for (let i = from; i < to; i += by) {
            tick(rt);
            yield i;
          }
        else if (by < 0)
          for (let i = from; i > to; i += by) {
            tick(rt);
            yield i;
          }
      }
      return;
    case "sort_by/1":
    case "group_by/1":
    case "unique_by/1":
    case "min_by/1":
    case "max_by/1": {
      const sorted = sortByKeys(v, (x) => [...evaluate(args[0], x, env, rt)]);
      if (name === "sort_by") yield sorted.map((e) => e.v);
      else if (name === "group_by" || name === "unique_by") {
        const groups: Json[][] = [];
        sorted.forEach((e, i) => {
          if (i > 0 && compareJson(sorted[i - 1].k, e.k) === 0) groups[groups.length - 1].push(e.v);
          else groups.push([e.v]);
        });
        yield name === "group_by" ? groups : groups.map((g) => g[0]);
      } else if (!sorted.length) yield null;
      else if (name === "min_by") yield sorted[0].v;
      else {
        let best = sorted[0];
        for (const e of sorted) if (compareJson(e.k, best.k) >= 0) best = e;
        yield best.v;
      }
      return;
    }
    case "indices/1":
      for (const [k] of vals(args, v, env, rt)) yield indices(v, k);
      return;
    case "index/1":
    case "rindex/1":
      for (const [k] of vals(args, v, env, rt)) {
        const is = indices(v, k);
        yield Array.isArray(is) && is.length ? (name === "index" ? is[0] : is[is.length - 1]) : null;
      }
      return;
    case "flatten/1":
      for (const [d] of vals(args, v, env, rt)) {
        if (typeof d !== "number" || d < 0) throw new JqError("flatten depth must not be negative");
        if (!Array.isArray(v)) throw new JqError(`Cannot iterate over ${described(v)}`);
        yield flatten(v, d);
      }
      return;
    case "limit/2":
      for (const [n] of vals([args[0]], v, env, rt)) {
        if (typeof n !== "number" || n <= 0) continue;
        let count = 0;
        for (const x of evaluate(args[1], v, env, rt)) {
          yield x;
          if (++count >= n) break;
        }
      }
      return;
    case "first/1":
      for (const x of evaluate(args[0], v, env, rt)) {
        yield x;
        return;
      }
      return;
    case "last/1": {
      let last: Json | undefined;
      for (const x of evaluate(args[0], v, env, rt)) last = x;
      if (last !== undefined) yield last;
      return;
    }
    case "until/2": {
      let cur = v;
      for (;;) {
        tick(rt);
        let done = false;
        for (const c of evaluate(args[0], cur, env, rt)) {
          done = truthy(c);
          break;
        }
        if (done) {
          yield cur;
          return;
        }
        let next: Json | undefined;
        for (const n of evaluate(args[1], cur, env, rt)) {
          next = n;
          break;
        }
        if (next === undefined) return;
        cur = next;
      }
    }
    case "pow/2":
    case "atan2/2":
      for (const [a, b] of vals(args, v, env, rt)) {
        if (typeof a !== "number" || typeof b !== "number") throw new JqError(`${name} requires numbers`);
        yield name === "pow" ? a ** b : Math.atan2(a, b);
      }
      return;
    case "add/0": {
      if (isObject(v)) {
        let acc: Json = null;
        for (const x of v.values()) acc = arith("+", acc, x);
        yield acc;
        return;
      }
      if (!Array.isArray(v)) throw new JqError(`Cannot iterate over ${described(v)}`);
      let acc: Json = null;
      for (const x of v) acc = arith("+", acc, x);
      yield acc;
      return;
    }
    case "any/0":
    case "all/0": {
      const items = Array.isArray(v) ? v : isObject(v) ? [...v.values()] : undefined;
      if (!items) throw new JqError(`Cannot iterate over ${described(v)}`);
      yield name === "any" ? items.some(truthy) : items.every(truthy);
      return;
    }
    case "to_entries/0":
      if (!isObject(v)) throw new JqError(`${described(v)} has no keys`);
      yield [...v].map(
        ([k, x]) =>
          new Map<string, Json>([
            ["key", k],
            ["value", x],
          ]),
      );
      return;
    case "from_entries/0": {
      if (!Array.isArray(v)) throw new JqError(`Cannot iterate over ${described(v)}`);
      const o: JsonObject = new Map();
      for (const e of v) {
        if (!isObject(e)) throw new JqError(`Cannot index ${typeName(e)} with "key"`);
        let k = e.get("key") ?? e.get("k") ?? e.get("name") ?? e.get("Name") ?? e.get("Key") ?? e.get("K") ?? null;
        if (k === null && e.has("key") === false) k = null;
        const x = e.has("value") ? (e.get("value") ?? null) : e.has("v") ? (e.get("v") ?? null) : (e.get("Value") ?? e.get("V") ?? null);
        if (typeof k === "number" || typeof k === "boolean") k = dump(k, { indent: 0 });
        if (typeof k !== "string") throw new JqError(`Cannot use ${described(k)} as object key`);
        o.set(k, x);
      }
      yield o;
      return;
    }
    case "tostream/0":
      for (const [p, x] of paths({ k: "recurse" }, v, env, rt))
        if (!(Array.isArray(x) && x.length) && !(isObject(x) && x.size)) yield [p, x];
      return;
    case "ascii/0":
      yield String.fromCharCode(Number(v));
      return;
    case "toarray/0":
      yield Array.isArray(v) ? v : [v];
      return;
    case "halt_error/0":
    case "halt_error/1":
      throw new JqError(v);
    default:
      throw new JqError(`${name}/${args.length} is not defined`);
  }
}

function contains(a: Json, b: Json): boolean {
  if (typeName(a) !== typeName(b)) throw new JqError(`${described(a)} and ${described(b)} cannot have their containment checked`);
  if (typeof a === "string" && typeof b === "string") return a.includes(b);
  if (Array.isArray(a) && Array.isArray(b)) return b.every((y) => a.some((x) => typeName(x) === typeName(y) && contains(x, y)));
  if (isObject(a) && isObject(b))
    return [...b].every(([k, y]) => a.has(k) && typeName(a.get(k) ?? null) === typeName(y) && contains(a.get(k) ?? null, y));
  return compareJson(a, b) === 0;
}

export { JsonParseError, indexValue };
