import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, CardBody, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { requireAdmin } from "@/lib/server/auth/session";
import { loadContentIndex } from "@/lib/server/admin/content-index";
import { labUnitAnalytics } from "@/lib/server/analytics/lab";
import { parsePage, parseUnitRef, unitPath } from "@/lib/server/analytics/lab-params";
import { labUnitLearners } from "@/lib/server/analytics/lab-timeline";
import { dateTime, int, pct, seconds } from "../../../../_components/format";
import { AdminTitle } from "../../../../_components/page-title";
import { Stat } from "../../../../_components/stat";
import { CommandList } from "../../../_components/command-list";

type Params = Promise<{ course: string; kind: string; unit: string }>;

export async function generateMetadata(): Promise<Metadata> {
  await requireAdmin();
  return { title: "Lab unit" };
}

export default async function LabUnitPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdmin();
  const ref = parseUnitRef(await params);
  if (!ref) notFound();
  const page = parsePage(await searchParams);
  const content = await loadContentIndex();
  const [unit, learners] = await Promise.all([labUnitAnalytics(content, ref), labUnitLearners(ref, page)]);
  if (!unit) notFound();
  const base = unitPath(ref);
  const noun = ref.kind === "SCENARIO" ? "scenario" : "task";

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/lab" className="text-indigo-700 hover:underline dark:text-indigo-300">
          ← Lab analytics
        </Link>
      </p>
      <AdminTitle
        title={unit.title}
        lead={
          <>
            {unit.kind === "SCENARIO" ? "Troubleshooting scenario " : ""}
            <span className="font-mono">{unit.unitId}</span> · {content.courseTitle(unit.courseSlug)}
            {unit.kind === "TASK" ? ` · ${unit.lessonTitle}` : ""}
          </>
        }
      />
      <dl className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-5">
        <Stat label="Learners" value={int(unit.learners)} />
        <Stat label="Checks" value={int(unit.checks)} />
        <Stat label="Pass rate" value={pct(unit.passRate)} hint={`${int(unit.passed)} passed`} />
        <Stat label="Median time to pass" value={seconds(unit.medianTimeToPassMs)} />
        <Stat label="Hints used" value={int(unit.hintsUsed)} />
      </dl>

      <div className="mb-6 grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Most common failing commands</CardTitle>
          </CardHeader>
          <CardBody>
            <CommandList items={unit.topFailing} label="Failing commands" empty="No failing commands yet." />
          </CardBody>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Commands run before passing</CardTitle>
          </CardHeader>
          <CardBody>
            <CommandList items={unit.topBeforePass} label="Commands before passing" empty="Nobody has passed yet." />
          </CardBody>
        </Card>
      </div>

      <Card className="overflow-hidden">
        <CardHeader>
          <CardTitle>Learners</CardTitle>
        </CardHeader>
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="lab-learners">
            <caption className="sr-only">Learners who attempted this {noun}, most recent first</caption>
            <thead className="border-y border-slate-200 bg-slate-50 text-left text-slate-600 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Learner
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Started
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Checks
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Hints
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Passed
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  <span className="sr-only">Timeline</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 tabular-nums dark:divide-slate-800">
              {learners.rows.length === 0 && (
                <tr>
                  <td colSpan={6} className="px-3 py-8 text-center text-slate-600 dark:text-slate-400">
                    Nobody has attempted this {noun} yet.
                  </td>
                </tr>
              )}
              {learners.rows.map((l) => (
                <tr key={l.userId} data-learner={l.email}>
                  <th scope="row" className="px-3 py-2 text-left font-normal">
                    <Link href={`/admin/users/${l.userId}`} className="hover:underline">
                      {l.email}
                    </Link>
                  </th>
                  <td className="px-3 py-2 whitespace-nowrap">{dateTime(l.startedAt)}</td>
                  <td className="px-3 py-2 text-right">{int(l.checks)}</td>
                  <td className="px-3 py-2 text-right">{int(l.hintsUsed)}</td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {l.passedAt ? `${dateTime(l.passedAt)} (${seconds(l.passedAt.getTime() - l.startedAt.getTime())})` : "not yet"}
                  </td>
                  <td className="px-3 py-2 text-right">
                    {/* prefetch off: opening a timeline is an audited read of personal data, never a hover */}
                    <Link
                      href={`${base}/timeline/${l.userId}`}
                      prefetch={false}
                      className="text-indigo-700 hover:underline dark:text-indigo-300"
                    >
                      Timeline<span className="sr-only"> of {l.email}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {(page > 0 || learners.more) && (
          <nav
            aria-label="Learner pages"
            className="flex justify-between border-t border-slate-200 px-3 py-2 text-sm dark:border-slate-800"
          >
            {page > 0 ? <Link href={`${base}?page=${page - 1}`}>← Newer</Link> : <span />}
            {learners.more && <Link href={`${base}?page=${page + 1}`}>Older →</Link>}
          </nav>
        )}
      </Card>
      <p className="mt-4 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        A learner&apos;s timeline shows their commands as typed. It is personal data: each view is recorded in the audit log under the
        learner&apos;s name.
      </p>
    </>
  );
}
