/**
 * A task inside a scenario's goal: what must be true of the cluster, without a Check button of
 * its own. A scenario is checked as a whole ("Check my work"), so the goal only states the target.
 */
import { useId, type ReactNode } from "react";

export function ScenarioGoal({ taskId, title, children }: { taskId: string; title: string; children?: ReactNode }) {
  const id = useId();
  return (
    <section
      aria-labelledby={id}
      data-scenario-task={taskId}
      className="not-prose my-6 rounded-xl border border-slate-200 bg-white p-5 shadow-xs dark:border-slate-800 dark:bg-slate-900/60"
    >
      <p className="text-xs font-semibold tracking-wider text-amber-700 uppercase dark:text-amber-400">Goal</p>
      <h3 id={id} className="mt-1 font-semibold text-slate-900 dark:text-white">
        {title}
      </h3>
      <div className="mt-2 text-sm leading-6 text-slate-700 dark:text-slate-300 [&_p]:my-1">{children}</div>
    </section>
  );
}
