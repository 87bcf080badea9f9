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
  lessons: LessonMeta[];
}

export interface TocEntry {
  depth: 2 | 3;
  /** the heading's id attribute, headingId(text) */
  id: string;
  text: string;
}

export interface LessonMeta {
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
}

export interface CheckResult {
  passed: boolean;
  /** a short learner-facing sentence */
  detail: string;
}
