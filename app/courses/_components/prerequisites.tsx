/**
 * "Take these first": a course's prerequisites as a notice (never a lock), with the learner's
 * progress in each when signed in. Used on the catalogue cards and the course page.
 */
import Link from "next/link";
import type { CourseMeta } from "@/lib/course/types";
import type { CourseCompletion } from "@/lib/server/progress/lesson-progress";

export interface Prerequisite {
  slug: string;
  title: string;
  /** the learner's progress; undefined for visitors */
  completion?: CourseCompletion;
}

/** The prerequisites of `course`, titled from the catalogue (an unknown slug cannot occur: the content check rejects it). */
export function prerequisitesOf(
  course: CourseMeta,
  all: readonly CourseMeta[],
  completionOf?: (c: CourseMeta) => CourseCompletion,
): Prerequisite[] {
  return course.prerequisites.flatMap((slug) => {
    const c = all.find((x) => x.slug === slug);
    return c ? [{ slug, title: c.title, ...(completionOf ? { completion: completionOf(c) } : {}) }] : [];
  });
}

function status(p: Prerequisite): string {
  if (!p.completion) return "";
  if (p.completion.total > 0 && p.completion.completed === p.completion.total) return " (completed)";
  return ` (${p.completion.percent}% done)`;
}

/** A short line for a card: plain text, since the whole card is already one link. */
export function PrerequisitesLine({ prerequisites }: { prerequisites: Prerequisite[] }) {
  if (!prerequisites.length) return null;
  return (
    <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="prerequisites">
      <span className="font-medium text-slate-700 dark:text-slate-300">Take first: </span>
      {prerequisites.map((p) => `${p.title}${status(p)}`).join(", ")}
    </p>
  );
}

/** The course page's notice, with links to each prerequisite. */
export function PrerequisitesNotice({ prerequisites }: { prerequisites: Prerequisite[] }) {
  if (!prerequisites.length) return null;
  const allDone = prerequisites.every((p) => p.completion && p.completion.total > 0 && p.completion.completed === p.completion.total);
  return (
    <section
      aria-labelledby="prerequisites-title"
      className="max-w-3xl rounded-xl border border-amber-200 bg-amber-50/70 p-4 text-sm dark:border-amber-500/30 dark:bg-amber-500/5"
      data-testid="prerequisites"
    >
      <h2 id="prerequisites-title" className="font-semibold text-slate-900 dark:text-white">
        Before you start
      </h2>
      <p className="mt-1 text-slate-700 dark:text-slate-300">
        {allDone
          ? "You have completed the courses this one builds on."
          : "This course builds on the courses below. You can start anyway; you will find it easier after them."}
      </p>
      <ul className="mt-2 list-disc space-y-1 pl-5 marker:text-amber-500">
        {prerequisites.map((p) => (
          <li key={p.slug}>
            <Link href={`/courses/${p.slug}`} className="font-medium text-indigo-600 underline underline-offset-2 dark:text-indigo-400">
              {p.title}
            </Link>
            <span className="text-slate-600 dark:text-slate-400">{status(p)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "5 lessons", "10 scenarios", "3 lessons and 2 scenarios". */
export function countLabel(course: Pick<CourseMeta, "lessons">): string {
  const scenarios = course.lessons.filter((l) => l.kind === "scenario").length;
  const lessons = course.lessons.length - scenarios;
  const part = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;
  if (!scenarios) return part(lessons, "lesson");
  if (!lessons) return part(scenarios, "scenario");
  return `${part(lessons, "lesson")} and ${part(scenarios, "scenario")}`;
}
