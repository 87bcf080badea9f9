/**
 * Shared plumbing for the coreutils: ordered stdout/stderr, GNU-style option parsing with GNU's
 * error texts, and reading files or stdin the way each tool reports failures.
 */
import { FS_ERROR_TEXT } from "../../fs/vfs";
import type { CommandContext, ExecResult } from "../../types";

/** Collects output in write order, so `cat a nosuch b` interleaves like a terminal. */
export class Out {
  private chunks: { fd: 1 | 2; text: string }[] = [];
  out(text: string): this {
    if (text) this.chunks.push({ fd: 1, text });
    return this;
  }
  err(text: string): this {
    if (text) this.chunks.push({ fd: 2, text });
    return this;
  }
  result(exitCode: number): ExecResult {
    const pick = (fd: 1 | 2) =>
      this.chunks
        .filter((c) => c.fd === fd)
        .map((c) => c.text)
        .join("");
    return { stdout: pick(1), stderr: pick(2), exitCode, chunks: this.chunks };
  }
}

export function fail(text: string, exitCode = 1): ExecResult {
  return { stdout: "", stderr: text, exitCode };
}

export const tryHelp = (cmd: string) => `Try '${cmd} --help' for more information.\n`;

export interface Parsed {
  /** short flag letter or long name → value ("" for booleans); repeated flags keep the last value */
  flags: Map<string, string>;
  operands: string[];
}

/**
 * getopt_long as coreutils use it. `spec.bool` and `spec.value` list short letters; `spec.long`
 * maps long names to the short letter they alias (or to themselves). Options and operands mix
 * freely (GNU permutation) until `--`.
 */
export function getopt(
  cmd: string,
  args: string[],
  spec: { bool?: string; value?: string; long?: Record<string, string>; longValue?: string[] },
  usageExit = 1,
): Parsed | ExecResult {
  const flags = new Map<string, string>();
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith("--")) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
      const key = spec.long?.[name];
      if (key === undefined) return fail(`${cmd}: unrecognized option '${a}'\n${tryHelp(cmd)}`, usageExit);
      const takesValue = spec.longValue?.includes(name) || (spec.value ?? "").includes(key);
      if (takesValue) {
        const v = inline ?? args[++i];
        if (v === undefined) return fail(`${cmd}: option '--${name}' requires an argument\n${tryHelp(cmd)}`, usageExit);
        flags.set(key, v);
      } else flags.set(key, "");
      continue;
    }
    if (a.length < 2 || a[0] !== "-") {
      operands.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if ((spec.value ?? "").includes(c)) {
        const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (v === undefined) return fail(`${cmd}: option requires an argument -- '${c}'\n${tryHelp(cmd)}`, usageExit);
        flags.set(c, v);
        break;
      }
      if (!(spec.bool ?? "").includes(c)) return fail(`${cmd}: invalid option -- '${c}'\n${tryHelp(cmd)}`, usageExit);
      flags.set(c, "");
    }
  }
  return { flags, operands };
}

export const isResult = (x: Parsed | ExecResult): x is ExecResult => "exitCode" in x;

/** Reads an operand ("-" is stdin); the error is the bare strerror text for the caller to format. */
export function readOperand(ctx: CommandContext, name: string): { ok: true; text: string } | { ok: false; why: string } {
  if (name === "-") return { ok: true, text: ctx.stdin };
  const r = ctx.fs.readFile(ctx.resolve(name));
  return r.ok ? { ok: true, text: r.value } : { ok: false, why: FS_ERROR_TEXT[r.error] };
}

/** Splits text into lines without the trailing empty piece a final "\n" leaves. */
export function lines(text: string): string[] {
  if (text === "") return [];
  const l = text.split("\n");
  if (l[l.length - 1] === "") l.pop();
  return l;
}

/** GNU quotes names with shell-safe characters bare and others in '...' (ls, rm, cp messages use '...'). */
export const q = (s: string) => `'${s}'`;
/** mkdir, head and a few others use the locale's curly quotes in a UTF-8 locale. */
export const cq = (s: string) => `‘${s}’`;
