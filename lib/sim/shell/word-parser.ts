/**
 * The word-level half of the parser: quoting, `$x`, `${...}` with every operator, `$( )`,
 * backquotes, `$(( ))`, `$'...'`, tilde and process substitution. The command-level half
 * (parser.ts) extends this class; both share one cursor because bash's lexing depends on the
 * parse (here-document bodies start after the next newline; `$(` nests a whole script).
 */
import { LIMITS } from "../core/limits";
import type { ParamOp, ParamPart, Script, Word, WordPart } from "./ast";

export class ParseError extends Error {
  /** true when more input could complete the text (open quote, here-document, trailing `|`) */
  constructor(
    message: string,
    readonly incomplete: boolean,
  ) {
    super(message);
  }
}

export const WORD_END = new Set([" ", "\t", "\n", ";", "&", "|", "<", ">", "(", ")"]);
export const NAME_START = /[A-Za-z_]/;
export const NAME_CHAR = /[A-Za-z0-9_]/;
const SPECIAL_PARAMS = new Set(["?", "$", "#", "!", "@", "*", "-", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
const ANSI_ESC: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  e: "\x1b",
  E: "\x1b",
  a: "\x07",
  b: "\b",
  f: "\f",
  v: "\v",
  "\\": "\\",
  "'": "'",
  '"': '"',
  "?": "?",
};

/** Joins adjacent literals with the same quoting, so words stay small. */
export function mergeLits(parts: WordPart[]): Word {
  const out: WordPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (p.t === "lit" && last?.t === "lit" && last.q === p.q) out[out.length - 1] = { t: "lit", v: last.v + p.v, q: p.q };
    else out.push(p);
  }
  return out;
}

/** The literal text of a word made only of literals (for here-document delimiters, names). */
export function wordText(w: Word): string {
  return w.map((p) => (p.t === "lit" ? p.v : p.t === "tilde" ? "~" + p.user : "")).join("");
}

export abstract class WordParser {
  pos = 0;
  depth = 0;
  /** only asking whether the text is complete: a trailing backslash asks for more */
  protected probing = false;

  constructor(public src: string) {}

  protected peek(o = 0): string {
    return this.src[this.pos + o] ?? "";
  }

  protected startsWith(s: string): boolean {
    return this.src.startsWith(s, this.pos);
  }

  /** Parses a nested script for `$( )`, `<( )` and backquotes; the subclass knows how. */
  protected abstract parseSubScript(): Script;
  /** A new parser over other text (backquote bodies, `$(( ))` bodies), sharing the nesting depth. */
  protected abstract child(src: string): WordParser;

  protected enter(): void {
    if (++this.depth > LIMITS.maxNestingDepth)
      throw new ParseError(`maximum nesting depth exceeded (at most ${LIMITS.maxNestingDepth})`, false);
  }

  /**
   * A word up to the next blank or operator. `stops` adds characters that end the word when
   * unquoted (`}` inside `${x:-...}`, `=` before a test operator, and so on).
   */
  parseWord(stops = ""): Word {
    const parts: WordPart[] = [];
    const start = this.pos;
    while (this.pos < this.src.length) {
      const c = this.peek();
      if (WORD_END.has(c) || stops.includes(c)) {
        // `<(` and `>(` inside a word are process substitutions
        if ((c === "<" || c === ">") && this.peek(1) === "(" && !stops.includes(c)) {
          parts.push(this.parseProcSub());
          continue;
        }
        break;
      }
      if (c === "~" && this.pos === start) parts.push(this.parseTilde());
      else this.parseWordChar(parts, false);
    }
    return mergeLits(parts);
  }

  /** One unit of an unquoted word: an escape, a quoted string, an expansion or a plain character. */
  protected parseWordChar(parts: WordPart[], inDquote: boolean): void {
    const c = this.peek();
    if (c === "\\") {
      if (this.peek(1) === "\n") this.pos += 2;
      else if (this.pos + 1 >= this.src.length) {
        if (this.probing) throw new ParseError("unexpected end of file after backslash", true);
        parts.push({ t: "lit", v: "\\", q: true });
        this.pos++;
      } else {
        parts.push({ t: "lit", v: this.peek(1), q: true });
        this.pos += 2;
      }
    } else if (c === "'" && !inDquote) {
      const end = this.src.indexOf("'", this.pos + 1);
      if (end < 0) throw new ParseError("unexpected EOF while looking for matching `''", true);
      parts.push({ t: "lit", v: this.src.slice(this.pos + 1, end), q: true });
      this.pos = end + 1;
    } else if (c === '"') parts.push(...this.parseDoubleQuoted());
    else if (c === "$" && this.peek(1) === "'") parts.push(this.parseAnsiC());
    else if (c === "$" && this.peek(1) === '"') {
      this.pos++;
      parts.push(...this.parseDoubleQuoted());
    } else if (c === "$") parts.push(this.parseDollar(inDquote));
    else if (c === "`") parts.push(this.parseBacktick(inDquote));
    else {
      parts.push({ t: "lit", v: c, q: inDquote });
      this.pos++;
    }
  }

