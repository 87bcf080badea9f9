import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { ArrowRightIcon } from "@/app/_components/icons";
import { LabWorkspace } from "@/app/_components/lab/lab-workspace";
import type { Viewer } from "@/app/_components/lesson/task";
import { ProGate } from "@/app/_components/pro/pro-gate";
import { TerminalPanel } from "@/app/_components/terminal/terminal-panel";
import { ButtonLink } from "@/app/_components/ui/button";
import { getCourse, getLesson } from "@/lib/course/catalog";
import { getSessionUser } from "@/lib/server/auth/session";
import { paymentsEnabled } from "@/lib/server/billing/config";
import { getLessonProgress, markLessonOpened, type LessonProgressView } from "@/lib/server/progress/lesson-progress";
import { quizStatesForLesson, type QuizState } from "@/lib/server/progress/quiz-attempts";
import { passedTaskIds } from "@/lib/server/progress/tasks";
import { scenarioClusterKey } from "@/lib/server/scenarios/cluster-key";
import { openScenario, type ScenarioState } from "@/lib/server/scenarios/scenario-service";
import { LessonArticle } from "./lesson-article";
import { ScenarioArticle } from "./scenario-article";

type Params = { params: Promise<{ course: string; lesson: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { course, lesson } = await params;
  const l = await getLesson(course, lesson);
  return l ? { title: l.title, description: l.summary } : { title: "Lesson not found" };
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
  let scenarioState: ScenarioState | null = null;
  if (user) {
    // A prefetch is not a visit: only a real view marks the lesson in progress / last viewed (and starts a scenario's attempt).
    const h = await headers();
    const visit = !h.has("next-router-prefetch") && !h.has("next-router-segment-prefetch");
    // One round trip for everything the learner sees of their own: the visit's write returns the
    // progress it leaves, and the answers and tasks do not depend on it.
    [progress, quizStates, passedTasks, scenarioState] = await Promise.all([
      visit ? markLessonOpened(user.id, course.slug, lesson.slug) : getLessonProgress(user.id, course.slug, lesson.slug),
      quizStatesForLesson(user.id, course.slug, lesson.slug),
      passedTaskIds(user.id, course.slug, lesson.slug),
      visit && user.isPro && lesson.kind === "scenario" ? openScenario(user.id, lesson) : null,
    ]);
  }
  const viewer: Viewer = !user ? "anonymous" : user.isPro ? "pro" : "free";

  const lessons = [...course.lessons].sort((a, b) => a.order - b.order);
  const index = lessons.findIndex((l) => l.slug === lesson.slug);
  const prev = index > 0 ? lessons[index - 1] : undefined;
  const next = index >= 0 && index < lessons.length - 1 ? lessons[index + 1] : undefined;

  const article =
    lesson.kind === "scenario" ? (
      <ScenarioArticle
        course={course}
        scenario={lesson}
        total={lessons.length}
        viewer={viewer}
        signInHref={signInHref}
        progress={progress}
        state={scenarioState}
        serverNow={new Date()}
      />
    ) : (
      <LessonArticle
        course={course}
        lesson={lesson}
        lessons={lessons}
        prev={prev}
        next={next}
        viewer={viewer}
        signInHref={signInHref}
        progress={progress}
        quizStates={quizStates}
        passedTasks={passedTasks}
      />
    );
  // a scenario runs on a cluster of its own (docs/decisions.md, "Scenario clusters")
  const clusterKey = lesson.kind === "scenario" ? scenarioClusterKey(course.slug, lesson.slug) : course.slug;

  // data-wide-page: the site header widens to this page's width, so their edges line up.
  return (
    <div data-wide-page className="mx-auto w-full max-w-[96rem] px-4 py-8 sm:px-6">
      {user && viewer === "pro" ? (
        <LabWorkspace
          owner={user.id}
          lesson={article}
          terminal={<TerminalPanel course={clusterKey} owner={user.id} className="h-full" />}
        />
      ) : (
        <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_minmax(380px,42%)]">
          <div className="@container min-w-0">{article}</div>
          <aside
            id="terminal"
            aria-label="Your cluster"
            className="min-w-0 scroll-mt-20 lg:sticky lg:top-[4.5rem] lg:h-[calc(100dvh-5.5rem)] lg:self-start"
          >
            {viewer === "free" ? (
              <ProGate className="lg:h-full" payments={paymentsEnabled()} />
            ) : (
              <section
                aria-labelledby="practise-title"
                className="flex flex-col justify-center gap-3 rounded-xl border border-dashed border-slate-300 bg-slate-50 p-6 lg:h-full dark:border-slate-700 dark:bg-slate-900/40"
              >
                <h2 id="practise-title" className="text-lg font-semibold text-slate-900 dark:text-white">
                  Practise what you read
                </h2>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  Sign in to answer the quizzes and keep your progress. With Pro, a kubeadm cluster of your own runs here, next to the
                  lesson, and every command has a &ldquo;Run in terminal&rdquo; button.
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
      )}
    </div>
  );
}
