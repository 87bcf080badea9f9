/**
 * Writing the lab analytics' logs (schema: LabCommand, LabCheckRun). The terminal calls
 * recordLabCommand() after a command's event is committed; the task check route calls
 * recordCheckRun(). Both are best effort: a failure is logged, never the learner's problem.
 *
 * Scenarios plug in here (lib/server/scenarios/scenario-service.ts): their "Check" calls
 * recordCheckRun() with kind "SCENARIO" and the scenario's slug as the unit, and revealing a hint
 * calls recordHintReveal(). Commands are recorded under the cluster they ran in, so a check's
 * window is the commands in the cluster it judged (labClusterKey): a scenario's own cluster, or
 * the course's lesson cluster for a task.
 */
import "server-only";
import type { PrismaClient } from "@/lib/server/db/client";
import { getPrisma } from "@/lib/server/db/client";
import { scenarioClusterKey } from "@/lib/server/scenarios/cluster-key";
import { LabRecorder, type LabCommandRecord } from "./lab-recorder";
import { normalizeCommand } from "./normalize-command";

type Db = Pick<PrismaClient, "$executeRaw">;
export type LabUnitKind = "TASK" | "SCENARIO";

/** Raw commands and check runs older than this are deleted (the rollups keep their counts). */
export const LAB_RETENTION_DAYS = 90;
export const MAX_LINE_CHARS = 2000;

