/** Line and byte filters: echo, head, tail, wc, uniq, cut, tr, base64. */
import type { Command, CommandContext, ExecResult } from "../../types";
import { cq, fail, getopt, isResult, lines, Out, readOperand, tryHelp } from "./util";

export const echo: Command = {
  name: "echo",
  summary: "display a line of text",
  run(ctx) {
    let i = 0;
    let newline = true;
    let escapes = false;
    for (; i < ctx.args.length && /^-[neE]+$/.test(ctx.args[i]); i++) {
      for (const c of ctx.args[i].slice(1)) {
        if (c === "n") newline = false;
        else escapes = c === "e";
      }
    }
    let text = ctx.args.slice(i).join(" ");
    if (escapes) {
      const cut = text.indexOf("\\c");
      if (cut >= 0) {
        text = text.slice(0, cut);
        newline = false;
      }
      text = unescape(text);
    }
    return { stdout: text + (newline ? "\n" : ""), stderr: "", exitCode: 0 };
  },
};

/** echo -e / tr escapes: \n \t \\ \a \b \e \f \r \v \0NNN \xHH */
export function unescape(s: string): string {
  const map: Record<string, string> = { n: "\n", t: "\t", "\\": "\\", a: "\x07", b: "\b", e: "\x1b", f: "\f", r: "\r", v: "\v" };
  return s.replace(/\\(0[0-7]{0,3}|x[0-9A-Fa-f]{1,2}|.)/g, (m, e: string) => {
    if (e[0] === "0") return String.fromCharCode(parseInt(e.slice(1) || "0", 8));
    if (e[0] === "x" && e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    return map[e] ?? m;
  });
}

/** Runs `fn` on each operand's text (or stdin); `label` formats the missing-file message. */
function eachInput(
  ctx: CommandContext,
  ops: string[],
  o: Out,
  label: (f: string, why: string) => string,
  fn: (text: string, name: string) => void,
): number {
  let code = 0;
  for (const f of ops.length ? ops : ["-"]) {
    const r = readOperand(ctx, f);
    if (!r.ok) {
      o.err(label(f, r.why));
      code = 1;
    } else fn(r.text, f);
  }
  return code;
}

function headTail(name: "head" | "tail"): Command {
  return {
    name,
    summary: name === "head" ? "output the first part of files" : "output the last part of files",
    run(ctx): ExecResult {
      // -N is an old spelling of -n N
      const args = ctx.args.map((a, i) => (/^-\d+$/.test(a) && !/^-[a-z]*[nc]$/.test(ctx.args[i - 1] ?? "") ? `-n${a.slice(1)}` : a));
      const p = getopt(name, args, { bool: "qvf", value: "nc", long: { lines: "n", bytes: "c", quiet: "q", follow: "f" } });
      if (isResult(p)) return p;
      const bytes = p.flags.has("c");
      const raw = p.flags.get(bytes ? "c" : "n") ?? "10";
      const fromStart = name === "tail" && raw.startsWith("+");
      const n = Number(raw.replace(/^[+-]/, ""));
      if (!/^[+-]?\d+$/.test(raw)) return fail(`${name}: invalid number of ${bytes ? "bytes" : "lines"}: ${cq(raw)}\n`);
      const neg = name === "head" && raw.startsWith("-");
      const o = new Out();
      const many = (p.operands.length > 1 && !p.flags.has("q")) || p.flags.has("v");
      let first = true;
      const code = eachInput(
        ctx,
        p.operands,
        o,
        (f, why) => `${name}: cannot open '${f}' for reading: ${why}\n`,
        (text, f) => {
          if (many) o.out(`${first ? "" : "\n"}==> ${f === "-" ? "standard input" : f} <==\n`);
          first = false;
          if (bytes) {
            const b = Buffer.from(text);
            const part =
              name === "head"
                ? neg
                  ? b.subarray(0, Math.max(0, b.length - n))
                  : b.subarray(0, n)
                : fromStart
                  ? b.subarray(Math.max(0, n - 1))
                  : b.subarray(Math.max(0, b.length - n));
            o.out(part.toString());
            return;
          }
          const ls = text.split(/(?<=\n)/).filter(Boolean);
          const part =
            name === "head"
              ? neg
                ? ls.slice(0, Math.max(0, ls.length - n))
                : ls.slice(0, n)
              : fromStart
                ? ls.slice(Math.max(0, n - 1))
                : n === 0
                  ? []
                  : ls.slice(-n);
          o.out(part.join(""));
        },
      );
      return o.result(code);
    },
  };
}

export const head = headTail("head");
export const tail = headTail("tail");

export const wc: Command = {
  name: "wc",
  summary: "print newline, word, and byte counts",
  run(ctx) {
    const p = getopt("wc", ctx.args, { bool: "lwcm", long: { lines: "l", words: "w", bytes: "c", chars: "m" } });
    if (isResult(p)) return p;
    const sel = ["l", "w", "c"].filter((k) => p.flags.has(k) || (k === "c" && p.flags.has("m")));
    const show = sel.length ? sel : ["l", "w", "c"];
    const rows: [number[], string][] = [];
    const o = new Out();
    const code = eachInput(
      ctx,
      p.operands,
      o,
      (f, why) => `wc: ${f}: ${why}\n`,
      (text, f) => {
        const counts = {
          l: (text.match(/\n/g) ?? []).length,
          w: text.split(/\s+/).filter(Boolean).length,
          c: p.flags.has("m") ? [...text].length : Buffer.byteLength(text),
        };
        rows.push([show.map((k) => counts[k as "l" | "w" | "c"]), f === "-" && !p.operands.length ? "" : f]);
      },
    );
    if (rows.length > 1) rows.push([show.map((_, i) => rows.reduce((a, [c]) => a + c[i], 0)), "total"]);
    // GNU pads to the widest total; a single count from stdin is printed bare
    const width =
      show.length === 1 && rows.length === 1
        ? 0
        : !p.operands.length
          ? 7
          : Math.max(1, ...rows.flatMap(([c]) => c.map((n) => String(n).length)));
    for (const [c, name] of rows) o.out(c.map((n) => String(n).padStart(width)).join(" ") + (name ? ` ${name}` : "") + "\n");
    return o.result(code);
  },
};

export const uniq: Command = {
  name: "uniq",
  summary: "report or omit repeated lines",
  run(ctx) {
    const args = ctx.args.map((a) => (/^-\d+$/.test(a) ? `-f${a.slice(1)}` : /^\+\d+$/.test(a) ? `-s${a.slice(1)}` : a));
    const p = getopt("uniq", args, {
      bool: "cdDiuz",
      value: "fsw",
      long: {
        count: "c",
        repeated: "d",
        "all-repeated": "D",
        "ignore-case": "i",
        unique: "u",
        "skip-fields": "f",
        "skip-chars": "s",
        "check-chars": "w",
      },
    });
    if (isResult(p)) return p;
    const [input, output] = p.operands;
    const r = readOperand(ctx, input ?? "-");
    if (!r.ok) return fail(`uniq: ${input}: ${r.why}\n`);
    const skipFields = Number(p.flags.get("f") ?? 0);
    const skipChars = Number(p.flags.get("s") ?? 0);
    const width = p.flags.has("w") ? Number(p.flags.get("w")) : Infinity;
    const key = (l: string) => {
      let s = l;
      for (let i = 0; i < skipFields; i++) s = s.replace(/^[ \t]*[^ \t]*/, "");
      s = s.slice(skipChars);
      if (width !== Infinity) s = s.slice(0, width);
      return p.flags.has("i") ? s.toLowerCase() : s;
    };
    const groups: [string, number, string[]][] = [];
    for (const l of lines(r.text)) {
      const last = groups[groups.length - 1];
      if (last && key(last[0]) === key(l)) {
        last[1]++;
        last[2].push(l);
      } else groups.push([l, 1, [l]]);
    }
    let out = "";
    for (const [l, n, all] of groups) {
      if (p.flags.has("D")) {
        if (n > 1) out += all.map((x) => x + "\n").join("");
        continue;
      }
      if (p.flags.has("d") ? n < 2 : p.flags.has("u") ? n !== 1 : false) continue;
      out += p.flags.has("c") ? `${String(n).padStart(7)} ${l}\n` : `${l}\n`;
    }
    if (output !== undefined) {
      const w = ctx.fs.writeFile(ctx.resolve(output), out);
      return w.ok ? { stdout: "", stderr: "", exitCode: 0 } : fail(`uniq: ${output}: No such file or directory\n`);
    }
    return { stdout: out, stderr: "", exitCode: 0 };
  },
};

function parseList(spec: string): ((i: number) => boolean) | undefined {
  const ranges: [number, number][] = [];
  for (const part of spec.split(",")) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (!m[1] && !m[3]) || m[1] === "0") return undefined;
    const a = Number(m[1] || 1);
    ranges.push([a, m[2] ? (m[3] ? Number(m[3]) : Infinity) : a]);
  }
  return (i) => ranges.some(([a, b]) => i >= a && i <= b);
}

