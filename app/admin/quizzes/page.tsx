import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/app/_components/ui/badge";
import { ButtonLink, buttonClasses } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";
import { inputClasses } from "@/app/_components/ui/input";
import { cx } from "@/app/_components/ui/cx";
import { requireAdmin } from "@/lib/server/auth/session";
import { loadContentIndex } from "@/lib/server/admin/content-index";
import { filterQuery, parseQuizFilter, type QuizFilter, type QuizFlag, type QuizSortKey } from "@/lib/server/analytics/params";
import { MIN_FIRST_ATTEMPTS_FOR_FLAGS, THRESHOLDS, quizAnalytics, type QuestionStats } from "@/lib/server/analytics/quiz";
import { dateTime, dec, int, pct, seconds } from "../_components/format";
import { AdminTitle } from "../_components/page-title";

// Metadata is resolved apart from the layout: check admin here too, or the title would reach a learner's RSC payload.
export async function generateMetadata(): Promise<Metadata> {
  await requireAdmin();
  return { title: "Quiz analytics" };
}

const FLAG_LABEL: Record<QuizFlag, string> = { "too-easy": "Too easy", "too-hard": "Too hard", misleading: "Misleading" };
const FLAG_TONE: Record<QuizFlag, "amber" | "indigo" | "neutral"> = { "too-easy": "neutral", "too-hard": "amber", misleading: "amber" };

/** The direction a column sorts in first: the "interesting" end (hardest, least discriminating, most). */
const FIRST_DIR: Record<QuizSortKey, "asc" | "desc"> = {
  question: "asc",
  lesson: "asc",
  attempts: "desc",
  learners: "desc",
  firstCorrect: "asc",
  discrimination: "asc",
  medianTime: "desc",
  flags: "desc",
};

