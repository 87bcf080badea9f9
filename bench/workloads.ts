/**
 * Workload figures for bench/sim.ts: a cluster with 20 Deployments and 200 running pods (half of
 * them with a readiness and a liveness probe, as tutorials write them), left alone
 * for 24 h and then settled at once (the timed event queue jumps; target < 50 ms), and one
 * `kubectl get pods -A` on it (target < 1 ms p50).
 */
import { settle } from "../lib/sim/controllers";
import { nextRandom } from "../lib/sim/core/rng";
import { SimEngine } from "../lib/sim/core/sim-engine";
import { coreutils } from "../lib/sim/commands/coreutils";
import { kubectl } from "../lib/sim/commands/kubectl";
import { resolvePath } from "../lib/sim/fs/vfs";
import { DeterministicKeySource } from "../lib/sim/keys/node-key-source";
import type { CommandContext, KeySource } from "../lib/sim/types";

type Timer = (label: string, n: number, fn: () => Promise<unknown> | unknown) => Promise<void>;

const deployment = (i: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
spec:
  replicas: 10
  selector:
    matchLabels: {app: app-${i}}
  template:
    metadata:
      labels: {app: app-${i}}
    spec:
      tolerations:
      - {key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}
      containers:
      - name: web
        image: ${i % 2 ? "nginx:1.27" : "httpd:2.4"}
${i % 2 ? "        readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 5}\n        livenessProbe: {tcpSocket: {port: 80}, periodSeconds: 10}\n" : ""}`;

function contextOf(engine: SimEngine, now: number, keys: KeySource): CommandContext {
  const state = engine.state;
  return {
    state,
    fs: engine.vfs,
    resolve: (p) => resolvePath("/root", p, "/root"),
    args: [],
    stdin: "",
    env: {},
    now,
    keys,
    random: () => nextRandom(state.rng),
  };
}

export async function benchWorkloads(time: Timer, rows: string[][], saved: unknown, start: number, quick: boolean): Promise<void> {
  const keys = new DeterministicKeySource(1);
  const clock = { t: start };
  const engine = SimEngine.restoreWith(structuredClone(saved), { clock: { now: () => clock.t }, keys }, [...coreutils, kubectl]);
  await engine.exec(`cat > apps.yaml <<'EOF'\n${Array.from({ length: 20 }, (_, i) => deployment(i)).join("---\n")}EOF`);
  let t = performance.now();
  await engine.exec("kubectl apply -f apps.yaml");
  rows.push(["workloads: kubectl apply 20 Deployments (200 pods created and bound)", "1", `${(performance.now() - t).toFixed(2)} ms`, ""]);
  clock.t += 60_000;
  t = performance.now();
  const r = await engine.exec("kubectl get pods -A --no-headers | grep -c Running");
  rows.push([
    "workloads: settle their first minute (pulls, starts, readiness)",
    "1",
    `${(performance.now() - t).toFixed(2)} ms`,
    `${r.output.trim()} Running`,
  ]);
  const json = JSON.stringify(engine.serialize());
  const day = clock.t + 86_400_000;
  // every run settles a copy nobody settled yet (the timer's warm-up runs take copies too)
  const runs = quick ? 5 : 20;
  const copies = Array.from({ length: runs + Math.min(20, runs) }, () =>
    SimEngine.restoreWith(JSON.parse(json), { clock: { now: () => day }, keys }, [...coreutils, kubectl]),
  );
  let i = 0;
  await time("workloads: settle 20 Deployments/200 pods after 24 h away", runs, () => settle(contextOf(copies[i++], day, keys)));
  const steady = copies[0];
  await time("workloads: kubectl get pods -A (220 pods)", quick ? 200 : 2000, () => steady.exec("kubectl get pods -A"));
}
