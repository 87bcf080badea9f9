/**
 * The main thread's side of an editor or a foreground program holding a learner's terminal
 * (lib/sim/core/foreground.ts runs them in the learner's simulator worker). It routes raw input,
 * persists what is durable before its output is sent (a written file, the end), checkpoints an
 * editor's unsaved keystrokes at most every EDITOR_CHECKPOINT_MS, and steps a program on a timer
 * that runs only while a tab is attached. See docs/decisions.md, "Editor keystrokes".
 */
import "server-only";
import { randomUUID } from "node:crypto";
import type { ServerMessage } from "@/lib/terminal/protocol";
import type { ForegroundStepResult } from "@/lib/server/workers/sim-jobs";
import type { RemoteSim } from "./sim-host";

/** An open editor's unsaved keystrokes are persisted at most this long after they were typed (a crash loses at most this much typing). */
export const EDITOR_CHECKPOINT_MS = 2000;
/** The longest a program's timer waits before asking again (setTimeout's limit is ~24.8 days). */
const MAX_TIMER_MS = 3_600_000;

/** What the foreground needs from its LiveSession. */
export interface ForegroundSession {
  readonly sim: RemoteSim;
  /** tabs attached now */
  tabs(): number;
  isClosed(): boolean;
  /** runs on the session's queue, in order with every other input */
  enqueue(fn: () => Promise<void>): Promise<void>;
  persist(ev: { commandId: string; line: string; output: string; delta: unknown }): Promise<void>;
  broadcast(msg: ServerMessage): void;
  appendScrollback(text: string): void;
}

export class TerminalForeground {
  private editorDirty = false;
  private checkpointTimer: NodeJS.Timeout | null = null;
  /** a program's next step (cluster clock) and its timer */
  private programNextAt: number | null = null;
  private programTimer: NodeJS.Timeout | null = null;

  constructor(private readonly s: ForegroundSession) {}

  /** Input while an editor (raw) or a program holds the terminal. */
  async input(mode: "raw" | "program", data: string): Promise<void> {
    if (mode === "raw") return this.editorInput(data);
    // a program takes no line input; Ctrl-C stops it
    if (data.includes("\x03")) await this.programStep(await this.s.sim.programInterrupt());
  }

  /** A line's command took the terminal: a program's first step is due at `nextAt`. */
  programStarted(nextAt: number | null): void {
    this.programAt(nextAt);
  }

  /**
   * The cluster changed from outside the terminal (the learner's own kubectl): a running program
   * steps now instead of at its next scheduled wake, so a `kubectl get pods -w` shows the change
   * at once. Programs that follow the clock alone (sleep, watch's interval) only redraw early.
   */
  clusterChanged(): void {
    if (this.programNextAt !== null) this.programAt(this.s.sim.now());
  }

  /** A tab attached while a program runs: it resumes (late steps catch up at once). */
  attached(): void {
    if (this.s.sim.mode() === "program") this.scheduleTick();
  }

  /** The last tab left: a program waits, typing is saved now. */
  lastDetached(): void {
    if (this.programTimer) clearTimeout(this.programTimer);
    this.programTimer = null;
    if (this.editorDirty) void this.flush();
  }

  /** Persists an open editor's unsaved keystrokes now (the last tab left, or the server stops). */
  flush(): Promise<void> {
    return this.s.enqueue(() => this.checkpoint());
  }

  /** Forget timers and unsaved state (the cluster is being replaced or unloaded). */
  stop(): void {
    for (const t of [this.programTimer, this.checkpointTimer]) if (t) clearTimeout(t);
    this.programTimer = this.checkpointTimer = null;
    this.programNextAt = null;
    this.editorDirty = false;
  }

  /** Raw input for the open editor, in the worker. A written file or the editor's exit is persisted before its output is sent. */
  private async editorInput(data: string): Promise<void> {
    const r = await this.s.sim.editorInput(data, false);
    if (r.delta) {
      const transcript = (r.ended?.transcript ?? r.printed ?? "").replace(/\r?\n/g, "\r\n");
      await this.s.persist({ commandId: randomUUID(), line: "", output: transcript, delta: r.delta });
      this.editorDirty = false;
      this.s.appendScrollback(transcript);
    } else this.markEditorDirty();
    if (!r.ended) return this.s.broadcast({ t: "output", d: r.output });
    this.s.broadcast({ t: "output", d: r.output + this.s.sim.prompt() });
    this.s.broadcast({ t: "mode", mode: "line" });
  }

  private markEditorDirty(): void {
    this.editorDirty = true;
    if (this.checkpointTimer) return;
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = null;
      void this.flush();
    }, EDITOR_CHECKPOINT_MS);
    this.checkpointTimer.unref();
  }

  /** The open editor's state as an event (no line, no output): what a restart finds. */
  private async checkpoint(): Promise<void> {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = null;
    if (!this.editorDirty || this.s.sim.mode() !== "raw") return;
    this.editorDirty = false;
    await this.s.persist({ commandId: randomUUID(), line: "", output: "", delta: await this.s.sim.editorCheckpoint() });
  }

  /** A program's step: output to every tab; when it ended, its event and the prompt. */
  private async programStep(r: ForegroundStepResult): Promise<void> {
    const transcript = r.ended ? r.ended.transcript.replace(/\r?\n/g, "\r\n") : "";
    if (r.delta) await this.s.persist({ commandId: randomUUID(), line: "", output: transcript, delta: r.delta });
    if (!r.ended) {
      if (r.output) this.s.broadcast({ t: "output", d: r.output });
      return this.programAt(r.nextAt ?? null);
    }
    this.programAt(null);
    this.s.appendScrollback(transcript);
    this.s.broadcast({ t: "output", d: r.output + this.s.sim.prompt() });
  }

  private programAt(nextAt: number | null): void {
    this.programNextAt = nextAt;
    this.scheduleTick();
  }

  /** Arms the program's timer, only while a tab is attached (a closed tab costs nothing). */
  private scheduleTick(): void {
    if (this.programTimer) clearTimeout(this.programTimer);
    this.programTimer = null;
    const at = this.programNextAt;
    if (at === null || this.s.tabs() === 0 || this.s.isClosed()) return;
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, at - this.s.sim.now()));
    this.programTimer = setTimeout(() => {
      this.programTimer = null;
      void this.s.enqueue(async () => {
        if (this.s.sim.mode() === "program") await this.programStep(await this.s.sim.programTick());
      });
    }, wait);
    this.programTimer.unref();
  }
}
