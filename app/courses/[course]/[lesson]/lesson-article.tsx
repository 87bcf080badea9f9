/**
 * A lesson's text: breadcrumb, title, objectives, the compiled MDX, "Mark complete" and the
 * neighbouring lessons, with its table of contents beside it when there is room (a container
 * query: the room depends on where the learner put the terminal split, not on the window).
 */
import Link from "next/link";
import { LessonContent } from "@/app/_components/lesson/lesson-content";
import { LessonStatusBadge, MarkComplete } from "@/app/_components/lesson/lesson-status";
import type { Viewer } from "@/app/_components/lesson/task";
import type { CourseMeta, Lesson, LessonMeta, TocEntry } from "@/lib/course/types";
import type { LessonProgressView } from "@/lib/server/progress/lesson-progress";
import type { QuizState } from "@/lib/server/progress/quiz-attempts";

function Toc({ toc, className }: { toc: TocEntry[]; className?: string }) {
  return (
    <ol className={className}>
      {toc.map((t) => (
        <li key={t.id} className={t.depth === 3 ? "pl-4" : undefined}>
          <a
            href={`#${t.id}`}
            className="block rounded px-2 py-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-white"
          >
            {t.text}
          </a>
        </li>
      ))}
    </ol>
  );
}

function Neighbour({ course, lesson, dir }: { course: string; lesson: LessonMeta; dir: "previous" | "next" }) {
  return (
    <Link
      href={`/courses/${course}/${lesson.slug}`}
      rel={dir === "next" ? "next" : "prev"}
      className={`group flex min-w-0 flex-1 flex-col rounded-xl border border-slate-200 p-4 hover:border-indigo-300 dark:border-slate-800 dark:hover:border-indigo-500/50 ${dir === "next" ? "items-end text-right" : ""}`}
    >
      <span className="text-xs font-medium text-slate-500 dark:text-slate-400">{dir === "next" ? "Next lesson" : "Previous lesson"}</span>
      <span className="mt-1 font-semibold text-slate-900 group-hover:text-indigo-600 dark:text-white dark:group-hover:text-indigo-400">
        {lesson.order}. {lesson.title}
      </span>
    </Link>
  );
}

export interface LessonArticleProps {
  course: CourseMeta;
  lesson: Lesson;
  lessons: LessonMeta[];
  prev?: LessonMeta;
  next?: LessonMeta;
  viewer: Viewer;
  signInHref: string;
  progress: LessonProgressView | null;
  quizStates: Map<string, QuizState>;
  passedTasks: Set<string>;
}

export function LessonArticle({
  course,
  lesson,
  lessons,
  prev,
  next,
  viewer,
  signInHref,
  progress,
  quizStates,
  passedTasks,
}: LessonArticleProps) {
  return (
    <div className="grid gap-8 @5xl:grid-cols-[13rem_minmax(0,1fr)]">
      <nav aria-label="On this page" className="hidden @5xl:block">
        <div className="sticky top-20 max-h-[calc(100dvh-6rem)] overflow-y-auto text-sm">
          <p className="px-2 pb-2 text-xs font-semibold tracking-wider text-slate-500 uppercase dark:text-slate-400">On this page</p>
          <Toc toc={lesson.toc} />
        </div>
      </nav>
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
              <span>
                Lesson {lesson.order} of {lessons.length}
              </span>
              <span aria-hidden="true">·</span>
              <span>{lesson.duration} min</span>
              {progress && <LessonStatusBadge lesson={lesson.slug} initial={progress.state} />}
            </div>
            <h1
              id="lesson-title"
              className="mt-2 text-3xl font-semibold tracking-tight text-balance text-slate-900 sm:text-4xl dark:text-white"
            >
              {lesson.title}
            </h1>
            <p className="mt-3 text-lg text-pretty text-slate-600 dark:text-slate-400">{lesson.summary}</p>
            <div className="mt-5 rounded-xl bg-slate-50 p-4 dark:bg-slate-900/60">
              <p className="text-sm font-semibold text-slate-900 dark:text-white">After this lesson you can</p>
              <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700 marker:text-slate-400 dark:text-slate-300">
                {lesson.objectives.map((o) => (
                  <li key={o}>{o}</li>
                ))}
              </ul>
            </div>
            {lesson.toc.length > 0 && (
              <details className="group mt-4 rounded-xl border border-slate-200 text-sm @5xl:hidden dark:border-slate-800">
                <summary className="flex cursor-pointer list-none items-center justify-between px-4 py-2.5 font-medium text-slate-900 dark:text-white [&::-webkit-details-marker]:hidden">
                  On this page
                  <span aria-hidden="true" className="text-slate-400 transition-transform group-open:rotate-90">
                    ›
                  </span>
                </summary>
                <nav aria-label="Table of contents" className="border-t border-slate-200 px-2 py-2 dark:border-slate-800">
                  <Toc toc={lesson.toc} />
                </nav>
              </details>
            )}
          </header>

          <LessonContent lesson={lesson} viewer={viewer} signInHref={signInHref} quizStates={quizStates} passedTasks={passedTasks} />

          <footer className="mt-12 space-y-6 border-t border-slate-200 pt-8 dark:border-slate-800">
            {progress ? (
              <MarkComplete course={course.slug} lesson={lesson.slug} initial={progress.state} />
            ) : (
              <p className="text-sm text-slate-600 dark:text-slate-400">
                <Link href={signInHref} className="font-medium text-indigo-600 underline underline-offset-2 dark:text-indigo-400">
                  Sign in
                </Link>{" "}
                to keep track of the lessons you have completed.
              </p>
            )}
            <nav aria-label="Lessons" className="flex flex-col gap-3 sm:flex-row">
              {prev ? <Neighbour course={course.slug} lesson={prev} dir="previous" /> : <span className="hidden flex-1 sm:block" />}
              {next ? (
                <Neighbour course={course.slug} lesson={next} dir="next" />
              ) : (
                <Link
                  href={`/courses/${course.slug}`}
                  className="flex flex-1 flex-col items-end rounded-xl border border-slate-200 p-4 text-right hover:border-indigo-300 dark:border-slate-800"
                >
                  <span className="text-xs font-medium text-slate-500 dark:text-slate-400">End of the course</span>
                  <span className="mt-1 font-semibold text-slate-900 dark:text-white">Back to the course overview</span>
                </Link>
              )}
            </nav>
          </footer>
        </div>
      </article>
    </div>
  );
}
