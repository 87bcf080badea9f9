import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowRightIcon } from "@/app/_components/icons";
import { LessonContent } from "@/app/_components/lesson/lesson-content";
import { LessonStatusBadge, MarkComplete } from "@/app/_components/lesson/lesson-status";
import type { Viewer } from "@/app/_components/lesson/task";
import { ProGate } from "@/app/_components/pro/pro-gate";
import { TerminalPanel } from "@/app/_components/terminal/terminal-panel";
import { ButtonLink } from "@/app/_components/ui/button";
import { getCourse, getLesson } from "@/lib/course/catalog";
import type { LessonMeta, TocEntry } from "@/lib/course/types";
import { getSessionUser } from "@/lib/server/auth/session";
import { paymentsEnabled } from "@/lib/server/billing/config";
import { getLessonProgress, markLessonOpened, type LessonProgressView } from "@/lib/server/progress/lesson-progress";
import { quizStatesForLesson, type QuizState } from "@/lib/server/progress/quiz-attempts";
import { passedTaskIds } from "@/lib/server/progress/tasks";

type Params = { params: Promise<{ course: string; lesson: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { course, lesson } = await params;
  const l = await getLesson(course, lesson);
  return l ? { title: l.title, description: l.summary } : { title: "Lesson not found" };
}

function Toc({ toc, className }: { toc: TocEntry[]; className?: string }) {
  return (
    <ol className={className}>
      {toc.map((t) => (
        <li key={t.id} className={t.depth === 3 ? "pl-4" : undefined}>
          <a href={`#${t.id}`} className="block rounded px-2 py-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-white">
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

/**
 * A lesson. Anyone may read it (visitors too: the reading is the free part and good for finding
 * the course); answering, checking tasks and the terminal need an account, the terminal Pro.
 * Opening it marks it in progress for a signed-in learner.
 */
export default async function LessonPage({ params }: Params) {
  const { course: courseSlug, lesson: lessonSlug } = await params;
  const [course, lesson] = await Promise.all([getCourse(courseSlug), getLesson(courseSlug, lessonSlug)]);
  if (!course || !lesson) notFound();
  const user = await getSessionUser();
  const path = `/courses/${course.slug}/${lesson.slug}`;
  const signInHref = `/sign-in?callbackUrl=${encodeURIComponent(path)}`;

  let quizStates = new Map<string, QuizState>();
  let passedTasks = new Set<string>();
  let progress: LessonProgressView | null = null;
  if (user) {
    // A prefetch is not a visit: only a real view marks the lesson in progress / last viewed.
    const h = await headers();
    if (!h.has("next-router-prefetch") && !h.has("next-router-segment-prefetch")) await markLessonOpened(user.id, course.slug, lesson.slug);
    [quizStates, passedTasks, progress] = await Promise.all([
      quizStatesForLesson(user.id, course.slug, lesson.slug),
      passedTaskIds(user.id, course.slug, lesson.slug),
      getLessonProgress(user.id, course.slug, lesson.slug),
    ]);
  }
  const viewer: Viewer = !user ? "anonymous" : user.isPro ? "pro" : "free";

  const lessons = [...course.lessons].sort((a, b) => a.order - b.order);
  const index = lessons.findIndex((l) => l.slug === lesson.slug);
  const prev = index > 0 ? lessons[index - 1] : undefined;
  const next = index >= 0 && index < lessons.length - 1 ? lessons[index + 1] : undefined;

  return (
    <div className="mx-auto w-full max-w-[96rem] px-4 py-8 sm:px-6">
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_minmax(380px,42%)] 2xl:grid-cols-[13rem_minmax(0,1fr)_minmax(480px,40%)]">
        <nav aria-label="On this page" className="hidden 2xl:block">
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
              <h1 id="lesson-title" className="mt-2 text-3xl font-semibold tracking-tight text-balance text-slate-900 sm:text-4xl dark:text-white">
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
                <details className="group mt-4 rounded-xl border border-slate-200 text-sm 2xl:hidden dark:border-slate-800">
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
                  <Link href={`/courses/${course.slug}`} className="flex flex-1 flex-col items-end rounded-xl border border-slate-200 p-4 text-right hover:border-indigo-300 dark:border-slate-800">
                    <span className="text-xs font-medium text-slate-500 dark:text-slate-400">End of the course</span>
                    <span className="mt-1 font-semibold text-slate-900 dark:text-white">Back to the course overview</span>
                  </Link>
                )}
              </nav>
            </footer>
          </div>
        </article>

        <aside id="terminal" aria-label="Your cluster" className="min-w-0 scroll-mt-20 lg:sticky lg:top-[4.5rem] lg:h-[calc(100dvh-5.5rem)] lg:self-start">
          {viewer === "pro" ? (
            <TerminalPanel course={course.slug} className="h-[70dvh] lg:h-full" />
          ) : viewer === "free" ? (
            <ProGate className="lg:h-full" payments={paymentsEnabled()} />
          ) : (
            <section aria-labelledby="practise-title" className="flex flex-col justify-center gap-3 rounded-xl border border-dashed border-slate-300 bg-slate-50 p-6 lg:h-full dark:border-slate-700 dark:bg-slate-900/40">
              <h2 id="practise-title" className="text-lg font-semibold text-slate-900 dark:text-white">
                Practise what you read
              </h2>
              <p className="text-sm text-slate-600 dark:text-slate-400">
                Sign in to answer the quizzes and keep your progress. With Pro, a kubeadm cluster of your own runs here, next to the lesson, and
                every command has a &ldquo;Run in terminal&rdquo; button.
              </p>
              <div className="flex flex-wrap gap-2">
                <ButtonLink href={signInHref}>Sign in</ButtonLink>
                <ButtonLink href="/sign-up" variant="secondary">
                  Create an account
                  <ArrowRightIcon />
                </ButtonLink>
              </div>
            </section>
          )}
        </aside>
      </div>
    </div>
  );
}
