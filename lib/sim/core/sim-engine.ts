/**
 * The simulator's machinery, independent of which commands and cluster builder are plugged in
 * (lib/sim/simulator.ts plugs in the real ones; tests plug in coreutils and stubs). It owns the
 * exec queue, the limits on input, the per-line delta and the clock.
 */
import { resolvePath, Vfs } from "../fs/vfs";
import { needsMoreInput } from "../shell/parser";
import { Interpreter, type Handover } from "../shell/interpreter";
import { complete, type Completion } from "../shell/complete";
import type { KObject } from "../api/types";
import { storeFor } from "../api/store";
import type { ClusterState, Clock, Command, CommandContext, FsNode, KeySource, OpenEditor } from "../types";
import { Foreground, type ResumeHandlers, type TerminalMode, type TerminalStep } from "./foreground";
import { LIMITS } from "./limits";
import { nextRandom, type RngState } from "./rng";
import type { Timeline } from "../time/timeline";
import { isPacked, pack, type PackedState } from "./pack";
import { migrateAndValidate, migrateInPlace } from "./state-schema";

/** A state as saved: packed (core/pack.ts), or an older unpacked one. */
export type SavedState = PackedState | ClusterState;

export interface SimDeps {
  clock: Clock;
  keys: KeySource;
}

/** What one command line changed: enough to bring a persisted copy up to date. */
export interface StateDelta {
  fs: Record<string, FsNode | null>;
  /**
   * The API objects the line wrote, by store key (null: deleted); absent when none changed.
   * Deltas saved before the object store (state version 1) held every object here in the old
   * `{nodes, pods, namespaces, services, csrs}` shape; applyDelta still reads them.
   */
  objects?: Record<string, KObject | null>;
  shell: ClusterState["shell"];
  /**
   * The shell's functions are as the previous delta left them, and `shell` leaves them out. They
   * are mostly bash completion (~12 KiB, from .bashrc) and rarely change, so without this every
   * command's event would carry them again.
   */
  sameFunctions?: true;
  rng: RngState;
  resourceVersion: number;
  clockOffsetMs: number;
  /** the open editor after this change (null: it closed); absent when it did not change */
  editor?: OpenEditor | null;
  /** the controllers' timed event queue after the line (whole: it is small); absent when the state has none */
  timeline?: Timeline;
  /** the stored container log lines after the line (whole: bounded, kubelet/stored-logs.ts); absent when the state has none */
  containerLogs?: ClusterState["containerLogs"];
  /** the workers' changed files and kubelets after the line (whole: small, nodes/hosts.ts); absent when the state has none */
  hosts?: ClusterState["hosts"];
  /** the files in the nodes' volume directories after the line (whole: bounded by LIMITS.maxVolumeBytes); absent when the state has none */
  nodeVolumes?: ClusterState["nodeVolumes"];
}

export interface LineResult {
  /** stdout and stderr interleaved in order, "\n" line ends */
  output: string;
  exitCode: number;
  clear: boolean;
  exit: boolean;
  delta: StateDelta;
  /** who holds the terminal after the line: the prompt, an editor (raw) or a foreground program */
  mode: TerminalMode;
  /** the editor's or program's first screen, after `output` */
  screen?: string;
  /** a program's next step on the cluster clock */
  nextAt?: number | null;
}

/** A step of the editor or program holding the terminal; `delta` when it must be persisted (or a checkpoint was asked for). */
export interface ForegroundResult extends TerminalStep {
  delta?: StateDelta;
}

export type { TerminalMode } from "./foreground";

/**
 * The container shell the terminal may be attached to (kubectl exec -it, kubectl run -it:
 * commands/kubectl/exec-session.ts): while `state.shell.attached` is set, its prompt is shown and
 * each line runs there instead of in the node's shell.
 */
export interface AttachedShellHost {
  prompt(state: ClusterState): string;
  run(line: string, ctx: CommandContext): Promise<{ output: string; exitCode: number; handover?: Handover }>;
  /** the files of the node a shell over ssh is on, when it is not the engine's own */
  files?(state: ClusterState, cpFs: Vfs, now: () => number, random: () => number): Vfs | undefined;
  /** Tab at the container's prompt (its commands and files) */
  complete?(line: string, cursor: number, state: ClusterState, now: number): Completion;
}

const isV1Objects = (o: unknown): boolean => !!o && typeof o === "object" && Array.isArray((o as { nodes?: unknown }).nodes);

