/**
 * Evaluates jq programs as generators (every filter yields zero or more outputs), with path
 * tracking for assignments, `path()`, `del()` and friends. Error texts are jq 1.6's. Builtins
 * that jq itself writes in jq are defined in prelude.ts; the rest are native here.
 */
import { LIMITS } from "../../core/limits";
import { compareJson, dump, isObject, type Json, type JsonObject } from "./json";
import type { Node, Pattern } from "./parse";
import { nativeBuiltin, NATIVE_ARITY } from "./natives";

export class JqError extends Error {
  constructor(readonly value: Json) {
    super(typeof value === "string" ? value : dump(value, { indent: 0 }));
  }
}

export class BreakOut extends Error {
  constructor(readonly label: symbol) {
    super("break");
  }
}

export interface FuncDef {
  params: string[];
  body: Node;
  env: Env;
}

export interface Closure {
  node: Node;
  env: Env;
}

export interface Env {
  vars: Map<string, Json>;
  labels: Map<string, symbol>;
  funcs: Map<string, FuncDef | Closure>;
}

export interface Runtime {
  steps: number;
  /** nested function calls */
  depth: number;
  /** the remaining inputs for `input` and `inputs` */
  nextInput(): Json | undefined;
  env: JsonObject;
  stderr: string;
  now: number;
  filename: string | null;
}

export function typeName(v: Json): string {
  return v === null
    ? "null"
    : typeof v === "boolean"
      ? "boolean"
      : typeof v === "number"
        ? "number"
        : typeof v === "string"
          ? "string"
          : Array.isArray(v)
            ? "array"
            : "object";
}

/** `type (value)` as jq's error messages show it, the value cut to 11 characters. */
export function described(v: Json): string {
  const d = dump(v, { indent: 0 });
  return `${typeName(v)} (${d.length > 14 ? d.slice(0, 11) + "..." : d})`;
}

export const truthy = (v: Json) => v !== null && v !== false;

export function tick(rt: Runtime): void {
  if (++rt.steps > LIMITS.maxToolSteps) throw new JqError("jq program ran too long (step limit exceeded)");
}

export function indexValue(v: Json, k: Json): Json {
  if (v === null) {
    if (typeof k === "string" || typeof k === "number" || k === null || isObject(k)) return null;
  }
  if (isObject(v)) {
    if (typeof k === "string") return v.get(k) ?? null;
    throw new JqError(`Cannot index object with ${typeName(k)}`);
  }
  if (Array.isArray(v)) {
    if (typeof k === "number") {
      if (Number.isNaN(k)) return null;
      let i = Math.floor(k);
      if (i < 0) i += v.length;
      return i >= 0 && i < v.length ? v[i] : null;
    }
    if (Array.isArray(k)) return indices(v, k);
    if (isObject(k)) return sliceValue(v, k.get("start") ?? null, k.get("end") ?? null);
  }
  if (typeof k === "string") throw new JqError(`Cannot index ${typeName(v)} with string "${k}"`);
  throw new JqError(`Cannot index ${typeName(v)} with ${typeName(k)}`);
}

export function indices(v: Json, k: Json): Json {
  if (v === null) return null;
  const out: number[] = [];
  if (typeof v === "string" && typeof k === "string") {
    if (!k) return null;
    for (let i = v.indexOf(k); i >= 0; i = v.indexOf(k, i + 1)) out.push(Array.from(v.slice(0, i)).length);
    return out;
  }
  if (Array.isArray(v) && Array.isArray(k)) {
    if (!k.length) return null;
    for (let i = 0; i + k.length <= v.length; i++) if (k.every((x, j) => compareJson(x, v[i + j]) === 0)) out.push(i);
    return out;
  }
  if (Array.isArray(v)) {
    v.forEach((x, i) => compareJson(x, k) === 0 && out.push(i));
    return out;
  }
  throw new JqError(`Cannot determine indices of ${typeName(k)} in ${typeName(v)}`);
}

function clampIndex(n: Json, len: number, isEnd: boolean): number {
  if (n === null) return isEnd ? len : 0;
  if (typeof n !== "number") throw new JqError("Start and end indices of an array slice must be numbers");
  let i = isEnd ? Math.ceil(n) : Math.floor(n);
  if (i < 0) i += len;
  return Math.max(0, Math.min(len, i));
}

