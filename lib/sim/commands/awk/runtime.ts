/**
 * The awk interpreter: patterns and actions over records, fields, arrays, user functions,
 * getline in all its forms, output redirection and pipes. It is synchronous; running a shell
 * command (`cmd | getline`, system(), close() of an output pipe) asks the host, which answers
 * from a cache or throws NeedCommand so the caller can run the command and start over (awk's
 * own effects are buffered until the run completes, so a restart is invisible).
 */
import { LIMITS } from "../../core/limits";
import { Regex, RegexError } from "../coreutils/regex";
import type { Expr, FuncDef, LValue, Program, Rule, Stmt } from "./ast";
import { awkSprintf, callBuiltin } from "./builtins";
import { AwkError, NeedCommand, plainError, PrintfError } from "./errors";
import { RecordReader, splitFields } from "./io";
import { compare, fromInput, numToStr, toBool, toNum, toStr, type Val } from "./values";

export interface AwkHost {
  /** a file's text, or undefined when it cannot be read */
  readFile(name: string): string | undefined;
  stdin(): string;
  /** the cached result of the n-th command run, or undefined (then NeedCommand is thrown) */
  command(index: number, cmd: string, input: string): { stdout: string; stderr: string; exitCode: number } | undefined;
  env: Record<string, string>;
  now: number;
}

export type AwkArray = Map<string, Val>;

export interface Cell {
  v: Val | AwkArray;
  /** a parameter passed an unset variable: using it as an array makes the caller's an array */
  alias?: Cell;
}

class NextRecord extends Error {}
class NextFile extends Error {}
class ExitProgram extends Error {
  constructor(readonly code: number) {
    super("exit");
  }
}
class LoopBreak extends Error {}
class LoopContinue extends Error {}
class FuncReturn extends Error {
  constructor(readonly value: Val) {
    super("return");
  }
}

interface Input {
  reader: RecordReader;
}

export class Awk {
  readonly globals = new Map<string, Cell>();
  private frames: Map<string, Cell>[] = [];
  private record = "";
  private fields: Val[] | undefined;
  private nf = 0;
  out = "";
  err = "";
  readonly files = new Map<string, string>();
  /** files closed with close(): the next `>` to them starts them again */
  private closed = new Set<string>();
  readonly pipes = new Map<string, string>();
  private readers = new Map<string, RecordReader>();
  private cmdReaders = new Map<string, RecordReader>();
  private commandsRun = 0;
  private steps = 0;
  private depth = 0;
  private regexCache = new Map<string, Regex>();
  private rangeActive = new Set<Rule>();
  private argIndex = 1;
  private main: Input | undefined;
  private mainDone = false;
  randSeed = 0;
  randState = 0;
  private exitCode = 0;

  constructor(
    private readonly prog: Program,
    private readonly host: AwkHost,
    argv: string[],
    assigns: [string, string][],
  ) {
    const set = (n: string, v: Val) => this.globals.set(n, { v });
    set("FS", " ");
    set("OFS", " ");
    set("ORS", "\n");
    set("RS", "\n");
    set("NR", 0);
    set("FNR", 0);
    set("SUBSEP", "\x1c");
    set("CONVFMT", "%.6g");
    set("OFMT", "%.6g");
    set("RSTART", 0);
    set("RLENGTH", -1);
    set("FILENAME", "");
    const env: AwkArray = new Map();
    for (const [k, v] of Object.entries(host.env)) env.set(k, fromInput(v));
    this.globals.set("ENVIRON", { v: env });
    const av: AwkArray = new Map();
    argv.forEach((a, i) => av.set(String(i), fromInput(a)));
    this.globals.set("ARGV", { v: av });
    set("ARGC", argv.length);
    for (const [k, v] of assigns) this.assignVar(k, v);
    this.randState = 0x2545f491;
  }

  private tick(): void {
    if (++this.steps > LIMITS.maxToolSteps) throw new AwkError("program ran too long (step limit exceeded)");
  }