function SortHeader({
  label,
  k,
  filter,
  className,
  hint,
}: {
  label: string;
  k: QuizSortKey;
  filter: QuizFilter;
  className?: string;
  hint?: string;
}) {
  const active = filter.sort === k;
  const nextDir = active ? (filter.dir === "asc" ? "desc" : "asc") : FIRST_DIR[k];
  return (
    <th
      scope="col"
      aria-sort={active ? (filter.dir === "asc" ? "ascending" : "descending") : "none"}
      className={cx("px-3 py-2.5 font-medium whitespace-nowrap", className)}
    >
      <Link
        href={`/admin/quizzes${filterQuery(filter, { sort: k, dir: nextDir })}`}
        className="inline-flex items-center gap-1 rounded hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:text-white"
        title={hint}
      >
        {label}
        <span
          aria-hidden="true"
          className={cx("text-xs", active ? "text-indigo-600 dark:text-indigo-400" : "text-slate-300 dark:text-slate-600")}
        >
          {active ? (filter.dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </Link>
    </th>
  );
}

function OptionBars({ q }: { q: QuestionStats }) {
  return (
    <ul className="min-w-36 space-y-1" aria-label={`Option shares for ${q.questionId}`}>
      {q.options.map((o) => (
        <li key={o.optionId} className="flex items-center gap-2 text-xs tabular-nums">
          <span
            className={cx(
              "w-4 font-mono font-semibold",
              o.correct ? "text-emerald-700 dark:text-emerald-400" : "text-slate-600 dark:text-slate-400",
            )}
          >
            {o.optionId}
          </span>
          <span className="relative h-2 flex-1 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800" aria-hidden="true">
            <span
              className={cx("absolute inset-y-0 left-0 rounded-full", o.correct ? "bg-emerald-500" : "bg-slate-400 dark:bg-slate-500")}
              style={{ width: `${Math.round(o.share * 100)}%` }}
            />
          </span>
          <span className="w-10 text-right text-slate-700 dark:text-slate-300">{pct(o.share)}</span>
          <span className="sr-only">{o.correct ? "(correct option)" : ""}</span>
        </li>
      ))}
    </ul>
  );
}

export default async function QuizAnalyticsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdmin();
  const filter = parseQuizFilter(await searchParams);
  const content = await loadContentIndex();
  const { rows, discriminationComputedAt } = await quizAnalytics(filter, content);
  const course = content.courses.find((c) => c.slug === filter.course);
  const csvHref = `/api/admin/analytics/quiz.csv${filterQuery(filter)}`;
  const filtered = Boolean(filter.course || filter.from || filter.to || filter.flag);

  return (
    <>
      <AdminTitle
        title="Quiz analytics"
        lead="Every question: how often it is answered, how many get it right the first time, which options attract, and whether it separates learners who know the material from those who do not."
        actions={
          <ButtonLink href={csvHref} variant="secondary" size="sm" prefetch={false} download>
            Export CSV
          </ButtonLink>
        }
      />

      <form
        method="get"
        action="/admin/quizzes"
        className="mb-5 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-[repeat(5,minmax(0,1fr))_auto]"
        aria-label="Filter questions"
      >
        <input type="hidden" name="sort" value={filter.sort} />
        <input type="hidden" name="dir" value={filter.dir} />
        <label className="space-y-1 text-sm font-medium text-slate-800 dark:text-slate-200">
          <span>Course</span>
          <select name="course" defaultValue={filter.course ?? ""} className={inputClasses}>
            <option value="">All courses</option>
            {content.courses.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.title}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1 text-sm font-medium text-slate-800 dark:text-slate-200">
          <span>Lesson</span>
          <select
            name="lesson"
            defaultValue={filter.lesson ?? ""}
            className={inputClasses}
            disabled={!course}
            aria-describedby={!course ? "lesson-hint" : undefined}
          >
            <option value="">All lessons</option>
            {course?.lessons.map((l) => (
              <option key={l.slug} value={l.slug}>
                {l.order}. {l.title}
              </option>
            ))}
          </select>
          {!course && (
            <span id="lesson-hint" className="block text-xs font-normal text-slate-500 dark:text-slate-400">
              Pick a course first
            </span>
          )}
        </label>
        <label className="space-y-1 text-sm font-medium text-slate-800 dark:text-slate-200">
          <span>From</span>
          <input type="date" name="from" defaultValue={filter.from ?? ""} className={inputClasses} />
        </label>
        <label className="space-y-1 text-sm font-medium text-slate-800 dark:text-slate-200">
          <span>To</span>
          <input type="date" name="to" defaultValue={filter.to ?? ""} className={inputClasses} />
        </label>
        <label className="space-y-1 text-sm font-medium text-slate-800 dark:text-slate-200">
          <span>Flag</span>
          <select name="flag" defaultValue={filter.flag ?? ""} className={inputClasses}>
            <option value="">Any</option>
            {(Object.keys(FLAG_LABEL) as QuizFlag[]).map((f) => (
              <option key={f} value={f}>
                {FLAG_LABEL[f]}
              </option>
            ))}
          </select>
        </label>
        <div className="col-span-2 flex items-end gap-2 sm:col-span-1">
          <button type="submit" className={buttonClasses({ size: "md" })}>
            Apply
          </button>
          {filtered && (
            <Link href="/admin/quizzes" className={buttonClasses({ variant: "ghost", size: "md" })}>
              Clear
            </Link>
          )}
        </div>
      </form>

      <Card className="overflow-hidden">
        <div className="relative overflow-x-auto">
          <table className="w-full text-sm" data-testid="quiz-table">
            <caption className="sr-only">
              Quiz questions{course ? ` in ${course.title}` : ""}, sorted by {filter.sort}{" "}
              {filter.dir === "asc" ? "ascending" : "descending"}
            </caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-left text-slate-600 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
              <tr>
                <SortHeader label="Question" k="lesson" filter={filter} hint="Course order" />
                <SortHeader label="Attempts" k="attempts" filter={filter} className="text-right" />
                <SortHeader label="Learners" k="learners" filter={filter} className="text-right" />
                <SortHeader
                  label="First-try correct"
                  k="firstCorrect"
                  filter={filter}
                  className="text-right"
                  hint="Difficulty: share of first answers that were right"
                />
                <th scope="col" className="px-3 py-2.5 font-medium">
                  Options (first answers)
                </th>
                <SortHeader label="Discrimination" k="discrimination" filter={filter} className="text-right" />
                <SortHeader label="Median time" k="medianTime" filter={filter} className="text-right" />
                <SortHeader label="Flags" k="flags" filter={filter} />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top tabular-nums dark:divide-slate-800">
              {rows.length === 0 && (
                <tr>
                  <td colSpan={8} className="px-3 py-10 text-center text-slate-600 dark:text-slate-400">
                    No answers match these filters yet.
                  </td>
                </tr>
              )}
              {rows.map((q) => (
                <tr key={q.questionId} data-question={q.questionId}>
                  <th scope="row" className="min-w-60 max-w-sm px-3 py-3 text-left font-normal">
                    <span className="block font-medium text-slate-900 dark:text-slate-100">{q.question}</span>
                    <span className="mt-0.5 block text-xs text-slate-500 dark:text-slate-400">
                      <span className="font-mono">{q.questionId}</span> · {q.lessonTitle}
                    </span>
                  </th>
                  <td className="px-3 py-3 text-right">{int(q.attempts)}</td>
                  <td className="px-3 py-3 text-right">{int(q.learners)}</td>
                  <td className="px-3 py-3 text-right font-medium" data-testid="first-correct">
                    {pct(q.firstCorrect)}
                  </td>
                  <td className="px-3 py-3">
                    <OptionBars q={q} />
                  </td>
                  <td className="px-3 py-3 text-right">{dec(q.discrimination)}</td>
                  <td className="px-3 py-3 text-right">{seconds(q.medianTimeMs)}</td>
                  <td className="px-3 py-3">
                    <span className="flex flex-col items-start gap-1">
                      {q.flags.map((f) => (
                        <Badge key={f} tone={FLAG_TONE[f]}>
                          {FLAG_LABEL[f]}
                        </Badge>
                      ))}
                    </span>
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
            First-try correct, option shares and median time use each learner&apos;s first answer; retries after a wrong answer say little
            about the question.
          </li>
          <li>
            Discrimination is the point-biserial correlation between getting this question right first time and the learner&apos;s share of
            other questions of the course right first time. Around 0.3 or more is good; below 0.1 the question does not separate strong from
            weak learners. It covers all answers to date
            {discriminationComputedAt ? ` (computed ${dateTime(discriminationComputedAt)}, refreshed every few minutes)` : ""}; the date
            filter does not apply to it.
          </li>
          <li>
            Flags need at least {MIN_FIRST_ATTEMPTS_FOR_FLAGS} first answers. Too easy: more than {pct(THRESHOLDS.tooEasyAbove)} right first
            time. Too hard: fewer than {pct(THRESHOLDS.tooHardBelow)}. Misleading: a wrong option is chosen more often than the right one,
            or discrimination is below {THRESHOLDS.lowDiscriminationBelow}.
          </li>
          <li>Dates are whole days; learners counts those whose first answer falls in the range.</li>
        </ul>
      </section>
    </>
  );
}
