import type { Metadata } from "next";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { requireAdmin } from "@/lib/server/auth/session";
import { dailySeries, overviewTotals } from "@/lib/server/analytics/overview";
import { int, pct } from "./_components/format";
import { LineChart } from "./_components/line-chart";
import { AdminTitle } from "./_components/page-title";
import { Stat } from "./_components/stat";

// Metadata is resolved apart from the layout: check admin here too, or the title would reach a learner's RSC payload.
export async function generateMetadata(): Promise<Metadata> {
  await requireAdmin();
  return { title: "Overview" };
}

const DAYS = 30;

export default async function AdminOverviewPage() {
  await requireAdmin();
  const [totals, series] = await Promise.all([overviewTotals(), dailySeries(undefined, DAYS)]);
  const labels = series.map((p) => p.day);
  const sum = (k: "activeLearners" | "lessonsCompleted" | "quizAnswers" | "signUps") => series.reduce((a, p) => a + p[k], 0);
  const peak = series.reduce((best, p) => (p.activeLearners > best.activeLearners ? p : best), series[0]);
  return (
    <>
      <AdminTitle
        title="Overview"
        lead="Learners and what they did. Active: answered a quiz, opened or completed a lesson, passed a task or used the terminal."
      />
      <dl className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-3 xl:grid-cols-6">
        <Stat label="Learners" value={int(totals.learners)} />
        <Stat label="Active in the last day" value={int(totals.activeDay)} hint="today or yesterday" />
        <Stat label="Active this week" value={int(totals.activeWeek)} hint="last 7 days" />
        <Stat
          label="Pro learners"
          value={int(totals.proLearners)}
          hint={totals.learners ? `${pct(totals.proLearners / totals.learners)} of learners` : undefined}
        />
        <Stat label="Lessons completed" value={int(totals.lessonsCompleted)} />
        <Stat label="Terminal sessions" value={int(totals.terminalSessions)} hint="clusters created" />
      </dl>

      <Card className="mt-6">
        <CardHeader>
          <CardTitle>Last {DAYS} days</CardTitle>
          <CardDescription>
            {int(sum("activeLearners"))} learner-days active, {int(sum("quizAnswers"))} quiz answers, {int(sum("lessonsCompleted"))} lessons
            completed, {int(sum("signUps"))} sign-ups.
          </CardDescription>
        </CardHeader>
        <CardBody>
          <LineChart
            id="activity-chart"
            title={`Active learners and lessons completed per day, last ${DAYS} days`}
            summary={
              peak
                ? `Busiest day ${peak.day} with ${peak.activeLearners} active learners. Today: ${series.at(-1)?.activeLearners ?? 0} active, ${series.at(-1)?.lessonsCompleted ?? 0} lessons completed. The table below has every value.`
                : "No activity yet."
            }
            labels={labels}
            series={[
              {
                label: "Active learners",
                values: series.map((p) => p.activeLearners),
                stroke: "stroke-indigo-500",
                fill: "fill-indigo-500/10",
              },
              {
                label: "Lessons completed",
                values: series.map((p) => p.lessonsCompleted),
                stroke: "stroke-emerald-500",
                fill: "fill-emerald-500/10",
              },
            ]}
          />
          <details className="group mt-4">
            <summary className="cursor-pointer text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-400">
              Show the numbers as a table
            </summary>
            <div className="relative mt-3 max-h-96 overflow-auto rounded-lg border border-slate-200 dark:border-slate-800">
              <table className="w-full text-sm">
                <caption className="sr-only">Activity per day, last {DAYS} days</caption>
                <thead className="sticky top-0 bg-slate-50 text-left text-slate-600 dark:bg-slate-900 dark:text-slate-400">
                  <tr>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Day
                    </th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">
                      Active learners
                    </th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">
                      Quiz answers
                    </th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">
                      Lessons completed
                    </th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">
                      Sign-ups
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100 tabular-nums dark:divide-slate-800">
                  {[...series].reverse().map((p) => (
                    <tr key={p.day}>
                      <th scope="row" className="px-3 py-1.5 text-left font-normal text-slate-700 dark:text-slate-300">
                        {p.day}
                      </th>
                      <td className="px-3 py-1.5 text-right">{int(p.activeLearners)}</td>
                      <td className="px-3 py-1.5 text-right">{int(p.quizAnswers)}</td>
                      <td className="px-3 py-1.5 text-right">{int(p.lessonsCompleted)}</td>
                      <td className="px-3 py-1.5 text-right">{int(p.signUps)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </CardBody>
      </Card>
    </>
  );
}
