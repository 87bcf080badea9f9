import Link from "next/link";
import { ArrowRightIcon, ShieldIcon } from "@/app/_components/icons";
import { Badge } from "@/app/_components/ui/badge";
import { cx } from "@/app/_components/ui/cx";
import type { CourseMeta } from "@/lib/course/types";
import type { CourseCompletion } from "@/lib/server/progress/lesson-progress";
import { countLabel, PrerequisitesLine, type Prerequisite } from "./prerequisites";
import { ProgressBar } from "./progress-bar";

export function courseMinutes(course: Pick<CourseMeta, "lessons">): number {
  return course.lessons.reduce((sum, l) => sum + l.duration, 0);
}

export function formatMinutes(min: number): string {
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  const m = min % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

/** A course in the catalogue or on the dashboard; the whole card is one link. */
export function CourseCard({
  course,
  completion,
  prerequisites = [],
  headingLevel = "h2",
  className,
}: {
  course: CourseMeta;
  /** courses to take first (a notice, not a lock) */
  prerequisites?: Prerequisite[];
  /** the learner's progress; omitted for visitors */
  completion?: CourseCompletion;
  headingLevel?: "h2" | "h3";
  className?: string;
}) {
  const Heading = headingLevel;
  const started = completion && completion.completed > 0;
  const finished = completion && completion.total > 0 && completion.completed === completion.total;
  return (
    <article
      className={cx(
        "group relative flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-5 shadow-xs transition-colors hover:border-indigo-300 has-[a:focus-visible]:outline-2 has-[a:focus-visible]:outline-offset-2 has-[a:focus-visible]:outline-indigo-500 sm:p-6 dark:border-slate-800 dark:bg-slate-900/60 dark:hover:border-indigo-500/50",
        className,
      )}
    >
      <div className="flex items-start justify-between gap-4">
        <span className="inline-flex size-10 items-center justify-center rounded-lg bg-indigo-50 text-indigo-600 ring-1 ring-indigo-100 dark:bg-indigo-500/10 dark:text-indigo-300 dark:ring-indigo-500/20">
          <ShieldIcon className="size-5" />
        </span>
        <div className="flex flex-wrap justify-end gap-1.5">
          <Badge tone="neutral">{course.level}</Badge>
          <Badge tone="indigo">Hands-on labs</Badge>
        </div>
      </div>
      <div className="space-y-2">
        <Heading className="text-lg font-semibold tracking-tight text-slate-900 dark:text-white">
          <Link href={`/courses/${course.slug}`} className="after:absolute after:inset-0 after:rounded-xl focus-visible:outline-none">
            {course.title}
          </Link>
        </Heading>
        <p className="line-clamp-4 text-sm leading-relaxed text-slate-600 dark:text-slate-400">{course.summary}</p>
      </div>
      <p className="text-sm text-slate-500 dark:text-slate-400">
        {countLabel(course)} · about {formatMinutes(courseMinutes(course))}
      </p>
      <PrerequisitesLine prerequisites={prerequisites} />
      {completion && (
        <div className="space-y-1.5">
          <div className="flex items-center justify-between text-sm">
            <span className="text-slate-600 dark:text-slate-400">
              {completion.completed} of {completion.total}{" "}
              {course.lessons.every((l) => l.kind === "scenario") ? "scenarios solved" : "lessons completed"}
            </span>
            <span className="font-semibold text-slate-900 dark:text-white">{completion.percent}%</span>
          </div>
          <ProgressBar percent={completion.percent} label={`${course.title}: progress`} />
        </div>
      )}
      <p className="mt-auto inline-flex items-center gap-1 text-sm font-medium text-indigo-600 dark:text-indigo-400">
        {finished ? "Review the course" : started ? "Continue the course" : "View course"}
        <ArrowRightIcon className="size-4 transition-transform group-hover:translate-x-0.5" />
      </p>
    </article>
  );
}
