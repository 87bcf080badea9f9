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
  /** Ctrl-D at an empty prompt: the shell exits as at end of input (SimEngine.endOfInput); returns an ExecResult */
  | { t: "endOfInput"; session: string; cols: number; rows: number }
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
  /** a request from the learner's own kubectl (issue 16) */
  | { t: "api"; session: string; call: ApiCall }
  /** the controllers settled to now, then what every open API stream has to say */
  | { t: "apiPump"; session: string }
  | { t: "apiStreamClose"; session: string; id: number }
  | { t: "unload"; session: string };

/** An HTTP request to the cluster's apiserver, as the app's gateway read it (lib/sim/api/http HttpRequest without the user). */
export interface ApiCall {
  method: string;
  path: string;
  query: string;
  /** lower-case names */
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

/** The apiserver's answer: a whole response, or a stream (a watch, logs -f) the gateway drains with apiPump. `delta`: what the request changed. */
export type ApiAnswer =
  | { t: "response"; status: number; headers: Record<string, string>; body: string | Uint8Array; delta?: StateDelta }
  | { t: "stream"; id: number; status: number; headers: Record<string, string>; delta?: StateDelta };

export interface ApiPumpResult {
  streams: { id: number; chunks: string[]; done: boolean }[];
  /** what settling the controllers changed */
  delta?: StateDelta;
}

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