  regex(src: string): Regex {
    let re = this.regexCache.get(src);
    if (!re) {
      try {
        re = new Regex(src, { ere: true, icase: false, awk: true });
      } catch (e) {
        if (e instanceof RegexError) throw new AwkError(`regular expression compile failed (${e.message})\n${src}`);
        throw e;
      }
      if (this.regexCache.size > 500) this.regexCache.clear();
      this.regexCache.set(src, re);
    }
    return re;
  }

  // ---- variables ----

  private cell(name: string): Cell {
    const f = this.frames[this.frames.length - 1];
    const local = f?.get(name);
    if (local) return local;
    let c = this.globals.get(name);
    if (!c) {
      c = { v: undefined };
      this.globals.set(name, c);
    }
    return c;
  }

  isArray(name: string): boolean {
    const c = this.cell(name);
    return c.v instanceof Map || c.alias?.v instanceof Map;
  }

  getVar(name: string): Val {
    if (name === "NF") {
      this.split();
      return this.nf;
    }
    const c = this.cell(name);
    if (c.v instanceof Map) throw new AwkError(`can't use array ${name} in scalar context`);
    return c.v;
  }

  setVar(name: string, v: Val): void {
    if (name === "NF") {
      this.split();
      const n = Math.max(0, Math.trunc(toNum(v)));
      const f = this.fields ?? [];
      while (f.length < n) f.push("");
      f.length = n;
      this.fields = f;
      this.nf = n;
      this.rebuild();
      return;
    }
    const c = this.cell(name);
    if (c.v instanceof Map) throw new AwkError(`can't assign to ${name}; it's an array name.`);
    c.v = v;
    c.alias = undefined;
  }

  str(v: Val): string {
    return toStr(v, this.sv("CONVFMT"));
  }

  private sv(name: string): string {
    const c = this.globals.get(name);
    return c && !(c.v instanceof Map) ? toStr(c.v, "%.6g") : "";
  }