  /** `~`, `~/x`, `~user`: only when the characters up to `/` or the word's end are plain. */
  protected parseTilde(): WordPart {
    const m = /^~([A-Za-z0-9_.+-]*)/.exec(this.src.slice(this.pos, this.pos + 64));
    const user = m ? m[1] : "";
    const after = this.src[this.pos + 1 + user.length] ?? "";
    if (after === "" || after === "/" || WORD_END.has(after) || after === ":") {
      this.pos += 1 + user.length;
      return { t: "tilde", user };
    }
    this.pos++;
    return { t: "lit", v: "~", q: false };
  }

  protected parseProcSub(): WordPart {
    const dir = this.peek() as "<" | ">";
    this.pos += 2;
    this.enter();
    const script = this.parseSubScript();
    if (this.peek() !== ")") throw new ParseError("unexpected EOF while looking for matching `)'", true);
    this.pos++;
    this.depth--;
    return { t: "procsub", dir, script };
  }

  protected parseDoubleQuoted(): WordPart[] {
    this.pos++;
    const parts: WordPart[] = [{ t: "lit", v: "", q: true }];
    for (;;) {
      if (this.pos >= this.src.length) throw new ParseError("unexpected EOF while looking for matching `\"'", true);
      const c = this.peek();
      if (c === '"') {
        this.pos++;
        return mergeLits(parts);
      }
      if (c === "\\" && '$`"\\\n'.includes(this.peek(1))) {
        if (this.peek(1) !== "\n") parts.push({ t: "lit", v: this.peek(1), q: true });
        this.pos += 2;
      } else if (c === "$" || c === "`") this.parseWordChar(parts, true);
      else {
        parts.push({ t: "lit", v: c, q: true });
        this.pos++;
      }
    }
  }

  protected parseAnsiC(): WordPart {
    this.pos += 2;
    let v = "";
    for (;;) {
      if (this.pos >= this.src.length) throw new ParseError("unexpected EOF while looking for matching `''", true);
      const c = this.src[this.pos++];
      if (c === "'") return { t: "lit", v, q: true };
      if (c !== "\\") {
        v += c;
        continue;
      }
      const n = this.src[this.pos++] ?? "";
      const rest = this.src.slice(this.pos, this.pos + 8);
      let m: RegExpExecArray | null;
      if (n === "x" && (m = /^[0-9a-fA-F]{1,2}/.exec(rest))) {
        v += String.fromCharCode(parseInt(m[0], 16));
        this.pos += m[0].length;
      } else if ((n === "u" || n === "U") && (m = (n === "u" ? /^[0-9a-fA-F]{1,4}/ : /^[0-9a-fA-F]{1,8}/).exec(rest))) {
        const cp = parseInt(m[0], 16);
        v += cp <= 0x10ffff ? String.fromCodePoint(cp) : "";
        this.pos += m[0].length;
      } else if (/[0-7]/.test(n)) {
        m = /^[0-7]{0,2}/.exec(rest);
        const digits = n + (m ? m[0] : "");
        v += String.fromCharCode(parseInt(digits, 8) & 0xff);
        this.pos += digits.length - 1;
      } else if (n === "c" && this.pos < this.src.length) v += String.fromCharCode(this.src[this.pos++].charCodeAt(0) & 0x1f);
      else v += ANSI_ESC[n] ?? "\\" + n;
    }
  }

