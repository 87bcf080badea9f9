/**
 * C's printf conversions as bash's printf builtin and awk's printf/sprintf use them: flags
 * `-+ #0`, width and precision (also `*`), %d %i %o %u %x %X %c %s %f %F %e %E %g %G %%, and
 * bash's %b, %q and %(fmt)T. Integers are 64-bit (BigInt) like bash's intmax_t.
 */
import { backslashQuote } from "../../shell/quote";

export interface Spec {
  flags: string;
  width?: number;
  precision?: number;
  conv: string;
}

function pad(s: string, spec: Spec, numeric: boolean): string {
  const w = spec.width ?? 0;
  if (s.length >= w) return s;
  if (spec.flags.includes("-")) return s.padEnd(w);
  if (numeric && spec.flags.includes("0") && spec.precision === undefined) {
    const sign = /^[+\- ]|^0[xX]/.exec(s)?.[0] ?? "";
    return sign + s.slice(sign.length).padStart(w - sign.length, "0");
  }
  return s.padStart(w);
}

/** %d %i %o %u %x %X of a 64-bit integer. */
export function formatInt(v: bigint, spec: Spec): string {
  const c = spec.conv;
  let n = v;
  if (c === "u" || c === "o" || c === "x" || c === "X") n = BigInt.asUintN(64, v);
  const neg = n < 0n;
  let digits = (neg ? -n : n).toString(c === "o" ? 8 : c === "x" || c === "X" ? 16 : 10);
  if (c === "X") digits = digits.toUpperCase();
  if (spec.precision !== undefined) digits = spec.precision === 0 && n === 0n ? "" : digits.padStart(spec.precision, "0");
  if (spec.flags.includes("#")) {
    if (c === "o" && !digits.startsWith("0")) digits = "0" + digits;
    if ((c === "x" || c === "X") && n !== 0n) digits = (c === "x" ? "0x" : "0X") + digits;
  }
  const sign = neg
    ? "-"
    : spec.flags.includes("+") && (c === "d" || c === "i")
      ? "+"
      : spec.flags.includes(" ") && (c === "d" || c === "i")
        ? " "
        : "";
  return pad(sign + digits, spec, true);
}

/** A finite non-negative value as an exact fraction num / den. */
export interface Exact {
  num: bigint;
  den: bigint;
}

const bitLength = (n: bigint) => n.toString(2).length;

/**
 * The x87 long double (64-bit mantissa) nearest to a decimal text, as an exact fraction: bash's
 * printf converts its arguments with strtold, so `printf %.2f 1.005` rounds that value.
 */
export function longDoubleOf(text: string): { x: Exact; negative: boolean } | undefined {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
  if (!m || (!m[2] && !m[3])) return undefined;
  const digits = (m[2] || "") + (m[3] || "");
  const k = Number(m[4] ?? 0) - (m[3] ?? "").length;
  if (Math.abs(k) > 5000) return undefined;
  const D = BigInt(digits || "0");
  const negative = m[1] === "-";
  if (D === 0n) return { x: { num: 0n, den: 1n }, negative };
  const num = k >= 0 ? D * 10n ** BigInt(k) : D;
  const den = k >= 0 ? 1n : 10n ** BigInt(-k);
  let s = 63 - (bitLength(num) - bitLength(den));
  const scaled = (sh: number) => (sh >= 0 ? { n: num << BigInt(sh), d: den } : { n: num, d: den << BigInt(-sh) });
  let { n, d } = scaled(s);
  if (n / d >= 1n << 64n) ({ n, d } = scaled(--s));
  else if (n / d < 1n << 63n) ({ n, d } = scaled(++s));
  let mant = n / d;
  const r2 = (n % d) * 2n;
  if (r2 > d || (r2 === d && mant % 2n === 1n)) mant++;
  return { x: s >= 0 ? { num: mant, den: 1n << BigInt(s) } : { num: mant << BigInt(-s), den: 1n }, negative };
}

