/**
 * Scenarios in the course engine: the frontmatter and body rules, the setup the platform runs
 * before the learner's first prompt, the content check's three proofs (setup runs, every task
 * fails after it and stays failed, the reference solution makes every task pass) and course
 * prerequisites. The real track is replayed by content.test.ts.
 */
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateContent } from "./catalog";
import { runCheck } from "./checks";
import { parseLesson } from "./lesson-parser";
import { freshCluster, REPLAY_NOW } from "./replay";
import { replayScenario, runScenarioSetup, SETUP_SETTLE_MS } from "./scenario-replay";
import type { Lesson } from "./types";

const FIXTURES = path.join(__dirname, "__fixtures__", "scenarios");
const DAY_MS = 86_400_000;

const FM = (scenario: string[], extra: string[] = []) =>
  ["---", "title: T", "slug: t", "order: 2", "duration: 5", "summary: S", ...extra, "scenario:", ...scenario, "---", ""].join("\n");
const OK_SCENARIO = [
  "  setup:",
  "    - kubectl create namespace broken",
  "  hints:",
  "    - one",
  "  solution:",
  "    - kubectl delete namespace broken",
];
const TASK = '\n<Task id="s2-ns" check="namespaceExists" name="fixed" title="T">\nGoal.\n</Task>\n';
const parse = (src: string) => parseLesson(src, { file: "x.mdx", courseSlug: "c" });

async function scenario(setup: string[], solution: string[], task = TASK): Promise<Lesson> {
  const yaml = ["  setup:", ...setup.map((s) => `    - ${s}`), "  hints:", "    - h", "  solution:", ...solution.map((s) => `    - ${s}`)];
  const r = await parse(FM(yaml) + task);
  if (!r.lesson) throw new Error(r.problems.join("\n"));
  return r.lesson;
}

