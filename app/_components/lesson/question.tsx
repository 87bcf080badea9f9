import type { ReactNode } from "react";

/** An open question to think about; the answer is not graded, so it ships with the page behind a native disclosure. */
export function Question({ prompt, children }: { prompt: string; children?: ReactNode }) {
  return (
    <section
      aria-label="Question to think about"
      className="not-prose my-8 rounded-xl border border-slate-200 bg-slate-50 p-5 sm:p-6 dark:border-slate-800 dark:bg-slate-900/40"
    >
      <p className="text-xs font-semibold tracking-wider text-slate-500 uppercase dark:text-slate-400">Think about it</p>
      <p className="mt-1 text-base font-semibold text-slate-900 dark:text-white">{prompt}</p>
      <details className="group mt-3">
        <summary className="inline-flex cursor-pointer list-none items-center gap-1 rounded-md text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400 [&::-webkit-details-marker]:hidden">
          <span className="group-open:hidden">Show an answer</span>
          <span className="hidden group-open:inline">Hide the answer</span>
        </summary>
        <div className="mt-3 space-y-3 text-sm leading-relaxed text-slate-700 dark:text-slate-300 [&_code]:code-inline">{children}</div>
      </details>
    </section>
  );
}
