/**
 * Parses a GNU sed 4.9 script into commands. Error texts and the `char N` positions are sed's
 * own (`sed: -e expression #1, char 5: unterminated \`s' command`).
 */
import { Regex, RegexError } from "../coreutils/regex";

export class SedError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export type Addr =
  | { k: "line"; n: number }
  | { k: "last" }
  | { k: "re"; re: Regex | undefined }
  | { k: "step"; first: number; step: number }
  | { k: "zero" };

export type Addr2 = Addr | { k: "plus"; n: number } | { k: "mult"; n: number };

export interface SubstFlags {
  global: boolean;
  nth: number;
  print: number;
  write?: string;
  eval: boolean;
}

/** One piece of a replacement: text, the whole match, a group, or a case conversion. */
export type ReplPart = { k: "text"; v: string } | { k: "group"; n: number } | { k: "case"; c: "L" | "U" | "l" | "u" | "E" };

export type Cmd = {
  a1?: Addr;
  a2?: Addr2;
  negate: boolean;
  /** index of the command in the flat list, for range state */
  id: number;
} & (
  | { c: "{"; end: number }
  | { c: "}" }
  | { c: "=" | "d" | "D" | "g" | "G" | "h" | "H" | "n" | "N" | "p" | "P" | "x" | "z" | "F" }
  | { c: "a" | "i" | "c"; text: string }
  | { c: "b" | "t" | "T"; label: string; target?: number }
  | { c: ":"; label: string }
  | { c: "q" | "Q"; code: number }
  | { c: "l"; width?: number }
  | { c: "r" | "R" | "w" | "W"; file: string }
  | { c: "s"; re: Regex | undefined; repl: ReplPart[]; flags: SubstFlags; maxGroup: number }
  | { c: "y"; from: string[]; to: string[] }
);

export interface ParseOptions {
  ere: boolean;
}

class Parser {
  i = 0;
  cmds: Cmd[] = [];
  blocks: number[] = [];

  constructor(
    readonly s: string,
    readonly exprNo: number,
    readonly o: ParseOptions,
  ) {}

  fail(msg: string, at = this.i): never {
    throw new SedError(`-e expression #${this.exprNo}, char ${at}: ${msg}`);
  }

  peek(): string {
    return this.s[this.i] ?? "";
  }

  skipWs(): void {
    while (this.i < this.s.length && /[ \t]/.test(this.s[this.i])) this.i++;
  }

  /** Reads a delimited part (regex, replacement, y strings); `\delim` stands for the delimiter. */
  delimited(delim: string, isRegex: boolean, what: string): string {
    let out = "";
    for (;;) {
      if (this.i >= this.s.length) this.fail(what);
      const c = this.s[this.i++];
      if (c === delim) return out;
      if (c === "\\") {
        if (this.i >= this.s.length) this.fail(what);
        const n = this.s[this.i++];
        if (n === delim) out += delim === "&" && !isRegex ? "\\&" : n;
        else if (n === "\n") out += isRegex ? "\\n" : "\n";
        else out += "\\" + n;
      } else if (c === "\n" && isRegex) this.fail(what);
      else if (c === "[" && isRegex) {
        // a bracket expression may hold the delimiter
        let j = this.i;
        if (this.s[j] === "^") j++;
        if (this.s[j] === "]") j++;
        while (j < this.s.length && this.s[j] !== "]") {
          if (this.s[j] === "[" && /[:.=]/.test(this.s[j + 1] ?? "")) {
            const close = this.s.indexOf(this.s[j + 1] + "]", j + 2);
            j = close < 0 ? this.s.length : close + 2;
          } else j++;
        }
        if (j >= this.s.length) this.fail(what, this.s.length);
        out += this.s.slice(this.i - 1, j + 1);
        this.i = j + 1;
      } else out += c;
    }
  }

  regex(src: string, flags: string): Regex | undefined {
    if (src === "") return undefined;
    try {
      return new Regex(src, { ere: this.o.ere, icase: flags.includes("I") || flags.includes("i"), sed: true });
    } catch (e) {
      if (e instanceof RegexError) this.fail(e.message);
      throw e;
    }
  }

  address(): Addr | undefined {
    const c = this.peek();
    if (/[0-9]/.test(c)) {
      let n = "";
      while (/[0-9]/.test(this.peek())) n += this.s[this.i++];
      if (this.peek() === "~") {
        this.i++;
        let st = "";
        while (/[0-9]/.test(this.peek())) st += this.s[this.i++];
        return { k: "step", first: Number(n), step: Number(st || 0) };
      }
      return Number(n) === 0 ? { k: "zero" } : { k: "line", n: Number(n) };
    }
    if (c === "$") {
      this.i++;
      return { k: "last" };
    }
    if (c === "/" || c === "\\") {
      this.i++;
      const delim = c === "/" ? "/" : this.s[this.i++];
      const src = this.delimited(delim, true, "unterminated address regex");
      let flags = "";
      while (this.peek() === "I" || this.peek() === "M") flags += this.s[this.i++];
      return { k: "re", re: this.regex(src, flags) };
    }
    return undefined;
  }

