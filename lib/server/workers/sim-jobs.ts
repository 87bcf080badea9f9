/** The jobs a simulator worker runs, and what each returns (structured-cloneable values only). */
import type { CheckName, CheckResult, ScenarioSetupStep } from "@/lib/course/types";
import type { SavedState, KeyAlgorithm, StateDelta } from "@/lib/sim";
import type { ForegroundResult, TerminalMode } from "@/lib/sim/core/sim-engine";

export type SimJob =
  /** a fresh kubeadm cluster, broken by a scenario's setup if given; returns its state (not kept: `load` it once it is stored) */
  | { t: "create"; seed: number; keyAlgorithm: KeyAlgorithm; setup?: ScenarioSetupStep[] }
  | { t: "load"; session: string; snapshot: SavedState; deltas: StateDelta[] }
  /** `cols`/`rows`: the terminal an editor the line opens would draw on */
  | { t: "exec"; session: string; line: string; cols: number; rows: number }
  /** raw input for the open editor; `checkpoint` asks for its state in the delta */
  | { t: "editorInput"; session: string; data: string; checkpoint: boolean }
  | { t: "editorCheckpoint"; session: string }
  | { t: "programTick"; session: string }
  | { t: "programInterrupt"; session: string }
  /** the editor's or program's whole screen, for a tab that attaches */
  | { t: "screen"; session: string }
  | { t: "resize"; session: string; cols: number; rows: number }
  | { t: "complete"; session: string; line: string; cursor: number }
  | { t: "needsMoreInput"; session: string; text: string }
  | { t: "serialize"; session: string }
  | { t: "advanceClock"; session: string; ms: number }
  | { t: "check"; session: string; name: CheckName; props: Record<string, string> }
  | { t: "unload"; session: string };

/** What the main thread mirrors of a loaded cluster, so the line editor never waits for a worker. */
export interface ShellView {
  prompt: string;
  history: string[];
  /** cluster clock, epoch ms */
  now: number;
  /** who holds the terminal: the prompt, an editor (raw) or a foreground program */
  mode: TerminalMode;
}

export interface ExecResult extends ShellView {
  output: string;
  exitCode: number;
  exit: boolean;
  clear: boolean;
  delta: StateDelta;
  /** the editor's or program's first screen */
  screen?: string;
  /** a program's next step, cluster clock */
  nextAt?: number | null;
}

export type ForegroundStepResult = ForegroundResult & ShellView;

export interface ClockResult extends ShellView {
  delta: StateDelta;
}

/** What a simulator worker asks the main thread for. */
export type SimRequest = { key: "rsa-2048" } | { rsaBits: number };

export type { CheckResult };