/**
 * Applies a delta to a persisted copy of the state, in place. A version-1 snapshot takes its
 * version-1 deltas as they were, and is migrated before the first version-2 delta.
 */
export function applyDelta(saved: SavedState, delta: StateDelta): void {
  if (isPacked(saved)) return applyToPacked(saved, delta);
  const state = saved;
  const v1Delta = isV1Objects(delta.objects);
  // deltas without objects (files, shell) apply to either version alike
  if (state.version < 2 && delta.objects && !v1Delta) migrateInPlace(state as unknown as Record<string, unknown>);
  if (v1Delta && state.version >= 2) throw new Error("invalid cluster state: a version-1 delta follows a version-2 state");
  for (const [path, node] of Object.entries(delta.fs)) {
    if (node) state.fs[path] = structuredClone(node);
    else delete state.fs[path];
  }
  if (v1Delta) state.objects = structuredClone(delta.objects) as unknown as ClusterState["objects"];
  else {
    for (const [key, obj] of Object.entries(delta.objects ?? {})) {
      if (obj) state.objects[key] = structuredClone(obj);
      else delete state.objects[key];
    }
  }
  state.shell = shellAfter(delta, state.shell);
  state.rng = [...delta.rng] as RngState;
  state.resourceVersion = delta.resourceVersion;
  state.clockOffsetMs = delta.clockOffsetMs;
  if (delta.timeline) state.timeline = structuredClone(delta.timeline);
  if (delta.containerLogs) state.containerLogs = structuredClone(delta.containerLogs);
  if (delta.hosts) state.hosts = structuredClone(delta.hosts);
  if (delta.nodeVolumes) state.nodeVolumes = structuredClone(delta.nodeVolumes);
  applyEditor(state, delta);
}

/** The shell a delta leaves: its own, with the functions from before when it says they did not change. */
function shellAfter(delta: StateDelta, before: ClusterState["shell"]): ClusterState["shell"] {
  const shell = structuredClone(delta.shell);
  if (delta.sameFunctions && before.functions) shell.functions = structuredClone(before.functions);
  return shell;
}

function applyEditor(state: { editor?: OpenEditor }, delta: StateDelta): void {
  if (delta.editor === undefined) return;
  if (delta.editor) state.editor = structuredClone(delta.editor);
  else delete state.editor;
}

/** A delta on a packed state: files and objects go in as they are; references to a changed file are resolved first. */
function applyToPacked(p: PackedState, delta: StateDelta): void {
  for (const [path, node] of Object.entries(delta.fs)) {
    for (const [other, n] of Object.entries(p.fs)) {
      if (n.type !== "file" || !("same" in n) || n.same !== path) continue;
      const target = p.fs[path];
      if (target && target.type === "file")
        p.fs[other] = {
          type: "file",
          mode: n.mode,
          ...(n.mtime !== undefined ? { mtime: n.mtime } : {}),
          ...("same" in target
            ? { same: target.same }
            : "generated" in target
              ? { content: "" }
              : "parts" in target
                ? { parts: target.parts }
                : { content: target.content }),
        };
    }
    if (node) p.fs[path] = structuredClone(node);
    else delete p.fs[path];
  }
  for (const [key, obj] of Object.entries(delta.objects ?? {})) {
    if (obj) {
      p.objects[key] = structuredClone(obj);
      p.removedObjects = p.removedObjects.filter((k) => k !== key);
    } else {
      delete p.objects[key];
      if (!p.removedObjects.includes(key)) p.removedObjects.push(key);
    }
  }
  p.shell = shellAfter(delta, p.shell);
  p.rng = [...delta.rng] as RngState;
  p.resourceVersion = delta.resourceVersion;
  p.clockOffsetMs = delta.clockOffsetMs;
  if (delta.timeline) p.timeline = structuredClone(delta.timeline);
  if (delta.containerLogs) p.containerLogs = structuredClone(delta.containerLogs);
  if (delta.hosts) p.hosts = structuredClone(delta.hosts);
  if (delta.nodeVolumes) p.nodeVolumes = structuredClone(delta.nodeVolumes);
  applyEditor(p, delta);
}

export class SimEngine {
  readonly vfs: Vfs;
  protected readonly commands: ReadonlyMap<string, Command>;
  /** The shell's functions (JSON) as the saved state holds them after the last delta (StateDelta.sameFunctions). */
  private functionsInLastDelta: string;
  private queue: Promise<unknown> = Promise.resolve();
  /** the editor or program holding the terminal, if any */
  private readonly foreground: Foreground;