export function sliceValue(v: Json, from: Json, to: Json): Json {
  if (v === null) return null;
  if (typeof v === "string") {
    const chars = Array.from(v);
    return chars
      .slice(clampIndex(from, chars.length, false), Math.max(clampIndex(from, chars.length, false), clampIndex(to, chars.length, true)))
      .join("");
  }
  if (Array.isArray(v)) {
    const a = clampIndex(from, v.length, false);
    return v.slice(a, Math.max(a, clampIndex(to, v.length, true)));
  }
  throw new JqError(`Cannot index ${typeName(v)} with object`);
}

function* iterate(v: Json, opt: boolean): Generator<Json> {
  if (Array.isArray(v)) yield* v;
  else if (isObject(v)) yield* v.values();
  else if (!opt) throw new JqError(`Cannot iterate over ${described(v)}`);
}

export function add(a: Json, b: Json): Json {
  if (a === null) return b;
  if (b === null) return a;
  if (typeof a === "number" && typeof b === "number") return a + b;
  if (typeof a === "string" && typeof b === "string") return a + b;
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (isObject(a) && isObject(b)) {
    const m = new Map(a);
    for (const [k, v] of b) m.set(k, v);
    return m;
  }
  throw new JqError(`${described(a)} and ${described(b)} cannot be added`);
}

function deepMerge(a: JsonObject, b: JsonObject): JsonObject {
  const m = new Map(a);
  for (const [k, v] of b) {
    const old = m.get(k);
    m.set(k, old !== undefined && isObject(old) && isObject(v) ? deepMerge(old, v) : v);
  }
  return m;
}

export function arith(op: string, a: Json, b: Json): Json {
  switch (op) {
    case "+":
      return add(a, b);
    case "-":
      if (typeof a === "number" && typeof b === "number") return a - b;
      if (Array.isArray(a) && Array.isArray(b)) return a.filter((x) => !b.some((y) => compareJson(x, y) === 0));
      throw new JqError(`${described(a)} and ${described(b)} cannot be subtracted`);
    case "*":
      if (typeof a === "number" && typeof b === "number") return a * b;
      if ((typeof a === "string" && typeof b === "number") || (typeof a === "number" && typeof b === "string")) {
        const s = typeof a === "string" ? a : (b as string);
        const n = typeof a === "number" ? a : (b as number);
        return n <= 0 ? null : s.repeat(Math.max(1, Math.ceil(n)));
      }
      if (isObject(a) && isObject(b)) return deepMerge(a, b);
      throw new JqError(`${described(a)} and ${described(b)} cannot be multiplied`);
    case "/":
      if (typeof a === "number" && typeof b === "number") {
        if (b === 0) throw new JqError(`${described(a)} and ${described(b)} cannot be divided because the divisor is zero`);
        return a / b;
      }
      if (typeof a === "string" && typeof b === "string") return a === "" ? [] : a.split(b);
      throw new JqError(`${described(a)} and ${described(b)} cannot be divided`);
    case "%":
      if (typeof a === "number" && typeof b === "number") {
        const bi = Math.trunc(b);
        if (bi === 0) throw new JqError(`${described(a)} and ${described(b)} cannot be divided (remainder) because the divisor is zero`);
        const r = Math.trunc(a) % Math.abs(bi);
        return r === 0 ? 0 : r;
      }
      throw new JqError(`${described(a)} and ${described(b)} cannot be divided`);
    default: {
      const c = compareJson(a, b);
      switch (op) {
        case "==":
          return c === 0;
        case "!=":
          return c !== 0;
        case "<":
          return c < 0;
        case "<=":
          return c <= 0;
        case ">":
          return c > 0;
        default:
          return c >= 0;
      }
    }
  }
}

export function getpath(v: Json, path: Json[]): Json {
  let cur = v;
  for (const k of path) {
    if (cur === null) return null;
    cur = indexValue(cur, k);
  }
  return cur;
}

