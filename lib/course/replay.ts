/**
 * The replay rule (content/README.md): every <Command> of a lesson runs, in order, in a fresh
 * simulated cluster, with <TimeTravel> applied where it appears; afterwards every task of the
 * lesson must pass. Used by lib/course/content.test.ts and scripts/check-content.ts. The cluster
 * is deterministic (fixed clock moved only by TYPING_PAUSE_MS and <TimeTravel>,
 * DeterministicKeySource), so no wall-clock time is involved.
 */
import { Simulator } from "../sim/simulator";
import { DeterministicKeySource } from "../sim/keys/deterministic-key-source";
import { runCheck } from "./checks";
import type { CheckResult, Lesson, LessonStep } from "./types";

/** 2026-11-28T09:08:33Z: the clock the lessons' sample output was captured with. */
export const REPLAY_NOW = Date.UTC(2026, 10, 28, 9, 8, 33);

/** Output that means the simulator did not understand a command the lesson expects to work. */
export const UNEXPECTED_OUTPUT = ["command not found", "unknown flag", "unknown shorthand flag", "unknown command", "error: "];

export const DAY_MS = 86_400_000;

/**
 * Cluster time that passes before each replayed command, as it does while a person reads and
 * types: controllers, the scheduler and the kubelet progress between commands (a Deployment of 3
 * nginx replicas is Ready within about 5-10 s), so a lesson can check a rollout without sleeping.
 */
export const TYPING_PAUSE_MS = 10_000;

export interface StepResult {
  step: LessonStep;
  /** command output (stdout and stderr interleaved); empty for TimeTravel */
  output: string;
  exitCode: number;
  /** why the step breaks the replay rule; undefined when it is fine */
  problem?: string;
}

export interface ReplayResult {
  lesson: string;
  steps: StepResult[];
  tasks: { id: string; result: CheckResult }[];
  /** one line per broken step or failing task; empty when the lesson replays cleanly */
  problems: string[];
}

export async function freshCluster(seed = 1): Promise<Simulator> {
  return Simulator.create({ clock: { now: () => REPLAY_NOW }, keys: new DeterministicKeySource(seed), seed });
}

/** Checks one command's outcome against its expectation; undefined when it is as expected. */
export function judgeCommand(step: { text: string; expectFailure: boolean }, output: string, exitCode: number): string | undefined {
  if (step.expectFailure) return exitCode === 0 ? "is marked expectFailure but exits 0" : undefined;
  if (exitCode !== 0) return `exits ${exitCode}`;
  const bad = UNEXPECTED_OUTPUT.find((s) => output.includes(s));
  return bad ? `prints "${bad.trim()}"` : undefined;
}

export async function replayLesson(lesson: Lesson, opts: { sim?: Simulator; seed?: number } = {}): Promise<ReplayResult> {
  const sim = opts.sim ?? (await freshCluster(opts.seed));
  const label = `${lesson.courseSlug}/${lesson.slug}`;
  const steps: StepResult[] = [];
  const problems: string[] = [];
  for (const [i, step] of lesson.steps.entries()) {
    if (step.kind === "timeTravel") {
      sim.advanceClock(step.days * DAY_MS);
      steps.push({ step, output: "", exitCode: 0 });
      continue;
    }
    sim.advanceClock(TYPING_PAUSE_MS);
    const r = await sim.exec(step.text);
    const problem = judgeCommand(step, r.output, r.exitCode);
    steps.push({ step, output: r.output, exitCode: r.exitCode, problem });
    if (problem)
      problems.push(
        `${label} step ${i + 1}: \`${step.text.split("\n")[0]}${step.text.includes("\n") ? " ..." : ""}\` ${problem}:\n${indent(r.output)}`,
      );
  }
  const tasks: ReplayResult["tasks"] = [];
  for (const t of lesson.tasks) {
    const result = await runCheck(t.check, t.props, sim);
    tasks.push({ id: t.id, result });
    if (!result.passed) problems.push(`${label}: task ${t.id} (${t.check}) does not pass after the replay: ${result.detail}`);
  }
  return { lesson: label, steps, tasks, problems };
}

function indent(s: string): string {
  const t = s.replace(/\n+$/, "");
  return t
    ? t
        .split("\n")
        .map((l) => `    | ${l}`)
        .join("\n")
    : "    | (no output)";
}
