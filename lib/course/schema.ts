/**
 * zod schemas for content/courses/<slug>/course.json and the YAML frontmatter of a lesson
 * (content/README.md). `parseWith` turns zod issues into one clear message naming the file and field.
 */
import { z } from "zod";

const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const text = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .trim()
    .min(1, `${what} must not be empty`);

export const courseJsonSchema = z.strictObject({
  slug: z.string({ error: "slug must be a string" }).regex(kebab, "slug must be kebab-case (a-z, 0-9 and single dashes)"),
  title: text("title"),
  summary: text("summary"),
  level: z.enum(["Beginner", "Intermediate", "Advanced"], { error: 'level must be "Beginner", "Intermediate" or "Advanced"' }),
  nextModule: z
    .strictObject({
      title: text("nextModule.title"),
      status: z.literal("coming-soon", { error: 'nextModule.status must be "coming-soon"' }),
    })
    .optional(),
});
export type CourseJson = z.infer<typeof courseJsonSchema>;

export const lessonFrontmatterSchema = z.strictObject({
  title: text("title"),
  slug: z.string({ error: "slug must be a string" }).regex(kebab, "slug must be kebab-case (a-z, 0-9 and single dashes)"),
  order: z.number({ error: "order must be a number" }).int("order must be an integer").min(1, "order must be 1 or more"),
  duration: z
    .number({ error: "duration must be a number of minutes" })
    .int("duration must be a whole number of minutes")
    .positive("duration must be positive"),
  objectives: z
    .array(text("each objective"), { error: "objectives must be a list of strings" })
    .min(3, "objectives must have 3 to 5 entries")
    .max(5, "objectives must have 3 to 5 entries"),
  summary: text("summary"),
});
export type LessonFrontmatter = z.infer<typeof lessonFrontmatterSchema>;

/** Thrown for any content problem; `problems` holds one message per problem, each naming the file. */
export class ContentError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} content problems:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ContentError";
  }
}

/** One line per zod issue: `<file>: <where> "<field>": <message>`. */
export function formatIssues(file: string, where: string, error: z.ZodError, input?: unknown): string[] {
  const absent = (path: PropertyKey[]) => {
    let v: unknown = input;
    for (const k of path) {
      if (v === null || typeof v !== "object" || !(k in v)) return true;
      v = (v as Record<PropertyKey, unknown>)[k];
    }
    return v === undefined || v === null;
  };
  return error.issues.map((i) => {
    const field = i.path.length ? i.path.map(String).join(".") : "";
    if (i.code === "unrecognized_keys") return `${file}: ${where} has unknown field(s) ${i.keys.map((k) => `"${k}"`).join(", ")}`;
    if (i.code === "invalid_type" && !field) return `${file}: ${where} must be an object (key: value pairs)`;
    if (i.code === "invalid_type" && absent(i.path)) return `${file}: ${where} field "${field}" is missing`;
    return `${file}: ${where} field "${field}": ${i.message}`;
  });
}

export function parseWith<T>(
  schema: z.ZodType<T>,
  value: unknown,
  file: string,
  where: string,
): { ok: true; value: T } | { ok: false; problems: string[] } {
  const r = schema.safeParse(value);
  return r.success ? { ok: true, value: r.data } : { ok: false, problems: formatIssues(file, where, r.error, value) };
}