export const cut: Command = {
  name: "cut",
  summary: "remove sections from each line of files",
  run(ctx) {
    const p = getopt("cut", ctx.args, { bool: "s", value: "dfcb", long: { delimiter: "d", fields: "f", characters: "c", bytes: "b" } });
    if (isResult(p)) return p;
    const spec = p.flags.get("f") ?? p.flags.get("c") ?? p.flags.get("b");
    if (spec === undefined) return fail(`cut: you must specify a list of bytes, characters, or fields\n${tryHelp("cut")}`);
    const pick = parseList(spec);
    if (!pick) return fail(`cut: invalid field value ${cq(spec)}\n${tryHelp("cut")}`);
    const delim = p.flags.get("d") ?? "\t";
    if (delim.length !== 1) return fail(`cut: the delimiter must be a single character\n${tryHelp("cut")}`);
    const o = new Out();
    const code = eachInput(
      ctx,
      p.operands,
      o,
      (f, why) => `cut: ${f}: ${why}\n`,
      (text) => {
        for (const l of lines(text)) {
          if (!p.flags.has("f")) o.out([...l].filter((_, i) => pick(i + 1)).join("") + "\n");
          else if (!l.includes(delim)) {
            if (!p.flags.has("s")) o.out(l + "\n");
          } else
            o.out(
              l
                .split(delim)
                .filter((_, i) => pick(i + 1))
                .join(delim) + "\n",
            );
        }
      },
    );
    return o.result(code);
  },
};

