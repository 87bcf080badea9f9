/**
 * The simulator's machinery, independent of which commands and cluster builder are plugged in
 * (lib/sim/simulator.ts plugs in the real ones; tests plug in coreutils and stubs). It owns the
 * exec queue, the limits on input, the per-line delta and the clock.
 */
import { Vfs } from "../fs/vfs";
import { needsMoreInput } from "../shell/parser";
import { Interpreter } from "../shell/interpreter";
import { complete, type Completion } from "../shell/complete";
import type { ClusterObjects, ClusterState, Clock, Command, FsNode, KeySource } from "../types";
import { LIMITS } from "./limits";
import { nextRandom, type RngState } from "./rng";
import { migrateAndValidate } from "./state-schema";

export interface SimDeps {
  clock: Clock;
  keys: KeySource;
}

/** What one command line changed: enough to bring a persisted copy up to date. */
export interface StateDelta {
  fs: Record<string, FsNode | null>;
  /** present only when API objects may have changed */
  objects?: ClusterObjects;
  shell: ClusterState["shell"];
  rng: RngState;
  resourceVersion: number;
  clockOffsetMs: number;
}

export interface LineResult {
  /** stdout and stderr interleaved in order, "\n" line ends */
  output: string;
  exitCode: number;
  clear: boolean;
  exit: boolean;
  delta: StateDelta;
}

/** Applies a delta to a persisted copy of the state, in place. */
export function applyDelta(state: ClusterState, delta: StateDelta): void {
  for (const [path, node] of Object.entries(delta.fs)) {
    if (node) state.fs[path] = structuredClone(node);
    else delete state.fs[path];
  }
  if (delta.objects) state.objects = structuredClone(delta.objects);
  state.shell = structuredClone(delta.shell);
  state.rng = [...delta.rng] as RngState;
  state.resourceVersion = delta.resourceVersion;
  state.clockOffsetMs = delta.clockOffsetMs;
}

export class SimEngine {
  readonly vfs: Vfs;
  protected readonly commands: ReadonlyMap<string, Command>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly state: ClusterState,
    protected readonly deps: SimDeps,
    commands: Iterable<Command>,
  ) {
    this.commands = new Map([...commands].map((c) => [c.name, c]));
    this.vfs = new Vfs(state.fs, () => this.now(), { random: () => this.random() });
  }

  /** Loads a saved state with the given commands; throws a clear Error on garbage. */
  static restoreWith(saved: unknown, deps: SimDeps, commands: Iterable<Command>): SimEngine {
    return new SimEngine(migrateAndValidate(saved), deps, commands);
  }

  now(): number {
    return this.deps.clock.now() + this.state.clockOffsetMs;
  }

  advanceClock(ms: number): void {
    if (!Number.isFinite(ms)) throw new Error("advanceClock: ms must be a finite number");
    this.state.clockOffsetMs += ms;
  }

  private random(): number {
    return nextRandom(this.state.rng);
  }

  prompt(): string {
    const home = this.state.shell.env.HOME ?? "/root";
    const cwd = this.state.shell.cwd;
    const shown = cwd === home ? "~" : cwd.startsWith(home + "/") ? "~" + cwd.slice(home.length) : cwd;
    return `${this.state.config.controlPlane.name}:${shown}$ `;
  }

  needsMoreInput(text: string): boolean {
    return text.length <= LIMITS.maxInputBytes && needsMoreInput(text, this.state.shell.aliases);
  }

  complete(line: string, cursor: number): Completion {
    return complete(line, cursor, this.state, this.vfs, this.commands);
  }

  /** JSON-safe deep copy of the whole state. */
  serialize(): ClusterState {
    return structuredClone(this.state);
  }

  /** Runs one input; calls are queued so async commands never interleave on one cluster. */
  exec(line: string): Promise<LineResult> {
    const run = this.queue.then(() => this.execNow(line));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async execNow(line: string): Promise<LineResult> {
    const rv = this.state.resourceVersion;
    this.vfs.drainJournal();
    let r: { output: string; exitCode: number; clear?: boolean; exit?: boolean; mutated?: boolean };
    try {
      r = await this.runLine(line);
    } catch {
      // the interpreter already rolled back the failing command; this is a last resort
      r = { output: "bash: internal error\n", exitCode: 1 };
      this.state.shell.lastExitCode = 1;
    }
    const fs: Record<string, FsNode | null> = {};
    for (const p of this.vfs.drainJournal()) fs[p] = this.state.fs[p] ? structuredClone(this.state.fs[p]) : null;
    const delta: StateDelta = {
      fs,
      shell: structuredClone(this.state.shell),
      rng: [...this.state.rng] as RngState,
      resourceVersion: this.state.resourceVersion,
      clockOffsetMs: this.state.clockOffsetMs,
    };
    if (r.mutated || this.state.resourceVersion !== rv) delta.objects = structuredClone(this.state.objects);
    return { output: r.output, exitCode: r.exitCode, clear: !!r.clear, exit: !!r.exit, delta };
  }

  private async runLine(line: string) {
    const shell = this.state.shell;
    if (Buffer.byteLength(line) > LIMITS.maxInputBytes) {
      shell.lastExitCode = 1;
      return { output: `bash: input too long (at most ${LIMITS.maxInputBytes} bytes)\n`, exitCode: 1 };
    }
    const text = line.replace(/\r\n?/g, "\n");
    if (text.trim()) {
      shell.history.push(text.replace(/\n+$/, ""));
      if (shell.history.length > LIMITS.maxHistory) shell.history.splice(0, shell.history.length - LIMITS.maxHistory);
    }
    const interp = new Interpreter({
      state: this.state,
      vfs: this.vfs,
      commands: this.commands,
      keys: this.deps.keys,
      now: () => this.now(),
      random: () => this.random(),
    });
    // a new shell reads ~/.bashrc first (`alias k=kubectl`, kubectl completion)
    if (!shell.started) await interp.startShell();
    return interp.runText(text);
  }
}
