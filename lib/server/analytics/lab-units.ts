/**
 * The units the lab analytics report on: every lesson <Task> (kind "TASK"), and every challenge
 * scenario as one unit (kind "SCENARIO", id = the scenario's slug): a scenario is checked all at
 * once on its own cluster, so its tasks are not units of their own (lab-record.ts, labClusterKey).
 */
import "server-only";
import { getLesson, getTask } from "@/lib/course/catalog";
import type { ContentIndex } from "@/lib/server/admin/content-index";
import type { LabUnitKind } from "./lab-record";

export interface LabUnit {
  kind: LabUnitKind;
  courseSlug: string;
  lessonSlug: string;
  unitId: string;
  title: string;
  /** where it sits in the course (lesson order, then position), for the natural sort */
  order: number;
}

export const unitKey = (u: { kind: LabUnitKind; courseSlug: string; unitId: string }) => `${u.courseSlug}/${u.kind}/${u.unitId}`;

export async function listLabUnits(content: ContentIndex): Promise<LabUnit[]> {
  const units: LabUnit[] = [];
  for (const course of content.courses)
    for (const lesson of course.lessons) {
      const full = await getLesson(course.slug, lesson.slug).catch(() => undefined);
      if (full?.kind === "scenario") {
        units.push({
          kind: "SCENARIO",
          courseSlug: course.slug,
          lessonSlug: lesson.slug,
          unitId: lesson.slug,
          title: lesson.title,
          order: lesson.order * 1000,
        });
        continue;
      }
      for (const [i, id] of lesson.taskIds.entries()) {
        const task = await getTask(course.slug, id).catch(() => undefined);
        units.push({
          kind: "TASK",
          courseSlug: course.slug,
          lessonSlug: lesson.slug,
          unitId: id,
          title: task?.title ?? id,
          order: lesson.order * 1000 + i,
        });
      }
    }
  return units;
}
