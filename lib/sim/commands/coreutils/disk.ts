/**
 * Commands about files on disk: stat (with -c/--format/--printf), du, df and the checksum tools
 * (md5sum, sha1sum, sha256sum, sha512sum, with -c). Sizes follow ext4: 4 KiB blocks, directories
 * 4096 bytes. df describes a plausible kubeadm VM disk.
 */
import { createHash } from "node:crypto";
import type { Command, CommandContext, FsNode } from "../../types";
import { modeString, nodeSize } from "./ls";
import { cq, fail, getopt, isResult, lines, Out, readOperand, tryHelp } from "./util";

/** A stable inode number per path (FNV-1a), so `stat` and `ls -i` agree run after run. */
export function inodeOf(path: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 0x01000193) >>> 0;
  return 1_000_000 + (h % 2_000_000);
}

const blocksOf = (n: FsNode) => (n.type === "dir" ? 8 : Math.ceil(n.content.length / 4096) * 8);
const sizeOf = (n: FsNode) => (n.type === "dir" ? 4096 : nodeSize(n));

function timeText(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace("T", " ")
    .replace(/\.(\d{3})Z$/, ".$1000000 +0000");
}

function linksOf(ctx: CommandContext, path: string, n: FsNode): number {
  if (n.type !== "dir") return 1;
  const kids = ctx.fs.readdir(path);
  return 2 + (kids.ok ? kids.value.filter((k) => ctx.fs.isDir(path === "/" ? `/${k}` : `${path}/${k}`)).length : 0);
}

function statFormat(ctx: CommandContext, fmt: string, shown: string, path: string, n: FsNode): string {
  const size = sizeOf(n);
  const kind = n.type === "dir" ? "directory" : size ? "regular file" : "regular empty file";
  const sec = Math.floor(n.mtime / 1000);
  const map: Record<string, () => string> = {
    n: () => shown,
    N: () => `'${shown}'`,
    s: () => String(size),
    a: () => n.mode.toString(8),
    A: () => modeString(n),
    F: () => kind,
    f: () => (n.type === "dir" ? 0o40000 | n.mode : 0o100000 | n.mode).toString(16),
    U: () => "root",
    G: () => "root",
    u: () => "0",
    g: () => "0",
    i: () => String(inodeOf(path)),
    h: () => String(linksOf(ctx, path, n)),
    b: () => String(blocksOf(n)),
    B: () => "512",
    o: () => "4096",
    d: () => "65024",
    D: () => "fe00",
    t: () => "0",
    T: () => "0",
    x: () => timeText(n.mtime),
    y: () => timeText(n.mtime),
    z: () => timeText(n.mtime),
    w: () => timeText(n.mtime),
    X: () => String(sec),
    Y: () => String(sec),
    Z: () => String(sec),
    W: () => String(sec),
    m: () => "/",
    "%": () => "%",
  };
  return fmt.replace(/%(.)/g, (m, c: string) => (map[c] ? map[c]() : m));
}

function unescapePrintf(s: string): string {
  const map: Record<string, string> = { n: "\n", t: "\t", "\\": "\\", r: "\r", a: "\x07", v: "\v", f: "\f", '"': '"' };
  return s.replace(/\\(.)/g, (m, c: string) => map[c] ?? m);
}

export const stat: Command = {
  name: "stat",
  summary: "display file or file system status",
  run(ctx) {
    const p = getopt("stat", ctx.args, {
      bool: "LtfF",
      value: "c",
      long: { format: "c", printf: "printf", terse: "t", dereference: "L", "file-system": "f" },
      longValue: ["printf"],
    });
    if (isResult(p)) return p;
    if (!p.operands.length) return fail(`stat: missing operand\n${tryHelp("stat")}`);
    const o = new Out();
    let code = 0;
    for (const f of p.operands) {
      const path = ctx.resolve(f);
      const n = ctx.fs.stat(path);
      if (!n) {
        o.err(`stat: cannot statx '${f}': No such file or directory\n`);
        code = 1;
        continue;
      }
      const fmt = p.flags.get("c");
      const pf = p.flags.get("printf");
      if (fmt !== undefined) o.out(statFormat(ctx, fmt, f, path, n) + "\n");
      else if (pf !== undefined) o.out(statFormat(ctx, unescapePrintf(pf), f, path, n));
      else if (p.flags.has("t")) o.out(statFormat(ctx, "%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o", f, path, n) + "\n");
      else {
        const t = timeText(n.mtime);
        const kind = statFormat(ctx, "%F", f, path, n);
        o.out(
          `  File: ${f}\n  Size: ${String(sizeOf(n)).padEnd(10)}\tBlocks: ${String(blocksOf(n)).padEnd(10)} IO Block: 4096   ${kind}\n` +
            `Device: 254,0\tInode: ${String(inodeOf(path)).padEnd(11)} Links: ${linksOf(ctx, path, n)}\n` +
            `Access: (${n.mode.toString(8).padStart(4, "0")}/${modeString(n)})  Uid: (    0/    root)   Gid: (    0/    root)\n` +
            `Access: ${t}\nModify: ${t}\nChange: ${t}\n Birth: ${t}\n`,
        );
      }
    }
    return o.result(code);
  },
};

