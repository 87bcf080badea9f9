/**
 * Demo lab activity for `npm run seed:demo` and `npm run bench:analytics`: for each learner, the
 * commands they ran for the tasks they attempted (realistic lines, some failing), and their check
 * runs (failed ones, then usually a pass). Rows go through the same tables and the same trigger
 * as the app's, so the rollups are exactly what real use would build. Deterministic per seed.
 * Generated and written a chunk of learners at a time: a million commands never sit in memory.
 */
import type pg from "pg";
import { prng, type CohortLesson } from "@/lib/server/admin/demo-cohort";
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

/** Inserts the cohort's lab activity; returns the counts written. */
export async function insertLabDemo(client: pg.ClientBase, o: LabDemoOptions): Promise<{ commands: number; checks: number }> {
  const rand = prng(o.seed ^ 0x1ab);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const fill = (t: string) =>
    t
      .replace(/\{n\}/g, () => pick(NAMES))
      .replace(/\{f\}/g, () => pick(NAMES))
      .replace(/\{k\}/g, () => String(1 + Math.floor(rand() * 9)));
  const tasks = o.lessons.flatMap((l) => l.taskIds.map((id, i) => ({ courseSlug: l.courseSlug, lessonSlug: l.slug, id, i })));
  if (tasks.length === 0 || o.users.length === 0) return { commands: 0, checks: 0 };
  // Each task: a difficulty and its own few typical mistakes, so the pages differ per task.
  const profile = tasks.map((t, k) => ({
    ...t,
    passP: 0.55 + 0.4 * prng(o.seed + k)(),
    mistakes: [FAILING[k % FAILING.length], FAILING[(k * 5 + 3) % FAILING.length], FAILING[(k * 7 + 1) % FAILING.length]],
    good: [GOOD[k % GOOD.length], GOOD[(k * 3 + 2) % GOOD.length], GOOD[(k * 11 + 5) % GOOD.length], pick(GOOD)],
  }));
  const perLearner = o.commands / o.users.length;
  const courses = [...new Set(tasks.map((t) => t.courseSlug))];
  let commands = 0;
  let checks = 0;
  const CHUNK = 250;
  for (let u0 = 0; u0 < o.users.length; u0 += CHUNK) {
    const cmd: unknown[][] = [[], [], [], [], [], []];
    const chk: unknown[][] = [[], [], [], [], [], [], [], [], []];
    for (const user of o.users.slice(u0, u0 + CHUNK)) {
      // a learner takes one to three courses, does their tasks in order and may stop early
      const mine = new Set(Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(courses)));
      const todo = profile.filter((p) => mine.has(p.courseSlug));
      const reach = Math.max(1, Math.round(todo.length * (0.3 + 0.7 * rand())));
      const budget = Math.max(reach, Math.round(perLearner * (0.5 + rand())));
      const span = o.now.getTime() - user.createdAt.getTime();
      let t = user.createdAt.getTime() + rand() * span * 0.5;
      for (const p of todo.slice(0, reach)) {
        let n = Math.max(1, Math.round((budget / reach) * (0.5 + rand())));
        const passes = rand() < p.passP;
        const rounds = passes ? 1 + Math.floor(rand() * 3) : 1 + Math.floor(rand() * 2);
        for (let r = 1; r <= rounds; r++) {
          const inRound = r === rounds ? n : Math.max(1, Math.floor(n / 2));
          n -= inRound;
          for (let c = 0; c < inRound; c++) {
            const [tpl, exit] = rand() < 0.25 ? pick(p.mistakes) : pick(p.good);
            const line = fill(tpl);
            t += 3000 + rand() * 60_000;
            cmd[0].push(user.id);
            cmd[1].push(p.courseSlug);
            cmd[2].push(new Date(t));
            cmd[3].push(exit);
            cmd[4].push(line);
            cmd[5].push(normalizeCommand(line));
          }
          t += 2000 + rand() * 20_000;
          const passed = passes && r === rounds;
          chk[0].push(user.id);
          chk[1].push(p.courseSlug);
          chk[2].push(p.lessonSlug);
          chk[3].push("TASK");
          chk[4].push(p.id);
          chk[5].push(new Date(t));
          chk[6].push(passed);
          chk[7].push(passed ? "Passed." : "Not yet: the cluster does not show it.");
          chk[8].push(p.courseSlug); // a task's check judges the course's lesson cluster (lab-record.ts, labClusterKey)
        }
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
    commands += cmd[0].length;
    checks += chk[0].length;
    o.onProgress?.(commands, checks);
  }
  return { commands, checks };
}