export function setpath(v: Json, path: Json[], value: Json): Json {
  if (!path.length) return value;
  const [k, ...rest] = path;
  if (v === null || isObject(v)) {
    if (typeof k === "string") {
      const m: JsonObject = v === null ? new Map<string, Json>() : new Map(v);
      m.set(k, setpath(m.get(k) ?? null, rest, value));
      return m;
    }
    if (v !== null) throw new JqError(`Cannot index object with ${typeName(k)}`);
  }
  if (v === null || Array.isArray(v)) {
    const a = v === null ? [] : v.slice();
    if (typeof k === "number") {
      let i = Math.floor(k);
      if (i < 0) i += a.length;
      if (i < 0) throw new JqError("Out of bounds negative array index");
      while (a.length < i) a.push(null);
      a[i] = setpath(a[i] ?? null, rest, value);
      return a;
    }
    if (isObject(k)) {
      const from = clampIndex(k.get("start") ?? null, a.length, false);
      const to = Math.max(from, clampIndex(k.get("end") ?? null, a.length, true));
      const repl = setpath(a.slice(from, to), rest, value);
      if (!Array.isArray(repl)) throw new JqError("A slice of an array can only be assigned another array");
      a.splice(from, to - from, ...repl);
      return a;
    }
    if (typeof k === "string") throw new JqError(`Cannot index array with string "${k}"`);
  }
  throw new JqError(
    typeof k === "string" ? `Cannot index ${typeName(v)} with string "${k}"` : `Cannot index ${typeName(v)} with ${typeName(k)}`,
  );
}

export function delpaths(v: Json, paths: Json[][]): Json {
  const sorted = paths.slice().sort((a, b) => compareJson(b, a));
  let cur = v;
  for (const p of sorted) cur = delpath(cur, p);
  return cur;
}

function delpath(v: Json, path: Json[]): Json {
  if (!path.length) return null;
  if (v === null) return null;
  const [k, ...rest] = path;
  if (rest.length) {
    const child = indexValue(v, k);
    if (child === null) return v;
    return setpath(v, [k], delpath(child, rest));
  }
  if (isObject(v)) {
    if (typeof k !== "string") throw new JqError(`Cannot delete field at object index of ${typeName(k)}`);
    const m = new Map(v);
    m.delete(k);
    return m;
  }
  if (Array.isArray(v)) {
    if (typeof k === "number") {
      let i = Math.floor(k);
      if (i < 0) i += v.length;
      if (i < 0 || i >= v.length) return v;
      return [...v.slice(0, i), ...v.slice(i + 1)];
    }
    if (isObject(k)) {
      const from = clampIndex(k.get("start") ?? null, v.length, false);
      const to = Math.max(from, clampIndex(k.get("end") ?? null, v.length, true));
      return [...v.slice(0, from), ...v.slice(to)];
    }
  }
  throw new JqError(`Cannot delete field at index of ${typeName(v)}`);
}

function lookupFunc(env: Env, name: string, arity: number): FuncDef | Closure | undefined {
  return env.funcs.get(`${name}/${arity}`);
}

function bindPattern(p: Pattern, v: Json, vars: Map<string, Json>, env: Env, rt: Runtime): Map<string, Json>[] {
  if (p.k === "var") {
    const m = new Map(vars);
    m.set(p.name, v);
    return [m];
  }
  if (p.k === "array") {
    if (v !== null && !Array.isArray(v)) throw new JqError(`Cannot index ${typeName(v)} with number`);
    let acc = [vars];
    p.items.forEach((item, i) => {
      acc = acc.flatMap((m) => bindPattern(item, v === null ? null : (v[i] ?? null), m, env, rt));
    });
    return acc;
  }
  let acc = [vars];
  for (const e of p.entries) {
    const next: Map<string, Json>[] = [];
    for (const m of acc) {
      const keys = typeof e.key === "string" ? [e.key] : [...evaluate(e.key, v, { ...env, vars: m }, rt)];
      for (const key of keys) {
        if (typeof key !== "string") throw new JqError(`Cannot index ${typeName(v)} with ${typeName(key)}`);
        const val = indexValue(v, key);
        let m2 = m;
        if (e.keyVar) {
          m2 = new Map(m);
          m2.set(e.keyVar, val);
        }
        next.push(...(e.pattern ? bindPattern(e.pattern, val, m2, env, rt) : [m2]));
      }
    }
    acc = next;
  }
  return acc;
}

