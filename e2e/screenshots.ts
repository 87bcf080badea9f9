/**
 * Not a test: takes the README's screenshots of the lab (a lesson with its terminal) at 1440×900,
 * 1100×800 and a 390×844 phone, with real output in the terminal. Run it with
 *   SCREENSHOTS=before|after E2E_PORT=… E2E_PG_PORT=… npx playwright test --project=screenshots
 * (the project exists only when SCREENSHOTS is set, so `playwright test` never runs it).
 */
import type { Page } from "@playwright/test";
import { expect, signUp, test } from "./fixtures";

const LESSON = "/courses/kubernetes-pki/how-kubernetes-uses-tls";
const set = process.env.SCREENSHOTS ?? "after";
const out = (name: string) => `docs/screenshots/lab-${name}-${set}.png`;

async function typeInTerminal(page: Page, line: string) {
  await page.locator(".xterm-helper-textarea").focus();
  await page.keyboard.type(line);
  await page.keyboard.press("Enter");
}

test("the lab at three sizes", async ({ browser, page, learner }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await signUp(page, learner);
  await page.goto(LESSON);
  await page.getByRole("button", { name: /upgrade to pro/i }).click();
  await expect(page.getByTestId("terminal-state")).toHaveAttribute("data-state", "live", { timeout: 30_000 });
  await typeInTerminal(page, "kubeadm certs check-expiration");
  await expect(page.locator(".xterm-rows")).toContainText("front-proxy-ca");
  await typeInTerminal(page, "kubectl get pods -n kube-system");
  await expect(page.locator(".xterm-rows")).toContainText("kube-scheduler-controlplane");
  await page.screenshot({ path: out("1440") });

  await page.setViewportSize({ width: 1100, height: 800 });
  await page.reload();
  await expect(page.getByTestId("terminal-state")).toHaveAttribute("data-state", "live", { timeout: 30_000 });
  await expect(page.locator(".xterm-rows")).toContainText("kube-scheduler-controlplane");
  await page.screenshot({ path: out("1100") });

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, storageState: await page.context().storageState() });
  const p = await phone.newPage();
  await p.goto(LESSON);
  await p.getByRole("button", { name: "Run in terminal" }).first().scrollIntoViewIfNeeded();
  await p.screenshot({ path: out("phone-lesson") });
  await p.getByRole("button", { name: "Run in terminal" }).first().click();
  await expect(p.locator(".xterm-rows")).toContainText("kube-scheduler-controlplane");
  // Headless Chromium paints a blank frame after a jump of ~20,000 px until the next scroll.
  await p.evaluate(() => window.scrollBy(0, 1));
  await p.screenshot({ path: out("phone-terminal") });
  await phone.close();
});
