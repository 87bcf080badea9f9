/**
 * jq 1.6's language: pipes, comma, `//`, assignments, `or`/`and`, comparisons, arithmetic, paths
 * (`.a.b`, `.[]`, `.[1:3]`, `..`), literals with string interpolation and @formats, array and
 * object construction, variables and `as` destructuring, if/elif/else, try/catch, reduce,
 * foreach, label/break, function definitions with filter and `$` parameters, and `?`.
 * Compile errors read like jq's bison messages.
 */

export type Node =
  | { k: "identity" }
  | { k: "recurse" }
  | { k: "field"; name: string; target: Node; opt: boolean }
  | { k: "index"; index: Node; target: Node; opt: boolean }
  | { k: "slice"; from?: Node; to?: Node; target: Node; opt: boolean }
  | { k: "iterate"; target: Node; opt: boolean }
  | { k: "literal"; v: null | boolean | number | string }
  | { k: "string"; parts: (string | Node)[]; format?: string }
  | { k: "format"; name: string }
  | { k: "array"; e?: Node }
  | { k: "object"; entries: { key: Node | string; value?: Node; keyVar?: string }[] }
  | { k: "pipe"; a: Node; b: Node }
  | { k: "comma"; a: Node; b: Node }
  | { k: "alt"; a: Node; b: Node }
  | { k: "assign"; op: string; lhs: Node; rhs: Node }
  | { k: "and" | "or"; a: Node; b: Node }
  | { k: "binop"; op: string; a: Node; b: Node }
  | { k: "neg"; e: Node }
  | { k: "var"; name: string }
  | { k: "call"; name: string; args: Node[] }
  | { k: "bind"; source: Node; patterns: Pattern[]; body: Node }
  | { k: "if"; cond: Node; then: Node; elifs: { cond: Node; then: Node }[]; else?: Node }
  | { k: "try"; body: Node; catch?: Node }
  | { k: "reduce"; source: Node; pattern: Pattern; init: Node; update: Node }
  | { k: "foreach"; source: Node; pattern: Pattern; init: Node; update: Node; extract?: Node }
  | { k: "label"; name: string; body: Node }
  | { k: "break"; name: string }
  | { k: "def"; name: string; params: string[]; body: Node; rest: Node };

export type Pattern =
  | { k: "var"; name: string }
  | { k: "array"; items: Pattern[] }
  | { k: "object"; entries: { key: Node | string; keyVar?: string; pattern?: Pattern }[] };

export class JqCompileError extends Error {}

type Tok =
  | { t: "num"; v: number; at: number }
  | { t: "str"; at: number; end: number }
  | { t: "ident" | "field" | "var" | "format" | "kw" | "op"; v: string; at: number }
  | { t: "eof"; at: number };

const KEYWORDS = new Set([
  "def",
  "as",
  "if",
  "then",
  "elif",
  "else",
  "end",
  "and",
  "or",
  "not_kw",
  "reduce",
  "foreach",
  "try",
  "catch",
  "label",
  "import",
  "include",
  "__loc__",
]);
const OPS = [
  "?//",
  "|=",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "//=",
  "==",
  "!=",
  "<=",
  ">=",
  "//",
  "..",
  "|",
  ",",
  "+",
  "-",
  "*",
  "/",
  "%",
  "=",
  "<",
  ">",
  ".",
  "[",
  "]",
  "(",
  ")",
  "{",
  "}",
  ":",
  ";",
  "?",
  "$",
];

class Lexer {
  i = 0;
  constructor(readonly s: string) {}

