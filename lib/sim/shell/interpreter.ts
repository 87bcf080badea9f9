/**
 * Walks the syntax tree: lists, and/or chains, pipelines (run stage by stage: commands are not
 * streams; every stage of a multi-stage pipeline is a subshell, as in bash), compound commands,
 * functions, subshells and command substitution. Simple commands are in simple.ts, builtins in
 * builtins/. Every line runs under one step budget; limits end it with a message, not a throw.
 */
import { LIMITS } from "../core/limits";
import type { Vfs } from "../fs/vfs";
import { resolvePath } from "../fs/vfs";
import type { ClusterState, Command, EditorLaunch, KeySource, ProgramLaunch } from "../types";
import type { AndOr, Command as Cmd, Compound, Cond, Pipeline, Script, SimpleCommand } from "./ast";
import { Expander, type ExpandHost } from "./expand";
import { Budget, BufferSink, ExpansionError, InputStream, LimitError, type IO, type Sink } from "./io";
import { matchWhole } from "./pattern";
import { ParseError, ScriptReader, parse } from "./parser";
import { applyRedirects } from "./redirect";
import { ExitSignal, LoopSignal, ReturnSignal } from "./signals";
import { assign, dispatch, runSimple } from "./simple";
import { findCommand, type Found } from "./invoke";
import type { Assignment } from "./ast";
import type { PortForward, ShellOption } from "./state";
import { findJob, jobLines } from "./jobs";
import { endLostForwards, RUNS_UNTIL_ENDED } from "../commands/net/forwards";
import { binaryTest, compareInts, TestError, unaryTest, type TestEnv } from "./test-expr";
import { Regex, RegexError } from "../commands/coreutils/regex";
import { quoteForShell } from "./quote";
import { Vars, setOwn } from "./vars";

export interface InterpreterDeps {
  state: ClusterState;
  vfs: Vfs;
  commands: ReadonlyMap<string, Command>;
  keys: KeySource;
  now(): number;
  random(): number;
  /** BusyBox ash (busybox and alpine containers): `sh: ` before its messages, `not found` for a missing command */
  ash?: boolean;
}

export interface LineOutcome {
  output: string;
  exitCode: number;
  clear: boolean;
  exit: boolean;
  /** a command declared as mutating ran (its objects must be persisted) */
  mutated: boolean;
  /** the line's last command asked for the terminal: an editor or a foreground program runs next */
  handover?: Handover;
}

/** What takes the terminal after a line: exactly one of the two. */
export type Handover = { editor: EditorLaunch; program?: undefined } | { program: ProgramLaunch; editor?: undefined };

/** Where a text being run came from: the prompt, or a script (`bash f`, `bash -c`) with its name for messages. */
export interface SourceMode {
  interactive: boolean;
  /** the text typed at the prompt: its last simple command may take the terminal (an editor) */
  tail?: boolean;
}

type ShellSnapshot = ClusterState["shell"];

export const SHELL_PID = 4242;

export class Interpreter {
  readonly terminal = new BufferSink(LIMITS.maxOutputBytes, "output");
  readonly budget = new Budget(LIMITS.maxSteps);
  readonly vars: Vars;
  readonly ex: Expander;
  positional: string[];
  /** nested function calls, `source` and `eval` */
  callDepth = 0;
  /** functions only (for `local` and `return`) */
  funcDepth = 0;
  sourceDepth = 0;
  loopDepth = 0;
  /** inside `if`/`while` conditions and `&&`/`||` left sides: `set -e` does not apply */
  condDepth = 0;
  /** command substitution nesting, for `set -x`'s `++` */
  substDepth = 0;
  subshellDepth = 0;
  clearRequested = false;
  mutated = false;
  /**
   * The terminal hand-over (lib/sim/editor/README.md, 3.3): `tailCmd` is the simple command in
   * tail position of the interactive line (set by runPipeline, taken by runSimple), `handoverOk`
   * is true only while that command's own program is dispatched, and `handover` is what it asked for.
   */
  tailCmd: SimpleCommand | null = null;
  handoverOk = false;
  handover: Handover | undefined;
  /** the exit status of the last command substitution of the current simple command */
  lastSubStatus: number | undefined;
  pipeStatus: string[] = ["0"];
  /** a script's name for `name: line N:` messages; undefined at the interactive prompt */
  scriptName: string | undefined;
  lineNo = 0;
  /** files that exist only while a command runs (`<(...)` as /dev/fd/63) */
  readonly ephemeral = new Map<string, string>();
  private nextFd = 63;
  /** while a `cmd &` job runs: when it ends on the cluster clock (each `sleep` in it moves this) */
  backgroundEndsAt: number | undefined;
  /** while a `cmd &` job runs: the listeners of the `kubectl port-forward` in it, which keep the job running */
  backgroundForward: PortForward | undefined;
  /** the job numbers started by the line being run: never reported at the prompt that follows it */
  private readonly jobsStartedThisLine = new Set<number>();
  /** getopts' place inside a group of letters like `-abc` */
  getoptsPos = { ind: "", pos: 1 };
  /** the statuses of the background jobs of a script or a subshell (not in the prompt's table), for `wait PID` */
  private readonly untabledJobs = new Map<number, number>();
  private static readonly fnCache = new Map<string, Compound>();