function* cartesian(lists: (() => Generator<Json>)[], i = 0, acc: Json[] = []): Generator<Json[]> {
  if (i === lists.length) {
    yield acc;
    return;
  }
  for (const v of lists[i]()) yield* cartesian(lists, i + 1, [...acc, v]);
}

export function* evaluate(n: Node, input: Json, env: Env, rt: Runtime): Generator<Json> {
  tick(rt);
  switch (n.k) {
    case "identity":
      yield input;
      return;
    case "recurse":
      yield* recurseValues(input);
      return;
    case "literal":
      yield n.v;
      return;
    case "field":
      for (const t of evaluate(n.target, input, env, rt)) {
        try {
          yield indexValue(t, n.name);
        } catch (e) {
          if (!(n.opt && e instanceof JqError)) throw e;
        }
      }
      return;
    case "index":
      for (const t of evaluate(n.target, input, env, rt)) {
        for (const k of evaluate(n.index, input, env, rt)) {
          try {
            yield indexValue(t, k);
          } catch (e) {
            if (!(n.opt && e instanceof JqError)) throw e;
          }
        }
      }
      return;
    case "slice":
      for (const t of evaluate(n.target, input, env, rt)) {
        for (const to of n.to ? evaluate(n.to, input, env, rt) : [null]) {
          for (const from of n.from ? evaluate(n.from, input, env, rt) : [null]) {
            try {
              yield sliceValue(t, from, to);
            } catch (e) {
              if (!(n.opt && e instanceof JqError)) throw e;
            }
          }
        }
      }
      return;
    case "iterate":
      for (const t of evaluate(n.target, input, env, rt)) {
        try {
          for (const v of iterate(t, false)) yield v;
        } catch (e) {
          if (!(n.opt && e instanceof JqError)) throw e;
        }
      }
      return;
    case "string": {
      const fmt = n.format;
      const lists = n.parts.map((p) =>
        typeof p === "string"
          ? function* () {
              yield p;
            }
          : () => evaluate(p, input, env, rt),
      );
      for (const vals of cartesian(lists)) {
        yield vals
          .map((v, i) =>
            typeof n.parts[i] === "string" ? (v as string) : fmt ? applyFormat(fmt, v) : typeof v === "string" ? v : dump(v, { indent: 0 }),
          )
          .join("");
      }
      return;
    }
    case "format":
      yield applyFormat(n.name, input);
      return;
    case "array": {
      if (!n.e) {
        yield [];
        return;
      }
      const out: Json[] = [];
      for (const v of evaluate(n.e, input, env, rt)) out.push(v);
      yield out;
      return;
    }
    case "object": {
      const lists = n.entries.flatMap((e) => {
        const key = () =>
          typeof e.key === "string"
            ? (function* () {
                yield e.key as string;
              })()
            : evaluate(e.key, input, env, rt);
        const value = () => {
          if (e.value) return evaluate(e.value, input, env, rt);
          if (e.keyVar) {
            const v = env.vars.get(e.keyVar);
            if (v === undefined) throw new JqError(`$${e.keyVar} is not defined`);
            return (function* () {
              yield v;
            })();
          }
          return (function* () {
            for (const k of key()) yield indexValue(input, k);
          })();
        };
        return [key, value];
      });
      for (const vals of cartesian(lists)) {
        const m: JsonObject = new Map();
        for (let i = 0; i < vals.length; i += 2) {
          const k = vals[i];
          if (typeof k !== "string") throw new JqError(`Object keys must be strings`);
          m.set(k, vals[i + 1]);
        }
        yield m;
      }
      return;
    }
    case "pipe":
      for (const v of evaluate(n.a, input, env, rt)) yield* evaluate(n.b, v, env, rt);
      return;
    case "comma":
      yield* evaluate(n.a, input, env, rt);
      yield* evaluate(n.b, input, env, rt);
      return;
    case "alt": {
      let any = false;
      try {
        for (const v of evaluate(n.a, input, env, rt)) {
          if (truthy(v)) {
            any = true;
            yield v;
          }
        }
      } catch (e) {
        if (!(e instanceof JqError)) throw e;
      }
      if (!any) yield* evaluate(n.b, input, env, rt);
      return;
    }
    case "and":
    case "or":
      for (const a of evaluate(n.a, input, env, rt)) {
        if (n.k === "and" ? !truthy(a) : truthy(a)) {
          yield n.k === "or";
          continue;
        }
        for (const b of evaluate(n.b, input, env, rt)) yield truthy(b);
      }
      return;
    case "binop":
      for (const b of evaluate(n.b, input, env, rt)) for (const a of evaluate(n.a, input, env, rt)) yield arith(n.op, a, b);
      return;
    case "neg":
      for (const v of evaluate(n.e, input, env, rt)) {
        if (typeof v !== "number") throw new JqError(`${described(v)} cannot be negated`);
        yield -v;
      }
      return;
    case "var": {
      if (n.name === "ENV") {
        yield rt.env;
        return;
      }
      const v = env.vars.get(n.name);
      if (v === undefined) throw new JqError(`$${n.name} is not defined`);
      yield v;
      return;
    }
    case "bind":
      for (const v of evaluate(n.source, input, env, rt)) {
        for (const vars of bindPattern(n.patterns[0], v, env.vars, env, rt)) yield* evaluate(n.body, input, { ...env, vars }, rt);
      }
      return;
    case "if":
      yield* evalIf(n, 0, input, env, rt);
      return;
    case "try":
      try {
        for (const v of evaluate(n.body, input, env, rt)) yield v;
      } catch (e) {
        if (e instanceof BreakOut || !(e instanceof JqError)) throw e;
        if (n.catch) yield* evaluate(n.catch, e.value, env, rt);
      }
      return;
    case "reduce":
      for (const init of evaluate(n.init, input, env, rt)) {
        let acc: Json = init;
        for (const v of evaluate(n.source, input, env, rt)) {
          for (const vars of bindPattern(n.pattern, v, env.vars, env, rt)) {
            let last: Json = null;
            let got = false;
            for (const u of evaluate(n.update, acc, { ...env, vars }, rt)) {
              last = u;
              got = true;
            }
            acc = got ? last : null;
          }
        }
        yield acc;
      }
      return;
    case "foreach":
      for (const init of evaluate(n.init, input, env, rt)) {
        let acc: Json = init;
        for (const v of evaluate(n.source, input, env, rt)) {
          for (const vars of bindPattern(n.pattern, v, env.vars, env, rt)) {
            for (const u of evaluate(n.update, acc, { ...env, vars }, rt)) {
              acc = u;
              if (n.extract) yield* evaluate(n.extract, u, { ...env, vars }, rt);
              else yield u;
            }
          }
        }
      }
      return;
    case "label": {
      const sym = Symbol(n.name);
      const labels = new Map(env.labels);
      labels.set(n.name, sym);
      try {
        yield* evaluate(n.body, input, { ...env, labels }, rt);
      } catch (e) {
        if (!(e instanceof BreakOut && e.label === sym)) throw e;
      }
      return;
    }
    case "break": {
      const sym = env.labels.get(n.name);
      if (!sym) throw new JqError(`$*label-${n.name} is not defined`);
      throw new BreakOut(sym);
    }
    case "def": {
      const funcs = new Map(env.funcs);
      const newEnv: Env = { ...env, funcs };
      funcs.set(`${n.name}/${n.params.length}`, { params: n.params, body: n.body, env: newEnv });
      yield* evaluate(n.rest, input, newEnv, rt);
      return;
    }
    case "assign":
      yield* evalAssign(n, input, env, rt);
      return;
    case "call":
      yield* call(n, input, env, rt);
      return;
  }
}