/** A finite double as an exact fraction num / den (den a power of two). */
function exact(v: number): Exact {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(v));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const expBits = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e = expBits - 1075;
  if (expBits === 0) e = -1074;
  else mant |= 1n << 52n;
  return e >= 0 ? { num: mant << BigInt(e), den: 1n } : { num: mant, den: 1n << BigInt(-e) };
}

/** round(num/den × 10^scale) with ties to even, as glibc rounds the exact binary value */
function roundScaled(num: bigint, den: bigint, scale: number): bigint {
  const n = scale >= 0 ? num * 10n ** BigInt(scale) : num;
  const d = scale >= 0 ? den : den * 10n ** BigInt(-scale);
  const q = n / d;
  const r2 = (n % d) * 2n;
  return r2 > d || (r2 === d && q % 2n === 1n) ? q + 1n : q;
}

/** |v| with `prec` digits after the point, exactly as C's %f rounds (JS's toFixed rounds ties up). */
function fixedForm(v: number | Exact, prec: number): string {
  const { num, den } = typeof v === "number" ? exact(v) : v;
  const digits = roundScaled(num, den, prec)
    .toString()
    .padStart(prec + 1, "0");
  return prec ? `${digits.slice(0, -prec)}.${digits.slice(-prec)}` : digits;
}