/** du's human sizes: one decimal below 10, rounded up like coreutils (4.0K, 12K, 1.5M). */
export function humanSize(bytes: number): string {
  const units = ["", "K", "M", "G", "T", "P"];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  if (u === 0) return String(bytes);
  if (v < 10) {
    const r = Math.ceil(v * 10) / 10;
    return r >= 10 ? `${Math.ceil(v)}${units[u]}` : `${r.toFixed(1)}${units[u]}`;
  }
  return `${Math.ceil(v)}${units[u]}`;
}

export const du: Command = {
  name: "du",
  summary: "estimate file space usage",
  run(ctx) {
    const p = getopt("du", ctx.args, {
      bool: "ahscbkmxSL",
      value: "d",
      long: { all: "a", "human-readable": "h", summarize: "s", total: "c", bytes: "b", "max-depth": "d", "apparent-size": "A" },
    });
    if (isResult(p)) return p;
    const f = p.flags;
    const maxDepth = f.has("s") ? 0 : f.has("d") ? Number(f.get("d")) : Infinity;
    const show = (n: number) =>
      f.has("h") ? humanSize(n) : f.has("b") || f.has("A") ? String(n) : String(Math.ceil(n / 1024) * (f.has("m") ? 1 / 1024 : 1));
    const usage = (n: FsNode) => (f.has("b") || f.has("A") ? sizeOf(n) : blocksOf(n) * 512);
    const o = new Out();
    let code = 0;
    let total = 0;
    for (const op of p.operands.length ? p.operands : ["."]) {
      const root = ctx.resolve(op);
      const node = ctx.fs.stat(root);
      if (!node) {
        o.err(`du: cannot access ${cq(op).replace(/[‘’]/g, "'")}: No such file or directory\n`);
        code = 1;
        continue;
      }
      const walk = (abs: string, shown: string, depth: number): number => {
        const n = ctx.fs.stat(abs);
        if (!n) return 0;
        if (n.type === "file") {
          const s = usage(n);
          if ((f.has("a") && depth <= maxDepth) || depth === 0) o.out(`${show(s)}\t${shown}\n`);
          return s;
        }
        let sum = usage(n);
        const kids = ctx.fs.readdir(abs);
        for (const k of kids.ok ? kids.value : [])
          sum += walk(abs === "/" ? `/${k}` : `${abs}/${k}`, shown.endsWith("/") ? shown + k : `${shown}/${k}`, depth + 1);
        if (depth <= maxDepth) o.out(`${show(sum)}\t${shown}\n`);
        return sum;
      };
      total += walk(root, op, 0);
    }
    if (f.has("c")) o.out(`${show(total)}\ttotal\n`);
    return o.result(code);
  },
};

const DF_ROWS: [string, number, number, string][] = [
  ["udev", 1_983_876, 0, "/dev"],
  ["tmpfs", 401_880, 1_396, "/run"],
  ["/dev/sda1", 30_298_176, 8_839_384, "/"],
  ["tmpfs", 2_009_388, 0, "/dev/shm"],
  ["tmpfs", 5_120, 0, "/run/lock"],
  ["/dev/sda15", 106_858, 6_186, "/boot/efi"],
  ["tmpfs", 401_876, 4, "/run/user/0"],
];

