/**
 * vim and kubectl edit in the browser terminal (issue 12 item 3): a manifest written with vim and
 * applied, the editor found as it was after a reload mid-edit, a Deployment changed with kubectl
 * edit, and the editor at 1440 px and on a phone (screenshots in the test's output, or in
 * docs/screenshots/ when SCREENSHOTS is set, as for the README's other screenshots).
 */
import type { Page } from "@playwright/test";
import { becomePro, expect, signUp, terminalRows, test } from "./fixtures";

/** Where a screenshot goes: the README's copy only on request, so a test run never changes tracked files. */
const screenshotPath = (name: string) => (process.env.SCREENSHOTS ? `docs/screenshots/${name}` : test.info().outputPath(name));

const LESSON = "/courses/kubernetes-pki/how-kubernetes-uses-tls";
const screen = (page: Page) => page.locator(".xterm-rows");

async function openLab(page: Page) {
  await page.goto(LESSON);
  await expect(page.getByTestId("terminal-state")).toHaveAttribute("data-state", "live", { timeout: 30_000 });
  await page.getByTestId("terminal").click();
}

async function run(page: Page, line: string) {
  // at most ~80 keys a second: the gateway takes 100 messages a second after a burst of 200
  // (server/terminal-gateway.ts), and a 190-key line typed at full speed can run past the burst
  await page.keyboard.type(line, { delay: 12 });
  await page.keyboard.press("Enter");
}

/** vim's last row (the ruler / mode line) once the editor has drawn. */
async function lastRow(page: Page): Promise<string> {
  const rows = await terminalRows(page);
  return rows.filter((r) => r.trim() !== "").pop() ?? "";
}

const CONFIGMAP = ["apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: app-settings", "data:", "  mode: blue", '  replicas: "3"'];

