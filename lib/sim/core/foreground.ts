/**
 * What holds the terminal besides the shell's prompt: a full-screen editor (lib/sim/editor) or a
 * foreground program (lib/sim/programs). The shell hands the terminal over after a line
 * (ExecResult.editor / .program); from then on the terminal server feeds raw input here until
 * the editor exits or the program ends, and the prompt comes back. The open editor lives in the
 * cluster state (`state.editor`) so it survives reloads and restarts; a program lives only in
 * memory. See lib/sim/editor/README.md section 3 and lib/sim/programs/README.md.
 */
import { editorFsFromVfs, feedEditor, openEditor, renderEditor, resizeEditor, type EditorExit } from "../editor";
import type { Vfs } from "../fs/vfs";
import { PROGRAMS, type RunningProgram } from "../programs/registry";
import type { ProgramContext, ProgramStep } from "../programs/types";
import type { ClusterState, CommandContext, EditorLaunch, ProgramLaunch } from "../types";
import { nextDue } from "../time/timeline";
import { LIMITS } from "./limits";
import { finishedJobNotices } from "../shell/jobs";

/** line: the shell's prompt; raw: an editor has every key; program: a program runs until Ctrl-C. */
export type TerminalMode = "line" | "raw" | "program";

/** What a resume handler (kubectl edit) decides once its editor exits. */
export interface ResumeOutcome {
  /** printed at the prompt ("\n" line ends) */
  output: string;
  exitCode: number;
  /** open the editor again (kubectl edit's error comment on top) instead of ending */
  reopen?: EditorLaunch;
}

export type EditorResume = (ctx: CommandContext, exit: EditorExit, data: unknown) => Promise<ResumeOutcome> | ResumeOutcome;
export type ResumeHandlers = Readonly<Record<NonNullable<EditorLaunch["resume"]>["handler"], EditorResume>>;

/** One step of the terminal while an editor or a program holds it. */
export interface TerminalStep {
  /** terminal output (ANSI, "\r\n") */
  output: string;
  mode: TerminalMode;
  /** the editor closed or the program ended: the prompt is back; `transcript` is what the scrollback keeps of it */
  ended?: { transcript: string; exitCode: number };
  /** something durable happened (a file written, the command ended): persist before sending the output */
  durable: boolean;
  /** a program's next step, on the cluster clock; null or absent: none */
  nextAt?: number | null;
  /** text printed on the main screen while the command goes on (kubectl edit's error before it reopens): the scrollback keeps it */
  printed?: string;
}

/** The engine's side the foreground needs. */
export interface ForegroundHost {
  readonly state: ClusterState;
  readonly vfs: Vfs;
  now(): number;
  /** a command's context (for resume handlers), with the shell's exported environment */
  commandContext(): CommandContext;
  /** `sh -c line` in a copy of the shell; its output */
  runCaptured(line: string): Promise<string>;
}

const toTerminal = (text: string) => text.replace(/\r?\n/g, "\r\n");

/** Steps one unattended program may take (a program that never settles must not hang the replay). */
export const UNATTENDED_MAX_STEPS = 10_000;
/** How far ahead an unattended "until-idle" program follows the cluster's queued events (as rollout status waits at most 11 minutes). */
export const UNATTENDED_IDLE_HORIZON_MS = 11 * 60_000;

/** An unattended "until-idle" program that printed nothing for this long is interrupted (the learner saw it settle). */
export const UNATTENDED_QUIET_MS = 30_000;

/** true while the cluster has a timed event queued up to `horizon`: something may still change. */
function busyUntil(state: ClusterState, horizon: number): boolean {
  const due = nextDue(state);
  return due !== undefined && due <= horizon;
}

export class Foreground {
  private program: RunningProgram | null = null;
  /** the size of the tab that last typed or resized */
  size = { cols: 80, rows: 24 };

  constructor(
    private readonly host: ForegroundHost,
    private readonly resumers: Partial<ResumeHandlers>,
  ) {}

  mode(): TerminalMode {
    return this.host.state.editor ? "raw" : this.program ? "program" : "line";
  }

  /** Opens the editor a line's last command asked for; its first screen. */
  openEditor(launch: EditorLaunch): string {
    const { state } = this.host;
    const r = openEditor(
      {
        program: launch.program,
        file: launch.file,
        cwd: (state.shell.ssh?.shell ?? state.shell).cwd,
        home: (state.shell.ssh?.shell ?? state.shell).env.HOME ?? "/root",
        cols: this.size.cols,
        rows: this.size.rows,
        maxBytes: LIMITS.maxFsBytes,
        ...(launch.startLine !== undefined ? { startLine: launch.startLine } : {}),
      },
      this.env(),
    );
    state.editor = { state: r.state, launch };
    return r.output;
  }

  /** Starts the program a line's last command asked for. A program that ends at once (sleep 0) never holds the terminal. */
  async startProgram(launch: ProgramLaunch): Promise<TerminalStep> {
    const running = PROGRAMS[launch.program](launch.data);
    if (!running)
      return {
        output: `${launch.program}: bad arguments\r\n`,
        mode: this.mode(),
        durable: true,
        ended: { transcript: `${launch.program}: bad arguments\n`, exitCode: 2 },
      };
    this.program = running;
    return this.programStep(await running.start(this.programContext()));
  }

