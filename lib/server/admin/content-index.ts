/**
 * What the admin area and the demo seed need to know about the published content: course and
 * lesson titles, quiz questions with their option ids and correct option, task ids.
 *
 * The course engine (lib/course) compiles MDX for learners; the admin area needs none of that,
 * only names, so it scans content/courses/** with a deliberately small reader (frontmatter
 * title/slug/order and the <Quiz>/<Option>/<Task> tags). If the content cannot be read, the
 * analytics still work: every label falls back to the stored id.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface IndexedQuiz {
  id: string;
  courseSlug: string;
  lessonSlug: string;
  question: string;
  optionIds: string[];
  correctOptionId: string | null;
}

export interface IndexedLesson {
  courseSlug: string;
  slug: string;
  title: string;
  order: number;
  quizIds: string[];
  taskIds: string[];
}

export interface IndexedCourse {
  slug: string;
  title: string;
  lessons: IndexedLesson[];
}

export interface ContentIndex {
  courses: IndexedCourse[];
  quizzes: Map<string, IndexedQuiz>;
  lessonTitle(courseSlug: string, lessonSlug: string): string;
  courseTitle(courseSlug: string): string;
  lesson(courseSlug: string, lessonSlug: string): IndexedLesson | undefined;
}

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\b${name}=(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? (m[1] ?? m[2]) : undefined;
};

function frontmatter(src: string): Record<string, string> {
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(src);
  const out: Record<string, string> = {};
  if (!m) return out;
  for (const line of m[1].split(/\r?\n/)) {
    const kv = /^([a-zA-Z]+):\s*(.*)$/.exec(line);
    if (kv && kv[2] !== "") out[kv[1]] = kv[2].replace(/^["']|["']$/g, "");
  }
  return out;
}

/** Parses one lesson file. Exported for tests. */
export function scanLesson(courseSlug: string, fileName: string, src: string): { lesson: IndexedLesson; quizzes: IndexedQuiz[] } {
  const fm = frontmatter(src);
  const slug = fm.slug ?? fileName.replace(/^\d+-/, "").replace(/\.mdx$/, "");
  const lesson: IndexedLesson = { courseSlug, slug, title: fm.title ?? slug, order: Number(fm.order) || 0, quizIds: [], taskIds: [] };
  const quizzes: IndexedQuiz[] = [];
  const quizRe = /<Quiz\b([^>]*)>([\s\S]*?)<\/Quiz>/g;
  for (let m = quizRe.exec(src); m; m = quizRe.exec(src)) {
    const id = attr(m[1], "id");
    if (!id) continue;
    const optionIds: string[] = [];
    let correct: string | null = null;
    const optRe = /<Option\b([^>]*)>/g;
    for (let o = optRe.exec(m[2]); o; o = optRe.exec(m[2])) {
      const oid = attr(o[1], "id");
      if (!oid) continue;
      optionIds.push(oid);
      if (/\bcorrect\b(?!=\{?false)/.test(o[1].replace(/id=(?:"[^"]*"|'[^']*')/, ""))) correct = oid;
    }
    lesson.quizIds.push(id);
    quizzes.push({ id, courseSlug, lessonSlug: slug, question: attr(m[1], "question") ?? id, optionIds, correctOptionId: correct });
  }
  const taskRe = /<Task\b([^>]*)>/g;
  for (let t = taskRe.exec(src); t; t = taskRe.exec(src)) {
    const id = attr(t[1], "id");
    if (id) lesson.taskIds.push(id);
  }
  return { lesson, quizzes };
}

function build(root: string): ContentIndex {
  const courses: IndexedCourse[] = [];
  const quizzes = new Map<string, IndexedQuiz>();
  const dir = join(root, "courses");
  if (existsSync(dir)) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const courseDir = join(dir, entry.name);
      let title = entry.name;
      try {
        const meta = JSON.parse(readFileSync(join(courseDir, "course.json"), "utf8")) as { title?: unknown };
        if (typeof meta.title === "string") title = meta.title;
      } catch {
        // no or broken course.json: the folder name is the label
      }
      const lessons: IndexedLesson[] = [];
      for (const file of readdirSync(courseDir).filter((f) => f.endsWith(".mdx")).sort()) {
        const { lesson, quizzes: qs } = scanLesson(entry.name, file, readFileSync(join(courseDir, file), "utf8"));
        lessons.push(lesson);
        for (const q of qs) quizzes.set(q.id, q);
      }
      lessons.sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
      courses.push({ slug: entry.name, title, lessons });
    }
  }
  courses.sort((a, b) => a.slug.localeCompare(b.slug));
  const lessonMap = new Map(courses.flatMap((c) => c.lessons.map((l) => [`${c.slug}/${l.slug}`, l] as const)));
  const courseMap = new Map(courses.map((c) => [c.slug, c]));
  return {
    courses,
    quizzes,
    lesson: (c, l) => lessonMap.get(`${c}/${l}`),
    lessonTitle: (c, l) => lessonMap.get(`${c}/${l}`)?.title ?? l,
    courseTitle: (c) => courseMap.get(c)?.title ?? c,
  };
}

let cached: { at: number; index: ContentIndex } | undefined;

/** The index of content/ (re-read at most once a minute, so an edited lesson shows up without a restart). */
export function getContentIndex(root = join(process.cwd(), "content")): ContentIndex {
  const now = Date.now();
  if (cached && now - cached.at < 60_000) return cached.index;
  let index: ContentIndex;
  try {
    index = build(root);
  } catch {
    index = build("/nonexistent");
  }
  cached = { at: now, index };
  return index;
}

/**
 * The index for the admin pages: from the course engine's catalog (lib/course/catalog, the same
 * titles and questions learners see), falling back to the scan above if the catalog fails (a
 * broken lesson must not take the analytics down with it).
 */
export async function loadContentIndex(): Promise<ContentIndex> {
  try {
    const { getQuiz, listCourses } = await import("@/lib/course/catalog");
    const metas = await listCourses();
    const courses: IndexedCourse[] = [];
    const quizzes = new Map<string, IndexedQuiz>();
    for (const c of metas) {
      const lessons: IndexedLesson[] = c.lessons.map((l) => ({ courseSlug: c.slug, slug: l.slug, title: l.title, order: l.order, quizIds: [...l.quizIds], taskIds: [...l.taskIds] }));
      for (const l of lessons)
        for (const id of l.quizIds) {
          const q = await getQuiz(c.slug, id);
          if (q) quizzes.set(id, { id, courseSlug: c.slug, lessonSlug: l.slug, question: q.question, optionIds: q.options.map((o) => o.id), correctOptionId: q.correctOptionId });
        }
      courses.push({ slug: c.slug, title: c.title, lessons });
    }
    if (courses.length === 0) return getContentIndex();
    const lessonMap = new Map(courses.flatMap((c) => c.lessons.map((l) => [`${c.slug}/${l.slug}`, l] as const)));
    const courseMap = new Map(courses.map((c) => [c.slug, c]));
    return {
      courses,
      quizzes,
      lesson: (c, l) => lessonMap.get(`${c}/${l}`),
      lessonTitle: (c, l) => lessonMap.get(`${c}/${l}`)?.title ?? l,
      courseTitle: (c) => courseMap.get(c)?.title ?? c,
    };
  } catch (err) {
    console.error("admin: course catalog unavailable, using the content scan:", err instanceof Error ? err.message : err);
    return getContentIndex();
  }
}
