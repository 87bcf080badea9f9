/**
 * A linear-time regular-expression engine for grep, sed, awk and `[[ =~ ]]` (security.md D4:
 * user patterns never reach RegExp). Patterns compile to a Thompson NFA simulated as a Pike VM:
 * all threads advance together one character at a time, so `(a+)+$` costs O(text × pattern),
 * and a global step budget stops anything still too costly. Matches are POSIX leftmost-longest;
 * capture groups follow the usual greedy priorities. Supports POSIX BRE and ERE as GNU grep/sed
 * use them (`\( \) \{ \} \| \+ \?` in BRE), awk's ERE (escapes inside brackets, literal braces
 * as mawk 1.3.4 has them), bracket expressions with ranges and [:classes:], and GNU's \w \W \s
 * \S \b \B \< \> \` \'. Back-references are refused with a clear message.
 */
import { LIMITS } from "../../core/limits";

export class RegexError extends Error {}

type Test = (c: string) => boolean;
type Anchor = "bol" | "eol" | "wordb" | "nwordb" | "wstart" | "wend" | "bos" | "eos";
type Node =
  | { k: "char"; test: Test }
  | { k: "anchor"; a: Anchor }
  | { k: "cat"; parts: Node[] }
  | { k: "alt"; parts: Node[] }
  | { k: "group"; n: number; node: Node }
  | { k: "backref"; n: number }
  | { k: "rep"; node: Node; min: number; max: number; lazy?: boolean };

type State =
  | { k: "char"; test: Test; out: number }
  | { k: "split"; a: number; b: number }
  | { k: "save"; slot: number; out: number }
  | { k: "anchor"; a: Anchor; out: number }
  | { k: "match" };

export interface RegexOptions {
  /** extended syntax (grep -E, sed -E, awk, =~); basic (BRE) otherwise */
  ere: boolean;
  icase: boolean;
  /** awk's dialect: backslash escapes inside brackets, `{` is a literal (mawk 1.3.4 20200120) */
  awk?: boolean;
  /** GNU sed: `\n` and `\t` stand for newline and tab, also inside brackets */
  sed?: boolean;
  /** jq's Oniguruma (Perl) syntax: \d, (?:...), (?<name>...), lazy quantifiers, leftmost-first matches */
  perl?: boolean;
}

export interface RegexMatch {
  start: number;
  end: number;
  /** [start, end] of group i (0 is the whole match), undefined when the group did not take part */
  groups: ([number, number] | undefined)[];
}

