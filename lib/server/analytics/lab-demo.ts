/**
 * Demo lab activity for `npm run seed:demo` and `npm run bench:analytics`: for each learner, the
 * commands they ran for the units they attempted (a lesson's tasks, or a challenge scenario on its
 * own cluster: realistic lines, some failing), their check runs (failed ones, then usually a
 * pass), and for scenarios the hints they revealed and their attempts (scenario_attempts, as the
 * scenario page records them). Rows go through the same tables, the same trigger and the same
 * hint upsert as the app's, so the rollups are exactly what real use would build. Deterministic
 * per seed. Generated and written a chunk of learners at a time: a million commands never sit in
 * memory.
 */
import type pg from "pg";
import { prng, type CohortLesson } from "@/lib/server/admin/demo-cohort";
import { labClusterKey, type LabUnitKind } from "./lab-record";
import { normalizeCommand } from "./normalize-command";

// [line, exit status]; {n} a name, {f} a file, {k} a number.
const GOOD: [string, number][] = [
  ["kubectl get pods -A", 0],
  ["kubectl get nodes -o wide", 0],
  ["kubectl get pods -n {n}", 0],
  ["kubectl describe pod {n}", 0],
  ["kubectl create deployment {n} --image=nginx:1.27", 0],
  ["kubectl scale deployment {n} --replicas={k}", 0],
  ["kubectl get csr", 0],
  ["kubectl certificate approve {n}", 0],
  ["kubectl auth can-i list pods --as {n} -n {n}", 0],
  ["openssl x509 -in /etc/kubernetes/pki/{f}.crt -noout -text", 0],
  ["openssl x509 -in {f}.crt -noout -subject -issuer", 0],
  ["openssl genrsa -out {f}.key 2048", 0],
  ['openssl req -new -key {f}.key -subj "/CN={n}/O=dev" -out {f}.csr', 0],
  ["openssl verify -CAfile /etc/kubernetes/pki/ca.crt {f}.crt", 0],
  ["kubeadm certs check-expiration", 0],
  ["kubeadm certs renew {n}", 0],
  ["ls /etc/kubernetes/pki", 0],
  ["cat {f}.crt | base64 -w0", 0],
  ["cd /root", 0],
  ["export KUBECONFIG=/root/{f}.kubeconfig", 0],
  ["kubectl config use-context {n}", 0],
  ["kubectl get csr {n} -o jsonpath='{.status.certificate}' | base64 -d > {f}.crt", 0],
  ["kubectl get events --sort-by=.lastTimestamp", 0],
  ["kubectl logs {n} --previous", 0],
  ["crictl ps -a", 0],
  ["kubectl uncordon node01", 0],
  ["vim /etc/kubernetes/manifests/kube-apiserver.yaml", 0],
  ["kubectl get endpoints {n}", 0],
];
const FAILING: [string, number][] = [
  ["kubectl get pod {n}", 1],
  ["kubectl create deployment {n}", 1],
  ["kubectl apply -f {f}.yaml", 1],
  ["kubectl certificate approve {n}", 1],
  ["kubect get pods", 127],
  ["openssl x509 -in {f}.pem -text", 1],
  ["openssl verify {f}.crt", 2],
  ["kubeadm cert check-expiration", 1],
  ["kubectl auth can-i create deployments --as {n}", 1],
  ["kubectl --kubeconfig {f}.kubeconfig get pods", 1],
  ["cat /etc/kubernetes/pki/{f}.key", 1],
  ["kubectl config use-context {n}", 1],
  ["kubectl logs {n}", 1],
  ["kubectl describe pod {n} -n kube-sytem", 1],
  ["crictl logs {n}", 1],
];
const NAMES = ["web", "api", "jane", "ops", "dev", "jane-csr", "apiserver", "demo", "db", "cache"];

export interface LabDemoOptions {
  users: { id: string; createdAt: Date }[];
  lessons: CohortLesson[];
  seed: number;
  /** commands in total, spread over the learners (about) */
  commands: number;
  now: Date;
  onProgress?: (commands: number, checks: number) => void;
}

async function bulk(client: pg.ClientBase, table: string, columns: [string, string][], cols: unknown[][]): Promise<void> {
  if (cols[0].length === 0) return;
  const list = columns.map(([c]) => `"${c}"`).join(", ");
  const params = columns.map(([, t], i) => `$${i + 1}::${t}[]`).join(", ");
  await client.query(`INSERT INTO ${table} (${list}) SELECT * FROM unnest(${params})`, cols);
}

/** A unit of lab work as the demo plays it: its cluster, hints, difficulty and typical lines. */
interface DemoUnit {
  kind: LabUnitKind;
  courseSlug: string;
  lessonSlug: string;
  unitId: string;
  clusterKey: string;
  hints: number;
  passP: number;
  mistakes: [string, number][];
  good: [string, number][];
}

/** One learner's hints on one scenario, their attempt, and when each hint was shown. */
interface ScenarioPlay {
  unit: DemoUnit;
  userId: string;
  attemptId: string;
  startedAt: number;
  reveals: number[];
  checks: number;
  solvedAt: number | null;
}

