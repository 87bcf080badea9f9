/**
 * Word expansion in bash's order: brace expansion, then tilde, parameters, arithmetic and command
 * substitution left to right, then field splitting of unquoted results on IFS, then pathname
 * expansion (left as-is when nothing matches), with quote removal throughout. `"$@"` and
 * `"${a[@]}"` make one field per element.
 */
import type { Vfs } from "../fs/vfs";
import { ArithError, evalArith, type ArithVars } from "./arith";
import type { ParamPart, Script, Word, WordPart } from "./ast";
import { braceExpand } from "./brace";
import { expandGlob, hasGlob, type GlobChar } from "./glob";
import { Budget, ExpansionError } from "./io";
import { changeCase, replacePattern, trimPattern } from "./pattern";
import { quoteForShell } from "./quote";
import type { ShellOption } from "./state";
import { arrayKeys, type Vars } from "./vars";

export interface ExpandHost {
  vars: Vars;
  vfs: Vfs;
  budget: Budget;
  cwd(): string;
  home(): string;
  positional(): string[];
  /** `$?`, `$$`, `$!`, `$-`, `$0` */
  special(name: string): string | undefined;
  option(o: ShellOption): boolean;
  /** runs a command substitution in a subshell and returns its stdout */
  substitute(script: Script): Promise<string>;
  /** runs a process substitution and returns the path that reads (or writes) it */
  procsub(dir: "<" | ">", script: Script): Promise<string>;
}

/** A parameter's value before it joins a word: one string, or a list (`$@`, `${a[@]}`). */
type Val = { list: false; v: string | undefined } | { list: true; items: string[]; star: boolean };

interface Seg {
  v: string;
  lit: boolean;
}
interface Field {
  segs: Seg[];
  /** a quoted part with content, or a quoted expansion: the field exists even if empty */
  quoted: boolean;
  /** only empty quotes (`""`): the field exists unless a quoted `"$@"` expanded to nothing */
  emptyQuotes?: boolean;
  noArgs?: boolean;
}

const DEFAULT_IFS = " \t\n";

export class Expander {
  constructor(private readonly h: ExpandHost) {}

  private ifs(): string {
    return this.h.vars.get("IFS") ?? DEFAULT_IFS;
  }

  arithVars(): ArithVars {
    const vars = this.h.vars;
    return {
      get: (n) => vars.get(n),
      set: (n, v) => vars.set(n, v),
      getIndex: (n, i) => {
        const c = vars.cell(n);
        if (!c) return undefined;
        if (c.kind === "scalar") return i === "0" ? c.value : undefined;
        return Object.prototype.hasOwnProperty.call(c.items, i) ? c.items[i] : undefined;
      },
      setIndex: (n, i, v) => vars.setIndex(n, i, v),
      unset: (n) => {
        if (this.h.option("nounset")) throw new ExpansionError(`${n}: unbound variable`);
      },
      isAssoc: (n) => {
        const c = vars.cell(n);
        return c?.kind === "array" && c.assoc;
      },
    };
  }

  /** Evaluates arithmetic text; an error becomes bash's message, prefixed as the caller says. */
  arith(text: string, prefix = ""): bigint {
    this.h.budget.spend(1);
    try {
      return evalArith(text, this.arithVars());
    } catch (e) {
      if (e instanceof ArithError) throw new ExpansionError(prefix + e.message);
      throw e;
    }
  }

  /** Expands a word to zero or more fields (command arguments). */
  async fields(word: Word): Promise<string[]> {
    const out: string[] = [];
    for (const w of braceExpand(word)) out.push(...(await this.fieldsOne(w)));
    return out;
  }