/** Text columns refuse NUL; a lone surrogate would not survive UTF-8. */
function storable(s: string, max: number): string {
  const clean = s.replace(/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

export async function insertLabCommands(db: Db, rows: LabCommandRecord[]): Promise<void> {
  if (rows.length === 0) return;
  const lines = rows.map((r) => storable(r.line, MAX_LINE_CHARS));
  await db.$executeRaw`
    INSERT INTO lab_commands (user_id, course_slug, at, exit_code, line, normalized)
    SELECT * FROM unnest(${rows.map((r) => r.userId)}::text[], ${rows.map((r) => r.courseSlug)}::text[],
                         ${rows.map((r) => r.at.toISOString())}::timestamptz[], ${rows.map((r) => r.exitCode)}::int[],
                         ${lines}::text[], ${lines.map((l) => normalizeCommand(l))}::text[])`;
}

// One recorder per process, shared by the custom server's terminal and Next's route handlers
// (bundled apart, so a module-level variable would be two recorders; runtime.ts does the same).
const holder = globalThis as unknown as { __kubeyardLabRecorder?: LabRecorder };

const PRUNE_EVERY_MS = 6 * 3600_000;

function recorder(): LabRecorder {
  if (!holder.__kubeyardLabRecorder) {
    holder.__kubeyardLabRecorder = new LabRecorder((rows) => insertLabCommands(getPrisma(), rows));
    // Retention runs where commands are recorded: every instance, idempotent.
    const prune = () =>
      void pruneLabRecords(getPrisma()).catch((err: unknown) =>
        console.error(`lab analytics: retention failed: ${(err as Error).message}`),
      );
    setTimeout(prune, 60_000).unref();
    setInterval(prune, PRUNE_EVERY_MS).unref();
  }
  return holder.__kubeyardLabRecorder;
}

/** From the terminal's command path: no await, no round trip (see lab-recorder.ts). */
export function recordLabCommand(row: LabCommandRecord): void {
  recorder().record(row);
}

/** Writes the buffered commands now (a check run, graceful shutdown). */
export function flushLabCommands(): Promise<void> {
  return holder.__kubeyardLabRecorder?.flush() ?? Promise.resolve();
}

/** The cluster a unit's check judges, which is where its commands are recorded (LabCommandRecord.courseSlug). */
export function labClusterKey(u: { courseSlug: string; unitKind: LabUnitKind; unitId: string }): string {
  return u.unitKind === "SCENARIO" ? scenarioClusterKey(u.courseSlug, u.unitId) : u.courseSlug;
}

export interface CheckRunRecord {
  userId: string;
  courseSlug: string;
  lessonSlug: string;
  unitKind: LabUnitKind;
  unitId: string;
  passed: boolean;
  detail: string;
  at?: Date;
}

export async function insertCheckRun(db: Db, r: CheckRunRecord): Promise<void> {
  await db.$executeRaw`
    INSERT INTO lab_check_runs (user_id, course_slug, lesson_slug, unit_kind, unit_id, cluster_key, at, passed, detail)
    VALUES (${r.userId}, ${r.courseSlug}, ${r.lessonSlug}, ${r.unitKind}::lab_unit_kind, ${r.unitId}, ${labClusterKey(r)},
            ${(r.at ?? new Date()).toISOString()}::timestamptz, ${r.passed}, ${storable(r.detail, 500)})`;
}

/** A check's result, after the commands before it (the trigger attributes them to this unit). Never throws. */
export async function recordCheckRun(r: CheckRunRecord, db: Db = getPrisma()): Promise<void> {
  try {
    await flushLabCommands();
    await insertCheckRun(db, r);
  } catch (err) {
    console.error(`lab analytics: could not record the check of ${r.unitId}: ${(err as Error).message}`);
  }
}

export interface HintRevealRecord {
  userId: string;
  courseSlug: string;
  lessonSlug: string;
  unitKind: LabUnitKind;
  unitId: string;
  at?: Date;
}

/**
 * A hint revealed to a learner counts for the unit and for their attempt; a learner whose first
 * act on the unit is a hint counts as one of its learners (the trigger then does not count them
 * again at their first check, because their lab_learner_units row exists).
 */
export async function insertHintReveal(db: Db, r: HintRevealRecord): Promise<void> {
  const at = (r.at ?? new Date()).toISOString();
  await db.$executeRaw`
    WITH attempt AS (
      INSERT INTO lab_learner_units (course_slug, unit_kind, unit_id, user_id, lesson_slug, started_at, hints_used)
      VALUES (${r.courseSlug}, ${r.unitKind}::lab_unit_kind, ${r.unitId}, ${r.userId}, ${r.lessonSlug}, ${at}::timestamptz, 1)
      ON CONFLICT (course_slug, unit_kind, unit_id, user_id) DO UPDATE SET hints_used = lab_learner_units.hints_used + 1
      RETURNING (xmax = 0) AS is_new
    )
    INSERT INTO lab_unit_stats AS s (course_slug, unit_kind, unit_id, lesson_slug, hints_used, learners)
    SELECT ${r.courseSlug}, ${r.unitKind}::lab_unit_kind, ${r.unitId}, ${r.lessonSlug}, 1, CASE WHEN is_new THEN 1 ELSE 0 END FROM attempt
    ON CONFLICT (course_slug, unit_kind, unit_id)
    DO UPDATE SET hints_used = s.hints_used + 1, learners = s.learners + EXCLUDED.learners`;
}

/** The scenario's hint route calls this. Best effort, like recordCheckRun: never throws. */
export async function recordHintReveal(r: HintRevealRecord, db: Db = getPrisma()): Promise<void> {
  try {
    await insertHintReveal(db, r);
  } catch (err) {
    console.error(`lab analytics: could not record a hint of ${r.unitId}: ${(err as Error).message}`);
  }
}

/** Retention: deletes raw commands and check runs older than LAB_RETENTION_DAYS. Returns rows deleted. */
export async function pruneLabRecords(db: Db, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - LAB_RETENTION_DAYS * 86_400_000).toISOString();
  const commands = await db.$executeRaw`DELETE FROM lab_commands WHERE at < ${cutoff}::timestamptz`;
  const checks = await db.$executeRaw`DELETE FROM lab_check_runs WHERE at < ${cutoff}::timestamptz`;
  return commands + checks;
}
