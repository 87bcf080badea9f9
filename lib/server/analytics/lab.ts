/**
 * Lab analytics for admins (issue 14 item 5): per task and per troubleshooting scenario how
 * many learners tried it, how often they pressed Check, how many passed, how long passing took,
 * how many hints they used, and which commands (normalised: normalize-command.ts) they ran before
 * passing and which failed most. Aggregates only, read from the trigger-maintained rollups
 * lab_unit_stats and lab_unit_commands (migration lab_analytics; docs/decisions.md, "Lab
 * analytics"), never from the raw command log. One learner's timeline is lab-timeline.ts.
 *
 * Definitions (also on the page):
 * - learners: learners who pressed Check at least once (or revealed a hint);
 * - checks: presses of Check; pass rate: learners who passed / learners;
 * - time to pass: from the first command of the learner's first check window (the commands in the
 *   checked cluster since their previous check of it: the course's lesson cluster for a task, the
 *   scenario's own for a scenario) to their first pass; median read from a log2 histogram;
 * - commands of a unit: those in the windows of its checks; "before passing": in the windows of
 *   checks up to the learner's first pass; "failing": exit status other than 0.
 */
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PrismaClient } from "@/lib/server/db/client";
import { getPrisma } from "@/lib/server/db/client";
import type { LabUnitKind } from "./lab-record";
import { listLabUnits, unitKey, type LabUnit } from "./lab-units";
import type { ContentIndex } from "@/lib/server/admin/content-index";
import { histogramMedianMs } from "./quiz";

type Db = Pick<PrismaClient, "$queryRaw">;
const num = (v: unknown): number => (typeof v === "bigint" ? Number(v) : typeof v === "number" ? v : Number(v ?? 0));

export interface CommandCount {
  normalized: string;
  count: number;
}

export interface LabUnitStats extends LabUnit {
  lessonTitle: string;
  learners: number;
  checks: number;
  passed: number;
  /** 0..1, null with no learners */
  passRate: number | null;
  medianTimeToPassMs: number | null;
  hintsUsed: number;
  topFailing: CommandCount[];
  topBeforePass: CommandCount[];
}

interface StatRow {
  course_slug: string;
  unit_kind: LabUnitKind;
  unit_id: string;
  lesson_slug: string;
  learners: number;
  passed: number;
  checks: number;
  hints_used: number;
  pass_seconds: number[];
}

/** The numbers per unit that has any, and the top `perUnit` failing / before-pass commands of each. */
export async function labStatsRaw(
  db: Db,
  f: { course?: string; kind?: LabUnitKind; unit?: { kind: LabUnitKind; unitId: string } },
  perUnit: number,
) {
  const conds: Prisma.Sql[] = [];
  if (f.course) conds.push(Prisma.sql`course_slug = ${f.course}`);
  if (f.kind) conds.push(Prisma.sql`unit_kind = ${f.kind}::lab_unit_kind`);
  if (f.unit) conds.push(Prisma.sql`unit_kind = ${f.unit.kind}::lab_unit_kind AND unit_id = ${f.unit.unitId}`);
  const where = (...extra: Prisma.Sql[]) => {
    const all = [...conds, ...extra];
    return all.length ? Prisma.sql`WHERE ${Prisma.join(all, " AND ")}` : Prisma.empty;
  };
  const [stats, commands] = await Promise.all([
    db.$queryRaw<StatRow[]>`
      SELECT course_slug, unit_kind::text AS unit_kind, unit_id, lesson_slug, learners, passed, checks, hints_used, pass_seconds
        FROM lab_unit_stats ${where()}`,
    db.$queryRaw<{ course_slug: string; unit_kind: LabUnitKind; unit_id: string; normalized: string; n: number; list: string }[]>`
      SELECT course_slug, unit_kind::text AS unit_kind, unit_id, normalized, n, list FROM (
        SELECT course_slug, unit_kind, unit_id, normalized, failed AS n, 'failing' AS list,
               row_number() OVER (PARTITION BY course_slug, unit_kind, unit_id ORDER BY failed DESC, normalized) AS r
          FROM lab_unit_commands ${where(Prisma.sql`failed > 0`)}
        UNION ALL
        SELECT course_slug, unit_kind, unit_id, normalized, before_pass, 'before',
               row_number() OVER (PARTITION BY course_slug, unit_kind, unit_id ORDER BY before_pass DESC, normalized)
          FROM lab_unit_commands ${where(Prisma.sql`before_pass > 0`)}
      ) ranked WHERE r <= ${perUnit}
      ORDER BY n DESC, normalized`,
  ]);
  return { stats, commands };
}

