/**
 * Brace expansion, the first expansion bash performs: `{a,b}`, `{1..5}`, `{01..10}`, `{a..e}`,
 * `{1..10..2}`, nested and combined (`x{1,2}{a,b}`). It works on a word's parts: only unquoted
 * literal braces and commas count, so `"{a,b}"` and `${x}` stay as they are. The number of
 * words one expansion may produce is bounded (LIMITS.maxBraceWords).
 */
import { LIMITS } from "../core/limits";
import type { Word, WordPart } from "./ast";
import { LimitError } from "./io";
import { mergeLits } from "./word-parser";

/** A word as a sequence: single unquoted characters, or opaque parts. */
type Tok = { c: string } | { part: WordPart };

function toToks(word: Word): Tok[] {
  const out: Tok[] = [];
  for (const p of word) {
    if (p.t === "lit" && !p.q) for (const c of p.v) out.push({ c });
    else out.push({ part: p });
  }
  return out;
}

function toWord(toks: Tok[]): Word {
  return mergeLits(toks.map((t) => ("c" in t ? { t: "lit", v: t.c, q: false } : t.part)));
}

const ch = (t: Tok | undefined) => (t && "c" in t ? t.c : undefined);

/** Finds the first `{` with a matching `}` that makes a valid brace expression. */
function findBrace(toks: Tok[]): { open: number; close: number; commas: number[] } | undefined {
  for (let open = 0; open < toks.length; open++) {
    if (ch(toks[open]) !== "{") continue;
    let depth = 0;
    const commas: number[] = [];
    for (let j = open + 1; j < toks.length; j++) {
      const c = ch(toks[j]);
      if (c === "{") depth++;
      else if (c === "}") {
        if (depth === 0) {
          if (commas.length || isSequence(toks.slice(open + 1, j))) return { open, close: j, commas };
          break;
        }
        depth--;
      } else if (c === "," && depth === 0) commas.push(j);
    }
  }
  return undefined;
}

function plain(toks: Tok[]): string | undefined {
  let s = "";
  for (const t of toks) {
    if (!("c" in t)) return undefined;
    s += t.c;
  }
  return s;
}

const SEQ = /^(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])(?:\.\.(-?\d+))?$/;

function isSequence(toks: Tok[]): boolean {
  const s = plain(toks);
  const m = s === undefined ? null : SEQ.exec(s);
  return !!m && /\d/.test(m[1]) === /\d/.test(m[2]);
}

function sequence(text: string): string[] {
  const m = SEQ.exec(text);
  if (!m) return [];
  const numeric = /\d/.test(m[1]);
  let step = Math.abs(Number(m[3] ?? 1)) || 1;
  const a = numeric ? Number(m[1]) : m[1].charCodeAt(0);
  const b = numeric ? Number(m[2]) : m[2].charCodeAt(0);
  if (a > b) step = -step;
  const count = Math.floor(Math.abs(b - a) / Math.abs(step)) + 1;
  if (count > LIMITS.maxBraceWords) throw new LimitError(`brace expansion too large (at most ${LIMITS.maxBraceWords} words)`);
  const width = numeric && (/^-?0\d/.test(m[1]) || /^-?0\d/.test(m[2])) ? Math.max(m[1].length, m[2].length) : 0;
  const out: string[] = [];
  for (let i = 0, v = a; i < count; i++, v += step) {
    if (!numeric) out.push(String.fromCharCode(v));
    else {
      const abs = String(Math.abs(v));
      const neg = v < 0;
      out.push((neg ? "-" : "") + abs.padStart(width - (neg ? 1 : 0), "0"));
    }
  }
  return out;
}

function expandToks(toks: Tok[], budget: { n: number }): Tok[][] {
  const b = findBrace(toks);
  if (!b) return [toks];
  const pre = toks.slice(0, b.open);
  const post = toks.slice(b.close + 1);
  const alternatives: Tok[][] = [];
  if (b.commas.length) {
    let from = b.open + 1;
    for (const c of [...b.commas, b.close]) {
      alternatives.push(...expandToks(toks.slice(from, c), budget));
      from = c + 1;
    }
  } else for (const s of sequence(plain(toks.slice(b.open + 1, b.close)) ?? "")) alternatives.push(Array.from(s, (c) => ({ c })));
  const tails = expandToks(post, budget);
  const out: Tok[][] = [];
  for (const alt of alternatives) {
    for (const tail of tails) {
      if (++budget.n > LIMITS.maxBraceWords) throw new LimitError(`brace expansion too large (at most ${LIMITS.maxBraceWords} words)`);
      out.push([...pre, ...alt, ...tail]);
    }
  }
  return out;
}

/** The words a word's brace expressions expand to (the word itself when it has none). */
export function braceExpand(word: Word): Word[] {
  if (!word.some((p) => p.t === "lit" && !p.q && p.v.includes("{"))) return [word];
  return expandToks(toToks(word), { n: 0 }).map(toWord);
}
