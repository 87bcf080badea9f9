/**
 * The course pages and /api/courses/… over real HTTP against the real server (production
 * build): the correct option and explanation never reach the page before an answer, grading
 * and attempt numbering happen on the server, tasks are checked against the learner's own
 * cluster (Pro only), and one learner never sees another's state.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getLesson, listCourses } from "@/lib/course/catalog";
import type { Lesson, QuizDefinition } from "@/lib/course/types";
import { HttpClient } from "../http-client";
import { withTestServer } from "../harness";
import { openTerminal } from "../terminal-client";

const COURSE = "kubernetes-pki";
let lesson1: Lesson;
let lesson4: Lesson;
let n = 0;

async function learner(upgrade: boolean): Promise<HttpClient> {
  const c = new HttpClient(h.url);
  const email = `course-${Date.now()}-${n++}@int.test`;
  expect((await c.postJson("/api/auth/sign-up", { email, password: "a long passphrase here" })).status).toBe(201);
  expect(await c.signIn(email, "a long passphrase here")).toBeNull();
  if (upgrade) expect((await c.postJson("/api/billing/upgrade", {})).status).toBe(200);
  return c;
}

const wrongOption = (q: QuizDefinition) => q.options.find((o) => o.id !== q.correctOptionId)!.id;
const lessonPath = (l: Lesson) => `/courses/${COURSE}/${l.slug}`;
const answerPath = (q: QuizDefinition) => `/api/courses/${COURSE}/quizzes/${q.id}/answer`;
/**
 * A distinctive piece of an explanation that survives any rendering: its longest run of text
 * without markdown or quote characters (HTML and the RSC payload escape those differently).
 */