/**
 * The app's hint upsert (lab-record.ts insertHintReveal) for many reveals at once: each learner's
 * reveals on a scenario add to their unit row (made now if it is their first contact) and to the
 * unit's totals, a new learner counted once.
 */
async function bulkHints(client: pg.ClientBase, plays: ScenarioPlay[]): Promise<void> {
  const shown = plays.filter((p) => p.reveals.length > 0);
  if (shown.length === 0) return;
  await client.query(
    `WITH h AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::int[])
                   AS h(user_id, course_slug, unit_id, lesson_slug, at, n)
     ), ins AS (
       INSERT INTO lab_learner_units AS l (course_slug, unit_kind, unit_id, user_id, lesson_slug, started_at, hints_used)
       SELECT course_slug, 'SCENARIO', unit_id, user_id, lesson_slug, at, n FROM h
       ON CONFLICT (course_slug, unit_kind, unit_id, user_id) DO UPDATE SET hints_used = l.hints_used + EXCLUDED.hints_used
       RETURNING user_id, course_slug, unit_id, (xmax = 0) AS is_new
     )
     INSERT INTO lab_unit_stats AS s (course_slug, unit_kind, unit_id, lesson_slug, hints_used, learners)
     SELECT h.course_slug, 'SCENARIO', h.unit_id, min(h.lesson_slug), sum(h.n), count(*) FILTER (WHERE ins.is_new)
       FROM h JOIN ins USING (user_id, course_slug, unit_id)
      GROUP BY h.course_slug, h.unit_id
     ON CONFLICT (course_slug, unit_kind, unit_id)
     DO UPDATE SET hints_used = s.hints_used + EXCLUDED.hints_used, learners = s.learners + EXCLUDED.learners`,
    [
      shown.map((p) => p.userId),
      shown.map((p) => p.unit.courseSlug),
      shown.map((p) => p.unit.unitId),
      shown.map((p) => p.unit.lessonSlug),
      shown.map((p) => new Date(p.reveals[0])),
      shown.map((p) => p.reveals.length),
    ],
  );
}

/** The scenario page's attempt rows: one attempt per learner and scenario, its hint reveals. */
async function insertAttempts(client: pg.ClientBase, plays: ScenarioPlay[]): Promise<void> {
  await bulk(
    client,
    "scenario_attempts",
    [
      ["id", "text"],
      ["user_id", "text"],
      ["course_slug", "text"],
      ["scenario_slug", "text"],
      ["attempt_number", "int4"],
      ["started_at", "timestamptz"],
      ["hints_used", "int4"],
      ["checks", "int4"],
      ["solved_at", "timestamptz"],
      ["time_to_solve_ms", "int4"],
    ],
    [
      plays.map((p) => p.attemptId),
      plays.map((p) => p.userId),
      plays.map((p) => p.unit.courseSlug),
      plays.map((p) => p.unit.unitId),
      plays.map(() => 1),
      plays.map((p) => new Date(p.startedAt)),
      plays.map((p) => p.reveals.length),
      plays.map((p) => p.checks),
      plays.map((p) => (p.solvedAt === null ? null : new Date(p.solvedAt))),
      plays.map((p) => (p.solvedAt === null ? null : Math.round(p.solvedAt - p.startedAt))),
    ],
  );
  const reveals = plays.flatMap((p) => p.reveals.map((at, i) => [p.attemptId, i, new Date(at)] as const));
  await bulk(
    client,
    "scenario_hint_reveals",
    [
      ["attempt_id", "text"],
      ["hint_index", "int4"],
      ["revealed_at", "timestamptz"],
    ],
    [reveals.map((r) => r[0]), reveals.map((r) => r[1]), reveals.map((r) => r[2])],
  );
}

