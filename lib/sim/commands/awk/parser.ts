/**
 * Lexer and recursive-descent parser for POSIX awk as mawk 1.3.4 accepts it. Syntax errors use
 * mawk's words: `line 1: syntax error at or near }`. A `/` starts a regular expression where
 * an operand may begin and is division after one, as the awk grammar's lexical rule says.
 */
import type { Expr, FuncDef, LValue, Pattern, Program, Redirect, Rule, Stmt } from "./ast";

export class AwkSyntaxError extends Error {}

const KEYWORDS = new Set([
  "BEGIN",
  "END",
  "function",
  "func",
  "if",
  "else",
  "while",
  "for",
  "do",
  "break",
  "continue",
  "next",
  "nextfile",
  "exit",
  "return",
  "delete",
  "in",
  "getline",
  "print",
  "printf",
]);
export const BUILTINS = new Set([
  "length",
  "substr",
  "index",
  "split",
  "sub",
  "gsub",
  "match",
  "sprintf",
  "sin",
  "cos",
  "atan2",
  "exp",
  "log",
  "sqrt",
  "int",
  "rand",
  "srand",
  "tolower",
  "toupper",
  "system",
  "close",
  "fflush",
  "systime",
  "strftime",
  "mktime",
]);

type Tok =
  | { t: "num"; v: number; text: string }
  | { t: "str"; v: string; text: string }
  | { t: "ere"; v: string; text: string }
  | { t: "name" | "funcname" | "builtin" | "kw" | "op"; v: string; text: string }
  | { t: "nl"; v: "\n"; text: string }
  | { t: "eof"; v: ""; text: string };

const OPS = [
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "^=",
  "==",
  "<=",
  ">=",
  "!=",
  "!~",
  "++",
  "--",
  "&&",
  "||",
  ">>",
  "{",
  "}",
  "(",
  ")",
  "[",
  "]",
  ";",
  ",",
  "+",
  "-",
  "*",
  "/",
  "%",
  "^",
  "!",
  ">",
  "<",
  "|",
  "?",
  ":",
  "~",
  "$",
  "=",
];

