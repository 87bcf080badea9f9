/**
 * Bash arithmetic (`$(( ))`, `(( ))`, `let`, `for ((;;))`, array subscripts) on 64-bit integers
 * that wrap as bash's intmax_t does (BigInt, truncated to 64 bits). Operators in C precedence:
 * assignment (= += -= *= /= %= <<= >>= &= ^= |=), `?:`, || &&, | ^ &, == !=, < <= > >=, << >>,
 * + -, * / %, **, unary ! ~ - + ++ --, postfix ++ --, and `,`. Numbers may be 0x hex, 0 octal or
 * base#digits. A variable holding an expression is evaluated as one (bounded recursion). Errors
 * use bash's wording: `1/0: division by 0 (error token is "0")`.
 */

export class ArithError extends Error {}

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  getIndex(name: string, index: string): string | undefined;
  setIndex(name: string, index: string, value: string): void;
  /** `set -u`: called for an unset name; may throw */
  unset?(name: string): void;
  /** true when `name` is an associative array (its subscripts are strings, not expressions) */
  isAssoc?(name: string): boolean;
}

const wrap = (n: bigint) => BigInt.asIntN(64, n);
const MAX_RECURSION = 64;

interface Tok {
  t: string;
  at: number;
}

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  const re =
    /\s*(?:([0-9][0-9A-Za-z@_#]*(?:\.[0-9]*)?)|([A-Za-z_][A-Za-z0-9_]*)|(<<=|>>=|\*\*|\+\+|--|&&|\|\||==|!=|<=|>=|<<|>>|[-+*/%&^|]=|[-+*/%<>=!~&^|?:,()[\]])|(\S))/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < src.length && (m = re.exec(src))) {
    const text = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (text === undefined) break;
    toks.push({ t: text, at: m.index + m[0].length - text.length });
  }
  return toks;
}

const ASSIGN_OPS = new Set(["=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "^=", "|="]);

type LValue = { name: string; index?: string };

class Evaluator {
  private toks: Tok[];
  private i = 0;
  private readonly text: string;

  constructor(
    src: string,
    private readonly vars: ArithVars,
    private readonly level: number,
  ) {
    this.text = src.replace(/^\s+/, "");
    this.toks = tokenize(this.text);
  }

  private fail(msg: string, at?: number): never {
    const tok = this.toks[this.i];
    const from = at ?? (tok ? tok.at : this.text.length);
    throw new ArithError(`${this.text}: ${msg} (error token is "${this.text.slice(from)}")`);
  }

  private peek(): string | undefined {
    return this.toks[this.i]?.t;
  }

  run(): bigint {
    if (!this.toks.length) return 0n;
    const v = this.comma(false);
    if (this.i < this.toks.length) this.fail(this.peek() === ")" ? "syntax error in expression" : "syntax error in expression");
    return v;
  }

  private comma(skip: boolean): bigint {
    let v = this.assign(skip);
    while (this.peek() === ",") {
      this.i++;
      v = this.assign(skip);
    }
    return v;
  }

  private lvalueAt(): LValue | undefined {
    const t = this.toks[this.i];
    if (!t || !/^[A-Za-z_]/.test(t.t)) return undefined;
    if (this.toks[this.i + 1]?.t !== "[") return ASSIGN_OPS.has(this.toks[this.i + 1]?.t ?? "") ? { name: t.t } : undefined;
    // name[expr] followed by an assignment operator
    let depth = 0;
    for (let j = this.i + 1; j < this.toks.length; j++) {
      if (this.toks[j].t === "[") depth++;
      else if (this.toks[j].t === "]" && --depth === 0)
        return ASSIGN_OPS.has(this.toks[j + 1]?.t ?? "") ? { name: t.t, index: "" } : undefined;
    }
    return undefined;
  }

  private assign(skip: boolean): bigint {
    const lv = this.lvalueAt();
    if (!lv) return this.ternary(skip);
    this.i++;
    if (lv.index !== undefined) lv.index = this.subscript(lv.name, skip);
    const op = this.toks[this.i++].t;
    const rhs = this.assign(skip);
    if (skip) return 0n;
    let v = rhs;
    if (op !== "=") v = this.binary(op.slice(0, -1), this.read(lv), rhs, this.toks[this.i - 1]?.at);
    this.write(lv, v);
    return v;
  }

  /** Reads `[expr]` after a name; the subscript of an associative array is kept as text. */
  private subscript(name: string, skip: boolean): string {
    this.i++;
    if (this.vars.isAssoc?.(name)) {
      const start = this.toks[this.i]?.at ?? this.text.length;
      let depth = 1;
      while (this.i < this.toks.length) {
        const t = this.toks[this.i].t;
        if (t === "[") depth++;
        if (t === "]" && --depth === 0) break;
        this.i++;
      }
      const end = this.toks[this.i]?.at ?? this.text.length;
      this.i++;
      return this.text.slice(start, end).trim();
    }
    const v = this.comma(skip);
    if (this.peek() !== "]") this.fail("syntax error: invalid arithmetic operator");
    this.i++;
    return String(v);
  }

  private ternary(skip: boolean): bigint {
    const c = this.binaryLevel(0, skip);
    if (this.peek() !== "?") return c;
    this.i++;
    const a = this.comma(skip || c === 0n);
    if (this.peek() !== ":") this.fail("`:' expected for conditional expression");
    this.i++;
    const b = this.ternary(skip || c !== 0n);
    return c !== 0n ? a : b;
  }

  private static readonly LEVELS: string[][] = [
    ["||"],
    ["&&"],
    ["|"],
    ["^"],
    ["&"],
    ["==", "!="],
    ["<", "<=", ">", ">="],
    ["<<", ">>"],
    ["+", "-"],
    ["*", "/", "%"],
  ];

  private binaryLevel(level: number, skip: boolean): bigint {
    if (level >= Evaluator.LEVELS.length) return this.power(skip);
    let left = this.binaryLevel(level + 1, skip);
    const ops = Evaluator.LEVELS[level];
    for (;;) {
      const op = this.peek();
      if (!op || !ops.includes(op)) return left;
      const at = this.toks[this.i].at;
      this.i++;
      if (op === "&&" || op === "||") {
        const short = op === "&&" ? left === 0n : left !== 0n;
        const right = this.binaryLevel(level + 1, skip || short);
        left = short ? (op === "||" ? 1n : 0n) : right !== 0n ? 1n : 0n;
        continue;
      }
      const right = this.binaryLevel(level + 1, skip);
      left = skip ? 0n : this.binary(op, left, right, at);
    }
  }

  private binary(op: string, a: bigint, b: bigint, at?: number): bigint {
    const tokAt = () => {
      const j = this.toks.findIndex((t) => t.at > (at ?? 0));
      return j >= 0 ? this.toks[j].at : this.text.length;
    };
    switch (op) {
      case "+":
        return wrap(a + b);
      case "-":
        return wrap(a - b);
      case "*":
        return wrap(a * b);
      case "/":
      case "%":
        if (b === 0n) this.fail("division by 0", tokAt());
        if (a === -(2n ** 63n) && b === -1n) return op === "/" ? a : 0n;
        return op === "/" ? a / b : a % b;
      case "**":
        if (b < 0n) this.fail("exponent less than 0", tokAt());
        return wrap(powMod64(a, b));
      case "<<":
        return wrap(a << (b & 63n));
      case ">>":
        return a >> (b & 63n);
      case "&":
        return a & b;
      case "|":
        return a | b;
      case "^":
        return a ^ b;
      case "<":
        return a < b ? 1n : 0n;
      case ">":
        return a > b ? 1n : 0n;
      case "<=":
        return a <= b ? 1n : 0n;
      case ">=":
        return a >= b ? 1n : 0n;
      case "==":
        return a === b ? 1n : 0n;
      case "!=":
        return a !== b ? 1n : 0n;
      default:
        return this.fail("syntax error: invalid arithmetic operator");
    }
  }

  private power(skip: boolean): bigint {
    const base = this.unary(skip);
    if (this.peek() !== "**") return base;
    const at = this.toks[this.i].at;
    this.i++;
    const exp = this.power(skip);
    return skip ? 0n : this.binary("**", base, exp, at);
  }

  private unary(skip: boolean): bigint {
    const t = this.peek();
    if (t === "!" || t === "~" || t === "-" || t === "+") {
      this.i++;
      const v = this.unary(skip);
      return t === "!" ? (v === 0n ? 1n : 0n) : t === "~" ? ~v : t === "-" ? wrap(-v) : v;
    }
    if (t === "++" || t === "--") {
      const name = this.toks[this.i + 1]?.t;
      if (name && /^[A-Za-z_]/.test(name)) {
        this.i += 2;
        const lv: LValue = { name };
        if (this.peek() === "[") lv.index = this.subscript(name, skip);
        if (skip) return 0n;
        const v = wrap(this.read(lv) + (t === "++" ? 1n : -1n));
        this.write(lv, v);
        return v;
      }
      // `++5` is `+(+5)` in bash
      this.i++;
      const v = this.unary(skip);
      return t === "++" ? v : v;
    }
    return this.postfix(skip);
  }

  private postfix(skip: boolean): bigint {
    const t = this.toks[this.i];
    if (!t) return this.fail("syntax error: operand expected");
    if (t.t === "(") {
      this.i++;
      const v = this.comma(skip);
      if (this.peek() !== ")") this.fail("missing `)'");
      this.i++;
      return v;
    }
    if (/^[0-9]/.test(t.t)) {
      this.i++;
      return this.number(t);
    }
    if (/^[A-Za-z_]/.test(t.t)) {
      this.i++;
      const lv: LValue = { name: t.t };
      if (this.peek() === "[") lv.index = this.subscript(t.t, skip);
      const op = this.peek();
      if (op === "++" || op === "--") {
        this.i++;
        if (skip) return 0n;
        const v = this.read(lv);
        this.write(lv, wrap(v + (op === "++" ? 1n : -1n)));
        return v;
      }
      return skip ? 0n : this.read(lv);
    }
    return this.fail("syntax error: operand expected");
  }

  private number(t: Tok): bigint {
    const s = t.t;
    if (s.includes(".")) this.fail("syntax error: invalid arithmetic operator", t.at + s.indexOf("."));
    let base = 10;
    let digits = s;
    const hash = s.indexOf("#");
    if (hash >= 0) {
      base = Number(s.slice(0, hash));
      digits = s.slice(hash + 1);
      if (!/^\d+$/.test(s.slice(0, hash)) || base < 2 || base > 64) this.fail("invalid arithmetic base", t.at);
    } else if (/^0[xX]/.test(s)) {
      base = 16;
      digits = s.slice(2);
    } else if (s.length > 1 && s[0] === "0") {
      base = 8;
      digits = s.slice(1);
    }
    let v = 0n;
    for (const ch of digits) {
      const d = digitValue(ch, base);
      if (d < 0 || d >= base) this.fail("value too great for base", t.at);
      v = wrap(v * BigInt(base) + BigInt(d));
    }
    return v;
  }

  private read(lv: LValue): bigint {
    const raw = lv.index !== undefined ? this.vars.getIndex(lv.name, lv.index) : this.vars.get(lv.name);
    if (raw === undefined) this.vars.unset?.(lv.name);
    const text = (raw ?? "").trim();
    if (text === "") return 0n;
    if (/^-?\d+$/.test(text) && !/^-?0\d/.test(text)) return wrap(BigInt(text));
    if (this.level >= MAX_RECURSION) throw new ArithError(`${lv.name}: expression recursion level exceeded (error token is "${lv.name}")`);
    return new Evaluator(text, this.vars, this.level + 1).run();
  }

  private write(lv: LValue, v: bigint): void {
    if (lv.index !== undefined) this.vars.setIndex(lv.name, lv.index, String(v));
    else this.vars.set(lv.name, String(v));
  }
}

function digitValue(ch: string, base: number): number {
  if (ch >= "0" && ch <= "9") return ch.charCodeAt(0) - 48;
  if (ch >= "a" && ch <= "z") return ch.charCodeAt(0) - 87;
  if (ch >= "A" && ch <= "Z") return base <= 36 ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 29;
  if (ch === "@") return 62;
  if (ch === "_") return 63;
  return -1;
}

function powMod64(a: bigint, b: bigint): bigint {
  let result = 1n;
  let base = wrap(a);
  let e = b;
  while (e > 0n) {
    if (e & 1n) result = wrap(result * base);
    base = wrap(base * base);
    e >>= 1n;
  }
  return result;
}

/** Evaluates an expanded arithmetic expression; throws ArithError with bash's message. */
export function evalArith(src: string, vars: ArithVars): bigint {
  return new Evaluator(src, vars, 0).run();
}
