// POST /api/courses/[course]/lessons/[lesson]/complete – the learner marks a lesson complete
import { NextResponse } from "next/server";
import { z } from "zod";
import { getLesson } from "@/lib/course/catalog";
import { jsonError, jsonMutation } from "@/lib/server/http/route";
import { markLessonCompleteManually } from "@/lib/server/progress/lesson-progress";
import { lessonParams, NO_STORE } from "../../../../_lib/params";

export const POST = jsonMutation({ access: "user", params: lessonParams, body: z.object({}).strict() }, async ({ user, params }) => {
  const lesson = await getLesson(params.course, params.lesson);
  if (!lesson) return jsonError(404, "Not found.");
  if (lesson.kind === "scenario") return jsonError(409, "A scenario is completed by solving it: use Check my work.");
  const progress = await markLessonCompleteManually(user.id, lesson);
  return NextResponse.json({ lesson: { state: progress.state, completedManually: progress.completedManually } }, { headers: NO_STORE });
});
