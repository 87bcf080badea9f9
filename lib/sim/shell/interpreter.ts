/**
 * Walks the syntax tree: lists, and/or chains, pipelines (run stage by stage: commands are not
 * streams), redirections and command substitution. Every command runs in a small transaction so
 * an unexpected exception leaves the cluster as it was before that command.
 */
import { LIMITS } from "../core/limits";
import { FS_ERROR_TEXT, resolvePath, type Vfs } from "../fs/vfs";
import type { ClusterState, Command, ExecResult, KeySource } from "../types";
import type { AndOr, Pipeline, Redirect, Script, SimpleCommand } from "./ast";
import { expandFields, expandSingle, type ExpandEnv } from "./expand";
import { Budget, BufferSink, FileSink, LimitError, NULL_SINK, type Sink } from "./io";
import { getVar, setVar, type ShellContext } from "./shell-context";

export interface InterpreterDeps {
  state: ClusterState;
  vfs: Vfs;
  commands: ReadonlyMap<string, Command>;
  keys: KeySource;
  now(): number;
  random(): number;
}

export interface LineOutcome {
  output: string;
  exitCode: number;
  clear: boolean;
  exit: boolean;
  /** a command declared as mutating ran (its objects must be persisted) */
  mutated: boolean;
}

const BIN_DIRS = ["/usr/bin", "/bin", "/usr/local/bin", "/usr/sbin", "/sbin"];

export class Interpreter {
  private readonly terminal = new BufferSink(LIMITS.maxOutputBytes, "output");
  private readonly budget = new Budget(LIMITS.maxSteps);
  private exitRequested = false;
  private clearRequested = false;
  private mutated = false;
  private depth = 0;

  constructor(private readonly d: InterpreterDeps) {}

  /** Runs a parsed line; limits end it early with a message, never with a throw. */
  async run(script: Script, warnings: string[] = []): Promise<LineOutcome> {
    const shell = this.d.state.shell;
    let code = shell.lastExitCode;
    try {
      for (const w of warnings) this.terminal.write(`bash: ${w}\n`);
      code = await this.runScript(script, this.terminal, this.terminal);
    } catch (e) {
      if (!(e instanceof LimitError)) throw e;
      code = 1;
      this.terminal.text += `${this.terminal.text && !this.terminal.text.endsWith("\n") ? "\n" : ""}bash: ${e.message}\n`;
    }
    shell.lastExitCode = code;
    return { output: this.terminal.text, exitCode: code, clear: this.clearRequested, exit: this.exitRequested, mutated: this.mutated };
  }

  private async runScript(script: Script, out: Sink, err: Sink): Promise<number> {
    let code = this.d.state.shell.lastExitCode;
    for (const andOr of script) {
      if (this.exitRequested) break;
      code = await this.runAndOr(andOr, out, err);
    }
    return code;
  }

  private async runAndOr(a: AndOr, out: Sink, err: Sink): Promise<number> {
    let code = await this.runPipeline(a.first, out, err);
    for (const { op, pipeline } of a.rest) {
      if (this.exitRequested) break;
      if ((op === "&&") === (code === 0)) code = await this.runPipeline(pipeline, out, err);
    }
    return code;
  }

  private async runPipeline(p: Pipeline, out: Sink, err: Sink): Promise<number> {
    let stdin = "";
    let code = 0;
    for (let i = 0; i < p.commands.length; i++) {
      const last = i === p.commands.length - 1;
      const pipe = last ? out : new BufferSink(LIMITS.maxPipeBytes, "pipe buffer");
      code = await this.runSimple(p.commands[i], stdin, pipe, err);
      if (!last) {
        stdin = (pipe as BufferSink).text;
        this.budget.spend(stdin.length >> 12);
      }
      // each stage of a real pipeline is a subshell: `exit | cat` does not end the shell
      if (p.commands.length > 1) this.exitRequested = false;
    }
    this.d.state.shell.lastExitCode = p.negate ? Number(code === 0) : code;
    return this.d.state.shell.lastExitCode;
  }

  private expandEnv(err: Sink, subStatus: { code?: number }): ExpandEnv {
    const shell = this.d.state.shell;
    return {
      vfs: this.d.vfs,
      cwd: shell.cwd,
      env: shell.env,
      lastExitCode: shell.lastExitCode,
      budget: this.budget,
      random: this.d.random,
      substitute: async (script) => {
        subStatus.code = await this.substitute(script, err);
        return this.lastCapture;
      },
    };
  }

  private lastCapture = "";

  /** $( ): runs like a subshell (cd, variables and exit do not leak out) and captures stdout. */
  private async substitute(script: Script, err: Sink): Promise<number> {
    if (++this.depth > LIMITS.maxNestingDepth) throw new LimitError(`maximum nesting depth exceeded (${LIMITS.maxNestingDepth})`);
    const shell = this.d.state.shell;
    const saved = { cwd: shell.cwd, env: { ...shell.env }, exit: this.exitRequested };
    const capture = new BufferSink(LIMITS.maxPipeBytes, "command substitution");
    try {
      const code = await this.runScript(script, capture, err);
      this.lastCapture = capture.text;
      return code;
    } finally {
      shell.cwd = saved.cwd;
      shell.env = saved.env;
      this.exitRequested = saved.exit;
      this.depth--;
    }
  }

