/**
 * The course catalogue: reads content/courses/<slug>/course.json and NN-slug.mdx, validates and
 * compiles every lesson once per process (memoised per content directory), and answers lookups.
 * Pure server-side code: no React, no Next.js, no database.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseLesson } from "./lesson-parser";
import { ContentError, courseJsonSchema, parseWith } from "./schema";
import type { CourseMeta, Lesson, LessonMeta, QuizDefinition, TaskDefinition } from "./types";

export type * from "./types";
export { headingId } from "./lesson-parser";
export { ContentError } from "./schema";

export interface LoadedCourse {
  meta: CourseMeta;
  lessons: Lesson[];
}

export interface ContentReport {
  dir: string;
  courses: LoadedCourse[];
  /** every problem found, each naming its file; empty when the content is valid */
  problems: string[];
}

const LESSON_FILE = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.mdx$/;

export function defaultContentDir(): string {
  return process.env.KUBEYARD_CONTENT_DIR || path.join(process.cwd(), "content");
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

function lessonMeta(l: Lesson): LessonMeta {
  return {
    kind: l.kind,
    courseSlug: l.courseSlug,
    slug: l.slug,
    title: l.title,
    order: l.order,
    duration: l.duration,
    objectives: l.objectives,
    summary: l.summary,
    quizIds: l.quizIds,
    taskIds: l.taskIds,
    toc: l.toc,
  };
}

async function loadCourse(dir: string, folder: string, rel: (p: string) => string): Promise<{ course?: LoadedCourse; problems: string[] }> {
  const problems: string[] = [];
  const courseDir = path.join(dir, "courses", folder);
  const jsonPath = path.join(courseDir, "course.json");
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(jsonPath, "utf8"));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    problems.push(
      err.code === "ENOENT"
        ? `${rel(jsonPath)}: missing (every course folder needs a course.json)`
        : `${rel(jsonPath)}: not valid JSON: ${err.message}`,
    );
  }
  const parsed = raw === undefined ? undefined : parseWith(courseJsonSchema, raw, rel(jsonPath), "course.json");
  if (parsed && !parsed.ok) problems.push(...parsed.problems);
  const json = parsed?.ok ? parsed.value : undefined;
  const rawSlug = raw && typeof raw === "object" ? (raw as { slug?: unknown }).slug : undefined;
  if (typeof rawSlug === "string" && rawSlug !== folder)
    problems.push(`${rel(jsonPath)}: slug "${rawSlug}" must equal the folder name "${folder}"`);

  const files = (await readdir(courseDir)).sort();
  const lessons: Lesson[] = [];
  const numbers: number[] = [];
  for (const f of files) {
    if (f === "course.json") continue;
    const full = path.join(courseDir, f);
    if (!f.endsWith(".mdx")) {
      if (f.endsWith(".md")) problems.push(`${rel(full)}: lessons are .mdx files`);
      continue;
    }
    const m = LESSON_FILE.exec(f);
    if (!m) {
      problems.push(`${rel(full)}: lesson files are named NN-slug.mdx (two digits, then the kebab-case slug)`);
      continue;
    }
    numbers.push(Number(m[1]));
    const r = await parseLesson(await readFile(full, "utf8"), { file: rel(full), courseSlug: folder, fileOrder: Number(m[1]) });
    problems.push(...r.problems);
    if (r.frontmatter) {
      if (r.frontmatter.slug !== m[2])
        problems.push(`${rel(full)}: frontmatter slug "${r.frontmatter.slug}" must equal the file name without NN-, "${m[2]}"`);
      if (r.frontmatter.order !== Number(m[1]))
        problems.push(`${rel(full)}: frontmatter order ${r.frontmatter.order} must match the file number ${m[1]}`);
    }
    if (r.lesson) lessons.push(r.lesson);
  }
  lessons.sort((a, b) => a.order - b.order);
  if (!numbers.length) problems.push(`${rel(courseDir)}: a course needs at least one lesson`);
  numbers.sort((a, b) => a - b);
  const expected = numbers.map((_, i) => i + 1);
  if (numbers.join(",") !== expected.join(",")) {
    problems.push(
      `${rel(courseDir)}: lesson numbers must run 01..${String(numbers.length).padStart(2, "0")} without gaps or repeats; found ${numbers.map((n) => String(n).padStart(2, "0")).join(", ")}`,
    );
  }
  const seen = new Map<string, string>();
  for (const l of lessons) {
    for (const id of [...l.quizIds, ...l.taskIds]) {
      const other = seen.get(id);
      if (other) problems.push(`${rel(courseDir)}: id "${id}" is used in both ${other} and ${l.slug}`);
      else seen.set(id, l.slug);
    }
  }
  if (!json || problems.length) return { problems };
  return {
    problems,
    course: {
      meta: {
        slug: json.slug,
        title: json.title,
        summary: json.summary,
        level: json.level,
        ...(json.nextModule ? { nextModule: json.nextModule } : {}),
        prerequisites: json.prerequisites ?? [],
        lessons: lessons.map(lessonMeta),
      },
      lessons,
    },
  };
}