function* evalIf(n: Extract<Node, { k: "if" }>, i: number, input: Json, env: Env, rt: Runtime): Generator<Json> {
  const clauses = [{ cond: n.cond, then: n.then }, ...n.elifs];
  if (i >= clauses.length) {
    if (n.else) yield* evaluate(n.else, input, env, rt);
    else yield input;
    return;
  }
  for (const c of evaluate(clauses[i].cond, input, env, rt)) {
    if (truthy(c)) yield* evaluate(clauses[i].then, input, env, rt);
    else yield* evalIf(n, i + 1, input, env, rt);
  }
}

export function* recurseValues(v: Json): Generator<Json> {
  yield v;
  if (Array.isArray(v)) for (const x of v) yield* recurseValues(x);
  else if (isObject(v)) for (const x of v.values()) yield* recurseValues(x);
}

function* evalAssign(n: Extract<Node, { k: "assign" }>, input: Json, env: Env, rt: Runtime): Generator<Json> {
  if (n.op === "|=") {
    let out = input;
    for (const [p] of paths(n.lhs, input, env, rt)) {
      const old = getpath(out, p);
      let first: Json | undefined;
      for (const v of evaluate(n.rhs, old, env, rt)) {
        first = v;
        break;
      }
      out = first === undefined ? delpaths(out, [p]) : setpath(out, p, first);
    }
    yield out;
    return;
  }
  if (n.op === "=") {
    for (const v of evaluate(n.rhs, input, env, rt)) {
      let out = input;
      for (const [p] of paths(n.lhs, input, env, rt)) out = setpath(out, p, v);
      yield out;
    }
    return;
  }
  const op = n.op.slice(0, -1);
  for (const v of evaluate(n.rhs, input, env, rt)) {
    let out = input;
    for (const [p] of paths(n.lhs, input, env, rt)) {
      const old = getpath(out, p);
      out = setpath(out, p, op === "//" ? (truthy(old) ? old : v) : arith(op, old, v));
    }
    yield out;
  }
}

