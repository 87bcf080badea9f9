/**
 * CSV (RFC 4180) for the admin exports. Text cells that a spreadsheet would run as a formula
 * (starting with = + - @, tab or carriage return) get a leading apostrophe (OWASP "CSV
 * injection"); numbers we format ourselves are written as numbers. Cells with a comma, quote or
 * line break are quoted, quotes doubled. Lines end in CRLF.
 */
import "server-only";
import type { QuestionStats } from "./quiz";

export type CsvCell = string | number | null;

export function csvCell(value: CsvCell): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let s = value;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: CsvCell[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

const round = (v: number | null, digits: number) => (v === null ? null : Number(v.toFixed(digits)));

/** The quiz analytics table as CSV: the same rows and order as on screen, options as columns. */
export function quizAnalyticsCsv(rows: QuestionStats[]): string {
  const optionIds = [...new Set(rows.flatMap((r) => r.options.map((o) => o.optionId)))].sort();
  const header = [
    "course",
    "lesson",
    "question_id",
    "question",
    "attempts",
    "learners",
    "first_attempts",
    "first_attempt_correct_pct",
    ...optionIds.map((id) => `option_${id}_pct`),
    "correct_option",
    "discrimination",
    "median_time_s",
    "flags",
  ];
  const body = rows.map((r) => [
    r.courseSlug,
    r.lessonTitle,
    r.questionId,
    r.question,
    r.attempts,
    r.learners,
    r.firstAttempts,
    round(r.firstCorrect === null ? null : r.firstCorrect * 100, 1),
    ...optionIds.map((id) => {
      const o = r.options.find((x) => x.optionId === id);
      return o ? round(o.share * 100, 1) : null;
    }),
    r.options
      .filter((o) => o.correct)
      .map((o) => o.optionId)
      .join(" "),
    round(r.discrimination, 3),
    round(r.medianTimeMs === null ? null : r.medianTimeMs / 1000, 1),
    r.flags.join(" "),
  ]);
  return toCsv(header, body);
}
