import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/app/_components/ui/button";
import { Badge } from "@/app/_components/ui/badge";
import { Card } from "@/app/_components/ui/card";
import { inputClasses } from "@/app/_components/ui/input";
import { requireAdmin } from "@/lib/server/auth/session";
import { loadContentIndex } from "@/lib/server/admin/content-index";
import { labAnalytics } from "@/lib/server/analytics/lab";
import { kindInUrl, parseCourseFilter, parseKindFilter, unitPath } from "@/lib/server/analytics/lab-params";
import { int, pct, seconds } from "../_components/format";
import { AdminTitle } from "../_components/page-title";
import { CommandList } from "./_components/command-list";

export async function generateMetadata(): Promise<Metadata> {
  await requireAdmin();
  return { title: "Lab analytics" };
}

export default async function LabAnalyticsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin();
  const params = await searchParams;
  const course = parseCourseFilter(params);
  const kind = parseKindFilter(params);
  const content = await loadContentIndex();
  const rows = await labAnalytics(content, { course, kind });

  return (
    <>
      <AdminTitle
        title="Lab analytics"
        lead="Every hands-on task and troubleshooting scenario: how many learners tried it, how many passed and how long it took, and which commands fail most often. Commands are shown normalised (names and values stripped); one learner's commands only on their audited timeline."
      />
      <form method="get" action="/admin/lab" className="mb-5 flex flex-wrap items-end gap-3" aria-label="Filter tasks and scenarios">
        <label className="space-y-1 text-sm font-medium text-slate-800 dark:text-slate-200">
          <span>Course</span>
          <select name="course" defaultValue={course ?? ""} className={inputClasses}>
            <option value="">All courses</option>
            {content.courses.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.title}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1 text-sm font-medium text-slate-800 dark:text-slate-200">
          <span>Kind</span>
          <select name="kind" defaultValue={kind ? kindInUrl(kind) : ""} className={inputClasses}>
            <option value="">Tasks and scenarios</option>
            <option value="task">Lesson tasks</option>
            <option value="scenario">Troubleshooting scenarios</option>
          </select>
        </label>
        <button type="submit" className={buttonClasses({ size: "md" })}>
          Apply
        </button>
      </form>

      <Card className="overflow-hidden">
        <div className="relative overflow-x-auto">
          <table className="w-full text-sm" data-testid="lab-table">
            <caption className="sr-only">Hands-on tasks and troubleshooting scenarios, in course order</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-left text-slate-600 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-3 py-2.5 font-medium">
                  Task or scenario
                </th>
                <th scope="col" className="px-3 py-2.5 text-right font-medium">
                  Learners
                </th>
                <th scope="col" className="px-3 py-2.5 text-right font-medium">
                  Checks
                </th>
                <th scope="col" className="px-3 py-2.5 text-right font-medium">
                  Pass rate
                </th>
                <th scope="col" className="px-3 py-2.5 text-right font-medium whitespace-nowrap">
                  Median time to pass
                </th>
                <th scope="col" className="px-3 py-2.5 text-right font-medium">
                  Hints
                </th>
                <th scope="col" className="px-3 py-2.5 font-medium">
                  Most common failing commands
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top tabular-nums dark:divide-slate-800">
              {rows.length === 0 && (
                <tr>
                  <td colSpan={7} className="px-3 py-10 text-center text-slate-600 dark:text-slate-400">
                    Nothing to show for this filter.
                  </td>
                </tr>
              )}
              {rows.map((u) => (
                <tr key={`${u.courseSlug}/${u.kind}/${u.unitId}`} data-unit={u.unitId} data-kind={kindInUrl(u.kind)}>
                  <th scope="row" className="max-w-sm min-w-60 px-3 py-3 text-left font-normal">
                    <Link href={unitPath(u)} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                      {u.title}
                    </Link>
                    <span className="mt-0.5 block text-xs text-slate-500 dark:text-slate-400">
                      {u.kind === "SCENARIO" ? (
                        <>
                          <Badge tone="neutral">scenario</Badge> <span className="font-mono">{u.unitId}</span>
                        </>
                      ) : (
                        <>
                          <span className="font-mono">{u.unitId}</span> · {u.lessonTitle}
                        </>
                      )}
                    </span>
                  </th>
                  <td className="px-3 py-3 text-right" data-testid="learners">
                    {int(u.learners)}
                  </td>
                  <td className="px-3 py-3 text-right">{int(u.checks)}</td>
                  <td className="px-3 py-3 text-right font-medium" data-testid="pass-rate">
                    {pct(u.passRate)}
                  </td>
                  <td className="px-3 py-3 text-right">{seconds(u.medianTimeToPassMs)}</td>
                  <td className="px-3 py-3 text-right">{int(u.hintsUsed)}</td>
                  <td className="min-w-72 px-3 py-3">
                    <CommandList items={u.topFailing} label={`Failing commands for ${u.unitId}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>

      <section aria-labelledby="how-title" className="mt-6 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        <h2 id="how-title" className="font-semibold text-slate-900 dark:text-slate-100">
          How these are computed
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>
            A learner counts for a task once they press its Check, for a scenario once they press its Check or reveal a hint. Pass rate:
            learners who passed, of those. A scenario passes when all its tasks pass in one check.
          </li>
          <li>
            A check covers the commands the learner ran in the cluster it judges since their previous check there: the course&apos;s lesson
            cluster for a task, the scenario&apos;s own cluster for a scenario. Time to pass runs from the first of those commands to the
            first passing check; the median is read from a histogram (within a factor of two, usually much closer).
          </li>
          <li>
            Failing: a command that ended with a non-zero exit status. Names, values, files and quoted text are replaced by placeholders.
          </li>
          <li>Hints count revealed hints of troubleshooting scenarios (tasks have none).</li>
        </ul>
      </section>
    </>
  );
}