/** C's %e form of |v|: one digit, `prec` decimals, an exponent of at least two digits. */
function expForm(v: number | Exact, prec: number, upper: boolean): string {
  const x = typeof v === "number" ? exact(Math.abs(v)) : v;
  let body: string;
  if (x.num === 0n) body = (prec ? "0." + "0".repeat(prec) : "0") + "e+00";
  else {
    const { num, den } = x;
    let e = bitLength(num) - bitLength(den);
    e = Math.floor(e * Math.log10(2));
    let m = roundScaled(num, den, prec - e);
    // the estimate can be off by one or two; the mantissa must have prec+1 digits
    for (let guard = 0; guard < 4; guard++) {
      if (m >= 10n ** BigInt(prec + 1)) e++;
      else if (m < 10n ** BigInt(prec)) e--;
      else break;
      m = roundScaled(num, den, prec - e);
    }
    const ds = m.toString();
    body = (prec ? `${ds[0]}.${ds.slice(1)}` : ds) + `e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  }
  return upper ? body.toUpperCase() : body;
}

/** %f %e %g (and upper-case forms) of a double (or an exact long double), as glibc prints them. */
export function formatFloat(value: number | { x: Exact; negative: boolean }, spec: Spec): string {
  const c = spec.conv;
  const upper = c === "E" || c === "G" || c === "F";
  let body: string;
  const v = typeof value === "number" ? value : value.negative ? -1 : 1;
  if (typeof value === "number" && !Number.isFinite(value)) body = Number.isNaN(value) ? "nan" : value < 0 ? "-inf" : "inf";
  else {
    const prec = spec.precision ?? 6;
    const abs: number | Exact = typeof value === "number" ? Math.abs(value) : value.x;
    const negZero = typeof value === "number" ? Object.is(value, -0) : value.negative && value.x.num === 0n;
    if (c === "f" || c === "F") body = fixedForm(abs, prec);
    else if (c === "e" || c === "E") body = expForm(abs, prec, false);
    else {
      const p = prec === 0 ? 1 : prec;
      if (abs === 0 || (typeof abs !== "number" && abs.num === 0n)) body = "0";
      else {
        const x = Number(expForm(abs, p - 1, false).split("e")[1]);
        body = p > x && x >= -4 ? fixedForm(abs, p - 1 - x) : expForm(abs, p - 1, false);
      }
      if (!spec.flags.includes("#") && body.includes("."))
        body = body.includes("e") ? body.replace(/\.?0+e/, "e") : body.replace(/\.?0+$/, "");
    }
    if (spec.flags.includes("#") && !body.includes(".") && (c === "f" || c === "F" || c === "e" || c === "E"))
      body = body.replace(/^(\d+)/, "$1.");
    if ((v < 0 && !negZero) || negZero) body = "-" + body;
    else if (spec.flags.includes("+")) body = "+" + body;
    else if (spec.flags.includes(" ")) body = " " + body;
  }
  if (upper) body = body.toUpperCase();
  return pad(body, spec, typeof value !== "number" || Number.isFinite(value));
}

export function formatString(s: string, spec: Spec): string {
  const t = spec.precision !== undefined ? Array.from(s).slice(0, spec.precision).join("") : s;
  return pad(t, spec, false);
}

/** Escapes of printf's format (and of %b's argument, which also knows \c and \0NNN). */
export function printfEscapes(s: string, forB: boolean): { text: string; stop: boolean } {
  let out = "";
  const map: Record<string, string> = {
    n: "\n",
    t: "\t",
    r: "\r",
    a: "\x07",
    b: "\b",
    f: "\f",
    v: "\v",
    e: "\x1b",
    E: "\x1b",
    "\\": "\\",
    '"': '"',
    "'": "'",
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== "\\" || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i];
    let m: RegExpExecArray | null;
    if (n === "c" && forB) return { text: out, stop: true };
    if (map[n] !== undefined && !(n === "'" && forB) && !(n === '"' && forB)) out += map[n];
    else if (n === "x" && (m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1)))) {
      out += String.fromCharCode(parseInt(m[0], 16));
      i += m[0].length;
    } else if ((n === "u" || n === "U") && (m = (n === "u" ? /^[0-9a-fA-F]{1,4}/ : /^[0-9a-fA-F]{1,8}/).exec(s.slice(i + 1)))) {
      out += String.fromCodePoint(Math.min(parseInt(m[0], 16), 0x10ffff));
      i += m[0].length;
    } else if (forB && n === "0" && (m = /^[0-7]{0,3}/.exec(s.slice(i + 1)))) {
      out += String.fromCharCode(parseInt(m[0] || "0", 8) & 0xff);
      i += m[0].length;
    } else if (!forB && /[0-7]/.test(n) && (m = /^[0-7]{0,2}/.exec(s.slice(i + 1)))) {
      out += String.fromCharCode(parseInt(n + m[0], 8) & 0xff);
      i += m[0].length;
    } else out += "\\" + n;
  }
  return { text: out, stop: false };
}

/** A bash printf numeric argument: decimal, 0x hex, 0 octal, 'c (character code); errors are reported. */
export function bashNumber(arg: string, float: boolean): { value: bigint | number | { x: Exact; negative: boolean }; error?: string } {
  const t = arg.trim();
  if (/^['"]/.test(t)) {
    const cp = t.codePointAt(1) ?? 0;
    return { value: float ? cp : BigInt(cp) };
  }
  if (float) {
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return { value: longDoubleOf(t) ?? Number(t) };
    if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(t)) return { value: Number.parseInt(t, 16) };
    if (/^[+-]?(inf|infinity|nan)$/i.test(t)) return { value: Number(t.replace(/inf(inity)?/i, "Infinity").replace(/nan/i, "NaN")) };
    const lead = /^[+-]?(\d+\.?\d*|\.\d+)/.exec(t);
    return { value: lead ? Number(lead[0]) : 0, error: `${arg}: invalid number` };
  }
  let m = /^([+-]?)0[xX]([0-9a-fA-F]+)$/.exec(t);
  if (m) return { value: BigInt.asIntN(64, BigInt(`0x${m[2]}`) * (m[1] === "-" ? -1n : 1n)) };
  m = /^([+-]?)0([0-7]+)$/.exec(t);
  if (m) return { value: BigInt.asIntN(64, BigInt(`0o${m[2]}`) * (m[1] === "-" ? -1n : 1n)) };
  if (/^[+-]?\d+$/.test(t)) return { value: BigInt.asIntN(64, BigInt(t)) };
  const lead = /^[+-]?\d+/.exec(t);
  return { value: lead ? BigInt(lead[0]) : 0n, error: t === "" ? undefined : `${arg}: invalid number` };
}

const CONV = /%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?(?:hh|h|ll|l|L|q|j|z|t)?([diouxXcsbqfFeEgGaA%]|\([^)]*\)T)/y;

/** Parses `%...` at `i` of `fmt`; undefined when it is not a valid conversion. */
export function parseSpec(
  fmt: string,
  i: number,
): { spec: Spec; widthStar: boolean; precStar: boolean; end: number; raw: string } | undefined {
  CONV.lastIndex = i;
  const m = CONV.exec(fmt);
  if (!m) return undefined;
  return {
    spec: {
      flags: m[1],
      width: m[2] && m[2] !== "*" ? Number(m[2]) : undefined,
      precision: m[3] === undefined ? undefined : m[3] === "*" ? 0 : Number(m[3] || 0),
      conv: m[4],
    },
    widthStar: m[2] === "*",
    precStar: m[3] === "*",
    end: CONV.lastIndex,
    raw: m[0],
  };
}

/**
 * bash's printf: the format is reused until the arguments run out. `strftime` formats %(...)T.
 * Returns the text, the error messages (without prefix) and whether to stop (\c in %b).
 */
export function bashPrintf(
  format: string,
  args: string[],
  strftime: (fmt: string, sec: number) => string,
): { text: string; errors: string[] } {
  let out = "";
  const errors: string[] = [];
  let ai = 0;
  const next = () => (ai < args.length ? args[ai++] : undefined);
  for (let pass = 0; pass < 10_000; pass++) {
    const startAi = ai;
    for (let i = 0; i < format.length;) {
      const c = format[i];
      if (c === "\\") {
        const j = format.slice(i).search(/%/);
        const chunk = j < 0 ? format.slice(i) : format.slice(i, i + j);
        const esc = printfEscapes(chunk, false);
        out += esc.text;
        i += chunk.length;
        continue;
      }
      if (c !== "%") {
        out += c;
        i++;
        continue;
      }
      const p = parseSpec(format, i);
      if (!p) {
        const bad = format[i + 1] ?? "";
        errors.push(`%${bad}: invalid format character`);
        return { text: out, errors };
      }
      i = p.end;
      const spec = { ...p.spec };
      if (spec.conv === "%") {
        out += "%";
        continue;
      }
      if (p.widthStar) {
        const w = Number(bashNumber(next() ?? "0", false).value);
        if (w < 0) spec.flags += "-";
        spec.width = Math.abs(w);
      }
      if (p.precStar) spec.precision = Number(bashNumber(next() ?? "0", false).value);
      const arg = next();
      const conv = spec.conv;
      if (conv.startsWith("(")) {
        const sec = arg === undefined || arg === "" || arg === "-1" ? -1 : Number(bashNumber(arg, false).value);
        out += formatString(strftime(conv.slice(1, -2), sec), spec);
      } else if (conv === "s") out += formatString(arg ?? "", spec);
      else if (conv === "b") {
        const e = printfEscapes(arg ?? "", true);
        out += formatString(e.text, spec);
        if (e.stop) return { text: out, errors };
      } else if (conv === "q") out += formatString(arg === undefined ? "''" : backslashQuote(arg), spec);
      else if (conv === "c") out += formatString(Array.from(arg ?? "")[0] ?? "", spec);
      else if ("diouxX".includes(conv)) {
        const n = bashNumber(arg ?? "0", false);
        if (n.error) errors.push(n.error);
        out += formatInt(n.value as bigint, spec);
      } else {
        const n = bashNumber(arg ?? "0", true);
        if (n.error) errors.push(n.error);
        const fv = typeof n.value === "bigint" ? Number(n.value) : n.value;
        out += formatFloat(fv, { ...spec, conv: conv === "a" ? "e" : conv === "A" ? "E" : conv });
      }
    }
    if (ai >= args.length || ai === startAi) break;
  }
  return { text: out, errors };
}
