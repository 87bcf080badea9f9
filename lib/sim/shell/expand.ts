/**
 * Word expansion in bash's order: tilde, parameters and command substitution, field splitting of
 * unquoted results on IFS whitespace, then pathname expansion (left as-is when nothing matches).
 */
import type { Vfs } from "../fs/vfs";
import type { Script, Word, WordPart } from "./ast";
import { expandGlob, hasGlob, type GlobChar } from "./glob";
import type { Budget } from "./io";
import { ArithError, evalArith } from "./arith";
import { LimitError } from "./io";
import { getVar } from "./shell-context";

export interface ExpandEnv {
  vfs: Vfs;
  cwd: string;
  env: Record<string, string>;
  lastExitCode: number;
  budget: Budget;
  random(): number;
  /** runs a command substitution and returns its stdout */
  substitute(script: Script): Promise<string>;
}

interface Seg {
  v: string;
  lit: boolean;
}
interface Field {
  segs: Seg[];
  quoted: boolean;
}

const IFS_SPLIT = /[ \t\n]+/;

function special(name: string, ex: ExpandEnv): string | undefined {
  switch (name) {
    case "?":
      return String(ex.lastExitCode);
    case "$":
      return "4242";
    case "0":
      return "bash";
    case "#":
      return "0";
    case "-":
      return "himBHs";
    case "RANDOM":
      return String(Math.floor(ex.random() * 32768));
    default:
      return /^[1-9@*!]$/.test(name) ? "" : getVar(ex.env, name);
  }
}

async function partValue(p: Extract<WordPart, { t: "var" | "sub" | "arith" }>, ex: ExpandEnv): Promise<string> {
  ex.budget.spend(1);
  if (p.t === "arith") {
    try {
      return String(evalArith(await expandSingle(p.expr, ex), ex.env));
    } catch (e) {
      // bash abandons the whole command line on an arithmetic error
      if (e instanceof ArithError) throw new LimitError(e.message);
      throw e;
    }
  }
  if (p.t === "sub") return (await ex.substitute(p.script)).replace(/\n+$/, "");
  const v = special(p.name, ex);
  if (p.op === "#") return String((v ?? "").length);
  if ((p.op === ":-" && !v) || (p.op === "-" && v === undefined)) return expandSingle(p.arg ?? [], ex);
  return v ?? "";
}

/** Expands a word to one string: no splitting, no globbing (assignments, redirect targets, here-documents). */
export async function expandSingle(word: Word, ex: ExpandEnv): Promise<string> {
  let out = "";
  for (const p of word) {
    if (p.t === "lit") out += p.v;
    else if (p.t === "tilde") out += getVar(ex.env, "HOME") ?? "/root";
    else out += await partValue(p, ex);
  }
  return out;
}

/** Expands a word to zero or more fields (command arguments). */
export async function expandFields(word: Word, ex: ExpandEnv): Promise<string[]> {
  const fields: Field[] = [];
  let cur: Field = { segs: [], quoted: false };
  const push = () => {
    if (cur.quoted || cur.segs.some((s) => s.v)) fields.push(cur);
    cur = { segs: [], quoted: false };
  };
  for (const p of word) {
    if (p.t === "lit") {
      cur.segs.push({ v: p.v, lit: p.q });
      if (p.q) cur.quoted = true;
    } else if (p.t === "tilde") cur.segs.push({ v: getVar(ex.env, "HOME") ?? "/root", lit: true });
    else {
      const v = await partValue(p, ex);
      if (p.q) {
        cur.segs.push({ v, lit: true });
        cur.quoted = true;
        continue;
      }
      const words = v.split(IFS_SPLIT).filter(Boolean);
      if (/^[ \t\n]/.test(v) && words.length) push();
      words.forEach((w, i) => {
        if (i > 0) push();
        cur.segs.push({ v: w, lit: false });
      });
      if (/[ \t\n]$/.test(v) && words.length) push();
    }
  }
  push();
  const out: string[] = [];
  for (const f of fields) {
    const text = f.segs.map((s) => s.v).join("");
    const chars: GlobChar[] | undefined = f.segs.some((s) => !s.lit && /[*?[]/.test(s.v))
      ? f.segs.flatMap((s) => Array.from(s.v, (c) => ({ c, lit: s.lit })))
      : undefined;
    if (chars && hasGlob(chars)) {
      const matches = expandGlob(chars, ex.vfs, ex.cwd, ex.budget);
      if (matches.length) {
        out.push(...matches);
        continue;
      }
    }
    out.push(text);
  }
  return out;
}
