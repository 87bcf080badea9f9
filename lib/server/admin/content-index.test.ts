import { describe, expect, it } from "vitest";
import { getQuiz, listCourses } from "@/lib/course/catalog";
import { loadContentIndex } from "./content-index";

describe("the admin content index", () => {
  it("holds every course, lesson, quiz and task of the catalogue, with each quiz's correct option", async () => {
    const [index, courses] = await Promise.all([loadContentIndex(), listCourses()]);
    expect(index.courses.map((c) => c.slug)).toEqual(courses.map((c) => c.slug));
    for (const course of courses) {
      expect(index.courseTitle(course.slug)).toBe(course.title);
      for (const lesson of course.lessons) {
        expect(index.lesson(course.slug, lesson.slug)).toMatchObject({
          title: lesson.title,
          order: lesson.order,
          quizIds: lesson.quizIds,
          taskIds: lesson.taskIds,
        });
        for (const id of lesson.quizIds) {
          const quiz = (await getQuiz(course.slug, id))!;
          expect(index.quizzes.get(id)).toEqual({
            id,
            courseSlug: course.slug,
            lessonSlug: lesson.slug,
            question: quiz.question,
            optionIds: quiz.options.map((o) => o.id),
            correctOptionId: quiz.correctOptionId,
          });
        }
      }
    }
    expect(index.quizzes.size).toBeGreaterThan(0);
  });

  it("falls back to the stored id for a label it does not know", async () => {
    const index = await loadContentIndex();
    expect(index.lessonTitle("no-such-course", "no-such-lesson")).toBe("no-such-lesson");
    expect(index.courseTitle("no-such-course")).toBe("no-such-course");
  });
});
