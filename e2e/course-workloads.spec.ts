import type { Page } from "@playwright/test";
import { getCourse, getLesson } from "../lib/course/catalog";
import { expect, signUp, test } from "./fixtures";

const COURSE = "kubernetes-workloads";
const LESSON = "deployments-rollouts-and-rollbacks";

/** What the terminal shows, read from xterm's DOM rows (text, not pixels). */
const screen = (page: Page) => page.locator(".xterm-rows");
const commands = (page: Page) => page.locator("[data-command]");

test("a learner rolls out, breaks and rolls back a Deployment in lesson 2; the task passes, the lesson completes and the course percentage follows", async ({
  page,
  learner,
  cspViolations,
}) => {
  test.setTimeout(240_000); // sign-up, a fresh cluster, about twenty commands and three quizzes
  const course = (await getCourse(COURSE))!;
  const lesson = (await getLesson(COURSE, LESSON))!;
  const total = course.lessons.length;
  const onePercent = `${Math.round(100 / total)}%`;
  const task = lesson.tasks[0];

  await signUp(page, learner);

  // The course page before: nothing completed
  await page.goto(`/courses/${COURSE}`);
  await expect(page.getByRole("heading", { level: 1, name: course.title })).toBeVisible();
  await expect(page.getByTestId("course-percent")).toHaveText("0%");
  await expect(page.getByText(`0 of ${total} lessons completed`)).toBeVisible();
  await page.getByRole("link", { name: new RegExp(lesson.title) }).click();
  await expect(page).toHaveURL(`/courses/${COURSE}/${LESSON}`);
  await expect(page.getByRole("heading", { level: 1, name: lesson.title })).toBeVisible();

  await page.getByRole("button", { name: /upgrade to pro/i }).click();
  await expect(page.getByTestId("terminal-state")).toHaveAttribute("data-state", "live", { timeout: 30_000 });

  // The task fails on a fresh cluster: there is no Deployment yet
  const t = page.locator(`[data-task-id="${task.id}"]`);
  await t.scrollIntoViewIfNeeded();
  await t.getByRole("button", { name: "Check" }).click();
  await expect(t).toHaveAttribute("data-state", "failed");

  // Every command of the lesson, in order, each with its own "Run in terminal" button
  const lines = lesson.steps.flatMap((s) => (s.kind === "command" ? [s.text] : []));
  const runButtons = commands(page).getByRole("button", { name: "Run in terminal" });
  const count = await runButtons.count();
  expect(count).toBe(lines.length);
  for (let i = 0; i < count; i++) {
    const block = commands(page).nth(i);
    const text = lines[i];
    await runButtons.nth(i).scrollIntoViewIfNeeded();
    await runButtons.nth(i).click();
    await expect(block).toContainText("Sent to the terminal");
    // rollout status waits for the rollout: let it answer before the next line goes in
    if (text.includes("--timeout=20s"))
      await expect(screen(page)).toContainText("timed out waiting for the condition", { timeout: 45_000 });
    else if (text.startsWith("kubectl rollout status"))
      await expect(screen(page)).toContainText("successfully rolled out", { timeout: 45_000 });
    else if (text.startsWith("kubectl rollout undo")) await expect(screen(page)).toContainText("rolled back");
  }
  await expect(screen(page)).toContainText("nginx:1.27.3", { timeout: 30_000 });

  // The task: 5 replicas of nginx:1.27.3, rolled out (a task on screen also re-checks itself every 5 s)
  await t.scrollIntoViewIfNeeded();
  if ((await t.getAttribute("data-state")) !== "passed") {
    await t
      .getByRole("button", { name: "Check" })
      .click({ timeout: 15_000 })
      .catch(() => undefined);
  }
  await expect(t).toHaveAttribute("data-state", "passed", { timeout: 30_000 });
  await expect(t.getByTestId("task-status")).toHaveText(/Passed/);

  // The quizzes, answered right: with the task passed, that completes the lesson by itself
  for (const quiz of lesson.quizzes) {
    const right = quiz.options.find((o) => o.id === quiz.correctOptionId)!;
    const q = page.locator(`[data-quiz-id="${quiz.id}"]`);
    await q.scrollIntoViewIfNeeded();
    await q.getByRole("radio", { name: right.text }).check();
    await q.getByRole("button", { name: "Check answer" }).click();
    await expect(q.getByTestId("quiz-explanation")).toBeVisible();
  }
  await expect(page.getByTestId("lesson-state").first()).toHaveAttribute("data-state", "completed");
  await expect(page.getByText("You have completed this lesson.")).toBeVisible();

  // The course page and the dashboard follow: 1 of 6
  await page.goto(`/courses/${COURSE}`);
  await expect(page.getByTestId("course-percent")).toHaveText(onePercent);
  await expect(page.getByText(`1 of ${total} lessons completed`)).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Course progress" })).toHaveAttribute(
    "aria-valuenow",
    String(Math.round(100 / total)),
  );
  await expect(page.getByRole("listitem").filter({ hasText: lesson.title }).getByTestId("lesson-state")).toHaveText(/Completed/);

  await page.goto("/dashboard");
  await expect(page.getByTestId("continue")).toContainText(lesson.title);
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: course.title }) });
  await expect(card).toContainText(`1 of ${total} lessons completed`);
  await expect(card).toContainText(onePercent);
  await expect(card.getByRole("progressbar", { name: `${course.title}: progress` })).toHaveAttribute(
    "aria-valuenow",
    String(Math.round(100 / total)),
  );
  await expect(page.getByTestId("activity")).toContainText(task.title);
  expect(cspViolations).toEqual([]);
});
