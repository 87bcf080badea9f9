/**
 * A learner's recent activity (quiz answers, tasks passed, lessons completed) and their streak of
 * consecutive active UTC days. Every query is scoped by the learner's user id.
 */
import "server-only";
import { getPrisma } from "@/lib/server/db/client";
import { computeStreak, type Streak } from "./streak";

export type ActivityItem =
  | { kind: "quiz"; at: Date; courseSlug: string; lessonSlug: string; questionId: string; correct: boolean; attemptNumber: number }
  | { kind: "task"; at: Date; courseSlug: string; lessonSlug: string; taskId: string }
  | { kind: "lesson-completed"; at: Date; courseSlug: string; lessonSlug: string; manually: boolean };

/** The learner's latest `limit` activities, newest first. */
export async function recentActivity(userId: string, limit = 10): Promise<ActivityItem[]> {
  const take = Math.max(1, Math.min(50, Math.floor(limit)));
  const prisma = getPrisma();
  const [quizzes, tasks, lessons] = await Promise.all([
    prisma.quizAttempt.findMany({
      where: { userId },
      orderBy: { createdAt: "desc" },
      take,
      select: { createdAt: true, courseSlug: true, lessonSlug: true, questionId: true, correct: true, attemptNumber: true },
    }),
    prisma.taskCompletion.findMany({
      where: { userId },
      orderBy: { passedAt: "desc" },
      take,
      select: { passedAt: true, courseSlug: true, lessonSlug: true, taskId: true },
    }),
    prisma.lessonProgress.findMany({
      where: { userId, completedAt: { not: null } },
      orderBy: { completedAt: "desc" },
      take,
      select: { completedAt: true, courseSlug: true, lessonSlug: true, completedManually: true },
    }),
  ]);
  const items: ActivityItem[] = [
    ...quizzes.map((q): ActivityItem => ({
      kind: "quiz",
      at: q.createdAt,
      courseSlug: q.courseSlug,
      lessonSlug: q.lessonSlug,
      questionId: q.questionId,
      correct: q.correct,
      attemptNumber: q.attemptNumber,
    })),
    ...tasks.map((t): ActivityItem => ({
      kind: "task",
      at: t.passedAt,
      courseSlug: t.courseSlug,
      lessonSlug: t.lessonSlug,
      taskId: t.taskId,
    })),
    ...lessons.map((l): ActivityItem => ({
      kind: "lesson-completed",
      at: l.completedAt as Date,
      courseSlug: l.courseSlug,
      lessonSlug: l.lessonSlug,
      manually: l.completedManually,
    })),
  ];
  return items.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, take);
}

/** How far back the streak looks (a longer streak still shows, capped at this many days). */
export const STREAK_WINDOW_DAYS = 400;

/**
 * The UTC days on which the learner did anything: answered a quiz, passed a task, opened, viewed
 * or completed a lesson, or ran a command in their terminal. One query, bounded to the window.
 */
export async function activeDays(userId: string, now: Date): Promise<string[]> {
  const since = new Date(now.getTime() - STREAK_WINDOW_DAYS * 86_400_000);
  const rows = await getPrisma().$queryRaw<{ day: string }[]>`
    SELECT DISTINCT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM (
      SELECT created_at AS t FROM quiz_attempts WHERE user_id = ${userId} AND created_at >= ${since}
      UNION ALL SELECT passed_at FROM task_completions WHERE user_id = ${userId} AND passed_at >= ${since}
      UNION ALL SELECT opened_at FROM lesson_progress WHERE user_id = ${userId} AND opened_at >= ${since}
      UNION ALL SELECT last_viewed_at FROM lesson_progress WHERE user_id = ${userId} AND last_viewed_at >= ${since}
      UNION ALL SELECT completed_at FROM lesson_progress WHERE user_id = ${userId} AND completed_at >= ${since}
      UNION ALL SELECT e.created_at FROM terminal_events e JOIN terminal_sessions s ON s.id = e.session_id
        WHERE s.user_id = ${userId} AND e.created_at >= ${since}
    ) AS activity`;
  return rows.map((r) => r.day);
}

/** The learner's streak of consecutive active UTC days as of `now`. */
export async function learnerStreak(userId: string, now: Date = new Date()): Promise<Streak> {
  return computeStreak(await activeDays(userId, now), now);
}