  private async runSimple(cmd: SimpleCommand, pipeIn: string, out: Sink, err: Sink): Promise<number> {
    this.budget.spend(1);
    const shell = this.d.state.shell;
    const subStatus: { code?: number } = {};
    const ex = this.expandEnv(err, subStatus);
    const argv: string[] = [];
    for (const w of cmd.words) argv.push(...(await expandFields(w, ex)));
    const assigns: [string, string][] = [];
    for (const a of cmd.assigns) assigns.push([a.name, await expandSingle(a.value, ex)]);

    // redirections, left to right: fds[1] and fds[2] may end up sharing one file sink (2>&1, &>)
    const fds: Record<number, Sink> = { 1: out, 2: err };
    let stdin = pipeIn;
    for (const r of cmd.redirects) {
      const res = await this.redirect(r, fds, ex);
      if (typeof res === "object") {
        err.write(res.error);
        return 1;
      }
      if (res !== undefined) stdin = res;
    }

    if (argv.length === 0) {
      for (const [k, v] of assigns) setVar(shell.env, k, v);
      return subStatus.code ?? 0;
    }
    const result = await this.invoke(argv, assigns, stdin, fds[1] === this.terminal);
    const chunks = result.chunks ?? [
      { fd: 1 as const, text: result.stdout },
      { fd: 2 as const, text: result.stderr },
    ];
    for (const c of chunks) if (c.text) (fds[c.fd] ?? NULL_SINK).write(c.text);
    for (const s of new Set([fds[1], fds[2]])) if (s instanceof FileSink && s.failed) err.write(s.failed);
    return result.exitCode;
  }

  /** Applies one redirection: a string is new stdin, an object an error, undefined a changed fd. */
  private async redirect(r: Redirect, fds: Record<number, Sink>, ex: ExpandEnv): Promise<string | { error: string } | undefined> {
    const vfs = this.d.vfs;
    if (r.op === "<<") return expandSingle(r.heredoc ?? [], ex);
    const target = await expandSingle(r.target ?? [], ex);
    if (r.op === "<<<") return target + "\n";
    if (r.op === ">&" || r.op === "<&") {
      if (target === "-") fds[r.fd] = NULL_SINK;
      else if (fds[Number(target)]) fds[r.fd] = fds[Number(target)];
      else return { error: `bash: ${target}: Bad file descriptor\n` };
      return undefined;
    }
    if (target === "") return { error: "bash: : No such file or directory\n" };
    const path = resolvePath(this.d.state.shell.cwd, target, getVar(this.d.state.shell.env, "HOME") ?? "/root");
    if (r.op === "<") {
      const read = vfs.readFile(path);
      if (!read.ok) return { error: `bash: ${target}: ${FS_ERROR_TEXT[read.error]}\n` };
      return read.value;
    }
    const append = r.op === ">>" || r.op === "&>>";
    const w = append ? vfs.appendFile(path, "") : vfs.writeFile(path, "");
    if (!w.ok) return { error: `bash: ${target}: ${FS_ERROR_TEXT[w.error]}\n` };
    const sink = new FileSink(vfs, path);
    if (r.op === "&>" || r.op === "&>>") fds[1] = fds[2] = sink;
    else fds[r.fd] = sink;
    return undefined;
  }

  private lookup(name: string): Command | ExecResult {
    const cmd = this.d.commands.get(name);
    if (cmd && !name.includes("/")) return cmd;
    if (!name.includes("/")) return { stdout: "", stderr: `bash: ${name}: command not found\n`, exitCode: 127 };
    const path = resolvePath(this.d.state.shell.cwd, name);
    const base = path.slice(path.lastIndexOf("/") + 1);
    const builtin = this.d.commands.get(base);
    if (builtin && BIN_DIRS.includes(path.slice(0, path.lastIndexOf("/")))) return builtin;
    const node = this.d.vfs.stat(path);
    if (!node) return { stdout: "", stderr: `bash: ${name}: No such file or directory\n`, exitCode: 127 };
    const why = node.type === "dir" ? "Is a directory" : "Permission denied";
    return { stdout: "", stderr: `bash: ${name}: ${why}\n`, exitCode: 126 };
  }

  /** Runs one command in a transaction: an exception rolls its changes back. */
  private async invoke(argv: string[], assigns: [string, string][], stdin: string, tty: boolean): Promise<ExecResult> {
    const found = this.lookup(argv[0]);
    if (!("run" in found)) return found;
    const { state, vfs } = this.d;
    const args = argv.slice(1);
    const mutates = typeof found.mutates === "function" ? found.mutates(args) : !!found.mutates;
    const before = {
      shell: { ...state.shell, env: { ...state.shell.env }, history: state.shell.history.slice() },
      rng: state.rng.slice() as ClusterState["rng"],
      resourceVersion: state.resourceVersion,
      objects: mutates ? structuredClone(state.objects) : undefined,
    };
    const env = { ...state.shell.env };
    for (const [k, v] of assigns) setVar(env, k, v);
    const ctx: ShellContext = {
      state,
      fs: vfs,
      resolve: (p) => resolvePath(state.shell.cwd, p, getVar(state.shell.env, "HOME") ?? "/root"),
      args,
      stdin,
      env,
      now: this.d.now(),
      keys: this.d.keys,
      random: this.d.random,
      shell: {
        commands: this.d.commands,
        requestExit: () => void (this.exitRequested = true),
        requestClear: () => void (this.clearRequested = true),
        setVar: (name, value) => setVar(state.shell.env, name, value),
        stdoutIsTerminal: tty,
      },
    };
    vfs.begin();
    try {
      const result = await found.run(ctx);
      vfs.commit();
      if (mutates) this.mutated = true;
      this.budget.spend((result.stdout.length + result.stderr.length) >> 12);
      return result;
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
      return { stdout: "", stderr: `${found.name}: internal error\n`, exitCode: 1 };
    }
  }
}
