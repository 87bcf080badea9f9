/**
 * Where a learner stands in each lesson: not started (no row), in progress (opened), completed.
 *
 * The completion rule: a lesson completes by itself once every one of its quizzes has been
 * answered correctly at least once (wrong answers before that are fine: they are how people
 * learn) and every one of its tasks has been passed. A learner may also mark a lesson complete
 * themselves (completedManually), e.g. a free learner who cannot run the hands-on tasks.
 * Completion is never taken back. Every query is scoped by the learner's user id.
 */
import "server-only";
import type { LessonMeta } from "@/lib/course/types";
import { getPrisma } from "@/lib/server/db/client";
import { correctlyAnsweredQuizIds } from "./quiz-attempts";
import { passedTaskIds } from "./tasks";

export type LessonState = "not-started" | "in-progress" | "completed";

export interface LessonProgressView {
  state: LessonState;
  completedManually: boolean;
  completedAt: Date | null;
  lastViewedAt: Date | null;
}

const NOT_STARTED: LessonProgressView = { state: "not-started", completedManually: false, completedAt: null, lastViewedAt: null };

type Row = { status: "IN_PROGRESS" | "COMPLETED"; completedManually: boolean; completedAt: Date | null; lastViewedAt: Date };

function view(row: Row | null | undefined): LessonProgressView {
  if (!row) return NOT_STARTED;
  return {
    state: row.status === "COMPLETED" ? "completed" : "in-progress",
    completedManually: row.completedManually,
    completedAt: row.completedAt,
    lastViewedAt: row.lastViewedAt,
  };
}

const SELECT = { status: true, completedManually: true, completedAt: true, lastViewedAt: true } as const;

/**
 * The learner opened a lesson: it becomes in progress (a completed one stays completed) and the
 * most recently viewed. Returns the progress as it stands after the visit, so the lesson page
 * needs no second query. One statement (Prisma runs this upsert as INSERT … ON CONFLICT DO
 * UPDATE), so two tabs opening at once cannot race on the unique key.
 */
export async function markLessonOpened(userId: string, courseSlug: string, lessonSlug: string): Promise<LessonProgressView> {
  const row = await getPrisma().lessonProgress.upsert({
    where: { userId_courseSlug_lessonSlug: { userId, courseSlug, lessonSlug } },
    create: { userId, courseSlug, lessonSlug },
    update: { lastViewedAt: new Date() },
    select: SELECT,
  });
  return view(row);
}

export async function getLessonProgress(userId: string, courseSlug: string, lessonSlug: string): Promise<LessonProgressView> {
  const row = await getPrisma().lessonProgress.findUnique({
    where: { userId_courseSlug_lessonSlug: { userId, courseSlug, lessonSlug } },
    select: SELECT,
  });
  return view(row);
}

/** The learner's progress in every lesson of a course they have opened, by lesson slug. */
export async function courseLessonProgress(userId: string, courseSlug: string): Promise<Map<string, LessonProgressView>> {
  const rows = await getPrisma().lessonProgress.findMany({ where: { userId, courseSlug }, select: { lessonSlug: true, ...SELECT } });
  return new Map(rows.map((r) => [r.lessonSlug, view(r)]));
}

/** The learner's progress in every course, by course slug then lesson slug (one query, for the dashboard). */
export async function allLessonProgress(userId: string): Promise<Map<string, Map<string, LessonProgressView>>> {
  const rows = await getPrisma().lessonProgress.findMany({ where: { userId }, select: { courseSlug: true, lessonSlug: true, ...SELECT } });
  const byCourse = new Map<string, Map<string, LessonProgressView>>();
  for (const r of rows) {
    let m = byCourse.get(r.courseSlug);
    if (!m) byCourse.set(r.courseSlug, (m = new Map<string, LessonProgressView>()));
    m.set(r.lessonSlug, view(r));
  }
  return byCourse;
}

