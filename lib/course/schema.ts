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
  /** courses to take first; each must exist (checked across courses in catalog.ts). A notice, not a lock. */
  prerequisites: z
    .array(
      z.string({ error: "each prerequisite must be a course slug" }).regex(kebab, "each prerequisite must be a course slug (kebab-case)"),
      {
        error: "prerequisites must be a list of course slugs",
      },
    )
    .refine((a) => new Set(a).size === a.length, "prerequisites must not list a course twice")
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

/** Names of the state transforms a scenario's setup may use (implemented in scenario-transforms.ts). */
export const SCENARIO_TRANSFORM_NAMES = ["kubeconfig-foreign-ca"] as const;

const SETUP_STEP_SHAPE = 'each setup step must be a command line (a string), "timeTravel: <days>" or "transform: <name>"';
const commandLine = (what: string) =>
  z
    .string({ error: `each ${what} step must be a command line (a string)` })
    .refine((s) => s.trim().length > 0, `a ${what} command must not be empty`)
    .refine(
      (s) => !/^\s*(sudo|vim?|nano|view)\b/.test(s),
      `a ${what} command must not use sudo or an editor (write files with here-documents)`,
    );

const setupStepSchema = z.union(
  [
    commandLine("setup"),
    z.strictObject({
      timeTravel: z.number().int("timeTravel must be a whole number of days").positive("timeTravel must be a positive number of days"),
    }),
    z.strictObject({
      transform: z.enum(SCENARIO_TRANSFORM_NAMES, { error: `transform must be one of: ${SCENARIO_TRANSFORM_NAMES.join(", ")}` }),
    }),
  ],
  { error: SETUP_STEP_SHAPE },
);

/**
 * A scenario's frontmatter: a lesson's fields (objectives are optional: the goal is the body),
 * plus the `scenario` block the platform uses and the learner never sees as such.
 */
export const scenarioFrontmatterSchema = z.strictObject({
  title: lessonFrontmatterSchema.shape.title,
  slug: lessonFrontmatterSchema.shape.slug,
  order: lessonFrontmatterSchema.shape.order,
  duration: lessonFrontmatterSchema.shape.duration,
  summary: lessonFrontmatterSchema.shape.summary,
  scenario: z.strictObject(
    {
      setup: z
        .array(setupStepSchema, { error: "scenario.setup must be a list of steps" })
        .min(1, "scenario.setup needs at least one step: a scenario starts from a cluster broken on purpose"),
      hints: z
        .array(text("each hint"), { error: "scenario.hints must be a list of strings" })
        .min(1, "scenario.hints must have 1 to 3 entries")
        .max(3, "scenario.hints must have 1 to 3 entries"),
      solution: z
        .array(commandLine("solution"), { error: "scenario.solution must be a list of command lines" })
        .min(1, "scenario.solution needs at least one command: the reference solution the content check runs"),
    },
    { error: "scenario must be an object with setup, hints and solution" },
  ),
});
export type ScenarioFrontmatter = z.infer<typeof scenarioFrontmatterSchema>;

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