/** Reads and checks all content under `dir` (default: ./content). Never throws for content problems. */
export async function validateContent(dir: string = defaultContentDir()): Promise<ContentReport> {
  const root = path.resolve(/* turbopackIgnore: true */ dir); // content is read at run time from ./content, not traced into the build
  const rel = (p: string) => path.relative(process.cwd(), p) || p;
  const problems: string[] = [];
  const courses: LoadedCourse[] = [];
  const coursesDir = path.join(root, "courses");
  if (!(await isDir(coursesDir))) return { dir: root, courses, problems: [`${rel(coursesDir)}: no courses folder`] };
  const folders = [];
  for (const f of (await readdir(coursesDir)).sort()) if (await isDir(path.join(coursesDir, f))) folders.push(f);
  for (const folder of folders) {
    const r = await loadCourse(root, folder, rel);
    problems.push(...r.problems);
    if (r.course) courses.push(r.course);
  }
  // Answers and the quiz analytics key a question by its id alone, so a quiz id names one
  // question in the whole catalogue (new courses prefix theirs: "wl-l1-q1").
  const quizOwner = new Map<string, string>();
  for (const c of courses)
    for (const l of c.lessons)
      for (const q of l.quizzes) {
        const other = quizOwner.get(q.id);
        if (other && other !== c.meta.slug)
          problems.push(`quiz id "${q.id}" is used in both ${other} and ${c.meta.slug}: quiz ids are unique across courses`);
        else quizOwner.set(q.id, c.meta.slug);
      }
  problems.push(...prerequisiteProblems(courses, folders, rel(coursesDir)));
  return { dir: root, courses, problems };
}

/** Every prerequisite names another course that exists, and no course ends up requiring itself. */
function prerequisiteProblems(courses: LoadedCourse[], folders: string[], coursesDir: string): string[] {
  const problems: string[] = [];
  const requires = new Map(courses.map((c) => [c.meta.slug, c.meta.prerequisites]));
  for (const c of courses) {
    const file = path.join(coursesDir, c.meta.slug, "course.json");
    for (const p of c.meta.prerequisites) {
      if (p === c.meta.slug) problems.push(`${file}: prerequisites: a course cannot require itself`);
      else if (!folders.includes(p)) problems.push(`${file}: prerequisites: there is no course "${p}" (known: ${folders.join(", ")})`);
    }
    // a cycle through other courses: walk what this course requires, transitively
    const seen = new Set<string>();
    const todo = c.meta.prerequisites.filter((p) => p !== c.meta.slug);
    while (todo.length) {
      const next = todo.pop() as string;
      if (next === c.meta.slug) {
        problems.push(`${file}: prerequisites form a cycle back to "${c.meta.slug}"`);
        break;
      }
      if (seen.has(next)) continue;
      seen.add(next);
      todo.push(...(requires.get(next) ?? []));
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------

export interface Catalog {
  listCourses(): Promise<CourseMeta[]>;
  getCourse(slug: string): Promise<CourseMeta | undefined>;
  getLesson(courseSlug: string, lessonSlug: string): Promise<Lesson | undefined>;
  getQuiz(courseSlug: string, quizId: string): Promise<QuizDefinition | undefined>;
  getTask(courseSlug: string, taskId: string): Promise<TaskDefinition | undefined>;
}

interface Index {
  courses: CourseMeta[];
  lessons: Map<string, Lesson>;
  quizzes: Map<string, QuizDefinition>;
  tasks: Map<string, TaskDefinition>;
}

const key = (a: string, b: string) => `${a}\u0000${b}`;
const indexes = new Map<string, Promise<Index>>();

async function buildIndex(dir: string): Promise<Index> {
  const report = await validateContent(dir);
  if (report.problems.length) throw new ContentError(report.problems);
  const idx: Index = { courses: [], lessons: new Map(), quizzes: new Map(), tasks: new Map() };
  for (const c of report.courses) {
    idx.courses.push(c.meta);
    for (const l of c.lessons) {
      idx.lessons.set(key(c.meta.slug, l.slug), l);
      for (const q of l.quizzes) idx.quizzes.set(key(c.meta.slug, q.id), q);
      for (const t of l.tasks) idx.tasks.set(key(c.meta.slug, t.id), t);
    }
  }
  return idx;
}

function indexFor(dir: string): Promise<Index> {
  const root = path.resolve(/* turbopackIgnore: true */ dir); // content is read at run time from ./content, not traced into the build
  let p = indexes.get(root);
  if (!p) {
    p = buildIndex(root);
    // a failed load is not cached, so a fixed lesson is picked up on the next request
    p.catch(() => indexes.delete(root));
    indexes.set(root, p);
  }
  return p;
}

/** A catalogue over `dir`; the content is read and compiled on first use, once per process. */
export function createCatalog(dir: string = defaultContentDir()): Catalog {
  return {
    listCourses: async () => (await indexFor(dir)).courses,
    getCourse: async (slug) => (await indexFor(dir)).courses.find((c) => c.slug === slug),
    getLesson: async (courseSlug, lessonSlug) => (await indexFor(dir)).lessons.get(key(courseSlug, lessonSlug)),
    getQuiz: async (courseSlug, quizId) => (await indexFor(dir)).quizzes.get(key(courseSlug, quizId)),
    getTask: async (courseSlug, taskId) => (await indexFor(dir)).tasks.get(key(courseSlug, taskId)),
  };
}

/** Forgets compiled content (tests; a dev tool that watches content/). */
export function clearCatalogCache(): void {
  indexes.clear();
}

export function listCourses(): Promise<CourseMeta[]> {
  return createCatalog().listCourses();
}
export function getCourse(slug: string): Promise<CourseMeta | undefined> {
  return createCatalog().getCourse(slug);
}
export function getLesson(courseSlug: string, lessonSlug: string): Promise<Lesson | undefined> {
  return createCatalog().getLesson(courseSlug, lessonSlug);
}
export function getQuiz(courseSlug: string, quizId: string): Promise<QuizDefinition | undefined> {
  return createCatalog().getQuiz(courseSlug, quizId);
}
export function getTask(courseSlug: string, taskId: string): Promise<TaskDefinition | undefined> {
  return createCatalog().getTask(courseSlug, taskId);
}
