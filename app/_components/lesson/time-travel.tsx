"use client";
/** Moves the learner's cluster clock forward by `days`, after a confirmation. Pro only (the server enforces it). */
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { courseApi, postJson } from "./client-api";
import type { Viewer } from "./task";

export function TimeTravelClient({ course, lesson, days, viewer }: { course: string; lesson: string; days: number; viewer: Viewer }) {
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function travel() {
    setPending(true);
    setMessage(null);
    const res = await postJson<{ clusterTime: string }>(`${courseApi(course)}/lessons/${encodeURIComponent(lesson)}/time-travel`, { days });
    setPending(false);
    setConfirming(false);
    if (res.ok) setMessage({ ok: true, text: `Done: your cluster's clock now reads ${new Date(res.data.clusterTime).toUTCString()}.` });
    else setMessage({ ok: false, text: res.error });
  }

  return (
    <section
      aria-label={`Move the cluster clock forward ${days} days`}
      className="not-prose my-6 rounded-xl border border-amber-300 bg-amber-50/70 p-5 dark:border-amber-500/40 dark:bg-amber-500/5"
    >
      <p className="text-xs font-semibold tracking-wider text-amber-800 uppercase dark:text-amber-300">Time travel</p>
      <p className="mt-1 text-sm text-slate-800 dark:text-slate-200">
        Move your cluster&apos;s clock forward by <strong>{days} days</strong>. Everything that expires in that time expires. There is no
        way back except resetting the cluster.
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        {viewer !== "pro" ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">This moves the clock of your own cluster, which comes with Pro.</p>
        ) : confirming ? (
          <>
            <span className="text-sm font-medium text-amber-900 dark:text-amber-200">Move the clock {days} days forward?</span>
            <Button size="sm" onClick={travel} pending={pending}>
              {pending ? "Moving the clock…" : "Yes, move it"}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setConfirming(false)} disabled={pending}>
              Cancel
            </Button>
          </>
        ) : (
          <Button size="sm" variant="secondary" onClick={() => setConfirming(true)}>
            Move the clock {days} days forward
          </Button>
        )}
      </div>
      <p
        role="status"
        className={`mt-2 text-sm ${message?.ok ? "text-emerald-800 dark:text-emerald-300" : "text-rose-700 dark:text-rose-300"}`}
      >
        {message?.text ?? ""}
      </p>
    </section>
  );
}