const STR_ESC: Record<string, string> = { n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", f: "\f", v: "\v", "\\": "\\", '"': '"', "/": "/" };

class Lexer {
  i = 0;
  line = 1;
  private last: Tok | undefined;

  constructor(private readonly s: string) {}

  private canEndOperand(): boolean {
    const t = this.last;
    if (!t) return false;
    if (t.t === "num" || t.t === "str" || t.t === "ere" || t.t === "name") return true;
    if (t.t === "builtin") return true;
    if (t.t === "kw") return t.v === "getline";
    if (t.t === "op") return t.v === ")" || t.v === "]" || t.v === "$" || t.v === "++" || t.v === "--";
    return false;
  }

  next(): Tok {
    const tok = this.scan();
    this.last = tok;
    return tok;
  }

  private scan(): Tok {
    for (;;) {
      const c = this.s[this.i];
      if (c === undefined) return { t: "eof", v: "", text: "end of file" };
      if (c === " " || c === "\t" || c === "\r") this.i++;
      else if (c === "\\" && this.s[this.i + 1] === "\n") {
        this.i += 2;
        this.line++;
      } else if (c === "\\" && this.s[this.i + 1] === "\r" && this.s[this.i + 2] === "\n") this.i += 3;
      else if (c === "#") while (this.i < this.s.length && this.s[this.i] !== "\n") this.i++;
      else break;
    }
    const c = this.s[this.i];
    if (c === "\n") {
      this.i++;
      this.line++;
      return { t: "nl", v: "\n", text: "end of line" };
    }
    if (/[0-9.]/.test(c) && /[0-9]/.test(c === "." ? (this.s[this.i + 1] ?? "") : c)) {
      const m = /^(0[xX][0-9a-fA-F]+|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)/.exec(this.s.slice(this.i));
      const text = m ? m[0] : c;
      this.i += text.length;
      return { t: "num", v: /^0[xX]/.test(text) ? parseInt(text, 16) : Number(text), text };
    }
    if (c === '"') {
      let v = "";
      this.i++;
      for (;;) {
        const ch = this.s[this.i++];
        if (ch === undefined || ch === "\n") throw new AwkSyntaxError(`line ${this.line}: runaway string constant "${v.slice(0, 10)} ...`);
        if (ch === '"') break;
        if (ch === "\\") {
          const n = this.s[this.i++] ?? "";
          if (n === "\n") {
            this.line++;
            continue;
          }
          if (/[0-7]/.test(n)) {
            let oct = n;
            while (oct.length < 3 && /[0-7]/.test(this.s[this.i] ?? "")) oct += this.s[this.i++];
            v += String.fromCharCode(parseInt(oct, 8));
          } else v += STR_ESC[n] ?? "\\" + n;
        } else v += ch;
      }
      return { t: "str", v, text: `"${v}"` };
    }
    if (c === "/" && !this.canEndOperand()) {
      let v = "";
      this.i++;
      let inBracket = false;
      for (;;) {
        const ch = this.s[this.i++];
        if (ch === undefined || ch === "\n")
          throw new AwkSyntaxError(`line ${this.line}: runaway regular expression /${v.slice(0, 10)} ...`);
        if (ch === "/" && !inBracket) break;
        if (ch === "[" && !inBracket) {
          inBracket = true;
          v += ch;
          if (this.s[this.i] === "^") v += this.s[this.i++];
          if (this.s[this.i] === "]") v += this.s[this.i++];
          continue;
        }
        if (ch === "]" && inBracket) inBracket = false;
        if (ch === "\\") {
          const n = this.s[this.i++] ?? "";
          v += n === "/" ? "/" : "\\" + n;
        } else v += ch;
      }
      return { t: "ere", v, text: `/${v}/` };
    }
    if (/[A-Za-z_]/.test(c)) {
      let name = "";
      while (/[A-Za-z0-9_]/.test(this.s[this.i] ?? "")) name += this.s[this.i++];
      if (KEYWORDS.has(name)) return { t: "kw", v: name === "func" ? "function" : name, text: name };
      if (BUILTINS.has(name)) return { t: "builtin", v: name, text: name };
      if (this.s[this.i] === "(") return { t: "funcname", v: name, text: name };
      return { t: "name", v: name, text: name };
    }
    for (const op of OPS) {
      if (this.s.startsWith(op, this.i)) {
        this.i += op.length;
        return { t: "op", v: op, text: op };
      }
    }
    this.i++;
    throw new AwkSyntaxError(`line ${this.line}: syntax error at or near ${c}`);
  }
}

export function parseProgram(src: string): Program {
  // mawk reads the program as if it ended with a newline: an unexpected end is reported a line later
  return new Parser(src + "\n").program();
}

class Parser {
  private lx: Lexer;
  private tok: Tok;
  private peeked: Tok[] = [];
  /** inside print's argument list (not in parentheses): `>` is a redirection */
  private noGt = 0;
  /** inside `for (x in ...)` header detection and getline targets: `in` / concatenation limits */
  private noIn = 0;
  private funcs = new Map<string, FuncDef>();

  constructor(src: string) {
    this.lx = new Lexer(src);
    this.tok = this.lx.next();
  }

  private adv(): Tok {
    const t = this.tok;
    this.tok = this.peeked.shift() ?? this.lx.next();
    return t;
  }

  private advV(): string {
    return String(this.adv().v);
  }

  private peek(n = 0): Tok {
    while (this.peeked.length <= n) this.peeked.push(this.lx.next());
    return n === 0 ? this.tok : this.peeked[n - 1];
  }

  private is(v: string): boolean {
    return (this.tok.t === "op" || this.tok.t === "kw") && this.tok.v === v;
  }

  private fail(): never {
    if (this.tok.t === "eof") throw new AwkSyntaxError(`line ${this.lx.line}: syntax error at or near end of file`);
    const text = this.tok.t === "nl" ? "end of line" : this.tok.t === "str" ? `"${this.tok.v}"` : this.tok.text;
    throw new AwkSyntaxError(`line ${this.lx.line - (this.tok.t === "nl" ? 1 : 0)}: syntax error at or near ${text}`);
  }

  private expect(v: string): void {
    if (!this.is(v)) {
      if (v === "}" && this.tok.t === "eof") throw new AwkSyntaxError(`line ${this.lx.line}: missing } near end of file`);
      this.fail();
    }
    this.adv();
  }

  private nls(): void {
    while (this.tok.t === "nl") this.adv();
  }

  private optNls(): void {
    this.nls();
  }

  /** statement terminators: newlines and semicolons */
  private terms(): void {
    while (this.tok.t === "nl" || this.is(";")) this.adv();
  }

  program(): Program {
    const rules: Rule[] = [];
    this.terms();
    while (this.tok.t !== "eof") {
      if (this.is("function")) this.func();
      else rules.push(this.rule());
      this.terms();
    }
    return { rules, funcs: this.funcs };
  }

  private func(): void {
    this.adv();
    const name = String(this.tok.v);
    if (this.tok.t !== "name" && this.tok.t !== "funcname") this.fail();
    this.adv();
    this.expect("(");
    const params: string[] = [];
    while (!this.is(")")) {
      if (this.tok.t !== "name") this.fail();
      params.push(this.advV());
      if (this.is(",")) {
        this.adv();
        this.optNls();
      } else if (!this.is(")")) this.fail();
    }
    this.adv();
    this.optNls();
    this.funcs.set(name, { name, params, body: this.block() });
  }

  private rule(): Rule {
    let pattern: Pattern;
    if (this.is("BEGIN")) {
      this.adv();
      pattern = { k: "begin" };
    } else if (this.is("END")) {
      this.adv();
      pattern = { k: "end" };
    } else if (this.is("{")) pattern = { k: "always" };
    else {
      const a = this.expr();
      if (this.is(",")) {
        this.adv();
        this.optNls();
        pattern = { k: "range", a, b: this.expr() };
      } else pattern = { k: "expr", e: a };
    }
    if (this.is("{")) return { pattern, action: this.block() };
    if (pattern.k === "begin" || pattern.k === "end") this.fail();
    return { pattern };
  }

  private block(): Stmt[] {
    this.expect("{");
    const body: Stmt[] = [];
    this.terms();
    while (!this.is("}")) {
      if (this.tok.t === "eof") throw new AwkSyntaxError(`line ${this.lx.line}: missing } near end of file`);
      body.push(this.stmt());
      this.terms();
    }
    this.adv();
    return body;
  }

  /** A simple statement must end with `;`, a newline, `}` or the end. */
  private endSimple(): void {
    if (this.is(";") || this.tok.t === "nl") {
      this.adv();
      return;
    }
    if (this.is("}") || this.tok.t === "eof") return;
    this.fail();
  }

  private stmt(): Stmt {
    if (this.is("{")) return { k: "block", body: this.block() };
    if (this.is("if")) {
      this.adv();
      this.expect("(");
      const c = this.expr();
      this.expect(")");
      this.optNls();
      const then = this.stmtOrEmpty();
      // `else` may follow after newlines and a semicolon
      let j = 0;
      while (this.peek(j).t === "nl" || (this.peek(j).t === "op" && this.peek(j).v === ";")) j++;
      const after = this.peek(j);
      if (after.t === "kw" && after.v === "else") {
        for (let k = 0; k < j; k++) this.adv();
        this.adv();
        this.optNls();
        return { k: "if", c, then, else: this.stmtOrEmpty() };
      }
      return { k: "if", c, then };
    }
    if (this.is("while")) {
      this.adv();
      this.expect("(");
      const c = this.expr();
      this.expect(")");
      if (this.is(";")) {
        this.adv();
        return { k: "while", c, body: { k: "block", body: [] } };
      }
      this.optNls();
      return { k: "while", c, body: this.stmtOrEmpty() };
    }
    if (this.is("do")) {
      this.adv();
      this.optNls();
      const body = this.stmtOrEmpty();
      this.terms();
      if (!this.is("while")) this.fail();
      this.adv();
      this.expect("(");
      const c = this.expr();
      this.expect(")");
      this.endSimple();
      return { k: "do", body, c };
    }
    if (this.is("for")) return this.forStmt();
    if (this.is(";")) {
      this.adv();
      return { k: "block", body: [] };
    }
    const s = this.simpleStmt();
    this.endSimple();
    return s;
  }

  private stmtOrEmpty(): Stmt {
    if (this.is(";")) {
      this.adv();
      return { k: "block", body: [] };
    }
    return this.stmt();
  }

  private forStmt(): Stmt {
    this.adv();
    this.expect("(");
    if (
      this.tok.t === "name" &&
      this.peek(1).t === "kw" &&
      this.peek(1).v === "in" &&
      this.peek(2).t === "name" &&
      this.peek(3).t === "op" &&
      this.peek(3).v === ")"
    ) {
      const v = this.advV();
      this.adv();
      const arr = this.advV();
      this.adv();
      this.optNls();
      return { k: "forin", v, arr, body: this.stmtOrEmpty() };
    }
    const init = this.is(";") ? undefined : this.simpleStmt();
    this.expect(";");
    this.optNls();
    const c = this.is(";") ? undefined : this.expr();
    this.expect(";");
    this.optNls();
    const step = this.is(")") ? undefined : this.simpleStmt();
    this.expect(")");
    if (this.is(";")) {
      this.adv();
      return { k: "for", init, c, step, body: { k: "block", body: [] } };
    }
    this.optNls();
    return { k: "for", init, c, step, body: this.stmtOrEmpty() };
  }

  private simpleStmt(): Stmt {
    const t = this.tok;
    if (t.t === "kw") {
      switch (t.v) {
        case "print":
        case "printf": {
          this.adv();
          let args: Expr[] = [];
          this.noGt++;
          try {
            if (
              !this.is(";") &&
              !this.is("}") &&
              !this.is(">") &&
              !this.is(">>") &&
              !this.is("|") &&
              this.tok.t !== "nl" &&
              this.tok.t !== "eof"
            )
              args = this.exprList();
          } finally {
            this.noGt--;
          }
          // print (a, b) > "f": a parenthesised list is the argument list
          if (args.length === 1 && args[0].k === "multi") args = args[0].es;
          if (args.length === 1 && args[0].k === "group" && t.v === "printf") args = [args[0].e];
          let redirect: Redirect | undefined;
          if (this.is(">") || this.is(">>") || this.is("|")) {
            const op = this.advV() as ">";
            redirect = { op, e: this.concatNoGetline() };
          }
          if (t.v === "printf" && !args.length) this.fail();
          return { k: t.v, args, redirect };
        }
        case "next":
        case "nextfile":
        case "break":
        case "continue":
          this.adv();
          return { k: t.v };
        case "exit":
        case "return": {
          this.adv();
          const e = this.is(";") || this.is("}") || this.tok.t === "nl" || this.tok.t === "eof" ? undefined : this.expr();
          return { k: t.v, e };
        }
        case "delete": {
          this.adv();
          if (this.tok.t !== "name") this.fail();
          const name = this.advV();
          if (this.is("[")) {
            this.adv();
            const subs = this.exprList();
            this.expect("]");
            return { k: "delete", name, subs };
          }
          return { k: "delete", name };
        }
      }
    }
    return { k: "expr", e: this.expr() };
  }

  private exprList(): Expr[] {
    const out = [this.expr()];
    while (this.is(",")) {
      this.adv();
      this.optNls();
      out.push(this.expr());
    }
    return out;
  }

  // ---- expressions, lowest precedence first ----

  expr(): Expr {
    return this.ternary();
  }

  private isLvalue(e: Expr): e is LValue {
    return e.k === "var" || e.k === "field" || e.k === "index";
  }

  private ternary(): Expr {
    const c = this.orExpr();
    if (this.is("?")) {
      this.adv();
      this.optNls();
      const a = this.ternary();
      this.optNls();
      this.expect(":");
      this.optNls();
      return { k: "cond", c, a, b: this.ternary() };
    }
    if (this.tok.t === "op" && ["=", "+=", "-=", "*=", "/=", "%=", "^="].includes(this.tok.v) && this.isLvalue(c)) {
      // `a /= 2` vs a regex: the lexer already decided; assignments are right-associative
      const op = this.advV();
      this.optNls();
      return { k: "assign", op, target: c, e: this.ternary() };
    }
    return c;
  }

  private orExpr(): Expr {
    let a = this.andExpr();
    while (this.is("||")) {
      this.adv();
      this.optNls();
      a = { k: "or", a, b: this.andExpr() };
    }
    return a;
  }

  private andExpr(): Expr {
    let a = this.inExpr();
    while (this.is("&&")) {
      this.adv();
      this.optNls();
      a = { k: "and", a, b: this.inExpr() };
    }
    return a;
  }

  private inExpr(): Expr {
    let a = this.matchExpr();
    while (this.is("in") && !this.noIn) {
      this.adv();
      if (this.tok.t !== "name") this.fail();
      a = { k: "in", subs: a.k === "multi" ? a.es : [a], name: this.advV() };
    }
    return a;
  }

  private matchExpr(): Expr {
    let a = this.compare();
    while (this.is("~") || this.is("!~")) {
      const neg = this.advV() === "!~";
      a = { k: "match", neg, a, re: this.compare() };
    }
    return a;
  }

  private compare(): Expr {
    const a = this.concatWithGetline();
    const t = this.tok;
    if (t.t === "op" && ["<", "<=", "==", "!=", ">=", ">"].includes(t.v) && !(t.v === ">" && this.noGt)) {
      this.adv();
      return { k: "bin", op: t.v, a, b: this.concatWithGetline() };
    }
    return a;
  }

  /** concatenation, then `cmd | getline [var]` which binds looser than concatenation */
  private concatWithGetline(): Expr {
    let a = this.concat();
    while (this.is("|") && this.peek(1).t === "kw" && this.peek(1).v === "getline") {
      this.adv();
      this.adv();
      const target = this.optionalLvalue();
      a = { k: "getline", kind: "cmd", src: a, target };
    }
    return a;
  }

  private concatNoGetline(): Expr {
    return this.concat();
  }

  private startsOperand(): boolean {
    const t = this.tok;
    if (t.t === "num" || t.t === "str" || t.t === "ere" || t.t === "name" || t.t === "funcname" || t.t === "builtin") return true;
    if (t.t === "op") return t.v === "$" || t.v === "(" || t.v === "!" || t.v === "++" || t.v === "--";
    if (t.t === "kw") return t.v === "getline";
    return false;
  }

  private concat(): Expr {
    let a = this.additive();
    while (this.startsOperand() && !this.is("in")) {
      if (this.is("!") && this.peek(1).t === "op" && (this.peek(1).v === "=" || this.peek(1).v === "~")) break;
      a = { k: "concat", a, b: this.additive() };
    }
    return a;
  }

  private additive(): Expr {
    let a = this.mul();
    while (this.is("+") || this.is("-")) {
      const op = this.advV();
      a = { k: "bin", op, a, b: this.mul() };
    }
    return a;
  }

  private mul(): Expr {
    let a = this.unary();
    while (this.is("*") || this.is("/") || this.is("%")) {
      const op = this.advV();
      a = { k: "bin", op, a, b: this.unary() };
    }
    return a;
  }

  private unary(): Expr {
    if (this.is("!")) {
      this.adv();
      return { k: "unary", op: "!", e: this.unary() };
    }
    if (this.is("-") || this.is("+")) {
      const op = this.advV() as "-";
      return { k: "unary", op, e: this.unary() };
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.postfix();
    if (this.is("^")) {
      this.adv();
      // right-associative, and the exponent may carry a unary minus
      const e = this.is("-") || this.is("+") || this.is("!") ? this.unary() : this.power();
      return { k: "bin", op: "^", a: base, b: e };
    }
    return base;
  }

  private postfix(): Expr {
    if (this.is("++") || this.is("--")) {
      const op = this.advV() as "++";
      const target = this.postfix();
      if (!this.isLvalue(target)) this.fail();
      return { k: "incr", op, prefix: true, target };
    }
    const e = this.primary();
    if ((this.is("++") || this.is("--")) && this.isLvalue(e)) {
      const op = this.advV() as "++";
      return { k: "incr", op, prefix: false, target: e };
    }
    return e;
  }

  private optionalLvalue(): LValue | undefined {
    if (this.is("$")) {
      this.adv();
      return { k: "field", e: this.fieldOperand() };
    }
    if (this.tok.t === "name") {
      const name = this.advV();
      if (this.is("[")) {
        this.adv();
        const subs = this.exprList();
        this.expect("]");
        return { k: "index", name, subs };
      }
      return { k: "var", name };
    }
    return undefined;
  }

  /** `$` binds tighter than everything but grouping and increments: `$i++` is `($i)++`, `$NF-1` is `($NF)-1`. */
  private fieldOperand(): Expr {
    if (this.is("-") || this.is("+") || this.is("!")) {
      const op = this.advV() as "-";
      return { k: "unary", op, e: this.fieldOperand() };
    }
    if (this.is("++") || this.is("--")) {
      const op = this.advV() as "++";
      const target = this.primary();
      if (!this.isLvalue(target)) this.fail();
      return { k: "incr", op, prefix: true, target };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.tok;
    switch (t.t) {
      case "num":
        this.adv();
        return { k: "num", v: t.v };
      case "str":
        this.adv();
        return { k: "str", v: t.v };
      case "ere":
        this.adv();
        return { k: "regex", src: t.v };
      case "name": {
        this.adv();
        if (this.is("[")) {
          this.adv();
          const subs = this.exprList();
          this.expect("]");
          return { k: "index", name: t.v, subs };
        }
        return { k: "var", name: t.v };
      }
      case "funcname": {
        this.adv();
        this.expect("(");
        const args = this.is(")") ? [] : this.exprListIn();
        this.expect(")");
        return { k: "call", name: t.v, args };
      }
      case "builtin": {
        this.adv();
        if (this.is("(")) {
          this.adv();
          const args = this.is(")") ? [] : this.exprListIn();
          this.expect(")");
          return { k: "builtin", name: t.v, args };
        }
        if (t.v === "length") return { k: "builtin", name: "length", args: [] };
        this.fail();
        break;
      }
      case "kw":
        if (t.v === "getline") {
          this.adv();
          const target = this.optionalLvalue();
          if (this.is("<")) {
            this.adv();
            return { k: "getline", kind: "file", src: this.getlineFile(), target };
          }
          return { k: "getline", kind: "plain", target };
        }
        break;
      case "op":
        if (t.v === "$") {
          this.adv();
          return { k: "field", e: this.fieldOperand() };
        }
        if (t.v === "(") {
          this.adv();
          const saved = this.noGt;
          this.noGt = 0;
          try {
            const first = this.expr();
            if (this.is(",")) {
              const es = [first];
              while (this.is(",")) {
                this.adv();
                this.optNls();
                es.push(this.expr());
              }
              this.expect(")");
              return { k: "multi", es };
            }
            if (!this.is(")"))
              throw new AwkSyntaxError(`line ${this.lx.line}: missing ) near ${this.tok.t === "nl" ? "end of line" : this.tok.text}`);
            this.adv();
            return { k: "group", e: first };
          } finally {
            this.noGt = saved;
          }
        }
        break;
    }
    return this.fail();
  }

  /** the file of `getline < file`: a primary (`getline < "a" "b"` reads "a") */
  private getlineFile(): Expr {
    if (this.is("$")) {
      this.adv();
      return { k: "field", e: this.fieldOperand() };
    }
    return this.primary();
  }

  private exprListIn(): Expr[] {
    const saved = this.noGt;
    this.noGt = 0;
    try {
      return this.exprList();
    } finally {
      this.noGt = saved;
    }
  }
}
