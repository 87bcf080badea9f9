/**
 * A linear-time regular-expression engine for grep (security.md D4: user patterns never reach
 * RegExp). Patterns compile to a Thompson NFA which is simulated state-set by state-set, so
 * `(a+)+$` costs O(text × pattern), and a global step budget stops anything still too costly.
 * Supports POSIX BRE and ERE as grep uses them: literals, `.`, bracket expressions with ranges
 * and [:classes:], `^`, `$`, `*`, `+`, `?`, `{n,m}`, `|`, groups, and \w \W \s \S \< \> \b.
 */
import { LIMITS } from "../../core/limits";

export class RegexError extends Error {}

type Test = (c: string) => boolean;
type Node =
  | { k: "char"; test: Test }
  | { k: "bol" | "eol" | "wordb" }
  | { k: "cat"; parts: Node[] }
  | { k: "alt"; parts: Node[] }
  | { k: "rep"; node: Node; min: number; max: number };

type State = { k: "char"; test: Test; out: number } | { k: "split"; a: number; b: number } | { k: "bol" | "eol" | "wordb"; out: number } | { k: "match" };

const CLASSES: Record<string, Test> = {
  alpha: (c) => /[A-Za-z]/.test(c),
  digit: (c) => c >= "0" && c <= "9",
  alnum: (c) => /[A-Za-z0-9]/.test(c),
  upper: (c) => c >= "A" && c <= "Z",
  lower: (c) => c >= "a" && c <= "z",
  space: (c) => /\s/.test(c),
  blank: (c) => c === " " || c === "\t",
  punct: (c) => /[!-/:-@[-`{-~]/.test(c),
  xdigit: (c) => /[0-9A-Fa-f]/.test(c),
};
const isWord = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);

class RegexParser {
  i = 0;
  constructor(
    private readonly s: string,
    private readonly ere: boolean,
    private readonly icase: boolean,
  ) {}

  /** Reads the next token; in BRE `\(` is an operator and `(` a literal, in ERE the reverse. */
  private op(): string | undefined {
    const c = this.s[this.i];
    if (c === undefined) return undefined;
    if (c === "\\" && !this.ere && "(){}|+?".includes(this.s[this.i + 1] ?? "")) return this.s[this.i + 1];
    if (this.ere && "(){}|+?".includes(c)) return c;
    return undefined;
  }

  private take(): void {
    this.i += this.s[this.i] === "\\" && !this.ere ? 2 : 1;
  }

  parseAlt(depth = 0): Node {
    if (depth > 200) throw new RegexError("regular expression is too big");
    const parts = [this.parseCat(depth)];
    while (this.op() === "|") {
      this.take();
      parts.push(this.parseCat(depth));
    }
    return parts.length === 1 ? parts[0] : { k: "alt", parts };
  }

  private parseCat(depth: number): Node {
    const parts: Node[] = [];
    while (this.i < this.s.length && this.op() !== "|" && this.op() !== ")") {
      let atom = this.parseAtom(depth, parts.length === 0);
      for (;;) {
        const o = this.op() ?? (this.s[this.i] === "*" && !(parts.length === 0 && atom.k === "bol") ? "*" : undefined);
        if (o === "*" || o === "+" || o === "?") {
          this.take();
          atom = { k: "rep", node: atom, min: o === "+" ? 1 : 0, max: o === "?" ? 1 : Infinity };
        } else if (o === "{") {
          this.take();
          const m = /^(\d*)(,?)(\d*)/.exec(this.s.slice(this.i, this.i + 16))!;
          this.i += m[0].length;
          if (this.op() !== "}" || (!m[1] && !m[3] && !m[2])) throw new RegexError("Unmatched \\{");
          this.take();
          const min = Number(m[1] || 0);
          const max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
          if (min > 255 || (max !== Infinity && (max > 255 || max < min))) throw new RegexError("Invalid content of \\{\\}");
          atom = { k: "rep", node: atom, min, max };
        } else break;
      }
      parts.push(atom);
    }
    return { k: "cat", parts };
  }

  private parseAtom(depth: number, first: boolean): Node {
    const o = this.op();
    if (o === "(") {
      this.take();
      const inner = this.parseAlt(depth + 1);
      if (this.op() !== ")") throw new RegexError("Unmatched ( or \\(");
      this.take();
      return inner;
    }
    if (o === ")") throw new RegexError("Unmatched ) or \\)");
    const c = this.s[this.i++];
    if (c === "^" && (first || this.ere)) return { k: "bol" };
    if (c === "$" && (this.i === this.s.length || this.ere || this.s.startsWith("\\)", this.i) || this.s.startsWith("\\|", this.i))) return { k: "eol" };
    if (c === ".") return { k: "char", test: (x) => x !== "\n" };
    if (c === "[") {
      if (this.i === this.s.length) throw new RegexError("Invalid regular expression");
      return this.bracket();
    }
    if (c === "\\") {
      const e = this.s[this.i++];
      if (e === undefined) throw new RegexError("Trailing backslash");
      if (e === "w" || e === "W") return { k: "char", test: (x) => isWord(x) === (e === "w") };
      if (e === "s" || e === "S") return { k: "char", test: (x) => /\s/.test(x) === (e === "s") };
      if (e === "b" || e === "<" || e === ">") return { k: "wordb" };
      return this.lit(e);
    }
    return this.lit(c);
  }

  private lit(c: string): Node {
    if (!this.icase) return { k: "char", test: (x) => x === c };
    const l = c.toLowerCase();
    return { k: "char", test: (x) => x.toLowerCase() === l };
  }

  private bracket(): Node {
    const tests: Test[] = [];
    let negate = false;
    if (this.s[this.i] === "^") {
      negate = true;
      this.i++;
    }
    let first = true;
    for (;;) {
      const c = this.s[this.i];
      if (c === undefined) throw new RegexError("Unmatched [, [^, [:, [., or [=");
      if (c === "]" && !first) {
        this.i++;
        break;
      }
      first = false;
      if (c === "[" && this.s[this.i + 1] === ":") {
        const end = this.s.indexOf(":]", this.i + 2);
        const cls = end > 0 ? CLASSES[this.s.slice(this.i + 2, end)] : undefined;
        if (!cls) throw new RegexError("Invalid character class name");
        tests.push(cls);
        this.i = end + 2;
        continue;
      }
      if (this.s[this.i + 1] === "-" && this.s[this.i + 2] !== undefined && this.s[this.i + 2] !== "]") {
        const lo = c;
        const hi = this.s[this.i + 2];
        if (hi < lo) throw new RegexError("Invalid range end");
        tests.push((x) => x >= lo && x <= hi);
        this.i += 3;
      } else {
        tests.push((x) => x === c);
        this.i++;
      }
    }
    const icase = this.icase;
    const match = (x: string) => tests.some((t) => t(x) || (icase && (t(x.toLowerCase()) || t(x.toUpperCase()))));
    return { k: "char", test: (x) => x !== "\n" && match(x) !== negate };
  }
}

/** Compiles to a state array; fragments are patched through `holes` (indices of `out` slots). */
function compile(root: Node): { states: State[]; start: number } {
  const states: State[] = [];
  const add = (s: State) => {
    if (states.length > 20_000) throw new RegexError("regular expression is too big");
    states.push(s);
    return states.length - 1;
  };
  // returns [start, list of dangling (state, field)]
  type Hole = [number, "out" | "a" | "b"];
  const frag = (n: Node): [number, Hole[]] => {
    switch (n.k) {
      case "char":
        return [add({ k: "char", test: n.test, out: -1 }), [[states.length - 1, "out"]]];
      case "bol":
      case "eol":
      case "wordb":
        return [add({ k: n.k, out: -1 }), [[states.length - 1, "out"]]];
      case "cat": {
        if (!n.parts.length) {
          const s = add({ k: "split", a: -1, b: -1 });
          return [s, [[s, "a"], [s, "b"]]];
        }
        let [start, holes] = frag(n.parts[0]);
        for (const p of n.parts.slice(1)) {
          const [s2, h2] = frag(p);
          patch(holes, s2);
          holes = h2;
        }
        return [start, holes];
      }
      case "alt": {
        let [start, holes] = frag(n.parts[0]);
        for (const p of n.parts.slice(1)) {
          const [s2, h2] = frag(p);
          start = add({ k: "split", a: start, b: s2 });
          holes = holes.concat(h2);
        }
        return [start, holes];
      }
      case "rep": {
        const seq: Node[] = [];
        for (let i = 0; i < n.min; i++) seq.push(n.node);
        if (n.max === Infinity) {
          const [s, h] = frag(n.node);
          const loop = add({ k: "split", a: s, b: -1 });
          patch(h, loop);
          const [cs, ch] = seq.length ? frag({ k: "cat", parts: seq }) : [loop, []];
          patch(ch, loop);
          return [cs, [[loop, "b"]]];
        }
        let opt: Node = { k: "cat", parts: [] };
        for (let i = n.min; i < n.max; i++) opt = { k: "alt", parts: [{ k: "cat", parts: [n.node, opt] }, { k: "cat", parts: [] }] };
        return frag({ k: "cat", parts: [...seq, opt] });
      }
    }
  };
  const patch = (holes: Hole[], to: number) => {
    for (const [i, f] of holes) (states[i] as Record<string, unknown>)[f] = to;
  };
  const [start, holes] = frag(root);
  patch(holes, add({ k: "match" }));
  return { states, start };
}

export class Regex {
  private readonly states: State[];
  private readonly start: number;
  /** shared across every match call of one grep run */
  steps = 0;

  constructor(pattern: string, opts: { ere: boolean; icase: boolean }) {
    const p = new RegexParser(pattern, opts.ere, opts.icase);
    const ast = p.parseAlt();
    if (p.i < pattern.length) throw new RegexError("Unmatched ) or \\)");
    ({ states: this.states, start: this.start } = compile(ast));
  }

  /**
   * All match end offsets of a match starting at `from`, or, with `anywhere`, whether some match
   * exists at or after `from` (the unanchored search of plain grep, one pass over the line).
   */
  run(line: string, from: number, anywhere: boolean): number[] {
    const ends: number[] = [];
    let cur: number[] = [];
    const seen = new Int32Array(this.states.length).fill(-1);
    let gen = 0;
    const addState = (list: number[], s: number, pos: number) => {
      const stack = [s];
      while (stack.length) {
        const i = stack.pop()!;
        if (seen[i] === gen) continue;
        seen[i] = gen;
        if (++this.steps > LIMITS.maxRegexSteps) throw new RegexError("pattern too complex: matching aborted");
        const st = this.states[i];
        if (st.k === "split") stack.push(st.b, st.a);
        else if (st.k === "bol") {
          if (pos === 0) stack.push(st.out);
        } else if (st.k === "eol") {
          if (pos === line.length) stack.push(st.out);
        } else if (st.k === "wordb") {
          if (isWord(line[pos - 1]) !== isWord(line[pos])) stack.push(st.out);
        } else list.push(i);
      }
    };
    for (let pos = from; pos <= line.length; pos++) {
      gen++;
      const next: number[] = [];
      const startHere = pos === from || anywhere;
      for (const i of cur) {
        const st = this.states[i];
        if (st.k === "char" && st.test(line[pos - 1])) addState(next, st.out, pos);
      }
      if (startHere) addState(next, this.start, pos);
      cur = next;
      if (cur.some((i) => this.states[i].k === "match")) {
        ends.push(pos);
        if (anywhere) return ends;
      }
      if (!cur.length && !anywhere) break;
    }
    return ends;
  }

  test(line: string): boolean {
    return this.run(line, 0, true).length > 0;
  }
}
