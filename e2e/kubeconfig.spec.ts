/**
 * "Use your own kubectl" (issue 16): a Pro learner creates a kubeconfig under the lab's terminal,
 * downloads it (server = this site's /k8s/<their cluster>, the token shown once), finds the token
 * on the account page and revokes it there. Screenshots of both, light and dark, go to the test's
 * output folder.
 */
import { readFile } from "node:fs/promises";
import type { Locator, Page, TestInfo } from "@playwright/test";
import { parse } from "yaml";
import { expectNoViolations } from "./axe";
import { becomePro, expect, signUp, test } from "./fixtures";

test.use({ viewport: { width: 1280, height: 900 } });
// Sign-up (argon2id), a fresh cluster and axe eight times: generous on a shared machine.
test.describe.configure({ timeout: 240_000 });

interface Kubeconfig {
  clusters: { name: string; cluster: { server: string; "certificate-authority-data"?: string } }[];
  users: { name: string; user: { token: string } }[];
  contexts: { name: string; context: { cluster: string; user: string } }[];
  "current-context": string;
}

/** A screenshot of `target` in each theme, and axe on it in each theme (contrast differs). */
async function shoot(page: Page, target: Locator, selector: string, info: TestInfo, name: string) {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await target.screenshot({ path: info.outputPath(`${name}-${colorScheme}.png`), animations: "disabled" });
    await expectNoViolations(page, `${name} (${colorScheme})`, { include: selector });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

test("a Pro learner downloads a kubeconfig for their cluster and revokes its token on the account page", async ({
  page,
  learner,
  cspViolations,
  baseURL,
}, info) => {
  await signUp(page, learner);
  const refused = await page.request.post("/api/kube-tokens", {
    data: { course: "kubernetes-pki" },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(refused.status(), "a free learner gets no token").toBe(403);
  await becomePro(page);
  await page.goto("/lab");
  await expect(page.getByTestId("terminal-state")).toHaveAttribute("data-state", "live", { timeout: 30_000 });

  const panel = page.getByTestId("kubeconfig-panel");
  await expect(panel.getByRole("heading", { name: "Use your own kubectl" })).toBeVisible();
  const created = page.waitForResponse((r) => r.url().endsWith("/api/kube-tokens") && r.request().method() === "POST");
  await panel.getByRole("button", { name: "Create a kubeconfig" }).click();
  const answer = await created;
  expect(answer.status()).toBe(201);
  const { id: tokenId, clusterId, snippet } = (await answer.json()) as { id: string; clusterId: string; snippet: string };
  expect(clusterId).toMatch(/^[a-z0-9]{20,}$/);

  await expect(panel.getByText("Your token is shown only once")).toBeVisible();
  const tokenField = panel.getByLabel("Token", { exact: true });
  await expect(tokenField).toBeFocused();
  const token = await tokenField.inputValue();
  expect(token).toMatch(/^kyd_[A-Za-z0-9_-]{43}$/);
  // this site is plain http: kubectl connects to the same host and port over TLS (it sends a token only over TLS)
  const server = `${String(baseURL).replace(/^http:/, "https:")}/k8s/${clusterId}`;
  const name = "kubeyard-kubernetes-pki";
  const ca = /certificate-authority-data (\S+) /.exec(snippet)?.[1] ?? "";
  expect(Buffer.from(ca, "base64").toString()).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
  await expect(panel.getByLabel("Or add it to your own kubeconfig with one command")).toHaveValue(
    `kubectl config set-cluster ${name} --server=${server} && kubectl config set clusters.${name}.certificate-authority-data ${ca} && ` +
      `kubectl config set-credentials ${name} --token=${token} && ` +
      `kubectl config set-context ${name} --cluster=${name} --user=${name} && kubectl config use-context ${name}`,
  );
  await expect(panel.getByText(/plain HTTP/)).toBeVisible();

  const downloading = page.waitForEvent("download");
  await panel.getByRole("button", { name: "Download kubeconfig" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${name}.yaml`);
  const config = parse(await readFile(await download.path(), "utf8")) as Kubeconfig;
  expect(config.clusters).toEqual([{ name, cluster: { "certificate-authority-data": ca, server } }]);
  expect(config.users).toEqual([{ name, user: { token } }]);
  expect(config.contexts).toEqual([{ name, context: { cluster: name, user: name } }]);
  expect(config["current-context"]).toBe(name);

  await panel.scrollIntoViewIfNeeded();
  await shoot(page, panel, '[data-testid="kubeconfig-panel"]', info, "kubeconfig-panel");

  // The account page lists the token by its first characters, never in full.
  await panel.getByRole("link", { name: "account page" }).click();
  await expect(page).toHaveURL(/\/account#cluster-tokens$/);
  const section = page.getByRole("region", { name: "Cluster access tokens" });
  const row = section.locator(`li[data-token-prefix="${token.slice(0, 10)}"]`);
  await expect(row).toContainText("Kubernetes PKI and TLS");
  await expect(row).toContainText("Active");
  await expect(row.getByRole("definition").last()).toHaveText("never");
  expect(await page.content()).not.toContain(token);
  await shoot(page, section, '[data-testid="kube-token-list"]', info, "account-tokens");

  await row.getByRole("button", { name: /^Revoke token/ }).click();
  await expect(row.getByRole("button", { name: "Yes, revoke" })).toBeFocused();
  await shoot(page, section, '[data-testid="kube-token-list"]', info, "account-tokens-confirm");
  await row.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(row.getByRole("status")).toHaveText("Revoked");
  await expect(row.getByRole("status")).toBeFocused();
  await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
  await page.reload();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
  await shoot(page, section, '[data-testid="kube-token-list"]', info, "account-tokens-revoked");

  // Revoking it again, or from outside the page, names nothing.
  const origin = new URL(page.url()).origin;
  const again = await page.request.delete(`/api/kube-tokens/${tokenId}`, { data: {}, headers: { origin } });
  expect(again.status()).toBe(404);
  expect(cspViolations).toEqual([]);
});