  constructor(readonly d: InterpreterDeps) {
    this.vars = new Vars(() => this.d.state.shell, { random: () => d.random(), pid: String(SHELL_PID), pipestatus: () => this.pipeStatus });
    this.ex = new Expander(this.expandHost());
    this.positional = d.state.shell.positional?.slice() ?? [];
  }

  get shell(): ClusterState["shell"] {
    return this.d.state.shell;
  }

  option(o: ShellOption): boolean {
    return this.shell.options?.includes(o) ?? false;
  }

  setOption(o: ShellOption, on: boolean): void {
    const opts = new Set(this.shell.options ?? []);
    if (on) opts.add(o);
    else opts.delete(o);
    this.shell.options = [...opts].sort();
    if (!this.shell.options.length) delete this.shell.options;
  }

  resolve(path: string): string {
    return resolvePath(this.shell.cwd, path, this.vars.get("HOME") ?? "/root");
  }

  /** `bash: ` at the prompt, `script: line N: ` in a script, as bash prefixes its own messages. */
  errPrefix(): string {
    // ash's `sh -c` messages name the shell without a line number
    if (this.d.ash && (!this.scriptName || this.scriptName === "sh" || this.scriptName === "ash")) return `${this.scriptName || "sh"}: `;
    return this.scriptName ? `${this.scriptName}: line ${this.lineNo}: ` : "bash: ";
  }

  testEnv(): TestEnv {
    return { vfs: this.d.vfs, resolve: (p) => this.resolve(p), isVarSet: (n) => this.vars.isSet(n) };
  }

  private expandHost(): ExpandHost {
    return {
      vars: this.vars,
      vfs: this.d.vfs,
      budget: this.budget,
      cwd: () => this.shell.cwd,
      home: () => this.vars.get("HOME") ?? "/root",
      positional: () => this.positional,
      special: (name) => this.special(name),
      option: (o) => this.option(o),
      substitute: (script) => this.substitute(script),
      procsub: (dir, script) => this.procsub(dir, script),
    };
  }

  special(name: string): string | undefined {
    switch (name) {
      case "?":
        return String(this.shell.lastExitCode);
      case "$":
        return String(SHELL_PID);
      case "!":
        return this.shell.lastBackgroundPid === undefined ? undefined : String(this.shell.lastBackgroundPid);
      case "#":
        return String(this.positional.length);
      case "0":
        return this.scriptName ?? "bash";
      case "-": {
        const flags: Record<string, string> = { errexit: "e", xtrace: "x", nounset: "u", noglob: "f", noclobber: "C" };
        const set = (this.shell.options ?? []).map((o) => flags[o] ?? "").join("");
        return (this.scriptName ? "hB" : "himBHs").replace("hB", "h" + set + "B");
      }
      default:
        return undefined;
    }
  }

  // ---- running text ----

  /**
   * Runs one input line (or a pasted block) at the prompt. Output goes to the terminal buffer
   * unless `sinks` separates stdout and stderr (the oracle tests compare them apart).
   */
  async runText(text: string, sinks?: { out: Sink; err: Sink }): Promise<LineOutcome> {
    const io: IO = { stdin: new InputStream(""), out: sinks?.out ?? this.terminal, err: sinks?.err ?? this.terminal };
    this.currentErr = io.err;
    let code = this.shell.lastExitCode;
    let exit = false;
    try {
      code = await this.runSource(text, io, { interactive: true, tail: true });
    } catch (e) {
      if (e instanceof ExitSignal) {
        code = e.code;
        exit = true;
      } else if (e instanceof LimitError || e instanceof ExpansionError) {
        code = 1;
        if (sinks) sinks.err.write(`bash: ${e.message}\n`);
        else {
          const t = this.terminal.text;
          this.terminal.text += `${t && !t.endsWith("\n") ? "\n" : ""}bash: ${e.message}\n`;
        }
      } else if (!(e instanceof LoopSignal || e instanceof ReturnSignal)) throw e;
    }
    // a program or an editor takes the terminal next: the notices come when it is done (core/foreground.ts)
    if (exit || !this.handover) this.notifyFinishedJobs();
    this.jobsStartedThisLine.clear();
    this.shell.lastExitCode = code;
    if (this.positional.length) this.shell.positional = this.positional.slice();
    else delete this.shell.positional;
    if (exit) this.newShell();
    const handover = exit ? undefined : this.handover;
    return {
      output: this.terminal.text,
      exitCode: code,
      clear: this.clearRequested,
      exit,
      mutated: this.mutated,
      ...(handover ? { handover } : {}),
    };
  }