export const df: Command = {
  name: "df",
  summary: "report file system space usage",
  run(ctx) {
    const p = getopt("df", ctx.args, {
      bool: "hHkTaiPl",
      value: "t",
      long: { "human-readable": "h", "print-type": "T", all: "a", inodes: "i", portability: "P", local: "l", type: "t" },
    });
    if (isResult(p)) return p;
    const human = p.flags.has("h");
    let rows = DF_ROWS;
    if (p.operands.length) {
      rows = [];
      for (const op of p.operands) {
        if (!ctx.fs.exists(ctx.resolve(op))) return fail(`df: ${op}: No such file or directory\n`);
        const abs = ctx.resolve(op);
        const best = DF_ROWS.filter(([, , , m]) => abs === m || abs.startsWith(m === "/" ? "/" : m + "/")).sort(
          (a, b) => b[3].length - a[3].length,
        )[0];
        if (best) rows.push(best);
      }
    }
    const cell = (kb: number) => (human ? humanSize(kb * 1024) : String(kb));
    const table = [
      [
        "Filesystem",
        p.flags.has("T") ? "Type" : "",
        human ? "Size" : "1K-blocks",
        "Used",
        human ? "Avail" : "Available",
        "Use%",
        "Mounted on",
      ].filter((c, i) => i !== 1 || p.flags.has("T")),
    ];
    for (const [fs, size, used, mount] of rows) {
      const avail = Math.max(0, Math.round(size * 0.95) - used);
      const pct = used === 0 ? "0%" : `${Math.ceil((used * 100) / (used + avail))}%`;
      const type = fs.startsWith("/dev/sda15") ? "vfat" : fs.startsWith("/dev/") ? "ext4" : fs === "udev" ? "devtmpfs" : "tmpfs";
      table.push([fs, ...(p.flags.has("T") ? [type] : []), cell(size), cell(used), cell(avail), pct, mount]);
    }
    // df.c field_data: each column is at least as wide as its minimum (Filesystem 14, Type 4, the
    // block columns 5, Use% 4), so `df -h` lines up as GNU df's does
    const minimum = ["Filesystem", ...(p.flags.has("T") ? ["Type"] : []), "", "", "", "Use%", "Mounted on"].map((h) =>
      h === "Filesystem" ? 14 : h === "Type" || h === "Use%" ? 4 : h === "Mounted on" ? 0 : 5,
    );
    const widths = table[0].map((_, i) => Math.max(minimum[i], ...table.map((r) => r[i].length)));
    const out = table
      .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : i === r.length - 1 ? c : c.padStart(widths[i]))).join(" "))
      .join("\n");
    return { stdout: out + "\n", stderr: "", exitCode: 0 };
  },
};

function checksum(name: string, algo: string, label: string): Command {
  return {
    name,
    summary: `compute and check ${label} message digest`,
    run(ctx) {
      const p = getopt(name, ctx.args, {
        bool: "cbtwqz",
        long: {
          check: "c",
          binary: "b",
          text: "t",
          warn: "w",
          quiet: "q",
          status: "status",
          strict: "strict",
          tag: "tag",
          ignore: "ignore-missing",
        },
      });
      if (isResult(p)) return p;
      const hash = (text: string) => createHash(algo).update(Buffer.from(text, "utf8")).digest("hex");
      const o = new Out();
      let code = 0;
      const ops = p.operands.length ? p.operands : ["-"];
      if (!p.flags.has("c")) {
        for (const f of ops) {
          const r = readOperand(ctx, f);
          if (!r.ok) {
            o.err(`${name}: ${f}: ${r.why}\n`);
            code = 1;
          } else if (p.flags.has("tag")) o.out(`${label} (${f}) = ${hash(r.text)}\n`);
          else o.out(`${hash(r.text)}  ${f}\n`);
        }
        return o.result(code);
      }
      let bad = 0;
      let unread = 0;
      const quiet = p.flags.has("q") || p.flags.has("status");
      for (const list of ops) {
        const r = readOperand(ctx, list);
        if (!r.ok) {
          o.err(`${name}: ${list}: ${r.why}\n`);
          code = 1;
          continue;
        }
        let good = 0;
        for (const line of lines(r.text)) {
          const m = /^([0-9a-fA-F]+) [ *](.+)$/.exec(line);
          if (!m) continue;
          good++;
          const file = readOperand(ctx, m[2]);
          if (!file.ok) {
            if (!p.flags.has("status")) o.err(`${name}: ${m[2]}: ${file.why}\n`);
            if (!p.flags.has("status")) o.out(`${m[2]}: FAILED open or read\n`);
            unread++;
          } else if (hash(file.text) === m[1].toLowerCase()) {
            if (!quiet) o.out(`${m[2]}: OK\n`);
          } else {
            if (!p.flags.has("status")) o.out(`${m[2]}: FAILED\n`);
            bad++;
          }
        }
        if (!good) {
          o.err(`${name}: ${list === "-" ? "standard input" : list}: no properly formatted ${label} checksum lines found\n`);
          code = 1;
        }
      }
      if (!p.flags.has("status")) {
        if (unread) o.err(`${name}: WARNING: ${unread} listed file${unread > 1 ? "s" : ""} could not be read\n`);
        if (bad) o.err(`${name}: WARNING: ${bad} computed checksum${bad > 1 ? "s" : ""} did NOT match\n`);
      }
      return o.result(code || bad || unread ? 1 : 0);
    },
  };
}

export const md5sum = checksum("md5sum", "md5", "MD5");
export const sha1sum = checksum("sha1sum", "sha1", "SHA1");
export const sha256sum = checksum("sha256sum", "sha256", "SHA256");
export const sha512sum = checksum("sha512sum", "sha512", "SHA512");
