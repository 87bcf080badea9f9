import { ADMIN, expect, signIn, signUp, test } from "./fixtures";

test.describe("sign-in", () => {
  test("a learner signs up, signs out and signs back in", async ({ page, learner, cspViolations }) => {
    await signUp(page, learner);
    await expect(page.getByRole("banner")).toContainText(learner.name);

    await page.getByRole("button", { name: new RegExp(learner.name) }).click();
    await page.getByRole("menuitem", { name: /sign out/i }).click();
    await expect(page.getByRole("banner").getByRole("link", { name: /sign in/i })).toBeVisible();

    await signIn(page, learner.email, learner.password);
    await expect(page).toHaveURL(/\/dashboard/);
    await expect(page.getByRole("banner")).toContainText(learner.name);
    expect(cspViolations).toEqual([]);
  });

  test("a wrong password gets a generic error and no session", async ({ page, learner }) => {
    await signUp(page, learner);
    await page.context().clearCookies();
    await signIn(page, learner.email, "not-the-password");
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(/incorrect email or password/i);
    await signIn(page, "nobody-at-all@e2e.test", "whatever-password");
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(/incorrect email or password/i);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard/);
  });

  test("a protected page redirects to sign-in and back", async ({ page, learner }) => {
    await signUp(page, learner);
    await page.context().clearCookies();
    await page.goto("/account");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount/);
    await page.getByLabel("Email").fill(learner.email);
    await page.getByLabel("Password").fill(learner.password);
    await page.getByRole("button", { name: /^sign in$/i }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByText(learner.email)).toBeVisible();
  });

  test("the seeded admin signs in with the configured password", async ({ page }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await expect(page).toHaveURL(/\/dashboard/);
  });

  test("a signed-out cookie is worth nothing when replayed", async ({ page, learner, context }) => {
    await signUp(page, learner);
    const before = (await context.cookies()).filter((c) => c.name.includes("kubeyard.session"));
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
    expect(before[0].name.startsWith("__Host-")).toBe(true);

    await page.getByRole("button", { name: new RegExp(learner.name) }).click();
    await page.getByRole("menuitem", { name: /sign out/i }).click();
    await expect(page.getByRole("banner").getByRole("link", { name: /sign in/i })).toBeVisible();

    await context.addCookies(before);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});

test("the landing page and 404 render without CSP violations", async ({ page, cspViolations }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/not found|404/i);
  expect(cspViolations).toEqual([]);
});