const explanationProbe = (q: QuizDefinition) =>
  q.explanation
    .split(/[`*_[\]()'"\n]/)
    .sort((a, b) => b.length - a.length)[0]
    .trim()
    .slice(0, 50);
/** HTML escapes apostrophes; compare on text free of them. */
const probeIn = (html: string, probe: string) => html.replace(/&#x27;|&#39;/g, "'").includes(probe);
/** Page text without React's text separators, for matching what a reader sees. */
const text = async (res: Response) => (await res.text()).replace(/<!-- -->/g, "");

const h = withTestServer();

beforeAll(async () => {
  lesson1 = (await getLesson(COURSE, "how-kubernetes-uses-tls"))!;
  lesson4 = (await getLesson(COURSE, "expiry-and-renewal"))!;
});

describe("pages", () => {
  it("serves the catalogue, a course page (with its prerequisites) and a lesson to visitors", async () => {
    const catalogue = await fetch(`${h.url}/courses`);
    expect(catalogue.status).toBe(200);
    const catalogueHtml = await catalogue.text();
    for (const c of await listCourses()) expect(catalogueHtml).toContain(c.title);
    const course = await (await fetch(`${h.url}/courses/${COURSE}`)).text();
    expect(course).toContain(lesson1.title);
    expect(course).not.toContain("Coming soon"); // RBAC is a course now
    // the RBAC course names the PKI course as what to take first (a notice, not a lock)
    const rbac = await fetch(`${h.url}/courses/kubernetes-rbac`);
    expect(rbac.status).toBe(200);
    expect(await rbac.text()).toMatch(/Before you start[\s\S]*Kubernetes PKI and TLS/);
    const lesson = await fetch(h.url + lessonPath(lesson1));
    expect(lesson.status).toBe(200);
    expect(await lesson.text()).toContain(lesson1.quizzes[0].question);
    expect((await fetch(`${h.url}/courses/${COURSE}/no-such-lesson`)).status).toBe(404);
    expect((await fetch(`${h.url}/courses/no-such-course`)).status).toBe(404);
  });

  it("never puts a correct option or an unanswered quiz's explanation in the lesson HTML or RSC payload", async () => {
    const c = await learner(true);
    for (const client of [null, c]) {
      for (const rsc of [false, true]) {
        // The RSC payload is what client navigation fetches (Next wants the bare ?_rsc for these headers).
        const headers: Record<string, string> = rsc ? { rsc: "1" } : {};
        const path = lessonPath(lesson1) + (rsc ? "?_rsc" : "");
        const res = client ? await client.request(path, { headers }) : await fetch(h.url + path, { headers });
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type") ?? "").toContain(rsc ? "text/x-component" : "text/html");
        const body = await res.text();
        expect(body).toContain(lesson1.quizzes[0].options[0].text.slice(0, 30)); // the options are there…
        for (const q of lesson1.quizzes) expect(probeIn(body, explanationProbe(q)), `explanation of ${q.id}`).toBe(false);
        expect(body).not.toMatch(/correctOptionId|"correct":true|\bcorrect=""/);
      }
    }
  });

  it("shows a learner's own earlier answer and its explanation after a reload, and only that quiz's", async () => {
    const c = await learner(false);
    const [answered, other] = lesson1.quizzes;
    expect((await c.postJson(answerPath(answered), { optionId: wrongOption(answered), timeToAnswerMs: 3000 })).status).toBe(200);
    const html = await (await c.request(lessonPath(lesson1))).text();
    expect(probeIn(html, explanationProbe(answered))).toBe(true);
    expect(probeIn(html, explanationProbe(other))).toBe(false);
    // and another learner still gets none
    const stranger = await learner(false);
    expect(probeIn(await (await stranger.request(lessonPath(lesson1))).text(), explanationProbe(answered))).toBe(false);
  });
});

describe("POST …/quizzes/[quizId]/answer", () => {
  it("grades on the server and numbers the attempts", async () => {
    const c = await learner(false);
    const q = lesson1.quizzes[1];
    const wrong = await c.postJson(answerPath(q), { optionId: wrongOption(q), timeToAnswerMs: 4200 });
    expect(wrong.status).toBe(200);
    expect(await wrong.json()).toMatchObject({
      correct: false,
      correctOptionId: q.correctOptionId,
      explanation: q.explanation,
      attemptNumber: 1,
      lesson: { state: "in-progress" },
    });
    const right = await c.postJson(answerPath(q), { optionId: q.correctOptionId });
    expect(await right.json()).toMatchObject({ correct: true, attemptNumber: 2 });

    const rows = await h.db.prisma.quizAttempt.findMany({ where: { questionId: q.id }, orderBy: { attemptNumber: "asc" } });
    expect(rows.map((r) => [r.attemptNumber, r.optionId, r.correct, r.timeToAnswerMs])).toEqual([
      [1, wrongOption(q), false, 4200],
      [2, q.correctOptionId, true, null],
    ]);
  });

  it("refuses visitors, cross-site posts, unknown quizzes and options, and bad bodies", async () => {
    const q = lesson1.quizzes[0];
    const stored = await h.db.prisma.quizAttempt.count();
    const anon = await fetch(h.url + answerPath(q), {
      method: "POST",
      headers: { "content-type": "application/json", origin: h.server.origin },
      body: JSON.stringify({ optionId: "a" }),
    });
    expect(anon.status).toBe(401);
    const c = await learner(false);
    expect((await c.postJson(answerPath(q), { optionId: "a" }, { origin: "https://evil.example" })).status).toBe(403);
    expect((await c.postJson(`/api/courses/${COURSE}/quizzes/l9-q9/answer`, { optionId: "a" })).status).toBe(404);
    expect((await c.postJson(`/api/courses/nope/quizzes/${q.id}/answer`, { optionId: "a" })).status).toBe(404);
    expect((await c.postJson(answerPath(q), { optionId: "z" })).status).toBe(400);
    expect((await c.postJson(answerPath(q), { optionId: "a", timeToAnswerMs: -5 })).status).toBe(400);
    expect((await c.postJson(answerPath(q), { optionId: "a", correct: true })).status).toBe(400);
    expect((await c.postJson(answerPath(q), { optionId: "a".repeat(20_000) })).status).toBe(413);
    expect(await h.db.prisma.quizAttempt.count()).toBe(stored);
  });
});

describe("tasks, time travel, completion and state", () => {
  const task = () => lesson1.tasks[0];
  const checkPath = () => `/api/courses/${COURSE}/tasks/${task().id}/check`;

  it("keeps the task check and time travel for Pro", async () => {
    const free = await learner(false);
    expect((await free.postJson(checkPath(), {})).status).toBe(403);
    expect((await free.postJson(`/api/courses/${COURSE}/lessons/${lesson4.slug}/time-travel`, { days: 366 })).status).toBe(403);
  });

  it("checks a task against the learner's own cluster, and it passes once the learner has done it", async () => {
    const pro = await learner(true);
    const before = await pro.postJson(checkPath(), {});
    expect(before.status).toBe(200);
    expect(await before.json()).toMatchObject({ passed: false });

    // Another learner does the task in their own cluster: it does not pass for `pro`.
    const other = await learner(true);
    const otherTerm = await openTerminal(h.url, { cookie: other.cookieHeader() });
    await otherTerm.waitFor("controlplane:~$ ");
    otherTerm.send({
      t: "run",
      id: crypto.randomUUID(),
      line: "kubectl config view --raw -o jsonpath='{.users[0].user.client-certificate-data}' | base64 -d > admin.crt",
    });
    await otherTerm.waitFor(/\$ $/);
    otherTerm.close();
    expect(await (await other.postJson(checkPath(), {})).json()).toMatchObject({ passed: true });
    expect(await (await pro.postJson(checkPath(), {})).json()).toMatchObject({ passed: false });

    const term = await openTerminal(h.url, { cookie: pro.cookieHeader() });
    await term.waitFor("controlplane:~$ ");
    term.send({
      t: "run",
      id: crypto.randomUUID(),
      line: "kubectl config view --raw -o jsonpath='{.users[0].user.client-certificate-data}' | base64 -d > admin.crt",
    });
    await term.waitFor(/\$ $/);
    term.close();
    const after = await pro.postJson(checkPath(), {});
    expect(await after.json()).toMatchObject({ passed: true });

    const state = await (await pro.request(`/api/courses/${COURSE}/lessons/${lesson1.slug}/state`)).json();
    expect(state).toMatchObject({ status: "in-progress", tasksPassed: [task().id], quizzes: [] });
  });

  it("moves the cluster clock only by a jump the lesson offers", async () => {
    const pro = await learner(true);
    expect((await pro.postJson(`/api/courses/${COURSE}/lessons/${lesson4.slug}/time-travel`, { days: 5 })).status).toBe(400);
    expect((await pro.postJson(`/api/courses/${COURSE}/lessons/${lesson1.slug}/time-travel`, { days: 366 })).status).toBe(400);
    const ok = await pro.postJson(`/api/courses/${COURSE}/lessons/${lesson4.slug}/time-travel`, { days: 366 });
    expect(ok.status).toBe(200);
    const { clusterTime } = (await ok.json()) as { clusterTime: string };
    expect(Date.parse(clusterTime) - Date.now()).toBeGreaterThan(365 * 86_400_000);
  });

  it("completes a lesson when all quizzes are right and all tasks passed, or by hand, per learner", async () => {
    const a = await learner(false);
    const b = await learner(false);
    await a.request(lessonPath(lesson1)); // opening marks it in progress
    let state = await (await a.request(`/api/courses/${COURSE}/lessons/${lesson1.slug}/state`)).json();
    expect(state.status).toBe("in-progress");

    for (const q of lesson1.quizzes) {
      const res = await (await a.postJson(answerPath(q), { optionId: q.correctOptionId })).json();
      expect(res.lesson.state).toBe("in-progress"); // the task is still open
    }
    const done = await (await a.postJson(`/api/courses/${COURSE}/lessons/${lesson1.slug}/complete`, {})).json();
    expect(done.lesson).toEqual({ state: "completed", completedManually: true });
    state = await (await a.request(`/api/courses/${COURSE}/lessons/${lesson1.slug}/state`)).json();
    expect(state.status).toBe("completed");
    expect(state.quizzes).toHaveLength(lesson1.quizzes.length);

    // b sees nothing of a's
    const bState = await (await b.request(`/api/courses/${COURSE}/lessons/${lesson1.slug}/state`)).json();
    expect(bState).toMatchObject({ status: "not-started", quizzes: [], tasksPassed: [] });
    const bCourse = await text(await b.request(`/courses/${COURSE}`));
    expect(bCourse.includes("0 of 5 lessons completed"), "b's course page").toBe(true);
    const aCourse = await text(await a.request(`/courses/${COURSE}`));
    expect(aCourse.includes("1 of 5 lessons completed"), "a's course page").toBe(true);
    const aDash = await text(await a.request(`/dashboard`));
    expect(aDash.includes(lesson1.title), "a's dashboard names the lesson").toBe(true);
    expect(aDash.includes("1 of 5 lessons completed"), "a's dashboard progress").toBe(true);

    expect((await fetch(`${h.url}/api/courses/${COURSE}/lessons/${lesson1.slug}/state`)).status).toBe(401);
  });
});
