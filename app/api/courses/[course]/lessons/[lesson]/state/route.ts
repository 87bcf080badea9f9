// GET /api/courses/[course]/lessons/[lesson]/state – the learner's own state in a lesson
import { NextResponse } from "next/server";
import { getLesson } from "@/lib/course/catalog";
import { guardedGet, jsonError } from "@/lib/server/http/route";
import { getLessonProgress } from "@/lib/server/progress/lesson-progress";
import { quizStatesForLesson } from "@/lib/server/progress/quiz-attempts";
import { passedTaskIds } from "@/lib/server/progress/tasks";
import { lessonParams, NO_STORE } from "../../../../_lib/params";

export const GET = guardedGet({ access: "user", params: lessonParams }, async ({ user, params }) => {
  const lesson = await getLesson(params.course, params.lesson);
  if (!lesson) return jsonError(404, "Not found.");
  const [progress, quizStates, passed] = await Promise.all([
    getLessonProgress(user.id, lesson.courseSlug, lesson.slug),
    quizStatesForLesson(user.id, lesson.courseSlug, lesson.slug),
    passedTaskIds(user.id, lesson.courseSlug, lesson.slug),
  ]);
  return NextResponse.json(
    {
      status: progress.state,
      completedManually: progress.completedManually,
      completedAt: progress.completedAt?.toISOString() ?? null,
      // Only quizzes this learner has answered carry the correct option and the explanation.
      quizzes: lesson.quizzes.flatMap((q) => {
        const s = quizStates.get(q.id);
        return s
          ? [
              {
                id: q.id,
                attempts: s.attempts,
                lastOptionId: s.lastOptionId,
                lastCorrect: s.lastCorrect,
                everCorrect: s.everCorrect,
                correctOptionId: q.correctOptionId,
                explanation: q.explanation,
              },
            ]
          : [];
      }),
      tasksPassed: lesson.taskIds.filter((id) => passed.has(id)),
    },
    { headers: NO_STORE },
  );
});