/** Inserts the cohort's lab activity; returns the counts written. */
export async function insertLabDemo(
  client: pg.ClientBase,
  o: LabDemoOptions,
): Promise<{ commands: number; checks: number; scenarioAttempts: number; hints: number }> {
  const rand = prng(o.seed ^ 0x1ab);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const fill = (t: string) =>
    t
      .replace(/\{n\}/g, () => pick(NAMES))
      .replace(/\{f\}/g, () => pick(NAMES))
      .replace(/\{k\}/g, () => String(1 + Math.floor(rand() * 9)));
  // a lesson's tasks are units on the course's cluster; a scenario is one unit on its own cluster
  type PlainUnit = Pick<DemoUnit, "kind" | "courseSlug" | "lessonSlug" | "unitId" | "hints">;
  const plain = o.lessons.flatMap((l): PlainUnit[] =>
    l.scenarioHints !== undefined
      ? [{ kind: "SCENARIO", courseSlug: l.courseSlug, lessonSlug: l.slug, unitId: l.slug, hints: l.scenarioHints }]
      : l.taskIds.map((id) => ({ kind: "TASK", courseSlug: l.courseSlug, lessonSlug: l.slug, unitId: id, hints: 0 })),
  );
  const empty = { commands: 0, checks: 0, scenarioAttempts: 0, hints: 0 };
  if (plain.length === 0 || o.users.length === 0) return empty;
  // Each unit: a difficulty and its own few typical mistakes, so the pages differ per unit.
  const units: DemoUnit[] = plain.map((u, k) => ({
    ...u,
    clusterKey: labClusterKey({ courseSlug: u.courseSlug, unitKind: u.kind, unitId: u.unitId }),
    passP: 0.55 + 0.4 * prng(o.seed + k)(),
    mistakes: [FAILING[k % FAILING.length], FAILING[(k * 5 + 3) % FAILING.length], FAILING[(k * 7 + 1) % FAILING.length]],
    good: [GOOD[k % GOOD.length], GOOD[(k * 3 + 2) % GOOD.length], GOOD[(k * 11 + 5) % GOOD.length], pick(GOOD)],
  }));
  const perLearner = o.commands / o.users.length;
  const courses = [...new Set(units.map((t) => t.courseSlug))];
  const total = { ...empty };
  const CHUNK = 250;
  for (let u0 = 0; u0 < o.users.length; u0 += CHUNK) {
    const cmd: unknown[][] = [[], [], [], [], [], []];
    const chk: unknown[][] = [[], [], [], [], [], [], [], [], []];
    const plays: ScenarioPlay[] = [];
    for (const user of o.users.slice(u0, u0 + CHUNK)) {
      // a learner takes one to three courses, does their units in order and may stop early
      const mine = new Set(Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(courses)));
      const todo = units.filter((p) => mine.has(p.courseSlug));
      const reach = Math.max(1, Math.round(todo.length * (0.3 + 0.7 * rand())));
      const budget = Math.max(reach, Math.round(perLearner * (0.5 + rand())));
      const span = o.now.getTime() - user.createdAt.getTime();
      let t = user.createdAt.getTime() + rand() * span * 0.5;
      for (const p of todo.slice(0, reach)) {
        let n = Math.max(1, Math.round((budget / reach) * (0.5 + rand())));
        const passes = rand() < p.passP;
        const rounds = passes ? 1 + Math.floor(rand() * 3) : 1 + Math.floor(rand() * 2);
        const play: ScenarioPlay | undefined =
          p.kind === "SCENARIO"
            ? { unit: p, userId: user.id, attemptId: `demo-${user.id}-${p.unitId}`, startedAt: t, reveals: [], checks: 0, solvedAt: null }
            : undefined;
        for (let r = 1; r <= rounds; r++) {
          const inRound = r === rounds ? n : Math.max(1, Math.floor(n / 2));
          n -= inRound;
          for (let c = 0; c < inRound; c++) {
            const [tpl, exit] = rand() < 0.25 ? pick(p.mistakes) : pick(p.good);
            const line = fill(tpl);
            t += 3000 + rand() * 60_000;
            cmd[0].push(user.id);
            cmd[1].push(p.clusterKey); // commands are recorded under the cluster they ran on
            cmd[2].push(new Date(t));
            cmd[3].push(exit);
            cmd[4].push(line);
            cmd[5].push(normalizeCommand(line));
          }
          // stuck after a failed check, a learner often reveals the next hint before going on
          if (play && r > 1 && play.reveals.length < p.hints && rand() < 0.6) play.reveals.push((t += 1000 + rand() * 10_000));
          t += 2000 + rand() * 20_000;
          const passed = passes && r === rounds;
          chk[0].push(user.id);
          chk[1].push(p.courseSlug);
          chk[2].push(p.lessonSlug);
          chk[3].push(p.kind);
          chk[4].push(p.unitId);
          chk[5].push(new Date(t));
          chk[6].push(passed);
          chk[7].push(passed ? "Passed." : "Not yet: the cluster does not show it.");
          chk[8].push(p.clusterKey);
          if (play) {
            play.checks++;
            if (passed) play.solvedAt = t;
          }
        }
        if (play) plays.push(play);
      }
    }
    await bulk(
      client,
      "lab_commands",
      [
        ["user_id", "text"],
        ["course_slug", "text"],
        ["at", "timestamptz"],
        ["exit_code", "int4"],
        ["line", "text"],
        ["normalized", "text"],
      ],
      cmd,
    );
    // before the check runs, as in the app, where a hint is shown before the check it helped
    await bulkHints(client, plays);
    await insertAttempts(client, plays);
    // one statement, rows in time order per learner: the row trigger claims each check's window
    await bulk(
      client,
      "lab_check_runs",
      [
        ["user_id", "text"],
        ["course_slug", "text"],
        ["lesson_slug", "text"],
        ["unit_kind", "lab_unit_kind"],
        ["unit_id", "text"],
        ["at", "timestamptz"],
        ["passed", "bool"],
        ["detail", "text"],
        ["cluster_key", "text"],
      ],
      chk,
    );
    total.commands += cmd[0].length;
    total.checks += chk[0].length;
    total.scenarioAttempts += plays.length;
    total.hints += plays.reduce((a, p) => a + p.reveals.length, 0);
    o.onProgress?.(total.commands, total.checks);
  }
  return total;
}