  next(): Tok {
    for (;;) {
      const c = this.s[this.i];
      if (c === " " || c === "\t" || c === "\n" || c === "\r") this.i++;
      else if (c === "#") while (this.i < this.s.length && this.s[this.i] !== "\n") this.i++;
      else break;
    }
    const at = this.i;
    const c = this.s[this.i];
    if (c === undefined) return { t: "eof", at };
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(this.s[this.i + 1] ?? ""))) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(this.s.slice(this.i)) ?? [""];
      this.i += m[0].length;
      return { t: "num", v: Number(m[0]), at };
    }
    if (c === '"') {
      // the string's extent; its parts are parsed by the parser (interpolation nests)
      let j = this.i + 1;
      let depth = 0;
      while (j < this.s.length) {
        const ch = this.s[j];
        if (depth === 0 && ch === '"') break;
        if (ch === "\\" && this.s[j + 1] === "(") {
          depth++;
          j += 2;
          continue;
        }
        if (ch === "\\") {
          j += 2;
          continue;
        }
        if (depth > 0 && ch === "(") depth++;
        else if (depth > 0 && ch === ")") depth--;
        else if (depth > 0 && ch === '"') {
          // a string inside an interpolation
          j++;
          while (j < this.s.length && this.s[j] !== '"') j += this.s[j] === "\\" ? 2 : 1;
        }
        j++;
      }
      if (j >= this.s.length) throw new JqCompileError("unterminated string");
      this.i = j + 1;
      return { t: "str", at, end: j };
    }
    if (c === "." && /[A-Za-z_]/.test(this.s[this.i + 1] ?? "")) {
      const m = /^\.[A-Za-z_][A-Za-z0-9_]*/.exec(this.s.slice(this.i)) ?? [""];
      this.i += m[0].length;
      return { t: "field", v: m[0].slice(1), at };
    }
    if (c === "$" && /[A-Za-z_]/.test(this.s[this.i + 1] ?? "")) {
      const m = /^\$[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)*/.exec(this.s.slice(this.i)) ?? [""];
      this.i += m[0].length;
      return { t: "var", v: m[0].slice(1), at };
    }
    if (c === "@") {
      const m = /^@[A-Za-z0-9_]+/.exec(this.s.slice(this.i));
      if (!m) throw new JqCompileError("syntax error, unexpected INVALID_CHARACTER");
      this.i += m[0].length;
      return { t: "format", v: m[0].slice(1), at };
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)*/.exec(this.s.slice(this.i)) ?? [""];
      this.i += m[0].length;
      return { t: KEYWORDS.has(m[0]) ? "kw" : "ident", v: m[0], at };
    }
    for (const op of OPS) {
      if (this.s.startsWith(op, this.i)) {
        this.i += op.length;
        return { t: "op", v: op, at };
      }
    }
    this.i++;
    return { t: "op", v: "INVALID_CHARACTER", at };
  }
}

export function parseJq(src: string): Node {
  const p = new Parser(src);
  const n = p.pipe();
  if (p.tok.t !== "eof") p.fail(true);
  return n;
}

class Parser {
  private lx: Lexer;
  tok: Tok;
  private last: Tok | undefined;
  constructor(private readonly src: string) {
    this.lx = new Lexer(src);
    this.tok = this.lx.next();
  }

  private tokName(t: Tok): string {
    if (t.t === "eof") return "$end";
    if (t.t === "num") return "LITERAL";
    if (t.t === "str") return "QQSTRING_START";
    if (t.t === "ident") return "IDENT";
    if (t.t === "field") return "FIELD";
    if (t.t === "var") return "'$'";
    if (t.t === "format") return "FORMAT";
    if (t.t === "kw") return t.v;
    if (t.v === "INVALID_CHARACTER" || t.v === "..") return t.v;
    return t.v.length === 1 ? `'${t.v}'` : t.v;
  }

  /** bash-quoting hint and the program line with jq's column padding. */
  fail(expectEnd = false): never {
    const t = this.tok;
    const where = t.t === "eof" ? (this.last?.at ?? 0) : t.at;
    const line = this.src.split("\n")[0];
    throw new JqCompileError(
      `syntax error, unexpected ${this.tokName(t)}${expectEnd ? ", expecting $end" : ""} (Unix shell quoting issues?) at <top-level>, line 1:\n${line}${" ".repeat(where)}`,
    );
  }

  private at(t: Tok["t"]): boolean {
    return this.tok.t === t;
  }

  private advV(): string {
    const t = this.adv();
    return "v" in t ? String(t.v) : "";
  }

  private adv(): Tok {
    const t = this.tok;
    this.last = t;
    this.tok = this.lx.next();
    return t;
  }

  private tokV(): string {
    return "v" in this.tok ? String(this.tok.v) : "";
  }

  private isOp(v: string): boolean {
    return this.at("op") && this.tokV() === v;
  }

  private isKw(v: string): boolean {
    return this.at("kw") && this.tokV() === v;
  }

  private expectOp(v: string): void {
    if (!this.isOp(v)) this.fail();
    this.adv();
  }

  private expectKw(v: string): void {
    if (!this.isKw(v)) this.fail();
    this.adv();
  }

  pipe(): Node {
    if (this.isKw("def")) {
      const d = this.funcDef();
      return { ...d, rest: this.pipe() };
    }
    const a = this.comma();
    if (this.isOp("|")) {
      this.adv();
      return { k: "pipe", a, b: this.pipe() };
    }
    return a;
  }

