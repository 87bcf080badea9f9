/**
 * Quiz answers: graded here on the server against the course's definition (the browser never
 * holds the correct option before answering), stored as numbered attempts, and read back for
 * the learner's own lesson page. Every query is scoped by the learner's user id.
 */
import "server-only";
import type { QuizDefinition } from "@/lib/course/types";
import { getPrisma } from "@/lib/server/db/client";

/** Answers slower than this are stored as this: a tab left open overnight is not a data point. */
export const MAX_TIME_TO_ANSWER_MS = 60 * 60 * 1000;

/** A client-measured duration made safe to store: finite, whole, within [0, MAX]; unusable values become null. */
export function clampTimeToAnswer(ms: number | null | undefined): number | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return null;
  return Math.min(MAX_TIME_TO_ANSWER_MS, Math.max(0, Math.round(ms)));
}

/** Whether `optionId` answers `quiz` correctly; null when it is not one of the quiz's options. */
export function gradeAnswer(quiz: QuizDefinition, optionId: string): boolean | null {
  if (!quiz.options.some((o) => o.id === optionId)) return null;
  return optionId === quiz.correctOptionId;
}

export interface RecordedAttempt {
  attemptNumber: number;
  correct: boolean;
  createdAt: Date;
}

const MAX_NUMBERING_RETRIES = 10;

/**
 * Stores one answer as the learner's next attempt (previous count + 1). Two answers racing for
 * the same number collide on the unique key (user, question, attempt); the loser renumbers.
 */
export async function recordQuizAnswer(
  userId: string,
  quiz: QuizDefinition,
  optionId: string,
  timeToAnswerMs: number | null | undefined,
): Promise<RecordedAttempt> {
  const correct = gradeAnswer(quiz, optionId);
  if (correct === null) throw new RangeError(`option ${optionId} is not part of quiz ${quiz.id}`);
  const prisma = getPrisma();
  for (let i = 0; ; i++) {
    const previous = await prisma.quizAttempt.count({ where: { userId, questionId: quiz.id } });
    try {
      const row = await prisma.quizAttempt.create({
        data: {
          userId,
          courseSlug: quiz.courseSlug,
          lessonSlug: quiz.lessonSlug,
          questionId: quiz.id,
          optionId,
          correct,
          attemptNumber: previous + 1,
          timeToAnswerMs: clampTimeToAnswer(timeToAnswerMs),
        },
        select: { attemptNumber: true, correct: true, createdAt: true },
      });
      return row;
    } catch (err) {
      if ((err as { code?: string }).code !== "P2002" || i >= MAX_NUMBERING_RETRIES) throw err;
    }
  }
}

export interface QuizState {
  attempts: number;
  lastOptionId: string;
  lastCorrect: boolean;
  /** answered correctly at least once (what lesson completion asks for) */
  everCorrect: boolean;
}

/** The learner's state for each quiz of a lesson they have answered (quizzes never answered are absent). */
export async function quizStatesForLesson(userId: string, courseSlug: string, lessonSlug: string): Promise<Map<string, QuizState>> {
  const rows = await getPrisma().quizAttempt.findMany({
    where: { userId, courseSlug, lessonSlug },
    orderBy: [{ questionId: "asc" }, { attemptNumber: "asc" }],
    select: { questionId: true, optionId: true, correct: true, attemptNumber: true },
  });
  const states = new Map<string, QuizState>();
  for (const r of rows) {
    const prev = states.get(r.questionId);
    states.set(r.questionId, {
      attempts: Math.max(prev?.attempts ?? 0, r.attemptNumber),
      lastOptionId: r.optionId,
      lastCorrect: r.correct,
      everCorrect: (prev?.everCorrect ?? false) || r.correct,
    });
  }
  return states;
}

/** Which of `quizIds` the learner has answered correctly at least once. */
export async function correctlyAnsweredQuizIds(userId: string, courseSlug: string, quizIds: readonly string[]): Promise<Set<string>> {
  if (quizIds.length === 0) return new Set();
  const rows = await getPrisma().quizAttempt.findMany({
    where: { userId, courseSlug, questionId: { in: [...quizIds] }, correct: true },
    distinct: ["questionId"],
    select: { questionId: true },
  });
  return new Set(rows.map((r) => r.questionId));
}
