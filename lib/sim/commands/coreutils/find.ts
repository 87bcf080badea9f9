/**
 * find [paths] [expression]: -name -iname -path -ipath -regex -type -size -empty -newer -mtime
 * -mmin -perm -user -group -maxdepth -mindepth, -not/! -a -o ( ), and the actions -print
 * -print0 -printf -ls -delete -prune -quit and -exec/-execdir (`{} \;` and `{} +`), which run
 * simulator commands only. Entries are visited in name order (a real find uses directory order).
 */
import { basename, dirname } from "../../fs/vfs";
import { globMatch } from "../../shell/glob";
import { isShellContext } from "../../shell/shell-context";
import type { Command, CommandContext, FsNode } from "../../types";
import { inodeOf } from "./disk";
import { modeString } from "./ls";
import { Regex, RegexError } from "./regex";
import { Out } from "./util";

type Expr =
  | { k: "and" | "or"; a: Expr; b: Expr }
  | { k: "not"; e: Expr }
  | { k: "test"; name: string; arg: string; test: (e: Entry) => boolean }
  | { k: "action"; name: string; args: string[]; plus?: boolean };

interface Entry {
  path: string;
  abs: string;
  node: FsNode;
  depth: number;
  start: string;
}

class FindError extends Error {}

const TESTS_WITH_ARG = new Set([
  "-name",
  "-iname",
  "-path",
  "-ipath",
  "-wholename",
  "-regex",
  "-iregex",
  "-type",
  "-size",
  "-newer",
  "-mtime",
  "-mmin",
  "-perm",
  "-user",
  "-group",
  "-maxdepth",
  "-mindepth",
  "-printf",
  "-fprint",
  "-links",
  "-uid",
  "-gid",
  "-atime",
  "-ctime",
  "-amin",
  "-cmin",
]);
const NO_ARG = new Set([
  "-empty",
  "-print",
  "-print0",
  "-ls",
  "-delete",
  "-prune",
  "-quit",
  "-true",
  "-false",
  "-depth",
  "-xdev",
  "-mount",
  "-noleaf",
  "-follow",
  "-readable",
  "-writable",
  "-executable",
  "-nouser",
  "-nogroup",
]);

const glob = (pat: string, s: string, icase = false) =>
  globMatch(
    Array.from(icase ? pat.toLowerCase() : pat, (c) => ({ c, lit: false })),
    icase ? s.toLowerCase() : s,
  );

function sizeTest(arg: string): (e: Entry) => boolean {
  const m = /^([+-]?)(\d+)([cwbkMG]?)$/.exec(arg);
  if (!m) throw new FindError(`invalid argument \`${arg}' to \`-size'`);
  const unit = { c: 1, w: 2, b: 512, k: 1024, M: 1024 ** 2, G: 1024 ** 3, "": 512 }[m[3]] ?? 512;
  const n = Number(m[2]);
  return (e) => {
    const bytes = e.node.type === "dir" ? 4096 : e.node.content.length;
    const units = Math.ceil(bytes / unit);
    return m[1] === "+" ? units > n : m[1] === "-" ? units < n : units === n;
  };
}

function numTest(arg: string, value: (e: Entry) => number, name: string): (e: Entry) => boolean {
  const m = /^([+-]?)(\d+)$/.exec(arg);
  if (!m) throw new FindError(`invalid argument \`${arg}' to \`${name}'`);
  const n = Number(m[2]);
  return (e) => {
    const v = value(e);
    return m[1] === "+" ? v > n : m[1] === "-" ? v < n : v === n;
  };
}