  /** The job table as `jobs` prints it (jobs.ts); `long`: jobs -l, `only`: the jobs named. */
  jobLines(finishedOnly: boolean, long = false, only?: ReadonlySet<number>): string {
    // a port-forward whose pod went away has ended, with kubectl's message on the terminal
    const lost = endLostForwards(this.d.state, this.shell.jobs ?? [], this.d.now());
    if (lost) this.safeWrite(lost);
    return jobLines(this.shell, this.d.now(), { finishedOnly, long, startedThisLine: this.jobsStartedThisLine, ...(only ? { only } : {}) });
  }

  /** bash reports the jobs that ended before it shows the next prompt. */
  private notifyFinishedJobs(): void {
    if (this.scriptName || !this.shell.jobs) return;
    const text = this.jobLines(true);
    if (text) this.safeWrite(text);
  }

  /**
   * `wait [-n] [id ...]` (the builtin's work): the jobs named (all without ids; with -n the first to
   * end) are waited for on the cluster clock. As the last command of a line at the prompt the wait
   * takes its time as a foreground `sleep` until the jobs end, which then exits with their status
   * (the prompt's notices follow it, core/foreground.ts); elsewhere (a script, a loop, before `;`)
   * it returns at once, as `sleep` does, and the jobs count as ended now. An interactive shell
   * reports the waited jobs at once, as bash 5.2 does (`[1]+  Exit 3 ...` before the next command).
   */
  waitForJobs(ids: string[], any: boolean, io: IO): number {
    const jobs = this.shell.jobs ?? [];
    const now = this.d.now();
    const targets = new Set<number>();
    let code = 0;
    let failed = false;
    let lastTarget: number | undefined;
    if (!ids.length) {
      if (any && !jobs.length) return 127;
      const pick = any ? jobs.reduce((a, j) => (j.endsAt < a.endsAt ? j : a), jobs[0]) : undefined;
      for (const j of pick ? [pick] : jobs) targets.add(j.n);
      if (pick) lastTarget = pick.n;
    }
    const errors: string[] = [];
    for (const id of ids) {
      if (id.startsWith("%")) {
        const j = findJob(jobs, id);
        if (j) [lastTarget, code] = [j.n, j.code];
        else [code, failed] = [127, true];
        if (j) targets.add(j.n);
        else
          errors.push(`${this.errPrefix()}wait: ${id}: no such job
`);
      } else if (/^\d+$/.test(id)) {
        const pid = Number(id);
        const j = jobs.find((x) => x.pid === pid);
        const exited = [...(this.shell.exited ?? [])].reverse().find((x) => x.pid === pid)?.code ?? this.untabledJobs.get(pid);
        if (j) [lastTarget, code] = [j.n, j.code];
        else if (exited !== undefined) [lastTarget, code] = [undefined, exited];
        else {
          [code, failed] = [127, true];
          errors.push(`${this.errPrefix()}wait: pid ${id} is not a child of this shell
`);
        }
        if (j) targets.add(j.n);
      } else {
        [code, failed] = [1, true];
        errors.push(`${this.errPrefix()}wait: \`${id}': not a pid or valid job spec
`);
      }
    }
    let waited = jobs.filter((j) => targets.has(j.n));
    if (any && waited.length > 1) {
      // -n: the first of them to end
      const first = waited.reduce((a, j) => (j.endsAt < a.endsAt ? j : a), waited[0]);
      [waited, lastTarget, code] = [[first], first.n, first.code];
    } else if (any && lastTarget !== undefined) code = jobs.find((j) => j.n === lastTarget)?.code ?? code;
    const endsAt = waited.reduce((m, j) => Math.max(m, j.endsAt), now);
    if (endsAt > now && !failed && this.handoverOk) {
      this.handover = { program: { program: "sleep", data: { ms: endsAt - now, exitCode: code } } };
      return code;
    }
    // the wait returns now: the jobs it waited for have ended, and so have those that end before them
    for (const j of jobs)
      if (j.endsAt <= endsAt) {
        j.endsAt = Math.min(j.endsAt, now);
        this.jobsStartedThisLine.delete(j.n);
      }
    if (!this.scriptName && this.subshellDepth === 0 && waited.length) io.err.write(this.jobLines(true));
    for (const e of errors) io.err.write(e);
    return code;
  }

  private safeWrite(text: string): void {
    try {
      this.terminal.write(text);
    } catch {
      // the output limit was already reported
    }
  }

