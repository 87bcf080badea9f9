import type { Browser, Page } from "@playwright/test";
import { getCourse, getLesson } from "../lib/course/catalog";
import { ADMIN, becomePro, expect, signIn, signUp, terminalRows, test, type Learner } from "./fixtures";

const COURSE = "kubernetes-pki";
const LESSON = "how-kubernetes-uses-tls";
const FAILING = "kubectl get pod e2e-no-such-pod";

const screen = (page: Page) => page.locator(".xterm-rows");

async function learnerPage(browser: Browser, learner: Learner): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signUp(page, learner);
  return page;
}

async function learnersOf(page: Page, taskId: string): Promise<number> {
  return Number((await page.locator(`[data-unit="${taskId}"] [data-testid="learners"]`).textContent())?.replace(/,/g, ""));
}

test("an admin sees a task's lab figures after a learner ran commands and passed it, and opens that learner's audited timeline", async ({
  page,
  browser,
  learner,
  cspViolations,
}) => {
  test.setTimeout(180_000);
  const task = (await getLesson(COURSE, LESSON))!.tasks[0];
  await signIn(page, ADMIN.email, ADMIN.password);
  // argon2id on a busy machine (the first test meets a cold server): as signUp allows
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 30_000 });
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Lab analytics" }).click();
  await expect(page).toHaveURL("/admin/lab");
  const before = await learnersOf(page, task.id);

  // The learner: a failing command typed in the terminal, then the lesson's command, then Check.
  const lp = await learnerPage(browser, learner);
  await lp.goto(`/courses/${COURSE}/${LESSON}`);
  await lp.getByRole("button", { name: /upgrade to pro/i }).click();
  await expect(lp.getByTestId("terminal-state")).toHaveAttribute("data-state", "live", { timeout: 30_000 });
  await lp.getByTestId("terminal").click();
  await lp.keyboard.type(FAILING);
  await lp.keyboard.press("Enter");
  await expect(screen(lp)).toContainText(/NotFound|not found/);
  await lp
    .locator("[data-command]")
    .filter({ hasText: "client-certificate-data" })
    .first()
    .getByRole("button", { name: "Run in terminal" })
    .click();
  await expect(screen(lp)).toContainText("base64 -d > admin.crt");
  const t = lp.locator(`[data-task-id="${task.id}"]`);
  await t.scrollIntoViewIfNeeded();
  await expect(async () => {
    // the task re-checks itself while the terminal is live; the button may be busy meanwhile
    if ((await t.getAttribute("data-state")) !== "passed") await t.getByRole("button", { name: "Check" }).click({ timeout: 2_000 });
    await expect(t).toHaveAttribute("data-state", "passed", { timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  await lp.context().close();

  // The figures: one more learner, and the typed failure among the failing commands, normalised.
  await page.reload();
  const row = page.locator(`[data-unit="${task.id}"]`);
  expect(await learnersOf(page, task.id)).toBe(before + 1);
  await expect(row.getByTestId("pass-rate")).not.toHaveText("—");
  await expect(row).toContainText("kubectl get pod <name>");
  await expect(row).not.toContainText("e2e-no-such-pod");
  await page.screenshot({ path: "test-results/lab-analytics.png", fullPage: true });

  // The task's page lists the learner; their timeline shows the commands as typed and the checks.
  await row.getByRole("link", { name: task.title }).click();
  await expect(page.getByRole("heading", { level: 1, name: task.title })).toBeVisible();
  await expect(page.getByText("kubectl get pod <name>").first()).toBeVisible();
  const mine = page.locator(`[data-learner="${learner.email}"]`);
  await expect(mine).not.toContainText("not yet");
  await page.screenshot({ path: "test-results/lab-task.png", fullPage: true });
  await mine.getByRole("link", { name: /Timeline/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Timeline of ${learner.email}` })).toBeVisible();
  await page.getByRole("button", { name: "Show the commands" }).click();
  const timeline = page.getByTestId("lab-timeline");
  const failing = timeline.locator('[data-entry="command"]').filter({ hasText: FAILING });
  await expect(failing).toContainText("exit 1");
  await expect(timeline.locator('[data-entry="check"]').last()).toContainText("passed");
  await page.screenshot({ path: "test-results/lab-timeline.png", fullPage: true });
  const learnerId = new URL(page.url()).pathname.split("/").pop();

  // The view is in the audit log, under the learner.
  await page.goto(`/admin/users/${learnerId}`);
  await expect(page.getByTestId("audit-log")).toContainText(`${ADMIN.email} viewed the lab timeline`);
  await expect(page.getByTestId("audit-log")).toContainText(`${COURSE} / ${task.id}`);
  expect(cspViolations).toEqual([]);
});

test("an admin sees a troubleshooting scenario beside the tasks: its learner, hint, failing command and audited timeline", async ({
  page,
  browser,
  learner,
  cspViolations,
}) => {
  test.setTimeout(240_000);
  const SCENARIO = "cordoned-node";
  const TYPO = "kubectl uncordon e2e-no-such-node";
  await signIn(page, ADMIN.email, ADMIN.password);
  // argon2id on a busy machine (the first test meets a cold server): as signUp allows
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 30_000 });
  await page.goto("/admin/lab");
  await page.getByLabel("Course").selectOption({ label: "Troubleshooting: broken clusters" });
  await page.getByLabel("Kind").selectOption("scenario");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL("/admin/lab?course=troubleshooting&kind=scenario");
  const scenarios = (await getCourse("troubleshooting"))!.lessons.filter((l) => l.kind === "scenario");
  await expect(page.locator("[data-kind]")).toHaveCount(scenarios.length);
  await expect(page.locator('[data-kind="task"]')).toHaveCount(0);
  const before = await learnersOf(page, SCENARIO);

  // The learner, in the scenario's own cluster: a failing command, a failed check, a hint, the fix, a pass.
  const lp = await learnerPage(browser, learner);
  await becomePro(lp);
  await lp.goto(`/courses/troubleshooting/${SCENARIO}`);
  await expect(lp.getByTestId("terminal-state")).toHaveAttribute("data-state", "live", { timeout: 60_000 });
  const typeLine = async (line: string) => {
    await lp.locator(".xterm-helper-textarea").focus();
    await lp.keyboard.type(line);
    await lp.keyboard.press("Enter");
  };
  await typeLine(TYPO);
  await expect.poll(async () => (await terminalRows(lp)).join("\n")).toMatch(/NotFound|not found/);
  const controls = lp.getByTestId("scenario-controls");
  await controls.getByRole("button", { name: "Check my work" }).click();
  await expect(lp.getByTestId("scenario-results").locator('[data-passed="false"]').first()).toBeVisible();
  await controls.getByRole("button", { name: "Show a hint" }).click();
  await expect(controls).toContainText("1 of 3 hints used");
  await typeLine("kubectl uncordon node01");
  await expect.poll(async () => (await terminalRows(lp)).join("\n")).toContain("node/node01 uncordoned");
  await expect(async () => {
    await controls.getByRole("button", { name: "Check my work" }).click();
    await expect(controls).toHaveAttribute("data-state", "solved", { timeout: 3_000 });
  }).toPass({ timeout: 60_000 });
  await lp.context().close();

  // The scenario's row: one more learner, a hint, a pass rate, the typo normalised among the failing commands.
  await page.reload();
  const row = page.locator(`[data-unit="${SCENARIO}"]`);
  expect(await learnersOf(page, SCENARIO)).toBe(before + 1);
  await expect(row.getByTestId("pass-rate")).not.toHaveText("—");
  await expect(row).toContainText("kubectl uncordon <name>");
  await expect(row).not.toContainText("e2e-no-such-node");
  await page.screenshot({ path: "test-results/lab-analytics-scenarios.png", fullPage: true });

  // Its page: commands before passing, the learner; their timeline (audited) shows the scenario cluster's commands and checks.
  await row.getByRole("link", { name: "The node that came back from maintenance" }).click();
  await expect(page).toHaveURL(`/admin/lab/troubleshooting/scenario/${SCENARIO}`);
  await expect(page.getByText("Troubleshooting scenario")).toBeVisible();
  const mine = page.locator(`[data-learner="${learner.email}"]`);
  await expect(mine).not.toContainText("not yet");
  await page.screenshot({ path: "test-results/lab-scenario.png", fullPage: true });
  await mine.getByRole("link", { name: /Timeline/ }).click();
  // Opening (and reloading) the page shows the attempt's figures and audits nothing; the commands wait for the button.
  await expect(page.getByRole("heading", { level: 1, name: `Timeline of ${learner.email}` })).toBeVisible();
  const timelineUrl = page.url();
  await page.reload();
  await expect(page.getByTestId("lab-timeline")).toHaveCount(0);
  const learnerId = new URL(timelineUrl).pathname.split("/").pop();
  await page.goto(`/admin/users/${learnerId}`);
  await expect(page.getByTestId("audit-log")).not.toContainText(`troubleshooting / ${SCENARIO}`);
  await page.goto(timelineUrl);
  await page.getByRole("button", { name: "Show the commands" }).click();
  const timeline = page.getByTestId("lab-timeline");
  await expect(timeline.locator('[data-entry="command"]').filter({ hasText: TYPO })).toContainText("exit 1");
  await expect(timeline.locator('[data-entry="command"]').filter({ hasText: "kubectl uncordon node01" })).toContainText("exit 0");
  await expect(timeline.locator('[data-entry="check"]').first()).toContainText("not passed");
  await expect(timeline.locator('[data-entry="check"]').last()).toContainText("2 of 2 tasks pass.");
  await page.screenshot({ path: "test-results/lab-scenario-timeline.png", fullPage: true });
  await page.goto(`/admin/users/${learnerId}`);
  await expect(page.getByTestId("audit-log")).toContainText(`troubleshooting / ${SCENARIO}`);
  expect(cspViolations).toEqual([]);
});
