/** The jobs a simulator worker runs, and what each returns (structured-cloneable values only). */
import type { CheckName, CheckResult } from "@/lib/course/types";
import type { SavedState, KeyAlgorithm, StateDelta } from "@/lib/sim";

export type SimJob =
  /** a fresh kubeadm cluster; returns its state (not kept: `load` it once it is stored) */
  | { t: "create"; seed: number; keyAlgorithm: KeyAlgorithm }
  | { t: "load"; session: string; snapshot: SavedState; deltas: StateDelta[] }
  | { t: "exec"; session: string; line: string }
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
}

export interface ExecResult extends ShellView {
  output: string;
  exitCode: number;
  exit: boolean;
  clear: boolean;
  delta: StateDelta;
}

export interface ClockResult extends ShellView {
  delta: StateDelta;
}

/** What a simulator worker asks the main thread for. */
export type SimRequest = { key: "rsa-2048" } | { rsaBits: number };

export type { CheckResult };