/** The completion rule (pure): every quiz answered correctly once and every task passed. */
export function completionRuleMet(
  lesson: Pick<LessonMeta, "quizIds" | "taskIds">,
  correctQuizIds: ReadonlySet<string>,
  passedTasks: ReadonlySet<string>,
): boolean {
  if (lesson.quizIds.length + lesson.taskIds.length === 0) return false; // nothing to achieve: only a manual completion
  return lesson.quizIds.every((id) => correctQuizIds.has(id)) && lesson.taskIds.every((id) => passedTasks.has(id));
}

async function complete(userId: string, courseSlug: string, lessonSlug: string, manually: boolean): Promise<void> {
  const prisma = getPrisma();
  const now = new Date();
  const { count } = await prisma.lessonProgress.createMany({
    data: [{ userId, courseSlug, lessonSlug, status: "COMPLETED", completedAt: now, completedManually: manually }],
    skipDuplicates: true,
  });
  if (count === 0) {
    await prisma.lessonProgress.updateMany({
      where: { userId, courseSlug, lessonSlug, status: { not: "COMPLETED" } },
      data: { status: "COMPLETED", completedAt: now, completedManually: manually },
    });
  }
}

/**
 * Re-applies the completion rule after a quiz answer or a task pass (which also start the lesson:
 * working on it counts as in progress even without opening the page, e.g. through the API);
 * returns the lesson's progress afterwards.
 */
export async function refreshLessonCompletion(userId: string, lesson: LessonMeta): Promise<LessonProgressView> {
  let current = await getLessonProgress(userId, lesson.courseSlug, lesson.slug);
  if (current.state === "completed") return current;
  if (current.state === "not-started") {
    await getPrisma().lessonProgress.createMany({
      data: [{ userId, courseSlug: lesson.courseSlug, lessonSlug: lesson.slug }],
      skipDuplicates: true,
    });
    current = await getLessonProgress(userId, lesson.courseSlug, lesson.slug);
  }
  const [quizzes, tasks] = await Promise.all([
    correctlyAnsweredQuizIds(userId, lesson.courseSlug, lesson.quizIds),
    passedTaskIds(userId, lesson.courseSlug, lesson.slug),
  ]);
  if (!completionRuleMet(lesson, quizzes, tasks)) return current;
  await complete(userId, lesson.courseSlug, lesson.slug, false);
  return getLessonProgress(userId, lesson.courseSlug, lesson.slug);
}

/** "Mark complete": the learner says they are done (an already completed lesson keeps its first completion). */
export async function markLessonCompleteManually(userId: string, lesson: LessonMeta): Promise<LessonProgressView> {
  await complete(userId, lesson.courseSlug, lesson.slug, true);
  return getLessonProgress(userId, lesson.courseSlug, lesson.slug);
}

export interface LastViewed {
  courseSlug: string;
  lessonSlug: string;
  lastViewedAt: Date;
  state: LessonState;
}

/** The lesson the learner looked at most recently (any course), for "Continue where you left off". */
export async function lastViewedLesson(userId: string): Promise<LastViewed | null> {
  const row = await getPrisma().lessonProgress.findFirst({
    where: { userId },
    orderBy: { lastViewedAt: "desc" },
    select: { courseSlug: true, lessonSlug: true, lastViewedAt: true, status: true },
  });
  if (!row) return null;
  return {
    courseSlug: row.courseSlug,
    lessonSlug: row.lessonSlug,
    lastViewedAt: row.lastViewedAt,
    state: row.status === "COMPLETED" ? "completed" : "in-progress",
  };
}

export interface CourseCompletion {
  completed: number;
  total: number;
  /** whole percent, 0 to 100 */
  percent: number;
}

/** How much of a course is completed (only the course's current lessons count). */
export function courseCompletion(
  lessons: readonly Pick<LessonMeta, "slug">[],
  progress: ReadonlyMap<string, LessonProgressView> | undefined,
): CourseCompletion {
  const total = lessons.length;
  const completed = lessons.filter((l) => progress?.get(l.slug)?.state === "completed").length;
  return { completed, total, percent: total === 0 ? 0 : Math.round((completed / total) * 100) };
}
