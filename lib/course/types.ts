/**
 * The course engine's contract (lib/course). Pure types: the UI, the API routes and the content
 * check all code against these. No runtime code here.
 */

/** The task checks implemented in lib/course/checks (definitions in content/checks.md). */
export type { CheckName } from "./checks/registry";
import type { CheckName } from "./checks/registry";

export interface NextModule {
  title: string;
  status: "coming-soon";
}

export interface CourseMeta {
  slug: string;
  title: string;
  summary: string;
  level: "Beginner" | "Intermediate" | "Advanced";
  nextModule?: NextModule;
  /** slugs of courses to take first (course.json "prerequisites"): shown as a notice, never a lock */
  prerequisites: string[];
  lessons: LessonMeta[];
}

export interface TocEntry {
  depth: 2 | 3;
  /** the heading's id attribute, headingId(text) */
  id: string;
  text: string;
}

/** A lesson teaches (prose, commands, quizzes); a scenario hands the learner a broken cluster and a goal. */
export type LessonKind = "lesson" | "scenario";

export interface LessonMeta {
  kind: LessonKind;
  courseSlug: string;
  slug: string;
  title: string;
  order: number;
  /** minutes */
  duration: number;
  objectives: string[];
  summary: string;
  quizIds: string[];
  taskIds: string[];
  toc: TocEntry[];
}

export interface QuizOption {
  id: string;
  text: string;
}

export interface QuizDefinition {
  id: string;
  courseSlug: string;
  lessonSlug: string;
  question: string;
  options: QuizOption[];
  correctOptionId: string;
  /** markdown source */
  explanation: string;
}

export interface TaskDefinition {
  id: string;
  courseSlug: string;
  lessonSlug: string;
  title: string;
  check: CheckName;
  /** the <Task>'s props other than id, check and title */
  props: Record<string, string>;
}

export type LessonStep = { kind: "command"; text: string; expectFailure: boolean } | { kind: "timeTravel"; days: number };

export interface Lesson extends LessonMeta {
  /** compiled MDX, outputFormat "function-body", for @mdx-js/mdx run() */
  code: string;
  quizzes: QuizDefinition[];
  tasks: TaskDefinition[];
  steps: LessonStep[];
  /** present exactly when kind is "scenario"; server-side only (setup, hints and solution never reach the browser unasked) */
  scenario?: ScenarioSpec;
}

/**
 * One step of a scenario's setup, run by the platform on a fresh cluster before the learner's
 * first prompt: a shell command line, a clock jump, or a named state transform in code
 * (lib/course/scenario-transforms.ts) for breakage no command can express.
 */
export type ScenarioSetupStep =
  { kind: "command"; text: string } | { kind: "timeTravel"; days: number } | { kind: "transform"; name: string };

export interface ScenarioSpec {
  setup: ScenarioSetupStep[];
  /** revealed one at a time, in order; plain text with `code` spans */
  hints: string[];
  /** the reference solution: command lines the content check runs after the setup */
  solution: string[];
}

export interface CheckResult {
  passed: boolean;
  /** a short learner-facing sentence */
  detail: string;
}
