import type { Page } from "@playwright/test";
import { getLesson } from "../lib/course/catalog";
import { expect, signUp, test } from "./fixtures";

const COURSE = "kubernetes-rbac";
const TITLE = "Kubernetes RBAC";
const LESSON = "roles-and-rolebindings";

/** What the terminal shows, read from xterm's DOM rows (text, not pixels). */
const screen = (page: Page) => page.locator(".xterm-rows");

test("a learner does RBAC lesson 2 in the terminal: jane's Role and RoleBinding pass the checks, and the course % follows", async ({
  page,
  learner,
  cspViolations,
}) => {
  test.setTimeout(240_000); // sign-up, a fresh cluster and about twenty commands, each a durable server round trip
  const lesson = (await getLesson(COURSE, LESSON))!;
  expect(lesson.tasks.map((t) => t.check)).toEqual(["userCan", "userCan", "userCannot"]);
  await signUp(page, learner);

  // The course page before: nothing done
  await page.goto(`/courses/${COURSE}`);
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await expect(page.getByTestId("course-percent")).toHaveText("0%");
  await page.getByRole("link", { name: new RegExp(lesson.title) }).click();
  await expect(page).toHaveURL(`/courses/${COURSE}/${LESSON}`);
  await expect(page.getByRole("heading", { level: 1, name: lesson.title })).toBeVisible();

  await page.getByRole("button", { name: /upgrade to pro/i }).click();
  await expect(page.getByTestId("terminal-state")).toHaveAttribute("data-state", "live", { timeout: 30_000 });

  // jane may not read pods yet: the first task fails on a fresh cluster
  const tasks = lesson.tasks.map((task) => page.locator(`[data-task-id="${task.id}"]`));
  await tasks[0].scrollIntoViewIfNeeded();
  await tasks[0].getByRole("button", { name: "Check" }).click();
  await expect(tasks[0]).toHaveAttribute("data-state", "failed", { timeout: 30_000 }); // the first check settles a fresh cluster

  // Every command of the lesson, in order, with its own "Run in terminal" button
  const runButtons = page.locator("[data-command]").getByRole("button", { name: "Run in terminal" });
  const count = await runButtons.count();
  expect(count).toBe(lesson.steps.filter((s) => s.kind === "command").length);
  for (let i = 0; i < count; i++) {
    await runButtons.nth(i).scrollIntoViewIfNeeded();
    await runButtons.nth(i).click();
    await expect(page.locator("[data-command]").nth(i)).toContainText("Sent to the terminal");
  }
  // the last command is the refused roleRef change (xterm's DOM holds only the rows on screen)
  await expect(screen(page)).toContainText("cannot change roleRef", { timeout: 60_000 });
  await page.screenshot({ path: test.info().outputPath("rbac-lesson-2.png") }); // the lab after the lesson's commands, for a look

  for (const t of tasks) {
    await t.scrollIntoViewIfNeeded();
    // A task on screen re-checks itself every 5 s while the terminal is live, so it may pass before our click.
    if ((await t.getAttribute("data-state")) !== "passed") {
      await t
        .getByRole("button", { name: "Check" })
        .click({ timeout: 15_000 })
        .catch(() => undefined);
    }
    await expect(t).toHaveAttribute("data-state", "passed", { timeout: 20_000 });
    await expect(t.getByTestId("task-status")).toHaveText(/Passed/);
  }

  await page.getByRole("button", { name: "Mark lesson complete" }).click();
  await expect(page.getByText("You have completed this lesson.")).toBeVisible();

  // The course page and the dashboard follow: 1 of 5 is 20 %
  await page.goto(`/courses/${COURSE}`);
  const row = page.getByRole("listitem").filter({ hasText: lesson.title });
  await expect(row.getByTestId("lesson-state")).toHaveText(/Completed/);
  await expect(page.getByTestId("course-percent")).toHaveText("20%");
  await expect(page.getByText("1 of 5 lessons completed")).toBeVisible();

  await page.goto("/dashboard");
  await expect(page.getByTestId("continue")).toContainText(lesson.title);
  await expect(page.getByRole("progressbar", { name: `${TITLE}: progress` })).toHaveAttribute("aria-valuenow", "20");
  await expect(page.getByRole("progressbar", { name: "Kubernetes PKI and TLS: progress" })).toHaveAttribute("aria-valuenow", "0");
  await expect(page.getByTestId("activity")).toContainText(lesson.tasks[0].title);
  expect(cspViolations).toEqual([]);
});