/** The paths a path expression refers to, with their values (for `path()`, assignments, `del()`). */
export function* paths(n: Node, input: Json, env: Env, rt: Runtime, at: Json[] = []): Generator<[Json[], Json]> {
  tick(rt);
  switch (n.k) {
    case "identity":
      yield [at, input];
      return;
    case "recurse":
      yield* recursePaths(input, at);
      return;
    case "field":
      for (const [p, v] of paths(n.target, input, env, rt, at)) {
        try {
          yield [[...p, n.name], indexValue(v, n.name)];
        } catch (e) {
          if (!(n.opt && e instanceof JqError)) throw e;
        }
      }
      return;
    case "index":
      for (const [p, v] of paths(n.target, input, env, rt, at)) {
        for (const k of evaluate(n.index, input, env, rt)) {
          try {
            yield [[...p, k], v === null ? null : indexValue(v, k)];
          } catch (e) {
            if (!(n.opt && e instanceof JqError)) throw e;
          }
        }
      }
      return;
    case "slice":
      for (const [p, v] of paths(n.target, input, env, rt, at)) {
        for (const to of n.to ? evaluate(n.to, input, env, rt) : [null]) {
          for (const from of n.from ? evaluate(n.from, input, env, rt) : [null]) {
            const key: JsonObject = new Map<string, Json>([
              ["start", from],
              ["end", to],
            ]);
            yield [[...p, key], sliceValue(v, from, to)];
          }
        }
      }
      return;
    case "iterate":
      for (const [p, v] of paths(n.target, input, env, rt, at)) {
        try {
          if (Array.isArray(v)) for (let i = 0; i < v.length; i++) yield [[...p, i], v[i]];
          else if (isObject(v)) for (const [k, x] of v) yield [[...p, k], x];
          else if (v !== null) throw new JqError(`Cannot iterate over ${described(v)}`);
        } catch (e) {
          if (!(n.opt && e instanceof JqError)) throw e;
        }
      }
      return;
    case "pipe":
      for (const [p, v] of paths(n.a, input, env, rt, at)) yield* paths(n.b, v, env, rt, p);
      return;
    case "comma":
      yield* paths(n.a, input, env, rt, at);
      yield* paths(n.b, input, env, rt, at);
      return;
    case "alt": {
      let any = false;
      try {
        for (const pv of paths(n.a, input, env, rt, at)) {
          if (truthy(pv[1])) {
            any = true;
            yield pv;
          }
        }
      } catch (e) {
        if (!(e instanceof JqError)) throw e;
      }
      if (!any) yield* paths(n.b, input, env, rt, at);
      return;
    }
    case "if": {
      const clauses = [{ cond: n.cond, then: n.then }, ...n.elifs];
      const go = function* (i: number): Generator<[Json[], Json]> {
        if (i >= clauses.length) {
          if (n.else) yield* paths(n.else, input, env, rt, at);
          else yield [at, input];
          return;
        }
        for (const c of evaluate(clauses[i].cond, input, env, rt)) {
          if (truthy(c)) yield* paths(clauses[i].then, input, env, rt, at);
          else yield* go(i + 1);
        }
      };
      yield* go(0);
      return;
    }
    case "try":
      try {
        for (const pv of paths(n.body, input, env, rt, at)) yield pv;
      } catch (e) {
        if (!(e instanceof JqError)) throw e;
      }
      return;
    case "bind":
      for (const v of evaluate(n.source, input, env, rt)) {
        for (const vars of bindPattern(n.patterns[0], v, env.vars, env, rt)) yield* paths(n.body, input, { ...env, vars }, rt, at);
      }
      return;
    case "def": {
      const funcs = new Map(env.funcs);
      const newEnv: Env = { ...env, funcs };
      funcs.set(`${n.name}/${n.params.length}`, { params: n.params, body: n.body, env: newEnv });
      yield* paths(n.rest, input, newEnv, rt, at);
      return;
    }
    case "reduce":
    case "foreach":
    case "label":
      throw new JqError(`Invalid path expression with result ${described(input)}`);
    case "call":
      yield* callPaths(n, input, env, rt, at);
      return;
    case "literal":
      if (n.v === null) {
        // `null` as a path expression is the empty path's value: getpath on nothing
        yield [at, null];
        return;
      }
      break;
  }
  for (const v of evaluate(n, input, env, rt)) throw new JqError(`Invalid path expression with result ${described(v)}`);
}

