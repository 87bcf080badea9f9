/**
 * Which simulated cluster a terminal or a check talks to. A course's lessons share one cluster
 * per learner, keyed by the course slug; each scenario has its own, keyed
 * `<course>--<scenario>` (docs/decisions.md, "Scenario clusters"). Slugs are kebab-case, which
 * never contains a double dash, so the key is unambiguous and still passes the terminal
 * gateway's course-key pattern.
 */
import "server-only";
import { getCourse, getLesson } from "@/lib/course/catalog";
import type { Lesson, ScenarioSetupStep } from "@/lib/course/types";

const SEPARATOR = "--";

export function scenarioClusterKey(courseSlug: string, scenarioSlug: string): string {
  return `${courseSlug}${SEPARATOR}${scenarioSlug}`;
}

/** The course, and the scenario when the key names one; undefined when nothing by that key exists. */
export async function resolveClusterKey(key: string): Promise<{ courseSlug: string; scenario?: Lesson } | undefined> {
  const at = key.indexOf(SEPARATOR);
  if (at < 0) return (await getCourse(key)) ? { courseSlug: key } : undefined;
  const courseSlug = key.slice(0, at);
  const scenario = await getLesson(courseSlug, key.slice(at + SEPARATOR.length));
  return scenario?.kind === "scenario" ? { courseSlug, scenario } : undefined;
}

/** The setup a new cluster under `key` gets: none for a course's lesson cluster (the catalogue is not even asked). */
export async function setupForClusterKey(key: string): Promise<ScenarioSetupStep[] | undefined> {
  if (!key.includes(SEPARATOR)) return undefined;
  return (await resolveClusterKey(key))?.scenario?.scenario?.setup;
}