  /** -v and operand assignments: escapes are processed and the value is a strnum when numeric */
  assignVar(name: string, raw: string): void {
    const v = raw.replace(/\\(n|t|r|\\|"|\/|a|b|f|v|[0-7]{1,3})/g, (_, e: string) =>
      /^[0-7]/.test(e)
        ? String.fromCharCode(parseInt(e, 8))
        : ({ n: "\n", t: "\t", r: "\r", "\\": "\\", '"': '"', "/": "/", a: "\x07", b: "\b", f: "\f", v: "\v" } as Record<string, string>)[
            e
          ],
    );
    this.setVar(name, fromInput(v));
  }

  array(name: string): AwkArray {
    const c = this.cell(name);
    if (c.v instanceof Map) return c.v;
    if (c.alias) {
      if (!(c.alias.v instanceof Map)) c.alias.v = new Map();
      c.v = c.alias.v;
      return c.v;
    }
    if (c.v !== undefined) throw new AwkError(`can't use scalar ${name} as array`);
    c.v = new Map();
    return c.v;
  }

  subscript(subs: Expr[]): string {
    if (subs.length === 1) return this.key(this.evaluate(subs[0]));
    return subs.map((s) => this.key(this.evaluate(s))).join(this.sv("SUBSEP"));
  }

  private key(v: Val): string {
    return typeof v === "number" && Number.isInteger(v) ? String(v === 0 ? 0 : v) : this.str(v);
  }

  // ---- records and fields ----

  setRecord(rec: string): void {
    this.record = rec;
    this.fields = undefined;
  }

  private split(): void {
    if (this.fields) return;
    const paragraph = this.sv("RS") === "";
    const parts = splitFields(this.record, this.sv("FS"), (s) => this.regex(s), paragraph && this.sv("FS") !== " ");
    this.fields = parts.map(fromInput);
    this.nf = this.fields.length;
  }

  private rebuild(): void {
    const ofs = this.sv("OFS");
    this.record = (this.fields ?? []).map((f) => this.str(f)).join(ofs);
  }

  getField(i: number): Val {
    if (i < 0) throw new AwkError(`negative field index $${i}`);
    if (i === 0) return fromInput(this.record);
    this.split();
    return this.fields?.[i - 1] ?? "";
  }

  setField(i: number, v: Val): void {
    if (i < 0) throw new AwkError(`negative field index $${i}`);
    if (i === 0) {
      this.setRecord(this.str(v));
      return;
    }
    this.split();
    const f = this.fields ?? [];
    while (f.length < i) f.push("");
    f[i - 1] = v;
    this.fields = f;
    this.nf = f.length;
    this.rebuild();
  }

  // ---- input ----

  /** The next main-input record, moving through ARGV's files and assignments. */
  private nextMain(): string | undefined {
    for (;;) {
      if (!this.main) {
        if (this.mainDone) return undefined;
        const argv = this.array("ARGV");
        const argc = Math.trunc(toNum(this.getVar("ARGC")));
        let opened = false;
        while (this.argIndex < argc) {
          const a = this.str(argv.get(String(this.argIndex)));
          this.argIndex++;
          if (a === "") continue;
          const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(a);
          if (m) {
            this.assignVar(m[1], m[2]);
            continue;
          }
          const text = a === "-" || a === "/dev/stdin" ? this.host.stdin() : this.host.readFile(a);
          if (text === undefined) throw plainError(`cannot open ${a} (No such file or directory)`);
          this.main = { reader: new RecordReader(text) };
          this.setVar("FILENAME", a);
          this.setVar("FNR", 0);
          opened = true;
          break;
        }
        if (!opened) {
          if (this.usedFiles) {
            this.mainDone = true;
            return undefined;
          }
          this.usedFiles = true;
          this.main = { reader: new RecordReader(this.host.stdin()) };
          this.setVar("FNR", 0);
        } else this.usedFiles = true;
      }
      const main = this.main;
      if (!main) continue;
      const rec = main.reader.next(this.sv("RS"), (s) => this.regex(s));
      if (rec !== undefined) {
        this.setVar("NR", toNum(this.getVar("NR")) + 1);
        this.setVar("FNR", toNum(this.getVar("FNR")) + 1);
        return rec;
      }
      this.main = undefined;
      if (this.argIndex >= Math.trunc(toNum(this.getVar("ARGC")))) {
        this.mainDone = true;
        return undefined;
      }
    }
  }

  private usedFiles = false;

  // ---- running ----

  run(): { code: number } {
    const rules = this.prog.rules;
    try {
      try {
        for (const r of rules) if (r.pattern.k === "begin") this.action(r);
        const needsInput = rules.some((r) => r.pattern.k !== "begin");
        if (needsInput) {
          for (;;) {
            const rec = this.nextMain();
            if (rec === undefined) break;
            this.setRecord(rec);
            try {
              for (const r of rules) {
                if (r.pattern.k === "begin" || r.pattern.k === "end") continue;
                this.tick();
                if (this.matches(r)) this.action(r);
              }
            } catch (e) {
              if (e instanceof NextFile) this.main = undefined;
              else if (!(e instanceof NextRecord)) throw e;
            }
          }
        }
      } catch (e) {
        if (!(e instanceof ExitProgram)) throw e;
        this.exitCode = e.code;
      }
      for (const r of rules) if (r.pattern.k === "end") this.action(r);
    } catch (e) {
      if (!(e instanceof ExitProgram)) throw e;
      this.exitCode = e.code;
    }
    return { code: this.exitCode };
  }

  private matches(r: Rule): boolean {
    const p = r.pattern;
    if (p.k === "always") return true;
    if (p.k === "expr") return this.truth(p.e);
    if (p.k === "range") {
      if (this.rangeActive.has(r)) {
        if (this.truth(p.b)) this.rangeActive.delete(r);
        return true;
      }
      if (!this.truth(p.a)) return false;
      if (!this.truth(p.b)) this.rangeActive.add(r);
      return true;
    }
    return false;
  }

  /** A pattern or condition: a bare regex matches $0. */
  private truth(e: Expr): boolean {
    if (e.k === "regex") return this.regex(e.src).test(this.record);
    return toBool(this.evaluate(e));
  }

  private action(r: Rule): void {
    if (!r.action) {
      this.emit(this.record + this.sv("ORS"));
      return;
    }
    this.block(r.action);
  }

  private block(stmts: Stmt[]): void {
    for (const s of stmts) this.exec(s);
  }

  emit(text: string, to?: { op: ">" | ">>" | "|"; name: string }): void {
    if (!to || to.name === "/dev/stdout" || to.name === "-") {
      this.out += text;
      if (this.out.length > LIMITS.maxPipeBytes) throw new AwkError("output too large");
      return;
    }
    if (to.name === "/dev/stderr") {
      this.err += text;
      return;
    }
    if (to.op === "|") {
      this.pipes.set(to.name, (this.pipes.get(to.name) ?? "") + text);
      return;
    }
    if (this.closed.has(to.name)) {
      this.closed.delete(to.name);
      if (to.op === ">") this.files.set(to.name, "");
    }
    if (!this.files.has(to.name)) {
      const old = to.op === ">>" ? (this.host.readFile(to.name) ?? "") : "";
      this.files.set(to.name, old);
    }
    this.files.set(to.name, (this.files.get(to.name) ?? "") + text);
  }

  /** FILENAME, FNR and NR for a run time error's second line */
  position(): string {
    return `\tFILENAME="${this.sv("FILENAME")}" FNR=${this.sv("FNR")} NR=${this.sv("NR")}`;
  }

  private exec(s: Stmt): void {
    this.tick();
    switch (s.k) {
      case "expr":
        this.evaluate(s.e);
        return;
      case "print": {
        const text = s.args.length ? s.args.map((a) => this.outStr(this.evaluate(a))).join(this.sv("OFS")) : this.record;
        this.emit(text + this.sv("ORS"), s.redirect && { op: s.redirect.op, name: this.str(this.evaluate(s.redirect.e)) });
        return;
      }
      case "printf": {
        const vals = s.args.map((a) => this.evaluate(a));
        const to = s.redirect && { op: s.redirect.op, name: this.str(this.evaluate(s.redirect.e)) };
        try {
          this.emit(awkSprintf(this, vals, "printf"), to);
        } catch (e) {
          if (e instanceof PrintfError) this.emit(e.partial, to);
          throw e;
        }
        return;
      }
      case "if":
        if (this.truth(s.c)) this.exec(s.then);
        else if (s.else) this.exec(s.else);
        return;
      case "while":
        while (this.truth(s.c)) {
          this.tick();
          if (this.loopBody(s.body)) break;
        }
        return;
      case "do":
        do {
          this.tick();
          if (this.loopBody(s.body)) break;
        } while (this.truth(s.c));
        return;
      case "for":
        if (s.init) this.exec(s.init);
        while (!s.c || this.truth(s.c)) {
          this.tick();
          if (this.loopBody(s.body)) break;
          if (s.step) this.exec(s.step);
        }
        return;
      case "forin": {
        const arr = this.array(s.arr);
        for (const k of [...arr.keys()]) {
          this.tick();
          this.setVar(s.v, fromInput(k));
          if (this.loopBody(s.body)) break;
        }
        return;
      }
      case "block":
        this.block(s.body);
        return;
      case "next":
        throw new NextRecord();
      case "nextfile":
        throw new NextFile();
      case "break":
        throw new LoopBreak();
      case "continue":
        throw new LoopContinue();
      case "exit":
        throw new ExitProgram(s.e ? Math.trunc(toNum(this.evaluate(s.e))) & 255 : this.exitCode);
      case "return":
        throw new FuncReturn(s.e ? this.evaluate(s.e) : undefined);
      case "delete": {
        const arr = this.array(s.name);
        if (s.subs) arr.delete(this.subscript(s.subs));
        else arr.clear();
        return;
      }
      case "getline":
        this.evaluate(s.e);
        return;
    }
  }

  /** Runs a loop body; true when it ended with `break`. */
  private loopBody(body: Stmt): boolean {
    try {
      this.exec(body);
    } catch (e) {
      if (e instanceof LoopBreak) return true;
      if (e instanceof LoopContinue) return false;
      throw e;
    }
    return false;
  }

  /** print's conversion of numbers uses OFMT */
  private outStr(v: Val): string {
    return typeof v === "number" ? numToStr(v, this.sv("OFMT")) : this.str(v);
  }

  // ---- expressions ----

  evaluate(e: Expr): Val {
    switch (e.k) {
      case "num":
        return e.v;
      case "str":
        return e.v;
      case "regex":
        return this.regex(e.src).test(this.record) ? 1 : 0;
      case "group":
        return this.evaluate(e.e);
      case "multi":
        return this.subscript(e.es);
      case "var":
        return this.getVar(e.name);
      case "field":
        return this.getField(Math.trunc(toNum(this.evaluate(e.e))));
      case "index": {
        const k = this.subscript(e.subs);
        const arr = this.array(e.name);
        if (!arr.has(k)) arr.set(k, undefined);
        return arr.get(k);
      }
      case "assign": {
        let v = this.evaluate(e.e);
        if (e.op !== "=") v = this.arith(e.op.slice(0, -1), toNum(this.load(e.target)), toNum(v));
        this.store(e.target, v);
        return v;
      }
      case "cond":
        return this.truth(e.c) ? this.evaluate(e.a) : this.evaluate(e.b);
      case "and":
        return this.truth(e.a) && this.truth(e.b) ? 1 : 0;
      case "or":
        return this.truth(e.a) || this.truth(e.b) ? 1 : 0;
      case "in":
        return this.array(e.name).has(this.subscript(e.subs)) ? 1 : 0;
      case "match": {
        const s = this.str(this.evaluate(e.a));
        const re = e.re.k === "regex" ? this.regex(e.re.src) : this.regex(this.str(this.evaluate(e.re)));
        return re.test(s) !== e.neg ? 1 : 0;
      }
      case "bin": {
        const op = e.op;
        if (op === "<" || op === "<=" || op === ">" || op === ">=" || op === "==" || op === "!=") {
          const c = compare(this.evaluate(e.a), this.evaluate(e.b), this.sv("CONVFMT"));
          const r = op === "<" ? c < 0 : op === "<=" ? c <= 0 : op === ">" ? c > 0 : op === ">=" ? c >= 0 : op === "==" ? c === 0 : c !== 0;
          return r ? 1 : 0;
        }
        return this.arith(op, toNum(this.evaluate(e.a)), toNum(this.evaluate(e.b)));
      }
      case "concat":
        return this.str(this.evaluate(e.a)) + this.str(this.evaluate(e.b));
      case "unary": {
        if (e.op === "!") return toBool(e.e.k === "regex" ? this.evaluate(e.e) : this.evaluate(e.e)) ? 0 : 1;
        const n = toNum(this.evaluate(e.e));
        return e.op === "-" ? -n : n;
      }
      case "incr": {
        const old = toNum(this.load(e.target));
        const nv = e.op === "++" ? old + 1 : old - 1;
        this.store(e.target, nv);
        return e.prefix ? nv : old;
      }
      case "call":
        return this.call(e.name, e.args);
      case "builtin":
        return callBuiltin(this, e.name, e.args);
      case "getline":
        return this.getline(e);
    }
  }

  arith(op: string, a: number, b: number): number {
    switch (op) {
      case "+":
        return a + b;
      case "-":
        return a - b;
      case "*":
        return a * b;
      case "/":
        return a / b;
      case "%":
        return a % b;
      case "^":
        return a ** b;
      default:
        throw new AwkError(`bad operator ${op}`);
    }
  }

  load(t: LValue): Val {
    return this.evaluate(t);
  }

  store(t: LValue, v: Val): void {
    if (t.k === "var") this.setVar(t.name, v);
    else if (t.k === "field") this.setField(Math.trunc(toNum(this.evaluate(t.e))), v);
    else this.array(t.name).set(this.subscript(t.subs), v);
  }

  private call(name: string, args: Expr[]): Val {
    const f: FuncDef | undefined = this.prog.funcs.get(name);
    if (!f) throw new AwkError(`function ${name} never defined`);
    if (args.length > f.params.length) throw new AwkError(`too many arguments in call to ${name}`);
    if (++this.depth > 400) throw new AwkError("function call nesting too deep");
    const frame = new Map<string, Cell>();
    f.params.forEach((p, i) => {
      const a = args[i];
      if (a === undefined) {
        frame.set(p, { v: undefined });
        return;
      }
      if (a.k === "var") {
        const c = this.cell(a.name);
        if (c.v instanceof Map) {
          frame.set(p, { v: c.v });
          return;
        }
        if (c.v === undefined && a.name !== "NF") {
          frame.set(p, { v: undefined, alias: c });
          return;
        }
      }
      frame.set(p, { v: this.evaluate(a) });
    });
    this.frames.push(frame);
    try {
      this.block(f.body);
      return undefined;
    } catch (e) {
      if (e instanceof FuncReturn) return e.value;
      throw e;
    } finally {
      this.frames.pop();
      this.depth--;
    }
  }

  private getline(e: Extract<Expr, { k: "getline" }>): Val {
    let rec: string | undefined;
    if (e.kind === "plain") {
      rec = this.nextMain();
      if (rec === undefined) return 0;
      if (!e.target) this.setRecord(rec);
      else this.store(e.target, fromInput(rec));
      return 1;
    }
    const src = this.str(this.evaluate(e.src ?? { k: "str", v: "" }));
    if (e.kind === "file") {
      let r = this.readers.get(src);
      if (!r) {
        const text = src === "-" || src === "/dev/stdin" ? this.host.stdin() : this.host.readFile(src);
        if (text === undefined) return -1;
        r = new RecordReader(text);
        this.readers.set(src, r);
      }
      rec = r.next(this.sv("RS"), (s) => this.regex(s));
      if (rec === undefined) return 0;
      if (!e.target) this.setRecord(rec);
      else this.store(e.target, fromInput(rec));
      return 1;
    }
    let r = this.cmdReaders.get(src);
    if (!r) {
      const res = this.runCommand(src, "");
      r = new RecordReader(res.stdout);
      this.cmdReaders.set(src, r);
    }
    rec = r.next(this.sv("RS"), (s) => this.regex(s));
    if (rec === undefined) return 0;
    this.setVar("NR", toNum(this.getVar("NR")) + 1);
    if (!e.target) this.setRecord(rec);
    else this.store(e.target, fromInput(rec));
    return 1;
  }

  /** Runs a shell command through the host (see NeedCommand). */
  runCommand(cmd: string, input: string): { stdout: string; exitCode: number } {
    const index = this.commandsRun++;
    if (index >= 32) throw new AwkError("too many commands run from one awk program");
    const r = this.host.command(index, cmd, input);
    if (!r) throw new NeedCommand(cmd, input);
    this.err += r.stderr;
    return r;
  }

  /** close(): ends a pipe (running it now), a command read, or a file. */
  close(name: string): number {
    if (this.pipes.has(name)) {
      const input = this.pipes.get(name) ?? "";
      this.pipes.delete(name);
      const r = this.runCommand(name, input);
      this.out += r.stdout;
      return r.exitCode;
    }
    if (this.cmdReaders.delete(name)) return 0;
    if (this.readers.delete(name)) return 0;
    if (this.files.has(name)) {
      this.closed.add(name);
      return 0;
    }
    return -1;
  }

  now(): number {
    return this.host.now;
  }
}