test.describe("at 1440 px", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("writes a manifest with vim, :wq, and applies it", async ({ page, learner, cspViolations }) => {
    test.setTimeout(120_000);
    await signUp(page, learner);
    await becomePro(page);
    await openLab(page);
    await run(page, "vim settings.yaml");
    await expect(screen(page)).toContainText('"settings.yaml" [New]');
    await expect(page.getByText("Program keys")).toBeVisible(); // the terminal is in raw mode
    // :set paste, as people do before typing indented YAML into vim
    await run(page, ":set paste");
    await page.keyboard.type("i");
    for (const [i, line] of CONFIGMAP.entries()) {
      await page.keyboard.type(line);
      if (i < CONFIGMAP.length - 1) await page.keyboard.press("Enter");
    }
    await expect(screen(page)).toContainText("-- INSERT (paste) --");
    await page.keyboard.press("Escape");
    await expect(screen(page)).toContainText('  replicas: "3"');
    await expect(screen(page)).not.toContainText("-- INSERT"); // 'paste' turns 'ruler' off, so the last row stays empty
    await page.screenshot({ path: screenshotPath("editor-vim-1440.png") });
    await run(page, ":wq");
    await expect(screen(page)).toContainText("controlplane:~$ vim settings.yaml");
    await expect(page.getByText("Program keys")).toBeHidden();
    await run(page, "kubectl apply -f settings.yaml");
    await expect(screen(page)).toContainText("configmap/app-settings created");
    await run(page, "kubectl get configmap app-settings -o jsonpath='{.data.mode}'");
    await expect(screen(page)).toContainText(/jsonpath='\{\.data\.mode\}'\s*bluecontrolplane:~\$/);
    expect(cspViolations).toEqual([]);
  });

  test("a reload mid-edit finds the editor as it was", async ({ page, learner }) => {
    test.setTimeout(120_000);
    await signUp(page, learner);
    await becomePro(page);
    await openLab(page);
    await run(page, "vi notes.txt");
    await expect(screen(page)).toContainText('"notes.txt" [New]');
    await page.keyboard.type("ifirst line");
    await page.keyboard.press("Enter");
    await page.keyboard.type("second line, not saved yet");
    await expect(screen(page)).toContainText("second line, not saved yet");
    await expect.poll(() => lastRow(page)).toMatch(/-- INSERT --\s+2,27\s+All/);

    await page.reload();
    await expect(page.getByTestId("terminal-state")).toHaveAttribute("data-state", "live", { timeout: 30_000 });
    await expect(screen(page)).toContainText("second line, not saved yet");
    await expect.poll(() => lastRow(page)).toMatch(/-- INSERT --\s+2,27\s+All/);
    await expect(page.getByText("Program keys")).toBeVisible();
    await page.getByTestId("terminal").click();
    await page.keyboard.type("!");
    await page.keyboard.press("Escape");
    await run(page, ":wq");
    await run(page, "cat notes.txt");
    await expect(screen(page)).toContainText(/cat notes\.txt\s*first line\s*second line, not saved yet!/);
  });

  test("kubectl edit changes a Deployment's image, prints edited, and the rollout follows", async ({ page, learner }) => {
    test.setTimeout(120_000);
    await signUp(page, learner);
    await becomePro(page);
    await openLab(page);
    const manifest =
      "apiVersion: apps/v1\\nkind: Deployment\\nmetadata:\\n  name: web\\nspec:\\n  replicas: 1\\n  selector:\\n    matchLabels:\\n      app: web\\n" +
      "  template:\\n    metadata:\\n      labels:\\n        app: web\\n    spec:\\n      containers:\\n      - name: web\\n        image: nginx:1.27\\n";
    await run(page, `printf '${manifest}' > web.yaml && kubectl apply -f web.yaml`);
    await expect(screen(page)).toContainText("deployment.apps/web created");
    await run(page, "kubectl edit deployment web");
    await expect(screen(page)).toContainText("# Please edit the object below.");
    await run(page, ":%s/nginx:1.27/nginx:1.28/");
    await run(page, ":wq");
    await expect(screen(page)).toContainText("deployment.apps/web edited");
    await run(page, "kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}'");
    await expect(screen(page)).toContainText(/\}'\s*nginx:1\.28controlplane:~\$/);
    // the edit started a rollout: a second revision whose ReplicaSet runs the new image
    await run(page, "kubectl rollout status deployment web --timeout=60s");
    await expect(screen(page)).toContainText('deployment "web" successfully rolled out', { timeout: 60_000 });
    await run(page, "kubectl rollout history deployment web");
    await expect(screen(page)).toContainText(/REVISION\s+CHANGE-CAUSE\s*1\s+<none>\s*2\s+<none>/);
  });
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test("vim fits the terminal sheet", async ({ page, learner }) => {
    test.setTimeout(120_000);
    await signUp(page, learner);
    await becomePro(page);
    await page.goto(LESSON);
    await page.getByRole("button", { name: "Terminal", exact: true }).click();
    const sheet = page.getByRole("dialog", { name: "Your cluster" });
    await expect(sheet).toBeVisible();
    await expect(page.getByTestId("terminal-state")).toHaveAttribute("data-state", "live", { timeout: 30_000 });
    await sheet.getByTestId("terminal").click();
    await run(page, "cp /etc/kubernetes/manifests/etcd.yaml . && vim etcd.yaml");
    // vim shortens the file message to the width, as on a narrow real terminal: <ml" 91L, 2535B
    await expect(screen(page)).toContainText(/\d+L, \d+B\s+1,1\s+Top/);
    const size = page.getByTestId("terminal-size");
    const cols = Number(await size.getAttribute("data-cols"));
    // raw mode fits the frame: no line is wider than the terminal, so nothing scrolls sideways
    const rows = await terminalRows(page);
    expect(Math.max(...rows.map((r) => r.length))).toBeLessThanOrEqual(cols);
    await expect.poll(() => lastRow(page)).toMatch(/\d+L, \d+B\s+1,1\s+Top$/);
    await page.screenshot({ path: screenshotPath("editor-vim-phone.png") });
    await run(page, ":q");
    await expect(screen(page)).toContainText("controlplane:~$ cp /etc/kubernetes/manifests/etcd.yaml . && vim etcd.yaml");
  });
});
