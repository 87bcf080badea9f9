/**
 * Accessibility (issue 13, item 7): axe-core finds nothing on any page type, for a visitor, a Pro
 * learner (the first lesson of every course and the first scenario of the track, each with its
 * terminal, on a desktop; a lesson with the terminal sheet on a phone) and an admin; and the focus
 * goes to the result after "Check answer".
 */
import type { BrowserContext, Page } from "@playwright/test";
import { getCourse, getLesson, listCourses } from "../lib/course/catalog";
import { expectNoViolations } from "./axe";
import { ADMIN, becomePro, expect, signIn, signUp, test } from "./fixtures";

const COURSE = "kubernetes-pki";

async function visit(page: Page, path: string, ready?: () => Promise<void>) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await ready?.();
  await expectNoViolations(page, path);
}

const live = (page: Page) => () => expect(page.getByTestId("terminal-state")).toHaveAttribute("data-state", "live", { timeout: 30_000 });

test.describe("axe finds no violation on any page type", () => {
  // One learner goes through the tests in order (free, then Pro); each test is one group of pages.
  test.describe.configure({ mode: "serial", timeout: 300_000 });
  const learner = {
    name: `Learner axe-${Date.now()}`,
    email: `learner-axe-${Date.now()}@e2e.test`,
    password: `kube-yard-axe-${Date.now()}-pass`,
  };
  let session: Awaited<ReturnType<BrowserContext["storageState"]>>;
  let lessons: string[] = [];
  /** the first lesson (or scenario) of every course in the catalogue */
  let firsts: string[] = [];

  test.beforeAll(async () => {
    const inOrder = (c: NonNullable<Awaited<ReturnType<typeof getCourse>>>) =>
      [...c.lessons].sort((a, b) => a.order - b.order).map((l) => `/courses/${c.slug}/${l.slug}`);
    lessons = inOrder((await getCourse(COURSE))!);
    firsts = (await listCourses()).map((c) => inOrder(c)[0]);
  });

  test("a visitor's pages and the 404", async ({ page }) => {
    for (const path of ["/", "/pricing", "/sign-in", "/sign-up", "/courses", `/courses/${COURSE}`, lessons[0]]) await visit(page, path);
    const missing = await page.goto("/no-such-page");
    expect(missing?.status()).toBe(404);
    await expectNoViolations(page, "the 404 page");
  });

  test("a free learner with some history: dashboard, account, a lesson beside the Pro gate", async ({ page }) => {
    await signUp(page, learner);
    const quiz = (await getLesson(COURSE, lessons[0].split("/").pop()!))!.quizzes[0];
    const answered = await page.request.post(`/api/courses/${COURSE}/quizzes/${quiz.id}/answer`, {
      data: { optionId: quiz.correctOptionId, timeToAnswerMs: 5000 },
      headers: { origin: new URL(page.url()).origin },
    });
    expect(answered.status()).toBe(200);
    for (const path of ["/dashboard", "/account", lessons[1]]) await visit(page, path);
    await becomePro(page);
    session = await page.context().storageState();
  });

  test("a Pro learner: the course page and the lab", async ({ browser }) => {
    const context = await browser.newContext({ storageState: session });
    const page = await context.newPage();
    await visit(page, `/courses/${COURSE}`);
    await visit(page, "/lab", live(page));
    await context.close();
  });

  // The lessons share their components, so one lesson per course (and the track's first
  // scenario) covers what differs between them: each course's content and the scenario's goal and hints.
  test("a Pro learner: the first lesson of every course, with its terminal", async ({ browser }) => {
    expect(firsts.length).toBeGreaterThanOrEqual(4);
    const context = await browser.newContext({ storageState: session });
    const page = await context.newPage();
    for (const path of firsts) await visit(page, path, live(page));
    await context.close();
  });

  test("a Pro learner on a phone: a lesson, and the terminal sheet open over it", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, storageState: session });
    const page = await context.newPage();
    await visit(page, lessons[0]);
    await page.getByRole("button", { name: "Terminal", exact: true }).click();
    await live(page)();
    await expectNoViolations(page, "the terminal sheet on a phone");
    await context.close();
  });

  test("an admin's pages", async ({ page }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await expect(page).toHaveURL(/\/dashboard/);
    for (const path of ["/admin", "/admin/quizzes", "/admin/funnel", "/admin/users"]) await visit(page, path);
    await page.getByRole("searchbox", { name: /search/i }).fill(learner.email);
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByTestId("users-table").getByRole("link", { name: learner.email }).click();
    await expect(page.getByRole("heading", { level: 1, name: learner.name })).toBeVisible();
    await expectNoViolations(page, "an admin's user page");
  });
});

test("after Check answer the focus is on the result, and after Try again on the first option", async ({ page, learner }) => {
  test.setTimeout(120_000);
  const lesson = (await getLesson(COURSE, "how-kubernetes-uses-tls"))!;
  const quiz = lesson.quizzes[0];
  const wrong = quiz.options.find((o) => o.id !== quiz.correctOptionId)!;
  await signUp(page, learner);
  await page.goto(`/courses/${COURSE}/${lesson.slug}`);
  const q = page.locator(`[data-quiz-id="${quiz.id}"]`);
  await q.getByRole("radio", { name: wrong.text }).check();
  await q.getByRole("button", { name: "Check answer" }).click();
  await expect(q.getByTestId("quiz-outcome")).toBeFocused();
  await expect(q.getByTestId("quiz-outcome")).toContainText("Not quite");
  await q.getByRole("button", { name: "Try again" }).click();
  await expect(q.getByRole("radio").first()).toBeFocused();
});
