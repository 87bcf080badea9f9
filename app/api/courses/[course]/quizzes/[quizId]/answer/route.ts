// POST /api/courses/[course]/quizzes/[quizId]/answer – grade a quiz answer on the server and store it as the next attempt
import { NextResponse } from "next/server";
import { z } from "zod";
import { getLesson, getQuiz } from "@/lib/course/catalog";
import { jsonError, jsonMutation } from "@/lib/server/http/route";
import { refreshLessonCompletion } from "@/lib/server/progress/lesson-progress";
import { recordQuizAnswer } from "@/lib/server/progress/quiz-attempts";
import { NO_STORE, quizParams } from "../../../../_lib/params";

const body = z
  .object({
    optionId: z
      .string()
      .min(1)
      .max(8)
      .regex(/^[a-z0-9]+$/),
    /** measured in the browser from when the quiz came into view; clamped before it is stored */
    timeToAnswerMs: z
      .number()
      .finite()
      .min(0)
      .max(7 * 24 * 3600 * 1000)
      .optional(),
  })
  .strict();

export const POST = jsonMutation({ access: "user", params: quizParams, body }, async ({ body, user, params }) => {
  const quiz = await getQuiz(params.course, params.quizId);
  if (!quiz) return jsonError(404, "Not found.");
  if (!quiz.options.some((o) => o.id === body.optionId)) {
    return jsonError(400, "Invalid request.", { fieldErrors: { optionId: ["Not an option of this quiz."] } });
  }
  const attempt = await recordQuizAnswer(user.id, quiz, body.optionId, body.timeToAnswerMs);
  const lesson = await getLesson(quiz.courseSlug, quiz.lessonSlug);
  const progress = lesson ? await refreshLessonCompletion(user.id, lesson) : null;
  return NextResponse.json(
    {
      optionId: body.optionId,
      correct: attempt.correct,
      correctOptionId: quiz.correctOptionId,
      explanation: quiz.explanation,
      attemptNumber: attempt.attemptNumber,
      lesson: { state: progress?.state ?? "in-progress" },
    },
    { headers: NO_STORE },
  );
});
