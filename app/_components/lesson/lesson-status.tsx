"use client";
/** The lesson's status badge and "Mark complete", kept in step with quizzes and tasks on the page. */
import { useEffect, useState } from "react";
import { CheckIcon } from "@/app/_components/icons";
import { Button } from "@/app/_components/ui/button";
import { StatusPill } from "./status-pill";
import { announceLessonState, courseApi, onLessonState, postJson, type LessonState } from "./client-api";

export function LessonStatusBadge({ lesson, initial }: { lesson: string; initial: LessonState }) {
  const [state, setState] = useState(initial);
  useEffect(() => onLessonState(lesson, setState), [lesson]);
  return <StatusPill state={state} />;
}

export function MarkComplete({ course, lesson, initial }: { course: string; lesson: string; initial: LessonState }) {
  const [state, setState] = useState(initial);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => onLessonState(lesson, setState), [lesson]);

  async function mark() {
    setPending(true);
    setError(null);
    const res = await postJson<{ lesson: { state: LessonState } }>(
      `${courseApi(course)}/lessons/${encodeURIComponent(lesson)}/complete`,
      {},
    );
    setPending(false);
    if (!res.ok) return setError(res.error);
    announceLessonState(lesson, res.data.lesson.state);
  }

  if (state === "completed") {
    return (
      <p role="status" className="inline-flex items-center gap-2 text-sm font-medium text-emerald-700 dark:text-emerald-300">
        <CheckIcon className="size-4" /> You have completed this lesson.
      </p>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button variant="secondary" onClick={mark} pending={pending}>
        {pending ? "Saving…" : "Mark lesson complete"}
      </Button>
      {error && (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
          {error}
        </p>
      )}
    </div>
  );
}
