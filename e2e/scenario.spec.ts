/**
 * A troubleshooting scenario from start to finish in the browser: the learner finds the track in
 * the catalogue (with its prerequisite), opens a scenario on a cluster broken by its setup,
 * checks and fails, reveals a hint, fixes the cluster by typing in the terminal, passes the
 * check, and sees the solve on the course page and the dashboard. The setup itself never shows.
 */
import type { Page } from "@playwright/test";
import { getCourse } from "../lib/course/catalog";
import { expectNoViolations } from "./axe";
import { becomePro, expect, signUp, terminalRows, test } from "./fixtures";

const TRACK = "/courses/troubleshooting";

const input = (page: Page) => page.locator(".xterm-helper-textarea");
async function type(page: Page, line: string) {
  await input(page).focus();
  await page.keyboard.type(line);
  await page.keyboard.press("Enter");
}

test.use({ viewport: { width: 1440, height: 900 } });
test.describe.configure({ timeout: 180_000 });

test("a learner solves the cordoned-node scenario and the solve is recorded", async ({ page, learner, cspViolations }) => {
  await signUp(page, learner);
  await becomePro(page);

  // The catalogue: the track, its size and its prerequisite (a notice, not a lock)
  await page.goto("/courses");
  const card = page.getByRole("article").filter({ hasText: "Troubleshooting: broken clusters" });
  const scenarios = (await getCourse("troubleshooting"))!.lessons.filter((l) => l.kind === "scenario");
  await expect(card).toContainText(`${scenarios.length} scenarios`);
  await expect(card.getByTestId("prerequisites")).toContainText("Take first: Kubernetes PKI and TLS (0% done)");
  await expectNoViolations(page, "the catalogue");
  await card.getByRole("link", { name: "Troubleshooting: broken clusters" }).click();
  await expect(page).toHaveURL(TRACK);
  await expect(page.getByTestId("prerequisites")).toContainText("Kubernetes PKI and TLS");
  await expect(page.getByRole("heading", { name: "Scenarios" })).toBeVisible();
  await expectNoViolations(page, "the track's page");
  await page.screenshot({ path: test.info().outputPath("track.png") });
  await page.getByRole("link", { name: /Scenario 7: The node that came back from maintenance/ }).click();

  // The scenario: the goal and the controls, its own cluster live, and no trace of the setup
  await expect(page.getByRole("heading", { level: 1, name: "The node that came back from maintenance" })).toBeVisible();
  const controls = page.getByTestId("scenario-controls");
  await expect(controls).toHaveAttribute("data-state", "open");
  await expect(page.locator("[data-scenario-task]")).toHaveCount(2);
  await expect(page.getByTestId("terminal-state")).toHaveAttribute("data-state", "live", { timeout: 60_000 });
  expect(await page.content()).not.toContain("kubectl cordon node01");
  await type(page, "history | wc -l");
  await expect.poll(() => terminalRows(page)).toContain("1");

  // Check before fixing: both tasks fail, with the reason
  await controls.getByRole("button", { name: "Check my work" }).click();
  const results = page.getByTestId("scenario-results");
  await expect(results.locator('[data-task-id="s7-node01-schedulable"]')).toHaveAttribute("data-passed", "false");
  await expect(results).toContainText("node01");
  await expect(results.locator('[data-task-id="s7-queue-available"]')).toHaveAttribute("data-passed", "false");

  // One hint, then the next button says how many are left
  await controls.getByRole("button", { name: "Show a hint" }).click();
  await expect(page.getByTestId("scenario-hints").getByRole("listitem")).toHaveCount(1);
  await expect(page.getByTestId("scenario-hints")).toContainText("Hint 1: kubectl get nodes shows more than Ready or NotReady");
  await expect(controls).toContainText("1 of 3 hints used");

  // The learner looks, then fixes the cluster in the terminal
  await type(page, "kubectl get nodes");
  await expect.poll(async () => (await terminalRows(page)).join("\n")).toContain("Ready,SchedulingDisabled");
  await type(page, "kubectl uncordon node01");
  await expect.poll(async () => (await terminalRows(page)).join("\n")).toContain("node/node01 uncordoned");

  // Check again until the Redis pods have been pulled and started on the real clock
  await expect(async () => {
    await controls.getByRole("button", { name: "Check my work" }).click();
    await expect(controls).toHaveAttribute("data-state", "solved", { timeout: 3_000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId("scenario-solved")).toContainText("You used 1 of 3 hints.");
  await expect(results.locator('[data-passed="true"]')).toHaveCount(2);
  await expect(page.getByTestId("lesson-state").first()).toHaveAttribute("data-state", "completed");
  await page.screenshot({ path: test.info().outputPath("scenario-solved.png") });
  await expectNoViolations(page, "a solved scenario with its results and a hint");

  // Recorded: the track's page and the dashboard count the solve
  await page.goto(TRACK);
  await expect(page.getByTestId("course-percent")).toHaveText(`${Math.round(100 / scenarios.length)}%`);
  await expect(page.getByText(`1 of ${scenarios.length} scenarios solved`)).toBeVisible();
  const row = page.getByRole("listitem").filter({ hasText: "The node that came back from maintenance" });
  await expect(row.getByTestId("lesson-state")).toHaveText(/Completed/);
  await page.goto("/dashboard");
  await expect(page.getByText(`1 of ${scenarios.length} scenarios solved`)).toBeVisible();

  // Reopening the solved scenario shows the frozen time and the solve, not a new attempt
  await page.goto(`${TRACK}/cordoned-node`);
  await expect(page.getByTestId("scenario-controls")).toHaveAttribute("data-state", "solved");
  expect(cspViolations).toEqual([]);
});

test("restarting a scenario gives a fresh broken cluster and a new attempt", async ({ page, learner }) => {
  await signUp(page, learner);
  await becomePro(page);
  await page.goto(`${TRACK}/service-without-endpoints`);
  await expect(page.getByTestId("terminal-state")).toHaveAttribute("data-state", "live", { timeout: 60_000 });
  const controls = page.getByTestId("scenario-controls");
  await controls.getByRole("button", { name: "Show a hint" }).click();
  await expect(controls).toContainText("1 of 3 hints used");
  await type(page, "kubectl delete service shop");
  await expect.poll(async () => (await terminalRows(page)).join("\n")).toContain('service "shop" deleted');

  await controls.getByRole("button", { name: "Restart scenario" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog.getByRole("button", { name: "Restart" })).toBeFocused();
  await dialog.getByRole("button", { name: "Restart" }).click();
  await expect(controls).toContainText("0 of 3 hints used");
  await expect(page.getByTestId("scenario-hints")).toHaveCount(0);
  // the Service is back, with its wrong selector: the cluster was broken again by the setup
  await type(page, "kubectl get service shop -o jsonpath='{.spec.selector.app}'; echo");
  await expect.poll(() => terminalRows(page)).toContain("shop-frontend");
});
