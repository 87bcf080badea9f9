/**
 * The account forms share one piece for submitting (app/_components/use-form.ts): the server's
 * own words reach the learner as they are, on the form and on the field they concern.
 */
import { expect, signUp, test } from "./fixtures";

test("sign-up and change-password show the server's reasons as they are, on the form and on the field", async ({ page, learner }) => {
  test.setTimeout(120_000);
  await page.goto("/sign-up");
  const password = page.getByLabel("Password");
  await expect(page.getByText("At least 8 characters, and not a common password.")).toBeVisible(); // said before it is refused
  await page.getByLabel("Name").fill(learner.name);
  await page.getByLabel("Email").fill(learner.email);
  await password.fill("password1");
  await page.getByRole("button", { name: "Create account" }).click();
  const reason = "This password is too common. Choose another one."; // lib/server/auth/password-policy.ts
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(reason);
  await expect(password).toHaveAccessibleDescription(new RegExp(reason.replace(/\./g, "\\.")));
  await expect(password).toBeFocused();

  await signUp(page, learner);
  await page.goto("/account");
  await page.getByLabel("Current password").fill("not-my-password");
  await page.getByLabel("New password", { exact: true }).fill("a-brand-new-passphrase");
  await page.getByLabel("Confirm new password").fill("a-brand-new-passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Your current password is not correct.");
  await expect(page.getByLabel("Current password")).toBeFocused();
});