  /** After `exit`: the next line runs in a new shell, which reads ~/.bashrc again. */
  private newShell(): void {
    const sh = this.shell;
    for (const name of sh.unexported ?? []) delete sh.env[name];
    for (const k of [
      "unexported",
      "arrays",
      "functions",
      "aliases",
      "options",
      "positional",
      "started",
      "lastBackgroundPid",
      "exited",
    ] as const)
      delete sh[k];
  }

  /** `exec bash`: a new shell in place of this one. */
  async restartShell(): Promise<void> {
    this.newShell();
    this.vars.frames = [];
    this.positional = [];
    await this.startShell();
  }

  /** Reads ~/.bashrc as a new interactive shell does (its output is not shown). */
  async startShell(): Promise<void> {
    this.shell.started = true;
    const home = this.vars.get("HOME") ?? "/root";
    const rc = this.d.vfs.readFile(`${home === "/" ? "" : home}/.bashrc`);
    if (!rc.ok) return;
    const sink = new BufferSink(LIMITS.maxPipeBytes, "output");
    try {
      await this.runSource(rc.value, { stdin: new InputStream(""), out: sink, err: sink }, { interactive: true });
    } catch (e) {
      if (!(
        e instanceof ExitSignal ||
        e instanceof LimitError ||
        e instanceof ExpansionError ||
        e instanceof ReturnSignal ||
        e instanceof LoopSignal
      ))
        throw e;
    }
  }

  /** Runs a text line by line (aliases defined on one line apply from the next); parse errors stop it. */
  async runSource(text: string, io: IO, mode: SourceMode): Promise<number> {
    const reader = new ScriptReader(text, { aliases: mode.interactive ? (this.shell.aliases ?? {}) : {} });
    let code = this.shell.lastExitCode;
    for (;;) {
      let script: Script | undefined;
      try {
        script = reader.next(mode.interactive ? (this.shell.aliases ?? {}) : undefined);
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        for (const w of reader.warnings) io.err.write(`${this.errPrefix()}${w}\n`);
        io.err.write(`${this.errPrefix()}${e.message}\n`);
        this.shell.lastExitCode = 2;
        return 2;
      }
      for (const w of reader.warnings) io.err.write(`bash: ${w}\n`);
      if (!script) return code;
      code = await this.runScript(script, io, mode.tail === true && reader.atEnd);
    }
  }

  /** `tail`: this script ends the interactive line (see `tailCmd`). */
  async runScript(script: Script, io: IO, tail = false): Promise<number> {
    let code = this.shell.lastExitCode;
    for (let i = 0; i < script.length; i++) {
      const item = script[i];
      code = item.background ? await this.runBackground(item, io) : await this.runAndOr(item, io, tail && i === script.length - 1);
    }
    return code;
  }

  /**
   * `cmd &`: the job runs at once (nothing runs concurrently here) and is announced as bash does;
   * at the prompt it goes into the job table until the cluster clock passes its end.
   */
  private async runBackground(item: AndOr, io: IO): Promise<number> {
    const interactive = !this.scriptName && this.subshellDepth === 0;
    const jobs = this.shell.jobs ?? [];
    // bash numbers a new job one past the highest in the table
    const n = jobs.reduce((m, j) => Math.max(m, j.n), 0) + 1;
    const pid = (this.shell.lastPid ?? SHELL_PID) + 1;
    this.shell.lastPid = pid;
    this.shell.lastBackgroundPid = pid;
    if (interactive) io.err.write(`[${n}] ${pid}\n`);
    const outer = this.backgroundEndsAt;
    const outerForward = this.backgroundForward;
    this.backgroundEndsAt = this.d.now();
    this.backgroundForward = undefined;
    let code: number;
    let endsAt: number;
    let forward: PortForward | undefined;
    try {
      code = await this.subshell(() => this.runAndOr({ ...item, background: false }, io), io.err);
    } finally {
      endsAt = this.backgroundEndsAt;
      forward = this.backgroundForward;
      // a job started inside a job is not waited for, so it adds nothing to the outer one's time
      this.backgroundEndsAt = outer;
      this.backgroundForward = outerForward;
    }
    if (interactive) {
      // a port-forward runs until it is killed or its pod goes (commands/net/forwards.ts)
      const job = forward
        ? { n, pid, text: item.text ?? "", code, endsAt: RUNS_UNTIL_ENDED, forward }
        : { n, pid, text: item.text ?? "", code, endsAt };
      this.shell.jobs = [...jobs, job];
      this.jobsStartedThisLine.add(n);
    } else this.untabledJobs.set(pid, code);
    this.shell.lastExitCode = 0;
    return 0;
  }

  private async runAndOr(a: AndOr, io: IO, tail = false): Promise<number> {
    const n = a.rest.length;
    let code = await this.runChecked(a.first, io, n > 0, tail && n === 0);
    for (let i = 0; i < n; i++) {
      const { op, pipeline } = a.rest[i];
      if ((op === "&&") === (code === 0)) code = await this.runChecked(pipeline, io, i < n - 1, tail && i === n - 1);
    }
    return code;
  }

