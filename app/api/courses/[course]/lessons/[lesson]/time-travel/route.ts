// POST /api/courses/[course]/lessons/[lesson]/time-travel – move the learner's cluster clock by a lesson's <TimeTravel days> (Pro)
import { NextResponse } from "next/server";
import { z } from "zod";
import { getLesson } from "@/lib/course/catalog";
import { jsonError, jsonMutation } from "@/lib/server/http/route";
import { getSessionManager } from "@/lib/server/terminal/runtime";
import { lessonParams, NO_STORE } from "../../../../_lib/params";

const body = z.object({ days: z.number().int().min(1).max(3650) }).strict();

export const POST = jsonMutation({ access: "pro", params: lessonParams, body }, async ({ body, user, params }) => {
  const lesson = await getLesson(params.course, params.lesson);
  if (!lesson) return jsonError(404, "Not found.");
  // Only the jumps the lesson offers: the clock is part of what the lesson teaches.
  if (!lesson.steps.some((s) => s.kind === "timeTravel" && s.days === body.days)) {
    return jsonError(400, "Invalid request.", { fieldErrors: { days: ["This lesson offers no such time travel."] } });
  }
  let clusterTime: number;
  try {
    const session = await getSessionManager().open(user.id, lesson.courseSlug);
    clusterTime = await session.advanceClock(body.days * 86_400_000);
  } catch (err) {
    console.error(`time travel for ${lesson.slug}: cluster unavailable:`, err);
    return jsonError(503, "Your cluster is not reachable right now. Try again in a few seconds.");
  }
  return NextResponse.json({ days: body.days, clusterTime: new Date(clusterTime).toISOString() }, { headers: NO_STORE });
});
