/**
 * What the scenario page and its routes do, on the learner's own scenario cluster: start or
 * resume an attempt, reveal the next hint, check the work (every task, all at once), restart on
 * a fresh broken cluster. A scenario counts as solved when all its tasks pass in one check; then
 * its tasks are recorded as passed, so the course's progress follows as it does for a lesson.
 */
import "server-only";
import type { CheckResult, Lesson } from "@/lib/course/types";
import { recordCheckRun, recordHintReveal } from "@/lib/server/analytics/lab-record";
import { refreshLessonCompletion, type LessonState } from "@/lib/server/progress/lesson-progress";
import { recordTaskPass } from "@/lib/server/progress/tasks";
import { getSessionManager } from "@/lib/server/terminal/runtime";
import { ScenarioAttempts, type AttemptView, type ScenarioRef } from "./attempts";
import { scenarioClusterKey } from "./cluster-key";

export interface ScenarioState {
  attempt: AttemptView;
  /** the hints revealed so far in this attempt, in order */
  hints: string[];
  hintsTotal: number;
}

export interface ScenarioCheck {
  passed: boolean;
  tasks: { id: string; title: string; passed: boolean; detail: string }[];
  attempt: AttemptView;
  lessonState: LessonState;
}

const refOf = (userId: string, scenario: Lesson): ScenarioRef => ({ userId, courseSlug: scenario.courseSlug, scenarioSlug: scenario.slug });

/** The scenario as a lab analytics unit: one unit per scenario, its commands those of its own cluster. */
const labUnitOf = (userId: string, scenario: Lesson) =>
  ({ userId, courseSlug: scenario.courseSlug, lessonSlug: scenario.slug, unitKind: "SCENARIO", unitId: scenario.slug }) as const;

/** The check's one line in the admin's timeline: how many tasks pass, and the first that does not. */
function checkSummary(tasks: ScenarioCheck["tasks"]): string {
  const failing = tasks.find((t) => !t.passed);
  const passing = tasks.filter((t) => t.passed).length;
  return `${passing} of ${tasks.length} tasks pass${failing ? `; not yet: ${failing.title}: ${failing.detail}` : "."}`;
}

function hintsOf(scenario: Lesson): string[] {
  if (!scenario.scenario) throw new Error(`${scenario.courseSlug}/${scenario.slug} is not a scenario`);
  return scenario.scenario.hints;
}

/** The learner's current attempt (started now if there is none) and the hints it has revealed. */
export async function openScenario(userId: string, scenario: Lesson, attempts = new ScenarioAttempts()): Promise<ScenarioState> {
  const hints = hintsOf(scenario);
  const ref = refOf(userId, scenario);
  const attempt = await attempts.start(ref);
  const revealed = await attempts.revealedHints(ref, attempt.id);
  return { attempt, hints: revealed.map((i) => hints[i]).filter((h) => h !== undefined), hintsTotal: hints.length };
}

/** Reveals the next hint of the current attempt; null when every hint is already shown. */
export async function revealHint(userId: string, scenario: Lesson, attempts = new ScenarioAttempts()): Promise<ScenarioState | null> {
  const hints = hintsOf(scenario);
  const ref = refOf(userId, scenario);
  const attempt = await attempts.start(ref);
  const next = await attempts.revealNextHint(ref, attempt.id, hints.length);
  if (!next) return null;
  await recordHintReveal(labUnitOf(userId, scenario));
  return openScenario(userId, scenario, attempts);
}

/** Runs every task of the scenario on the learner's scenario cluster and records the check. */
export async function checkScenario(userId: string, scenario: Lesson, attempts = new ScenarioAttempts()): Promise<ScenarioCheck> {
  const ref = refOf(userId, scenario);
  const attempt = await attempts.start(ref);
  const session = await getSessionManager().open(userId, scenarioClusterKey(scenario.courseSlug, scenario.slug));
  const tasks: ScenarioCheck["tasks"] = [];
  for (const t of scenario.tasks) {
    const r: CheckResult = await session.runTaskCheck(t.check, t.props);
    tasks.push({ id: t.id, title: t.title, passed: r.passed, detail: r.detail });
  }
  const passed = tasks.every((t) => t.passed);
  const after = (await attempts.recordCheck(ref, attempt.id, passed)) ?? attempt;
  await recordCheckRun({ ...labUnitOf(userId, scenario), passed, detail: checkSummary(tasks) });
  let lessonState: LessonState = "in-progress";
  if (passed) {
    for (const t of scenario.tasks) await recordTaskPass(userId, t);
    lessonState = (await refreshLessonCompletion(userId, scenario)).state;
  }
  return { passed, tasks, attempt: after, lessonState };
}

/** A fresh broken cluster and a new attempt; refused (with when to try again) beyond the learner's reset budget. */
export async function restartScenario(
  userId: string,
  scenario: Lesson,
  attempts = new ScenarioAttempts(),
): Promise<{ ok: true; state: ScenarioState } | { ok: false; message: string }> {
  const r = await getSessionManager().restart(userId, scenarioClusterKey(scenario.courseSlug, scenario.slug));
  if (!r.ok) return r;
  await attempts.restart(refOf(userId, scenario));
  return { ok: true, state: await openScenario(userId, scenario, attempts) };
}
