/**
 * The rough edges of a first visit (issue 13, item 10): the greeting, a finished course, repeated
 * quiz answers in the activity list, the admin chart's last label, the header's alignment on a
 * lesson page, and the landing page's terminal picture. (The password hint: forms.spec.ts.)
 */
import type { Page } from "@playwright/test";
import { getCourse, getLesson } from "../lib/course/catalog";
import { ADMIN, becomePro, expect, signIn, signUp, test } from "./fixtures";

const COURSE = "kubernetes-pki";

async function post(page: Page, path: string, data: unknown) {
  const res = await page.request.post(path, { data, headers: { origin: new URL(page.url()).origin } });
  expect(res.status(), path).toBe(200);
}

test("a new learner is welcomed, not welcomed back; later they are", async ({ page, learner }) => {
  await signUp(page, learner);
  const first = learner.name.split(" ")[0];
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${first}`);
  await page.goto(`/courses/${COURSE}/how-kubernetes-uses-tls`);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome back, ${first}`);
});

test("a finished course offers a review, and a question answered three times shows once in the activity", async ({ page, learner }) => {
  test.setTimeout(120_000);
  const course = (await getCourse(COURSE))!;
  const lesson = (await getLesson(COURSE, course.lessons[0].slug))!;
  const quiz = lesson.quizzes.find((q) => q.question.length > 60) ?? lesson.quizzes[0];
  const wrong = quiz.options.find((o) => o.id !== quiz.correctOptionId)!;
  await signUp(page, learner);
  for (const optionId of [wrong.id, wrong.id, quiz.correctOptionId]) {
    await post(page, `/api/courses/${COURSE}/quizzes/${quiz.id}/answer`, { optionId, timeToAnswerMs: 4000 });
  }
  await post(page, `/api/courses/${COURSE}/lessons/${lesson.slug}/complete`, {});
  await page.goto("/dashboard");
  const activity = page.getByTestId("activity");
  await expect(activity.getByText(quiz.question, { exact: true })).toHaveCount(1);
  await expect(activity).toContainText("Quiz answer, correct (attempt 3)");
  await expect(page.getByText("Continue the course")).toBeVisible(); // started, not finished

  for (const l of course.lessons.slice(1)) await post(page, `/api/courses/${COURSE}/lessons/${l.slug}/complete`, {});
  await page.goto("/dashboard");
  await expect(page.getByText(`${course.lessons.length} of ${course.lessons.length} lessons completed`)).toBeVisible();
  await expect(page.getByText("Review the course")).toBeVisible();
  await expect(page.getByText("Continue the course")).toHaveCount(0);
  await page.goto("/courses");
  await expect(page.getByText("Review the course")).toBeVisible();
});

test("the admin chart's first and last day labels are inside the chart", async ({ page, browser }) => {
  // Some activity, so the chart has days to label.
  const context = await browser.newContext();
  const lp = await context.newPage();
  const id = `chart-${Date.now()}`;
  await signUp(lp, { name: `Learner ${id}`, email: `learner-${id}@e2e.test`, password: `kube-yard-${id}-pass` });
  const quiz = (await getLesson(COURSE, "how-kubernetes-uses-tls"))!.quizzes[0];
  await post(lp, `/api/courses/${COURSE}/quizzes/${quiz.id}/answer`, { optionId: quiz.correctOptionId, timeToAnswerMs: 3000 });
  await context.close();

  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/dashboard/);
  await page.goto("/admin");
  const labels = page.getByTestId("chart-x-label");
  expect(await labels.count()).toBeGreaterThan(1);
  for (const label of [labels.first(), labels.last()]) {
    const inside = await label.evaluate((el) => {
      const svg = (el as SVGTextElement).ownerSVGElement!;
      const box = (el as SVGTextElement).getBBox();
      return box.x >= 0 && box.x + box.width <= svg.viewBox.baseVal.width;
    });
    expect(inside).toBe(true);
  }
});

test("on a lesson page the header's edges line up with the lesson's and the terminal's", async ({ page, learner }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signUp(page, learner);
  await becomePro(page);
  await page.goto(`/courses/${COURSE}/how-kubernetes-uses-tls`);
  // The header's content box (its container less its padding) against the lesson's left edge and the terminal's right edge.
  const header = await page
    .getByRole("banner")
    .locator(":scope > div")
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return { left: r.left + parseFloat(s.paddingLeft), right: r.right - parseFloat(s.paddingRight) };
    });
  const lesson = (await page.locator("#lesson-pane").boundingBox())!;
  const terminal = (await page.getByRole("region", { name: "Practice terminal" }).boundingBox())!;
  expect(Math.abs(header.left - lesson.x)).toBeLessThanOrEqual(1);
  expect(Math.abs(header.right - (terminal.x + terminal.width))).toBeLessThanOrEqual(1);
  // and the user menu, the header's last item, ends where the terminal ends
  const menu = (await page
    .getByRole("banner")
    .getByRole("button", { name: new RegExp(learner.name) })
    .boundingBox())!;
  expect(Math.abs(menu.x + menu.width - header.right)).toBeLessThanOrEqual(1);
});

test("the landing page's terminal picture claims no live connection", async ({ page }) => {
  await page.goto("/");
  const picture = page.getByRole("figure").filter({ hasText: "controlplane · kubeadm v1.32" });
  await expect(picture).toBeVisible();
  await expect(picture).not.toContainText(/\bLive\b/);
});