  /** Text of a/i/c: GNU's one-line form (`a text`) or the classic `a\` + newline form. */
  text(): string {
    this.skipWs();
    if (this.peek() === "\\") {
      this.i++;
      this.skipWs();
      if (this.peek() === "\n") this.i++;
    } else if (this.i >= this.s.length || this.peek() === "\n" || this.peek() === ";") {
      if (this.i >= this.s.length || this.peek() !== ";") this.fail("expected \\ after `a', `c' or `i'");
    }
    let out = "";
    while (this.i < this.s.length) {
      const c = this.s[this.i++];
      if (c === "\\") {
        const n = this.s[this.i++];
        if (n === undefined) break;
        out += n === "\n" ? "\n" : n === "t" ? "\t" : n;
      } else if (c === "\n") break;
      else out += c;
    }
    return out;
  }

  label(): string {
    this.skipWs();
    let out = "";
    while (this.i < this.s.length && !/[;\n]/.test(this.peek())) out += this.s[this.i++];
    return out.trim();
  }

  filename(): string {
    this.skipWs();
    let out = "";
    while (this.i < this.s.length && this.peek() !== "\n") out += this.s[this.i++];
    return out;
  }

  replacement(src: string): { parts: ReplPart[]; max: number } {
    const parts: ReplPart[] = [];
    let text = "";
    let max = 0;
    const flush = () => {
      if (text) parts.push({ k: "text", v: text });
      text = "";
    };
    for (let j = 0; j < src.length; j++) {
      const c = src[j];
      if (c === "&") {
        flush();
        parts.push({ k: "group", n: 0 });
      } else if (c === "\\" && j + 1 < src.length) {
        const n = src[++j];
        if (/[0-9]/.test(n)) {
          flush();
          parts.push({ k: "group", n: Number(n) });
          max = Math.max(max, Number(n));
        } else if ("LUluE".includes(n)) {
          flush();
          parts.push({ k: "case", c: n as "L" });
        } else
          text += n === "n" ? "\n" : n === "t" ? "\t" : n === "r" ? "\r" : n === "a" ? "\x07" : n === "f" ? "\f" : n === "v" ? "\v" : n;
      } else text += c;
    }
    flush();
    return { parts, max };
  }

