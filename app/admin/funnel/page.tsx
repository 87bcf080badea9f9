import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/app/_components/ui/card";
import { cx } from "@/app/_components/ui/cx";
import { requireAdmin } from "@/lib/server/auth/session";
import { loadContentIndex } from "@/lib/server/admin/content-index";
import { lessonFunnel, type FunnelRow } from "@/lib/server/analytics/funnel";
import { parseQuizFilter } from "@/lib/server/analytics/params";
import { int, pct } from "../_components/format";
import { AdminTitle } from "../_components/page-title";

// Metadata is resolved apart from the layout: check admin here too, or the title would reach a learner's RSC payload.
export async function generateMetadata(): Promise<Metadata> {
  await requireAdmin();
  return { title: "Lesson funnel" };
}

const STAGES = [
  { key: "opened", label: "Opened", bar: "bg-slate-400 dark:bg-slate-500" },
  { key: "quizzesAnswered", label: "Answered every quiz", bar: "bg-indigo-500" },
  { key: "tasksPassed", label: "Passed every task", bar: "bg-sky-500" },
  { key: "completed", label: "Completed", bar: "bg-emerald-500" },
] as const;

function Stage({ row, k, bar }: { row: FunnelRow; k: (typeof STAGES)[number]["key"]; bar: string }) {
  const v = row[k];
  if (v === null) return <span className="text-slate-500 dark:text-slate-400">no {k === "tasksPassed" ? "tasks" : "quizzes"}</span>;
  const share = row.opened ? v / row.opened : 0;
  return (
    <div className="min-w-28 space-y-1">
      <div className="flex items-baseline justify-between gap-2 tabular-nums">
        <span className="font-medium text-slate-900 dark:text-slate-100">{int(v)}</span>
        {k !== "opened" && <span className="text-xs text-slate-500 dark:text-slate-400">{pct(row.opened ? share : null)}</span>}
      </div>
      <div className="h-1.5 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800" aria-hidden="true">
        <div
          className={cx("h-full rounded-full", bar)}
          style={{ width: `${Math.round((k === "opened" ? (row.opened ? 1 : 0) : share) * 100)}%` }}
        />
      </div>
    </div>
  );
}

export default async function FunnelPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin();
  const { course } = parseQuizFilter(await searchParams);
  const content = await loadContentIndex();
  const rows = await lessonFunnel(content, { course });
  const courses = [...new Set(rows.map((r) => r.courseSlug))];
  return (
    <>
      <AdminTitle
        title="Lesson funnel"
        lead="Of the learners who opened each lesson: how many answered every quiz in it (right or wrong), passed every hands-on task, and completed it. Percentages are of those who opened the lesson."
      />
      {content.courses.length > 1 && (
        <nav aria-label="Course" className="mb-4 flex flex-wrap gap-2 text-sm">
          <Link
            href="/admin/funnel"
            aria-current={!course ? "page" : undefined}
            className="rounded-full border border-slate-200 px-3 py-1 aria-[current=page]:border-indigo-500 aria-[current=page]:text-indigo-700 dark:border-slate-700 dark:aria-[current=page]:text-indigo-300"
          >
            All courses
          </Link>
          {content.courses.map((c) => (
            <Link
              key={c.slug}
              href={`/admin/funnel?course=${c.slug}`}
              aria-current={course === c.slug ? "page" : undefined}
              className="rounded-full border border-slate-200 px-3 py-1 aria-[current=page]:border-indigo-500 aria-[current=page]:text-indigo-700 dark:border-slate-700 dark:aria-[current=page]:text-indigo-300"
            >
              {c.title}
            </Link>
          ))}
        </nav>
      )}
      {courses.map((c) => (
        <Card key={c} className="mb-6 overflow-hidden">
          <h2 className="border-b border-slate-200 px-4 py-3 text-base font-semibold text-slate-900 dark:border-slate-800 dark:text-white">
            {content.courseTitle(c)}
          </h2>
          <div className="relative overflow-x-auto">
            <table className="w-full text-sm" data-testid="funnel-table">
              <caption className="sr-only">Lesson funnel for {content.courseTitle(c)}</caption>
              <thead className="bg-slate-50 text-left text-slate-600 dark:bg-slate-900 dark:text-slate-400">
                <tr>
                  <th scope="col" className="px-4 py-2.5 font-medium">
                    Lesson
                  </th>
                  {STAGES.map((s) => (
                    <th key={s.key} scope="col" className="px-4 py-2.5 font-medium whitespace-nowrap">
                      {s.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {rows
                  .filter((r) => r.courseSlug === c)
                  .map((r) => (
                    <tr key={r.lessonSlug} data-lesson={r.lessonSlug}>
                      <th scope="row" className="px-4 py-3 text-left font-normal">
                        <span className="block font-medium text-slate-900 dark:text-slate-100">
                          {r.order < 999 ? `${r.order}. ` : ""}
                          {r.lessonTitle}
                        </span>
                        <span className="text-xs text-slate-500 dark:text-slate-400">
                          {r.quizCount} {r.quizCount === 1 ? "quiz" : "quizzes"} · {r.taskCount} {r.taskCount === 1 ? "task" : "tasks"}
                        </span>
                      </th>
                      {STAGES.map((s) => (
                        <td key={s.key} className="px-4 py-3 align-top">
                          <Stage row={r} k={s.key} bar={s.bar} />
                        </td>
                      ))}
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </Card>
      ))}
      {rows.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">No lessons yet.</p>}
    </>
  );
}
