/**
 * The admin analytics filters, as URL search params (so a view can be bookmarked and the CSV
 * export gets exactly the table on screen). Validated with zod; anything invalid is dropped
 * rather than failing the page (a hand-edited URL shows the unfiltered table, never a 500).
 */
import "server-only";
import { z } from "zod";

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);
/** A calendar day from 1970 on: earlier years (0000 among them) are out of PostgreSQL's and the analytics' range. */
const day = z
  .string()
  .regex(/^(19[7-9]\d|[2-9]\d{3})-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "not a date");

export const QUIZ_SORT_KEYS = [
  "question",
  "lesson",
  "attempts",
  "learners",
  "firstCorrect",
  "discrimination",
  "medianTime",
  "flags",
] as const;
export type QuizSortKey = (typeof QUIZ_SORT_KEYS)[number];
export const QUIZ_FLAGS = ["too-easy", "too-hard", "misleading"] as const;
export type QuizFlag = (typeof QUIZ_FLAGS)[number];

export const quizFilterSchema = z.object({
  course: slug.optional().catch(undefined),
  lesson: slug.optional().catch(undefined),
  /** inclusive, UTC day */
  from: day.optional().catch(undefined),
  /** inclusive, UTC day */
  to: day.optional().catch(undefined),
  sort: z.enum(QUIZ_SORT_KEYS).default("lesson").catch("lesson"),
  dir: z.enum(["asc", "desc"]).default("asc").catch("asc"),
  flag: z.enum(QUIZ_FLAGS).optional().catch(undefined),
});
export type QuizFilter = z.infer<typeof quizFilterSchema>;

type RawParams = Record<string, string | string[] | undefined> | URLSearchParams;

function toRecord(params: RawParams): Record<string, string> {
  const out: Record<string, string> = {};
  if (params instanceof URLSearchParams) {
    for (const [k, v] of params) if (!(k in out) && v !== "") out[k] = v;
  } else {
    for (const [k, v] of Object.entries(params)) {
      const first = Array.isArray(v) ? v[0] : v;
      if (first !== undefined && first !== "") out[k] = first;
    }
  }
  return out;
}

export function parseQuizFilter(params: RawParams): QuizFilter {
  const f = quizFilterSchema.parse(toRecord(params));
  // A lesson only makes sense inside a course; a reversed range is swapped, not rejected.
  if (!f.course) f.lesson = undefined;
  if (f.from && f.to && f.from > f.to) [f.from, f.to] = [f.to, f.from];
  return f;
}

/** [from, to) as timestamps: `to` is inclusive as a day, so the bound is the next midnight (UTC). */
export function dateBounds(f: { from?: string; to?: string }): { from: Date | null; to: Date | null } {
  const from = f.from ? new Date(`${f.from}T00:00:00Z`) : null;
  const to = f.to ? new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000) : null;
  return { from, to };
}

/** The filter as a query string (for links and the CSV export), without defaults. */
export function filterQuery(f: Partial<QuizFilter>, overrides: Partial<Record<keyof QuizFilter, string | undefined>> = {}): string {
  const merged: Record<string, string | undefined> = { ...f, ...overrides };
  const qs = new URLSearchParams();
  for (const key of ["course", "lesson", "from", "to", "flag", "sort", "dir"] as const) {
    const v = merged[key];
    if (v === undefined || v === "") continue;
    if (key === "sort" && v === "lesson") continue;
    if (key === "dir" && v === "asc") continue;
    qs.set(key, v);
  }
  const s = qs.toString();
  return s ? `?${s}` : "";
}