function* recursePaths(v: Json, at: Json[]): Generator<[Json[], Json]> {
  yield [at, v];
  if (Array.isArray(v)) for (let i = 0; i < v.length; i++) yield* recursePaths(v[i], [...at, i]);
  else if (isObject(v)) for (const [k, x] of v) yield* recursePaths(x, [...at, k]);
}

/** Calls a user function (or a prelude definition) with filter and `$` parameters bound. */
function bindCall(def: FuncDef, args: Node[], input: Json, env: Env, rt: Runtime): Env[] {
  let envs: Env[] = [{ ...def.env, funcs: new Map(def.env.funcs) }];
  def.params.forEach((p, i) => {
    if (p.startsWith("$")) {
      // `def f($a)`: $a is the value, and `a` a filter giving it
      const name = p.slice(1);
      const next: Env[] = [];
      for (const e of envs) {
        for (const v of evaluate(args[i], input, env, rt)) {
          const vars = new Map(e.vars);
          vars.set(name, v);
          const funcs = new Map(e.funcs);
          funcs.set(`${name}/0`, { node: { k: "var", name }, env: { ...e, vars } });
          next.push({ ...e, vars, funcs });
        }
      }
      envs = next;
    } else for (const e of envs) e.funcs.set(`${p}/0`, { node: args[i], env });
  });
  return envs;
}

function* call(n: Extract<Node, { k: "call" }>, input: Json, env: Env, rt: Runtime): Generator<Json> {
  const f = lookupFunc(env, n.name, n.args.length);
  if (f) {
    if ("node" in f) {
      yield* evaluate(f.node, input, f.env, rt);
      return;
    }
    if (++rt.depth > 200) {
      rt.depth--;
      throw new JqError("function calls nested too deeply");
    }
    try {
      for (const e of bindCall(f, n.args, input, env, rt)) yield* evaluate(f.body, input, e, rt);
    } finally {
      rt.depth--;
    }
    return;
  }
  if (NATIVE_ARITY.has(`${n.name}/${n.args.length}`)) {
    yield* nativeBuiltin(n.name, n.args, input, env, rt);
    return;
  }
  throw new JqError(`${n.name}/${n.args.length} is not defined`);
}

