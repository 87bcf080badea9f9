/**
 * A character-level recursive-descent parser for the bash the terminal offers: lists, pipelines,
 * redirections, here-documents, compound commands (`if`, `for`, `for ((;;))`, `while`, `until`,
 * `case`, `{ }`, `( )`, `(( ))`, `[[ ]]`), functions, arrays and aliases. Lexing and parsing are
 * one pass because bash's lexing depends on the parse. Aliases are expanded while parsing, as
 * bash does: the alias text is spliced into the source at the command word.
 */
import { LIMITS } from "../core/limits";
import type {
  AndOr,
  Assignment,
  CaseItem,
  Command,
  Compound,
  Cond,
  FunctionDef,
  Pipeline,
  Redirect,
  RedirectOp,
  Script,
  SimpleCommand,
  Word,
  WordPart,
} from "./ast";
import { mergeLits, NAME_CHAR, NAME_START, ParseError, WORD_END, WordParser, wordText } from "./word-parser";

export { ParseError } from "./word-parser";

interface PendingHeredoc {
  redirect: Redirect;
  delim: string;
  strip: boolean;
  quoted: boolean;
}

const RESERVED = new Set([
  "if",
  "then",
  "elif",
  "else",
  "fi",
  "for",
  "in",
  "do",
  "done",
  "while",
  "until",
  "case",
  "esac",
  "function",
  "{",
  "}",
  "!",
  "[[",
  "]]",
  "time",
]);
/** reserved words that can only close a construct; at command position they are syntax errors */
const CLOSERS = new Set(["then", "elif", "else", "fi", "do", "done", "esac", "}", "in", "]]"]);
const DECLARATIONS = new Set(["declare", "typeset", "local", "export", "readonly"]);
const UNARY_TESTS = new Set([
  "-a",
  "-b",
  "-c",
  "-d",
  "-e",
  "-f",
  "-g",
  "-h",
  "-k",
  "-n",
  "-o",
  "-p",
  "-r",
  "-s",
  "-t",
  "-u",
  "-v",
  "-w",
  "-x",
  "-z",
  "-G",
  "-L",
  "-N",
  "-O",
  "-R",
  "-S",
]);
const BINARY_TESTS = new Set(["==", "=", "!=", "=~", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef"]);

export interface ParseOptions {
  /** alias name → text, expanded at command words (bash's interactive behaviour) */
  aliases?: Readonly<Record<string, string>>;
  /** true when only asking whether the text is complete */
  probing?: boolean;
}

export interface ParseResult {
  script: Script;
  /** bash warnings that do not stop execution (a here-document ended by end of input) */
  warnings: string[];
}

/** Parses a whole text at once (function bodies, `eval`, tests). */
export function parse(src: string, opts: ParseOptions = {}): ParseResult {
  const p = new Parser(src.replace(/\r\n?/g, "\n"), opts);
  const script = p.parseWholeScript();
  return { script, warnings: p.warnings };
}

/** True when the terminal should prompt `> ` for more lines before running `text`. */
export function needsMoreInput(text: string, aliases?: Readonly<Record<string, string>>): boolean {
  try {
    const p = new Parser(text.replace(/\r\n?/g, "\n"), { probing: true, aliases });
    p.parseWholeScript();
    return p.heredocOpen;
  } catch (e) {
    return e instanceof ParseError && e.incomplete;
  }
}

/**
 * Reads a text one complete line at a time (a line may span several physical lines when a
 * compound command or here-document continues), as an interactive bash or `source` does: an
 * alias defined on one line applies from the next.
 */
export class ScriptReader {
  private readonly p: Parser;
  constructor(src: string, opts: ParseOptions = {}) {
    this.p = new Parser(src.replace(/\r\n?/g, "\n"), opts);
  }

  /** The next line's commands, or undefined at the end. Throws ParseError. */
  next(aliases?: Readonly<Record<string, string>>): Script | undefined {
    if (aliases) this.p.aliases = aliases;
    return this.p.parseLine();
  }

  get warnings(): string[] {
    return this.p.warnings.splice(0);
  }

  /** Nothing but blanks is left: the script just read ends the text (an editor may take the terminal after it). */
  get atEnd(): boolean {
    return this.p.src.slice(this.p.pos).trim() === "";
  }
}

class Parser extends WordParser {
  pending: PendingHeredoc[] = [];
  warnings: string[] = [];
  heredocOpen = false;
  aliases: Readonly<Record<string, string>>;
  private activeAliases: { name: string; end: number }[] = [];
  private lineCache = { pos: 0, line: 1 };
  private aliasSplices = 0;
  private aliasNextWord = false;

  constructor(src: string, opts: ParseOptions = {}) {
    super(src);
    this.aliases = opts.aliases ?? {};
    this.probing = !!opts.probing;
  }

  protected child(src: string): Parser {
    const p = new Parser(src, { probing: this.probing });
    p.depth = this.depth;
    return p;
  }

  protected parseSubScript(): Script {
    return this.parseList(new Set(), true);
  }

  parseWholeScript(): Script {
    const script = this.parseList(new Set(), false);
    if (this.pos < this.src.length) throw this.unexpected();
    this.finishHeredocs();
    return script;
  }

  /** 1-based line of `pos` (counted forward from the last answer: positions mostly grow) */
  private lineAt(pos: number): number {
    if (pos < this.lineCache.pos) this.lineCache = { pos: 0, line: 1 };
    let { line } = this.lineCache;
    for (let i = this.lineCache.pos; i < pos && i < this.src.length; i++) if (this.src[i] === "\n") line++;
    this.lineCache = { pos, line };
    return line;
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
    const three = this.src.slice(this.pos, this.pos + 3);
    const two = this.src.slice(this.pos, this.pos + 2);
    const word = this.peekReserved();
    const tok =
      three === ";;&"
        ? three
        : ["&&", "||", ";;", ";&", ">>", "<<", "&>", "|&", "((", "))"].includes(two)
          ? two
          : (word ?? (this.peek() === "\n" ? "newline" : this.peek()));
    return new ParseError(`syntax error near unexpected token \`${tok}'`, false);
  }

  /** The reserved word at the cursor, if the next token is one (it must end at a delimiter). */
  private peekReserved(): string | undefined {
    let end = this.pos;
    while (end < this.src.length && !WORD_END.has(this.src[end]) && end - this.pos < 9) end++;
    const w = this.src.slice(this.pos, end);
    return RESERVED.has(w) ? w : undefined;
  }

  private takeReserved(w: string): void {
    this.skipNewlines();
    if (this.peekReserved() !== w) throw this.unexpected();
    this.pos += w.length;
  }

  /** list := and_or ((';' | '&' | '\n') and_or)*, up to a closing reserved word, `)` or `;;`. */
  parseList(terms: Set<string>, inParen: boolean): Script {
    const list: AndOr[] = [];
    for (;;) {
      this.skipNewlines();
      const c = this.peek();
      if (this.pos >= this.src.length || (inParen && c === ")") || (c === ";" && (this.peek(1) === ";" || this.peek(1) === "&")))
        return list;
      const rw = this.peekReserved();
      if (rw && terms.has(rw)) return list;
      const item = this.parseAndOr();
      list.push(item);
      if (!this.separator(item)) return list;
    }
  }

  /** Consumes `;`, `&` or a newline after an and-or list; false when none follows. */
  private separator(item: AndOr): boolean {
    this.skipBlanks();
    const c = this.peek();
    if (c === ";" && this.peek(1) !== ";" && this.peek(1) !== "&") this.pos++;
    else if (c === "&" && this.peek(1) !== "&" && this.peek(1) !== ">") {
      this.pos++;
      item.background = true;
    } else if (c === "\n") this.newline();
    else return false;
    return true;
  }

  /** One complete input line for ScriptReader; undefined at the end of the text. */
  parseLine(): Script | undefined {
    this.skipNewlines();
    if (this.pos >= this.src.length) {
      this.finishHeredocs();
      return undefined;
    }
    const list: AndOr[] = [];
    while (this.pos < this.src.length) {
      const item = this.parseAndOr();
      list.push(item);
      this.skipBlanks();
      const nl = this.peek() === "\n";
      if (!this.separator(item)) {
        if (this.pos < this.src.length) throw this.unexpected();
        break;
      }
      if (nl) break;
      this.skipBlanks();
      if (this.peek() === "\n") {
        this.newline();
        break;
      }
    }
    if (this.pos >= this.src.length) this.finishHeredocs();
    return list;
  }

  private parseAndOr(): AndOr {
    this.skipBlanks();
    const start = this.pos;
    const first = this.parsePipeline();
    const rest: AndOr["rest"] = [];
    for (;;) {
      this.skipBlanks();
      const two = this.src.slice(this.pos, this.pos + 2);
      if (two !== "&&" && two !== "||") {
        const item: AndOr = { first, rest };
        if (this.peek() === "&" && two !== "&>") item.text = this.src.slice(start, this.pos).trim();
        return item;
      }
      this.pos += 2;
      this.skipNewlines();
      rest.push({ op: two, pipeline: this.parsePipeline() });
    }
  }

  private parsePipeline(): Pipeline {
    this.skipBlanks();
    let negate = false;
    let time = false;
    for (;;) {
      const rw = this.peekReserved();
      if (rw === "!") {
        negate = !negate;
        this.pos++;
      } else if (rw === "time") {
        time = true;
        this.pos += 4;
      } else break;
      this.skipBlanks();
    }
    const commands = [this.parseCommand()];
    const stderrPipes: boolean[] = [];
    for (;;) {
      this.skipBlanks();
      if (this.peek() !== "|" || this.peek(1) === "|") break;
      const both = this.peek(1) === "&";
      this.pos += both ? 2 : 1;
      stderrPipes.push(both);
      if (commands.length >= LIMITS.maxPipelineStages)
        throw new ParseError(`pipeline too long (at most ${LIMITS.maxPipelineStages} commands)`, false);
      this.skipNewlines();
      commands.push(this.parseCommand());
    }
    const p: Pipeline = { negate, commands };
    if (stderrPipes.some(Boolean)) p.stderrPipes = stderrPipes;
    if (time) p.time = true;
    return p;
  }

  /** Replaces an alias name at the cursor by its text (bash: not while that alias is being expanded). */
  private expandAlias(): boolean {
    let spliced = false;
    for (let guard = 0; guard < 64; guard++) {
      this.activeAliases = this.activeAliases.filter((a) => a.end > this.pos);
      const m = /^[^\s;&|<>()'"\\$`=]+/.exec(this.src.slice(this.pos, this.pos + 256));
      if (!m) return spliced;
      const name = m[0];
      const after = this.src[this.pos + name.length] ?? "";
      if ((after && !WORD_END.has(after)) || !Object.prototype.hasOwnProperty.call(this.aliases, name)) return spliced;
      if (this.activeAliases.some((a) => a.name === name)) return spliced;
      if (++this.aliasSplices > 1000 || this.src.length > LIMITS.maxInputBytes * 4) throw new ParseError("alias expansion too deep", false);
      const value = this.aliases[name];
      this.src = this.src.slice(0, this.pos) + value + this.src.slice(this.pos + name.length);
      for (const a of this.activeAliases) a.end += value.length - name.length;
      this.activeAliases.push({ name, end: this.pos + value.length });
      this.aliasNextWord = /[ \t]$/.test(value);
      spliced = true;
      this.skipBlanks();
    }
    return spliced;
  }

  private parseCommand(): Command {
    this.skipBlanks();
    this.aliasNextWord = false;
    this.expandAlias();
    const rw = this.peekReserved();
    const line = this.lineAt(this.pos);
    let body: Compound | undefined;
    if (rw && CLOSERS.has(rw)) throw this.unexpected();
    if (rw === "{") {
      this.pos++;
      body = { k: "group", body: this.nonEmpty(this.parseList(new Set(["}"]), false)), redirects: [] };
      this.takeReserved("}");
    } else if (rw === "if") body = this.parseIf();
    else if (rw === "for") body = this.parseFor();
    else if (rw === "while" || rw === "until") {
      this.pos += rw.length;
      const cond = this.nonEmpty(this.parseList(new Set(["do"]), false));
      this.takeReserved("do");
      const loopBody = this.nonEmpty(this.parseList(new Set(["done"]), false));
      this.takeReserved("done");
      body = { k: "while", until: rw === "until", cond, body: loopBody, redirects: [] };
    } else if (rw === "case") body = this.parseCase();
    else if (rw === "function") return this.parseFunction(this.pos, true);
    else if (rw === "[[") {
      this.pos += 2;
      const expr = this.condOr();
      this.condBlanks();
      if (!this.startsWith("]]")) throw this.unexpected();
      this.pos += 2;
      body = { k: "cond", expr, redirects: [] };
    } else if (this.startsWith("((")) {
      const end = this.findArithEnd(this.pos + 2);
      if (end !== undefined) {
        body = { k: "arith", expr: this.arithBody(this.src.slice(this.pos + 2, end)), redirects: [] };
        this.pos = end + 2;
      }
    }
    if (!body && this.peek() === "(") {
      this.pos++;
      this.enter();
      body = { k: "subshell", body: this.nonEmpty(this.parseList(new Set(), true)), redirects: [] };
      if (this.peek() !== ")") throw this.unexpected();
      this.pos++;
      this.depth--;
    }
    if (!body) return this.parseSimple();
    body.line = line;
    for (;;) {
      this.skipBlanks();
      const r = this.tryRedirect();
      if (!r) break;
      body.redirects.push(r);
    }
    return body;
  }

  /** A list that must hold a command: `if then` is an error at `then`. */
  private nonEmpty(list: Script): Script {
    if (!list.length) throw this.unexpected();
    return list;
  }

  private parseIf(): Compound {
    this.pos += 2;
    const clauses: { cond: Script; body: Script }[] = [];
    let elseBody: Script | undefined;
    for (;;) {
      const cond = this.nonEmpty(this.parseList(new Set(["then"]), false));
      this.takeReserved("then");
      const body = this.nonEmpty(this.parseList(new Set(["elif", "else", "fi"]), false));
      clauses.push({ cond, body });
      this.skipNewlines();
      const rw = this.peekReserved();
      if (rw === "elif") {
        this.pos += 4;
        continue;
      }
      if (rw === "else") {
        this.pos += 4;
        elseBody = this.nonEmpty(this.parseList(new Set(["fi"]), false));
      }
      this.takeReserved("fi");
      return { k: "if", clauses, else: elseBody, redirects: [] };
    }
  }

  private parseName(): string {
    let name = "";
    if (NAME_START.test(this.peek())) while (NAME_CHAR.test(this.peek())) name += this.src[this.pos++];
    if (!name) throw this.unexpected();
    return name;
  }

  private parseFor(): Compound {
    this.pos += 3;
    this.skipBlanks();
    if (this.startsWith("((")) {
      const end = this.findArithEnd(this.pos + 2);
      if (end === undefined) throw this.unexpected();
      const inner = this.src.slice(this.pos + 2, end);
      const parts = splitTopLevel(inner, ";");
      if (parts.length !== 3) throw new ParseError("syntax error: arithmetic expression required", false);
      this.pos = end + 2;
      this.skipBlanks();
      if (this.peek() === ";") this.pos++;
      const [init, test, step] = parts.map((t) => this.arithBody(t));
      return { k: "cfor", init, test, step, body: this.doBody(), redirects: [] };
    }
    const name = this.parseName();
    this.skipNewlines();
    let items: Word[] | undefined;
    if (this.peekReserved() === "in") {
      this.pos += 2;
      items = [];
      for (;;) {
        this.skipBlanks();
        const c = this.peek();
        if (c === ";" || c === "\n") {
          this.pos++;
          if (c === "\n") for (const h of this.pending.splice(0)) this.readHeredoc(h);
          break;
        }
        if (c === "" || WORD_END.has(c)) throw this.unexpected();
        items.push(this.parseWord());
      }
    } else if (this.peek() === ";") this.pos++;
    return { k: "for", name, items, body: this.doBody(), redirects: [] };
  }

  private doBody(): Script {
    this.skipNewlines();
    if (this.peek() === "{") {
      // bash also accepts `for ...; { list; }`
      this.pos++;
      const b = this.nonEmpty(this.parseList(new Set(["}"]), false));
      this.takeReserved("}");
      return b;
    }
    this.takeReserved("do");
    const body = this.nonEmpty(this.parseList(new Set(["done"]), false));
    this.takeReserved("done");
    return body;
  }

  private parseCase(): Compound {
    this.pos += 4;
    this.skipBlanks();
    const word = this.parseWord();
    if (!word.length) throw this.unexpected();
    this.takeReserved("in");
    const items: CaseItem[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.peekReserved() === "esac") {
        this.pos += 4;
        return { k: "case", word, items, redirects: [] };
      }
      if (this.peek() === "(") this.pos++;
      const patterns: Word[] = [];
      for (;;) {
        this.skipBlanks();
        const w = this.parseWord();
        if (!w.length) throw this.unexpected();
        patterns.push(w);
        this.skipBlanks();
        if (this.peek() === "|") this.pos++;
        else if (this.peek() === ")") {
          this.pos++;
          break;
        } else throw this.unexpected();
      }
      const body = this.parseList(new Set(["esac"]), false);
      this.skipBlanks();
      let end: CaseItem["end"] = ";;";
      if (this.startsWith(";;&")) {
        end = ";;&";
        this.pos += 3;
      } else if (this.startsWith(";;") || this.startsWith(";&")) {
        end = this.src.slice(this.pos, this.pos + 2) as ";;";
        this.pos += 2;
      } else if (this.peekReserved() !== "esac") throw this.unexpected();
      items.push({ patterns, body, end });
    }
  }

  /** `function name [()] body` or `name () body`; the source is kept for later calls. */
  private parseFunction(start: number, keyword: boolean): FunctionDef {
    if (keyword) {
      this.pos += 8;
      this.skipBlanks();
    }
    let name = "";
    while (this.pos < this.src.length && !WORD_END.has(this.peek()) && !"'\"$`".includes(this.peek())) name += this.src[this.pos++];
    if (!name) throw this.unexpected();
    this.skipBlanks();
    if (this.peek() === "(") {
      this.pos++;
      this.skipBlanks();
      if (this.peek() !== ")") throw this.unexpected();
      this.pos++;
    } else if (!keyword) throw this.unexpected();
    this.skipNewlines();
    const body = this.parseCommand();
    if (body.k === "simple" || body.k === "function")
      throw new ParseError(`syntax error near unexpected token \`${wordText(body.k === "simple" ? (body.words[0] ?? []) : [])}'`, false);
    return { k: "function", name, source: this.src.slice(start, this.pos), body };
  }

  /** `name=`, `name+=`, `name[sub]=`; undefined (cursor unchanged) when the text is not one. */
  private tryAssignment(): Assignment | undefined {
    const start = this.pos;
    if (!NAME_START.test(this.peek())) return undefined;
    const name = this.parseName();
    let index: Word | undefined;
    if (this.peek() === "[") {
      this.pos++;
      try {
        index = this.parseOpWord("]", true);
      } catch {
        this.pos = start;
        return undefined;
      }
      this.pos++;
    }
    let append = false;
    if (this.startsWith("+=")) {
      append = true;
      this.pos++;
    }
    if (this.peek() !== "=") {
      this.pos = start;
      return undefined;
    }
    this.pos++;
    if (this.peek() === "(" && !index) {
      this.pos++;
      const array: { index?: Word; value: Word }[] = [];
      for (;;) {
        this.skipNewlines();
        if (this.peek() === ")") {
          this.pos++;
          break;
        }
        if (this.pos >= this.src.length) throw new ParseError("unexpected EOF while looking for matching `)'", true);
        let elIndex: Word | undefined;
        if (this.peek() === "[") {
          const save = this.pos;
          this.pos++;
          const w = this.parseOpWord("]", true);
          if (this.peek(1) === "=") {
            this.pos += 2;
            elIndex = w;
          } else this.pos = save;
        }
        const value = this.parseWord();
        if (!value.length && !elIndex) throw this.unexpected();
        array.push({ index: elIndex, value });
      }
      return { name, append, value: [], array };
    }
    return { name, index, append, value: this.parseWord() };
  }

  private parseSimple(): Command {
    const start = this.pos;
    const cmd: SimpleCommand = { k: "simple", line: this.lineAt(start), assigns: [], words: [], redirects: [] };
    let declaration = false;
    for (;;) {
      this.skipBlanks();
      const c = this.peek();
      if (c === "" || c === "\n" || c === ";" || c === "|" || c === ")" || (c === "&" && this.peek(1) !== ">")) break;
      if (c === "(") {
        if (cmd.words.length === 1 && !cmd.assigns.length && !cmd.redirects.length && this.peek(1) !== "(") {
          this.pos = start;
          return this.parseFunction(start, false);
        }
        throw this.unexpected();
      }
      if ((c === "<" || c === ">") && this.peek(1) === "(") {
        cmd.words.push(this.parseWord());
        continue;
      }
      const redirect = this.tryRedirect();
      if (redirect) {
        cmd.redirects.push(redirect);
        continue;
      }
      if (cmd.words.length === 0 || declaration) {
        const a = this.tryAssignment();
        if (a) {
          if (declaration) cmd.words.push([{ t: "assign", assign: a }]);
          else cmd.assigns.push(a);
          continue;
        }
      }
      // an alias may follow assignments (`X=1 k get pods`) or an alias ending in a blank
      if ((cmd.words.length === 0 && cmd.assigns.length) || (this.aliasNextWord && cmd.words.length)) {
        this.aliasNextWord = false;
        if (this.expandAlias()) continue;
      }
      const w = this.parseWord();
      if (!w.length) throw this.unexpected();
      if (cmd.words.length === 0 && w.length === 1 && w[0].t === "lit" && !w[0].q && DECLARATIONS.has(w[0].v)) declaration = true;
      cmd.words.push(w);
    }
    if (!cmd.words.length && !cmd.assigns.length && !cmd.redirects.length) throw this.unexpected();
    return cmd;
  }

  private tryRedirect(): Redirect | undefined {
    const start = this.pos;
    let fdText = "";
    while (/[0-9]/.test(this.peek())) fdText += this.src[this.pos++];
    const ops: RedirectOp[] = ["&>>", "&>", "<<<", "<<", "<>", ">>", ">&", "<&", ">|", ">", "<"];
    let op = ops.find((o) => this.startsWith(o));
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
    if (op === ">|") op = ">";
    const fd = fdText ? Math.min(Number(fdText), 99) : op.startsWith("<") ? 0 : 1;
    this.skipBlanks();
    const c = this.peek();
    if (c === "" || c === "\n") throw new ParseError("syntax error near unexpected token `newline'", false);
    if (WORD_END.has(c) && !((c === "<" || c === ">") && this.peek(1) === "(")) throw this.unexpected();
    if (op === "<<") {
      const raw = this.pos;
      const word = this.parseWord();
      const quoted = /['"\\]/.test(this.src.slice(raw, this.pos));
      const redirect: Redirect = { fd, op, heredoc: [] };
      this.pending.push({ redirect, delim: wordText(word), strip, quoted });
      return redirect;
    }
    const target = this.parseWord();
    if (op === ">&" && !fdText && !isFdWord(target)) op = "&>";
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
    else h.redirect.heredoc = this.child(body).parseHeredocBody();
  }

  /** Called at end of input: here-documents whose line never ended get an empty body. */
  finishHeredocs(): void {
    for (const h of this.pending.splice(0)) this.readHeredoc(h);
  }

  // ---- [[ ]] ----

  private condBlanks(): void {
    for (;;) {
      this.skipBlanks();
      if (this.peek() === "\n") this.newline();
      else return;
    }
  }

  private condOr(): Cond {
    let a = this.condAnd();
    for (;;) {
      this.condBlanks();
      if (!this.startsWith("||")) return a;
      this.pos += 2;
      a = { k: "or", a, b: this.condAnd() };
    }
  }

  private condAnd(): Cond {
    let a = this.condNot();
    for (;;) {
      this.condBlanks();
      if (!this.startsWith("&&")) return a;
      this.pos += 2;
      a = { k: "and", a, b: this.condNot() };
    }
  }

  private condNot(): Cond {
    this.condBlanks();
    if (this.peek() === "!" && " \t\n(".includes(this.peek(1))) {
      this.pos++;
      return { k: "not", e: this.condNot() };
    }
    if (this.peek() === "(") {
      this.pos++;
      const e = this.condOr();
      this.condBlanks();
      if (this.peek() !== ")") throw this.unexpected();
      this.pos++;
      return e;
    }
    return this.condPrimary();
  }

  private condWord(): Word {
    this.condBlanks();
    if (this.startsWith("]]") || this.pos >= this.src.length) throw this.unexpected();
    const w = this.parseWord();
    if (!w.length) throw this.unexpected();
    return w;
  }

  private condOperator(): string | undefined {
    this.condBlanks();
    if (this.peek() === "<" || this.peek() === ">") return this.peek();
    const m = /^(==|=~|!=|=|-[a-z]{2})(?=[ \t\n])/.exec(this.src.slice(this.pos, this.pos + 4));
    return m && BINARY_TESTS.has(m[1]) ? m[1] : undefined;
  }

  private condPrimary(): Cond {
    const first = this.condWord();
    const text = first.length === 1 && first[0].t === "lit" && !first[0].q ? first[0].v : undefined;
    if (text && UNARY_TESTS.has(text)) {
      this.condBlanks();
      if (!this.startsWith("]]") && !this.startsWith("&&") && !this.startsWith("||") && this.peek() !== ")" && !this.condOperator())
        return { k: "unary", op: text, w: this.condWord() };
    }
    const op = this.condOperator();
    if (!op) return { k: "word", w: first };
    this.pos += op.length;
    if (op === "=~") return { k: "binary", op, l: first, r: this.regexWord() };
    return { k: "binary", op, l: first, r: this.condWord() };
  }

  /** The right side of `=~`: parentheses and `|` are part of the regular expression. */
  private regexWord(): Word {
    this.condBlanks();
    const parts: WordPart[] = [];
    let depth = 0;
    while (this.pos < this.src.length) {
      const c = this.peek();
      if (depth === 0 && (c === " " || c === "\t" || c === "\n")) break;
      if (c === "(") depth++;
      else if (c === ")") {
        if (depth === 0) break;
        depth--;
      }
      if ("()|<>&;".includes(c)) {
        parts.push({ t: "lit", v: c, q: false });
        this.pos++;
      } else this.parseWordChar(parts, false);
    }
    if (!parts.length) throw this.unexpected();
    return mergeLits(parts);
  }
}

function isFdWord(w: Word): boolean {
  return w.length === 1 && w[0].t === "lit" && /^(\d+-?|-)$/.test(w[0].v);
}

/** Splits `a; b; c` at top-level separators (outside parentheses and quotes). */
function splitTopLevel(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "(") depth++;
    else if (c === ")") depth--;
    if (c === sep && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out;
}
