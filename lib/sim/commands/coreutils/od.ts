/** od: octal offsets with -c (characters), -b (octal bytes), -t x1 / -x (hex) and -An. */
import type { Command } from "../../types";
import { fail, getopt, isResult, readOperand } from "./util";

const NAMED: Record<number, string> = { 0: "\\0", 7: "\\a", 8: "\\b", 9: "\\t", 10: "\\n", 11: "\\v", 12: "\\f", 13: "\\r" };

export const od: Command = {
  name: "od",
  summary: "dump files in octal and other formats",
  run(ctx) {
    const p = getopt("od", ctx.args, { bool: "cbxdov", value: "tAjNw", long: { format: "t", "address-radix": "A" } });
    if (isResult(p)) return p;
    let text = "";
    for (const f of p.operands.length ? p.operands : ["-"]) {
      const r = readOperand(ctx, f);
      if (!r.ok) return fail(`od: ${f}: ${r.why}\n`);
      text += r.text;
    }
    const bytes = Buffer.from(text, "utf8");
    const type =
      p.flags.get("t") ?? (p.flags.has("c") ? "c" : p.flags.has("b") ? "o1" : p.flags.has("x") ? "x2" : p.flags.has("d") ? "u2" : "o2");
    const radix = p.flags.get("A") ?? "o";
    const addr = (n: number) =>
      radix === "n"
        ? ""
        : radix === "d"
          ? String(n).padStart(7, "0")
          : radix === "x"
            ? n.toString(16).padStart(6, "0")
            : n.toString(8).padStart(7, "0");
    const cell = (i: number): string => {
      if (type === "c") {
        const b = bytes[i];
        return (NAMED[b] ?? (b >= 32 && b < 127 ? String.fromCharCode(b) : b.toString(8).padStart(3, "0"))).padStart(4);
      }
      if (type === "o1") return " " + bytes[i].toString(8).padStart(3, "0");
      if (type === "x1") return " " + bytes[i].toString(16).padStart(2, "0");
      if (type === "d1" || type === "u1") return " " + String(bytes[i]).padStart(3);
      const word = bytes[i] | ((bytes[i + 1] ?? 0) << 8);
      if (type === "x2") return " " + word.toString(16).padStart(4, "0");
      if (type === "u2" || type === "d2") return " " + String(word).padStart(5);
      return " " + word.toString(8).padStart(6, "0");
    };
    const step = /2$/.test(type) ? 2 : 1;
    let out = "";
    for (let off = 0; off < bytes.length; off += 16) {
      let line = addr(off);
      for (let i = off; i < Math.min(off + 16, bytes.length); i += step) line += cell(i);
      out += line + "\n";
    }
    if (radix !== "n") out += addr(bytes.length) + "\n";
    return { stdout: out, stderr: "", exitCode: 0 };
  },
};
