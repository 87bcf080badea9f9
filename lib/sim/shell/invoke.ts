/**
 * Running what is not a function or builtin: a simulator command (in a small transaction, so an
 * unexpected exception leaves the cluster as it was before that command) or a script file.
 */
import { FS_ERROR_TEXT } from "../fs/vfs";
import type { Command, CommandContext, ExecResult } from "../types";
import { BUILTINS } from "./builtins";
import type { Interpreter } from "./interpreter";
import { BufferSink, InputStream, LimitError, NULL_SINK, type IO } from "./io";
import { LIMITS } from "../core/limits";
import { ExitSignal } from "./signals";
import { setVar, type ShellContext } from "./shell-context";
import type { PortForward } from "./state";

export const BIN_DIRS = ["/usr/bin", "/bin", "/usr/local/bin", "/usr/sbin", "/sbin", "/usr/local/sbin"];

export type Found =
  { kind: "command"; command: Command } | { kind: "file"; path: string } | { kind: "error"; message: string; code: number };

/** A command name as bash resolves it: a known command, an executable file on PATH, or a path. */
export function findCommand(sh: Interpreter, name: string): Found {
  const commands = sh.d.commands;
  const p = sh.errPrefix();
  if (!name.includes("/")) {
    const cmd = commands.get(name);
    if (cmd) return { kind: "command", command: cmd };
    for (const dir of (sh.vars.get("PATH") ?? "").split(":")) {
      if (!dir) continue;
      const path = sh.resolve(`${dir}/${name}`);
      const node = sh.d.vfs.stat(path);
      if (node?.type === "file" && (node.mode & 0o111) !== 0) return { kind: "file", path };
    }
    return { kind: "error", message: `${p}${name}: ${sh.d.ash ? "not found" : "command not found"}\n`, code: 127 };
  }
  const path = sh.resolve(name);
  const base = path.slice(path.lastIndexOf("/") + 1);
  const builtin = commands.get(base);
  if (builtin && BIN_DIRS.includes(path.slice(0, path.lastIndexOf("/")))) return { kind: "command", command: builtin };
  const node = sh.d.vfs.stat(path);
  if (!node) return { kind: "error", message: `${p}${name}: No such file or directory\n`, code: 127 };
  if (node.type === "dir") return { kind: "error", message: `${p}${name}: Is a directory\n`, code: 126 };
  if ((node.mode & 0o111) === 0) return { kind: "error", message: `${p}${name}: Permission denied\n`, code: 126 };
  return { kind: "file", path };
}

/** Runs an executable file: a shell script (by its `#!` line, or none), or bash's `bad interpreter`. */
export async function runFile(sh: Interpreter, path: string, shown: string, args: string[], io: IO): Promise<number> {
  const read = sh.d.vfs.readFile(path);
  if (!read.ok) {
    io.err.write(`${sh.errPrefix()}${shown}: ${FS_ERROR_TEXT[read.error]}\n`);
    return 126;
  }
  const first = read.value.split("\n", 1)[0];
  if (first.startsWith("#!")) {
    const interp = first.slice(2).trim().split(/\s+/);
    const prog = interp[0] === "/usr/bin/env" ? interp[1] : interp[0];
    const progName = (prog ?? "").slice((prog ?? "").lastIndexOf("/") + 1);
    if (!["bash", "sh", "dash"].includes(progName)) {
      io.err.write(`${sh.errPrefix()}${shown}: ${interp[0] ?? ""}: bad interpreter: No such file or directory\n`);
      return 126;
    }
  }
  return sh.runScriptFile(read.value, shown, args, io);
}

