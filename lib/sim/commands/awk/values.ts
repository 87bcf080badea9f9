/**
 * awk values as mawk 1.3.4 20200120 treats them: numbers (doubles), strings, "strnums" (input
 * text that looks numeric, compared as numbers), and the uninitialised value. Integral numbers
 * within ±(2^31-1) print as integers; others go through OFMT/CONVFMT (`%.6g`).
 */
import { formatFloat, parseSpec } from "../coreutils/format";

/** Text from input (fields, getline, split, -v) that looks like a number. */
export class StrNum {
  constructor(
    readonly s: string,
    readonly n: number,
  ) {}
}

export type Val = number | string | StrNum | undefined;

export const MAX_INT = 2147483647;

const NUMERIC = /^[ \t\n\f\r\v]*[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|inf(inity)?|nan)[ \t\n\f\r\v]*$/i;

/** C's strtod on the longest numeric prefix (mawk converts "0x1A" to 26 and "12abc" to 12). */
export function strToNum(s: string): number {
  const m = /^[ \t\n\f\r\v]*([+-]?)(0[xX][0-9a-fA-F]+|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|inf(inity)?|nan)/i.exec(s);
  if (!m) return 0;
  const body = m[2];
  const sign = m[1] === "-" ? -1 : 1;
  if (/^0x/i.test(body)) return sign * parseInt(body, 16);
  if (/^inf/i.test(body)) return sign * Infinity;
  if (/^nan/i.test(body)) return NaN;
  return sign * Number(body);
}

/** Input text becomes a strnum when it looks numeric, a plain string otherwise. */
export function fromInput(s: string): string | StrNum {
  return NUMERIC.test(s) ? new StrNum(s, strToNum(s)) : s;
}

export function toNum(v: Val): number {
  if (typeof v === "number") return v;
  if (v === undefined) return 0;
  if (v instanceof StrNum) return v.n;
  return strToNum(v);
}

const specCache = new Map<string, ReturnType<typeof parseSpec>>();

/** sprintf(fmt, n) for OFMT/CONVFMT, which hold one floating-point conversion. */
export function formatNumberWith(fmt: string, n: number): string {
  let spec = specCache.get(fmt);
  if (!specCache.has(fmt)) {
    const at = fmt.indexOf("%");
    spec = at >= 0 ? parseSpec(fmt, at) : undefined;
    specCache.set(fmt, spec);
  }
  if (!spec) return fmt;
  const at = fmt.indexOf("%");
  const conv = spec.spec.conv;
  let body: string;
  if ("diouxXc".includes(conv)) body = String(Math.trunc(n));
  else body = formatFloat(n, spec.spec);
  return fmt.slice(0, at) + body + fmt.slice(spec.end);
}

export function numToStr(n: number, fmt: string): string {
  if (Number.isInteger(n) && Math.abs(n) <= MAX_INT) return String(n === 0 ? 0 : n);
  if (Number.isNaN(n)) return "nan";
  if (!Number.isFinite(n)) return n > 0 ? "inf" : "-inf";
  return formatNumberWith(fmt, n);
}

export function toStr(v: Val, fmt: string): string {
  if (typeof v === "string") return v;
  if (v === undefined) return "";
  if (v instanceof StrNum) return v.s;
  return numToStr(v, fmt);
}

export function toBool(v: Val): boolean {
  if (typeof v === "number") return v !== 0;
  if (v === undefined) return false;
  if (v instanceof StrNum) return v.n !== 0;
  return v !== "";
}

const isNumeric = (v: Val) => typeof v === "number" || v === undefined || v instanceof StrNum;

/** POSIX comparison: numeric when both sides are numeric (numbers, strnums, uninitialised), else string. */
export function compare(a: Val, b: Val, fmt: string): number {
  if (isNumeric(a) && isNumeric(b)) {
    const x = toNum(a);
    const y = toNum(b);
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
  }
  const x = toStr(a, fmt);
  const y = toStr(b, fmt);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** mawk's d_to_I: truncation clamped to ±(2^31-1), as %d, %c and substr use it. */
export function dToI(d: number): number {
  if (Number.isNaN(d)) return 0;
  if (d >= MAX_INT) return MAX_INT;
  if (d <= -MAX_INT) return -MAX_INT;
  return Math.trunc(d);
}