  command(): void {
    for (;;) {
      while (this.i < this.s.length && /[ \t\n;]/.test(this.peek())) this.i++;
      if (this.i >= this.s.length) return;
      if (this.peek() === "#") {
        while (this.i < this.s.length && this.peek() !== "\n") this.i++;
        continue;
      }
      const a1 = this.address();
      let a2: Addr2 | undefined;
      if (a1 && this.peek() === ",") {
        this.i++;
        this.skipWs();
        if (this.peek() === "+" || this.peek() === "~") {
          const kind = this.s[this.i++];
          let n = "";
          while (/[0-9]/.test(this.peek())) n += this.s[this.i++];
          if (!n) this.fail("unexpected `,'");
          a2 = kind === "+" ? { k: "plus", n: Number(n) } : { k: "mult", n: Number(n) };
        } else {
          a2 = this.address();
          if (!a2) this.fail("unexpected `,'");
        }
      }
      if (a1?.k === "zero" && !(a2 && a2.k === "re")) this.fail("invalid usage of line address 0");
      this.skipWs();
      let negate = false;
      while (this.peek() === "!") {
        negate = true;
        this.i++;
        this.skipWs();
      }
      if (this.i >= this.s.length) this.fail("missing command");
      const c = this.s[this.i++];
      const base = { a1, a2, negate, id: this.cmds.length };
      switch (c) {
        case "{":
          this.blocks.push(this.cmds.length);
          this.cmds.push({ ...base, c: "{", end: -1 });
          continue;
        case "}": {
          if (a1) this.fail("} doesn't want any addresses");
          const open = this.blocks.pop();
          if (open === undefined) this.fail("unexpected `}'");
          const cmd = this.cmds[open];
          if (cmd.c === "{") cmd.end = this.cmds.length;
          this.cmds.push({ ...base, c: "}" });
          break;
        }
        case "=":
        case "d":
        case "D":
        case "g":
        case "G":
        case "h":
        case "H":
        case "n":
        case "N":
        case "p":
        case "P":
        case "x":
        case "z":
        case "F":
          this.cmds.push({ ...base, c });
          break;
        case "a":
        case "i":
        case "c":
          this.cmds.push({ ...base, c, text: this.text() });
          continue;
        case ":": {
          if (a1) this.fail(": doesn't want any addresses");
          const label = this.label();
          if (!label) this.fail('":" lacks a label');
          this.cmds.push({ ...base, c: ":", label });
          break;
        }
        case "b":
        case "t":
        case "T":
          this.cmds.push({ ...base, c, label: this.label() });
          break;
        case "q":
        case "Q": {
          this.skipWs();
          let n = "";
          while (/[0-9]/.test(this.peek())) n += this.s[this.i++];
          this.cmds.push({ ...base, c, code: Number(n || 0) });
          break;
        }
        case "l": {
          this.skipWs();
          let n = "";
          while (/[0-9]/.test(this.peek())) n += this.s[this.i++];
          this.cmds.push({ ...base, c: "l", width: n ? Number(n) : undefined });
          break;
        }
        case "r":
        case "R":
        case "w":
        case "W":
          this.cmds.push({ ...base, c, file: this.filename() });
          continue;
        case "s": {
          const delim = this.s[this.i++];
          if (delim === undefined || delim === "\n" || delim === "\\") this.fail("unterminated `s' command");
          const src = this.delimited(delim, true, "unterminated `s' command");
          const replSrc = this.delimited(delim, false, "unterminated `s' command");
          const flags: SubstFlags = { global: false, nth: 1, print: 0, eval: false };
          let reFlags = "";
          for (;;) {
            const f = this.peek();
            if (f === "g") flags.global = true;
            else if (f === "p") flags.print++;
            else if (f === "i" || f === "I" || f === "m" || f === "M") reFlags += f.toUpperCase();
            else if (f === "e") flags.eval = true;
            else if (/[0-9]/.test(f)) {
              let n = "";
              while (/[0-9]/.test(this.peek())) n += this.s[this.i++];
              if (Number(n) === 0) this.fail("number option to `s' command may not be zero");
              flags.nth = Number(n);
              continue;
            } else if (f === "w") {
              this.i++;
              flags.write = this.filename();
              break;
            } else break;
            this.i++;
          }
          const re = this.regex(src, reFlags);
          const { parts, max } = this.replacement(replSrc);
          if (re && max > re.groupCount) this.fail(`invalid reference \\${max} on \`s' command's RHS`);
          this.cmds.push({ ...base, c: "s", re, repl: parts, flags, maxGroup: max });
          break;
        }
        case "y": {
          const delim = this.s[this.i++];
          const unesc = (t: string) => Array.from(t.replace(/\\n/g, "\n").replace(/\\\\/g, "\\"));
          const from = unesc(this.delimited(delim, false, "unterminated `y' command"));
          const to = unesc(this.delimited(delim, false, "unterminated `y' command"));
          if (from.length !== to.length) this.fail("strings for `y' command are different lengths");
          this.cmds.push({ ...base, c: "y", from, to });
          break;
        }
        default:
          this.fail(`unknown command: \`${c}'`);
      }
      // after a command: blanks, then `;`, `}`, `#`, a newline or the end
      this.skipWs();
      const n = this.peek();
      if (n === "}" || n === "#") continue;
      if (n && n !== ";" && n !== "\n") {
        const prev = this.cmds[this.cmds.length - 1];
        this.fail(prev.c === "s" ? "unknown option to `s'" : `extra characters after command`, this.i + 1);
      }
    }
  }
}

/** Parses every -e/-f script piece (joined by newlines, numbered as sed numbers them) into one program. */
export function parseScript(pieces: string[], o: ParseOptions): Cmd[] {
  const all: Cmd[] = [];
  // the pieces form one program (a `{` may close in a later -e), but messages number them
  const blocks: number[] = [];
  pieces.forEach((piece, k) => {
    const p = new Parser(piece, k + 1, o);
    p.blocks = blocks;
    p.cmds = all;
    p.command();
  });
  if (blocks.length) throw new SedError(`-e expression #${pieces.length}, char 0: unmatched \`{'`);
  const labels = new Map<string, number>();
  all.forEach((c, i) => {
    if (c.c === ":") labels.set(c.label, i);
  });
  for (const c of all) {
    if (c.c === "b" || c.c === "t" || c.c === "T") {
      if (c.label === "") c.target = all.length;
      else {
        const t = labels.get(c.label);
        if (t === undefined) throw new SedError(`can't find label for jump to \`${c.label}'`, 1);
        c.target = t;
      }
    }
  }
  return all;
}
