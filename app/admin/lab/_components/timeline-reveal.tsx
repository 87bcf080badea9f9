"use client";
import { useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { dateTime, seconds } from "../../_components/format";

type Entry =
  { type: "command"; at: string; line: string; exitCode: number } | { type: "check"; at: string; passed: boolean; detail: string };

/**
 * One learner's commands, shown only when the admin presses the button: the POST is the audited
 * read (app/api/admin/lab/timeline), so a page load, a reload or a prefetch records nothing.
 */
export function TimelineReveal({
  unit,
  userId,
  startedAt,
  max,
}: {
  unit: { course: string; kind: string; unit: string };
  userId: string;
  startedAt: string;
  max: number;
}) {
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [truncated, setTruncated] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = Date.parse(startedAt);

  async function reveal() {
    setPending(true);
    setError(null);
    try {
      const res = await fetch("/api/admin/lab/timeline", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ ...unit, userId }),
      });
      const data = (await res.json().catch(() => ({}))) as { entries?: Entry[]; truncated?: boolean; error?: string };
      if (!res.ok || !data.entries) return setError(data.error ?? `Could not load the timeline (${res.status}).`);
      setEntries(data.entries);
      setTruncated(data.truncated ?? false);
    } catch {
      setError("Could not load the timeline: no connection to the server.");
    } finally {
      setPending(false);
    }
  }

  if (!entries)
    return (
      <div className="space-y-3 px-4 py-5">
        {error && (
          <Alert tone="error" live="alert">
            {error}
          </Alert>
        )}
        <p className="text-sm text-slate-600 dark:text-slate-400">
          The commands are personal data: showing them records your view in the audit log under the learner&apos;s name.
        </p>
        <Button type="button" onClick={() => void reveal()} pending={pending}>
          Show the commands
        </Button>
      </div>
    );

  return (
    <>
      <ol className="divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="lab-timeline">
        {entries.length === 0 && (
          <li className="px-4 py-6 text-slate-600 dark:text-slate-400">
            No commands recorded in this attempt (older records are deleted after 90 days).
          </li>
        )}
        {entries.map((e, i) => (
          <li key={i} className="flex items-baseline gap-3 px-4 py-2" data-entry={e.type}>
            <span
              className="w-16 shrink-0 text-right text-xs text-slate-500 tabular-nums dark:text-slate-400"
              title={dateTime(new Date(e.at))}
            >
              +{seconds(Date.parse(e.at) - start)}
            </span>
            {e.type === "command" ? (
              <>
                <code className="min-w-0 flex-1 font-mono break-all whitespace-pre-wrap text-slate-900 dark:text-slate-100">{e.line}</code>
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
      {truncated && (
        <p className="border-t border-slate-200 px-4 py-2 text-xs text-slate-500 dark:border-slate-800">
          Only the first {max} entries are shown.
        </p>
      )}
    </>
  );
}
