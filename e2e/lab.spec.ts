/**
 * The lab as a learner uses it on a desktop (issue 13): paste, a terminal that fits its output,
 * the resizable split, maximise and text size, the keyboard's way out of the terminal, and
 * screen-reader mode remembered.
 */
import type { Page } from "@playwright/test";
import { becomePro, expect, signUp, terminalRows, test, type Learner } from "./fixtures";

const LESSON = "/courses/kubernetes-pki/how-kubernetes-uses-tls";
const CERTS_HEADER = "CERTIFICATE                EXPIRES                  RESIDUAL TIME   CERTIFICATE AUTHORITY   EXTERNALLY MANAGED";

const input = (page: Page) => page.locator(".xterm-helper-textarea");
const cols = async (page: Page) => Number(await page.getByTestId("terminal-size").getAttribute("data-cols"));
const separator = (page: Page) => page.getByRole("separator", { name: "Resize the lesson and the terminal" });

async function openLab(page: Page, learner: Learner) {
  await signUp(page, learner);
  await becomePro(page);
  await page.goto(LESSON);
  await expect(page.getByTestId("terminal-state")).toHaveAttribute("data-state", "live", { timeout: 30_000 });
}

async function type(page: Page, line: string) {
  await input(page).focus();
  await page.keyboard.type(line);
  await page.keyboard.press("Enter");
}

test.use({ viewport: { width: 1440, height: 900 } });
// Each test signs a learner up (argon2id) and opens a fresh cluster: generous on a shared machine.
test.describe.configure({ timeout: 120_000 });

