/**
 * The primaries of `test`, `[` and `[[`: file tests against the virtual filesystem, string and
 * integer comparisons, and POSIX test's argument-count rules with bash's error texts
 * (`[: a: integer expression expected`, `[: too many arguments`, `[: missing \`]'`).
 */
import type { Vfs } from "../fs/vfs";

export class TestError extends Error {}

export interface TestEnv {
  vfs: Vfs;
  resolve(path: string): string;
  isVarSet(name: string): boolean;
}

export const UNARY = new Set([
  "-a",
  "-b",
  "-c",
  "-d",
  "-e",
  "-f",
  "-g",
  "-h",
  "-k",
  "-n",
  "-p",
  "-r",
  "-s",
  "-t",
  "-u",
  "-v",
  "-w",
  "-x",
  "-z",
  "-G",
  "-L",
  "-N",
  "-O",
  "-R",
  "-S",
  "-o",
]);
export const BINARY = new Set(["=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef"]);
const DEVICES = new Set(["/dev/null", "/dev/zero", "/dev/urandom", "/dev/tty", "/dev/stdin", "/dev/stdout", "/dev/stderr"]);

export function unaryTest(op: string, arg: string, env: TestEnv): boolean {
  if (op === "-z") return arg === "";
  if (op === "-n") return arg !== "";
  if (op === "-v") return env.isVarSet(arg);
  if (op === "-o") return false;
  if (op === "-t") return false;
  if (arg === "") return false;
  const path = env.resolve(arg);
  const node = env.vfs.stat(path);
  switch (op) {
    case "-e":
    case "-a":
      return !!node;
    case "-f":
      return node?.type === "file" && !DEVICES.has(path);
    case "-d":
      return node?.type === "dir";
    case "-c":
      return !!node && DEVICES.has(path);
    case "-s":
      return !!node && (node.type === "dir" || node.content.length > 0);
    case "-r":
    case "-w":
    case "-O":
    case "-G":
      return !!node;
    case "-x":
      return !!node && (node.type === "dir" || (node.mode & 0o111) !== 0);
    case "-g":
      return !!node && (node.mode & 0o2000) !== 0;
    case "-u":
      return !!node && (node.mode & 0o4000) !== 0;
    case "-k":
      return !!node && (node.mode & 0o1000) !== 0;
    case "-N":
      return !!node;
    default:
      // -b -h -L -p -R -S: no block devices, symlinks, pipes or sockets here
      return false;
  }
}

/** `[`'s integers: optional blanks and sign, decimal digits (leading zeros are decimal here). */
function toInt(s: string): bigint {
  const t = s.trim();
  if (!/^[+-]?\d+$/.test(t)) throw new TestError(`${s}: integer expression expected`);
  return BigInt(t);
}

export function compareInts(op: string, a: bigint, b: bigint): boolean {
  switch (op) {
    case "-eq":
      return a === b;
    case "-ne":
      return a !== b;
    case "-lt":
      return a < b;
    case "-le":
      return a <= b;
    case "-gt":
      return a > b;
    default:
      return a >= b;
  }
}

export function binaryTest(op: string, a: string, b: string, env: TestEnv): boolean {
  switch (op) {
    case "=":
    case "==":
      return a === b;
    case "!=":
      return a !== b;
    case "<":
      return a < b;
    case ">":
      return a > b;
    case "-nt":
    case "-ot": {
      const na = env.vfs.stat(env.resolve(a));
      const nb = env.vfs.stat(env.resolve(b));
      if (op === "-nt") return !!na && (!nb || na.mtime > nb.mtime);
      return !!nb && (!na || na.mtime < nb.mtime);
    }
    case "-ef":
      return env.vfs.exists(env.resolve(a)) && env.resolve(a) === env.resolve(b);
    default:
      return compareInts(op, toInt(a), toInt(b));
  }
}

/** `test args...` (or `[ args... ]` without the `]`); throws TestError with bash's text. */
export function evalTest(args: string[], env: TestEnv): boolean {
  let i = 0;
  const n = args.length;
  const expr = (): boolean => {
    let v = andExpr();
    while (args[i] === "-o") {
      i++;
      const r = andExpr();
      v = v || r;
    }
    return v;
  };
  const andExpr = (): boolean => {
    let v = term();
    while (args[i] === "-a") {
      i++;
      const r = term();
      v = v && r;
    }
    return v;
  };
  const term = (): boolean => {
    if (i >= n) throw new TestError("argument expected");
    const a = args[i];
    if (a === "!") {
      i++;
      return !term();
    }
    if (a === "(") {
      i++;
      const v = expr();
      if (args[i] !== ")") throw new TestError("`)' expected");
      i++;
      return v;
    }
    if (i + 2 < n + 1 && BINARY.has(args[i + 1] ?? "") && i + 2 < n) {
      i += 3;
      return binaryTest(args[i - 2], a, args[i - 1], env);
    }
    if (UNARY.has(a) && i + 1 < n) {
      i += 2;
      return unaryTest(a, args[i - 1], env);
    }
    i++;
    return a !== "";
  };
  // POSIX rules by argument count come first; longer expressions use the precedence parser
  if (n === 0) return false;
  if (n === 1) return args[0] !== "";
  if (n === 2) {
    if (args[0] === "!") return args[1] === "";
    if (UNARY.has(args[0])) return unaryTest(args[0], args[1], env);
    throw new TestError(`${args[0]}: unary operator expected`);
  }
  if (n === 3) {
    if (BINARY.has(args[1])) return binaryTest(args[1], args[0], args[2], env);
    if (args[1] === "-a" || args[1] === "-o") return args[1] === "-a" ? args[0] !== "" && args[2] !== "" : args[0] !== "" || args[2] !== "";
    if (args[0] === "!") return !evalTest(args.slice(1), env);
    if (args[0] === "(" && args[2] === ")") return args[1] !== "";
    throw new TestError(`${args[1]}: binary operator expected`);
  }
  if (n === 4) {
    if (args[0] === "!") return !evalTest(args.slice(1), env);
    if (args[0] === "(" && args[3] === ")") return evalTest(args.slice(1, 3), env);
  }
  const v = expr();
  if (i < n) throw new TestError("too many arguments");
  return v;
}