describe("scenario files", () => {
  it("parse into a scenario with its setup, hints and solution, none of which is in the compiled page", async () => {
    const r = await validateContent(FIXTURES);
    expect(r.problems).toEqual([]);
    const s = r.courses.find((c) => c.meta.slug === "drills")?.lessons[0];
    expect(s?.kind).toBe("scenario");
    expect(s?.objectives).toEqual([]);
    expect(s?.steps).toEqual([]);
    expect(s?.scenario).toEqual({
      setup: [
        { kind: "command", text: "sed -i 's/:6443$/:6444/' /root/.kube/config" },
        { kind: "command", text: "echo setup-was-here > /root/marker" },
        { kind: "timeTravel", days: 1 },
      ],
      hints: ["Read the port in the error.", "`kubectl config set-cluster` rewrites the server."],
      solution: ["kubectl config set-cluster kubernetes --server=https://172.30.1.2:6443"],
    });
    expect(s?.code).toContain("SECRET-GOAL-TEXT-IS-FINE");
    for (const hidden of ["6444", "setup-was-here", "Read the port", "set-cluster kubernetes"]) expect(s?.code).not.toContain(hidden);
    const lesson = r.courses.find((c) => c.meta.slug === "basics")?.lessons[0];
    expect(lesson?.kind).toBe("lesson");
  });

  it.each([
    ["no setup", ["  hints:", "    - h", "  solution:", "    - ls"], /field "scenario.setup" is missing/],
    ["an empty setup", ["  setup: []", "  hints:", "    - h", "  solution:", "    - ls"], /scenario.setup needs at least one step/],
    [
      "a setup step of the wrong shape",
      ["  setup:", "    - days: 3", "  hints:", "    - h", "  solution:", "    - ls"],
      /field "scenario.setup.0": each setup step must be a command line \(a string\), "timeTravel: <days>" or "transform: <name>"/,
    ],
    [
      "an unknown transform",
      ["  setup:", "    - transform: melt-etcd", "  hints:", "    - h", "  solution:", "    - ls"],
      /each setup step must be|transform must be one of: kubeconfig-foreign-ca/,
    ],
    ["no hints", ["  setup:", "    - ls", "  hints: []", "  solution:", "    - ls"], /scenario.hints must have 1 to 3 entries/],
    [
      "four hints",
      ["  setup:", "    - ls", "  hints:", "    - a", "    - b", "    - c", "    - d", "  solution:", "    - ls"],
      /scenario.hints must have 1 to 3 entries/,
    ],
    ["no solution", ["  setup:", "    - ls", "  hints:", "    - h", "  solution: []"], /scenario.solution needs at least one command/],
    [
      "an editor in the solution",
      ["  setup:", "    - ls", "  hints:", "    - h", "  solution:", "    - vim x"],
      /must not use sudo or an editor/,
    ],
    [
      "an unknown key",
      [...OK_SCENARIO, "  answer: 42"],
      /frontmatter field "scenario" has unknown field\(s\) "answer"|unknown field\(s\) "answer"/,
    ],
  ])("reject %s with a message naming the field", async (_what, yaml, re) => {
    const { problems } = await parse(FM(yaml) + TASK);
    expect(
      problems.some((p) => re.test(p)),
      problems.join("\n"),
    ).toBe(true);
  });

  it("reject lesson-only fields and components in a scenario", async () => {
    expect((await parse(FM(OK_SCENARIO, ["objectives:", "  - a", "  - b", "  - c"]) + TASK)).problems).toEqual([
      'x.mdx: frontmatter has unknown field(s) "objectives"',
    ]);
    for (const body of ["<Command>ls</Command>\n", "<TimeTravel days={2} />\n"]) {
      const { problems } = await parse(FM(OK_SCENARIO) + body + TASK);
      expect(problems.join("\n")).toMatch(/is not allowed in a scenario: its body states the goal/);
    }
  });

  it("name their tasks s<order>-…, and need one", async () => {
    const wrongId = TASK.replace("s2-ns", "l2-ns");
    expect((await parse(FM(OK_SCENARIO) + wrongId)).problems.join("\n")).toMatch(/<Task> id "l2-ns" must look like s2-<what>/);
    expect((await parse(FM(OK_SCENARIO) + "Goal.\n")).problems.join("\n")).toMatch(/a scenario needs at least one <Task>/);
  });
});

describe("runScenarioSetup", () => {
  it("breaks the cluster, lets it settle and leaves no trace in the shell", async () => {
    const sim = await freshCluster();
    await sim.exec("cd /tmp");
    const { problems } = await runScenarioSetup(sim, [
      { kind: "command", text: "cd /etc" },
      { kind: "command", text: "echo broken > /root/marker" },
      { kind: "timeTravel", days: 2 },
      { kind: "transform", name: "kubeconfig-foreign-ca" },
    ]);
    expect(problems).toEqual([]);
    expect(sim.state.shell.history).toEqual([]);
    expect(sim.state.shell.cwd).toBe("/root");
    expect(sim.now()).toBe(REPLAY_NOW + 2 * DAY_MS + SETUP_SETTLE_MS);
    expect((await sim.exec("cat /root/marker")).output).toBe("broken\n");
    const login = await runCheck("kubeconfigUserAuthenticatesAs", { kubeconfig: "/root/.kube/config", user: "kubernetes-admin" }, sim);
    expect(login.detail).toMatch(/certificate signed by unknown authority/);
  });

  it("reports a setup command that fails, naming the step", async () => {
    const sim = await freshCluster();
    const { problems } = await runScenarioSetup(sim, [{ kind: "command", text: "kubectl get deployment nope" }]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^setup step 1: `kubectl get deployment nope` exits 1: Error from server \(NotFound\)/);
  });
});

