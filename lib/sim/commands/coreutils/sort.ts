/**
 * sort as GNU coreutils does it in the C.UTF-8 locale (code point order): -k POS1[,POS2] keys
 * with per-key flags (`-k2,2nr`), -t, -n, -g, -h, -V, -M, -f, -d, -b, -r, -u, -s, -c, -o, and the
 * last-resort whole-line comparison that makes the order total.
 */
import type { Command } from "../../types";
import { cq, fail, getopt, isResult, lines, Out, readOperand, tryHelp } from "./util";

interface KeySpec {
  f1: number;
  c1: number;
  f2?: number;
  c2: number;
  flags: string;
}

const GLOBAL_FLAGS = "bdfghinMrRV";

function parseKey(spec: string): KeySpec | undefined {
  const m = /^(\d+)(?:\.(\d+))?([bdfghinMrRV]*)(?:,(\d+)(?:\.(\d+))?([bdfghinMrRV]*))?$/.exec(spec);
  if (!m || m[1] === "0") return undefined;
  return {
    f1: Number(m[1]),
    c1: Number(m[2] ?? 1),
    f2: m[4] ? Number(m[4]) : undefined,
    c2: Number(m[5] ?? 0),
    flags: (m[3] ?? "") + (m[6] ?? ""),
  };
}

const isBlank = (c: string) => c === " " || c === "\t";

/** Field start offsets the way sort splits: with -t at each separator, else at blank runs (blanks belong to the next field). */
function fieldStarts(line: string, sep: string | undefined): number[] {
  const starts = [0];
  if (sep !== undefined) {
    for (let i = 0; i < line.length; i++) if (line[i] === sep) starts.push(i + 1);
    return starts;
  }
  let i = 0;
  while (i < line.length) {
    while (i < line.length && isBlank(line[i])) i++;
    while (i < line.length && !isBlank(line[i])) i++;
    if (i < line.length) starts.push(i);
  }
  return starts;
}

function extract(line: string, k: KeySpec, sep: string | undefined, skipBlanks: boolean): string {
  const starts = fieldStarts(line, sep);
  const fieldEnd = (f: number) => (f < starts.length ? (sep !== undefined ? starts[f] - 1 : starts[f]) : line.length);
  if (k.f1 - 1 >= starts.length) return "";
  let a = starts[k.f1 - 1];
  if (skipBlanks || k.flags.includes("b")) while (a < line.length && isBlank(line[a])) a++;
  a = Math.min(a + k.c1 - 1, fieldEnd(k.f1));
  let b = line.length;
  if (k.f2 !== undefined) {
    if (k.c2 === 0) b = fieldEnd(k.f2);
    else {
      let s = k.f2 - 1 < starts.length ? starts[k.f2 - 1] : line.length;
      if (k.flags.includes("b")) while (s < line.length && isBlank(line[s])) s++;
      b = Math.min(s + k.c2, fieldEnd(k.f2));
    }
  }
  return a < b ? line.slice(a, b) : "";
}

function numericValue(s: string): number {
  const m = /^\s*(-?)(\d*)(?:\.(\d*))?/.exec(s);
  if (!m || (!m[2] && !m[3])) return 0;
  return Number(`${m[1]}${m[2] || "0"}.${m[3] || "0"}`);
}

const SUFFIX = " KMGTPEZYRQ";
function humanValue(s: string): [number, number] {
  const m = /^\s*(-?\d*(?:\.\d*)?)([KMGTPEZYRQk]?)/.exec(s);
  if (!m || !/\d/.test(m[1])) return [0, 0];
  const n = Number(m[1]);
  const rank = SUFFIX.indexOf(m[2].toUpperCase());
  return [Math.sign(n) * Math.max(0, rank), n];
}

function generalValue(s: string): number {
  const m = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(s) ?? /^\s*[+-]?(inf|infinity|nan)/i.exec(s);
  if (!m) return -Infinity;
  return Number(m[0].trim().replace(/inf(inity)?/i, "Infinity"));
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

/** GNU sort -V (filevercmp): digit runs compare as numbers, the rest character by character. */
export function versionCompare(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const d = Number(x) - Number(y);
      if (d) return d;
    } else if (x !== y) {
      const order = (c: string) => (c === "~" ? -1 : /[A-Za-z]/.test(c) ? c.charCodeAt(0) : c.charCodeAt(0) + 256);
      for (let j = 0; j < Math.max(x.length, y.length); j++) {
        if (x[j] === undefined) return dy ? 1 : -1;
        if (y[j] === undefined) return dx ? -1 : 1;
        const d = order(x[j]) - order(y[j]);
        if (d) return d;
      }
    }
  }
  return 0;
}

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareBy(a: string, b: string, flags: string): number {
  let x = a;
  let y = b;
  if (flags.includes("d")) {
    x = x.replace(/[^A-Za-z0-9 \t]/g, "");
    y = y.replace(/[^A-Za-z0-9 \t]/g, "");
  }
  if (flags.includes("i")) {
    x = x.replace(/[^\x20-\x7e]/g, "");
    y = y.replace(/[^\x20-\x7e]/g, "");
  }
  if (flags.includes("f")) {
    x = x.toUpperCase();
    y = y.toUpperCase();
  }
  if (flags.includes("n")) return Math.sign(numericValue(x) - numericValue(y));
  if (flags.includes("g")) {
    const d = generalValue(x) - generalValue(y);
    return Number.isNaN(d) ? 0 : Math.sign(d);
  }
  if (flags.includes("h")) {
    const [ra, na] = humanValue(x);
    const [rb, nb] = humanValue(y);
    return Math.sign(ra - rb || na - nb);
  }
  if (flags.includes("V")) return Math.sign(versionCompare(x, y));
  if (flags.includes("M"))
    return Math.sign(MONTHS.indexOf(x.trim().slice(0, 3).toUpperCase()) - MONTHS.indexOf(y.trim().slice(0, 3).toUpperCase()));
  return cmpStr(x, y);
}

