/**
 * The per-lesson funnel: of the learners who opened a lesson, how many answered every quiz of it
 * (a first answer to each, right or wrong), passed every task of it, and completed it.
 * "Every" uses the lesson's quiz/task count from content/ (or, for a lesson no longer in
 * content/, the most any learner answered). A lesson without tasks shows no task stage (null).
 */
import "server-only";
import type { PrismaClient } from "@/lib/server/db/client";
import { getPrisma } from "@/lib/server/db/client";
import type { ContentIndex } from "@/lib/server/admin/content-index";

type Db = Pick<PrismaClient, "$queryRaw">;

export interface FunnelRow {
  courseSlug: string;
  lessonSlug: string;
  lessonTitle: string;
  order: number;
  quizCount: number;
  taskCount: number;
  opened: number;
  quizzesAnswered: number | null;
  tasksPassed: number | null;
  completed: number;
}

const n = (v: unknown) => (typeof v === "bigint" ? Number(v) : Number(v ?? 0));

export async function lessonFunnel(content: ContentIndex, opts: { course?: string } = {}, db: Db = getPrisma()): Promise<FunnelRow[]> {
  const course = opts.course ?? null;
  const [progress, quizHist, taskHist] = await Promise.all([
    db.$queryRaw<{ course_slug: string; lesson_slug: string; opened: bigint; completed: bigint }[]>`
      SELECT course_slug, lesson_slug, count(*) AS opened, count(*) FILTER (WHERE status = 'COMPLETED') AS completed
        FROM lesson_progress WHERE (${course}::text IS NULL OR course_slug = ${course})
       GROUP BY 1, 2`,
    // How many learners answered k distinct questions of each lesson (the trigger-maintained
    // quiz_learner_lessons has one row per learner and lesson, so this never reads quiz_attempts).
    db.$queryRaw<{ course_slug: string; lesson_slug: string; k: number; learners: bigint }[]>`
      SELECT course_slug, lesson_slug, answered AS k, count(*) AS learners
        FROM quiz_learner_lessons WHERE answered > 0 AND (${course}::text IS NULL OR course_slug = ${course})
       GROUP BY 1, 2, 3`,
    db.$queryRaw<{ course_slug: string; lesson_slug: string; k: bigint; learners: bigint }[]>`
      SELECT course_slug, lesson_slug, k, count(*) AS learners
        FROM (SELECT course_slug, lesson_slug, user_id, count(*) AS k
                FROM task_completions WHERE (${course}::text IS NULL OR course_slug = ${course})
               GROUP BY 1, 2, 3) per_user
       GROUP BY 1, 2, 3`,
  ]);

  const key = (c: string, l: string) => `${c}/${l}`;
  const rows = new Map<string, FunnelRow>();
  const ensure = (c: string, l: string): FunnelRow => {
    const k = key(c, l);
    let row = rows.get(k);
    if (!row) {
      const meta = content.lesson(c, l);
      row = {
        courseSlug: c,
        lessonSlug: l,
        lessonTitle: meta?.title ?? l,
        order: meta?.order ?? 999,
        quizCount: meta?.quizIds.length ?? 0,
        taskCount: meta?.taskIds.length ?? 0,
        opened: 0,
        quizzesAnswered: null,
        tasksPassed: null,
        completed: 0,
      };
      rows.set(k, row);
    }
    return row;
  };
  for (const c of content.courses) if (!course || c.slug === course) for (const l of c.lessons) ensure(c.slug, l.slug);
  for (const p of progress) Object.assign(ensure(p.course_slug, p.lesson_slug), { opened: n(p.opened), completed: n(p.completed) });

  const applyHist = (
    hist: { course_slug: string; lesson_slug: string; k: unknown; learners: unknown }[],
    field: "quizzesAnswered" | "tasksPassed",
    countField: "quizCount" | "taskCount",
  ) => {
    const by = new Map<string, { k: number; learners: number }[]>();
    for (const h of hist) {
      const k = key(h.course_slug, h.lesson_slug);
      const entry = { k: n(h.k), learners: n(h.learners) };
      const list = by.get(k);
      if (list) list.push(entry);
      else by.set(k, [entry]);
    }
    for (const row of rows.values()) {
      const h = by.get(key(row.courseSlug, row.lessonSlug)) ?? [];
      const required = row[countField] || Math.max(0, ...h.map((x) => x.k));
      if (required === 0) {
        row[field] = null;
        continue;
      }
      row[countField] = required;
      row[field] = h.filter((x) => x.k >= required).reduce((a, x) => a + x.learners, 0);
    }
  };
  // Lessons that exist only in the data get their stage sizes before histograms apply.
  for (const h of [...quizHist, ...taskHist]) ensure(h.course_slug, h.lesson_slug);
  applyHist(quizHist, "quizzesAnswered", "quizCount");
  applyHist(taskHist, "tasksPassed", "taskCount");

  return [...rows.values()].sort(
    (a, b) => a.courseSlug.localeCompare(b.courseSlug) || a.order - b.order || a.lessonSlug.localeCompare(b.lessonSlug),
  );
}