/** A view of the filesystem where `<( )` files exist for the duration of one command. */
function withEphemeral(sh: Interpreter): CommandContext["fs"] {
  const vfs = sh.d.vfs;
  if (!sh.ephemeral.size) return vfs;
  return new Proxy(vfs, {
    get(target, prop, receiver) {
      if (prop === "readFile") return (p: string) => (sh.ephemeral.has(p) ? { ok: true, value: sh.ephemeral.get(p) } : target.readFile(p));
      if (prop === "stat")
        return (p: string) =>
          sh.ephemeral.has(p) ? { type: "file", content: sh.ephemeral.get(p), mode: 0o600, mtime: sh.d.now() } : target.stat(p);
      if (prop === "exists") return (p: string) => sh.ephemeral.has(p) || target.exists(p);
      const v: unknown = Reflect.get(target, prop, receiver);
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** Runs one command in a transaction: an exception rolls its changes back. */
export async function invokeCommand(sh: Interpreter, found: Command, argv: string[], env: Record<string, string>, io: IO): Promise<number> {
  const { state, vfs } = sh.d;
  const args = argv.slice(1);
  const handoverOk = sh.handoverOk;
  sh.handoverOk = false;
  const mutates = typeof found.mutates === "function" ? found.mutates(args) : !!found.mutates;
  const before = {
    shell: { ...state.shell, env: { ...state.shell.env }, history: state.shell.history.slice() },
    rng: state.rng.slice() as typeof state.rng,
    resourceVersion: state.resourceVersion,
    objects: mutates ? structuredClone(state.objects) : undefined,
  };
  let exitCode: number | undefined;
  const stdin = io.stdin;
  // reading stdin consumes the stream (`while read l; do cat; done` leaves nothing for the next read)
  let input: string | undefined;
  const ctx: ShellContext = {
    state,
    fs: withEphemeral(sh),
    resolve: (p) => sh.resolve(p),
    args,
    get stdin() {
      return (input ??= stdin.readAll());
    },
    env,
    now: sh.d.now(),
    keys: sh.d.keys,
    random: () => sh.d.random(),
    shell: {
      commands: sh.d.commands,
      builtins: new Map([...BUILTINS].map(([k, b]) => [k, b.summary])),
      requestExit: (code) => void (exitCode = code),
      requestClear: () => void (sh.clearRequested = true),
      setVar: (name, value) => {
        if (value === undefined) sh.vars.unset(name);
        else if (name === "PWD" || name === "OLDPWD") setVar(state.shell.env, name, value);
        else sh.vars.set(name, value);
      },
      stdoutIsTerminal: io.out === sh.terminal,
      mayHoldTerminal: handoverOk,
      toTerminal: (text) => sh.terminal.write(text),
      exec: (a, input) => execArgv(sh, a, input),
      sh: (line, input) => execLine(sh, line, input),
    },
  };
  vfs.begin();
  let result: ExecResult;
  try {
    result = await found.run(ctx);
    vfs.commit();
    if (mutates) sh.mutated = true;
    sh.budget.spend((result.stdout.length + result.stderr.length) >> 12);
  } catch (e) {
    if (e instanceof LimitError) {
      vfs.commit();
      throw e;
    }
    vfs.rollback();
    state.shell = before.shell;
    state.rng.splice(0, 4, ...before.rng);
    state.resourceVersion = before.resourceVersion;
    if (before.objects) state.objects = before.objects;
    result = { stdout: "", stderr: `${found.name}: internal error\n`, exitCode: 1 };
  }
  const wants = result.editor ? { editor: result.editor } : result.program ? { program: result.program } : undefined;
  // in a background job a sleep takes its time on the cluster clock: the job ends that much later
  if (sh.backgroundEndsAt !== undefined && result.program?.program === "sleep") {
    const ms = (result.program.data as { ms?: unknown } | null)?.ms;
    if (typeof ms === "number") sh.backgroundEndsAt += ms;
  }
  // in a background job a port-forward keeps listening: the job runs until it is ended (commands/net/forwards.ts)
  if (sh.backgroundEndsAt !== undefined && result.program?.program === "kubectl-port-forward") {
    const forward = (result.program.data as { forward?: PortForward } | null)?.forward;
    if (forward) sh.backgroundForward = forward;
  }
  if (wants && handoverOk && exitCode === undefined) {
    sh.handover = wants;
    return 0;
  }
  const chunks = result.chunks ?? [
    { fd: 1 as const, text: result.stdout },
    { fd: 2 as const, text: result.stderr },
  ];
  for (const c of chunks) if (c.text) (c.fd === 1 ? io.out : c.fd === 2 ? io.err : NULL_SINK).write(c.text);
  if (exitCode !== undefined) throw new ExitSignal(exitCode);
  return result.exitCode;
}

/** What xargs and `find -exec` run: a simulator command, with its output captured. */
async function execArgv(sh: Interpreter, argv: string[], input: string): Promise<ExecResult> {
  const out = new BufferSink(LIMITS.maxPipeBytes, "pipe buffer");
  const err = new BufferSink(LIMITS.maxPipeBytes, "pipe buffer");
  sh.budget.spend(1);
  const found = argv.length ? findCommand(sh, argv[0]) : undefined;
  if (!found || found.kind === "error") {
    const name = argv[0] ?? "";
    return {
      stdout: "",
      stderr: BUILTINS.has(name) ? `${name}: No such file or directory\n` : `${name}: No such file or directory\n`,
      exitCode: 127,
    };
  }
  const io: IO = { stdin: new InputStream(input), out, err };
  const code =
    found.kind === "file"
      ? await sh.subshell(() => runFile(sh, found.path, argv[0], argv.slice(1), io), err)
      : await sh.subshell(() => invokeCommand(sh, found.command, argv, sh.vars.exportedEnv(), io), err);
  return { stdout: out.text, stderr: err.text, exitCode: code };
}

/** `sh -c line`: a subshell of this shell with its output captured. */
async function execLine(sh: Interpreter, line: string, input: string): Promise<ExecResult> {
  const out = new BufferSink(LIMITS.maxPipeBytes, "pipe buffer");
  const err = new BufferSink(LIMITS.maxPipeBytes, "pipe buffer");
  const io: IO = { stdin: new InputStream(input), out, err };
  const code = await sh.subshell(() => sh.runScriptFile(line, "sh", [], io), err);
  return { stdout: out.text, stderr: err.text, exitCode: code };
}