  constructor(
    readonly state: ClusterState,
    protected readonly deps: SimDeps,
    commands: Iterable<Command>,
    resumers: Partial<ResumeHandlers> = {},
    private readonly attached?: AttachedShellHost,
  ) {
    this.commands = new Map([...commands].map((c) => [c.name, c]));
    this.functionsInLastDelta = JSON.stringify(state.shell.functions ?? null);
    this.vfs = new Vfs(state.fs, () => this.now(), { random: () => this.random() });
    const files = () => this.activeFiles();
    this.foreground = new Foreground(
      {
        state,
        get vfs() {
          return files();
        },
        now: () => this.now(),
        commandContext: () => this.commandContext(),
        runCaptured: (line) => this.runCaptured(line),
      },
      resumers,
    );
  }

  /** Loads a saved state with the given commands; throws a clear Error on garbage. */
  static restoreWith(saved: unknown, deps: SimDeps, commands: Iterable<Command>): SimEngine {
    return new SimEngine(migrateAndValidate(saved), deps, commands);
  }

  now(): number {
    return this.deps.clock.now() + this.state.clockOffsetMs;
  }

  /** The files of the node the terminal is on (an editor opened over ssh edits that node's); the engine's own otherwise. */
  private activeFiles(): Vfs {
    return (
      (this.state.shell.ssh &&
        this.attached?.files?.(
          this.state,
          this.vfs,
          () => this.now(),
          () => this.random(),
        )) ||
      this.vfs
    );
  }

  advanceClock(ms: number): void {
    if (!Number.isFinite(ms)) throw new Error("advanceClock: ms must be a finite number");
    this.state.clockOffsetMs += ms;
  }

  private random(): number {
    return nextRandom(this.state.rng);
  }

  prompt(): string {
    if ((this.state.shell.attached || this.state.shell.ssh) && this.attached) return this.attached.prompt(this.state);
    const home = this.state.shell.env.HOME ?? "/root";
    const cwd = this.state.shell.cwd;
    const shown = cwd === home ? "~" : cwd.startsWith(home + "/") ? "~" + cwd.slice(home.length) : cwd;
    return `${this.state.config.controlPlane.name}:${shown}$ `;
  }

  needsMoreInput(text: string): boolean {
    return text.length <= LIMITS.maxInputBytes && needsMoreInput(text, this.state.shell.aliases);
  }

  complete(line: string, cursor: number): Completion {
    if ((this.state.shell.attached || this.state.shell.ssh) && this.attached?.complete)
      return this.attached.complete(line, cursor, this.state, this.now());
    return complete(line, cursor, this.state, this.vfs, this.commands);
  }

  /** The state as saved: JSON-safe, packed against what can be recomputed (core/pack.ts). */
  serialize(): SavedState {
    return pack(this.state);
  }

  /**
   * Runs one input; calls are queued so async commands never interleave on one cluster. `size`: the
   * attached terminal (an editor opens on it, a program holds it); without one (the course replay,
   * `npm run sim`) a program the line starts runs to its end on the simulated clock at once.
   */
  exec(line: string, size?: { cols: number; rows: number }): Promise<LineResult> {
    return this.queued(() => this.execNow(line, size));
  }

  /**
   * Ctrl-D at an empty prompt: the shell reads end of input and exits as `exit` would. bash 5.2 on
   * a pty writes readline's newline after the prompt, then the same word `exit` would print
   * ("exit", or "logout" in a node's login shell, followed by OpenSSH's "Connection to node01
   * closed."): `$ ` ESC[?2004l "\r\r\n" "logout\r\n", captured with `script`. The whole text is the
   * simulator's; the terminal server echoes nothing of its own.
   */
  endOfInput(size?: { cols: number; rows: number }): Promise<LineResult> {
    return this.queued(async () => {
      const r = await this.execNow("exit", size);
      return { ...r, output: `\n${r.output}` };
    });
  }

  /** Who holds the terminal: the prompt (line), an editor (raw) or a program. */
  terminalMode(): TerminalMode {
    return this.foreground.mode();
  }

  /** Raw input for the open editor. `checkpoint`: include the editor's state in a delta even if nothing durable happened. */
  editorInput(data: string, checkpoint = false): Promise<ForegroundResult> {
    return this.queued(() => this.withDelta(() => this.foreground.editorInput(data), checkpoint));
  }