export async function labAnalytics(
  content: ContentIndex,
  f: { course?: string; kind?: LabUnitKind } = {},
  db: Db = getPrisma(),
  perUnit = 3,
): Promise<LabUnitStats[]> {
  const [units, raw] = await Promise.all([listLabUnits(content), labStatsRaw(db, f, perUnit)]);
  return merge(
    content,
    units.filter((u) => (!f.course || u.courseSlug === f.course) && (!f.kind || u.kind === f.kind)),
    raw,
  );
}

/** One unit's figures with longer command lists. Null when the unit is unknown and has no data. */
export async function labUnitAnalytics(
  content: ContentIndex,
  unit: { courseSlug: string; kind: LabUnitKind; unitId: string },
  db: Db = getPrisma(),
  perUnit = 15,
): Promise<LabUnitStats | null> {
  const [units, raw] = await Promise.all([
    listLabUnits(content),
    labStatsRaw(db, { course: unit.courseSlug, unit: { kind: unit.kind, unitId: unit.unitId } }, perUnit),
  ]);
  const known = units.filter((u) => unitKey(u) === unitKey(unit));
  return merge(content, known, raw)[0] ?? null;
}

function merge(content: ContentIndex, units: LabUnit[], raw: Awaited<ReturnType<typeof labStatsRaw>>): LabUnitStats[] {
  const byKey = new Map<string, LabUnit>(units.map((u) => [unitKey(u), u]));
  // units with data that the content no longer (or not yet) lists still show, under their ids
  for (const s of raw.stats) {
    const key = unitKey({ kind: s.unit_kind, courseSlug: s.course_slug, unitId: s.unit_id });
    if (!byKey.has(key))
      byKey.set(key, {
        kind: s.unit_kind,
        courseSlug: s.course_slug,
        lessonSlug: s.lesson_slug,
        unitId: s.unit_id,
        title: s.unit_id,
        order: 1e9,
      });
  }
  const statBy = new Map(raw.stats.map((s) => [unitKey({ kind: s.unit_kind, courseSlug: s.course_slug, unitId: s.unit_id }), s]));
  const lists = new Map<string, { failing: CommandCount[]; before: CommandCount[] }>();
  for (const c of raw.commands) {
    const key = unitKey({ kind: c.unit_kind, courseSlug: c.course_slug, unitId: c.unit_id });
    const entry = lists.get(key) ?? { failing: [], before: [] };
    (c.list === "failing" ? entry.failing : entry.before).push({ normalized: c.normalized, count: num(c.n) });
    lists.set(key, entry);
  }
  const rows = [...byKey.entries()].map(([key, u]): LabUnitStats => {
    const s = statBy.get(key);
    const learners = num(s?.learners);
    const passed = num(s?.passed);
    // pass_seconds[k] counts [2^k, 2^(k+1)) s, which is the quiz histogram's bucket k
    const median = s ? histogramMedianMs(s.pass_seconds.map(num)) : null;
    return {
      ...u,
      lessonTitle: content.lessonTitle(u.courseSlug, u.lessonSlug),
      learners,
      checks: num(s?.checks),
      passed,
      passRate: learners ? passed / learners : null,
      medianTimeToPassMs: median,
      hintsUsed: num(s?.hints_used),
      topFailing: lists.get(key)?.failing ?? [],
      topBeforePass: lists.get(key)?.before ?? [],
    };
  });
  return rows.sort((a, b) => a.courseSlug.localeCompare(b.courseSlug) || a.order - b.order || a.unitId.localeCompare(b.unitId));
}