describe("replayScenario (the content check)", () => {
  it("passes a scenario whose tasks fail after the setup and pass after the solution", async () => {
    const r = await validateContent(FIXTURES);
    const s = r.courses.find((c) => c.meta.slug === "drills")?.lessons[0] as Lesson;
    const replay = await replayScenario(s);
    expect(replay.problems).toEqual([]);
    expect(replay.afterSetup.map((t) => t.result.passed)).toEqual([false]);
    expect(replay.afterSetup[0].result.detail).toMatch(/172\.30\.1\.2:6444 was refused/);
    expect(replay.afterSolution.map((t) => t.result.passed)).toEqual([true]);
    expect(replay.commands).toBe(3);
  });

  it("fails a scenario that starts solved", async () => {
    const s = await scenario(["kubectl create namespace fixed"], ["kubectl get ns"]);
    expect((await replayScenario(s)).problems).toEqual([
      "c/t: task s2-ns already passes right after the setup (the scenario starts solved)",
    ]);
  });

  it("fails a reference solution that does not fix the cluster, and one that breaks the replay rule", async () => {
    const s = await scenario(["kubectl create namespace broken"], ["kubectl get ns broken"]);
    const { problems } = await replayScenario(s);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^c\/t: task s2-ns \(namespaceExists\) does not pass after the solution: .*fixed/);
    const typo = await scenario(["kubectl create namespace broken"], ["kubectl create namespce fixed"]);
    expect((await replayScenario(typo)).problems.join("\n")).toMatch(/solution step 1: `kubectl create namespce fixed` exits 1/);
  });

  it("fails a scenario that solves itself while nobody touches the cluster", async () => {
    const job = '\n<Task id="s2-job" check="jobComplete" name="slow" title="T">\nGoal.\n</Task>\n';
    const s = await scenario(["kubectl create job slow --image=busybox:1.36 -- sleep 120"], ["kubectl get jobs"], job);
    const r = await replayScenario(s);
    expect(r.afterSetup.map((t) => t.result.passed)).toEqual([false]);
    expect(r.problems).toEqual(["c/t: task s2-job passes 5 minutes after the setup with nobody touching the cluster"]);
  });

  it("passes when the solution fixes the cluster", async () => {
    const s = await scenario(["kubectl create namespace broken"], ["kubectl create namespace fixed"]);
    expect((await replayScenario(s)).problems).toEqual([]);
  });
});

describe("prerequisites", () => {
  it("are listed on the course", async () => {
    const r = await validateContent(FIXTURES);
    expect(r.courses.map((c) => [c.meta.slug, c.meta.prerequisites])).toEqual([
      ["basics", []],
      ["drills", ["basics"]],
    ]);
  });

  it.each([
    ["an unknown course", ["nope"], /drills\/course.json: prerequisites: there is no course "nope" \(known: basics, drills\)/],
    ["the course itself", ["drills"], /drills\/course.json: prerequisites: a course cannot require itself/],
    ["a cycle", ["basics"], /basics\/course.json: prerequisites form a cycle back to "basics"/],
    ["a duplicate", ["basics", "basics"], /field "prerequisites": prerequisites must not list a course twice/],
    ["a non-slug", ["Basics!"], /field "prerequisites.0": each prerequisite must be a course slug/],
  ])("reject %s", async (what, prerequisites, re) => {
    const dir = await mkdtemp(path.join(tmpdir(), "kubeyard-prereq-"));
    try {
      await cp(FIXTURES, dir, { recursive: true });
      const drills = { slug: "drills", title: "Drills", summary: "S.", level: "Advanced", prerequisites };
      await writeFile(path.join(dir, "courses", "drills", "course.json"), JSON.stringify(drills));
      if (what === "a cycle") {
        const basics = { slug: "basics", title: "Basics", summary: "S.", level: "Beginner", prerequisites: ["drills"] };
        await writeFile(path.join(dir, "courses", "basics", "course.json"), JSON.stringify(basics));
      }
      const r = await validateContent(dir);
      expect(
        r.problems.some((p) => re.test(p)),
        r.problems.join("\n"),
      ).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
