import { expect, signUp, test } from "./fixtures";
import type { Page } from "@playwright/test";

/** What the terminal shows, read from xterm's DOM rows (text, not pixels). */
const screen = (page: Page) => page.locator(".xterm-rows");

async function typeCommand(page: Page, command: string) {
  await page.getByTestId("terminal").click();
  await page.keyboard.type(command);
  await page.keyboard.press("Enter");
}

test("a free learner sees the Pro gate and no terminal", async ({ page, learner }) => {
  await signUp(page, learner);
  await page.goto("/lab");
  await expect(page.getByTestId("pro-gate")).toBeVisible();
  await expect(page.getByTestId("terminal")).toHaveCount(0);
});

test("a Pro learner uses the terminal, and a reload keeps the output and the files", async ({ page, learner, cspViolations }) => {
  await signUp(page, learner);
  await page.goto("/lab");
  await page.getByRole("button", { name: /upgrade to pro/i }).click();
  await expect(page.getByTestId("terminal-state")).toHaveAttribute("data-state", "live", { timeout: 30_000 });

  await typeCommand(page, "kubectl get nodes");
  await expect(screen(page)).toContainText(/controlplane\s+Ready\s+control-plane/);
  await expect(screen(page)).toContainText(/node01\s+Ready\s+<none>/);

  await typeCommand(page, "echo hello-from-e2e > notes.txt");
  await typeCommand(page, "ls");
  await expect(screen(page)).toContainText("notes.txt");
  await page.screenshot({ path: "test-results/terminal-live.png" });

  await page.reload();
  await expect(page.getByTestId("terminal-state")).toHaveAttribute("data-state", "live", { timeout: 30_000 });
  await expect(screen(page)).toContainText("kubectl get nodes");
  await expect(screen(page)).toContainText(/node01\s+Ready/);
  await typeCommand(page, "cat notes.txt");
  await expect(screen(page)).toContainText(/cat notes.txt\s*hello-from-e2e/);
  expect(cspViolations).toEqual([]);
});