  protected parseDollar(q: boolean): WordPart {
    const c = this.peek(1);
    if (c === "(" && this.peek(2) === "(") {
      const arith = this.tryArith(q);
      if (arith) return arith;
    }
    if (c === "(") {
      this.pos += 2;
      this.enter();
      const script = this.parseSubScript();
      if (this.peek() !== ")") throw new ParseError("unexpected EOF while looking for matching `)'", true);
      this.pos++;
      this.depth--;
      return { t: "sub", script, q };
    }
    if (c === "{") return this.parseBraced(q);
    if (SPECIAL_PARAMS.has(c)) {
      this.pos += 2;
      return { t: "param", name: c, q };
    }
    if (NAME_START.test(c)) {
      let end = this.pos + 1;
      while (end < this.src.length && NAME_CHAR.test(this.src[end])) end++;
      const name = this.src.slice(this.pos + 1, end);
      this.pos = end;
      return { t: "param", name, q };
    }
    this.pos++;
    return { t: "lit", v: "$", q: false };
  }

  /** Finds the `))` closing `$((`; undefined when the parentheses say it is `$( (...) )`. */
  protected findArithEnd(from: number): number | undefined {
    let depth = 0;
    for (let i = from; i < this.src.length; i++) {
      const ch = this.src[i];
      if (ch === "(") depth++;
      else if (ch === ")") {
        if (depth === 0) return this.src[i + 1] === ")" ? i : undefined;
        depth--;
      } else if (ch === "'" || ch === '"') {
        const end = this.src.indexOf(ch, i + 1);
        if (end < 0) return undefined;
        i = end;
      }
    }
    throw new ParseError("unexpected EOF while looking for matching `)'", true);
  }

  /** `$(( expr ))`: the body is expanded like a here-document, then evaluated as arithmetic. */
  private tryArith(q: boolean): WordPart | undefined {
    const end = this.findArithEnd(this.pos + 3);
    if (end === undefined) return undefined;
    const expr = this.arithBody(this.src.slice(this.pos + 3, end));
    this.pos = end + 2;
    return { t: "arith", expr, q };
  }

  /** Parses arithmetic text: `$x`, `$( )` and quotes expand, everything else stays literal. */
  protected arithBody(text: string): Word {
    this.enter();
    const sub = this.child(text);
    const expr = sub.parseHeredocBody(true);
    this.depth--;
    return expr;
  }

  /** A here-document body (or arithmetic text): only `$`, backquotes and `\$ \` \\` are special. */
  parseHeredocBody(arith = false): Word {
    const parts: WordPart[] = [];
    while (this.pos < this.src.length) {
      const c = this.peek();
      if (c === "\\" && "$`\\\n".includes(this.peek(1))) {
        if (this.peek(1) !== "\n") parts.push({ t: "lit", v: this.peek(1), q: true });
        this.pos += 2;
      } else if (c === "$") parts.push(this.parseDollar(true));
      else if (c === "`") parts.push(this.parseBacktick(true));
      else if (arith && (c === '"' || c === "'")) {
        // quotes in arithmetic are removed (bash allows "$x" inside $(( )))
        if (c === '"') parts.push(...this.parseDoubleQuoted());
        else this.parseWordChar(parts, false);
      } else {
        parts.push({ t: "lit", v: c, q: true });
        this.pos++;
      }
    }
    return mergeLits(parts);
  }

  /** `...`: the body is unescaped (\` \\ \$) and parsed as its own script. */
  protected parseBacktick(q: boolean): WordPart {
    this.pos++;
    let inner = "";
    for (;;) {
      if (this.pos >= this.src.length) throw new ParseError("unexpected EOF while looking for matching ``'", true);
      const c = this.src[this.pos++];
      if (c === "`") break;
      if (c === "\\" && "`\\$".includes(this.peek())) inner += this.src[this.pos++];
      else inner += c;
    }
    this.enter();
    const sub = this.child(inner);
    const script = sub.parseWholeScript();
    this.depth--;
    return { t: "sub", script, q };
  }

  /** Parses all of this parser's text as a script (backquote bodies). */
  abstract parseWholeScript(): Script;

  private badSubstitution(open: number): ParseError {
    let end = this.src.indexOf("}", this.pos);
    if (end < 0) return new ParseError("unexpected EOF while looking for matching `}'", true);
    end++;
    return new ParseError(`${this.src.slice(open, end)}: bad substitution`, false);
  }