function* callPaths(n: Extract<Node, { k: "call" }>, input: Json, env: Env, rt: Runtime, at: Json[]): Generator<[Json[], Json]> {
  const f = lookupFunc(env, n.name, n.args.length);
  if (f) {
    if ("node" in f) {
      yield* paths(f.node, input, f.env, rt, at);
      return;
    }
    for (const e of bindCall(f, n.args, input, env, rt)) yield* paths(f.body, input, e, rt, at);
    return;
  }
  const key = `${n.name}/${n.args.length}`;
  if (key === "empty/0") return;
  if (key === "recurse/0") {
    yield* recursePaths(input, at);
    return;
  }
  if (key === "error/0" || key === "error/1") {
    for (const v of nativeBuiltin(n.name, n.args, input, env, rt)) void v;
    return;
  }
  if (key === "getpath/1") {
    for (const p of evaluate(n.args[0], input, env, rt)) {
      if (!Array.isArray(p)) throw new JqError("Path must be specified as an array");
      yield [[...at, ...p], getpath(input, p)];
    }
    return;
  }
  if (key === "first/1" || key === "last/1" || key === "limit/2") {
    const all = [...paths(n.args[n.args.length - 1], input, env, rt, at)];
    if (key === "first/1") yield* all.slice(0, 1);
    else if (key === "last/1") yield* all.slice(-1);
    else for (const lim of evaluate(n.args[0], input, env, rt)) yield* all.slice(0, Math.max(0, Number(lim)));
    return;
  }
  for (const v of evaluate(n, input, env, rt)) throw new JqError(`Invalid path expression with result ${described(v)}`);
}

export function applyFormat(name: string, v: Json): string {
  const text = (x: Json) => (typeof x === "string" ? x : dump(x, { indent: 0 }));
  switch (name) {
    case "text":
      return text(v);
    case "json":
      return dump(v, { indent: 0 });
    case "html":
      return text(v).replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&#39;", '"': "&quot;" })[c] ?? c);
    case "uri":
      return Array.from(Buffer.from(text(v), "utf8"))
        .map((b) =>
          /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : "%" + b.toString(16).toUpperCase().padStart(2, "0"),
        )
        .join("");
    case "csv":
    case "tsv": {
      if (!Array.isArray(v)) throw new JqError(`${described(v)} cannot be ${name}-formatted, only an array can be`);
      return v
        .map((x) => {
          if (typeof x === "number") return dump(x, { indent: 0 });
          if (typeof x === "boolean") return String(x);
          if (x === null) return "";
          if (typeof x === "string")
            return name === "csv"
              ? `"${x.replace(/"/g, '""')}"`
              : x.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c] ?? c);
          throw new JqError(`${described(x)} is not valid in a csv row`);
        })
        .join(name === "csv" ? "," : "\t");
    }
    case "sh": {
      const q = (x: Json) => {
        if (typeof x === "string") return `'${x.replace(/'/g, "'\\''")}'`;
        if (Array.isArray(x) || isObject(x)) throw new JqError(`${described(x)} can not be escaped for shell`);
        return dump(x, { indent: 0 });
      };
      return Array.isArray(v) ? v.map(q).join(" ") : q(v);
    }
    case "base64":
      return Buffer.from(text(v), "utf8").toString("base64");
    case "base64d": {
      const s = text(v);
      return Buffer.from(s, "base64").toString("utf8");
    }
    case "base32": {
      const bytes = Buffer.from(text(v), "utf8");
      const alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
      let bits = "";
      for (const b of bytes) bits += b.toString(2).padStart(8, "0");
      let out = "";
      for (let i = 0; i < bits.length; i += 5) out += alpha[parseInt(bits.slice(i, i + 5).padEnd(5, "0"), 2)];
      while (out.length % 8) out += "=";
      return out;
    }
    default:
      throw new JqError(`${name} is not a valid format`);
  }
}

export function firstOf(g: Generator<Json>): Json | undefined {
  for (const v of g) return v;
  return undefined;
}

export type { JsonObject };
