/**
 * Shared Playwright fixtures: unique learners per test (worker index + time, so reruns never
 * collide), sign-up/sign-in through the real UI, and a CSP watcher that fails a test when the
 * page violates the Content-Security-Policy (security.md B5).
 */
import { test as base, expect, type Page } from "@playwright/test";

export interface Learner {
  name: string;
  email: string;
  password: string;
}

export const ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password-1234" };

export async function signUp(page: Page, learner: Learner) {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(learner.name);
  await page.getByLabel("Email").fill(learner.email);
  await page.getByLabel("Password").fill(learner.password);
  await page.getByRole("button", { name: /create account|sign up/i }).click();
  // Sign-up hashes the password (argon2id, ~19 MiB) and then signs in: allow for a busy machine.
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 30_000 });
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: /^sign in$/i }).click();
}

/** Early-access Pro for the signed-in learner, through the same endpoint as the Upgrade button. */
export async function becomePro(page: Page) {
  const origin = new URL(page.url()).origin;
  const res = await page.request.post("/api/billing/upgrade", { data: {}, headers: { origin } });
  expect(res.status()).toBe(200);
}

/** xterm's rows as text (its DOM renderer), one string per row, non-breaking spaces as spaces. */
export async function terminalRows(page: Page): Promise<string[]> {
  return (await page.locator(".xterm-rows > div").allTextContents()).map((r) => r.replace(/\u00a0/g, " ").trimEnd());
}

export const test = base.extend<{ learner: Learner; cspViolations: string[] }>({
  learner: async ({}, use, info) => {
    const id = `${info.workerIndex}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
    await use({ name: `Learner ${id}`, email: `learner-${id}@e2e.test`, password: `kube-yard-${id}-pass` });
  },
  cspViolations: async ({ page }, use) => {
    const violations: string[] = [];
    page.on("console", (msg) => {
      if (/Content Security Policy|Refused to (execute|load|apply)/i.test(msg.text())) violations.push(msg.text());
    });
    await use(violations);
    expect(violations, "CSP violations").toEqual([]);
  },
});

export { expect };