  private funcDef(): Extract<Node, { k: "def" }> {
    this.adv();
    if (this.tok.t !== "ident" && this.tok.t !== "kw") this.fail();
    const name = this.advV();
    const params: string[] = [];
    if (this.isOp("(")) {
      this.adv();
      for (;;) {
        if (this.at("var")) params.push("$" + this.advV());
        else if (this.at("ident")) params.push(this.advV());
        else this.fail();
        if (this.isOp(";")) {
          this.adv();
          continue;
        }
        this.expectOp(")");
        break;
      }
    }
    this.expectOp(":");
    const body = this.pipe();
    this.expectOp(";");
    return { k: "def", name, params, body, rest: { k: "identity" } };
  }

  private comma(): Node {
    let a = this.alt();
    while (this.isOp(",")) {
      this.adv();
      a = { k: "comma", a, b: this.alt() };
    }
    return a;
  }

  private alt(): Node {
    const a = this.assign();
    if (this.isOp("//")) {
      this.adv();
      return { k: "alt", a, b: this.alt() };
    }
    return a;
  }

  private assign(): Node {
    const lhs = this.orE();
    if (this.at("op") && ["=", "|=", "+=", "-=", "*=", "/=", "%=", "//="].includes(this.tokV())) {
      const op = this.adv() as { v: string };
      return { k: "assign", op: op.v, lhs, rhs: this.alt() };
    }
    return lhs;
  }

  private orE(): Node {
    let a = this.andE();
    while (this.isKw("or")) {
      this.adv();
      a = { k: "or", a, b: this.andE() };
    }
    return a;
  }

  private andE(): Node {
    let a = this.cmp();
    while (this.isKw("and")) {
      this.adv();
      a = { k: "and", a, b: this.cmp() };
    }
    return a;
  }

  private cmp(): Node {
    const a = this.add();
    if (this.at("op") && ["==", "!=", "<", "<=", ">", ">="].includes(this.tokV())) {
      const op = this.advV();
      return { k: "binop", op, a, b: this.add() };
    }
    return a;
  }

  private add(): Node {
    let a = this.mul();
    while (this.isOp("+") || this.isOp("-")) {
      const op = this.advV();
      a = { k: "binop", op, a, b: this.mul() };
    }
    return a;
  }

  private mul(): Node {
    let a = this.unary();
    while (this.isOp("*") || this.isOp("/") || this.isOp("%")) {
      const op = this.advV();
      a = { k: "binop", op, a, b: this.unary() };
    }
    return a;
  }

  private unary(): Node {
    if (this.isOp("-")) {
      this.adv();
      return { k: "neg", e: this.unary() };
    }
    return this.postfix();
  }

  private postfix(allowAs = true): Node {
    let t = this.term();
    for (;;) {
      if (this.at("field")) {
        t = { k: "field", name: this.advV(), target: t, opt: this.optional() };
      } else if (this.isOp(".") && (this.peekStr() || this.peekBracket())) {
        this.adv();
        if (this.at("str")) t = { k: "field", name: this.plainString(this.adv()), target: t, opt: this.optional() };
        else t = this.bracket(t);
      } else if (this.isOp("[")) t = this.bracket(t);
      else if (this.isOp("?")) {
        this.adv();
        t = { k: "try", body: t };
      } else if (allowAs && this.isKw("as")) {
        this.adv();
        const patterns = [this.pattern()];
        while (this.isOp("?//")) {
          this.adv();
          patterns.push(this.pattern());
        }
        this.expectOp("|");
        return { k: "bind", source: t, patterns, body: this.pipe() };
      } else return t;
    }
  }

  private peekStr(): boolean {
    const save = this.lx.i;
    const t = this.lx.next();
    this.lx.i = save;
    return t.t === "str";
  }

  private peekBracket(): boolean {
    const save = this.lx.i;
    const t = this.lx.next();
    this.lx.i = save;
    return t.t === "op" && t.v === "[";
  }

  private optional(): boolean {
    if (this.isOp("?")) {
      this.adv();
      return true;
    }
    return false;
  }

  private bracket(target: Node): Node {
    this.expectOp("[");
    if (this.isOp("]")) {
      this.adv();
      return { k: "iterate", target, opt: this.optional() };
    }
    if (this.isOp(":")) {
      this.adv();
      const to = this.pipe();
      this.expectOp("]");
      return { k: "slice", to, target, opt: this.optional() };
    }
    const index = this.pipe();
    if (this.isOp(":")) {
      this.adv();
      const to = this.isOp("]") ? undefined : this.pipe();
      this.expectOp("]");
      return { k: "slice", from: index, to, target, opt: this.optional() };
    }
    this.expectOp("]");
    return { k: "index", index, target, opt: this.optional() };
  }

