/**
 * A scenario's page text: breadcrumb, title, the goal (the compiled MDX; its tasks render as goal
 * cards), and for a Pro learner the attempt's controls. The setup, the hints not yet revealed and
 * the reference solution never reach the browser.
 */
import Link from "next/link";
import { LessonContent } from "@/app/_components/lesson/lesson-content";
import { LessonStatusBadge } from "@/app/_components/lesson/lesson-status";
import type { Viewer } from "@/app/_components/lesson/task";
import type { CourseMeta, Lesson } from "@/lib/course/types";
import type { LessonProgressView } from "@/lib/server/progress/lesson-progress";
import type { ScenarioState } from "@/lib/server/scenarios/scenario-service";
import { ScenarioControls } from "./scenario-controls";

export function ScenarioArticle({
  course,
  scenario,
  total,
  viewer,
  signInHref,
  progress,
  state,
  serverNow,
}: {
  course: CourseMeta;
  scenario: Lesson;
  total: number;
  viewer: Viewer;
  signInHref: string;
  progress: LessonProgressView | null;
  /** the Pro learner's current attempt; null for everyone else */
  state: ScenarioState | null;
  serverNow: Date;
}) {
  return (
    <article className="min-w-0" aria-labelledby="lesson-title">
      <div className="mx-auto max-w-3xl">
        <nav aria-label="Breadcrumb" className="text-sm text-slate-500 dark:text-slate-400">
          <Link href="/courses" className="hover:text-slate-900 hover:underline dark:hover:text-white">
            Courses
          </Link>
          <span aria-hidden="true" className="mx-2">
            /
          </span>
          <Link href={`/courses/${course.slug}`} className="hover:text-slate-900 hover:underline dark:hover:text-white">
            {course.title}
          </Link>
        </nav>
        <header className="mt-4 border-b border-slate-200 pb-6 dark:border-slate-800">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-2 text-sm text-slate-500 dark:text-slate-400">
            <span className="font-medium text-amber-700 dark:text-amber-400">
              Scenario {scenario.order} of {total}
            </span>
            <span aria-hidden="true">·</span>
            <span>about {scenario.duration} min</span>
            {progress && <LessonStatusBadge lesson={scenario.slug} initial={progress.state} />}
          </div>
          <h1
            id="lesson-title"
            className="mt-2 text-3xl font-semibold tracking-tight text-balance text-slate-900 sm:text-4xl dark:text-white"
          >
            {scenario.title}
          </h1>
          <p className="mt-3 text-lg text-pretty text-slate-600 dark:text-slate-400">{scenario.summary}</p>
          {state ? (
            <ScenarioControls
              course={course.slug}
              scenario={scenario.slug}
              startedAt={state.attempt.startedAt.toISOString()}
              serverNow={serverNow.toISOString()}
              timeToSolveMs={state.attempt.timeToSolveMs}
              hints={state.hints}
              hintsTotal={state.hintsTotal}
            />
          ) : (
            <p className="mt-5 rounded-xl bg-slate-50 p-4 text-sm text-slate-700 dark:bg-slate-900/60 dark:text-slate-300">
              {viewer === "anonymous" ? (
                <>
                  <Link href={signInHref} className="font-medium text-indigo-600 underline underline-offset-2 dark:text-indigo-400">
                    Sign in
                  </Link>{" "}
                  with Pro to get this broken cluster, hints and a check of your fix.
                </>
              ) : (
                "Scenarios run on a cluster of your own, which comes with Pro. You can read the goal here."
              )}
            </p>
          )}
        </header>
        <LessonContent lesson={scenario} viewer={viewer} signInHref={signInHref} quizStates={new Map()} passedTasks={new Set()} />
        <footer className="mt-12 border-t border-slate-200 pt-6 text-sm dark:border-slate-800">
          <Link href={`/courses/${course.slug}`} className="font-medium text-indigo-600 underline underline-offset-2 dark:text-indigo-400">
            Back to all scenarios
          </Link>
        </footer>
      </div>
    </article>
  );
}
