"use client";
/**
 * A hands-on task: the goal, a "Check" button and its live status. The check runs on the server
 * against the learner's own cluster. While the task is on screen, the terminal is live and the
 * task is not yet passed, it also re-checks quietly every few seconds, so it turns green on its own.
 */
import Link from "next/link";
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { CheckIcon } from "@/app/_components/icons";
import { Button } from "@/app/_components/ui/button";
import { cx } from "@/app/_components/ui/cx";
import { announceLessonState, courseApi, postJson, type LessonState } from "./client-api";

export type Viewer = "anonymous" | "free" | "pro";

interface CheckResponse {
  passed: boolean;
  detail: string;
  lesson: { state: LessonState };
}

export const TASK_POLL_MS = 5000;

export function TaskClient({
  course,
  lesson,
  taskId,
  title,
  initialPassed,
  viewer,
  signInHref,
  children,
}: {
  course: string;
  lesson: string;
  taskId: string;
  title: string;
  initialPassed: boolean;
  viewer: Viewer;
  signInHref: string;
  children?: ReactNode;
}) {
  const uid = useId();
  const root = useRef<HTMLElement>(null);
  const [passed, setPassed] = useState(initialPassed);
  const [detail, setDetail] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [pending, setPending] = useState(false);
  const inFlight = useRef<Promise<void> | null>(null);

  const check = useCallback(
    async (quiet: boolean) => {
      if (inFlight.current) {
        // A quiet re-check is running: a click waits for it, then checks for itself (its answer is the learner's).
        if (quiet) return;
        setPending(true);
        await inFlight.current;
      }
      const run = (async () => {
        if (!quiet) setPending(true);
        const res = await postJson<CheckResponse>(`${courseApi(course)}/tasks/${encodeURIComponent(taskId)}/check`, {});
        if (!quiet) setPending(false);
        if (!res.ok) {
          if (!quiet) {
            setFailed(true);
            setDetail(res.error);
          }
          return;
        }
        if (res.data.passed) {
          setPassed(true);
          setFailed(false);
          setDetail(res.data.detail);
          announceLessonState(lesson, res.data.lesson.state);
        } else if (!quiet) {
          setFailed(true);
          setDetail(res.data.detail);
        }
      })();
      inFlight.current = run;
      await run;
      if (inFlight.current === run) inFlight.current = null;
    },
    [course, lesson, taskId],
  );

  // Quiet re-checks: only for a Pro learner, while the task is visible and the terminal is live.
  useEffect(() => {
    if (viewer !== "pro" || passed) return;
    const el = root.current;
    let visible = false;
    const io =
      typeof IntersectionObserver === "undefined" ? null : new IntersectionObserver((e) => (visible = e.some((x) => x.isIntersecting)));
    if (el && io) io.observe(el);
    const timer = setInterval(() => {
      const live = document.querySelector('[data-testid="terminal-state"][data-state="live"]') !== null;
      if (live && (visible || !io) && document.visibilityState === "visible") void check(true);
    }, TASK_POLL_MS);
    return () => {
      clearInterval(timer);
      io?.disconnect();
    };
  }, [viewer, passed, check]);

  const titleId = `${uid}-title`;
  return (
    <section
      ref={root}
      aria-labelledby={titleId}
      data-task-id={taskId}
      data-state={passed ? "passed" : failed ? "failed" : "open"}
      className={cx(
        "not-prose my-8 rounded-xl border p-5 shadow-xs sm:p-6",
        passed
          ? "border-emerald-300 bg-emerald-50/60 dark:border-emerald-500/40 dark:bg-emerald-500/5"
          : "border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900/60",
      )}
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-xs font-semibold tracking-wider text-indigo-600 uppercase dark:text-indigo-400">Hands-on task</p>
          <h3 id={titleId} className="mt-1 text-base font-semibold text-slate-900 dark:text-white">
            {title}
          </h3>
        </div>
        <span
          className={cx(
            "inline-flex items-center gap-1 rounded-full px-2.5 py-1 text-xs font-semibold ring-1 ring-inset",
            passed
              ? "bg-emerald-100 text-emerald-800 ring-emerald-300 dark:bg-emerald-500/15 dark:text-emerald-300 dark:ring-emerald-500/30"
              : "bg-slate-100 text-slate-700 ring-slate-200 dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-700",
          )}
          data-testid="task-status"
        >
          {passed ? (
            <>
              <CheckIcon className="size-3.5" /> Passed
            </>
          ) : (
            "Not passed yet"
          )}
        </span>
      </div>
      <div className="mt-3 space-y-3 text-sm leading-relaxed text-slate-700 dark:text-slate-300 [&_code]:code-inline">{children}</div>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        {passed ? null : viewer === "pro" ? (
          <Button size="sm" pending={pending} onClick={() => void check(false)}>
            {pending ? "Checking your cluster…" : "Check"}
          </Button>
        ) : viewer === "free" ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">The check runs against your own cluster, which comes with Pro.</p>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            <Link href={signInHref} className="font-medium text-indigo-600 underline underline-offset-2 dark:text-indigo-400">
              Sign in
            </Link>{" "}
            to practise on your own cluster.
          </p>
        )}
        <p role="status" className={cx("text-sm", passed ? "text-emerald-800 dark:text-emerald-300" : "text-rose-700 dark:text-rose-300")}>
          {passed ? (detail ?? "Done: your cluster is in the expected state.") : failed ? detail : ""}
        </p>
      </div>
    </section>
  );
}