  private pattern(): Pattern {
    if (this.at("var")) return { k: "var", name: this.advV() };
    if (this.isOp("[")) {
      this.adv();
      const items: Pattern[] = [];
      if (!this.isOp("]")) {
        for (;;) {
          items.push(this.pattern());
          if (this.isOp(",")) {
            this.adv();
            continue;
          }
          break;
        }
      }
      this.expectOp("]");
      return { k: "array", items };
    }
    if (this.isOp("{")) {
      this.adv();
      const entries: { key: Node | string; keyVar?: string; pattern?: Pattern }[] = [];
      for (;;) {
        if (this.at("var")) {
          const v = this.advV();
          entries.push({ key: v, keyVar: v, pattern: this.isOp(":") ? (this.adv(), this.pattern()) : undefined });
        } else if (this.at("ident") || this.at("kw")) {
          const key = this.advV();
          this.expectOp(":");
          entries.push({ key, pattern: this.pattern() });
        } else if (this.at("str")) {
          const key = this.stringNode(this.adv());
          this.expectOp(":");
          entries.push({ key, pattern: this.pattern() });
        } else if (this.isOp("(")) {
          this.adv();
          const key = this.pipe();
          this.expectOp(")");
          this.expectOp(":");
          entries.push({ key, pattern: this.pattern() });
        } else this.fail();
        if (this.isOp(",")) {
          this.adv();
          continue;
        }
        break;
      }
      this.expectOp("}");
      return { k: "object", entries };
    }
    return this.fail();
  }

  /** A string token's parts: text and `\( )` interpolations parsed as pipes. */
  private stringNode(t: Tok, format?: string): Node {
    if (t.t !== "str") return this.fail();
    const raw = this.src.slice(t.at + 1, t.end);
    const parts: (string | Node)[] = [];
    let text = "";
    for (let j = 0; j < raw.length; j++) {
      const c = raw[j];
      if (c !== "\\") {
        text += c;
        continue;
      }
      const e = raw[++j];
      if (e === "(") {
        let depth = 1;
        let k = j + 1;
        for (; k < raw.length && depth; k++) {
          if (raw[k] === "(") depth++;
          else if (raw[k] === ")") depth--;
          else if (raw[k] === '"') {
            k++;
            while (k < raw.length && raw[k] !== '"') k += raw[k] === "\\" ? 2 : 1;
          }
        }
        if (text) parts.push(text);
        text = "";
        parts.push(parseJq(raw.slice(j + 1, k - 1)));
        j = k - 1;
        continue;
      }
      const map: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", "\\": "\\", "/": "/", '"': '"' };
      if (e === "u") {
        const hex = raw.slice(j + 1, j + 5);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JqCompileError("invalid \\u escape");
        let code = parseInt(hex, 16);
        j += 4;
        if (code >= 0xd800 && code < 0xdc00 && raw.slice(j + 1, j + 3) === "\\u") {
          const lo = parseInt(raw.slice(j + 3, j + 7), 16);
          if (lo >= 0xdc00 && lo < 0xe000) {
            code = 0x10000 + ((code - 0xd800) << 10) + (lo - 0xdc00);
            j += 6;
          }
        }
        text += String.fromCodePoint(code);
      } else if (map[e] !== undefined) text += map[e];
      else throw new JqCompileError(`invalid escape \\${e}`);
    }
    if (text || !parts.length) parts.push(text);
    if (parts.length === 1 && typeof parts[0] === "string" && !format) return { k: "literal", v: parts[0] };
    return { k: "string", parts, format };
  }

  private plainString(t: Tok): string {
    const n = this.stringNode(t);
    if (n.k === "literal" && typeof n.v === "string") return n.v;
    return this.fail();
  }

