import { readFile } from "node:fs/promises";
import type { Browser, Page } from "@playwright/test";
import { ADMIN, expect, signIn, signUp, test, type Learner } from "./fixtures";

/** A learner in a browser context of their own (the admin keeps the test's page). */
async function learnerPage(browser: Browser, learner: Learner): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, learner);
  return page;
}

function newLearner(tag: string): Learner {
  const id = `${tag}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  return { name: `Learner ${id}`, email: `learner-${id}@e2e.test`, password: `kube-yard-${id}-pass` };
}

/** Answers a quiz the way the lesson page does (same endpoint, same-origin JSON). */
async function answer(page: Page, quizId: string, optionId: string) {
  const origin = new URL(page.url()).origin;
  const res = await page.request.post(`/api/courses/kubernetes-pki/quizzes/${quizId}/answer`, {
    data: { optionId, timeToAnswerMs: 12_000 },
    headers: { origin },
  });
  expect(res.status()).toBe(200);
}

async function signInAdmin(page: Page) {
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/dashboard/);
}

test("an admin sorts quiz analytics by difficulty and exports the same table as CSV", async ({ page, browser, cspViolations }) => {
  // Two learners: l1-q8 right once and wrong once (50 %), l1-q5 right twice (100 %).
  for (const [q1, tag] of [
    ["b", "right"],
    ["a", "wrong"],
  ] as const) {
    const lp = await learnerPage(browser, newLearner(tag));
    await answer(lp, "l1-q8", q1);
    await answer(lp, "l1-q5", "c");
    await lp.context().close();
  }

  await signInAdmin(page);
  await page.goto("/admin/quizzes");
  await expect(page.getByRole("heading", { name: "Quiz analytics", level: 1 })).toBeVisible();
  const table = page.getByTestId("quiz-table");
  await expect(table.locator("tr[data-question='l1-q8']")).toBeVisible();

  await table.getByRole("link", { name: /First-try correct/ }).click();
  await expect(page).toHaveURL(/sort=firstCorrect/);
  await expect(table.getByRole("columnheader", { name: /First-try correct/ })).toHaveAttribute("aria-sort", "ascending");
  const shown = (await table.getByTestId("first-correct").allTextContents()).map((t) => parseFloat(t));
  expect(shown.length).toBeGreaterThanOrEqual(2);
  expect(shown).toEqual([...shown].sort((a, b) => a - b));
  const order = await table.locator("tbody tr[data-question]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-question")));
  expect(order.indexOf("l1-q8")).toBeLessThan(order.indexOf("l1-q5"));

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^kubeyard-quiz-analytics-.*\.csv$/);
  const csv = await readFile(await download.path(), "utf8");
  const lines = csv
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");
  expect(lines[0]).toMatch(/^course,lesson,question_id,question,attempts,learners,first_attempts,first_attempt_correct_pct,/);
  expect(lines.slice(1).map((l) => l.match(/,(l\d-q\d),/)?.[1])).toEqual(order);
  expect(cspViolations).toEqual([]);
});

test("an admin grants Pro to a learner, who can then open the terminal", async ({ page, browser }) => {
  const learner = newLearner("granted");
  const lp = await learnerPage(browser, learner);
  await lp.goto("/lab");
  await expect(lp.getByTestId("pro-gate")).toBeVisible();

  await signInAdmin(page);
  await page.goto("/admin/users");
  await page.getByRole("searchbox", { name: /search/i }).fill(learner.email);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: learner.email }).click();
  await expect(page.getByRole("heading", { name: learner.name, level: 1 })).toBeVisible();
  await expect(page.getByTestId("user-badges")).toContainText("Free");
  await page.getByRole("button", { name: "Grant Pro" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Pro granted");
  await expect(page.getByTestId("user-badges")).toContainText("Pro");
  await expect(page.getByTestId("audit-log")).toContainText(`${ADMIN.email} granted Pro`);
  // Revoking asks first (issue 13 item 10): one click only opens the question, Cancel keeps Pro.
  await page.getByRole("button", { name: "Revoke Pro" }).click();
  const question = page.getByRole("group", { name: /Revoke Pro for/ });
  await expect(question).toBeVisible();
  await expect(question.getByRole("button", { name: "Yes, revoke Pro" })).toBeFocused();
  await question.getByRole("button", { name: "Cancel" }).click();
  await expect(question).toBeHidden();
  await expect(page.getByTestId("user-badges")).toContainText("Pro");
  // An admin cannot remove their own role: the page says so and the server refuses too.
  await page.goto("/admin/users?role=ADMIN");
  await page.getByRole("link", { name: ADMIN.email }).click();
  await expect(page.getByRole("button", { name: "Remove admin role" })).toBeDisabled();

  await lp.goto("/lab");
  await expect(lp.getByTestId("terminal-state")).toHaveAttribute("data-state", "live", { timeout: 30_000 });
  await lp.context().close();
});

test("a free learner upgrades through the early-access button and gets the terminal", async ({ page, learner }) => {
  await signUp(page, learner);
  await page.goto("/pricing");
  await page.getByRole("button", { name: /upgrade to pro/i }).click();
  await expect(page.getByText("You have Pro.")).toBeVisible();
  await page.getByRole("link", { name: "Open your practice cluster" }).click();
  await expect(page).toHaveURL(/\/lab$/);
  await expect(page.getByTestId("terminal-state")).toHaveAttribute("data-state", "live", { timeout: 30_000 });
});

test("a learner gets the ordinary 404 for the admin area", async ({ page, learner }) => {
  await signUp(page, learner);
  const res = await page.goto("/admin/quizzes");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("main")).not.toContainText("Quiz analytics");
  await expect(page.getByRole("banner").getByRole("link", { name: "Admin" })).toHaveCount(0);
});