  /** Runs a pipeline; `set -e` ends the shell when it fails outside a condition. */
  private async runChecked(p: Pipeline, io: IO, isCondition: boolean, tail = false): Promise<number> {
    if (isCondition) this.condDepth++;
    let code: number;
    try {
      code = await this.runPipeline(p, io, tail);
    } finally {
      if (isCondition) this.condDepth--;
    }
    if (!isCondition && !p.negate && code !== 0 && this.condDepth === 0 && this.option("errexit")) throw new ExitSignal(code);
    return code;
  }

  async runPipeline(p: Pipeline, io: IO, tail = false): Promise<number> {
    let code: number;
    if (p.commands.length === 1) {
      const only = p.commands[0];
      this.tailCmd = tail && !p.negate && !p.time && only.k === "simple" ? only : null;
      code = await this.runCommand(only, io);
      this.pipeStatus = [String(code)];
    } else {
      let stdin = io.stdin;
      const statuses: number[] = [];
      for (let i = 0; i < p.commands.length; i++) {
        const last = i === p.commands.length - 1;
        const pipe = last ? undefined : new BufferSink(LIMITS.maxPipeBytes, "pipe buffer");
        const out: Sink = pipe ?? io.out;
        const err: Sink = pipe && p.stderrPipes?.[i] ? pipe : io.err;
        const input = stdin;
        statuses.push(await this.subshell(() => this.runCommand(p.commands[i], { stdin: input, out, err }), err));
        if (pipe) {
          stdin = new InputStream(pipe.text);
          this.budget.spend(pipe.text.length >> 12);
        }
      }
      this.pipeStatus = statuses.map(String);
      code = statuses[statuses.length - 1];
      if (this.option("pipefail")) code = [...statuses].reverse().find((s) => s !== 0) ?? 0;
    }
    if (p.negate) code = code === 0 ? 1 : 0;
    this.shell.lastExitCode = code;
    if (p.time) io.err.write("\nreal\t0m0.000s\nuser\t0m0.000s\nsys\t0m0.000s\n");
    return code;
  }

  async runCommand(cmd: Cmd, io: IO): Promise<number> {
    if (cmd.k === "simple") return runSimple(this, cmd, io);
    if (cmd.k === "function") {
      Interpreter.fnCache.set(cmd.source, cmd.body);
      setOwn((this.shell.functions ??= {}), cmd.name, cmd.source);
      return 0;
    }
    return this.runCompound(cmd, io);
  }

  // ---- compound commands ----

  private async runCompound(c: Compound, outer: IO): Promise<number> {
    const mark = this.ephemeralMark();
    try {
      return await this.compound(c, outer);
    } finally {
      this.releaseEphemeral(mark);
    }
  }

  private async compound(c: Compound, outer: IO): Promise<number> {
    this.budget.spend(1);
    if (c.line) this.lineNo = c.line;
    this.currentErr = outer.err;
    const io = c.redirects.length ? await applyRedirects(this, c.redirects, outer) : outer;
    if (typeof io === "string") {
      outer.err.write(io);
      return 1;
    }
    switch (c.k) {
      case "group":
        return this.runScript(c.body, io);
      case "subshell":
        return this.subshell(() => this.runScript(c.body, io), io.err);
      case "if": {
        for (const clause of c.clauses) {
          if ((await this.condition(clause.cond, io)) === 0) return this.runScript(clause.body, io);
        }
        return c.else ? this.runScript(c.else, io) : 0;
      }
      case "for": {
        const items: string[] = [];
        if (c.items) for (const w of c.items) items.push(...(await this.ex.fields(w)));
        else items.push(...this.positional);
        this.trace(`for ${c.name} in ${items.map((x) => quoteForShell(x)).join(" ")}`);
        let code = 0;
        for (const item of items) {
          this.budget.spend(1);
          this.vars.set(c.name, item);
          const r = await this.loopBody(c.body, io);
          code = r.code;
          if (r.brk) break;
        }
        return code;
      }
      case "cfor": {
        const text = async (w: typeof c.init) => (await this.ex.string(w)).trim();
        if ((await text(c.init)) !== "") this.arithCommand(await text(c.init));
        let code = 0;
        for (;;) {
          this.budget.spend(1);
          const t = await text(c.test);
          if (t !== "" && this.arithCommand(t) === 0n) break;
          const r = await this.loopBody(c.body, io);
          code = r.code;
          if (r.brk) break;
          if ((await text(c.step)) !== "") this.arithCommand(await text(c.step));
        }
        return code;
      }
      case "while": {
        let code = 0;
        for (;;) {
          this.budget.spend(1);
          const cond = await this.condition(c.cond, io);
          if ((cond === 0) === c.until) break;
          const r = await this.loopBody(c.body, io);
          code = r.code;
          if (r.brk) break;
        }
        return code;
      }
      case "case":
        return this.runCase(c, io);
      case "arith": {
        const text = await this.ex.string(c.expr);
        this.trace(`(( ${text} ))`);
        try {
          return this.ex.arith(text, "((: ") === 0n ? 1 : 0;
        } catch (e) {
          if (!(e instanceof ExpansionError)) throw e;
          io.err.write(`${this.errPrefix()}${e.message}\n`);
          return 1;
        }
      }
      case "cond": {
        const r = await this.evalCond(c.expr, io);
        return r;
      }
    }
  }

