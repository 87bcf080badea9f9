/**
 * What the admin area, the demo seed and the analytics bench need to know about the published
 * content: course and lesson titles, quiz questions with their option ids and correct option,
 * task ids. All of it comes from the course engine (lib/course/catalog), the same titles and
 * questions learners see. If the catalogue cannot be read, the analytics still work: the index is
 * empty and every label falls back to the stored id.
 */
import "server-only";
import { getLesson, getQuiz, listCourses } from "@/lib/course/catalog";

export interface IndexedQuiz {
  id: string;
  courseSlug: string;
  lessonSlug: string;
  question: string;
  optionIds: string[];
  correctOptionId: string;
}

export interface IndexedLesson {
  courseSlug: string;
  slug: string;
  title: string;
  order: number;
  quizIds: string[];
  taskIds: string[];
  /** a challenge scenario's number of hints; absent for a lesson */
  scenarioHints?: number;
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

function indexOf(courses: IndexedCourse[], quizzes: Map<string, IndexedQuiz>): ContentIndex {
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

/** The index of the published content (the catalogue memoises the content, so this is cheap). */
export async function loadContentIndex(): Promise<ContentIndex> {
  try {
    const courses: IndexedCourse[] = [];
    const quizzes = new Map<string, IndexedQuiz>();
    for (const c of await listCourses()) {
      const lessons: IndexedLesson[] = [];
      for (const l of c.lessons) {
        const hints = l.kind === "scenario" ? (await getLesson(c.slug, l.slug))?.scenario?.hints.length : undefined;
        lessons.push({
          courseSlug: c.slug,
          slug: l.slug,
          title: l.title,
          order: l.order,
          quizIds: [...l.quizIds],
          taskIds: [...l.taskIds],
          ...(l.kind === "scenario" ? { scenarioHints: hints ?? 0 } : {}),
        });
      }
      for (const l of lessons)
        for (const id of l.quizIds) {
          const q = await getQuiz(c.slug, id);
          if (q)
            quizzes.set(id, {
              id,
              courseSlug: c.slug,
              lessonSlug: l.slug,
              question: q.question,
              optionIds: q.options.map((o) => o.id),
              correctOptionId: q.correctOptionId,
            });
        }
      courses.push({ slug: c.slug, title: c.title, lessons });
    }
    return indexOf(courses, quizzes);
  } catch (err) {
    // A broken lesson fails the build; should one slip through, the analytics show ids instead.
    console.error("admin: course catalog unavailable, labels fall back to ids:", err instanceof Error ? err.message : err);
    return indexOf([], new Map());
  }
}
