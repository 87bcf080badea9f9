import { CheckIcon } from "@/app/_components/icons";
import { cx } from "@/app/_components/ui/cx";
import type { LessonState } from "@/lib/server/progress/lesson-progress";

export const LESSON_STATE_LABEL: Record<LessonState, string> = {
  "not-started": "Not started",
  "in-progress": "In progress",
  completed: "Completed",
};

/** A lesson's state as a small pill: the words carry the meaning, the colour only repeats it. */
export function StatusPill({ state, className }: { state: LessonState; className?: string }) {
  return (
    <span
      data-testid="lesson-state"
      data-state={state}
      className={cx(
        "inline-flex shrink-0 items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        state === "completed"
          ? "bg-emerald-50 text-emerald-700 ring-emerald-200 dark:bg-emerald-500/15 dark:text-emerald-300 dark:ring-emerald-500/30"
          : state === "in-progress"
            ? "bg-amber-50 text-amber-800 ring-amber-200 dark:bg-amber-500/15 dark:text-amber-300 dark:ring-amber-500/30"
            : "bg-slate-100 text-slate-700 ring-slate-200 dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-700",
        className,
      )}
    >
      {state === "completed" && <CheckIcon className="size-3" />}
      {LESSON_STATE_LABEL[state]}
    </span>
  );
}
