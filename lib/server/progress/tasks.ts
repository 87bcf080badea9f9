/**
 * Hands-on tasks a learner has passed. A pass is recorded once (the unique key makes a repeated
 * check harmless) and is never taken back: the task was achieved, even if the cluster changes later.
 */
import "server-only";
import type { TaskDefinition } from "@/lib/course/types";
import { getPrisma } from "@/lib/server/db/client";

/** Records that the learner passed `task`; returns when it was first passed. */
export async function recordTaskPass(userId: string, task: TaskDefinition): Promise<Date> {
  const prisma = getPrisma();
  const key = { userId, courseSlug: task.courseSlug, lessonSlug: task.lessonSlug, taskId: task.id };
  await prisma.taskCompletion.createMany({ data: [key], skipDuplicates: true });
  const row = await prisma.taskCompletion.findUniqueOrThrow({
    where: { userId_courseSlug_lessonSlug_taskId: key },
    select: { passedAt: true },
  });
  return row.passedAt;
}

/** The ids of the tasks of one lesson that the learner has passed. */
export async function passedTaskIds(userId: string, courseSlug: string, lessonSlug: string): Promise<Set<string>> {
  const rows = await getPrisma().taskCompletion.findMany({ where: { userId, courseSlug, lessonSlug }, select: { taskId: true } });
  return new Set(rows.map((r) => r.taskId));
}
