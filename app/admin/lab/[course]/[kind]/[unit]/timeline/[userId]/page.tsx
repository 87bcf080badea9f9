import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/app/_components/ui/card";
import { requireAdmin } from "@/lib/server/auth/session";
import { loadContentIndex } from "@/lib/server/admin/content-index";
import { kindInUrl, parseUnitRef, parseUserId, unitPath } from "@/lib/server/analytics/lab-params";
import { labAttemptSummary, TIMELINE_MAX } from "@/lib/server/analytics/lab-timeline";
import { dateTime, seconds } from "../../../../../../_components/format";
import { AdminTitle } from "../../../../../../_components/page-title";
import { TimelineReveal } from "../../../../../_components/timeline-reveal";

type Params = Promise<{ course: string; kind: string; unit: string; userId: string }>;

export async function generateMetadata(): Promise<Metadata> {
  await requireAdmin();
  return { title: "Lab timeline", robots: { index: false } };
}

/**
 * One learner's attempt: its figures on GET (no audit, as on the unit's learner list); the
 * commands only after the admin presses "Show the commands", an audited POST (TimelineReveal).
 */
export default async function LabTimelinePage({ params }: { params: Params }) {
  await requireAdmin();
  const p = await params;
  const ref = parseUnitRef(p);
  const userId = parseUserId(p.userId);
  if (!ref || !userId) notFound();
  const summary = await labAttemptSummary(userId, ref);
  if (!summary) notFound();
  const content = await loadContentIndex();
  const { attempt } = summary;
  const start = attempt.startedAt.getTime();

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={unitPath(ref)} className="text-indigo-700 hover:underline dark:text-indigo-300">
          ← {ref.unitId}
        </Link>
      </p>
      <AdminTitle
        title={`Timeline of ${summary.learner.email}`}
        lead={
          <>
            {ref.kind === "SCENARIO" ? "Scenario " : ""}
            <span className="font-mono">{ref.unitId}</span> in {content.courseTitle(ref.courseSlug)}: started {dateTime(attempt.startedAt)},{" "}
            {attempt.passedAt ? `passed after ${seconds(attempt.passedAt.getTime() - start)}` : "not passed yet"}, {attempt.checks} check
            {attempt.checks === 1 ? "" : "s"}, {attempt.hintsUsed} hint{attempt.hintsUsed === 1 ? "" : "s"}.
          </>
        }
      />
      <Card className="overflow-hidden">
        <TimelineReveal
          unit={{ course: ref.courseSlug, kind: kindInUrl(ref.kind), unit: ref.unitId }}
          userId={userId}
          startedAt={attempt.startedAt.toISOString()}
          max={TIMELINE_MAX}
        />
      </Card>
    </>
  );
}
