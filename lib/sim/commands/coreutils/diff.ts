/**
 * diff (normal, -u/-U N, -q, -s, -i, -w, -b, -B) and cmp, as GNU diffutils 3.8 prints them, with
 * its exit codes: 0 same, 1 different, 2 trouble. Lines are matched with Myers' O(ND) algorithm
 * (bounded by the step budget of the input sizes the filesystem allows).
 */
import type { Command, CommandContext, FsNode } from "../../types";
import { fail, getopt, isResult, Out, tryHelp } from "./util";

/** The edit script as a list of kept, deleted and inserted line indices. */
type Op = { k: "=" | "-" | "+"; a: number; b: number };

export function myers(a: string[], b: string[], eq: (x: string, y: string) => boolean): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Map<number, number>([[1, 0]]);
  const trace: Map<number, number>[] = [];
  for (let d = 0; d <= max; d++) {
    // very different inputs: report everything as replaced rather than spend quadratic memory
    if (d > 3000) return [...a.map((_, i): Op => ({ k: "-", a: i, b: 0 })), ...b.map((_, i): Op => ({ k: "+", a: n, b: i }))];
    trace.push(new Map(v));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v.get(k - 1) ?? -1) < (v.get(k + 1) ?? -1)) ? (v.get(k + 1) ?? 0) : (v.get(k - 1) ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && eq(a[x], b[y])) {
        x++;
        y++;
      }
      v.set(k, x);
      if (x >= n && y >= m) return backtrack(trace, a, b, d, k);
    }
  }
  return [];
}

function backtrack(trace: Map<number, number>[], a: string[], b: string[], dEnd: number, kEnd: number): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  let k = kEnd;
  for (let d = dEnd; d > 0; d--) {
    const v = trace[d];
    const down = k === -d || (k !== d && (v.get(k - 1) ?? -1) < (v.get(k + 1) ?? -1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = v.get(prevK) ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ k: "=", a: --x, b: --y });
    if (down) ops.push({ k: "+", a: x, b: --y });
    else ops.push({ k: "-", a: --x, b: y });
    k = prevK;
  }
  while (x > 0 && y > 0) ops.push({ k: "=", a: --x, b: --y });
  return ops.reverse();
}

interface Hunk {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
}

/**
 * Groups the edit script into change blocks after sliding each run of changed lines as GNU diff
 * does (its shift_boundaries): back while the line before the run equals the run's last line,
 * then forward while the run's first line equals the line after it, merging runs that meet, and
 * finally back to where it lines up with a change in the other file.
 */
function blocks(ops: Op[], ka: string[], kb: string[]): Hunk[] {
  const ca = new Array<boolean>(ka.length).fill(false);
  const cb = new Array<boolean>(kb.length).fill(false);
  for (const op of ops) {
    if (op.k === "-") ca[op.a] = true;
    else if (op.k === "+") cb[op.b] = true;
  }
  slide(ca, cb, ka);
  slide(cb, ca, kb);
  const out: Hunk[] = [];
  let i = 0;
  let j = 0;
  while (i < ka.length || j < kb.length) {
    if (i < ka.length && j < kb.length && !ca[i] && !cb[j]) {
      i++;
      j++;
      continue;
    }
    const h: Hunk = { a0: i, a1: i, b0: j, b1: j };
    while (i < ka.length && ca[i]) i++;
    while (j < kb.length && cb[j]) j++;
    h.a1 = i;
    h.b1 = j;
    if (h.a0 === h.a1 && h.b0 === h.b1) {
      // only one side has lines left: they are all changes
      if (i < ka.length) h.a1 = i = ka.length;
      else h.b1 = j = kb.length;
    }
    out.push(h);
  }
  return out;
}

function slide(changed: boolean[], other: boolean[], key: string[]): void {
  const at = (arr: boolean[], k: number) => k >= 0 && k < arr.length && arr[k];
  const end = changed.length;
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < end && !changed[i]) {
      while (at(other, j++));
      i++;
    }
    if (i === end) return;
    let start = i;
    while (at(changed, ++i));
    while (at(other, j)) j++;
    let runlength: number;
    let corresponding: number;
    do {
      runlength = i - start;
      while (start > 0 && key[start - 1] === key[i - 1]) {
        changed[--start] = true;
        changed[--i] = false;
        while (at(changed, start - 1)) start--;
        while (at(other, --j));
      }
      corresponding = at(other, j - 1) ? i : end;
      while (i !== end && key[start] === key[i]) {
        changed[start++] = false;
        changed[i++] = true;
        while (at(changed, i)) i++;
        while (at(other, ++j)) corresponding = i;
      }
    } while (runlength !== i - start);
    while (corresponding < i) {
      changed[--start] = true;
      changed[--i] = false;
      while (at(other, --j));
    }
  }
}

