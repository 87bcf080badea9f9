import type { Page } from "@playwright/test";
import { getLesson } from "../lib/course/catalog";
import { expect, signUp, test } from "./fixtures";

const COURSE = "kubernetes-pki";
const LESSON = "how-kubernetes-uses-tls";

/** What the terminal shows, read from xterm's DOM rows (text, not pixels). */
const screen = (page: Page) => page.locator(".xterm-rows");
const commandBlock = (page: Page, text: string) => page.locator("[data-command]").filter({ hasText: text }).first();

test("a learner reads lesson 1, answers a quiz, runs commands, passes the task and completes the lesson", async ({
  page,
  learner,
  cspViolations,
}) => {
  test.setTimeout(120_000); // sign-up, a fresh cluster and several server round trips
  const lesson = (await getLesson(COURSE, LESSON))!;
  const quiz = lesson.quizzes[0];
  const wrong = quiz.options.find((o) => o.id !== quiz.correctOptionId)!;
  const right = quiz.options.find((o) => o.id === quiz.correctOptionId)!;
  const task = lesson.tasks[0];

  await signUp(page, learner);

  // The catalogue and the course page
  await page.goto("/courses");
  await page.getByRole("link", { name: "Kubernetes PKI and TLS" }).click();
  await expect(page).toHaveURL(`/courses/${COURSE}`);
  await expect(page.getByRole("heading", { level: 1, name: "Kubernetes PKI and TLS" })).toBeVisible();
  await expect(page.getByTestId("next-module")).toHaveCount(0); // RBAC is a course now, no longer "coming soon"
  await page.getByRole("link", { name: new RegExp(lesson.title) }).click();
  await expect(page).toHaveURL(`/courses/${COURSE}/${LESSON}`);
  await expect(page.getByRole("heading", { level: 1, name: lesson.title })).toBeVisible();
  await expect(page.getByTestId("lesson-state").first()).toHaveAttribute("data-state", "in-progress");

  // A quiz: wrong, then right, with the explanation
  const q = page.locator(`[data-quiz-id="${quiz.id}"]`);
  await q.scrollIntoViewIfNeeded();
  await q.getByRole("radio", { name: wrong.text }).check();
  await q.getByRole("button", { name: "Check answer" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Not quite");
  await expect(q.getByTestId("quiz-explanation")).toHaveCount(0); // hidden until asked for
  await q.getByRole("button", { name: "Try again" }).click();
  await q.getByRole("radio", { name: right.text }).check();
  await q.getByRole("button", { name: "Check answer" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Correct");
  await expect(q.getByTestId("quiz-explanation")).toContainText("Explanation");
  await expect(q.getByTestId("quiz-explanation")).toContainText(quiz.explanation.split("`")[0].slice(0, 30));

  // The early-access upgrade turns the gate into a terminal next to the lesson
  await expect(page.getByTestId("pro-gate")).toBeVisible();
  await expect(page.getByRole("button", { name: "Run in terminal" })).toHaveCount(0);
  await page.getByRole("button", { name: /upgrade to pro/i }).click();
  await expect(page.getByTestId("terminal-state")).toHaveAttribute("data-state", "live", { timeout: 30_000 });

  await commandBlock(page, "kubectl get pods -n kube-system").getByRole("button", { name: "Run in terminal" }).click();
  await expect(screen(page)).toContainText(/kube-apiserver-controlplane\s+1\/1\s+Running/);

  // The task: not passed, then passed after the lesson's command
  const t = page.locator(`[data-task-id="${task.id}"]`);
  await t.scrollIntoViewIfNeeded();
  await t.getByRole("button", { name: "Check" }).click();
  await expect(t.getByRole("status")).not.toBeEmpty();
  await expect(t).toHaveAttribute("data-state", "failed");
  await commandBlock(page, "client-certificate-data").getByRole("button", { name: "Run in terminal" }).click();
  await expect(screen(page)).toContainText("base64 -d > admin.crt");
  await t.getByRole("button", { name: "Check" }).click();
  await expect(t.getByTestId("task-status")).toHaveText(/Passed/);
  await expect(t).toHaveAttribute("data-state", "passed");

  // Mark complete, then see it on the course page and the dashboard
  await page.getByRole("button", { name: "Mark lesson complete" }).click();
  await expect(page.getByText("You have completed this lesson.")).toBeVisible();
  await expect(page.getByTestId("lesson-state").first()).toHaveAttribute("data-state", "completed");

  await page.goto(`/courses/${COURSE}`);
  const row = page.getByRole("listitem").filter({ hasText: lesson.title });
  await expect(row.getByTestId("lesson-state")).toHaveText(/Completed/);
  await expect(page.getByText("1 of 5 lessons completed")).toBeVisible();

  await page.goto("/dashboard");
  await expect(page.getByTestId("continue")).toContainText(lesson.title);
  await expect(page.getByText("1 of 5 lessons completed")).toBeVisible();
  await expect(page.getByTestId("activity")).toContainText("Lesson completed");
  await expect(page.getByTestId("activity")).toContainText(task.title);
  await expect(page.getByTestId("streak")).toHaveText(/^[12] days?$/); // 2 only if the run crosses UTC midnight
  expect(cspViolations).toEqual([]);
});

test("a visitor reads a lesson but is asked to sign in to answer, and never gets the answers", async ({ page }) => {
  const lesson = (await getLesson(COURSE, LESSON))!;
  await page.goto(`/courses/${COURSE}/${LESSON}`);
  await expect(page.getByRole("heading", { level: 1, name: lesson.title })).toBeVisible();
  const q = page.locator(`[data-quiz-id="${lesson.quizzes[0].id}"]`);
  await expect(q.getByRole("link", { name: "Sign in to answer" })).toBeVisible();
  await expect(q.getByRole("radio").first()).toBeDisabled();
  await expect(page.getByRole("button", { name: "Run in terminal" })).toHaveCount(0);
  await expect(page.getByRole("img", { name: /three certificate authorities/i })).toBeVisible();
  const html = await page.content();
  expect(html).not.toContain(lesson.quizzes[0].explanation.split("`")[0].slice(0, 40));
});

test("a lesson served to visitors from the page cache runs its scripts under its own nonce", async ({ page, browser, cspViolations }) => {
  const path = `/courses/${COURSE}/${LESSON}`;
  // another visitor's request first: whichever of the two renders it, the second is served the kept page
  const other = await browser.newContext();
  await (await other.newPage()).goto(path);
  await other.close();
  await page.goto(path);
  // the theme switch is a client component: it responds only if the page's scripts ran
  await page.getByRole("radio", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await expect(page.getByRole("radio", { name: "Dark" })).toHaveAttribute("aria-checked", "true");
  expect(cspViolations).toEqual([]);
});

test("a Pro learner works through lesson 2 in the terminal and its tasks pass", async ({ page, learner, cspViolations }) => {
  test.setTimeout(180_000); // about twenty commands, each a server round trip with a durable write
  const lesson = (await getLesson(COURSE, "client-certificates"))!;
  await signUp(page, learner);
  await page.goto(`/courses/${COURSE}/${lesson.slug}`);
  await page.getByRole("button", { name: /upgrade to pro/i }).click();
  await expect(page.getByTestId("terminal-state")).toHaveAttribute("data-state", "live", { timeout: 30_000 });

  const tasks = lesson.tasks.map((task) => page.locator(`[data-task-id="${task.id}"]`));
  await tasks[0].getByRole("button", { name: "Check" }).click();
  await expect(tasks[0]).toHaveAttribute("data-state", "failed");

  // Every command of the lesson, in order, with its own "Run in terminal" button, as a learner would.
  const runButtons = page.locator("[data-command]").getByRole("button", { name: "Run in terminal" });
  const count = await runButtons.count();
  expect(count).toBe(lesson.steps.filter((s) => s.kind === "command").length);
  for (let i = 0; i < count; i++) {
    await runButtons.nth(i).scrollIntoViewIfNeeded();
    await runButtons.nth(i).click();
    await expect(page.locator("[data-command]").nth(i)).toContainText("Sent to the terminal");
  }
  // the last command's output (ops's whoami): every command before it ran, in order; jane's own
  // whoami has scrolled out of view by then, and her task below checks her identity instead
  await expect(screen(page)).toContainText(/Username\s+ops/, { timeout: 30_000 });

  for (const t of tasks) {
    await t.scrollIntoViewIfNeeded();
    // A task on screen re-checks itself every 5 s while the terminal is live (its button reads
    // "Checking your cluster…" meanwhile), so it may pass before, or without, our click.
    if ((await t.getAttribute("data-state")) !== "passed") {
      await t
        .getByRole("button", { name: "Check" })
        .click({ timeout: 15_000 })
        .catch(() => undefined);
    }
    await expect(t).toHaveAttribute("data-state", "passed", { timeout: 20_000 });
    await expect(t.getByTestId("task-status")).toHaveText(/Passed/);
  }
  expect(cspViolations).toEqual([]);
});