/** Expands a tr set: escapes, ranges a-z and [:classes:]. */
function trSet(spec: string): string[] {
  const s = [
    ...unescape(
      spec.replace(
        /\[:(alpha|digit|upper|lower|space|alnum):\]/g,
        (_, c: string) =>
          ({ alpha: "a-zA-Z", digit: "0-9", upper: "A-Z", lower: "a-z", space: " \\t\\n\\r\\v\\f", alnum: "a-zA-Z0-9" })[c] ?? "",
      ),
    ),
  ];
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i + 1] === "-" && s[i + 2] !== undefined && s[i + 2] >= s[i]) {
      for (let c = s[i].charCodeAt(0); c <= s[i + 2].charCodeAt(0) && out.length < 65536; c++) out.push(String.fromCharCode(c));
      i += 2;
    } else out.push(s[i]);
  }
  return out;
}

export const tr: Command = {
  name: "tr",
  summary: "translate or delete characters",
  run(ctx) {
    const p = getopt("tr", ctx.args, { bool: "dsc", long: { delete: "d", "squeeze-repeats": "s" } });
    if (isResult(p)) return p;
    const [a, b] = p.operands;
    if (a === undefined) return fail(`tr: missing operand\n${tryHelp("tr")}`);
    const set1 = new Set(trSet(a));
    const inSet = (c: string) => set1.has(c) !== p.flags.has("c");
    if (p.flags.has("d")) return { stdout: [...ctx.stdin].filter((c) => !inSet(c)).join(""), stderr: "", exitCode: 0 };
    if (b === undefined && !p.flags.has("s"))
      return fail(`tr: missing operand after ${cq(a)}\nTwo strings must be given when translating.\n${tryHelp("tr")}`);
    const from = trSet(a);
    const to = b !== undefined ? trSet(b) : [];
    const map = new Map<string, string>();
    from.forEach((c, i) => map.set(c, to[Math.min(i, to.length - 1)] ?? c));
    let out = "";
    for (const c of ctx.stdin) {
      const m = b !== undefined ? (map.get(c) ?? c) : c;
      if (p.flags.has("s") && out.endsWith(m) && (set1.has(c) || to.includes(m))) continue;
      out += m;
    }
    return { stdout: out, stderr: "", exitCode: 0 };
  },
};

export const base64: Command = {
  name: "base64",
  summary: "base64 encode/decode data",
  run(ctx) {
    const p = getopt("base64", ctx.args, { bool: "di", value: "w", long: { decode: "d", wrap: "w", "ignore-garbage": "i" } });
    if (isResult(p)) return p;
    const r = readOperand(ctx, p.operands[0] ?? "-");
    if (!r.ok) return fail(`base64: ${p.operands[0]}: ${r.why}\n`);
    if (p.flags.has("d")) {
      const clean = r.text.replace(/[\n\r]/g, "");
      const body = p.flags.has("i") ? clean.replace(/[^A-Za-z0-9+/=]/g, "") : clean;
      // GNU base64 decodes whole quads: unpadded input prints what it decoded, then "invalid input" and exit 1
      const valid = /^[A-Za-z0-9+/]*={0,2}$/.test(body) && body.length % 4 === 0;
      const decoded = Buffer.from(body.replace(/=+$/, ""), "base64").toString("utf8");
      return valid ? { stdout: decoded, stderr: "", exitCode: 0 } : { stdout: decoded, stderr: "base64: invalid input\n", exitCode: 1 };
    }
    const wrap = Number(p.flags.get("w") ?? 76);
    if (!Number.isInteger(wrap) || wrap < 0) return fail(`base64: invalid wrap size: ${cq(p.flags.get("w") ?? "")}\n`);
    const enc = Buffer.from(r.text, "utf8").toString("base64");
    const parts: string[] = [];
    for (let i = 0; wrap && i < enc.length; i += wrap) parts.push(enc.slice(i, i + wrap));
    const out = wrap === 0 ? enc : parts.join("\n");
    return { stdout: out + (out && wrap ? "\n" : ""), stderr: "", exitCode: 0 };
  },
};