  /** A loop's arithmetic: errors abandon the line like `$(( ))` does. */
  private arithCommand(text: string): bigint {
    return this.ex.arith(text, "((: ");
  }

  private async condition(cond: Script, io: IO): Promise<number> {
    this.condDepth++;
    try {
      return await this.runScript(cond, io);
    } finally {
      this.condDepth--;
    }
  }

  private async loopBody(body: Script, io: IO): Promise<{ code: number; brk: boolean }> {
    this.loopDepth++;
    try {
      return { code: await this.runScript(body, io), brk: false };
    } catch (e) {
      if (!(e instanceof LoopSignal)) throw e;
      if (e.levels > 1) {
        e.levels--;
        throw e;
      }
      return { code: 0, brk: e.kind === "break" };
    } finally {
      this.loopDepth--;
    }
  }

  private async runCase(c: Extract<Compound, { k: "case" }>, io: IO): Promise<number> {
    const word = await this.ex.string(c.word);
    this.trace(`case ${quoteForShell(word)} in`);
    let code = 0;
    let falling = false;
    for (let i = 0; i < c.items.length; i++) {
      const item = c.items[i];
      let hit = falling;
      for (const p of item.patterns) {
        if (hit) break;
        hit = matchWhole(word, await this.ex.pattern(p));
      }
      if (!hit) continue;
      code = await this.runScript(item.body, io);
      if (item.end === ";;") return code;
      falling = item.end === ";&";
    }
    return code;
  }

  // ---- [[ ]] ----