  /**
   * Runs a program where no terminal is attached to its line (SimEngine.exec without a size: the
   * course replay, `npm run sim`): the learner "waits" on the simulated clock. Each step moves the
   * clock to the program's nextAt (`advance`) and ticks it, as the terminal server's timer would;
   * the program's `unattended` mode says when to stop (see ProgramDef.unattended). What it printed
   * is the transcript of the returned step, which has always ended.
   */
  async runUnattended(launch: ProgramLaunch, advance: (ms: number) => void): Promise<TerminalStep> {
    const first = await this.startProgram(launch);
    const running = this.program;
    if (first.ended || !running) return first;
    let printed = first.output;
    let step: TerminalStep = first;
    const from = this.host.now();
    let lastOutputAt = from;
    for (let n = 0; !step.ended; n++) {
      const at = step.nextAt ?? this.host.now();
      if (step.output) lastOutputAt = this.host.now();
      const idle =
        running.unattended === "until-idle" &&
        (!busyUntil(this.host.state, from + UNATTENDED_IDLE_HORIZON_MS) || at - lastOutputAt > UNATTENDED_QUIET_MS);
      if (running.unattended === "interrupt" || idle || n >= UNATTENDED_MAX_STEPS) {
        step = this.interrupt();
        break;
      }
      if (at > this.host.now()) advance(at - this.host.now());
      step = await this.tick();
      if (!step.ended) printed += step.output;
    }
    const output = printed + step.output;
    // a full-screen program's frames do not stay on the main screen (as programStep decides)
    const transcript = output.includes("\x1b[?1049h") ? "" : output.replace(/\r\n/g, "\n");
    return { ...step, output, ended: { transcript, exitCode: step.ended?.exitCode ?? 0 } };
  }

  /** Raw input for the open editor. */
  async editorInput(data: string): Promise<TerminalStep> {
    const open = this.host.state.editor;
    if (!open) return { output: "", mode: this.mode(), durable: false };
    const step = feedEditor(open.state, data, this.env());
    if (!step.exit) return { output: step.output, mode: "raw", durable: false };
    delete this.host.state.editor;
    const resume = open.launch.resume;
    const handler = resume ? this.resumers[resume.handler] : undefined;
    let r: ResumeOutcome = { output: "", exitCode: step.exit.exitCode };
    if (resume) {
      try {
        r = handler
          ? await handler(this.host.commandContext(), step.exit, resume.data)
          : { output: `${resume.handler}: not available here\n`, exitCode: 1 };
      } catch {
        // a bug must not escape into the terminal server
        r = { output: `${resume.handler}: internal error\n`, exitCode: 1 };
      }
    }
    if (r.reopen)
      return {
        output: step.output + toTerminal(r.output) + this.openEditor(r.reopen),
        mode: "raw",
        durable: true,
        ...(r.output ? { printed: r.output } : {}),
      };
    this.host.state.shell.lastExitCode = r.exitCode;
    const notices = this.jobNotices();
    return {
      output: step.output + toTerminal(r.output + notices),
      mode: "line",
      durable: true,
      ended: { transcript: r.output + notices, exitCode: r.exitCode },
    };
  }

  /** The program's next step (called at or after its nextAt). */
  async tick(): Promise<TerminalStep> {
    if (!this.program) return { output: "", mode: this.mode(), durable: false, nextAt: null };
    return this.programStep(await this.program.tick(this.programContext()));
  }

  /** Ctrl-C while a program runs. */
  interrupt(): TerminalStep {
    if (!this.program) return { output: "", mode: this.mode(), durable: false, nextAt: null };
    return this.programStep(this.program.interrupt(this.programContext()));
  }

  /** The whole screen of what holds the terminal, for a tab that attaches ("" at the prompt). */
  render(): string {
    const open = this.host.state.editor;
    if (open) return renderEditor(open.state);
    return this.program ? this.program.render(this.programContext()) : "";
  }

  /** A new size (the tab that typed or resized last); the editor redraws at once, a program at its next step. */
  resize(cols: number, rows: number): string {
    this.size = { cols, rows };
    const open = this.host.state.editor;
    return open ? resizeEditor(open.state, cols, rows) : "";
  }

  /** Drops what holds the terminal (the cluster is being replaced). */
  clear(): void {
    delete this.host.state.editor;
    this.program = null;
  }

  private programStep(step: ProgramStep): TerminalStep {
    if (step.nextAt !== null) return { output: step.output, mode: "program", durable: false, nextAt: step.nextAt };
    this.program = null;
    const exitCode = step.exitCode ?? 0;
    this.host.state.shell.lastExitCode = exitCode;
    // what stays on the main screen: a full-screen program's frames do not
    const transcript = step.output.includes("\x1b[?1049l") ? "" : step.output.replace(/\r\n/g, "\n");
    const notices = this.jobNotices();
    return {
      output: step.output + toTerminal(notices),
      mode: this.mode(),
      durable: true,
      nextAt: null,
      ended: { transcript: transcript + notices, exitCode },
    };
  }

  /**
   * bash reports the background jobs that ended before it draws the prompt again: also after a
   * foreground command that held the terminal (`sleep 1 &` then `sleep 2`: `[1]+  Done  sleep 1`
   * under the sleep). A container's shell (kubectl exec -it) has no job table here.
   */
  private jobNotices(): string {
    const { state } = this.host;
    if (state.shell.attached) return "";
    return finishedJobNotices(state.shell.ssh?.shell ?? state.shell, this.host.now());
  }

  private env() {
    return { fs: editorFsFromVfs(this.host.vfs), now: this.host.now() };
  }

  private programContext(): ProgramContext {
    return {
      now: this.host.now(),
      cols: this.size.cols,
      rows: this.size.rows,
      state: this.host.state,
      run: (line) => this.host.runCaptured(line),
      command: () => ({ ...this.host.commandContext(), now: this.host.now() }),
    };
  }
}