  private term(): Node {
    const t = this.tok;
    switch (t.t) {
      case "num":
        this.adv();
        return { k: "literal", v: t.v };
      case "str":
        this.adv();
        return this.stringNode(t);
      case "format":
        this.adv();
        if (this.at("str")) return this.stringNode(this.adv(), t.v);
        return { k: "format", name: t.v };
      case "field":
        this.adv();
        return { k: "field", name: t.v, target: { k: "identity" }, opt: this.optional() };
      case "var":
        this.adv();
        if (t.v === "__loc__") return { k: "literal", v: null };
        return { k: "var", name: t.v };
      case "ident": {
        this.adv();
        if (t.v === "null" || t.v === "true" || t.v === "false") return { k: "literal", v: t.v === "null" ? null : t.v === "true" };
        const args: Node[] = [];
        if (this.isOp("(")) {
          this.adv();
          for (;;) {
            args.push(this.pipe());
            if (this.isOp(";")) {
              this.adv();
              continue;
            }
            break;
          }
          this.expectOp(")");
        }
        return { k: "call", name: t.v, args };
      }
      case "kw":
        return this.keywordTerm(t.v);
      case "op":
        switch (t.v) {
          case ".": {
            this.adv();
            if (this.at("str")) return { k: "field", name: this.plainString(this.adv()), target: { k: "identity" }, opt: this.optional() };
            if (this.isOp("[")) return this.bracket({ k: "identity" });
            return { k: "identity" };
          }
          case "..":
            this.adv();
            return { k: "recurse" };
          case "(": {
            this.adv();
            const e = this.pipe();
            this.expectOp(")");
            return e;
          }
          case "[": {
            this.adv();
            if (this.isOp("]")) {
              this.adv();
              return { k: "array" };
            }
            const e = this.pipe();
            this.expectOp("]");
            return { k: "array", e };
          }
          case "{":
            return this.object();
          case "-":
            this.adv();
            return { k: "neg", e: this.postfix() };
        }
    }
    return this.fail();
  }

  private keywordTerm(kw: string): Node {
    switch (kw) {
      case "if": {
        this.adv();
        const cond = this.pipe();
        this.expectKw("then");
        const then = this.pipe();
        const elifs: { cond: Node; then: Node }[] = [];
        while (this.isKw("elif")) {
          this.adv();
          const c = this.pipe();
          this.expectKw("then");
          elifs.push({ cond: c, then: this.pipe() });
        }
        this.expectKw("else");
        const els = this.pipe();
        this.expectKw("end");
        return { k: "if", cond, then, elifs, else: els };
      }
      case "try": {
        this.adv();
        const body = this.postfix();
        if (this.isKw("catch")) {
          this.adv();
          return { k: "try", body, catch: this.postfix() };
        }
        return { k: "try", body };
      }
      case "reduce":
      case "foreach": {
        this.adv();
        const source = this.postfix(false);
        this.expectKw("as");
        const pattern = this.pattern();
        this.expectOp("(");
        const init = this.pipe();
        this.expectOp(";");
        const update = this.pipe();
        let extract: Node | undefined;
        if (kw === "foreach" && this.isOp(";")) {
          this.adv();
          extract = this.pipe();
        }
        this.expectOp(")");
        return kw === "reduce" ? { k: "reduce", source, pattern, init, update } : { k: "foreach", source, pattern, init, update, extract };
      }
      case "label": {
        this.adv();
        if (this.tok.t !== "var") this.fail();
        const name = this.advV();
        this.expectOp("|");
        return { k: "label", name, body: this.pipe() };
      }
      case "def": {
        const d = this.funcDef();
        return { ...d, rest: this.pipe() };
      }
    }
    if (this.at("kw") && (kw === "and" || kw === "or" || kw === "not")) this.fail();
    return this.fail();
  }

  private object(): Node {
    this.adv();
    const entries: { key: Node | string; value?: Node; keyVar?: string }[] = [];
    if (this.isOp("}")) {
      this.adv();
      return { k: "object", entries };
    }
    for (;;) {
      let key: Node | string;
      let keyVar: string | undefined;
      if (this.at("var")) {
        keyVar = this.advV();
        key = keyVar;
      } else if (this.at("ident") || this.at("kw")) key = this.advV();
      else if (this.at("str")) key = this.stringNode(this.adv());
      else if (this.at("format")) {
        const f = this.advV();
        key = this.at("str") ? this.stringNode(this.adv(), f) : { k: "format", name: f };
      } else if (this.at("num")) {
        this.fail();
      } else if (this.isOp("(")) {
        this.adv();
        key = this.pipe();
        this.expectOp(")");
      } else this.fail();
      let value: Node | undefined;
      if (this.isOp(":")) {
        this.adv();
        value = this.objectValue();
      }
      entries.push({ key, value, keyVar });
      if (this.isOp(",")) {
        this.adv();
        continue;
      }
      break;
    }
    this.expectOp("}");
    return { k: "object", entries };
  }

  /** An object value: terms joined by `|` only (a comma ends it), as jq's ExpD. */
  private objectValue(): Node {
    let a = this.alt();
    while (this.isOp("|")) {
      this.adv();
      a = { k: "pipe", a, b: this.alt() };
    }
    return a;
  }
}