  /** A word inside `${...}` up to an unquoted character of `stops` (not consumed). */
  protected parseOpWord(stops: string, q: boolean): Word {
    const parts: WordPart[] = [];
    let braces = 0;
    for (;;) {
      if (this.pos >= this.src.length) throw new ParseError("unexpected EOF while looking for matching `}'", true);
      const c = this.peek();
      if (braces === 0 && stops.includes(c)) return mergeLits(parts);
      if (c === "{") braces++;
      else if (c === "}") braces--;
      if (q && c === "'") {
        parts.push({ t: "lit", v: c, q: true });
        this.pos++;
      } else if (q && c === "\\" && !'$`"\\\n'.includes(this.peek(1)) && !stops.includes(this.peek(1))) {
        parts.push({ t: "lit", v: "\\", q: true });
        this.pos++;
      } else this.parseWordChar(parts, q);
    }
  }

  protected parseBraced(q: boolean): WordPart {
    const open = this.pos;
    this.pos += 2;
    this.enter();
    const part: ParamPart = { t: "param", name: "", q };
    if (this.peek() === "#" && this.peek(1) !== "}") {
      part.length = true;
      this.pos++;
    } else if (this.peek() === "!" && this.peek(1) !== "}") {
      part.bang = true;
      this.pos++;
    }
    if (SPECIAL_PARAMS.has(this.peek())) part.name = this.src[this.pos++];
    else if (/[0-9]/.test(this.peek())) while (/[0-9]/.test(this.peek())) part.name += this.src[this.pos++];
    else while (NAME_CHAR.test(this.peek())) part.name += this.src[this.pos++];
    if (!part.name) throw this.badSubstitution(open);
    if (this.peek() === "[" && NAME_START.test(part.name[0])) {
      this.pos++;
      if ((this.peek() === "@" || this.peek() === "*") && this.peek(1) === "]") {
        part.index = this.peek() as "@" | "*";
        this.pos += 2;
      } else {
        part.index = this.parseOpWord("]", true);
        this.pos++;
      }
    }
    if (part.bang && (this.peek() === "*" || this.peek() === "@") && this.peek(1) === "}") {
      // ${!prefix*}: names of variables starting with prefix
      part.index = this.peek() as "@" | "*";
      part.op = { k: "transform", op: "names" };
      this.pos++;
    } else if (this.peek() !== "}") {
      if (part.length) throw this.badSubstitution(open);
      part.op = this.parseParamOp(open, q);
    }
    if (this.peek() !== "}")
      throw this.pos >= this.src.length
        ? new ParseError("unexpected EOF while looking for matching `}'", true)
        : this.badSubstitution(open);
    this.pos++;
    this.depth--;
    return part;
  }

  private parseParamOp(open: number, q: boolean): ParamOp {
    const c = this.peek();
    const c1 = this.peek(1);
    if (c === ":" && "-=+?".includes(c1) && c1) {
      this.pos += 2;
      return { k: "default", colon: true, kind: c1 as "-", word: this.parseOpWord("}", q) };
    }
    if ("-=+?".includes(c)) {
      this.pos++;
      return { k: "default", colon: false, kind: c as "-", word: this.parseOpWord("}", q) };
    }
    if (c === ":") {
      this.pos++;
      const offset = this.parseOpWord(":}", true);
      let length: Word | undefined;
      if (this.peek() === ":") {
        this.pos++;
        length = this.parseOpWord("}", true);
      }
      return { k: "substr", offset, length };
    }
    if (c === "#" || c === "%") {
      const longest = c1 === c;
      this.pos += longest ? 2 : 1;
      // a pattern is a pattern even inside double quotes: only its own quotes make it literal
      return { k: "trim", side: c, longest, pattern: this.parseOpWord("}", false) };
    }
    if (c === "/") {
      this.pos++;
      let mode: "first" | "all" | "prefix" | "suffix" = "first";
      if (this.peek() === "/") mode = "all";
      else if (this.peek() === "#") mode = "prefix";
      else if (this.peek() === "%") mode = "suffix";
      if (mode !== "first") this.pos++;
      const pattern = this.parseOpWord("/}", false);
      let repl: Word = [];
      if (this.peek() === "/") {
        this.pos++;
        repl = this.parseOpWord("}", q);
      }
      return { k: "replace", mode, pattern, repl };
    }
    if (c === "^" || c === ",") {
      const all = c1 === c;
      this.pos += all ? 2 : 1;
      return { k: "case", upper: c === "^", all, pattern: this.parseOpWord("}", false) };
    }
    if (c === "@" && /[QEPAKaULuk]/.test(c1) && this.peek(2) === "}") {
      this.pos += 2;
      return { k: "transform", op: c1 };
    }
    throw this.badSubstitution(open);
  }
}