const range = (lo: number, hi: number) => (hi - lo <= 1 ? String(hi === lo ? lo : hi) : `${lo + 1},${hi}`);

function splitLines(text: string): { lines: string[]; noEol: boolean } {
  if (text === "") return { lines: [], noEol: false };
  const l = text.split("\n");
  const noEol = l[l.length - 1] !== "";
  if (!noEol) l.pop();
  return { lines: l, noEol };
}

function timestamp(n: FsNode | undefined, now: number): string {
  const ms = n?.mtime ?? now;
  return new Date(ms)
    .toISOString()
    .replace("T", " ")
    .replace(/\.(\d{3})Z$/, ".$1000000 +0000");
}

function read(ctx: CommandContext, name: string): { ok: true; text: string; node?: FsNode } | { ok: false; why: string } {
  if (name === "-") return { ok: true, text: ctx.stdin };
  const path = ctx.resolve(name);
  const node = ctx.fs.stat(path);
  const r = ctx.fs.readFile(path);
  if (!r.ok)
    return {
      ok: false,
      why: r.error === "EISDIR" ? "Is a directory" : r.error === "ENOTDIR" ? "Not a directory" : "No such file or directory",
    };
  return { ok: true, text: r.value, node };
}

export const diff: Command = {
  name: "diff",
  summary: "compare files line by line",
  run(ctx) {
    const args = ctx.args.map((a) => (/^-U?\d+$/.test(a) && a !== "-U" ? `-U${a.replace(/^-U?/, "")}` : a));
    const p = getopt(
      "diff",
      args,
      {
        bool: "uqsiwbBEtTaN",
        value: "U",
        long: {
          unified: "u",
          brief: "q",
          "report-identical-files": "s",
          "ignore-case": "i",
          "ignore-all-space": "w",
          "ignore-space-change": "b",
          "ignore-blank-lines": "B",
          text: "a",
          "new-file": "N",
          color: "color",
        },
      },
      2,
    );
    if (isResult(p)) return p;
    const f = p.flags;
    if (p.operands.length < 2) return fail(`diff: missing operand after '${p.operands[0] ?? "diff"}'\n${tryHelp("diff")}`, 2);
    if (p.operands.length > 2) return fail(`diff: extra operand '${p.operands[2]}'\n${tryHelp("diff")}`, 2);
    const [na, nb] = p.operands;
    const ra = read(ctx, na);
    const rb = read(ctx, nb);
    const o = new Out();
    if (!ra.ok || !rb.ok) {
      if (!ra.ok) o.err(`diff: ${na}: ${ra.why}\n`);
      if (!rb.ok) o.err(`diff: ${nb}: ${rb.why}\n`);
      return o.result(2);
    }
    const A = splitLines(ra.text);
    const B = splitLines(rb.text);
    const norm = (s: string) => {
      let t = s;
      if (f.has("i")) t = t.toLowerCase();
      if (f.has("w")) t = t.replace(/\s+/g, "");
      else if (f.has("b")) t = t.replace(/\s+/g, " ").replace(/ $/, "");
      return t;
    };
    const ops = myers(A.lines, B.lines, (x, y) => norm(x) === norm(y));
    let hunks = blocks(ops, A.lines.map(norm), B.lines.map(norm));
    if (f.has("B"))
      hunks = hunks.filter((h) => A.lines.slice(h.a0, h.a1).some((l) => l !== "") || B.lines.slice(h.b0, h.b1).some((l) => l !== ""));
    const eolDiffers = A.noEol !== B.noEol && A.lines.length > 0 && B.lines.length > 0;
    if (!hunks.length && !eolDiffers) {
      if (f.has("s")) o.out(`Files ${na} and ${nb} are identical\n`);
      return o.result(0);
    }
    if (f.has("q")) return o.out(`Files ${na} and ${nb} differ\n`).result(1);
    if (!hunks.length && eolDiffers) hunks = [{ a0: A.lines.length - 1, a1: A.lines.length, b0: B.lines.length - 1, b1: B.lines.length }];
    const noEolA = (i: number) => A.noEol && i === A.lines.length - 1;
    const noEolB = (i: number) => B.noEol && i === B.lines.length - 1;
    const NOEOL = "\\ No newline at end of file\n";
    if (f.has("u") || f.has("U")) {
      const ctxN = f.has("U") ? Number(f.get("U")) : 3;
      o.out(`--- ${na}\t${timestamp(ra.node, ctx.now)}\n+++ ${nb}\t${timestamp(rb.node, ctx.now)}\n`);
      // merge change blocks whose context would overlap
      const groups: Hunk[][] = [];
      for (const h of hunks) {
        const last = groups[groups.length - 1];
        if (last && h.a0 - last[last.length - 1].a1 <= 2 * ctxN) last.push(h);
        else groups.push([h]);
      }
      for (const g of groups) {
        const a0 = Math.max(0, g[0].a0 - ctxN);
        const a1 = Math.min(A.lines.length, g[g.length - 1].a1 + ctxN);
        const b0 = Math.max(0, g[0].b0 - ctxN);
        const b1 = Math.min(B.lines.length, g[g.length - 1].b1 + ctxN);
        const spec = (lo: number, hi: number) => (hi - lo === 1 ? `${lo + 1}` : hi === lo ? `${lo},0` : `${lo + 1},${hi - lo}`);
        o.out(`@@ -${spec(a0, a1)} +${spec(b0, b1)} @@\n`);
        let ai = a0;
        for (const h of g) {
          for (; ai < h.a0; ai++) o.out(` ${A.lines[ai]}\n${noEolA(ai) && noEolB(h.b0 - (h.a0 - ai)) ? NOEOL : ""}`);
          for (let i = h.a0; i < h.a1; i++) o.out(`-${A.lines[i]}\n${noEolA(i) ? NOEOL : ""}`);
          for (let i = h.b0; i < h.b1; i++) o.out(`+${B.lines[i]}\n${noEolB(i) ? NOEOL : ""}`);
          ai = h.a1;
        }
        const shift = g[g.length - 1].b1 - g[g.length - 1].a1;
        for (; ai < a1; ai++) o.out(` ${A.lines[ai]}\n${noEolA(ai) && noEolB(ai + shift) ? NOEOL : ""}`);
      }
      return o.result(1);
    }
    for (const h of hunks) {
      const cmd =
        h.a0 === h.a1
          ? `${h.a0}a${range(h.b0, h.b1)}`
          : h.b0 === h.b1
            ? `${range(h.a0, h.a1)}d${h.b0}`
            : `${range(h.a0, h.a1)}c${range(h.b0, h.b1)}`;
      o.out(cmd + "\n");
      for (let i = h.a0; i < h.a1; i++) o.out(`< ${A.lines[i]}\n${noEolA(i) ? NOEOL : ""}`);
      if (h.a0 !== h.a1 && h.b0 !== h.b1) o.out("---\n");
      for (let i = h.b0; i < h.b1; i++) o.out(`> ${B.lines[i]}\n${noEolB(i) ? NOEOL : ""}`);
    }
    return o.result(1);
  },
};

