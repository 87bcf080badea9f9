import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/app/_components/ui/badge";
import { Card } from "@/app/_components/ui/card";
import { requireAdmin } from "@/lib/server/auth/session";
import { loadContentIndex } from "@/lib/server/admin/content-index";
import { parseUnitRef, parseUserId, unitPath } from "@/lib/server/analytics/lab-params";
import { labTimeline, TIMELINE_MAX } from "@/lib/server/analytics/lab-timeline";
import { dateTime, seconds } from "../../../../../../_components/format";
import { AdminTitle } from "../../../../../../_components/page-title";

type Params = Promise<{ course: string; kind: string; unit: string; userId: string }>;

export async function generateMetadata(): Promise<Metadata> {
  await requireAdmin();
  return { title: "Lab timeline", robots: { index: false } };
}

/** One learner's attempt, for one admin: audited on every render (lib/server/analytics/lab-timeline.ts). */
export default async function LabTimelinePage({ params }: { params: Params }) {
  const admin = await requireAdmin();
  const p = await params;
  const ref = parseUnitRef(p);
  const userId = parseUserId(p.userId);
  if (!ref || !userId) notFound();
  const timeline = await labTimeline(admin.id, userId, ref);
  if (!timeline) notFound();
  const content = await loadContentIndex();
  const start = timeline.attempt.startedAt.getTime();
  const { attempt } = timeline;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={unitPath(ref)} className="text-indigo-700 hover:underline dark:text-indigo-300">
          ← {ref.unitId}
        </Link>
      </p>
      <AdminTitle
        title={`Timeline of ${timeline.learner.email}`}
        lead={
          <>
            <span className="font-mono">{ref.unitId}</span> in {content.courseTitle(ref.courseSlug)}: started {dateTime(attempt.startedAt)},{" "}
            {attempt.passedAt ? `passed after ${seconds(attempt.passedAt.getTime() - start)}` : "not passed yet"}, {attempt.checks} check
            {attempt.checks === 1 ? "" : "s"}, {attempt.hintsUsed} hint{attempt.hintsUsed === 1 ? "" : "s"}. This view is recorded in the
            audit log.
          </>
        }
      />
      <Card className="overflow-hidden">
        <ol className="divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="lab-timeline">
          {timeline.entries.length === 0 && (
            <li className="px-4 py-6 text-slate-600 dark:text-slate-400">
              No commands recorded in this attempt (older records are deleted after 90 days).
            </li>
          )}
          {timeline.entries.map((e, i) => (
            <li key={i} className="flex items-baseline gap-3 px-4 py-2" data-entry={e.type}>
              <span className="w-16 shrink-0 text-right text-xs text-slate-500 tabular-nums dark:text-slate-400" title={dateTime(e.at)}>
                +{seconds(e.at.getTime() - start)}
              </span>
              {e.type === "command" ? (
                <>
                  <code className="min-w-0 flex-1 font-mono break-all whitespace-pre-wrap text-slate-900 dark:text-slate-100">
                    {e.line}
                  </code>
                  <Badge tone={e.exitCode === 0 ? "neutral" : "amber"}>exit {e.exitCode}</Badge>
                </>
              ) : (
                <>
                  <span className="min-w-0 flex-1 text-slate-700 dark:text-slate-300">
                    <span className="font-medium">Check</span> — {e.detail}
                  </span>
                  <Badge tone={e.passed ? "emerald" : "amber"}>{e.passed ? "passed" : "not passed"}</Badge>
                </>
              )}
            </li>
          ))}
        </ol>
        {timeline.truncated && (
          <p className="border-t border-slate-200 px-4 py-2 text-xs text-slate-500 dark:border-slate-800">
            Only the first {TIMELINE_MAX} entries are shown.
          </p>
        )}
      </Card>
    </>
  );
}
