/**
 * The simulator's machinery, independent of which commands and cluster builder are plugged in
 * (lib/sim/simulator.ts plugs in the real ones; tests plug in coreutils and stubs). It owns the
 * exec queue, the limits on input, the per-line delta and the clock.
 */
import { Vfs } from "../fs/vfs";
import { needsMoreInput } from "../shell/parser";
import { Interpreter } from "../shell/interpreter";
import { complete, type Completion } from "../shell/complete";
import type { KObject } from "../api/types";
import { storeFor } from "../api/store";
import type { ClusterState, Clock, Command, FsNode, KeySource } from "../types";
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
  rng: RngState;
  resourceVersion: number;
  clockOffsetMs: number;
  /** the controllers' timed event queue after the line (whole: it is small); absent when the state has none */
  timeline?: Timeline;
}

export interface LineResult {
  /** stdout and stderr interleaved in order, "\n" line ends */
  output: string;
  exitCode: number;
  clear: boolean;
  exit: boolean;
  delta: StateDelta;
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
  state.shell = structuredClone(delta.shell);
  state.rng = [...delta.rng] as RngState;
  state.resourceVersion = delta.resourceVersion;
  state.clockOffsetMs = delta.clockOffsetMs;
  if (delta.timeline) state.timeline = structuredClone(delta.timeline);
}

/** A delta on a packed state: files and objects go in as they are; references to a changed file are resolved first. */
function applyToPacked(p: PackedState, delta: StateDelta): void {
  for (const [path, node] of Object.entries(delta.fs)) {
    for (const [other, n] of Object.entries(p.fs)) {
      if (n.type !== "file" || !("same" in n) || n.same !== path) continue;
      const target = p.fs[path];
      if (target && target.type === "file") p.fs[other] = { type: "file", mode: n.mode, ...(n.mtime !== undefined ? { mtime: n.mtime } : {}), ...("same" in target ? { same: target.same } : "generated" in target ? { content: "" } : "parts" in target ? { parts: target.parts } : { content: target.content }) };
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
  p.shell = structuredClone(delta.shell);
  p.rng = [...delta.rng] as RngState;
  p.resourceVersion = delta.resourceVersion;
  p.clockOffsetMs = delta.clockOffsetMs;
  if (delta.timeline) p.timeline = structuredClone(delta.timeline);
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

  /** The state as saved: JSON-safe, packed against what can be recomputed (core/pack.ts). */
  serialize(): SavedState {
    return pack(this.state);
  }

  /** Runs one input; calls are queued so async commands never interleave on one cluster. */
  exec(line: string): Promise<LineResult> {
    const run = this.queue.then(() => this.execNow(line));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async execNow(line: string): Promise<LineResult> {
    this.vfs.drainJournal();
    storeFor(this.state).drainJournal();
    let r: { output: string; exitCode: number; clear?: boolean; exit?: boolean };
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
      ...(this.state.timeline ? { timeline: structuredClone(this.state.timeline) } : {}),
    };
    const keys = storeFor(this.state).drainJournal();
    if (keys.length) {
      const objects: Record<string, KObject | null> = {};
      for (const k of keys) objects[k] = this.state.objects[k] ? structuredClone(this.state.objects[k]) : null;
      delta.objects = objects;
    }
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