export const cmp: Command = {
  name: "cmp",
  summary: "compare two files byte by byte",
  run(ctx) {
    const p = getopt("cmp", ctx.args, { bool: "sl", long: { silent: "s", quiet: "s", verbose: "l" } }, 2);
    if (isResult(p)) return p;
    const [na, nb = "-"] = p.operands;
    if (na === undefined) return fail(`cmp: missing operand after 'cmp'\n${tryHelp("cmp")}`, 2);
    const ra = read(ctx, na);
    const rb = read(ctx, nb);
    if (!ra.ok) return fail(`cmp: ${na}: ${ra.why}\n`, 2);
    if (!rb.ok) return fail(`cmp: ${nb}: ${rb.why}\n`, 2);
    const a = Buffer.from(ra.text);
    const b = Buffer.from(rb.text);
    let line = 1;
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i] !== b[i])
        return p.flags.has("s")
          ? { stdout: "", stderr: "", exitCode: 1 }
          : { stdout: `${na} ${nb} differ: byte ${i + 1}, line ${line}\n`, stderr: "", exitCode: 1 };
      if (a[i] === 10) line++;
    }
    if (a.length !== b.length) {
      const shorter = a.length < b.length ? na : nb;
      const n = Math.min(a.length, b.length);
      return p.flags.has("s")
        ? { stdout: "", stderr: "", exitCode: 1 }
        : { stdout: "", stderr: `cmp: EOF on ${shorter} after byte ${n}, line ${line - 1}\n`, exitCode: 1 };
    }
    return { stdout: "", stderr: "", exitCode: 0 };
  },
};