test("Ctrl+V, Shift+Insert and the context menu's Paste paste; Ctrl+V is never sent as ^V", async ({ page, learner, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const sent: string[] = [];
  page.on("websocket", (ws) => ws.on("framesent", (f) => sent.push(String(f.payload))));
  await openLab(page, learner);

  await page.evaluate(() => navigator.clipboard.writeText("echo pasted-with-ctrl-v"));
  await input(page).focus();
  await page.keyboard.press("Control+V");
  await page.keyboard.press("Enter");
  await expect.poll(() => terminalRows(page)).toContain("pasted-with-ctrl-v");
  expect(
    sent.filter((f) => f.includes("\\u0016")),
    "no ^V reached the shell",
  ).toEqual([]);

  await page.evaluate(() => navigator.clipboard.writeText("echo pasted-with-shift-insert"));
  await page.keyboard.press("Shift+Insert");
  await page.keyboard.press("Enter");
  await expect.poll(() => terminalRows(page)).toContain("pasted-with-shift-insert");

  // A right click puts xterm's input under the pointer, so the browser's own menu pastes into it;
  // its Paste is a paste event there (the menu itself is native and out of Playwright's reach).
  await page.getByTestId("terminal").click({ button: "right" });
  await expect(input(page)).toBeFocused();
  await input(page).evaluate((el) => {
    const data = new DataTransfer();
    data.setData("text/plain", "echo pasted-from-the-menu");
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await page.keyboard.press("Enter");
  await expect.poll(() => terminalRows(page)).toContain("pasted-from-the-menu");
});

test("the default terminal fits kubeadm's and kubectl's tables; narrower, they scroll sideways instead of wrapping", async ({
  page,
  learner,
}) => {
  await openLab(page, learner);
  expect(await cols(page)).toBeGreaterThanOrEqual(110);

  await type(page, "kubeadm certs check-expiration");
  await type(page, "kubectl get pods -n kube-system");
  await expect(page.locator(".xterm-rows")).toContainText("kube-scheduler-controlplane");
  const rows = await terminalRows(page);
  expect(rows).toContain(CERTS_HEADER);
  expect(rows.filter((r) => /^kube-controller-manager-controlplane {7}1\/1 {5}Running {3}0 {10}\d+s$/.test(r))).toHaveLength(1);
  const frame = page.getByTestId("terminal-frame");
  const [scrollWidth, clientWidth] = await frame.evaluate((el) => [el.scrollWidth, el.clientWidth]);
  expect(scrollWidth, "nothing hidden at 1440 px").toBeLessThanOrEqual(clientWidth);

  // A narrower window: the table keeps its lines, the frame scrolls, and a shade says there is more.
  await page.setViewportSize({ width: 1100, height: 800 });
  await expect.poll(() => frame.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  expect(await terminalRows(page)).toContain(CERTS_HEADER);
  await expect(page.getByTestId("terminal-more-right")).toBeVisible();
  const box = await frame.boundingBox();
  await page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
  await page.mouse.wheel(400, 0);
  await expect.poll(() => frame.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);

  // The learner may prefer wrapping: then the header no longer fits one row.
  await page.getByRole("button", { name: "Options" }).click();
  await page.getByRole("checkbox", { name: "Keep long lines whole" }).uncheck();
  await expect.poll(async () => (await terminalRows(page)).includes(CERTS_HEADER)).toBe(false);
  await expect.poll(() => frame.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
});

test("the split moves with the keyboard and the mouse, is remembered, and is the learner's own", async ({ page, learner }) => {
  await openLab(page, learner);
  const handle = separator(page);
  await expect(handle).toHaveAttribute("aria-valuenow", "35");
  const wide = await cols(page);

  await handle.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
  await expect(handle).toHaveAttribute("aria-valuenow", "45");
  await expect.poll(() => cols(page)).toBeLessThan(wide);

  await page.reload();
  await expect(separator(page)).toHaveAttribute("aria-valuenow", "45");

  const box = (await separator(page).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x - 250, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const dragged = Number(await separator(page).getAttribute("aria-valuenow"));
  expect(dragged).toBeLessThan(30);
  await page.reload();
  await expect(separator(page)).toHaveAttribute("aria-valuenow", String(dragged));

  // Another learner in the same browser starts from the default.
  await page.context().clearCookies();
  const other = { ...learner, name: `${learner.name} B`, email: learner.email.replace("@", "-b@") };
  await openLab(page, other);
  await expect(separator(page)).toHaveAttribute("aria-valuenow", "35");
});

test("maximise fills the window and gives back the page; the text size is remembered", async ({ page, learner }) => {
  await openLab(page, learner);
  const before = await cols(page);
  const maximise = page.getByRole("button", { name: "Maximise" });
  await maximise.click();
  await expect(maximise).toHaveAttribute("aria-pressed", "true");
  await expect.poll(async () => (await page.getByRole("region", { name: "Practice terminal" }).boundingBox())?.width).toBe(1440);
  await expect.poll(() => cols(page)).toBeGreaterThan(before + 50);
  await maximise.click();
  await expect.poll(() => cols(page)).toBe(before);

  await page.getByRole("button", { name: "A+ Larger text" }).click();
  await page.getByRole("button", { name: "A+ Larger text" }).click();
  await expect(page.getByTestId("terminal-font-size")).toHaveText("15 px");
  await expect.poll(() => cols(page)).toBeLessThan(before);
  await page.reload();
  await expect(page.getByTestId("terminal-font-size")).toHaveText("15 px");
});

test("no keyboard trap: Tab completes, Esc then Tab leaves, and “Tab moves focus” is remembered", async ({ page, learner }) => {
  await openLab(page, learner);
  await page.getByTestId("terminal").click();
  const hint = page.getByTestId("terminal-hint");
  await expect(hint).toHaveAttribute("data-focused", "true");
  await expect(hint).toHaveText(/To leave the terminal, press Esc, then Tab/);
  await expect(input(page)).toHaveAttribute("aria-describedby", (await hint.getAttribute("id"))!);

  // Tab and Shift+Tab stay: Tab completes the command.
  await page.keyboard.type("kubect");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Shift+Tab");
  await expect(input(page)).toBeFocused();
  await expect.poll(async () => (await terminalRows(page)).some((r) => r.startsWith("controlplane:~$ kubectl"))).toBe(true);
  await page.keyboard.press("Control+U");

  await page.keyboard.press("Escape");
  await expect(hint).toHaveText(/Now press Tab or Shift\+Tab to leave the terminal/);
  await page.keyboard.press("Tab");
  await expect(input(page)).not.toBeFocused();
  await expect(hint).not.toHaveAttribute("data-focused");

  await input(page).focus();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Shift+Tab");
  await expect(page.getByRole("button", { name: "Reset cluster" })).toBeFocused(); // the control just before the terminal

  await page.getByRole("button", { name: "Options" }).click();
  await page.getByRole("checkbox", { name: "Tab moves focus" }).check();
  await page.reload();
  await expect(page.getByTestId("terminal-state")).toHaveAttribute("data-state", "live", { timeout: 30_000 });
  await input(page).focus();
  await expect(page.getByTestId("terminal-hint")).toHaveText(/Tab and Shift\+Tab move the focus out of the terminal/);
  await page.keyboard.press("Tab");
  await expect(input(page)).not.toBeFocused();
});

test("screen-reader mode is remembered across reloads", async ({ page, learner }) => {
  await openLab(page, learner);
  await expect(page.locator(".xterm-accessibility")).toHaveCount(0);
  await page.getByRole("button", { name: "Options" }).click();
  await page.getByRole("checkbox", { name: "Screen reader mode" }).check();
  await expect(page.locator(".xterm-accessibility")).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId("terminal-state")).toHaveAttribute("data-state", "live", { timeout: 30_000 });
  await expect(page.locator(".xterm-accessibility")).toHaveCount(1);
  await page.getByRole("button", { name: "Options" }).click();
  await expect(page.getByRole("checkbox", { name: "Screen reader mode" })).toBeChecked();
});