  private async fieldsOne(word: Word): Promise<string[]> {
    const fields: Field[] = [];
    let cur: Field = { segs: [], quoted: false };
    const flush = (force = false) => {
      if (force || cur.quoted || (cur.emptyQuotes && !cur.noArgs) || cur.segs.some((s) => s.v)) fields.push(cur);
      cur = { segs: [], quoted: false };
    };
    const addSplit = (s: string) => {
      const { parts, lead, trail } = ifsSplit(s, this.ifs());
      if (lead) flush();
      parts.forEach((p, i) => {
        if (i > 0) flush(true);
        cur.segs.push({ v: p, lit: false });
      });
      if (trail) flush();
    };
    for (const p of word) {
      if (p.t === "lit") {
        cur.segs.push({ v: p.v, lit: p.q });
        if (p.q && p.v) cur.quoted = true;
        else if (p.q) cur.emptyQuotes = true;
        continue;
      }
      if (p.t === "tilde") {
        cur.segs.push({ v: this.tilde(p.user), lit: true });
        continue;
      }
      const val = await this.partValue(p);
      const quoted = p.t !== "procsub" && p.t !== "assign" && p.q;
      if (val.list) {
        if (quoted && val.star) {
          cur.segs.push({ v: val.items.join(this.ifs().slice(0, 1)), lit: true });
          cur.quoted = true;
        } else if (quoted) {
          if (!val.items.length) cur.noArgs = true;
          val.items.forEach((it, i) => {
            if (i > 0) flush(true);
            cur.segs.push({ v: it, lit: true });
            cur.quoted = true;
          });
        } else
          val.items.forEach((it, i) => {
            if (i > 0) flush();
            addSplit(it);
          });
      } else if (quoted || p.t === "procsub") {
        cur.segs.push({ v: val.v ?? "", lit: true });
        cur.quoted = true;
      } else addSplit(val.v ?? "");
    }
    flush();
    const out: string[] = [];
    for (const f of fields) {
      const text = f.segs.map((s) => s.v).join("");
      if (!this.h.option("noglob") && f.segs.some((s) => !s.lit && /[*?[]/.test(s.v))) {
        const chars: GlobChar[] = f.segs.flatMap((s) => Array.from(s.v, (c) => ({ c, lit: s.lit })));
        if (hasGlob(chars)) {
          const matches = expandGlob(chars, this.h.vfs, this.h.cwd(), this.h.budget);
          if (matches.length) {
            out.push(...matches);
            continue;
          }
        }
      }
      out.push(text);
    }
    return out;
  }

  /** Expands a word to one string: no splitting, no globbing (assignments, redirect targets, here-documents). */
  async string(word: Word): Promise<string> {
    let out = "";
    for (const p of word) {
      if (p.t === "lit") out += p.v;
      else if (p.t === "tilde") out += this.tilde(p.user);
      else {
        const val = await this.partValue(p);
        out += val.list ? val.items.join(val.star ? this.ifs().slice(0, 1) : " ") : (val.v ?? "");
      }
    }
    return out;
  }

  /** Expands a word as a pattern: quoted characters match literally, unquoted ones are glob syntax. */
  async pattern(word: Word): Promise<GlobChar[]> {
    const out: GlobChar[] = [];
    for (const p of word) {
      if (p.t === "lit") for (const c of p.v) out.push({ c, lit: p.q });
      else if (p.t === "tilde") for (const c of this.tilde(p.user)) out.push({ c, lit: true });
      else {
        const val = await this.partValue(p);
        const s = val.list ? val.items.join(" ") : (val.v ?? "");
        const lit = p.t !== "procsub" && p.t !== "assign" && p.q;
        for (const c of s) out.push({ c, lit });
      }
    }
    return out;
  }

  /** Expands a `=~` right side: quoted parts are escaped so they match literally. */
  async regex(word: Word): Promise<string> {
    let out = "";
    for (const p of word) {
      const lit = (p.t === "lit" && p.q) || (p.t !== "lit" && p.t !== "tilde" && p.t !== "procsub" && p.t !== "assign" && p.q);
      const s = p.t === "lit" ? p.v : p.t === "tilde" ? this.tilde(p.user) : await this.string([p]);
      out += lit ? s.replace(/[\\^$.|?*+()[\]{}]/g, "\\$&") : s;
    }
    return out;
  }

  private tilde(user: string): string {
    if (user === "") return this.h.home();
    if (user === "root") return "/root";
    if (user === "+") return this.h.cwd();
    if (user === "-") return this.h.vars.get("OLDPWD") ?? "~-";
    return "~" + user;
  }

  private async partValue(p: Exclude<WordPart, { t: "lit" | "tilde" }>): Promise<Val> {
    this.h.budget.spend(1);
    switch (p.t) {
      case "arith":
        return { list: false, v: String(this.arith(await this.string(p.expr))) };
      case "sub":
        return { list: false, v: (await this.h.substitute(p.script)).replace(/\n+$/, "") };
      case "procsub":
        return { list: false, v: await this.h.procsub(p.dir, p.script) };
      case "assign":
        return { list: false, v: `${p.assign.name}=${await this.string(p.assign.value)}` };
      case "param":
        return this.param(p);
    }
  }

  private positionalVal(star: boolean): Val {
    return { list: true, items: this.h.positional().slice(), star };
  }

  /** The value of a name with an optional subscript, before any operator. */
  private async lookup(p: ParamPart): Promise<Val> {
    const { name } = p;
    if (name === "@" || name === "*") return this.positionalVal(name === "*");
    if (/^\d+$/.test(name)) return { list: false, v: name === "0" ? this.h.special("0") : this.h.positional()[Number(name) - 1] };
    const special = this.h.special(name);
    if (special !== undefined || ["?", "$", "!", "-", "#"].includes(name)) return { list: false, v: special };
    const cell = this.h.vars.cell(name);
    if (p.index === "@" || p.index === "*") {
      if (!cell) return { list: true, items: [], star: p.index === "*" };
      if (cell.kind === "scalar") return { list: true, items: cell.value === undefined ? [] : [cell.value], star: p.index === "*" };
      return { list: true, items: arrayKeys(cell).map((k) => cell.items[k]), star: p.index === "*" };
    }
    if (p.index) {
      const key = await this.subscript(name, p.index);
      if (!cell) return { list: false, v: undefined };
      if (cell.kind === "scalar") return { list: false, v: key === "0" ? cell.value : undefined };
      return { list: false, v: Object.prototype.hasOwnProperty.call(cell.items, key) ? cell.items[key] : undefined };
    }
    if (cell?.kind === "array")
      return { list: false, v: Object.prototype.hasOwnProperty.call(cell.items, "0") ? cell.items["0"] : undefined };
    return { list: false, v: cell?.value };
  }

  /** An array subscript: text for associative arrays, arithmetic (negative counts from the end) otherwise. */
  async subscript(name: string, index: Word): Promise<string> {
    const cell = this.h.vars.cell(name);
    const text = await this.string(index);
    if (cell?.kind === "array" && cell.assoc) return text;
    let n = this.arith(text);
    if (n < 0n) {
      const keys = cell?.kind === "array" ? arrayKeys(cell) : cell?.value !== undefined ? ["0"] : [];
      const max = keys.length ? BigInt(keys[keys.length - 1]) + 1n : 0n;
      n = max + n;
      if (n < 0n) throw new ExpansionError(`${name}: bad array subscript`);
    }
    return String(n);
  }

  private displayName(p: ParamPart): string {
    return p.index && typeof p.index !== "string" ? `${p.name}[${p.index.map((x) => (x.t === "lit" ? x.v : "")).join("")}]` : p.name;
  }

  private async param(p: ParamPart): Promise<Val> {
    let val: Val;
    if (p.bang && p.op?.k === "transform" && p.op.op === "names") {
      const items = this.h.vars.names().filter((n) => n.startsWith(p.name));
      return { list: true, items, star: p.index === "*" };
    }
    if (p.bang && (p.index === "@" || p.index === "*")) {
      const cell = this.h.vars.cell(p.name);
      const items = !cell ? [] : cell.kind === "array" ? arrayKeys(cell) : cell.value !== undefined ? ["0"] : [];
      val = { list: true, items, star: p.index === "*" };
    } else if (p.bang) {
      const ref = await this.lookup({ ...p, bang: false, op: undefined });
      const target = ref.list ? ref.items.join(" ") : (ref.v ?? "");
      const m = /^([A-Za-z_][A-Za-z0-9_]*|\d+|[@*#?$!-])(?:\[(.*)\])?$/s.exec(target);
      if (!m) {
        if (target === "" && !p.op) return { list: false, v: "" };
        throw new ExpansionError(`${target}: invalid variable name`);
      }
      const idx = m[2] === undefined ? undefined : m[2] === "@" || m[2] === "*" ? m[2] : [{ t: "lit" as const, v: m[2], q: true }];
      val = await this.lookup({ t: "param", name: m[1], q: p.q, index: idx });
    } else val = await this.lookup(p);

    if (p.length) {
      if (val.list) return { list: false, v: String(val.items.length) };
      if (val.v === undefined) this.checkUnset(p);
      return { list: false, v: String(Array.from(val.v ?? "").length) };
    }
    const op = p.op;
    if (!op || op.k !== "default") {
      if (!val.list && val.v === undefined) this.checkUnset(p);
    }
    if (!op) return val;
    const each = async (f: (s: string) => string | Promise<string>): Promise<Val> => {
      if (val.list) {
        const items: string[] = [];
        for (const it of val.items) items.push(await f(it));
        return { ...val, items };
      }
      return { list: false, v: val.v === undefined ? undefined : await f(val.v) };
    };
    switch (op.k) {
      case "default": {
        const isNull = val.list
          ? val.items.length === 0 || (op.colon && val.items.join("") === "")
          : val.v === undefined || (op.colon && val.v === "");
        if (op.kind === "+") return isNull ? { list: false, v: "" } : { list: false, v: await this.string(op.word) };
        if (!isNull) return val;
        if (op.kind === "-") return { list: false, v: await this.string(op.word) };
        const word = await this.string(op.word);
        if (op.kind === "?") {
          const msg = word || (op.colon ? "parameter null or not set" : "parameter not set");
          throw new ExpansionError(`${this.displayName(p)}: ${msg}`);
        }
        if (/^\d+$|^[@*#?$!-]$/.test(p.name)) throw new ExpansionError(`$${p.name}: cannot assign in this way`);
        if (p.index && typeof p.index !== "string") this.h.vars.setIndex(p.name, await this.subscript(p.name, p.index), word);
        else this.h.vars.set(p.name, word);
        return { list: false, v: word };
      }
      case "substr": {
        const offText = await this.string(op.offset);
        const lenText = op.length ? await this.string(op.length) : undefined;
        const off = Number(this.arith(offText));
        const len = lenText === undefined ? undefined : Number(this.arith(lenText));
        if (val.list) {
          // ${@:1} counts $0 as position 0
          const items = p.name === "@" || p.name === "*" ? [this.h.special("0") ?? "bash", ...val.items] : val.items;
          const start = off < 0 ? Math.max(0, items.length + off) : off;
          if (len !== undefined && len < 0) throw new ExpansionError(`${len}: substring expression < 0`);
          return { ...val, items: items.slice(start, len === undefined ? undefined : start + len) };
        }
        if (val.v === undefined) return val;
        const chars = Array.from(val.v);
        const start = off < 0 ? Math.max(0, chars.length + off) : Math.min(off, chars.length);
        if (off < 0 && chars.length + off < 0) return { list: false, v: "" };
        let end = chars.length;
        if (len !== undefined) {
          end = len < 0 ? chars.length + len : start + len;
          if (end < start) throw new ExpansionError(`${lenText?.trim()}: substring expression < 0`);
        }
        return { list: false, v: chars.slice(start, end).join("") };
      }
      case "trim": {
        const pat = await this.pattern(op.pattern);
        return each((s) => trimPattern(s, pat, op.side, op.longest, this.h.budget));
      }
      case "replace": {
        const pat = await this.pattern(op.pattern);
        const repl = op.repl;
        const hasAmp = repl.some((r) => r.t === "lit" && !r.q && r.v.includes("&"));
        const replText = await this.string(repl);
        const fn = hasAmp ? await this.ampReplacer(repl) : () => replText;
        return each((s) => replacePattern(s, pat, op.mode, fn, this.h.budget));
      }
      case "case": {
        const pat = await this.pattern(op.pattern);
        return each((s) => changeCase(s, op.upper, op.all, pat));
      }
      case "transform":
        return this.transform(p, val, op.op);
    }
  }

  /** bash 5.2 patsub_replacement: an unquoted `&` in the replacement is the matched text. */
  private async ampReplacer(repl: Word): Promise<(m: string) => string> {
    const pieces: (string | null)[] = [];
    for (const r of repl) {
      if (r.t === "lit" && !r.q) r.v.split("&").forEach((s, i) => (i > 0 ? pieces.push(null, s) : pieces.push(s)));
      else pieces.push(await this.string([r]));
    }
    return (m) => pieces.map((x) => (x === null ? m : x)).join("");
  }

  private transform(p: ParamPart, val: Val, op: string): Val {
    const f = (s: string): string => {
      switch (op) {
        case "Q":
          return quoteForShell(s, true);
        case "E":
          return expandEscapes(s);
        case "P":
          return s.replace(/\\([hHuw$W])/g, (_, c: string) =>
            c === "u" ? "root" : c === "$" ? "#" : c === "w" || c === "W" ? this.h.cwd() : (this.h.vars.get("HOSTNAME") ?? "controlplane"),
          );
        case "U":
          return s.toUpperCase();
        case "u":
          return s.charAt(0).toUpperCase() + s.slice(1);
        case "L":
          return s.toLowerCase();
        case "A":
          return `${p.name}=${quoteForShell(s, true)}`;
        case "a": {
          const c = this.h.vars.cell(p.name);
          return c?.kind === "array" ? (c.assoc ? "A" : "a") : this.h.vars.isExported(p.name) ? "x" : "";
        }
        default:
          return s;
      }
    };
    if (val.list) return { ...val, items: val.items.map(f) };
    return val.v === undefined ? val : { list: false, v: f(val.v) };
  }

  private checkUnset(p: ParamPart): void {
    if (this.h.option("nounset") && !/^[@*]$/.test(p.name)) throw new ExpansionError(`${this.displayName(p)}: unbound variable`);
  }
}

/** Splits on IFS: whitespace runs collapse, each other IFS character ends a field (empty ones too). */
export function ifsSplit(s: string, ifs: string): { parts: string[]; lead: boolean; trail: boolean } {
  if (ifs === "") return { parts: s ? [s] : [], lead: false, trail: false };
  const isWs = (c: string) => (c === " " || c === "\t" || c === "\n") && ifs.includes(c);
  const isSep = (c: string) => ifs.includes(c);
  let i = 0;
  let lead = false;
  while (i < s.length && isWs(s[i])) {
    i++;
    lead = true;
  }
  const parts: string[] = [];
  let cur = "";
  let trail = false;
  while (i < s.length) {
    const c = s[i];
    if (isSep(c)) {
      while (i < s.length && isWs(s[i])) i++;
      if (i < s.length && isSep(s[i]) && !isWs(s[i])) {
        i++;
        while (i < s.length && isWs(s[i])) i++;
      }
      parts.push(cur);
      cur = "";
      if (i >= s.length) trail = true;
      continue;
    }
    cur += c;
    i++;
  }
  if (cur !== "") parts.push(cur);
  if (!parts.length && lead) trail = true;
  return { parts, lead, trail };
}

/** `$'...'`-style escapes, for `${x@E}`. */
function expandEscapes(s: string): string {
  const map: Record<string, string> = {
    n: "\n",
    t: "\t",
    r: "\r",
    a: "\x07",
    b: "\b",
    e: "\x1b",
    f: "\f",
    v: "\v",
    "\\": "\\",
    "'": "'",
    '"': '"',
  };
  return s.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (m, e: string) => {
    if (e[0] === "x" && e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return map[e] ?? m;
  });
}
