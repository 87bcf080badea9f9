import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowRightIcon, BookIcon, QuizIcon, TerminalIcon } from "@/app/_components/icons";
import { StatusPill } from "@/app/_components/lesson/status-pill";
import { Container } from "@/app/_components/page-container";
import { Badge } from "@/app/_components/ui/badge";
import { ButtonLink } from "@/app/_components/ui/button";
import { getCourse, listCourses } from "@/lib/course/catalog";
import { KubeconfigPanel } from "@/app/_components/kubeconfig/kubeconfig-panel";
import { getSessionUser } from "@/lib/server/auth/session";
import { allLessonProgress, courseCompletion, type LessonState } from "@/lib/server/progress/lesson-progress";
import { courseMinutes, formatMinutes } from "../_components/course-card";
import { countLabel, PrerequisitesNotice, prerequisitesOf } from "../_components/prerequisites";
import { ProgressBar } from "../_components/progress-bar";

type Params = { params: Promise<{ course: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const course = await getCourse((await params).course);
  return course ? { title: course.title, description: course.summary } : { title: "Course not found" };
}

export default async function CoursePage({ params }: Params) {
  const course = await getCourse((await params).course);
  if (!course) notFound();
  const [user, courses] = await Promise.all([getSessionUser(), listCourses()]);
  const allProgress = user ? await allLessonProgress(user.id) : undefined;
  const progress = allProgress?.get(course.slug) ?? (allProgress ? new Map() : undefined);
  const prerequisites = prerequisitesOf(
    course,
    courses,
    allProgress ? (c) => courseCompletion(c.lessons, allProgress.get(c.slug)) : undefined,
  );
  const onlyScenarios = course.lessons.length > 0 && course.lessons.every((l) => l.kind === "scenario");
  const lessons = [...course.lessons].sort((a, b) => a.order - b.order);
  const stateOf = (slug: string): LessonState => progress?.get(slug)?.state ?? "not-started";
  const completion = courseCompletion(lessons, progress);
  // Where "Continue" goes: the first lesson not completed, in order (else the first lesson).
  const next = lessons.find((l) => stateOf(l.slug) !== "completed") ?? lessons[0];
  const started = lessons.some((l) => stateOf(l.slug) !== "not-started");

  return (
    <Container className="py-10 sm:py-14">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500 dark:text-slate-400">
        <Link href="/courses" className="hover:text-slate-900 hover:underline dark:hover:text-white">
          Courses
        </Link>
        <span aria-hidden="true" className="mx-2">
          /
        </span>
        <span aria-current="page" className="text-slate-700 dark:text-slate-300">
          {course.title}
        </span>
      </nav>

      <div className="mt-6 grid gap-10 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-4">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone="neutral">{course.level}</Badge>
            <Badge tone="indigo">{countLabel(course)}</Badge>
            <Badge tone="neutral">about {formatMinutes(courseMinutes(course))}</Badge>
          </div>
          <h1 className="text-3xl font-semibold tracking-tight text-balance text-slate-900 sm:text-4xl dark:text-white">{course.title}</h1>
          <p className="max-w-3xl text-base text-pretty text-slate-600 sm:text-lg dark:text-slate-400">{course.summary}</p>
          <PrerequisitesNotice prerequisites={prerequisites} />
        </div>

        <aside
          aria-label="Your progress"
          className="self-start rounded-xl border border-slate-200 bg-white p-5 shadow-xs dark:border-slate-800 dark:bg-slate-900/60"
        >
          {user ? (
            <>
              <p className="text-sm font-medium text-slate-900 dark:text-white">Your progress</p>
              <p className="mt-1 text-3xl font-semibold text-slate-900 dark:text-white" data-testid="course-percent">
                {completion.percent}%
              </p>
              <p className="text-sm text-slate-600 dark:text-slate-400">
                {completion.completed} of {completion.total} {onlyScenarios ? "scenarios solved" : "lessons completed"}
              </p>
              <ProgressBar percent={completion.percent} label="Course progress" className="mt-3" />
              {next && (
                <ButtonLink href={`/courses/${course.slug}/${next.slug}`} className="mt-5 w-full">
                  {completion.completed === completion.total ? "Review the course" : started ? "Continue" : "Start the course"}
                  <ArrowRightIcon />
                </ButtonLink>
              )}
            </>
          ) : (
            <>
              <p className="text-sm font-medium text-slate-900 dark:text-white">Read freely, sign in to practise</p>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
                Lessons are open to everyone. Sign in to answer quizzes and keep your progress; Pro adds your own cluster.
              </p>
              {next && (
                <ButtonLink href={`/courses/${course.slug}/${next.slug}`} className="mt-4 w-full">
                  Start reading
                  <ArrowRightIcon />
                </ButtonLink>
              )}
              <ButtonLink
                href={`/sign-in?callbackUrl=${encodeURIComponent(`/courses/${course.slug}`)}`}
                variant="secondary"
                className="mt-2 w-full"
              >
                Sign in
              </ButtonLink>
            </>
          )}
        </aside>
      </div>

      <section aria-labelledby="lessons-title" className="mt-12">
        <h2 id="lessons-title" className="text-sm font-semibold tracking-wider text-slate-500 uppercase dark:text-slate-400">
          {onlyScenarios ? "Scenarios" : "Lessons"}
        </h2>
        <ol className="mt-4 space-y-3">
          {lessons.map((l) => {
            const state = stateOf(l.slug);
            return (
              <li key={l.slug}>
                <article className="group relative flex gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-xs transition-colors hover:border-indigo-300 has-[a:focus-visible]:outline-2 has-[a:focus-visible]:outline-offset-2 has-[a:focus-visible]:outline-indigo-500 sm:p-5 dark:border-slate-800 dark:bg-slate-900/60 dark:hover:border-indigo-500/50">
                  <span
                    aria-hidden="true"
                    className={
                      state === "completed"
                        ? "flex size-9 shrink-0 items-center justify-center rounded-full bg-emerald-600 text-sm font-semibold text-white dark:bg-emerald-500"
                        : "flex size-9 shrink-0 items-center justify-center rounded-full bg-slate-100 text-sm font-semibold text-slate-700 ring-1 ring-slate-200 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-700"
                    }
                  >
                    {l.order}
                  </span>
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
                      <h3 className="font-semibold text-slate-900 dark:text-white">
                        <Link
                          href={`/courses/${course.slug}/${l.slug}`}
                          className="after:absolute after:inset-0 after:rounded-xl focus-visible:outline-none"
                        >
                          <span className="sr-only">
                            {l.kind === "scenario" ? "Scenario" : "Lesson"} {l.order}:{" "}
                          </span>
                          {l.title}
                        </Link>
                      </h3>
                      {user && <StatusPill state={state} />}
                    </div>
                    <p className="mt-1 text-sm leading-relaxed text-slate-600 dark:text-slate-400">{l.summary}</p>
                    <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-500 dark:text-slate-400">
                      <span className="inline-flex items-center gap-1">
                        <BookIcon className="size-3.5" /> {l.duration} min
                      </span>
                      {l.kind === "scenario" ? (
                        <span className="font-medium text-amber-700 dark:text-amber-400">Challenge: a broken cluster</span>
                      ) : (
                        <span className="inline-flex items-center gap-1">
                          <QuizIcon className="size-3.5" /> {l.quizIds.length} {l.quizIds.length === 1 ? "quiz" : "quizzes"}
                        </span>
                      )}
                      <span className="inline-flex items-center gap-1">
                        <TerminalIcon className="size-3.5" /> {l.taskIds.length} hands-on {l.taskIds.length === 1 ? "task" : "tasks"}
                      </span>
                    </p>
                  </div>
                </article>
              </li>
            );
          })}
        </ol>
        {course.nextModule && (
          <div
            className="mt-3 flex gap-4 rounded-xl border border-dashed border-slate-300 bg-slate-50/60 p-4 sm:p-5 dark:border-slate-700 dark:bg-slate-900/30"
            data-testid="next-module"
          >
            <span
              aria-hidden="true"
              className="flex size-9 shrink-0 items-center justify-center rounded-full border border-dashed border-slate-300 text-slate-400 dark:border-slate-600"
            >
              +
            </span>
            <div className="flex min-w-0 flex-1 flex-wrap items-start justify-between gap-x-4 gap-y-1">
              <div>
                <p className="text-xs font-semibold tracking-wider text-slate-500 uppercase dark:text-slate-400">Next module</p>
                <h3 className="font-semibold text-slate-700 dark:text-slate-300">{course.nextModule.title}</h3>
              </div>
              <Badge tone="amber">Coming soon</Badge>
            </div>
          </div>
        )}
      </section>

      {/* the course's cluster from the learner's own kubectl (issue 16); a track's scenarios each have their own, made broken */}
      {user?.isPro && !onlyScenarios && (
        <div className="mt-12">
          <KubeconfigPanel course={course.slug} />
        </div>
      )}
    </Container>
  );
}
