/**
 * Route parameters of /api/courses/…: validated by the access wrapper before any lookup
 * (kebab-case ids, bounded), so a hostile path never reaches the catalogue or the database.
 */
import { z } from "zod";

const slug = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

export const courseParams = z.object({ course: slug });
export const lessonParams = z.object({ course: slug, lesson: slug });
export const quizParams = z.object({ course: slug, quizId: slug });
export const taskParams = z.object({ course: slug, taskId: slug });

export const NO_STORE = { "Cache-Control": "no-store" } as const;
export const scenarioParams = z.object({ course: slug, scenario: slug });
