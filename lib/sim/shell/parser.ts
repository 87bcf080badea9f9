/**
 * A character-level recursive-descent parser for the bash subset the terminal offers: quoting,
 * parameters, command substitution, lists, pipelines, redirections and here-documents.
 * Lexing and parsing are one pass because bash's lexing depends on the parse (here-document
 * bodies start after the next newline; `$(` nests a whole script).
 */
import { LIMITS } from "../core/limits";
import type { AndOr, Pipeline, Redirect, RedirectOp, Script, SimpleCommand, Word, WordPart } from "./ast";

export class ParseError extends Error {
  /** true when more input could complete the text (open quote, here-document, trailing `|`) */
  constructor(message: string, readonly incomplete: boolean) {
    super(message);
  }
}

interface PendingHeredoc {
  redirect: Redirect;
  delim: string;
  strip: boolean;
  quoted: boolean;
}

const WORD_END = new Set([" ", "\t", "\n", ";", "&", "|", "<", ">", "(", ")"]);
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const SPECIAL_PARAMS = new Set(["?", "$", "#", "!", "@", "*", "-", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);

export interface ParseResult {
  script: Script;
  /** bash warnings that do not stop execution (a here-document ended by end of input) */
  warnings: string[];
}

/** Parses a whole input (one line, or a pasted block with here-document bodies). */
export function parse(src: string): ParseResult {
  const p = new Parser(src.replace(/\r\n?/g, "\n"));
  const script = p.parseList(false);
  if (p.pos < p.src.length) throw p.unexpected();
  p.finishHeredocs();
  return { script, warnings: p.warnings };
}

/** True when the terminal should prompt `> ` for more lines before running `text`. */
export function needsMoreInput(text: string): boolean {
  try {
    const p = new Parser(text.replace(/\r\n?/g, "\n"), true);
    p.parseList(false);
    if (p.pos < p.src.length) return false;
    return p.pending.length > 0 || p.heredocOpen;
  } catch (e) {
    return e instanceof ParseError && e.incomplete;
  }
}

class Parser {
  pos = 0;
  depth = 0;
  pending: PendingHeredoc[] = [];
  warnings: string[] = [];
  heredocOpen = false;

  constructor(
    readonly src: string,
    private readonly probing = false,
  ) {}

  private peek(o = 0): string {
    return this.src[this.pos + o] ?? "";
  }

  private skipBlanks(): void {
    for (;;) {
      const c = this.peek();
      if (c === " " || c === "\t") this.pos++;
      else if (c === "\\" && this.peek(1) === "\n") this.pos += 2;
      else if (c === "#") while (this.pos < this.src.length && this.peek() !== "\n") this.pos++;
      else return;
    }
  }

  /** Consumes one newline, then any here-document bodies waiting for it. */
  private newline(): void {
    this.pos++;
    for (const h of this.pending.splice(0)) this.readHeredoc(h);
  }

  private skipNewlines(): void {
    for (;;) {
      this.skipBlanks();
      if (this.peek() === "\n") this.newline();
      else return;
    }
  }

  unexpected(): ParseError {
    if (this.pos >= this.src.length) return new ParseError("syntax error: unexpected end of file", true);
    const two = this.src.slice(this.pos, this.pos + 2);
    const tok = ["&&", "||", ";;", ">>", "<<", "&>"].includes(two) ? two : this.peek() === "\n" ? "newline" : this.peek();
    return new ParseError(`syntax error near unexpected token \`${tok}'`, false);
  }

  /** list := and_or ((';' | '&' | '\n') and_or)* ; stops at `)` when inside $( ). */
  parseList(inSub: boolean): Script {
    const list: AndOr[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.pos >= this.src.length || (inSub && this.peek() === ")")) return list;
      list.push(this.parseAndOr());
      this.skipBlanks();
      const c = this.peek();
      if ((c === ";" || c === "&") && this.peek(1) !== c && !(c === "&" && this.peek(1) === ">")) this.pos++;
      else if (c === "\n") this.newline();
      else if (this.pos >= this.src.length || (inSub && c === ")")) return list;
      else throw this.unexpected();
    }
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: AndOr["rest"] = [];
    for (;;) {
      this.skipBlanks();
      const two = this.src.slice(this.pos, this.pos + 2);
      if (two !== "&&" && two !== "||") return { first, rest };
      this.pos += 2;
      this.skipNewlines();
      rest.push({ op: two, pipeline: this.parsePipeline() });
    }
  }

  private parsePipeline(): Pipeline {
    this.skipBlanks();
    let negate = false;
    if (this.peek() === "!" && WORD_END.has(this.peek(1) || " ")) {
      negate = true;
      this.pos++;
    }
    const commands = [this.parseSimple()];
    for (;;) {
      this.skipBlanks();
      if (this.peek() !== "|" || this.peek(1) === "|") return { negate, commands };
      this.pos++;
      if (commands.length >= LIMITS.maxPipelineStages)
        throw new ParseError(`pipeline too long (at most ${LIMITS.maxPipelineStages} commands)`, false);
      this.skipNewlines();
      commands.push(this.parseSimple());
    }
  }

  private parseSimple(): SimpleCommand {
    const cmd: SimpleCommand = { assigns: [], words: [], redirects: [] };
    for (;;) {
      this.skipBlanks();
      const c = this.peek();
      if (c === "" || c === "\n" || c === ";" || c === "|" || c === ")" || c === "(" || (c === "&" && this.peek(1) !== ">")) break;
      const redirect = this.tryRedirect();
      if (redirect) {
        cmd.redirects.push(redirect);
        continue;
      }
      if (cmd.words.length === 0) {
        const m = /^[A-Za-z_][A-Za-z0-9_]*=/.exec(this.src.slice(this.pos, this.pos + 256));
        if (m) {
          this.pos += m[0].length;
          cmd.assigns.push({ name: m[0].slice(0, -1), value: this.parseWord(true) });
          continue;
        }
      }
      cmd.words.push(this.parseWord(false));
    }
    if (!cmd.words.length && !cmd.assigns.length && !cmd.redirects.length) throw this.unexpected();
    return cmd;
  }

  private tryRedirect(): Redirect | undefined {
    const start = this.pos;
    let fdText = "";
    while (/[0-9]/.test(this.peek())) fdText += this.src[this.pos++];
    const ops: RedirectOp[] = ["&>>", "&>", "<<<", "<<", ">>", ">&", "<&", ">", "<"];
    let op = ops.find((o) => this.src.startsWith(o, this.pos));
    if (!op || (fdText && op.startsWith("&"))) {
      this.pos = start;
      return undefined;
    }
    this.pos += op.length;
    let strip = false;
    if (op === "<<" && this.peek() === "-") {
      strip = true;
      this.pos++;
    }
    if (op === ">" && this.peek() === "|") this.pos++;
    const fd = fdText ? Math.min(Number(fdText), 99) : op.startsWith("<") ? 0 : 1;
    this.skipBlanks();
    const c = this.peek();
    if (c === "" || c === "\n") throw new ParseError("syntax error near unexpected token `newline'", false);
    if (WORD_END.has(c)) throw this.unexpected();
    if (op === "<<") {
      const raw = this.pos;
      const word = this.parseWord(false);
      const quoted = /['"\\]/.test(this.src.slice(raw, this.pos));
      const delim = word.map((p) => (p.t === "lit" ? p.v : p.t === "tilde" ? "~" : "")).join("");
      const redirect: Redirect = { fd, op, heredoc: [] };
      this.pending.push({ redirect, delim, strip, quoted });
      return redirect;
    }
    const target = this.parseWord(false);
    if (op === ">&" && !fdText && !isDigits(target)) op = "&>";
    return { fd, op, target };
  }

  private readHeredoc(h: PendingHeredoc): void {
    let body = "";
    for (;;) {
      if (this.pos >= this.src.length) {
        if (this.probing) this.heredocOpen = true;
        this.warnings.push(`warning: here-document at line 1 delimited by end-of-file (wanted \`${h.delim}')`);
        break;
      }
      let end = this.src.indexOf("\n", this.pos);
      if (end < 0) end = this.src.length;
      let line = this.src.slice(this.pos, end);
      this.pos = Math.min(end + 1, this.src.length);
      if (h.strip) line = line.replace(/^\t+/, "");
      if (line === h.delim) break;
      body += line + "\n";
    }
    if (h.quoted) h.redirect.heredoc = [{ t: "lit", v: body, q: true }];
    else {
      const sub = new Parser(body, this.probing);
      sub.depth = this.depth;
      h.redirect.heredoc = sub.parseHeredocBody();
    }
  }

  /** Called at end of input: here-documents whose line never ended get an empty body. */
  finishHeredocs(): void {
    for (const h of this.pending.splice(0)) this.readHeredoc(h);
  }

  private parseHeredocBody(): Word {
    const parts: WordPart[] = [];
    while (this.pos < this.src.length) {
      const c = this.peek();
      if (c === "\\" && "$`\\\n".includes(this.peek(1))) {
        if (this.peek(1) !== "\n") parts.push({ t: "lit", v: this.peek(1), q: true });
        this.pos += 2;
      } else if (c === "$") parts.push(this.parseDollar(true));
      else if (c === "`") parts.push(this.parseBacktick(true));
      else {
        parts.push({ t: "lit", v: c, q: true });
        this.pos++;
      }
    }
    return mergeLits(parts);
  }

  /** A word up to the next blank or operator; `assignment` allows `~` after `=` only at start. */
  private parseWord(assignment: boolean): Word {
    const parts: WordPart[] = [];
    const start = this.pos;
    while (this.pos < this.src.length) {
      const c = this.peek();
      if (WORD_END.has(c)) break;
      if (c === "~" && this.pos === start && (WORD_END.has(this.peek(1) || " ") || this.peek(1) === "/" || this.peek(1) === "")) {
        parts.push({ t: "tilde" });
        this.pos++;
      } else if (c === "\\") {
        if (this.peek(1) === "\n") this.pos += 2;
        else if (this.pos + 1 >= this.src.length) throw new ParseError("unexpected end of file after backslash", true);
        else {
          parts.push({ t: "lit", v: this.peek(1), q: true });
          this.pos += 2;
        }
      } else if (c === "'") {
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) throw new ParseError("unexpected EOF while looking for matching `''", true);
        parts.push({ t: "lit", v: this.src.slice(this.pos + 1, end), q: true });
        this.pos = end + 1;
      } else if (c === '"') parts.push(...this.parseDoubleQuoted());
      else if (c === "$" && this.peek(1) === "'") parts.push(this.parseAnsiC());
      else if (c === "$") parts.push(this.parseDollar(false));
      else if (c === "`") parts.push(this.parseBacktick(false));
      else {
        parts.push({ t: "lit", v: c, q: false });
        this.pos++;
      }
    }
    void assignment;
    return mergeLits(parts);
  }

  private parseDoubleQuoted(): WordPart[] {
    this.pos++;
    const parts: WordPart[] = [{ t: "lit", v: "", q: true }];
    for (;;) {
      if (this.pos >= this.src.length) throw new ParseError('unexpected EOF while looking for matching `"\'', true);
      const c = this.peek();
      if (c === '"') {
        this.pos++;
        return parts;
      }
      if (c === "\\" && '$`"\\\n'.includes(this.peek(1))) {
        if (this.peek(1) !== "\n") parts.push({ t: "lit", v: this.peek(1), q: true });
        this.pos += 2;
      } else if (c === "$") parts.push(this.parseDollar(true));
      else if (c === "`") parts.push(this.parseBacktick(true));
      else {
        parts.push({ t: "lit", v: c, q: true });
        this.pos++;
      }
    }
  }

  private parseAnsiC(): WordPart {
    this.pos += 2;
    let v = "";
    const esc: Record<string, string> = { n: "\n", t: "\t", r: "\r", e: "\x1b", a: "\x07", b: "\b", "\\": "\\", "'": "'", '"': '"', "0": "\0" };
    for (;;) {
      if (this.pos >= this.src.length) throw new ParseError("unexpected EOF while looking for matching `''", true);
      const c = this.src[this.pos++];
      if (c === "'") return { t: "lit", v, q: true };
      if (c !== "\\") v += c;
      else {
        const n = this.src[this.pos++] ?? "";
        if (n === "x" && /^[0-9a-fA-F]{1,2}/.test(this.src.slice(this.pos, this.pos + 2))) {
          const hex = /^[0-9a-fA-F]{1,2}/.exec(this.src.slice(this.pos, this.pos + 2))![0];
          v += String.fromCharCode(parseInt(hex, 16));
          this.pos += hex.length;
        } else v += esc[n] ?? "\\" + n;
      }
    }
  }

  private enter(): void {
    if (++this.depth > LIMITS.maxNestingDepth)
      throw new ParseError(`maximum nesting depth exceeded (at most ${LIMITS.maxNestingDepth})`, false);
  }

  private parseDollar(q: boolean): WordPart {
    const c = this.peek(1);
    if (c === "(" && this.peek(2) === "(") return this.parseArith(q);
    if (c === "(") {
      this.pos += 2;
      this.enter();
      const script = this.parseList(true);
      if (this.peek() !== ")") throw new ParseError("unexpected EOF while looking for matching `)'", true);
      this.pos++;
      this.depth--;
      return { t: "sub", script, q };
    }
    if (c === "{") return this.parseBraced(q);
    if (SPECIAL_PARAMS.has(c)) {
      this.pos += 2;
      return { t: "var", name: c, q };
    }
    if (NAME_START.test(c)) {
      let end = this.pos + 1;
      while (end < this.src.length && NAME_CHAR.test(this.src[end])) end++;
      const name = this.src.slice(this.pos + 1, end);
      this.pos = end;
      return { t: "var", name, q };
    }
    this.pos++;
    return { t: "lit", v: "$", q: true };
  }

  /** $(( expr )): the body is expanded like a here-document, then evaluated as arithmetic. */
  private parseArith(q: boolean): WordPart {
    let depth = 0;
    let end = this.pos + 3;
    for (; end < this.src.length; end++) {
      const ch = this.src[end];
      if (ch === "(") depth++;
      else if (ch === ")") {
        if (depth === 0) break;
        depth--;
      }
    }
    if (end >= this.src.length || this.src[end + 1] !== ")") throw new ParseError("unexpected EOF while looking for matching `)'", true);
    this.enter();
    const sub = new Parser(this.src.slice(this.pos + 3, end), this.probing);
    sub.depth = this.depth;
    const expr = sub.parseHeredocBody();
    this.depth--;
    this.pos = end + 2;
    return { t: "arith", expr, q };
  }

  private parseBraced(q: boolean): WordPart {
    const open = this.pos;
    this.pos += 2;
    this.enter();
    let len = false;
    if (this.peek() === "#" && this.peek(1) !== "}") {
      len = true;
      this.pos++;
    }
    let name = "";
    if (SPECIAL_PARAMS.has(this.peek())) name = this.src[this.pos++];
    else while (NAME_CHAR.test(this.peek())) name += this.src[this.pos++];
    let part: WordPart;
    if (this.peek() === "}" && name) part = { t: "var", name, q, op: len ? "#" : undefined };
    else if (!len && name && (this.src.startsWith(":-", this.pos) || this.peek() === "-")) {
      const op = this.peek() === ":" ? ":-" : "-";
      this.pos += op.length;
      const arg: WordPart[] = [];
      while (this.pos < this.src.length && this.peek() !== "}") {
        const c = this.peek();
        if (c === "$") arg.push(this.parseDollar(q));
        else if (c === "'" && !q) {
          const end = this.src.indexOf("'", this.pos + 1);
          if (end < 0) throw new ParseError("unexpected EOF while looking for matching `''", true);
          arg.push({ t: "lit", v: this.src.slice(this.pos + 1, end), q: true });
          this.pos = end + 1;
        } else if (c === '"') arg.push(...this.parseDoubleQuoted());
        else {
          arg.push({ t: "lit", v: c, q });
          this.pos++;
        }
      }
      part = { t: "var", name, q, op, arg: mergeLits(arg) };
    } else {
      const end = this.src.indexOf("}", this.pos);
      if (end < 0) throw new ParseError("unexpected EOF while looking for matching `}'", true);
      throw new ParseError(`${this.src.slice(open, end + 1)}: bad substitution`, false);
    }
    if (this.peek() !== "}") throw new ParseError("unexpected EOF while looking for matching `}'", true);
    this.pos++;
    this.depth--;
    return part;
  }

  /** `...`: the body is unescaped (\` \\ \$) and parsed as its own script. */
  private parseBacktick(q: boolean): WordPart {
    this.pos++;
    let inner = "";
    for (;;) {
      if (this.pos >= this.src.length) throw new ParseError("unexpected EOF while looking for matching ``'", true);
      const c = this.src[this.pos++];
      if (c === "`") break;
      if (c === "\\" && "`\\$".includes(this.peek())) inner += this.src[this.pos++];
      else inner += c;
    }
    const sub = new Parser(inner, this.probing);
    sub.depth = this.depth;
    sub.enter();
    const script = sub.parseList(false);
    if (sub.pos < sub.src.length) throw sub.unexpected();
    sub.finishHeredocs();
    return { t: "sub", script, q };
  }
}

function isDigits(w: Word): boolean {
  return w.length === 1 && w[0].t === "lit" && /^(\d+|-)$/.test(w[0].v);
}

/** Joins adjacent literals with the same quoting, so words stay small. */
function mergeLits(parts: WordPart[]): Word {
  const out: WordPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (p.t === "lit" && last?.t === "lit" && last.q === p.q) out[out.length - 1] = { t: "lit", v: last.v + p.v, q: p.q };
    else out.push(p);
  }
  return out;
}
