// POST /api/courses/[course]/tasks/[taskId]/check – run a task's check against the learner's own cluster (Pro)
import { NextResponse } from "next/server";
import { z } from "zod";
import { getLesson, getTask } from "@/lib/course/catalog";
import type { CheckResult } from "@/lib/course/types";
import { recordCheckRun } from "@/lib/server/analytics/lab-record";
import { jsonError, jsonMutation } from "@/lib/server/http/route";
import { refreshLessonCompletion } from "@/lib/server/progress/lesson-progress";
import { recordTaskPass } from "@/lib/server/progress/tasks";
import { getSessionManager } from "@/lib/server/terminal/runtime";
import { NO_STORE, taskParams } from "../../../../_lib/params";

export const POST = jsonMutation({ access: "pro", params: taskParams, body: z.object({}).strict() }, async ({ user, params }) => {
  const task = await getTask(params.course, params.taskId);
  if (!task) return jsonError(404, "Not found.");
  // a scenario's tasks run on the scenario's own cluster, all at once: /scenarios/[scenario]/check
  if ((await getLesson(task.courseSlug, task.lessonSlug))?.kind === "scenario") return jsonError(404, "Not found.");

  let result: CheckResult;
  try {
    // The learner's own cluster, never anyone else's: the session is keyed by the signed-in user's id.
    const session = await getSessionManager().open(user.id, task.courseSlug);
    result = await session.runTaskCheck(task.check, task.props);
  } catch (err) {
    console.error(`task check ${task.id}: cluster unavailable:`, err);
    return jsonError(503, "Your cluster is not reachable right now. Try again in a few seconds.");
  }

  // lab analytics: best effort, after the commands before it (lib/server/analytics/lab-record.ts)
  await recordCheckRun({
    userId: user.id,
    courseSlug: task.courseSlug,
    lessonSlug: task.lessonSlug,
    unitKind: "TASK",
    unitId: task.id,
    passed: result.passed,
    detail: result.detail,
  });

  let state: string = "in-progress";
  if (result.passed) {
    await recordTaskPass(user.id, task);
    const lesson = await getLesson(task.courseSlug, task.lessonSlug);
    if (lesson) state = (await refreshLessonCompletion(user.id, lesson)).state;
  }
  return NextResponse.json({ passed: result.passed, detail: result.detail, lesson: { state } }, { headers: NO_STORE });
});
