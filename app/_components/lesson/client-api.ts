/**
 * Browser helpers shared by the lesson components: JSON calls to /api/courses/… and the window
 * events that keep the lesson's status badge in step with quizzes and tasks on the same page.
 */
import type { LessonState } from "@/lib/server/progress/lesson-progress";

export type { LessonState };

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: string };

export async function postJson<T>(url: string, body: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      cache: "no-store",
    });
  } catch {
    return { ok: false, status: 0, error: "The server could not be reached. Check your connection and try again." };
  }
  const json = (await res.json().catch(() => ({}))) as { error?: unknown };
  if (!res.ok) {
    const error = typeof json.error === "string" ? json.error : "Something went wrong. Please try again.";
    return { ok: false, status: res.status, error };
  }
  return { ok: true, data: json as T };
}

export function courseApi(course: string): string {
  return `/api/courses/${encodeURIComponent(course)}`;
}

const STATUS_EVENT = "kubeyard:lesson-status";

/** Tells the page's status badge that the lesson's state changed (after an answer, a task pass, "Mark complete"). */
export function announceLessonState(lesson: string, state: LessonState): void {
  window.dispatchEvent(new CustomEvent(STATUS_EVENT, { detail: { lesson, state } }));
}

export function onLessonState(lesson: string, fn: (state: LessonState) => void): () => void {
  const handler = (e: Event) => {
    const d = (e as CustomEvent<{ lesson: string; state: LessonState }>).detail;
    if (d?.lesson === lesson) fn(d.state);
  };
  window.addEventListener(STATUS_EVENT, handler);
  return () => window.removeEventListener(STATUS_EVENT, handler);
}