function parse(args: string[], ctx: CommandContext): { expr?: Expr; opts: { maxdepth: number; mindepth: number; depthFirst: boolean } } {
  let i = 0;
  const opts = { maxdepth: Infinity, mindepth: 0, depthFirst: false };
  const primary = (): Expr | undefined => {
    const t = args[i++];
    if (t === "(") {
      const e = orE();
      if (args[i++] !== ")") throw new FindError("invalid expression; I was expecting to find a ')' somewhere but did not see one.");
      return e;
    }
    if (t === "!" || t === "-not") {
      const e = primary();
      if (!e) throw new FindError(`invalid expression; you have used a binary operator '${t}' with nothing before it.`);
      return { k: "not", e };
    }
    if (t === "-exec" || t === "-execdir" || t === "-ok") {
      const cmd: string[] = [];
      for (;;) {
        const a = args[i++];
        if (a === undefined) throw new FindError(`missing argument to \`${t}'`);
        if (a === ";") return { k: "action", name: t, args: cmd };
        if (a === "+" && cmd[cmd.length - 1] === "{}") return { k: "action", name: t, args: cmd.slice(0, -1), plus: true };
        cmd.push(a);
      }
    }
    if (NO_ARG.has(t)) {
      if (t === "-depth" || t === "-delete") opts.depthFirst = true;
      if (["-print", "-print0", "-ls", "-delete", "-prune", "-quit"].includes(t)) return { k: "action", name: t, args: [] };
      const tests: Record<string, (e: Entry) => boolean> = {
        "-empty": (e) =>
          e.node.type === "file"
            ? e.node.content.length === 0
            : (() => {
                const r = ctx.fs.readdir(e.abs);
                return r.ok && r.value.length === 0;
              })(),
        "-false": () => false,
        "-executable": (e) => e.node.type === "dir" || (e.node.mode & 0o111) !== 0,
        "-nouser": () => false,
        "-nogroup": () => false,
      };
      return { k: "test", name: t, arg: "", test: tests[t] ?? (() => true) };
    }
    if (TESTS_WITH_ARG.has(t)) {
      const arg = args[i++];
      if (arg === undefined) throw new FindError(`missing argument to \`${t}'`);
      if (t === "-maxdepth" || t === "-mindepth") {
        if (!/^\d+$/.test(arg)) throw new FindError(`Expected a positive decimal integer argument to ${t}, but got ‘${arg}’`);
        opts[t === "-maxdepth" ? "maxdepth" : "mindepth"] = Number(arg);
        return { k: "test", name: t, arg, test: () => true };
      }
      if (t === "-printf" || t === "-fprint") return { k: "action", name: t, args: [arg] };
      const now = ctx.now;
      const tests: Record<string, () => (e: Entry) => boolean> = {
        "-name": () => (e) => glob(arg, basename(e.path) || e.path),
        "-iname": () => (e) => glob(arg, basename(e.path) || e.path, true),
        "-path": () => (e) => glob(arg, e.path),
        "-wholename": () => (e) => glob(arg, e.path),
        "-ipath": () => (e) => glob(arg, e.path, true),
        "-regex": () => {
          const re = new Regex(arg, { ere: false, icase: false });
          return (e) => re.exec(e.path)?.start === 0 && re.exec(e.path)?.end === e.path.length;
        },
        "-iregex": () => {
          const re = new Regex(arg, { ere: false, icase: true });
          return (e) => re.exec(e.path)?.end === e.path.length && re.exec(e.path)?.start === 0;
        },
        "-type": () => {
          if (!/^[fdlbcps](,[fdlbcps])*$/.test(arg)) throw new FindError(`Unknown argument to -type: ${arg}`);
          return (e) => arg.split(",").includes(e.node.type === "dir" ? "d" : "f");
        },
        "-size": () => sizeTest(arg),
        "-newer": () => {
          const ref = ctx.fs.stat(ctx.resolve(arg));
          if (!ref) throw new FindError(`‘${arg}’: No such file or directory`);
          return (e) => e.node.mtime > ref.mtime;
        },
        "-mtime": () => numTest(arg, (e) => Math.floor((now - e.node.mtime) / 86_400_000), t),
        "-atime": () => numTest(arg, (e) => Math.floor((now - e.node.mtime) / 86_400_000), t),
        "-ctime": () => numTest(arg, (e) => Math.floor((now - e.node.mtime) / 86_400_000), t),
        "-mmin": () => numTest(arg, (e) => Math.ceil((now - e.node.mtime) / 60_000), t),
        "-amin": () => numTest(arg, (e) => Math.ceil((now - e.node.mtime) / 60_000), t),
        "-cmin": () => numTest(arg, (e) => Math.ceil((now - e.node.mtime) / 60_000), t),
        "-perm": () => {
          const m = /^([-/]?)([0-7]+)$/.exec(arg);
          if (!m) throw new FindError(`invalid mode ‘${arg}’`);
          const want = parseInt(m[2], 8);
          return (e) =>
            m[1] === "-"
              ? (e.node.mode & want) === want
              : m[1] === "/"
                ? (e.node.mode & want) !== 0 || want === 0
                : (e.node.mode & 0o7777) === want;
        },
        "-user": () => (arg === "root" || arg === "0" ? () => true : () => false),
        "-group": () => (arg === "root" || arg === "0" ? () => true : () => false),
        "-uid": () => (arg === "0" ? () => true : () => false),
        "-gid": () => (arg === "0" ? () => true : () => false),
        "-links": () => numTest(arg, (e) => (e.node.type === "dir" ? 2 : 1), t),
      };
      try {
        return { k: "test", name: t, arg, test: tests[t]() };
      } catch (e) {
        if (e instanceof RegexError) throw new FindError(e.message);
        throw e;
      }
    }
    if (t === undefined) return undefined;
    if (t.startsWith("-")) throw new FindError(`unknown predicate \`${t}'`);
    throw new FindError(`paths must precede expression: \`${t}'`);
  };
  const andE = (): Expr | undefined => {
    let a = primary();
    if (!a) return undefined;
    for (;;) {
      const t = args[i];
      if (t === undefined || t === ")" || t === "-o" || t === "-or" || t === ",") return a;
      if (t === "-a" || t === "-and") i++;
      const b = primary();
      if (!b) throw new FindError(`invalid expression; you have used a binary operator '${t}' with nothing after it.`);
      a = { k: "and", a, b };
    }
  };
  const orE = (): Expr | undefined => {
    let a = andE();
    while (a && (args[i] === "-o" || args[i] === "-or")) {
      i++;
      const b = andE();
      if (!b) throw new FindError("invalid expression; you have used a binary operator '-o' with nothing after it.");
      a = { k: "or", a, b };
    }
    return a;
  };
  const expr = orE();
  if (i < args.length)
    throw new FindError(args[i] === ")" ? "invalid expression; you have too many ')'" : `paths must precede expression: \`${args[i]}'`);
  return { expr, opts };
}

