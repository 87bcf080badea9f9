/**
 * ls: -l -a -A -1 -h -R -d. Without -l on a terminal it lays names out in columns for an
 * 80-column screen the way GNU ls does; when piped it prints one name per line.
 */
import type { Vfs } from "../../fs/vfs";
import type { Command, CommandContext, FsNode } from "../../types";
import { isShellContext } from "../../shell/shell-context";
import { getopt, isResult, Out } from "./util";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function modeString(n: FsNode): string {
  const bits = "rwxrwxrwx";
  let s = n.type === "dir" ? "d" : "-";
  for (let i = 0; i < 9; i++) s += n.mode & (1 << (8 - i)) ? bits[i] : "-";
  return s;
}

export const nodeSize = (n: FsNode) => (n.type === "dir" ? 4096 : Buffer.byteLength(n.content));

export function humanSize(bytes: number): string {
  if (bytes < 1024) return String(bytes);
  const units = ["K", "M", "G"];
  let v = bytes;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  // GNU rounds up: 1025 bytes is 1.1K
  return v < 10 ? `${(Math.ceil(v * 10) / 10).toFixed(1)}${units[u]}` : `${Math.ceil(v)}${units[u]}`;
}

function lsDate(mtime: number, now: number): string {
  const d = new Date(mtime);
  const day = String(d.getUTCDate()).padStart(2, " ");
  const recent = Math.abs(now - mtime) < 182.5 * 86400_000;
  const tail = recent
    ? `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`
    : ` ${d.getUTCFullYear()}`;
  return `${MONTHS[d.getUTCMonth()]} ${day} ${tail}`;
}

/** GNU ls pads with tabs (tab stops every 8) where a tab lands no further than the target. */
function indent(from: number, to: number): string {
  let out = "";
  while (from < to) {
    if (Math.floor(to / 8) > Math.floor((from + 1) / 8)) {
      out += "\t";
      from += 8 - (from % 8);
    } else {
      out += " ";
      from++;
    }
  }
  return out;
}

/** GNU ls's column layout: as many columns as fit in `width`, filled top to bottom. */
export function columns(names: string[], width = 80): string {
  if (!names.length) return "";
  for (let cols = Math.min(names.length, Math.floor(width / 3)); cols >= 1; cols--) {
    const rows = Math.ceil(names.length / cols);
    const widths: number[] = [];
    for (let c = 0; c * rows < names.length; c++) {
      widths.push(Math.max(...names.slice(c * rows, (c + 1) * rows).map((n) => n.length)));
    }
    const total = widths.reduce((a, w) => a + w + 2, 0) - 2;
    if (total > width && cols > 1) continue;
    let out = "";
    for (let r = 0; r < rows; r++) {
      let pos = 0;
      let start = 0;
      for (let c = 0; c < widths.length; c++) {
        const name = names[c * rows + r];
        if (name === undefined) break;
        if (c > 0) out += indent(pos, start);
        out += name;
        pos = start + name.length;
        start += widths[c] + 2;
      }
      out += "\n";
    }
    return out;
  }
  return names.join("\n") + "\n";
}

function longListing(entries: [string, FsNode][], human: boolean, now: number, withTotal: boolean): string {
  const sizes = entries.map(([, n]) => (human ? humanSize(nodeSize(n)) : String(nodeSize(n))));
  const sw = Math.max(0, ...sizes.map((s) => s.length));
  const links = entries.map(([, n]) => (n.type === "dir" ? "2" : "1"));
  let out = "";
  if (withTotal) {
    const blocks = entries.reduce((a, [, n]) => a + Math.ceil(nodeSize(n) / 4096) * 4, 0);
    out += `total ${human && blocks >= 1024 ? humanSize(blocks * 1024) : blocks}\n`;
  }
  entries.forEach(([name, n], i) => {
    out += `${modeString(n)} ${links[i]} root root ${sizes[i].padStart(sw)} ${lsDate(n.mtime, now)} ${name}\n`;
  });
  return out;
}

function listDir(vfs: Vfs, path: string, all: boolean): [string, FsNode][] {
  const names = vfs.readdir(path);
  const list: [string, FsNode][] = [];
  for (const n of names.ok ? names.value : []) {
    const node = vfs.stat(path === "/" ? `/${n}` : `${path}/${n}`);
    if (node && (all || !n.startsWith("."))) list.push([n, node]);
  }
  if (all) {
    const self = vfs.stat(path);
    const parent = vfs.stat(path.replace(/\/[^/]*$/, "") || "/");
    if (self && parent) list.unshift([".", self], ["..", parent]);
  }
  return list;
}

export const ls: Command = {
  name: "ls",
  summary: "list directory contents",
  run(ctx: CommandContext) {
    const p = getopt(
      "ls",
      ctx.args,
      {
        bool: "laA1hRdFC",
        long: { all: "a", "almost-all": "A", "human-readable": "h", recursive: "R", directory: "d", color: "color", "color=auto": "color" },
      },
      2,
    );
    if (isResult(p)) return p;
    const f = p.flags;
    const long = f.has("l");
    const all = f.has("a") || f.has("A");
    const tty = isShellContext(ctx) ? ctx.shell.stdoutIsTerminal !== false : true;
    const fmt = (entries: [string, FsNode][], total: boolean) =>
      long
        ? longListing(entries, f.has("h"), ctx.now, total)
        : (tty || f.has("C")) && !f.has("1")
          ? columns(entries.map(([n]) => n))
          : entries.map(([n]) => n + "\n").join("");
    const o = new Out();
    let code = 0;
    const operands = p.operands.length ? p.operands : ["."];
    const files: [string, FsNode][] = [];
    const dirs: [string, string][] = [];
    for (const name of operands) {
      const path = ctx.resolve(name);
      const n = ctx.fs.stat(path);
      if (!n) {
        const r = ctx.fs.readFile(path);
        o.err(`ls: cannot access '${name}': ${!r.ok && r.error === "ENOTDIR" ? "Not a directory" : "No such file or directory"}\n`);
        code = 2;
      } else if (n.type === "dir" && !f.has("d")) dirs.push([name, path]);
      else files.push([name, n]);
    }
    if (files.length)
      o.out(
        fmt(
          files.sort(([a], [b]) => (a < b ? -1 : 1)),
          false,
        ),
      );
    const showHeaders = operands.length > 1 || f.has("R");
    let first = files.length === 0;
    const visit = (name: string, path: string) => {
      const entries = listDir(ctx.fs, path, all);
      const filtered = f.has("A") ? entries.filter(([n]) => n !== "." && n !== "..") : entries;
      o.out(`${first ? "" : "\n"}${showHeaders ? `${name}:\n` : ""}${fmt(filtered, true)}`);
      first = false;
      if (f.has("R"))
        for (const [child, node] of filtered)
          if (node.type === "dir" && child !== "." && child !== "..")
            visit(`${name === "/" ? "" : name}/${child}`, path === "/" ? `/${child}` : `${path}/${child}`);
    };
    for (const [name, path] of dirs.sort(([a], [b]) => (a < b ? -1 : 1))) visit(name, path);
    return o.result(code);
  },
};
