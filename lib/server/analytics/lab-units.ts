/**
 * The units the lab analytics report on: today every lesson <Task>; when challenge scenarios land
 * (issue 14 item 3), add them here with kind "SCENARIO" and they appear on the pages (their check
 * and hint events already have a place: lab-record.ts).
 */
import "server-only";
import { getTask } from "@/lib/course/catalog";
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
    for (const lesson of course.lessons)
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
  return units;
}