  /** The running program's next step (at or after its nextAt). */
  programTick(): Promise<ForegroundResult> {
    return this.queued(() => this.withDelta(() => this.foreground.tick(), false));
  }

  /** Ctrl-C for the running program. */
  programInterrupt(): Promise<ForegroundResult> {
    return this.queued(() => this.withDelta(async () => this.foreground.interrupt(), false));
  }

  /** The open editor's state as a delta, to persist while it changes (a checkpoint). */
  editorCheckpoint(): Promise<StateDelta> {
    return this.queued(async () => this.collectDelta(true));
  }

  /**
   * Runs `fn` on the cluster in turn with the terminal's lines (an API request from the learner's
   * own kubectl, lib/sim/api/http): what it changed comes back as a delta to persist, or none when
   * it changed nothing (a read). The random source, the resource version and the controllers' timeline count as changes, so a
   * replay from the saved deltas reaches the same state.
   */
  transact<T>(fn: () => Promise<T>): Promise<{ value: T; delta?: StateDelta }> {
    return this.queued(async () => {
      this.vfs.drainJournal();
      storeFor(this.state).drainJournal();
      const mark = () =>
        `${this.state.rng.join(",")}|${this.state.resourceVersion}|${JSON.stringify(this.state.timeline ?? null)}|${JSON.stringify(this.state.containerLogs ?? null)}|${JSON.stringify(this.state.hosts ?? null)}|${JSON.stringify(this.state.nodeVolumes ?? null)}`;
      const before = mark();
      const value = await fn();
      const fs = this.vfs.drainJournal();
      const keys = storeFor(this.state).drainJournal();
      const changed = fs.length > 0 || keys.length > 0 || mark() !== before;
      return changed ? { value, delta: this.deltaOf(fs, keys, false) } : { value };
    });
  }

  /** The whole screen of the editor or program ("" at the prompt), for a tab that attaches. */
  terminalScreen(): Promise<string> {
    return this.queued(async () => this.foreground.render());
  }

  /** The terminal's size changed (the tab that typed or resized last): the editor's redraw, if one is open. */
  resizeTerminal(cols: number, rows: number): Promise<string> {
    return this.queued(async () => this.foreground.resize(cols, rows));
  }

  private queued<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async withDelta(fn: () => Promise<TerminalStep>, checkpoint: boolean): Promise<ForegroundResult> {
    this.vfs.drainJournal();
    storeFor(this.state).drainJournal();
    const volumes = this.state.nodeVolumes;
    const step = await fn();
    const fs = this.vfs.drainJournal();
    const keys = storeFor(this.state).drainJournal();
    // volume-data.ts replaces the map on every write, so a changed identity is a change
    const durable = step.durable || fs.length > 0 || keys.length > 0 || this.state.nodeVolumes !== volumes;
    if (!durable && !checkpoint) return step;
    const delta = this.deltaOf(fs, keys, step.mode === "raw" || step.ended !== undefined || checkpoint);
    return { ...step, durable, delta };
  }

  private collectDelta(withEditor: boolean): StateDelta {
    return this.deltaOf(this.vfs.drainJournal(), storeFor(this.state).drainJournal(), withEditor);
  }

  private deltaOf(paths: string[], keys: string[], withEditor: boolean): StateDelta {
    const fs: Record<string, FsNode | null> = {};
    for (const p of paths) fs[p] = this.state.fs[p] ? structuredClone(this.state.fs[p]) : null;
    const functions = JSON.stringify(this.state.shell.functions ?? null);
    const sameFunctions = functions === this.functionsInLastDelta;
    this.functionsInLastDelta = functions;
    const shell = structuredClone(this.state.shell);
    if (sameFunctions) delete shell.functions;
    const delta: StateDelta = {
      fs,
      shell,
      ...(sameFunctions ? { sameFunctions: true as const } : {}),
      rng: [...this.state.rng] as RngState,
      resourceVersion: this.state.resourceVersion,
      clockOffsetMs: this.state.clockOffsetMs,
      ...(this.state.timeline ? { timeline: structuredClone(this.state.timeline) } : {}),
      ...(this.state.containerLogs ? { containerLogs: structuredClone(this.state.containerLogs) } : {}),
      ...(this.state.hosts ? { hosts: structuredClone(this.state.hosts) } : {}),
      ...(this.state.nodeVolumes ? { nodeVolumes: structuredClone(this.state.nodeVolumes) } : {}),
    };
    if (keys.length) {
      const objects: Record<string, KObject | null> = {};
      for (const k of keys) objects[k] = this.state.objects[k] ? structuredClone(this.state.objects[k]) : null;
      delta.objects = objects;
    }
    if (withEditor) delta.editor = this.state.editor ? structuredClone(this.state.editor) : null;
    return delta;
  }

