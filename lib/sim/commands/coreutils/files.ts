/**
 * File commands over the Vfs: cat/less/more, mkdir, rm, cp, mv, touch, tee, chmod.
 * Messages follow GNU coreutils 9 in a UTF-8 locale (mkdir uses curly quotes, the rest '...').
 */
import { basename, dirname, FS_ERROR_TEXT } from "../../fs/vfs";
import type { Command, CommandContext, ExecResult } from "../../types";
import { cq, fail, getopt, isResult, Out, readOperand, tryHelp } from "./util";

function catLike(name: string): Command {
  return {
    name,
    summary: name === "cat" ? "concatenate files and print on the standard output" : `view a file (prints it, like cat)`,
    run(ctx) {
      const p = getopt(name, ctx.args, { bool: "nAEsv", long: { number: "n" } });
      if (isResult(p)) return p;
      const o = new Out();
      let code = 0;
      let lineNo = 0;
      for (const f of p.operands.length ? p.operands : ["-"]) {
        const r = readOperand(ctx, f);
        if (!r.ok) {
          o.err(`${name}: ${f}: ${r.why}\n`);
          code = 1;
        } else if (p.flags.has("n"))
          o.out(
            r.text
              ? r.text
                  .split(/(?<=\n)/)
                  .map((l) => `${String(++lineNo).padStart(6)}\t${l}`)
                  .join("")
              : "",
          );
        else o.out(r.text);
      }
      return o.result(code);
    },
  };
}

export const cat = catLike("cat");
export const less = catLike("less");
export const more = catLike("more");

export const mkdir: Command = {
  name: "mkdir",
  summary: "make directories",
  mutates: true,
  run(ctx) {
    const p = getopt("mkdir", ctx.args, { bool: "pv", value: "m", long: { parents: "p" } });
    if (isResult(p)) return p;
    if (!p.operands.length) return fail(`mkdir: missing operand\n${tryHelp("mkdir")}`);
    const o = new Out();
    let code = 0;
    for (const d of p.operands) {
      const path = ctx.resolve(d);
      const r = ctx.fs.mkdir(path, p.flags.has("p"));
      if (!r.ok) {
        code = 1;
        // with -p GNU names the component that failed, as the user wrote it
        let shown = d;
        if (p.flags.has("p") && r.error !== "ENOSPC") {
          const parts = d.split("/");
          for (let i = 1; i <= parts.length; i++) {
            const prefix = parts.slice(0, i).join("/");
            if (prefix && ctx.fs.stat(ctx.resolve(prefix))?.type === "file") {
              shown = prefix;
              break;
            }
          }
        }
        o.err(
          `mkdir: cannot create directory ${cq(shown)}: ${FS_ERROR_TEXT[r.error === "ENOENT" && ctx.fs.stat(dirname(path))?.type === "file" ? "ENOTDIR" : r.error]}\n`,
        );
      }
    }
    return o.result(code);
  },
};

export const rm: Command = {
  name: "rm",
  summary: "remove files or directories",
  mutates: true,
  run(ctx) {
    const p = getopt("rm", ctx.args, { bool: "rRfdiv", long: { recursive: "r", force: "f" } });
    if (isResult(p)) return p;
    const force = p.flags.has("f");
    const rec = p.flags.has("r") || p.flags.has("R");
    if (!p.operands.length) return force ? { stdout: "", stderr: "", exitCode: 0 } : fail(`rm: missing operand\n${tryHelp("rm")}`);
    const o = new Out();
    let code = 0;
    for (const f of p.operands) {
      const path = ctx.resolve(f);
      const n = ctx.fs.stat(path);
      let why: string | undefined;
      if (!n) why = force ? undefined : "No such file or directory";
      else if (path === "/") {
        o.err("rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n");
        code = 1;
        continue;
      } else if (n.type === "dir" && !rec) why = "Is a directory";
      else ctx.fs.remove(path, true);
      if (why) {
        o.err(`rm: cannot remove '${f}': ${why}\n`);
        code = 1;
      }
    }
    return o.result(code);
  },
};

function copyTree(ctx: CommandContext, from: string, to: string): string | undefined {
  const n = ctx.fs.stat(from);
  if (!n) return "No such file or directory";
  if (n.type === "file") {
    const r = ctx.fs.writeFile(to, n.content, n.mode);
    return r.ok ? undefined : FS_ERROR_TEXT[r.error];
  }
  const m = ctx.fs.mkdir(to, false, n.mode);
  if (!m.ok && !(m.error === "EEXIST" && ctx.fs.isDir(to))) return FS_ERROR_TEXT[m.error];
  const kids = ctx.fs.readdir(from);
  for (const k of kids.ok ? kids.value : []) {
    const err = copyTree(ctx, `${from === "/" ? "" : from}/${k}`, `${to}/${k}`);
    if (err) return err;
  }
  return undefined;
}

