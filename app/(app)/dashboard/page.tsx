import type { Metadata } from "next";
import Link from "next/link";
import { ArrowRightIcon, CheckIcon, QuizIcon, TerminalIcon } from "@/app/_components/icons";
import { StatusPill } from "@/app/_components/lesson/status-pill";
import { Container } from "@/app/_components/page-container";
import { Badge } from "@/app/_components/ui/badge";
import { ButtonLink } from "@/app/_components/ui/button";
import { CourseCard } from "@/app/courses/_components/course-card";
import { getQuiz, getTask, listCourses } from "@/lib/course/catalog";
import type { CourseMeta } from "@/lib/course/types";
import { requireUser } from "@/lib/server/auth/session";
import { learnerStreak, recentActivity, type ActivityItem } from "@/lib/server/progress/activity";
import { allLessonProgress, courseCompletion, lastViewedLesson } from "@/lib/server/progress/lesson-progress";

export const metadata: Metadata = { title: "Dashboard" };

function ago(at: Date, now: Date): string {
  const s = Math.max(0, Math.round((now.getTime() - at.getTime()) / 1000));
  if (s < 60) return "just now";
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} h ago`;
  const d = Math.round(h / 24);
  return d === 1 ? "yesterday" : `${d} days ago`;
}

function lessonOf(courses: CourseMeta[], courseSlug: string, lessonSlug: string) {
  const course = courses.find((c) => c.slug === courseSlug);
  return { course, lesson: course?.lessons.find((l) => l.slug === lessonSlug) };
}

async function describe(
  item: ActivityItem,
  courses: CourseMeta[],
): Promise<{ text: string; detail: string; href: string; icon: "quiz" | "task" | "done"; good: boolean }> {
  const { course, lesson } = lessonOf(courses, item.courseSlug, item.lessonSlug);
  const href = `/courses/${item.courseSlug}/${item.lessonSlug}`;
  const where = lesson ? `${lesson.order}. ${lesson.title}` : item.lessonSlug;
  switch (item.kind) {
    case "quiz": {
      const quiz = course ? await getQuiz(course.slug, item.questionId) : undefined;
      const verdict = item.correct ? "correct" : "not correct";
      return {
        text: quiz?.question ?? `Quiz ${item.questionId}`,
        detail: `Quiz answer, ${verdict}${item.attemptNumber > 1 ? ` (attempt ${item.attemptNumber})` : ""} · ${where}`,
        href,
        icon: "quiz",
        good: item.correct,
      };
    }
    case "task": {
      const task = course ? await getTask(course.slug, item.taskId) : undefined;
      return { text: task?.title ?? item.taskId, detail: `Hands-on task passed · ${where}`, href, icon: "task", good: true };
    }
    case "lesson-completed":
      return {
        text: lesson?.title ?? item.lessonSlug,
        detail: `Lesson completed${item.manually ? " (marked by you)" : ""}`,
        href,
        icon: "done",
        good: true,
      };
  }
}

/** A question answered several times shows once, as its latest answer (whose attempt number says how many). */
function latestPerQuestion(activity: ActivityItem[]): ActivityItem[] {
  const seen = new Set<string>();
  return activity.filter((a) => {
    if (a.kind !== "quiz") return true;
    const key = `${a.courseSlug}/${a.questionId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export default async function DashboardPage() {
  const user = await requireUser("/dashboard");
  const firstName = user.name?.trim().split(/\s+/)[0];
  const now = new Date();
  const [courses, progress, last, activity, streak] = await Promise.all([
    listCourses(),
    allLessonProgress(user.id),
    lastViewedLesson(user.id),
    recentActivity(user.id, 30),
    learnerStreak(user.id, now),
  ]);
  const resume = last ? lessonOf(courses, last.courseSlug, last.lessonSlug) : null;
  const shown = latestPerQuestion(activity).slice(0, 8);
  const items = await Promise.all(shown.map((a) => describe(a, courses)));
  // Nothing opened and nothing done yet: this is the first visit (right after sign-up), not a return.
  const firstVisit = !last && activity.length === 0;

  return (
    <Container className="py-10 sm:py-12">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl dark:text-white">
            {firstVisit ? (firstName ? `Welcome, ${firstName}` : "Welcome") : firstName ? `Welcome back, ${firstName}` : "Welcome back"}
          </h1>
          <p className="text-slate-600 dark:text-slate-400">
            {firstVisit
              ? "Start with a course below: the first lesson takes about half an hour."
              : "Pick up where you left off, or start something new."}
          </p>
        </div>
        <div className="flex items-center gap-2">
          <Badge tone={user.isPro ? "indigo" : "neutral"}>{user.isPro ? "Pro" : "Free plan"}</Badge>
          {user.role === "ADMIN" && <Badge tone="amber">Admin</Badge>}
        </div>
      </div>

      <div className="mt-10 grid gap-8 lg:grid-cols-[2fr_1fr]">
        <div className="min-w-0 space-y-10">
          <section aria-labelledby="continue-title" className="space-y-4">
            <h2 id="continue-title" className="text-sm font-semibold tracking-wider text-slate-500 uppercase dark:text-slate-400">
              Continue where you left off
            </h2>
            {last && resume?.course && resume.lesson ? (
              <div
                className="rounded-xl border border-slate-200 bg-white p-6 shadow-xs dark:border-slate-800 dark:bg-slate-900/60"
                data-testid="continue"
              >
                <div className="flex flex-wrap items-center gap-2 text-sm text-slate-500 dark:text-slate-400">
                  <span>{resume.course.title}</span>
                  <span aria-hidden="true">·</span>
                  <span>
                    Lesson {resume.lesson.order} of {resume.course.lessons.length}
                  </span>
                  <StatusPill state={last.state} />
                </div>
                <p className="mt-2 text-lg font-semibold text-slate-900 dark:text-white">{resume.lesson.title}</p>
                <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
                  Last opened {ago(last.lastViewedAt, now)}. {resume.lesson.summary}
                </p>
                <ButtonLink href={`/courses/${resume.course.slug}/${resume.lesson.slug}`} size="sm" className="mt-4">
                  {last.state === "completed" ? "Open the lesson again" : "Continue the lesson"}
                  <ArrowRightIcon />
                </ButtonLink>
              </div>
            ) : (
              <div className="rounded-xl border border-dashed border-slate-300 bg-white p-6 dark:border-slate-700 dark:bg-slate-900/40">
                <p className="font-medium text-slate-900 dark:text-white">Nothing in progress yet</p>
                <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Start a course and your next lesson will show up here.</p>
                <ButtonLink href="/courses" variant="secondary" size="sm" className="mt-4">
                  Browse courses
                  <ArrowRightIcon />
                </ButtonLink>
              </div>
            )}
          </section>

          <section aria-labelledby="courses-title" className="space-y-4">
            <h2 id="courses-title" className="text-sm font-semibold tracking-wider text-slate-500 uppercase dark:text-slate-400">
              Your courses
            </h2>
            <ul className="grid gap-4">
              {courses.map((c) => (
                <li key={c.slug}>
                  <CourseCard course={c} completion={courseCompletion(c.lessons, progress.get(c.slug))} headingLevel="h3" />
                </li>
              ))}
            </ul>
          </section>
        </div>

        <aside aria-label="Your activity" className="min-w-0 space-y-8">
          <section
            aria-labelledby="streak-title"
            className="rounded-xl border border-slate-200 bg-white p-6 shadow-xs dark:border-slate-800 dark:bg-slate-900/60"
          >
            <h2 id="streak-title" className="text-sm font-semibold tracking-wider text-slate-500 uppercase dark:text-slate-400">
              Streak
            </h2>
            <p className="mt-3 text-3xl font-semibold text-slate-900 dark:text-white" data-testid="streak">
              {streak.current} {streak.current === 1 ? "day" : "days"}
            </p>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
              {streak.current === 0
                ? "Answer a quiz or run a command today to start a streak."
                : streak.activeToday
                  ? "You have been active today. Come back tomorrow to keep it going."
                  : "Do something today to keep your streak."}
            </p>
            {streak.longest > streak.current && (
              <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">Longest: {streak.longest} days</p>
            )}
            <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">Days are counted in UTC.</p>
          </section>

          <section aria-labelledby="activity-title" className="space-y-3">
            <h2 id="activity-title" className="text-sm font-semibold tracking-wider text-slate-500 uppercase dark:text-slate-400">
              Recent activity
            </h2>
            {items.length === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">
                Your quiz answers, tasks and completed lessons will show up here.
              </p>
            ) : (
              <ol className="space-y-1" data-testid="activity">
                {items.map((it, i) => (
                  <li key={i}>
                    <Link href={it.href} className="flex gap-3 rounded-lg p-2 hover:bg-slate-100 dark:hover:bg-slate-800/60">
                      <span
                        aria-hidden="true"
                        className={`mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full ${
                          it.good
                            ? "bg-emerald-100 text-emerald-700 dark:bg-emerald-500/15 dark:text-emerald-300"
                            : "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300"
                        }`}
                      >
                        {it.icon === "quiz" ? (
                          <QuizIcon className="size-3.5" />
                        ) : it.icon === "task" ? (
                          <TerminalIcon className="size-3.5" />
                        ) : (
                          <CheckIcon className="size-3.5" />
                        )}
                      </span>
                      <span className="min-w-0">
                        <span className="line-clamp-2 block text-sm font-medium text-slate-900 dark:text-white">{it.text}</span>
                        <span className="block text-xs text-slate-500 dark:text-slate-400">
                          {it.detail} · <time dateTime={shown[i].at.toISOString()}>{ago(shown[i].at, now)}</time>
                        </span>
                      </span>
                    </Link>
                  </li>
                ))}
              </ol>
            )}
          </section>

          <section aria-labelledby="lab-title" className="space-y-4">
            <h2 id="lab-title" className="text-sm font-semibold tracking-wider text-slate-500 uppercase dark:text-slate-400">
              Practice cluster
            </h2>
            <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-xs dark:border-slate-800 dark:bg-slate-900/60">
              <span className="inline-flex size-10 items-center justify-center rounded-lg bg-slate-900 text-emerald-300 dark:bg-slate-800">
                <TerminalIcon className="size-5" />
              </span>
              <p className="mt-4 font-medium text-slate-900 dark:text-white">Your kubeadm cluster</p>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
                {user.isPro
                  ? "A control plane and a worker, with real certificates. It keeps its state between visits."
                  : "Practise every command on a cluster of your own. Free during early access."}
              </p>
              <div className="mt-4">
                {user.isPro ? (
                  <ButtonLink href="/lab" size="sm">
                    Open terminal
                  </ButtonLink>
                ) : (
                  <Link
                    href="/pricing"
                    className="text-sm font-medium text-indigo-600 underline-offset-2 hover:underline dark:text-indigo-400"
                  >
                    See what Pro includes
                  </Link>
                )}
              </div>
            </div>
          </section>
        </aside>
      </div>
    </Container>
  );
}