  private async evalCond(e: Cond, io: IO): Promise<number> {
    const words: string[] = [];
    try {
      const v = await this.cond(e, words);
      this.trace(`[[ ${words.join(" ")} ]]`);
      return v ? 0 : 1;
    } catch (err) {
      if (err instanceof ExpansionError && /^\[\[: /.test(err.message)) {
        io.err.write(`${this.errPrefix()}${err.message}\n`);
        return 1;
      }
      if (err instanceof TestError || err instanceof RegexError) {
        io.err.write(`${this.errPrefix()}${err.message}\n`);
        return 2;
      }
      throw err;
    }
  }

  private async cond(e: Cond, trace: string[]): Promise<boolean> {
    switch (e.k) {
      case "and":
        return (await this.cond(e.a, trace)) && (await this.cond(e.b, trace));
      case "or":
        return (await this.cond(e.a, trace)) || (await this.cond(e.b, trace));
      case "not":
        trace.push("!");
        return !(await this.cond(e.e, trace));
      case "word": {
        const s = await this.ex.string(e.w);
        trace.push(quoteForShell(s));
        return s !== "";
      }
      case "unary": {
        const s = await this.ex.string(e.w);
        trace.push(e.op, quoteForShell(s));
        return unaryTest(e.op, s, this.testEnv());
      }
      case "binary": {
        const l = await this.ex.string(e.l);
        if (e.op === "==" || e.op === "=" || e.op === "!=") {
          const pat = await this.ex.pattern(e.r);
          trace.push(quoteForShell(l), e.op, pat.map((g) => (g.lit && /[*?[\]\\]/.test(g.c) ? "\\" + g.c : g.c)).join(""));
          return matchWhole(l, pat) === (e.op !== "!=");
        }
        if (e.op === "=~") {
          const re = await this.ex.regex(e.r);
          trace.push(quoteForShell(l), e.op, re);
          return this.regexMatch(l, re);
        }
        const r = await this.ex.string(e.r);
        trace.push(quoteForShell(l), e.op, quoteForShell(r));
        if (/^-(eq|ne|lt|le|gt|ge)$/.test(e.op)) return compareInts(e.op, this.ex.arith(l, "[[: "), this.ex.arith(r, "[[: "));
        return binaryTest(e.op, l, r, this.testEnv());
      }
    }
  }

  /** `[[ s =~ re ]]` with the linear-time engine; sets BASH_REMATCH like bash. */
  private regexMatch(s: string, source: string): boolean {
    const re = new Regex(source, { ere: true, icase: false });
    const m = re.exec(s, 0);
    const items: Record<string, string> = {};
    if (m) m.groups.forEach((g, i) => setOwn(items, String(i), g === undefined ? "" : s.slice(g[0], g[1])));
    this.vars.setArray("BASH_REMATCH", items);
    return !!m;
  }

  // ---- subshells, substitutions, functions ----

  /** Runs `fn` as a subshell: variables, cwd, functions, aliases and options changed inside do not leak out. */
  async subshell(fn: () => Promise<number>, err: Sink): Promise<number> {
    const saved = this.snapshot();
    this.subshellDepth++;
    try {
      return await fn();
    } catch (e) {
      if (e instanceof ExitSignal || e instanceof ReturnSignal) return e.code;
      if (e instanceof LoopSignal) return 0;
      if (e instanceof ExpansionError) {
        err.write(`${this.errPrefix()}${e.message}\n`);
        return 1;
      }
      throw e;
    } finally {
      this.subshellDepth--;
      this.restore(saved);
    }
  }

  private snapshot(): { shell: ShellSnapshot; frames: Vars["frames"]; positional: string[] } {
    const sh = this.shell;
    const copy: ShellSnapshot = { ...sh, env: { ...sh.env } };
    if (sh.arrays) copy.arrays = Object.fromEntries(Object.entries(sh.arrays).map(([k, a]) => [k, { ...a, items: { ...a.items } }]));
    if (sh.functions) copy.functions = { ...sh.functions };
    if (sh.aliases) copy.aliases = { ...sh.aliases };
    if (sh.completions) copy.completions = { ...sh.completions };
    if (sh.options) copy.options = sh.options.slice();
    if (sh.unexported) copy.unexported = sh.unexported.slice();
    const frames = this.vars.frames.map(
      (f) => new Map([...f].map(([k, c]) => [k, c.kind === "array" ? { ...c, items: { ...c.items } } : { ...c }])),
    );
    return { shell: copy, frames, positional: this.positional.slice() };
  }

  private restore(s: ReturnType<Interpreter["snapshot"]>): void {
    const history = this.shell.history;
    this.d.state.shell = { ...s.shell, history };
    this.vars.frames = s.frames;
    this.positional = s.positional;
  }

  /** `$( )`: runs as a subshell and captures stdout; its status becomes the command's when it has no name. */
  private async substitute(script: Script): Promise<string> {
    if (this.substDepth >= LIMITS.maxNestingDepth) throw new LimitError(`maximum nesting depth exceeded (${LIMITS.maxNestingDepth})`);
    const capture = new BufferSink(LIMITS.maxPipeBytes, "command substitution");
    this.substDepth++;
    try {
      this.lastSubStatus = await this.subshell(
        () => this.runScript(script, { stdin: new InputStream(""), out: capture, err: this.currentErr }),
        this.currentErr,
      );
    } finally {
      this.substDepth--;
    }
    this.shell.lastExitCode = this.lastSubStatus;
    return capture.text;
  }

  /** stderr of the command being expanded (substitutions write their errors there) */
  currentErr: Sink = this.terminal;

  /** `<(cmd)`: its output becomes a file that exists while the command runs. `>(cmd)` discards what is written. */
  private async procsub(dir: "<" | ">", script: Script): Promise<string> {
    const path = `/dev/fd/${this.nextFd++}`;
    if (dir === ">") {
      this.ephemeral.set(path, "");
      return path;
    }
    const capture = new BufferSink(LIMITS.maxPipeBytes, "process substitution");
    await this.subshell(() => this.runScript(script, { stdin: new InputStream(""), out: capture, err: this.currentErr }), this.currentErr);
    this.ephemeral.set(path, capture.text);
    return path;
  }

  ephemeralMark(): Set<string> {
    return new Set(this.ephemeral.keys());
  }

  /** Drops the `<( )` files made since `mark`, after the command that used them. */
  releaseEphemeral(mark: Set<string>): void {
    for (const k of [...this.ephemeral.keys()]) if (!mark.has(k)) this.ephemeral.delete(k);
  }

  /** Descriptors opened by `exec 3>file` (fd 3 and up), seen by every later redirection. */
  readonly extraFds = new Map<number, Sink>();

  /** `exec` with only redirections: they apply to this shell from now on. */
  keepDescriptors(redirected: IO & { fds?: Map<number, Sink> }, io: IO): void {
    io.stdin = redirected.stdin;
    io.out = redirected.out;
    io.err = redirected.err;
    for (const [fd, s] of redirected.fds ?? []) if (fd > 2) this.extraFds.set(fd, s);
  }

  functionBody(name: string): Compound | undefined {
    const source = this.shell.functions?.[name];
    if (source === undefined || !Object.prototype.hasOwnProperty.call(this.shell.functions, name)) return undefined;
    let body = Interpreter.fnCache.get(source);
    if (!body) {
      const parsed = parse(source).script[0]?.first.commands[0];
      if (parsed?.k !== "function") return undefined;
      body = parsed.body;
      if (Interpreter.fnCache.size > 2000) Interpreter.fnCache.clear();
      Interpreter.fnCache.set(source, body);
    }
    return body;
  }

  async callFunction(name: string, args: string[], io: IO, temp: Map<string, string>): Promise<number> {
    const body = this.functionBody(name);
    if (!body) return 127;
    if (this.callDepth >= LIMITS.maxFunctionDepth) {
      io.err.write(`${this.errPrefix()}${name}: maximum function nesting level exceeded (${LIMITS.maxFunctionDepth})\n`);
      return 1;
    }
    const savedPositional = this.positional;
    const savedLine = this.lineNo;
    this.positional = args;
    this.vars.frames.push(new Map());
    if (temp.size) this.vars.temp.push(temp);
    this.callDepth++;
    this.funcDepth++;
    try {
      return await this.runCompound(body, io);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.code;
      throw e;
    } finally {
      this.callDepth--;
      this.funcDepth--;
      if (temp.size) this.vars.temp.pop();
      this.vars.frames.pop();
      this.positional = savedPositional;
      this.lineNo = savedLine;
    }
  }

  /** `source file args` and `eval`: runs in this shell; `return` ends it. */
  async sourceText(text: string, io: IO, args: string[] | undefined, isSource: boolean): Promise<number> {
    if (this.callDepth >= LIMITS.maxFunctionDepth) {
      io.err.write(`${this.errPrefix()}maximum source nesting level exceeded (${LIMITS.maxFunctionDepth})\n`);
      return 1;
    }
    const savedPositional = this.positional;
    if (args) this.positional = args;
    this.callDepth++;
    if (isSource) this.sourceDepth++;
    try {
      return await this.runSource(text, io, { interactive: !this.scriptName });
    } catch (e) {
      if (isSource && e instanceof ReturnSignal) return e.code;
      throw e;
    } finally {
      this.callDepth--;
      if (isSource) this.sourceDepth--;
      if (args) this.positional = savedPositional;
    }
  }

  /**
   * Runs a script as a new bash process would: it sees only exported variables, none of this
   * shell's functions, aliases or options, and its changes do not come back.
   */
  async runScriptFile(text: string, name: string, args: string[], io: IO, options: ShellOption[] = []): Promise<number> {
    if (this.callDepth >= LIMITS.maxFunctionDepth) {
      io.err.write(`bash: maximum nesting level exceeded (${LIMITS.maxFunctionDepth})\n`);
      return 1;
    }
    const saved = this.snapshot();
    const savedName = this.scriptName;
    const savedLine = this.lineNo;
    const savedDepths = [this.funcDepth, this.loopDepth, this.condDepth, this.sourceDepth];
    const sh = this.shell;
    sh.env = this.vars.exportedEnv();
    for (const k of ["unexported", "arrays", "functions", "aliases", "positional"] as const) delete sh[k];
    sh.options = options.length ? options.slice() : undefined;
    if (!sh.options) delete sh.options;
    this.vars.frames = [];
    this.positional = args;
    this.scriptName = name;
    [this.funcDepth, this.loopDepth, this.condDepth, this.sourceDepth] = [0, 0, 0, 0];
    this.callDepth++;
    this.subshellDepth++;
    try {
      return await this.runSource(text, io, { interactive: false });
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      if (e instanceof ReturnSignal || e instanceof LoopSignal) return 0;
      if (e instanceof ExpansionError) {
        io.err.write(`${this.errPrefix()}${e.message}\n`);
        return 1;
      }
      throw e;
    } finally {
      this.callDepth--;
      this.subshellDepth--;
      this.scriptName = savedName;
      this.lineNo = savedLine;
      [this.funcDepth, this.loopDepth, this.condDepth, this.sourceDepth] = savedDepths;
      this.restore(saved);
    }
  }

  /** Runs argv as bash would look it up (function, builtin, command, file). */
  dispatch(argv: string[], temp: Map<string, string>, io: IO): Promise<number> {
    return dispatch(this, argv, temp, io);
  }

  assign(a: Assignment, assoc?: boolean, beforeStore?: () => void): Promise<void> {
    return assign(this, a, undefined, assoc, beforeStore);
  }

  findCommand(name: string): Found {
    return findCommand(this, name);
  }

  /** `set -x`: `+ cmd args` on stderr, one `+` per level of command substitution. */
  trace(text: string): void {
    if (!this.option("xtrace")) return;
    const ps4 = this.vars.get("PS4") ?? "+ ";
    this.currentErr.write(`${(ps4[0] ?? "").repeat(this.substDepth)}${ps4}${text}\n`);
  }
}
