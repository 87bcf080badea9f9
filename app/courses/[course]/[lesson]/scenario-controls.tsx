"use client";
/**
 * A scenario's controls: the attempt's timer, "Check my work" with each task's result, the hints
 * one at a time, and "Restart scenario" (a fresh broken cluster and a new attempt, after a
 * confirmation). Everything is decided on the server; this component only shows the answers.
 */
import { useEffect, useRef, useState } from "react";
import { CheckIcon } from "@/app/_components/icons";
import { announceLessonState, postJson, type LessonState } from "@/app/_components/lesson/client-api";
import { renderInline } from "@/app/_components/lesson/mini-markdown";
import { Button } from "@/app/_components/ui/button";
import { cx } from "@/app/_components/ui/cx";

interface TaskResult {
  id: string;
  title: string;
  passed: boolean;
  detail: string;
}
interface CheckResponse {
  passed: boolean;
  tasks: TaskResult[];
  attempt: { solvedAt: string | null; timeToSolveMs: number | null; hintsUsed: number };
  lesson: { state: LessonState };
}

export interface ScenarioControlsProps {
  course: string;
  scenario: string;
  /** when the current attempt started (its broken cluster was made), ISO */
  startedAt: string;
  /** the server's clock when the page was rendered, ISO: the timer corrects for the browser's clock */
  serverNow: string;
  timeToSolveMs: number | null;
  hints: string[];
  hintsTotal: number;
}

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, "0");
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
}

export function ScenarioControls(props: ScenarioControlsProps) {
  const api = `/api/courses/${encodeURIComponent(props.course)}/scenarios/${encodeURIComponent(props.scenario)}`;
  const [startedAt, setStartedAt] = useState(() => Date.parse(props.startedAt));
  const [skew] = useState(() => Date.parse(props.serverNow) - Date.now());
  const [now, setNow] = useState(() => Date.parse(props.serverNow));
  const [solvedMs, setSolvedMs] = useState(props.timeToSolveMs);
  const [hints, setHints] = useState(props.hints);
  const [results, setResults] = useState<TaskResult[] | null>(null);
  const [busy, setBusy] = useState<"check" | "hint" | "restart" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);

  // the question takes the focus when it opens, so the keyboard answers it next
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  useEffect(() => {
    if (solvedMs !== null) return;
    const timer = setInterval(() => setNow(Date.now() + skew), 1000);
    return () => clearInterval(timer);
  }, [solvedMs, skew]);

  async function check() {
    setBusy("check");
    setError(null);
    const r = await postJson<CheckResponse>(`${api}/check`, {});
    setBusy(null);
    if (!r.ok) return setError(r.error);
    setResults(r.data.tasks);
    if (r.data.attempt.timeToSolveMs !== null) setSolvedMs(r.data.attempt.timeToSolveMs);
    if (r.data.passed) announceLessonState(props.scenario, r.data.lesson.state);
  }

  async function hint() {
    setBusy("hint");
    setError(null);
    const r = await postJson<{ hints: string[] }>(`${api}/hint`, {});
    setBusy(null);
    if (!r.ok) return setError(r.error);
    setHints(r.data.hints);
  }

  async function restart() {
    setBusy("restart");
    setError(null);
    const r = await postJson<{ startedAt: string }>(`${api}/restart`, {});
    setBusy(null);
    setConfirming(false);
    if (!r.ok) return setError(r.error);
    setStartedAt(Date.parse(r.data.startedAt));
    setNow(Date.now() + skew);
    setSolvedMs(null);
    setHints([]);
    setResults(null);
  }

  const solved = solvedMs !== null;
  const elapsed = solved ? solvedMs : now - startedAt;
  return (
    <section
      aria-label="Your attempt"
      data-testid="scenario-controls"
      data-state={solved ? "solved" : "open"}
      className={cx(
        "not-prose mt-6 rounded-xl border p-5 shadow-xs",
        solved
          ? "border-emerald-300 bg-emerald-50/60 dark:border-emerald-500/40 dark:bg-emerald-500/5"
          : "border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900/60",
      )}
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {solved ? "Solved in " : "Time on this attempt: "}
          <span className="font-mono text-base font-semibold text-slate-900 tabular-nums dark:text-white" data-testid="scenario-timer">
            {formatDuration(elapsed)}
          </span>
          <span className="ml-2">
            · {hints.length} of {props.hintsTotal} hints used
          </span>
        </p>
        <div className="flex flex-wrap gap-2">
          <Button size="sm" onClick={() => void check()} disabled={busy !== null}>
            {busy === "check" ? "Checking…" : "Check my work"}
          </Button>
          <Button size="sm" variant="secondary" onClick={() => void hint()} disabled={busy !== null || hints.length >= props.hintsTotal}>
            {hints.length >= props.hintsTotal ? "No more hints" : busy === "hint" ? "Revealing…" : "Show a hint"}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setConfirming(true)} disabled={busy !== null || confirming}>
            Restart scenario
          </Button>
        </div>
      </div>

      {confirming && (
        <div role="alertdialog" aria-labelledby="restart-q" className="mt-4 rounded-lg bg-amber-50 p-3 text-sm dark:bg-amber-500/10">
          <p id="restart-q" className="text-slate-800 dark:text-slate-200">
            Restart on a fresh broken cluster? Your changes to this cluster are lost, and the timer and hints start again.
          </p>
          <div className="mt-2 flex gap-2">
            <Button size="sm" variant="danger" ref={confirmButton} onClick={() => void restart()} disabled={busy !== null}>
              {busy === "restart" ? "Restarting…" : "Restart"}
            </Button>
            <Button size="sm" variant="secondary" onClick={() => setConfirming(false)} disabled={busy !== null}>
              Cancel
            </Button>
          </div>
        </div>
      )}

      <div aria-live="polite">
        {error && <p className="mt-3 text-sm text-rose-700 dark:text-rose-300">{error}</p>}
        {solved && (
          <p className="mt-3 font-semibold text-emerald-800 dark:text-emerald-300" data-testid="scenario-solved">
            Solved: the cluster is fixed. {hints.length ? `You used ${hints.length} of ${props.hintsTotal} hints.` : "No hints needed."}
          </p>
        )}
        {results && (
          <ul className="mt-3 space-y-2" data-testid="scenario-results">
            {results.map((t) => (
              <li key={t.id} data-task-id={t.id} data-passed={t.passed} className="flex gap-2 text-sm">
                <span
                  aria-hidden="true"
                  className={cx(
                    "mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full text-xs font-bold text-white",
                    t.passed ? "bg-emerald-600" : "bg-rose-600",
                  )}
                >
                  {t.passed ? <CheckIcon className="size-3.5" /> : "✕"}
                </span>
                <span>
                  <span className="font-medium text-slate-900 dark:text-white">
                    {t.title}: {t.passed ? "passes" : "not yet"}
                  </span>
                  <span className="block text-slate-600 dark:text-slate-400">{t.detail}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>

      {hints.length > 0 && (
        <ol className="mt-4 space-y-2 border-t border-slate-200 pt-3 text-sm dark:border-slate-800" data-testid="scenario-hints">
          {hints.map((h, i) => (
            <li key={i} className="text-slate-700 dark:text-slate-300">
              <span className="font-semibold text-slate-900 dark:text-white">Hint {i + 1}: </span>
              {renderInline(h, `hint-${i}`)}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
