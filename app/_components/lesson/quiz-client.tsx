"use client";
/**
 * The interactive part of a quiz. It receives only the question and the options; the correct
 * option and the explanation come from the server after the learner answers (or, on a reload,
 * from their own earlier answer). The time to answer is measured from when the quiz first came
 * into view (or from "Try again") to the click on "Check answer".
 */
import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { CheckIcon } from "@/app/_components/icons";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { cx } from "@/app/_components/ui/cx";
import { announceLessonState, courseApi, postJson, type LessonState } from "./client-api";
import { MiniMarkdown } from "./mini-markdown";

export interface PublicQuiz {
  id: string;
  question: string;
  options: { id: string; text: string }[];
}

export interface QuizOutcome {
  optionId: string;
  correct: boolean;
  correctOptionId: string;
  explanation: string;
  attemptNumber: number;
}

interface AnswerResponse extends QuizOutcome {
  lesson: { state: LessonState };
}

export function QuizClient({
  course,
  lesson,
  quiz,
  initial,
  signInHref,
}: {
  course: string;
  lesson: string;
  quiz: PublicQuiz;
  initial: QuizOutcome | null;
  /** set when nobody is signed in: answering needs an account */
  signInHref: string | null;
}) {
  const uid = useId();
  const root = useRef<HTMLElement>(null);
  const shownAt = useRef<number | null>(null);
  const fieldset = useRef<HTMLFieldSetElement>(null);
  const result = useRef<HTMLDivElement>(null);
  /** what gets the focus after the next render: the result of a fresh answer, or the first option after "Try again" */
  const focusNext = useRef<"result" | "first-option" | null>(null);
  const [selected, setSelected] = useState<string | null>(initial?.optionId ?? null);
  const [outcome, setOutcome] = useState<QuizOutcome | null>(initial);
  const [fresh, setFresh] = useState(false);
  // After a wrong answer the right one and the explanation stay hidden until asked for, so a
  // retry is a real second try. A correct answer, or an earlier answer on reload, shows them.
  const [revealed, setRevealed] = useState(initial !== null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Start the clock when the quiz first becomes visible, not when the page loads.
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    if (typeof IntersectionObserver === "undefined") {
      shownAt.current ??= performance.now();
      return;
    }
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        shownAt.current ??= performance.now();
        io.disconnect();
      }
    });
    io.observe(el);
    return () => io.disconnect();
  }, []);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!selected || pending) return;
    setPending(true);
    setError(null);
    const timeToAnswerMs = shownAt.current === null ? undefined : Math.max(0, Math.round(performance.now() - shownAt.current));
    const res = await postJson<AnswerResponse>(`${courseApi(course)}/quizzes/${encodeURIComponent(quiz.id)}/answer`, {
      optionId: selected,
      timeToAnswerMs,
    });
    setPending(false);
    if (!res.ok) {
      setError(res.status === 401 ? "Your session has ended. Sign in again to answer." : res.error);
      return;
    }
    const { lesson: lessonState, ...answer } = res.data;
    focusNext.current = "result";
    setOutcome(answer);
    setFresh(true);
    setRevealed(answer.correct);
    announceLessonState(lesson, lessonState.state);
  }

  // The button that had the focus is gone after an answer (and back after "Try again"): move the
  // focus to what replaced it, the result or the first option, instead of letting it drop to <body>.
  useEffect(() => {
    const target = focusNext.current;
    focusNext.current = null;
    if (target === "result") result.current?.focus();
    else if (target === "first-option") fieldset.current?.querySelector<HTMLInputElement>("input[type=radio]")?.focus();
  }, [outcome]);

  function retry() {
    focusNext.current = "first-option";
    setOutcome(null);
    setFresh(false);
    setRevealed(false);
    setSelected(null);
    shownAt.current = performance.now();
  }

  const answered = outcome !== null;
  const titleId = `${uid}-question`;

  return (
    <section
      ref={root}
      aria-labelledby={titleId}
      data-quiz-id={quiz.id}
      className="not-prose my-8 rounded-xl border border-slate-200 bg-white p-5 shadow-xs sm:p-6 dark:border-slate-800 dark:bg-slate-900/60"
    >
      <p className="text-xs font-semibold tracking-wider text-indigo-600 uppercase dark:text-indigo-400">Quiz</p>
      <form onSubmit={submit} className="mt-2">
        <fieldset ref={fieldset} disabled={answered || pending || signInHref !== null}>
          <legend id={titleId} className="text-base font-semibold text-slate-900 dark:text-white">
            {quiz.question}
          </legend>
          <div className="mt-4 space-y-2">
            {quiz.options.map((o) => {
              const chosen = selected === o.id;
              const isCorrect = answered && (revealed || outcome.correct) && o.id === outcome.correctOptionId;
              const isWrongChoice = answered && chosen && !outcome.correct;
              return (
                <label
                  key={o.id}
                  className={cx(
                    "flex cursor-pointer items-start gap-3 rounded-lg border px-3 py-2.5 text-sm leading-relaxed transition-colors",
                    "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-indigo-500",
                    isCorrect
                      ? "border-emerald-300 bg-emerald-50 text-emerald-950 dark:border-emerald-500/40 dark:bg-emerald-500/10 dark:text-emerald-50"
                      : isWrongChoice
                        ? "border-rose-300 bg-rose-50 text-rose-950 dark:border-rose-500/40 dark:bg-rose-500/10 dark:text-rose-50"
                        : chosen
                          ? "border-indigo-400 bg-indigo-50 text-slate-900 dark:border-indigo-400/60 dark:bg-indigo-500/10 dark:text-slate-100"
                          : "border-slate-200 text-slate-800 hover:border-slate-300 hover:bg-slate-50 dark:border-slate-700 dark:text-slate-200 dark:hover:border-slate-600 dark:hover:bg-slate-800/50",
                    answered && "cursor-default",
                  )}
                >
                  <input
                    type="radio"
                    name={`${uid}-option`}
                    value={o.id}
                    checked={chosen}
                    onChange={() => setSelected(o.id)}
                    className="mt-1 size-4 shrink-0 accent-indigo-600"
                  />
                  <span className="min-w-0 flex-1">
                    {o.text}
                    {isCorrect && (
                      <span className="ml-2 inline-flex items-center gap-1 text-xs font-semibold text-emerald-700 dark:text-emerald-300">
                        <CheckIcon className="size-3.5" /> Correct answer
                      </span>
                    )}
                    {isWrongChoice && <span className="ml-2 text-xs font-semibold text-rose-700 dark:text-rose-300">Your answer</span>}
                  </span>
                </label>
              );
            })}
          </div>
        </fieldset>

        {signInHref ? (
          <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">
            <Link href={signInHref} className="font-medium text-indigo-600 underline underline-offset-2 dark:text-indigo-400">
              Sign in to answer
            </Link>{" "}
            and keep your progress.
          </p>
        ) : !answered ? (
          <div className="mt-4 flex flex-wrap items-center gap-3">
            <Button type="submit" size="sm" disabled={!selected} pending={pending}>
              {pending ? "Checking…" : "Check answer"}
            </Button>
            {error && (
              <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
                {error}
              </p>
            )}
          </div>
        ) : null}
      </form>

      {outcome && (
        <div
          ref={result}
          tabIndex={-1}
          className="mt-4 space-y-3 rounded-lg focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-indigo-500"
          data-testid="quiz-outcome"
        >
          <Alert
            tone={outcome.correct ? "success" : "error"}
            live={fresh ? "alert" : "none"}
            title={outcome.correct ? "Correct." : "Not quite."}
            data-testid="quiz-result"
          >
            {outcome.correct ? null : revealed ? <p>The correct answer is marked above.</p> : <p>Try again, or show the answer and why.</p>}
          </Alert>
          {revealed && (
            <div
              className="rounded-lg bg-slate-50 px-4 py-3 text-sm leading-relaxed text-slate-700 dark:bg-slate-800/50 dark:text-slate-300"
              data-testid="quiz-explanation"
            >
              <p className="mb-1 font-semibold text-slate-900 dark:text-white">Explanation</p>
              <MiniMarkdown source={outcome.explanation} className="space-y-2" />
            </div>
          )}
          <div className="flex flex-wrap items-center gap-3">
            <Button variant={outcome.correct ? "secondary" : "primary"} size="sm" onClick={retry}>
              Try again
            </Button>
            {!revealed && (
              <Button variant="secondary" size="sm" onClick={() => setRevealed(true)}>
                Show answer and explanation
              </Button>
            )}
            <span className="text-xs text-slate-500 dark:text-slate-400">
              {outcome.attemptNumber === 1 ? "First attempt" : `Attempt ${outcome.attemptNumber}`}
            </span>
          </div>
        </div>
      )}
    </section>
  );
}
