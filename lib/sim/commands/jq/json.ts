/**
 * JSON as jq 1.6 reads and writes it: objects keep insertion order (Map), numbers print with
 * jq's dtoa format (shortest digits; exponent form below 1e-4 or past 17 digits), strings escape
 * control characters as \uXXXX, and a terminal gets jq 1.6's default colours.
 */

export type Json = null | boolean | number | string | Json[] | JsonObject;
export type JsonObject = Map<string, Json>;

export class JsonParseError extends Error {}

export const isObject = (v: Json): v is JsonObject => v instanceof Map;

/** jq 1.6's number text: Gay's shortest digits, exponential if decpt <= -4 or decpt > digits + 15. */
export function numberText(n: number): string {
  if (Number.isNaN(n)) return "null";
  let x = n;
  if (!Number.isFinite(x)) x = x > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE;
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const neg = x < 0;
  const [mant, expText] = Math.abs(x).toExponential().split("e");
  const digits = mant.replace(".", "");
  const decpt = Number(expText) + 1;
  let out: string;
  if (decpt <= -4 || decpt > digits.length + 15) {
    const e = decpt - 1;
    out = `${digits[0]}${digits.length > 1 ? "." + digits.slice(1) : ""}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  } else if (decpt <= 0) out = "0." + "0".repeat(-decpt) + digits;
  else if (decpt >= digits.length) out = digits + "0".repeat(decpt - digits.length);
  else out = digits.slice(0, decpt) + "." + digits.slice(decpt);
  return (neg ? "-" : "") + out;
}

export function stringText(s: string, ascii = false): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (c < 0x20 || c === 0x7f) out += "\\u" + c.toString(16).padStart(4, "0");
    else if (ascii && c > 0x7e) {
      if (c > 0xffff) {
        const v = c - 0x10000;
        out += "\\u" + (0xd800 + (v >> 10)).toString(16).padStart(4, "0") + "\\u" + (0xdc00 + (v & 0x3ff)).toString(16).padStart(4, "0");
      } else out += "\\u" + c.toString(16).padStart(4, "0");
    } else out += ch;
  }
  return out + '"';
}

export interface DumpOptions {
  indent: number;
  tab?: boolean;
  sortKeys?: boolean;
  color?: boolean;
  ascii?: boolean;
}

const COLORS = { null: "1;30", false: "0;39", true: "0;39", number: "0;39", string: "0;32", array: "1;39", object: "1;39" };
const FIELD = "\x1b[34;1m";
const RESET = "\x1b[0m";
const esc = (c: string) => `\x1b[${c}m`;

export function dump(v: Json, o: DumpOptions, level = 0): string {
  const pretty = o.indent > 0 || !!o.tab;
  const ind = (n: number) => (o.tab ? "\t".repeat(n) : " ".repeat(n * o.indent));
  const kind =
    v === null
      ? "null"
      : v === true
        ? "true"
        : v === false
          ? "false"
          : typeof v === "number"
            ? "number"
            : typeof v === "string"
              ? "string"
              : Array.isArray(v)
                ? "array"
                : "object";
  const color = o.color ? esc(COLORS[kind]) : "";
  const reset = o.color ? RESET : "";
  if (v === null || typeof v === "boolean" || typeof v === "number" || typeof v === "string") {
    const text = v === null ? "null" : typeof v === "boolean" ? String(v) : typeof v === "number" ? numberText(v) : stringText(v, o.ascii);
    return color + text + reset;
  }
  if (Array.isArray(v)) {
    if (!v.length) return color + "[]" + reset;
    let out = color + "[";
    if (pretty) out += "\n" + ind(level + 1);
    v.forEach((el, i) => {
      if (i > 0) out += pretty ? ",\n" + ind(level + 1) : ",";
      out += dump(el, o, level + 1) + color;
    });
    if (pretty) out += "\n" + ind(level);
    return out + color + "]" + reset;
  }
  if (!v.size) return color + "{}" + reset;
  let out = color + "{";
  if (pretty) out += "\n" + ind(level + 1);
  const keys = [...v.keys()];
  if (o.sortKeys) keys.sort(compareStrings);
  keys.forEach((k, i) => {
    if (i > 0) out += pretty ? ",\n" + ind(level + 1) : ",";
    if (o.color) out += RESET + FIELD + stringText(k, o.ascii) + RESET + color + ":" + (pretty ? " " : "") + RESET;
    else out += stringText(k, o.ascii) + ":" + (pretty ? " " : "");
    out += dump(v.get(k) ?? null, o, level + 1) + color;
  });
  if (pretty) out += "\n" + ind(level);
  return out + color + "}" + reset;
}

/** jq orders strings by code point. */
export function compareStrings(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i].codePointAt(0) ?? 0) - (y[i].codePointAt(0) ?? 0);
    if (d) return d < 0 ? -1 : 1;
  }
  return x.length - y.length < 0 ? -1 : x.length > y.length ? 1 : 0;
}

const ORDER = (v: Json) =>
  v === null ? 0 : v === false ? 1 : v === true ? 2 : typeof v === "number" ? 3 : typeof v === "string" ? 4 : Array.isArray(v) ? 5 : 6;

/** jq's total order: null < false < true < numbers < strings < arrays < objects. */
export function compareJson(a: Json, b: Json): number {
  const oa = ORDER(a);
  const ob = ORDER(b);
  if (oa !== ob) return oa < ob ? -1 : 1;
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") return compareStrings(a, b);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareJson(a[i], b[i]);
      if (c) return c;
    }
    return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
  }
  if (isObject(a) && isObject(b)) {
    const ka = [...a.keys()].sort(compareStrings);
    const kb = [...b.keys()].sort(compareStrings);
    const c = compareJson(ka, kb);
    if (c) return c;
    for (const k of ka) {
      const d = compareJson(a.get(k) ?? null, b.get(k) ?? null);
      if (d) return d;
    }
  }
  return 0;
}

/** Parses a stream of JSON texts; each value comes with the line its end was read on (for error messages). */
export function parseStream(text: string): { values: { v: Json; line: number }[]; error?: string } {
  const values: { v: Json; line: number }[] = [];
  let i = 0;
  let line = 1;
  let col = 0;
  /** jq reports the position after the character that showed the error (or at EOF) */
  const fail = (msg: string, consumeNext = true): never => {
    if (i >= text.length) throw new JsonParseError(`${msg} at EOF at line ${line}, column ${col}`);
    if (consumeNext) adv();
    throw new JsonParseError(`${msg} at line ${line}, column ${col}`);
  };
  const adv = () => {
    const c = text[i++];
    if (c === "\n") {
      line++;
      col = 0;
    } else col++;
    return c;
  };
  const ws = () => {
    while (i < text.length && /[ \t\n\r]/.test(text[i])) adv();
  };
  const value = (depth: number): Json => {
    if (depth > 512) fail("Exceeds depth limit for parsing");
    ws();
    const c = text[i];
    if (c === "{") {
      adv();
      const m: JsonObject = new Map();
      ws();
      if (text[i] === "}") {
        adv();
        return m;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') {
          if (i >= text.length) fail("Unfinished JSON term");
          const word = /^[^\s[\]{},:"]+/.exec(text.slice(i, i + 400))?.[0] ?? "";
          for (let k = 0; k < word.length; k++) adv();
          fail(
            word && !/^(-?\d|true$|false$|null$)/.test(word)
              ? "tfn".includes(word[0])
                ? "Invalid literal"
                : "Invalid numeric literal"
              : "Object keys must be strings",
          );
        }
        const k = str();
        ws();
        if (text[i] !== ":") {
          if (i < text.length && !/[\s[\]{},"]/.test(text[i])) {
            while (i < text.length && !/[\s[\]{},:"]/.test(text[i])) adv();
          }
          fail(i < text.length ? "Expected separator between values" : "Unfinished JSON term");
        }
        adv();
        m.set(k, value(depth + 1));
        ws();
        if (text[i] === ",") {
          adv();
          continue;
        }
        if (text[i] === "}") {
          adv();
          return m;
        }
        fail("Expected separator between values");
      }
    }
    if (c === "[") {
      adv();
      const a: Json[] = [];
      ws();
      if (text[i] === "]") {
        adv();
        return a;
      }
      for (;;) {
        a.push(value(depth + 1));
        ws();
        if (text[i] === ",") {
          adv();
          continue;
        }
        if (text[i] === "]") {
          adv();
          return a;
        }
        fail("Expected separator between values");
      }
    }
    if (c === '"') return str();
    if (c === undefined) return fail("Unfinished JSON term");
    if (c === "]" || c === "}" || c === "," || c === ":")
      return fail(c === "]" ? "Expected another array element" : "Expected value before ','");
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|nan)/.exec(text.slice(i, i + 400));
    const word = /^[^\s[\]{},:"]+/.exec(text.slice(i, i + 400))?.[0] ?? "";
    if (!m || m[0].length !== word.length) {
      // a literal ends at its delimiter; jq checks it then, naming true/false/null typos "Invalid literal"
      for (let k = 0; k < Math.max(1, word.length); k++) adv();
      return fail("tfn".includes(word[0] ?? "") ? "Invalid literal" : "Invalid numeric literal");
    }
    for (let k = 0; k < m[0].length; k++) adv();
    const t = m[0];
    return t === "true" ? true : t === "false" ? false : t === "null" ? null : t === "nan" ? NaN : Number(t);
  };
  const str = (): string => {
    adv();
    let out = "";
    for (;;) {
      if (i >= text.length) fail("Unfinished string");
      const c = adv();
      if (c === '"') return out;
      if (c === "\\") {
        const e = adv();
        const map: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", "/": "/", "\\": "\\", '"': '"' };
        if (e === "u") {
          const hex = text.slice(i, i + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("Invalid escape");
          for (let k = 0; k < 4; k++) adv();
          out += String.fromCharCode(parseInt(hex, 16));
        } else if (map[e] !== undefined) out += map[e];
        else fail("Invalid escape");
      } else out += c;
    }
  };
  try {
    for (;;) {
      ws();
      if (i >= text.length) break;
      const v = value(0);
      // jq reports a value's position after reading one character past it; lines count from 0
      values.push({ v, line: line - 1 + (text[i] === "\n" ? 1 : 0) });
    }
  } catch (e) {
    if (e instanceof JsonParseError) return { values, error: e.message };
    throw e;
  }
  return { values };
}