  private interpreter(): Interpreter {
    return new Interpreter({
      state: this.state,
      vfs: this.vfs,
      commands: this.commands,
      keys: this.deps.keys,
      now: () => this.now(),
      random: () => this.random(),
    });
  }

  /** `sh -c line` for a program (watch): a copy of the shell without aliases or functions, as sh starts; the shell is put back after. */
  private async runCaptured(line: string): Promise<string> {
    const saved = this.state.shell;
    const copy = structuredClone(saved);
    delete copy.aliases;
    delete copy.functions;
    copy.started = true;
    this.state.shell = copy;
    try {
      const r = await this.interpreter().runText(line);
      return r.handover ? `${r.output}sh: the command needs a terminal of its own\n` : r.output;
    } finally {
      this.state.shell = saved;
    }
  }

  private commandContext(): CommandContext {
    const env: Record<string, string> = {};
    const unexported = new Set(this.state.shell.unexported ?? []);
    for (const [k, v] of Object.entries(this.state.shell.env)) if (!unexported.has(k)) env[k] = v;
    return {
      state: this.state,
      fs: this.vfs,
      resolve: (p) => resolvePath(this.state.shell.cwd, p, this.state.shell.env.HOME ?? "/root"),
      args: [],
      stdin: "",
      env,
      now: this.now(),
      keys: this.deps.keys,
      random: () => this.random(),
    };
  }

  private async execNow(line: string, size?: { cols: number; rows: number }): Promise<LineResult> {
    this.vfs.drainJournal();
    storeFor(this.state).drainJournal();
    let r: { output: string; exitCode: number; clear?: boolean; exit?: boolean; handover?: Handover };
    try {
      r = await this.runLine(line);
    } catch {
      // the interpreter already rolled back the failing command; this is a last resort
      r = { output: "bash: internal error\n", exitCode: 1 };
      this.state.shell.lastExitCode = 1;
    }
    if (size) this.foreground.size = { cols: size.cols, rows: size.rows };
    let screen: string | undefined;
    let nextAt: number | null | undefined;
    let output = r.output;
    let exitCode = r.exitCode;
    if (r.handover?.editor) screen = this.foreground.openEditor(r.handover.editor);
    else if (r.handover?.program) {
      // no size: no terminal is attached to this line, so the program runs to its end on the simulated clock (programs/README.md)
      const step = size
        ? await this.foreground.startProgram(r.handover.program)
        : await this.foreground.runUnattended(r.handover.program, (ms) => this.advanceClock(ms));
      if (step.ended) [output, exitCode] = [output + step.ended.transcript, step.ended.exitCode];
      else [screen, nextAt] = [step.output, step.nextAt];
    }
    const delta = this.collectDelta(screen !== undefined && this.state.editor !== undefined);
    const mode = this.foreground.mode();
    return {
      output,
      exitCode,
      clear: !!r.clear,
      exit: !!r.exit,
      delta,
      mode,
      ...(screen !== undefined ? { screen } : {}),
      ...(nextAt !== undefined ? { nextAt } : {}),
    };
  }

  private async runLine(line: string) {
    const shell = this.state.shell;
    if (Buffer.byteLength(line) > LIMITS.maxInputBytes) {
      shell.lastExitCode = 1;
      return { output: `bash: input too long (at most ${LIMITS.maxInputBytes} bytes)\n`, exitCode: 1 };
    }
    const text = line.replace(/\r\n?/g, "\n");
    if (shell.attached || shell.ssh) {
      if (this.attached) return this.attached.run(text, this.commandContext());
      delete shell.attached;
      delete shell.ssh;
    }
    if (text.trim()) {
      shell.history.push(text.replace(/\n+$/, ""));
      if (shell.history.length > LIMITS.maxHistory) shell.history.splice(0, shell.history.length - LIMITS.maxHistory);
    }
    const interp = this.interpreter();
    // a new shell reads ~/.bashrc first (`alias k=kubectl`, kubectl completion)
    if (!shell.started) await interp.startShell();
    return interp.runText(text);
  }
}
