import "server-only";
import { getLesson } from "@/lib/course/catalog";
import type { Lesson } from "@/lib/course/types";

/** The scenario the route names; undefined for a lesson or nothing (both 404). */
export async function findScenario(course: string, scenario: string): Promise<Lesson | undefined> {
  const l = await getLesson(course, scenario);
  return l?.kind === "scenario" ? l : undefined;
}