const CLASSES: Record<string, Test> = {
  alpha: (c) => /[A-Za-z]/.test(c),
  digit: (c) => c >= "0" && c <= "9",
  alnum: (c) => /[A-Za-z0-9]/.test(c),
  upper: (c) => c >= "A" && c <= "Z",
  lower: (c) => c >= "a" && c <= "z",
  space: (c) => /\s/.test(c),
  blank: (c) => c === " " || c === "\t",
  punct: (c) => /[!-/:-@[-`{-~]/.test(c),
  print: (c) => c >= " " && c !== "\x7f",
  graph: (c) => c > " " && c !== "\x7f",
  cntrl: (c) => c < " " || c === "\x7f",
  xdigit: (c) => /[0-9A-Fa-f]/.test(c),
};
const isWord = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);
const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", f: "\f", v: "\v", a: "\x07", b: "\b" };

class RegexParser {
  i = 0;
  groups = 0;
  backrefs = false;
  names: (string | undefined)[] = [];
  constructor(
    private readonly s: string,
    private readonly o: RegexOptions,
  ) {}

  /** The operator at the cursor: in BRE `\(` is an operator and `(` a literal, in ERE the reverse. */
  private op(): string | undefined {
    const c = this.s[this.i];
    if (c === undefined) return undefined;
    const ops = this.o.awk ? "()|+?" : "(){}|+?";
    if (c === "\\" && !this.o.ere && "(){}|+?".includes(this.s[this.i + 1] ?? "")) return this.s[this.i + 1];
    if (this.o.ere && ops.includes(c)) {
      // GNU ERE: a `{` that does not start a valid interval is a literal
      if (c === "{" && !/^\{\d*(,\d*)?\}/.test(this.s.slice(this.i, this.i + 12))) return undefined;
      return c;
    }
    return undefined;
  }

  private take(): void {
    this.i += this.s[this.i] === "\\" && !this.o.ere ? 2 : 1;
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
      const start = parts.length === 0;
      let atom = this.parseAtom(depth, start);
      for (;;) {
        const o =
          this.op() ?? (this.s[this.i] === "*" && !(start && atom.k === "anchor" && atom.a === "bol" && !this.o.ere) ? "*" : undefined);
        if (o === "*" || o === "+" || o === "?") {
          this.take();
          atom = { k: "rep", node: atom, min: o === "+" ? 1 : 0, max: o === "?" ? 1 : Infinity, lazy: this.lazy() };
        } else if (o === "{") {
          this.take();
          const m = /^(\d*)(,?)(\d*)/.exec(this.s.slice(this.i, this.i + 16));
          const [all, lo, comma, hi] = m ?? ["", "", "", ""];
          this.i += all.length;
          if (this.op() !== "}" || (!lo && !hi && !comma)) throw new RegexError("Unmatched \\{");
          this.take();
          const min = Number(lo || 0);
          const max = comma ? (hi ? Number(hi) : Infinity) : min;
          if (min > 255 || (max !== Infinity && (max > 255 || max < min))) throw new RegexError("Invalid content of \\{\\}");
          atom = { k: "rep", node: atom, min, max, lazy: this.lazy() };
        } else break;
      }
      parts.push(atom);
    }
    return { k: "cat", parts };
  }

  /** Perl's `*?`: a lazy quantifier */
  private lazy(): boolean {
    if (this.o.perl && this.s[this.i] === "?") {
      this.i++;
      return true;
    }
    return false;
  }

  private parseAtom(depth: number, first: boolean): Node {
    const o = this.op();
    if (o === "(" && this.o.perl && this.s.startsWith("(?:", this.i)) {
      this.i += 3;
      const inner = this.op() === ")" ? ({ k: "cat", parts: [] } as Node) : this.parseAlt(depth + 1);
      if (this.op() !== ")") throw new RegexError("Unmatched ( or \\(");
      this.take();
      return inner;
    }
    if (o === "(") {
      this.take();
      let name: string | undefined;
      if (this.o.perl) {
        const m = /^\?(?:P?<([A-Za-z_][A-Za-z0-9_]*)>|'([A-Za-z_][A-Za-z0-9_]*)')/.exec(this.s.slice(this.i));
        if (m) {
          name = m[1] ?? m[2];
          this.i += m[0].length;
        }
      }
      const n = ++this.groups;
      this.names[n] = name;
      const inner = this.op() === ")" ? ({ k: "cat", parts: [] } as Node) : this.parseAlt(depth + 1);
      if (this.op() !== ")") throw new RegexError("Unmatched ( or \\(");
      this.take();
      return { k: "group", n, node: inner };
    }
    if (o === ")") throw new RegexError("Unmatched ) or \\)");
    if (o === "*" || o === "+" || o === "?") {
      if (!this.o.ere) return this.lit(this.s[this.i++]);
      // a leading repetition operator in ERE matches itself (GNU)
      this.take();
      return this.lit(o);
    }
    const c = this.s[this.i++];
    if (c === "^" && (first || this.o.ere)) return { k: "anchor", a: "bol" };
    if (c === "$" && (this.o.ere || this.i === this.s.length || this.s.startsWith("\\)", this.i) || this.s.startsWith("\\|", this.i)))
      return { k: "anchor", a: "eol" };
    if (c === ".") return { k: "char", test: () => true };
    if (c === "[") return this.bracket();
    if (c === "\\") {
      const e = this.s[this.i++];
      if (e === undefined) throw new RegexError("Trailing backslash");
      if (e === "w" || e === "W") return { k: "char", test: (x) => isWord(x) === (e === "w") };
      if (this.o.perl && (e === "d" || e === "D")) return { k: "char", test: (x) => (x >= "0" && x <= "9") === (e === "d") };
      if (this.o.perl && (e === "h" || e === "H")) return { k: "char", test: (x) => /[0-9A-Fa-f]/.test(x) === (e === "h") };
      if (e === "s" || e === "S") return { k: "char", test: (x) => /\s/.test(x) === (e === "s") };
      if (e === "b" && !this.o.awk) return { k: "anchor", a: "wordb" };
      if (e === "B") return { k: "anchor", a: "nwordb" };
      if (e === "<") return { k: "anchor", a: "wstart" };
      if (e === ">") return { k: "anchor", a: "wend" };
      if (e === "`") return { k: "anchor", a: "bos" };
      if (e === "'") return { k: "anchor", a: "eos" };
      if (e >= "1" && e <= "9" && !this.o.awk) {
        if (Number(e) > this.groups) throw new RegexError("Invalid back reference");
        this.backrefs = true;
        return { k: "backref", n: Number(e) };
      }
      if (ESCAPES[e] && (this.o.awk || "nt".includes(e))) return this.lit(ESCAPES[e]);
      if (this.o.awk && /[0-7]/.test(e)) {
        const m = /^[0-7]{0,2}/.exec(this.s.slice(this.i)) ?? [""];
        this.i += m[0].length;
        return this.lit(String.fromCharCode(parseInt(e + m[0], 8)));
      }
      return this.lit(e);
    }
    return this.lit(c);
  }

  private lit(c: string): Node {
    if (!this.o.icase) return { k: "char", test: (x) => x === c };
    const l = c.toLowerCase();
    return { k: "char", test: (x) => x.toLowerCase() === l };
  }

  private bracketChar(): string {
    const c = this.s[this.i];
    if (this.o.awk && c === "\\" && this.i + 1 < this.s.length) {
      const e = this.s[this.i + 1];
      this.i += 2;
      return ESCAPES[e] ?? e;
    }
    if (this.o.sed && c === "\\" && (this.s[this.i + 1] === "n" || this.s[this.i + 1] === "t")) {
      this.i += 2;
      return this.s[this.i - 1] === "n" ? "\n" : "\t";
    }
    this.i++;
    return c;
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
      if (c === "[" && (this.s[this.i + 1] === ":" || this.s[this.i + 1] === "." || this.s[this.i + 1] === "=")) {
        const kind = this.s[this.i + 1];
        const end = this.s.indexOf(kind + "]", this.i + 2);
        if (end < 0) throw new RegexError("Unmatched [, [^, [:, [., or [=");
        const name = this.s.slice(this.i + 2, end);
        this.i = end + 2;
        if (kind === ":") {
          const cls = CLASSES[name];
          if (!cls) throw new RegexError("Invalid character class name");
          tests.push(cls);
        } else tests.push((x) => x === name);
        continue;
      }
      const lo = this.bracketChar();
      if (this.s[this.i] === "-" && this.s[this.i + 1] !== undefined && this.s[this.i + 1] !== "]") {
        this.i++;
        const hi = this.bracketChar();
        if (hi < lo) throw new RegexError("Invalid range end");
        tests.push((x) => x >= lo && x <= hi);
      } else tests.push((x) => x === lo);
    }
    const icase = this.o.icase;
    const match = (x: string) => tests.some((t) => t(x) || (icase && (t(x.toLowerCase()) || t(x.toUpperCase()))));
    return { k: "char", test: (x) => match(x) !== negate };
  }
}

type Hole = [number, "out" | "a" | "b"];

/** Compiles to a state array; fragments are patched through `holes` (indices of `out` slots). */
function compile(root: Node): { states: State[]; start: number } {
  const states: State[] = [];
  const add = (s: State) => {
    if (states.length > 20_000) throw new RegexError("regular expression is too big");
    states.push(s);
    return states.length - 1;
  };
  const patch = (holes: Hole[], to: number) => {
    for (const [i, f] of holes) (states[i] as Record<string, unknown>)[f] = to;
  };
  const frag = (n: Node): [number, Hole[]] => {
    switch (n.k) {
      case "char": {
        const s = add({ k: "char", test: n.test, out: -1 });
        return [s, [[s, "out"]]];
      }
      case "anchor": {
        const s = add({ k: "anchor", a: n.a, out: -1 });
        return [s, [[s, "out"]]];
      }
      case "group": {
        const open = add({ k: "save", slot: 2 * n.n, out: -1 });
        const [s, h] = frag(n.node);
        patch([[open, "out"]], s);
        const close = add({ k: "save", slot: 2 * n.n + 1, out: -1 });
        patch(h, close);
        return [open, [[close, "out"]]];
      }
      case "cat": {
        if (!n.parts.length) {
          const s = add({ k: "split", a: -1, b: -1 });
          return [
            s,
            [
              [s, "a"],
              [s, "b"],
            ],
          ];
        }
        const [start, first] = frag(n.parts[0]);
        let holes = first;
        for (const p of n.parts.slice(1)) {
          const [s2, h2] = frag(p);
          patch(holes, s2);
          holes = h2;
        }
        return [start, holes];
      }
      case "alt": {
        const frags = n.parts.map(frag);
        let [start, holes] = frags[frags.length - 1];
        for (let i = frags.length - 2; i >= 0; i--) {
          start = add({ k: "split", a: frags[i][0], b: start });
          holes = frags[i][1].concat(holes);
        }
        return [start, holes];
      }
      case "backref":
        throw new RegexError("back-references need the backtracking matcher");
      case "rep": {
        const seq: Node[] = [];
        for (let i = 0; i < n.min; i++) seq.push(n.node);
        if (n.max === Infinity) {
          const loop = add({ k: "split", a: -1, b: -1 });
          const [s, h] = frag(n.node);
          // a lazy loop prefers leaving (b) over another round (a)
          const st = states[loop] as { a: number; b: number };
          if (n.lazy) st.b = s;
          else st.a = s;
          patch(h, loop);
          const exit: Hole = [loop, n.lazy ? "a" : "b"];
          if (!seq.length) return [loop, [exit]];
          const [cs, ch] = frag({ k: "cat", parts: seq });
          patch(ch, loop);
          return [cs, [exit]];
        }
        let opt: Node = { k: "cat", parts: [] };
        for (let i = n.min; i < n.max; i++)
          opt = {
            k: "alt",
            parts: n.lazy
              ? [
                  { k: "cat", parts: [] },
                  { k: "cat", parts: [n.node, opt] },
                ]
              : [
                  { k: "cat", parts: [n.node, opt] },
                  { k: "cat", parts: [] },
                ],
          };
        return frag({ k: "cat", parts: [...seq, opt] });
      }
    }
  };
  const [start, holes] = frag(root);
  patch(holes, add({ k: "match" }));
  return { states, start };
}

interface Thread {
  pc: number;
  caps: Int32Array;
}

export class Regex {
  private readonly states: State[] = [];
  private readonly start: number = 0;
  /** set when the pattern has back-references: matched by bounded backtracking instead */
  private readonly ast: Node | undefined;
  readonly groupCount: number;
  /** names of (?<name>...) groups, by group number */
  readonly groupNames: (string | undefined)[];
  private readonly leftmostFirst: boolean;
  /** shared across every match call of one command run */
  steps = 0;

  constructor(pattern: string, opts: RegexOptions) {
    const p = new RegexParser(pattern, opts);
    const ast = p.parseAlt();
    if (p.i < pattern.length) throw new RegexError("Unmatched ) or \\)");
    this.groupCount = p.groups;
    this.groupNames = p.names;
    this.leftmostFirst = !!opts.perl;
    const root: Node = { k: "group", n: 0, node: ast };
    if (p.backrefs) this.ast = root;
    else ({ states: this.states, start: this.start } = compile(root));
  }

  private anchorOk(a: Anchor, s: string, pos: number, notbol: boolean): boolean {
    switch (a) {
      case "bol":
        return pos === 0 && !notbol;
      case "eol":
        return pos === s.length;
      case "bos":
        return pos === 0;
      case "eos":
        return pos === s.length;
      case "wordb":
        return isWord(s[pos - 1]) !== isWord(s[pos]);
      case "nwordb":
        return isWord(s[pos - 1]) === isWord(s[pos]);
      case "wstart":
        return !isWord(s[pos - 1]) && isWord(s[pos]);
      case "wend":
        return isWord(s[pos - 1]) && !isWord(s[pos]);
    }
  }

  /**
   * The leftmost-longest match at or after `from`. `notbol`: `^` does not match at 0 (a
   * substitution continuing inside a line).
   */
  exec(s: string, from = 0, notbol = false): RegexMatch | undefined {
    if (this.ast) return this.backtrack(this.ast, s, from, notbol);
    const nslots = 2 * (this.groupCount + 1);
    const seen = new Int32Array(this.states.length).fill(-1);
    let gen = 0;
    let best: Int32Array | undefined;
    const addThread = (list: Thread[], pc: number, caps: Int32Array, pos: number) => {
      const stack: Thread[] = [{ pc, caps }];
      while (stack.length) {
        const t = stack.pop() as Thread;
        if (seen[t.pc] === gen) continue;
        seen[t.pc] = gen;
        if (++this.steps > LIMITS.maxRegexSteps) throw new RegexError("pattern too complex: matching aborted");
        const st = this.states[t.pc];
        if (st.k === "split") {
          stack.push({ pc: st.b, caps: t.caps }, { pc: st.a, caps: t.caps });
        } else if (st.k === "save") {
          const c = t.caps.slice();
          c[st.slot] = pos;
          stack.push({ pc: st.out, caps: c });
        } else if (st.k === "anchor") {
          if (this.anchorOk(st.a, s, pos, notbol)) stack.push({ pc: st.out, caps: t.caps });
        } else list.push(t);
      }
    };
    let clist: Thread[] = [];
    gen++;
    for (let pos = from; ; pos++) {
      // a new thread may start here only while nothing has matched: later starts cannot win
      if (!best) addThread(clist, this.start, new Int32Array(nslots).fill(-1), pos);
      for (let ti = 0; ti < clist.length; ti++) {
        const t = clist[ti];
        if (this.states[t.pc].k !== "match") continue;
        if (this.leftmostFirst) {
          // Perl: the first thread to match wins over every lower-priority thread
          best = t.caps;
          clist = clist.slice(0, ti);
          break;
        }
        if (!best || t.caps[0] < best[0] || (t.caps[0] === best[0] && t.caps[1] > best[1])) best = t.caps;
        break;
      }
      if (pos >= s.length) break;
      gen++;
      const nlist: Thread[] = [];
      for (const t of clist) {
        const st = this.states[t.pc];
        if (st.k === "char" && st.test(s[pos])) addThread(nlist, st.out, t.caps, pos + 1);
      }
      const b = best;
      clist = b ? nlist.filter((t) => t.caps[0] <= b[0]) : nlist;
      if (!clist.length && best) break;
    }
    if (!best) return undefined;
    const groups: RegexMatch["groups"] = [];
    for (let g = 0; g <= this.groupCount; g++) {
      const a = best[2 * g];
      const b = best[2 * g + 1];
      groups.push(a >= 0 && b >= 0 ? [a, b] : undefined);
    }
    return { start: best[0], end: best[1], groups };
  }

  test(s: string): boolean {
    return this.exec(s) !== undefined;
  }

  /**
   * Back-references cannot be matched by an automaton; this explores every way to match at each
   * start (keeping the longest), under the same global step budget, so a pathological pattern
   * stops with "pattern too complex" instead of running for exponential time.
   */
  private backtrack(root: Node, s: string, from: number, notbol: boolean): RegexMatch | undefined {
    const nslots = 2 * (this.groupCount + 1);
    const tick = () => {
      if (++this.steps > LIMITS.maxRegexSteps) throw new RegexError("pattern too complex: matching aborted");
    };
    type K = (pos: number, caps: Int32Array) => boolean;
    const m = (n: Node, pos: number, caps: Int32Array, k: K): boolean => {
      tick();
      switch (n.k) {
        case "char":
          return pos < s.length && n.test(s[pos]) && k(pos + 1, caps);
        case "anchor":
          return this.anchorOk(n.a, s, pos, notbol) && k(pos, caps);
        case "cat": {
          const step = (i: number, p: number, c: Int32Array): boolean =>
            i === n.parts.length ? k(p, c) : m(n.parts[i], p, c, (p2, c2) => step(i + 1, p2, c2));
          return step(0, pos, caps);
        }
        case "alt":
          return n.parts.some((part) => m(part, pos, caps, k));
        case "group":
          return m(n.node, pos, caps, (p2, c2) => {
            const c = c2.slice();
            c[2 * n.n] = pos;
            c[2 * n.n + 1] = p2;
            return k(p2, c);
          });
        case "backref": {
          const a = caps[2 * n.n];
          const b = caps[2 * n.n + 1];
          if (a < 0 || b < 0) return false;
          const sub = s.slice(a, b);
          return s.startsWith(sub, pos) && k(pos + sub.length, caps);
        }
        case "rep": {
          const loop = (count: number, p: number, c: Int32Array): boolean => {
            if (count < n.max && m(n.node, p, c, (p2, c2) => p2 !== p && loop(count + 1, p2, c2))) return true;
            return count >= n.min && k(p, c);
          };
          return loop(0, pos, caps);
        }
      }
    };
    for (let start = from; start <= s.length; start++) {
      let best: Int32Array | undefined;
      try {
        m(root, start, new Int32Array(nslots).fill(-1), (end, caps) => {
          if (!best || end > best[1]) best = caps;
          return false;
        });
      } catch (e) {
        // continuations nest once per character: a very long line exhausts the stack
        if (e instanceof RangeError) throw new RegexError("pattern too complex: matching aborted");
        throw e;
      }
      if (best) {
        const b = best;
        const groups: RegexMatch["groups"] = [];
        for (let g = 0; g <= this.groupCount; g++) groups.push(b[2 * g] >= 0 && b[2 * g + 1] >= 0 ? [b[2 * g], b[2 * g + 1]] : undefined);
        return { start, end: b[1], groups };
      }
    }
    return undefined;
  }
}
