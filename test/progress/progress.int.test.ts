/**
 * Progress on a real PostgreSQL (the test database), through the modules the routes use:
 * grading against the course definition, attempt numbering (also under concurrency), the
 * completion rule, isolation between learners, recent activity and the streak.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getLesson } from "@/lib/course/catalog";
import type { Lesson, QuizDefinition } from "@/lib/course/types";
import { disconnectPrisma } from "@/lib/server/db/client";
import { learnerStreak, recentActivity } from "@/lib/server/progress/activity";
import {
  courseCompletion,
  courseLessonProgress,
  getLessonProgress,
  lastViewedLesson,
  markLessonCompleteManually,
  markLessonOpened,
  refreshLessonCompletion,
} from "@/lib/server/progress/lesson-progress";
import { MAX_TIME_TO_ANSWER_MS, quizStatesForLesson, recordQuizAnswer } from "@/lib/server/progress/quiz-attempts";
import { passedTaskIds, recordTaskPass } from "@/lib/server/progress/tasks";
import { createTestDatabase, type TestDatabase } from "../db";

const COURSE = "kubernetes-pki";
let db: TestDatabase;
let lesson1: Lesson;
let lesson2: Lesson;
let n = 0;

async function newUser(): Promise<string> {
  const u = await db.prisma.user.create({ data: { email: `progress-${Date.now()}-${n++}@int.test` } });
  return u.id;
}

const wrongOption = (q: QuizDefinition) => q.options.find((o) => o.id !== q.correctOptionId)!.id;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  lesson1 = (await getLesson(COURSE, "how-kubernetes-uses-tls"))!;
  lesson2 = (await getLesson(COURSE, "client-certificates"))!;
  expect(lesson1.quizzes.length).toBeGreaterThan(1);
  expect(lesson1.tasks.length).toBeGreaterThan(0);
});

afterAll(async () => {
  await disconnectPrisma();
  await db?.drop();
});

describe("grading and attempt numbering", () => {
  it("grades against the course definition and numbers attempts 1, 2, 3 per learner and question", async () => {
    const user = await newUser();
    const quiz = lesson1.quizzes[0];
    const a1 = await recordQuizAnswer(user, quiz, wrongOption(quiz), 1234);
    const a2 = await recordQuizAnswer(user, quiz, quiz.correctOptionId, 99);
    const a3 = await recordQuizAnswer(user, quiz, wrongOption(quiz), undefined);
    expect([a1, a2, a3].map((a) => [a.attemptNumber, a.correct])).toEqual([
      [1, false],
      [2, true],
      [3, false],
    ]);
    // another question starts again at 1
    const other = await recordQuizAnswer(user, lesson1.quizzes[1], lesson1.quizzes[1].correctOptionId, 10);
    expect(other.attemptNumber).toBe(1);

    const rows = await db.prisma.quizAttempt.findMany({ where: { userId: user, questionId: quiz.id }, orderBy: { attemptNumber: "asc" } });
    expect(rows.map((r) => [r.optionId, r.correct, r.timeToAnswerMs])).toEqual([
      [wrongOption(quiz), false, 1234],
      [quiz.correctOptionId, true, 99],
      [wrongOption(quiz), false, null],
    ]);

    const state = (await quizStatesForLesson(user, COURSE, lesson1.slug)).get(quiz.id);
    expect(state).toEqual({ attempts: 3, lastOptionId: wrongOption(quiz), lastCorrect: false, everCorrect: true });
  });

  it("refuses an option that the quiz does not have", async () => {
    const user = await newUser();
    await expect(recordQuizAnswer(user, lesson1.quizzes[0], "z", 1)).rejects.toThrow(RangeError);
    expect(await db.prisma.quizAttempt.count({ where: { userId: user } })).toBe(0);
  });

  it("gives concurrent answers distinct, gapless attempt numbers", async () => {
    const user = await newUser();
    const quiz = lesson1.quizzes[0];
    const results = await Promise.all(Array.from({ length: 6 }, () => recordQuizAnswer(user, quiz, quiz.correctOptionId, 5)));
    expect(results.map((r) => r.attemptNumber).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("clamps the client-measured time to answer", async () => {
    const user = await newUser();
    const quiz = lesson1.quizzes[0];
    await recordQuizAnswer(user, quiz, quiz.correctOptionId, 10 * MAX_TIME_TO_ANSWER_MS);
    await recordQuizAnswer(user, quiz, quiz.correctOptionId, 12.6);
    await recordQuizAnswer(user, quiz, quiz.correctOptionId, Number.NaN);
    const rows = await db.prisma.quizAttempt.findMany({ where: { userId: user }, orderBy: { attemptNumber: "asc" } });
    expect(rows.map((r) => r.timeToAnswerMs)).toEqual([MAX_TIME_TO_ANSWER_MS, 13, null]);
  });
});

describe("completion rule", () => {
  it("completes a lesson only when every quiz was answered correctly once and every task passed", async () => {
    const user = await newUser();
    await markLessonOpened(user, COURSE, lesson1.slug);
    expect((await getLessonProgress(user, COURSE, lesson1.slug)).state).toBe("in-progress");

    const [first, ...rest] = lesson1.quizzes;
    // wrong answers do not count
    await recordQuizAnswer(user, first, wrongOption(first), 1);
    for (const q of rest) await recordQuizAnswer(user, q, q.correctOptionId, 1);
    expect((await refreshLessonCompletion(user, lesson1)).state).toBe("in-progress");

    // a correct answer at some point counts, even if a wrong one follows
    await recordQuizAnswer(user, first, first.correctOptionId, 1);
    await recordQuizAnswer(user, first, wrongOption(first), 1);
    expect((await refreshLessonCompletion(user, lesson1)).state).toBe("in-progress"); // tasks still open

    for (const t of lesson1.tasks) await recordTaskPass(user, t);
    const done = await refreshLessonCompletion(user, lesson1);
    expect(done.state).toBe("completed");
    expect(done.completedManually).toBe(false);
    expect(done.completedAt).toBeInstanceOf(Date);

    // opening it again keeps it completed and the first completion time, and says so (the page shows what it returns)
    const reopened = await markLessonOpened(user, COURSE, lesson1.slug);
    const again = await getLessonProgress(user, COURSE, lesson1.slug);
    expect(again.state).toBe("completed");
    expect(again.completedAt?.getTime()).toBe(done.completedAt?.getTime());
    expect(reopened).toEqual(again);
  });

  it("opening a lesson from many tabs at once makes one row, in progress, and moves its last view forward", async () => {
    const user = await newUser();
    const opened = await Promise.all(Array.from({ length: 12 }, () => markLessonOpened(user, COURSE, lesson2.slug)));
    expect(new Set(opened.map((p) => p.state))).toEqual(new Set(["in-progress"]));
    expect(await db.prisma.lessonProgress.count({ where: { userId: user, courseSlug: COURSE, lessonSlug: lesson2.slug } })).toBe(1);
    const yesterday = new Date(Date.now() - 86_400_000);
    await db.prisma.lessonProgress.updateMany({ where: { userId: user, lessonSlug: lesson2.slug }, data: { lastViewedAt: yesterday } });
    const later = await markLessonOpened(user, COURSE, lesson2.slug);
    expect(later.lastViewedAt?.getTime()).toBeGreaterThan(yesterday.getTime());
    expect(later.state).toBe("in-progress");
  });

  it("lets a learner mark a lesson complete by hand, even one they never opened", async () => {
    const user = await newUser();
    const p = await markLessonCompleteManually(user, lesson2);
    expect(p).toMatchObject({ state: "completed", completedManually: true });
    const course = await courseLessonProgress(user, COURSE);
    expect(courseCompletion([lesson1, lesson2], course)).toEqual({ completed: 1, total: 2, percent: 50 });
  });

  it("records a task pass once, however often the check passes", async () => {
    const user = await newUser();
    const task = lesson1.tasks[0];
    const first = await recordTaskPass(user, task);
    const second = await recordTaskPass(user, task);
    expect(second.getTime()).toBe(first.getTime());
    expect(await db.prisma.taskCompletion.count({ where: { userId: user } })).toBe(1);
  });
});

describe("isolation between learners", () => {
  it("never shows one learner's answers, tasks or progress to another", async () => {
    const alice = await newUser();
    const bob = await newUser();
    for (const q of lesson1.quizzes) await recordQuizAnswer(alice, q, q.correctOptionId, 1);
    for (const t of lesson1.tasks) await recordTaskPass(alice, t);
    await markLessonOpened(alice, COURSE, lesson1.slug);
    expect((await refreshLessonCompletion(alice, lesson1)).state).toBe("completed");

    expect((await quizStatesForLesson(bob, COURSE, lesson1.slug)).size).toBe(0);
    expect((await passedTaskIds(bob, COURSE, lesson1.slug)).size).toBe(0);
    expect((await getLessonProgress(bob, COURSE, lesson1.slug)).state).toBe("not-started");
    expect(await lastViewedLesson(bob)).toBeNull();
    expect(await recentActivity(bob)).toEqual([]);
    // Bob's own answers start at attempt 1 although Alice answered before him
    expect((await recordQuizAnswer(bob, lesson1.quizzes[0], lesson1.quizzes[0].correctOptionId, 1)).attemptNumber).toBe(1);
    // and they do not complete Bob's lesson (his tasks are not passed): answering only starts it
    expect((await refreshLessonCompletion(bob, lesson1)).state).toBe("in-progress");

    expect((await quizStatesForLesson(alice, COURSE, lesson1.slug)).size).toBe(lesson1.quizzes.length);
    expect((await lastViewedLesson(alice))?.lessonSlug).toBe(lesson1.slug);
  });
});

describe("activity and streak", () => {
  const day = (iso: string) => new Date(`${iso}T12:00:00.000Z`);

  it("lists recent activity newest first", async () => {
    const user = await newUser();
    const q = lesson1.quizzes[0];
    await db.prisma.quizAttempt.create({
      data: {
        userId: user,
        courseSlug: COURSE,
        lessonSlug: lesson1.slug,
        questionId: q.id,
        optionId: q.correctOptionId,
        correct: true,
        attemptNumber: 1,
        createdAt: day("2030-01-02"),
      },
    });
    await db.prisma.taskCompletion.create({
      data: { userId: user, courseSlug: COURSE, lessonSlug: lesson1.slug, taskId: lesson1.tasks[0].id, passedAt: day("2030-01-03") },
    });
    await db.prisma.lessonProgress.create({
      data: {
        userId: user,
        courseSlug: COURSE,
        lessonSlug: lesson1.slug,
        status: "COMPLETED",
        completedAt: day("2030-01-04"),
        completedManually: true,
      },
    });
    const items = await recentActivity(user, 10);
    expect(items.map((i) => i.kind)).toEqual(["lesson-completed", "task", "quiz"]);
    expect(await recentActivity(user, 2)).toHaveLength(2);
  });

  it("counts consecutive UTC days with any activity, from every kind of activity", async () => {
    const user = await newUser();
    const q = lesson1.quizzes[0];
    // 2030-03-07 (quiz), 03-08 (task), 03-09 (lesson opened), 03-10 (quiz, late evening UTC); a gap on 03-06; 03-03..05 before it
    const quizAt = async (at: Date, attemptNumber: number) =>
      db.prisma.quizAttempt.create({
        data: {
          userId: user,
          courseSlug: COURSE,
          lessonSlug: lesson1.slug,
          questionId: q.id,
          optionId: "a",
          correct: false,
          attemptNumber,
          createdAt: at,
        },
      });
    await quizAt(day("2030-03-03"), 1);
    await quizAt(day("2030-03-04"), 2);
    await quizAt(day("2030-03-05"), 3);
    await quizAt(day("2030-03-07"), 4);
    await db.prisma.taskCompletion.create({
      data: { userId: user, courseSlug: COURSE, lessonSlug: lesson1.slug, taskId: lesson1.tasks[0].id, passedAt: day("2030-03-08") },
    });
    await db.prisma.lessonProgress.create({
      data: { userId: user, courseSlug: COURSE, lessonSlug: lesson2.slug, openedAt: day("2030-03-09"), lastViewedAt: day("2030-03-09") },
    });
    await quizAt(new Date("2030-03-10T23:59:00.000Z"), 5);

    expect(await learnerStreak(user, new Date("2030-03-10T23:59:30.000Z"))).toEqual({ current: 4, longest: 4, activeToday: true });
    // the next UTC day, before any activity: still alive
    expect(await learnerStreak(user, new Date("2030-03-11T00:00:01.000Z"))).toEqual({ current: 4, longest: 4, activeToday: false });
    // a day later: broken
    expect((await learnerStreak(user, new Date("2030-03-12T08:00:00.000Z"))).current).toBe(0);
    // seen from 03-05, the earlier run of three is current
    expect(await learnerStreak(user, new Date("2030-03-05T20:00:00.000Z"))).toEqual({ current: 3, longest: 3, activeToday: true });
    // another learner's activity never counts
    expect((await learnerStreak(await newUser(), new Date("2030-03-10T12:00:00.000Z"))).current).toBe(0);
  });
});
