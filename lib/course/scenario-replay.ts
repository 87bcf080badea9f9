/**
 * Scenarios (content/README.md, "Scenarios"): the platform breaks a fresh cluster with the
 * scenario's setup before the learner's first prompt, and the content check proves each scenario
 * is a real puzzle with a real answer:
 *
 *   1. the setup runs cleanly on a fresh cluster;
 *   2. every task FAILS right after the setup, and still fails after SELF_HEAL_WAIT_MS of cluster
 *      time (a scenario that starts solved, or solves itself while the learner reads, is a bug);
 *   3. the reference solution, typed after the setup with a pause before each command as a
 *      person would, makes every task pass.
 *
 * `runScenarioSetup` is also what the simulator worker runs for a learner's new scenario cluster,
 * so the learner gets exactly the cluster the content check tested.
 */
import type { Simulator } from "../sim/simulator";
import { runCheck } from "./checks";
import { freshCluster, judgeCommand, TYPING_PAUSE_MS } from "./replay";
import { applyTransform, type ScenarioTransformName } from "./scenario-transforms";
import type { CheckResult, Lesson, ScenarioSpec } from "./types";

const DAY_MS = 86_400_000;
/** How long the broken state must last untouched (step 2). */
export const SELF_HEAL_WAIT_MS = 5 * 60_000;
/** Cluster time the setup's effects get to unfold before the learner's first prompt (pods crash, pulls fail). */
export const SETUP_SETTLE_MS = 60_000;

export interface SetupOutcome {
  /** one line per setup step that failed; empty when the setup ran cleanly */
  problems: string[];
}

/**
 * Applies a scenario's setup to `sim` and leaves the shell as a fresh login: no history (the
 * learner must not find the setup with the up arrow), /root as the working directory, exit code 0.
 */
export async function runScenarioSetup(sim: Simulator, setup: ScenarioSpec["setup"]): Promise<SetupOutcome> {
  const problems: string[] = [];
  for (const [i, step] of setup.entries()) {
    const where = `setup step ${i + 1}`;
    switch (step.kind) {
      case "command": {
        const r = await sim.exec(step.text);
        const problem = judgeCommand({ text: step.text, expectFailure: false }, r.output, r.exitCode);
        if (problem) problems.push(`${where}: \`${firstLine(step.text)}\` ${problem}: ${r.output.trim().split("\n").slice(-1)[0] ?? ""}`);
        break;
      }
      case "timeTravel":
        sim.advanceClock(step.days * DAY_MS);
        break;
      case "transform": {
        const problem = applyTransform(step.name as ScenarioTransformName, sim);
        if (problem) problems.push(`${where}: transform ${step.name}: ${problem}`);
        break;
      }
      default: {
        const unknown: never = step;
        throw new Error(`unknown setup step ${JSON.stringify(unknown)}`);
      }
    }
  }
  sim.advanceClock(SETUP_SETTLE_MS);
  const shell = sim.state.shell;
  shell.history = [];
  shell.cwd = "/root";
  shell.lastExitCode = 0;
  return { problems };
}

export interface ScenarioReplayResult {
  scenario: string;
  /** each task's result right after the setup (all must fail) */
  afterSetup: { id: string; result: CheckResult }[];
  /** each task's result after the reference solution (all must pass) */
  afterSolution: { id: string; result: CheckResult }[];
  /** commands run: setup and solution */
  commands: number;
  problems: string[];
}

export async function replayScenario(lesson: Lesson, opts: { seed?: number } = {}): Promise<ScenarioReplayResult> {
  const label = `${lesson.courseSlug}/${lesson.slug}`;
  const spec = lesson.scenario;
  if (!spec) throw new Error(`${label} is not a scenario`);
  const sim = await freshCluster(opts.seed);
  const problems: string[] = [];
  const setup = await runScenarioSetup(sim, spec.setup);
  problems.push(...setup.problems.map((p) => `${label}: ${p}`));

  const check = async () => Promise.all(lesson.tasks.map(async (t) => ({ id: t.id, result: await runCheck(t.check, t.props, sim) })));
  const afterSetup = await check();
  for (const t of afterSetup)
    if (t.result.passed) problems.push(`${label}: task ${t.id} already passes right after the setup (the scenario starts solved)`);
  sim.advanceClock(SELF_HEAL_WAIT_MS);
  for (const t of await check())
    if (t.result.passed && !afterSetup.find((a) => a.id === t.id)?.result.passed)
      problems.push(`${label}: task ${t.id} passes ${SELF_HEAL_WAIT_MS / 60_000} minutes after the setup with nobody touching the cluster`);

  for (const [i, line] of spec.solution.entries()) {
    sim.advanceClock(TYPING_PAUSE_MS);
    const r = await sim.exec(line);
    const problem = judgeCommand({ text: line, expectFailure: false }, r.output, r.exitCode);
    if (problem) problems.push(`${label}: solution step ${i + 1}: \`${firstLine(line)}\` ${problem}:\n${indent(r.output)}`);
  }
  sim.advanceClock(TYPING_PAUSE_MS);
  const afterSolution = await check();
  for (const t of afterSolution)
    if (!t.result.passed)
      problems.push(
        `${label}: task ${t.id} (${lesson.tasks.find((x) => x.id === t.id)?.check}) does not pass after the solution: ${t.result.detail}`,
      );
  const commands = spec.setup.filter((s) => s.kind === "command").length + spec.solution.length;
  return { scenario: label, afterSetup, afterSolution, commands, problems };
}

function firstLine(text: string): string {
  return `${text.split("\n")[0]}${text.includes("\n") ? " ..." : ""}`;
}

function indent(s: string): string {
  const t = s.replace(/\n+$/, "");
  return (t || "(no output)")
    .split("\n")
    .map((l) => `    | ${l}`)
    .join("\n");
}