export const sort: Command = {
  name: "sort",
  summary: "sort lines of text files",
  run(ctx) {
    const long = {
      reverse: "r",
      "numeric-sort": "n",
      unique: "u",
      "ignore-case": "f",
      "human-numeric-sort": "h",
      "general-numeric-sort": "g",
      "version-sort": "V",
      "month-sort": "M",
      stable: "s",
      key: "k",
      "field-separator": "t",
      "ignore-leading-blanks": "b",
      "dictionary-order": "d",
      check: "c",
      output: "o",
      "zero-terminated": "z",
      "random-sort": "R",
      "ignore-nonprinting": "i",
    };
    const args = ctx.args;
    const keys: KeySpec[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      let spec: string | undefined;
      if (a === "-k" || a === "--key") spec = args[i + 1];
      else if (/^-[a-zA-Z]*k./.test(a) && !a.startsWith("--")) spec = a.slice(a.indexOf("k") + 1);
      else if (a.startsWith("--key=")) spec = a.slice(6);
      if (spec === undefined) continue;
      const k = parseKey(spec);
      if (!k) return fail(`sort: invalid number at field start: invalid count at start of ${cq(spec)}\n${tryHelp("sort")}`, 2);
      keys.push(k);
    }
    const p = getopt("sort", args, { bool: "bcCdfghimMnrRsuVz", value: "kotST", long }, 2);
    if (isResult(p)) return p;
    const f = p.flags;
    const sep = f.get("t");
    if (sep !== undefined && sep.length !== 1) return fail(`sort: multi-character tab ${cq(sep)}\n`, 2);
    const global = [...GLOBAL_FLAGS].filter((c) => f.has(c)).join("");
    const all: string[] = [];
    const o = new Out();
    for (const file of p.operands.length ? p.operands : ["-"]) {
      const r = readOperand(ctx, file);
      if (!r.ok) return o.err(`sort: cannot read: ${file}: ${r.why}\n`).result(2);
      all.push(...(f.has("z") ? r.text.split("\0").filter((x, i, arr) => x !== "" || i < arr.length - 1) : lines(r.text)));
    }
    const keyFlags = (k: KeySpec) => (k.flags.replace(/b/g, "") ? k.flags : k.flags + global);
    const compareKeys = (a: string, b: string): number => {
      if (!keys.length) {
        const c = compareBy(f.has("b") ? a.trimStart() : a, f.has("b") ? b.trimStart() : b, global);
        return global.includes("r") ? -c : c;
      }
      for (const k of keys) {
        const fl = keyFlags(k);
        const c = compareBy(extract(a, k, sep, fl.includes("b")), extract(b, k, sep, fl.includes("b")), fl);
        if (c) return fl.includes("r") ? -c : c;
      }
      return 0;
    };
    const full = (a: string, b: string): number => {
      const c = compareKeys(a, b);
      if (c || f.has("s") || f.has("u")) return c;
      const last = cmpStr(a, b);
      return global.includes("r") ? -last : last;
    };
    if (f.has("c") || f.has("C")) {
      for (let i = 1; i < all.length; i++) {
        const c = f.has("u") ? full(all[i - 1], all[i]) >= 0 : full(all[i - 1], all[i]) > 0;
        if (c)
          return { stdout: "", stderr: f.has("C") ? "" : `sort: ${p.operands[0] ?? "-"}:${i + 1}: disorder: ${all[i]}\n`, exitCode: 1 };
      }
      return { stdout: "", stderr: "", exitCode: 0 };
    }
    let out = all
      .map((l, i) => [l, i] as const)
      .sort((x, y) => full(x[0], y[0]) || x[1] - y[1])
      .map(([l]) => l);
    if (f.has("u")) out = out.filter((l, i) => i === 0 || compareKeys(out[i - 1], l) !== 0);
    const text = out.map((l) => l + (f.has("z") ? "\0" : "\n")).join("");
    const dest = f.get("o");
    if (dest !== undefined) {
      const w = ctx.fs.writeFile(ctx.resolve(dest), text);
      if (!w.ok) return fail(`sort: open failed: ${dest}: No such file or directory\n`, 2);
      return { stdout: "", stderr: "", exitCode: 0 };
    }
    return o.out(text).result(0);
  },
};
