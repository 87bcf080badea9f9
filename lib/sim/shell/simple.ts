/**
 * One simple command: expand its words, apply its assignments and redirections, then run it as
 * a function, a builtin, a simulator command or a script file, in that order (bash's lookup).
 */
import type { Assignment, SimpleCommand } from "./ast";
import { BUILTINS, DECLARATIONS } from "./builtins";
import type { Interpreter } from "./interpreter";
import { FileSink, type IO } from "./io";
import { quoteForShell } from "./quote";
import { applyRedirects } from "./redirect";
import { findCommand, invokeCommand, runFile } from "./invoke";
import { arrayKeys, setOwn } from "./vars";

export interface DeclArg {
  /** position in argv (after the command name) */
  at: number;
  assign: Assignment;
}

export async function runSimple(sh: Interpreter, cmd: SimpleCommand, io: IO): Promise<number> {
  sh.budget.spend(1);
  sh.lineNo = cmd.line;
  sh.currentErr = io.err;
  sh.lastSubStatus = undefined;
  const before = sh.ephemeralMark();
  const tail = sh.tailCmd === cmd;
  sh.tailCmd = null;
  try {
    return await run(sh, cmd, io, tail);
  } finally {
    sh.releaseEphemeral(before);
  }
}

async function run(sh: Interpreter, cmd: SimpleCommand, io: IO, tail: boolean): Promise<number> {
  const argv: string[] = [];
  const decls: DeclArg[] = [];
  for (const w of cmd.words) {
    if (w.length === 1 && w[0].t === "assign") {
      decls.push({ at: argv.length - 1, assign: w[0].assign });
      argv.push(await assignmentText(sh, w[0].assign));
    } else argv.push(...(await sh.ex.fields(w)));
  }

  if (argv.length === 0) {
    for (const a of cmd.assigns) {
      await assign(sh, a, (text) => sh.trace(text));
    }
    const redirected = cmd.redirects.length ? await applyRedirects(sh, cmd.redirects, io) : io;
    if (typeof redirected === "string") {
      io.err.write(redirected);
      return 1;
    }
    return sh.lastSubStatus ?? 0;
  }

  const temp = new Map<string, string>();
  for (const a of cmd.assigns) {
    const value = await sh.ex.string(a.value);
    temp.set(a.name, value);
    sh.trace(`${a.name}=${quoteForShell(value)}`);
  }
  sh.trace(argv.map((a) => quoteForShell(a)).join(" "));

  const redirected = cmd.redirects.length ? await applyRedirects(sh, cmd.redirects, io) : io;
  if (typeof redirected === "string") {
    io.err.write(redirected);
    return 1;
  }
  if (argv.length === 1 && argv[0] === "exec" && cmd.redirects.length) {
    // `exec 3>&1`, `exec 2>/dev/null`: the descriptors stay for the rest of the line
    sh.keepDescriptors(redirected, io);
    return 0;
  }
  // only this command's own program may take the terminal, and only when its output is the terminal
  sh.handoverOk =
    tail && redirected.out === sh.terminal && sh.subshellDepth === 0 && sh.substDepth === 0 && sh.funcDepth === 0 && !sh.scriptName;
  const code = await dispatch(sh, argv, temp, redirected, decls);
  sh.handoverOk = false;
  for (const s of new Set([redirected.out, redirected.err])) if (s instanceof FileSink && s.failed) io.err.write(s.failed);
  return code;
}

/** bash's lookup order: function, builtin, then a command or a file on disk. */
export async function dispatch(sh: Interpreter, argv: string[], temp: Map<string, string>, io: IO, decls: DeclArg[] = []): Promise<number> {
  const name = argv[0];
  if (sh.functionBody(name)) return sh.callFunction(name, argv.slice(1), io, temp);
  const builtin = BUILTINS.get(name);
  if (builtin) {
    if (temp.size) sh.vars.temp.push(temp);
    try {
      return await builtin.run({ sh, name, args: argv.slice(1), io, decls: DECLARATIONS.has(name) ? decls : [] });
    } finally {
      if (temp.size) sh.vars.temp.pop();
    }
  }
  const found = findCommand(sh, name);
  if (found.kind === "error") {
    io.err.write(found.message);
    return found.code;
  }
  const env = sh.vars.exportedEnv();
  for (const [k, v] of temp) setOwn(env, k, v);
  if (found.kind === "file") return runFile(sh, found.path, name, argv.slice(1), io);
  return invokeCommand(sh, found.command, argv, env, io);
}

async function assignmentText(sh: Interpreter, a: Assignment): Promise<string> {
  if (a.array) {
    const parts: string[] = [];
    for (const el of a.array) parts.push(...(await sh.ex.fields(el.value)));
    return `${a.name}=(${parts.join(" ")})`;
  }
  return `${a.name}${a.append ? "+" : ""}=${await sh.ex.string(a.value)}`;
}

/** Applies `name=value`, `name+=value`, `name[i]=value` or `name=(...)` to the shell's variables. */
export async function assign(
  sh: Interpreter,
  a: Assignment,
  trace?: (text: string) => void,
  assoc?: boolean,
  beforeStore?: () => void,
): Promise<void> {
  const vars = sh.vars;
  if (a.array) {
    const existing = vars.cell(a.name);
    const isAssoc = assoc ?? (existing?.kind === "array" && existing.assoc);
    const items: Record<string, string> = {};
    let next = 0;
    if (a.append && existing) {
      if (existing.kind === "array") {
        for (const k of arrayKeys(existing)) setOwn(items, k, existing.items[k]);
        const keys = arrayKeys(existing);
        next = keys.length && !isAssoc ? Number(keys[keys.length - 1]) + 1 : 0;
      } else if (existing.value !== undefined) {
        setOwn(items, "0", existing.value);
        next = 1;
      }
    }
    const shown: string[] = [];
    for (const el of a.array) {
      if (el.index) {
        const key = isAssoc ? await sh.ex.string(el.index) : String(sh.ex.arith(await sh.ex.string(el.index)));
        const value = await sh.ex.string(el.value);
        setOwn(items, key, value);
        shown.push(`[${key}]=${quoteForShell(value)}`);
        if (!isAssoc) next = Number(key) + 1;
      } else {
        for (const f of await sh.ex.fields(el.value)) {
          if (isAssoc) {
            sh.currentErr.write(`${sh.errPrefix()}${a.name}: ${f}: must use subscript when assigning associative array\n`);
            continue;
          }
          setOwn(items, String(next++), f);
          shown.push(quoteForShell(f));
        }
      }
    }
    trace?.(`${a.name}${a.append ? "+" : ""}=(${shown.join(" ")})`);
    beforeStore?.();
    vars.setArray(a.name, items, isAssoc);
    return;
  }
  let value = await sh.ex.string(a.value);
  trace?.(`${a.name}${a.index ? "[...]" : ""}${a.append ? "+" : ""}=${quoteForShell(value)}`);
  beforeStore?.();
  if (a.index) {
    const key = await sh.ex.subscript(a.name, a.index);
    if (a.append) {
      const c = vars.cell(a.name);
      const old = c?.kind === "array" ? c.items[key] : key === "0" ? c?.value : undefined;
      value = (old ?? "") + value;
    }
    vars.setIndex(a.name, key, value);
    return;
  }
  if (a.append) value = (vars.get(a.name) ?? "") + value;
  vars.set(a.name, value);
}
