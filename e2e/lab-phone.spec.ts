/**
 * The lab on a 390×844 phone (issue 13, item 5): the terminal is a sheet over the lesson that
 * "Run in terminal" opens; it runs the command and shows the output, and closing it returns to the
 * same place in the lesson, with the focus back on the button.
 */
import { becomePro, expect, signUp, test } from "./fixtures";

const LESSON = "/courses/kubernetes-pki/how-kubernetes-uses-tls";

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

test("Run in terminal opens the terminal sheet over the lesson, shows the output, and closes back to the same place", async ({
  page,
  learner,
  cspViolations,
}) => {
  test.setTimeout(120_000);
  await signUp(page, learner);
  await becomePro(page);
  await page.goto(LESSON);
  const sheet = page.getByRole("dialog", { name: "Your cluster" });
  await expect(sheet).toBeHidden(); // the terminal is not at the end of a 20,000 px page: it waits, closed

  // A command halfway through the lesson.
  const block = page.locator("[data-command]").filter({ hasText: "openssl x509" }).first();
  await block.scrollIntoViewIfNeeded();
  const run = block.getByRole("button", { name: "Run in terminal" });
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBeGreaterThan(2000);
  await run.click();

  await expect(sheet).toBeVisible();
  await expect(page.getByTestId("terminal-state")).toHaveAttribute("data-state", "live", { timeout: 30_000 });
  await expect(sheet.locator(".xterm-rows")).toContainText("openssl x509", { timeout: 20_000 });
  await expect(sheet.locator(".xterm-rows")).toContainText(/issuer=CN = kubernetes/);
  const box = (await sheet.boundingBox())!;
  expect(box.y).toBeGreaterThan(0); // a sheet: the lesson still shows above it
  expect(box.y + box.height).toBeLessThanOrEqual(844 + 1);
  expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
  await expect(page.locator(".xterm-helper-textarea")).not.toBeFocused(); // no keyboard popping up over the output

  await sheet.getByRole("button", { name: "Close the terminal" }).click();
  await expect(sheet).toBeHidden();
  expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
  await expect(run).toBeFocused();

  // The Terminal button opens it too, with the earlier output still there.
  await page.getByRole("button", { name: "Terminal", exact: true }).click();
  await expect(sheet).toBeVisible();
  await expect(sheet.locator(".xterm-rows")).toContainText("openssl x509");
  await sheet.getByRole("button", { name: "Close the terminal" }).click();
  await expect(page.getByRole("button", { name: "Terminal", exact: true })).toBeFocused();
  expect(cspViolations).toEqual([]);
});