function copyOrMove(name: "cp" | "mv"): Command {
  return {
    name,
    summary: name === "cp" ? "copy files and directories" : "move (rename) files",
    mutates: true,
    run(ctx): ExecResult {
      const p = getopt(name, ctx.args, { bool: name === "cp" ? "rRfaipv" : "fivn", long: { recursive: "r", force: "f" } });
      if (isResult(p)) return p;
      const ops = p.operands;
      if (!ops.length) return fail(`${name}: missing file operand\n${tryHelp(name)}`);
      if (ops.length === 1) return fail(`${name}: missing destination file operand after '${ops[0]}'\n${tryHelp(name)}`);
      const dest = ops[ops.length - 1];
      const destPath = ctx.resolve(dest);
      const destIsDir = ctx.fs.isDir(destPath);
      if (ops.length > 2 && !destIsDir) return fail(`${name}: target '${dest}': Not a directory\n`);
      const o = new Out();
      let code = 0;
      for (const src of ops.slice(0, -1)) {
        const from = ctx.resolve(src);
        const n = ctx.fs.stat(from);
        const to = destIsDir ? `${destPath === "/" ? "" : destPath}/${basename(from)}` : destPath;
        let why: string | undefined;
        if (!n) why = `cannot stat '${src}': No such file or directory`;
        else if (name === "cp" && n.type === "dir" && !(p.flags.has("r") || p.flags.has("R") || p.flags.has("a")))
          why = `-r not specified; omitting directory '${src}'`;
        else if (from === to) why = `'${src}' and '${dest}' are the same file`;
        else if (n.type === "dir" && (to + "/").startsWith(from + "/"))
          why = `cannot ${name === "cp" ? "copy" : "move"} a directory, '${src}', into itself, '${dest}'`;
        else if (!ctx.fs.isDir(dirname(to)))
          why =
            name === "cp"
              ? `cannot create regular file '${dest}': No such file or directory`
              : `cannot move '${src}' to '${dest}': No such file or directory`;
        else if (name === "cp") {
          const err = copyTree(ctx, from, to);
          if (err) why = `cannot create regular file '${dest}': ${err}`;
        } else {
          if (ctx.fs.isDir(to) && n.type === "file") why = `cannot overwrite directory '${dest}' with non-directory`;
          else ctx.fs.rename(from, to);
        }
        if (why) {
          o.err(`${name}: ${why}\n`);
          code = 1;
        }
      }
      return o.result(code);
    },
  };
}

export const cp = copyOrMove("cp");
export const mv = copyOrMove("mv");

export const touch: Command = {
  name: "touch",
  summary: "change file timestamps (creates missing files)",
  mutates: true,
  run(ctx) {
    const p = getopt("touch", ctx.args, { bool: "acm" });
    if (isResult(p)) return p;
    if (!p.operands.length) return fail(`touch: missing file operand\n${tryHelp("touch")}`);
    const o = new Out();
    let code = 0;
    for (const f of p.operands) {
      const path = ctx.resolve(f);
      const n = ctx.fs.stat(path);
      const r = n?.type === "dir" ? ctx.fs.chmod(path, n.mode) : ctx.fs.writeFile(path, n?.type === "file" ? n.content : "");
      if (!r.ok) {
        o.err(`touch: cannot touch '${f}': ${FS_ERROR_TEXT[r.error]}\n`);
        code = 1;
      }
    }
    return o.result(code);
  },
};

export const tee: Command = {
  name: "tee",
  summary: "read from standard input and write to standard output and files",
  mutates: true,
  run(ctx) {
    const p = getopt("tee", ctx.args, { bool: "a", long: { append: "a" } });
    if (isResult(p)) return p;
    const o = new Out().out(ctx.stdin);
    let code = 0;
    for (const f of p.operands) {
      const path = ctx.resolve(f);
      const r = p.flags.has("a") ? ctx.fs.appendFile(path, ctx.stdin) : ctx.fs.writeFile(path, ctx.stdin);
      if (!r.ok) {
        o.err(`tee: ${f}: ${FS_ERROR_TEXT[r.error]}\n`);
        code = 1;
      }
    }
    return o.result(code);
  },
};

export const chmod: Command = {
  name: "chmod",
  summary: "change file mode bits",
  mutates: true,
  run(ctx) {
    const [mode, ...files] = ctx.args.filter((a) => a !== "-R");
    if (!mode) return fail(`chmod: missing operand\n${tryHelp("chmod")}`);
    if (!files.length) return fail(`chmod: missing operand after ${cq(mode)}\n${tryHelp("chmod")}`);
    const o = new Out();
    let code = 0;
    for (const f of files) {
      const path = ctx.resolve(f);
      const n = ctx.fs.stat(path);
      if (!n) {
        o.err(`chmod: cannot access '${f}': No such file or directory\n`);
        code = 1;
        continue;
      }
      const next = applyMode(n.mode, mode);
      if (next === undefined) return fail(`chmod: invalid mode: ${cq(mode)}\n${tryHelp("chmod")}`);
      ctx.fs.chmod(path, next);
    }
    return o.result(code);
  },
};

/** Octal modes and the common symbolic forms (u+x, go-rwx, a=r). */
function applyMode(cur: number, spec: string): number | undefined {
  if (/^[0-7]{1,4}$/.test(spec)) return parseInt(spec, 8);
  let mode = cur;
  for (const clause of spec.split(",")) {
    const m = /^([ugoa]*)([+\-=])([rwx]*)$/.exec(clause);
    if (!m) return undefined;
    const who = m[1] || "a";
    let bits = 0;
    for (const c of m[3]) bits |= c === "r" ? 4 : c === "w" ? 2 : 1;
    let mask = 0;
    let val = 0;
    for (const [w, shift] of [
      ["u", 6],
      ["g", 3],
      ["o", 0],
    ] as const) {
      if (who.includes(w) || who.includes("a")) {
        mask |= 7 << shift;
        val |= bits << shift;
      }
    }
    mode = m[2] === "+" ? mode | val : m[2] === "-" ? mode & ~val : (mode & ~mask) | val;
  }
  return mode;
}