const hasAction = (e: Expr | undefined): boolean =>
  !!e &&
  (e.k === "action" ? e.name !== "-prune" : e.k === "not" ? hasAction(e.e) : e.k === "test" ? false : hasAction(e.a) || hasAction(e.b));

function printf(fmt: string, e: Entry): string {
  const esc: Record<string, string> = { n: "\n", t: "\t", "\\": "\\", "0": "\0" };
  return fmt
    .replace(/\\(.)/g, (m, c: string) => esc[c] ?? m)
    .replace(/%(-?\d*)([pfhsmMdyPugtTa%])/g, (_m, w: string, c: string) => {
      const v: Record<string, () => string> = {
        p: () => e.path,
        f: () => basename(e.path) || e.path,
        h: () => (e.path.includes("/") ? dirname(e.path).replace(/^\/$/, "/") : "."),
        s: () => String(e.node.type === "dir" ? 4096 : e.node.content.length),
        m: () => e.node.mode.toString(8),
        M: () => modeString(e.node),
        d: () => String(e.depth),
        y: () => (e.node.type === "dir" ? "d" : "f"),
        P: () => (e.path === e.start ? "" : e.path.slice(e.start.length).replace(/^\//, "")),
        u: () => "root",
        g: () => "root",
        t: () => new Date(e.node.mtime).toUTCString(),
        T: () => String(Math.floor(e.node.mtime / 1000)),
        a: () => new Date(e.node.mtime).toUTCString(),
        "%": () => "%",
      };
      const s = v[c]();
      const n = Number(w || 0);
      return w.startsWith("-") ? s.padEnd(-n) : s.padStart(n);
    });
}

export const find: Command = {
  name: "find",
  summary: "search for files in a directory hierarchy",
  async run(ctx) {
    const args = ctx.args;
    let i = 0;
    while (i < args.length && args[i].startsWith("-") && ["-L", "-H", "-P"].includes(args[i])) i++;
    const starts: string[] = [];
    while (i < args.length && !args[i].startsWith("-") && args[i] !== "(" && args[i] !== "!") starts.push(args[i++]);
    const o = new Out();
    let parsed;
    try {
      parsed = parse(args.slice(i), ctx);
    } catch (e) {
      if (e instanceof FindError) return o.err(`find: ${e.message}\n`).result(1);
      throw e;
    }
    const { expr, opts } = parsed;
    const printDefault = !hasAction(expr);
    let code = 0;
    let quit = false;
    const batches = new Map<Expr, string[]>();
    const run = async (argv: string[]): Promise<number> => {
      if (!isShellContext(ctx)) return 1;
      const r = await ctx.shell.exec(argv, "");
      if (r.exitCode === 127) o.err(`find: ‘${argv[0]}’: No such file or directory\n`);
      else {
        o.out(r.stdout);
        o.err(r.stderr);
      }
      return r.exitCode;
    };
    const evalE = async (e: Expr | undefined, en: Entry, prune: { on: boolean }): Promise<boolean> => {
      if (!e) return true;
      switch (e.k) {
        case "and":
          return (await evalE(e.a, en, prune)) && evalE(e.b, en, prune);
        case "or":
          return (await evalE(e.a, en, prune)) || evalE(e.b, en, prune);
        case "not":
          return !(await evalE(e.e, en, prune));
        case "test":
          return e.test(en);
        case "action":
          switch (e.name) {
            case "-print":
              o.out(en.path + "\n");
              return true;
            case "-print0":
              o.out(en.path + "\0");
              return true;
            case "-printf":
              o.out(printf(e.args[0], en));
              return true;
            case "-ls": {
              const size = en.node.type === "dir" ? 4096 : en.node.content.length;
              const d = new Date(en.node.mtime);
              const date = `${d.toUTCString().slice(8, 11)} ${String(d.getUTCDate()).padStart(2)} ${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
              o.out(
                `${String(inodeOf(en.abs)).padStart(9)} ${String(Math.ceil(size / 4096) * 4).padStart(6)} ${modeString(en.node)}   ${en.node.type === "dir" ? 2 : 1} root     root     ${String(size).padStart(8)} ${date} ${en.path}\n`,
              );
              return true;
            }
            case "-delete": {
              const r = ctx.fs.remove(en.abs, false);
              if (!r.ok) {
                o.err(`find: cannot delete ‘${en.path}’: Directory not empty\n`);
                code = 1;
                return false;
              }
              return true;
            }
            case "-prune":
              prune.on = true;
              return true;
            case "-quit":
              quit = true;
              return true;
            default: {
              const target = e.name === "-execdir" ? `./${basename(en.path)}` : en.path;
              if (e.plus) {
                const list = batches.get(e) ?? [];
                list.push(target);
                batches.set(e, list);
                return true;
              }
              const argv = e.args.map((a) => a.split("{}").join(target));
              const rc = await run(argv);
              return rc === 0;
            }
          }
      }
    };
    for (const start of starts.length ? starts : ["."]) {
      const abs = ctx.resolve(start);
      const node = ctx.fs.stat(abs);
      if (!node) {
        o.err(`find: ‘${start}’: No such file or directory\n`);
        code = 1;
        continue;
      }
      const visit = async (path: string, absPath: string, n: FsNode, depth: number): Promise<void> => {
        if (quit) return;
        const en: Entry = { path, abs: absPath, node: n, depth, start };
        const prune = { on: false };
        const self = async () => {
          if (depth >= opts.mindepth && depth <= opts.maxdepth) {
            const ok = await evalE(expr, en, prune);
            if (ok && printDefault) o.out(path + "\n");
          }
        };
        if (!opts.depthFirst) await self();
        if (n.type === "dir" && depth < opts.maxdepth && !prune.on) {
          const kids = ctx.fs.readdir(absPath);
          for (const k of kids.ok ? kids.value : []) {
            const ka = absPath === "/" ? `/${k}` : `${absPath}/${k}`;
            const kn = ctx.fs.stat(ka);
            if (kn) await visit(path.endsWith("/") ? path + k : `${path}/${k}`, ka, kn, depth + 1);
          }
        }
        if (opts.depthFirst) await self();
      };
      await visit(start, abs, node, 0);
    }
    for (const [e, list] of batches) if (e.k === "action" && list.length) await run([...e.args, ...list]);
    return o.result(code);
  },
};
