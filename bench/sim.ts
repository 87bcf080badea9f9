/**
 * Simulator benchmarks (plain-text table): cluster creation, in-process command latency,
 * serialise/restore cost and state size. Timings are printed, never asserted.
 *
 *   npx tsx bench/sim.ts [--quick]
 */
import { gzipSync } from "node:zlib";
import { run, testEngine } from "../lib/sim/core/testing";
import { SimEngine } from "../lib/sim/core/sim-engine";
import { coreutils } from "../lib/sim/commands/coreutils";
import { DeterministicKeySource, NodeKeySource } from "../lib/sim/keys/node-key-source";
import { benchWorkloads } from "./workloads";

const quick = process.argv.includes("--quick");
const rows: string[][] = [];
const pct = (xs: number[], p: number) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (x: number) => (x < 1 ? `${(x * 1000).toFixed(0)} µs` : `${x.toFixed(2)} ms`);

async function time(label: string, n: number, fn: () => Promise<unknown> | unknown): Promise<void> {
  for (let i = 0; i < Math.min(20, n); i++) await fn(); // warm-up
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  rows.push([label, String(n), ms(pct(xs, 50)), ms(pct(xs, 99))]);
}

const clock = { now: () => Date.UTC(2026, 10, 28, 9, 8, 33) };
const N = quick ? 200 : 2000;
const C = quick ? 10 : 50;

let full: typeof import("../lib/sim/simulator") | undefined;
try {
  full = await import("../lib/sim/simulator");
} catch (e) {
  rows.push([`full cluster: not measured (${(e as Error).message.split("\n")[0].slice(0, 60)})`, "", "", ""]);
}

if (full) {
  const { Simulator } = full;
  await time("create cluster, pre-filled keys (rsa-2048)", C, () =>
    Simulator.create({ clock, keys: new DeterministicKeySource(1), seed: 1 }),
  );
  await time("create cluster, on-demand ecdsa-p256 keys", C, () =>
    Simulator.create({ clock, keys: new NodeKeySource(), seed: 1, config: { keyAlgorithm: "ecdsa-p256" } }),
  );
  const sim = await Simulator.create({ clock, keys: new DeterministicKeySource(1), seed: 1 });
  await sizes("fresh cluster", sim);
  await benchWorkloads(time, rows, sim.serialize(), clock.now(), quick);
  await time("exec: kubectl get pods -A", N, () => sim.exec("kubectl get pods -A"));
  await time("exec: openssl x509 -in apiserver.crt -text -noout", N, () =>
    sim.exec("openssl x509 -in /etc/kubernetes/pki/apiserver.crt -text -noout"),
  );
  // a 3-object manifest (namespace, service account, role); re-applying it is the steady state ("unchanged")
  await sim.exec(`cat > three.yaml <<EOF
apiVersion: v1
kind: Namespace
metadata:
  name: bench
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: builder
  namespace: bench
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
  namespace: bench
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list"]
EOF`);
  await time("exec: kubectl apply -f (3 objects, first run creates)", 1, () => sim.exec("kubectl apply -f three.yaml"));
  await time("exec: kubectl apply -f (3 objects, unchanged)", N / 4, () => sim.exec("kubectl apply -f three.yaml"));
  await time("exec: kubectl get secrets --as=jane (RBAC denied)", N, () => sim.exec("kubectl get secrets -n kube-system --as=jane"));
  // 500 more objects: secrets and service accounts in 5 namespaces
  for (let n = 0; n < 5; n++) {
    await sim.exec(`kubectl create ns load-${n}`);
    for (let i = 0; i < 50; i++)
      await sim.exec(`kubectl create secret generic s-${i} -n load-${n} --from-literal=k=v${i}; kubectl create sa sa-${i} -n load-${n}`);
  }
  rows.push([`objects in the cluster`, "", String(Object.keys(sim.state.objects).length), ""]);
  // the shell history (500 lines of the commands above) is part of this state too
  await sizes("500 more objects, full history", sim);
}

// shell-only figures (always available): the interpreter and coreutils over a bare node
const e = testEngine({ files: { "/root/data.csv": "name,role\n".repeat(200) } });
await time("exec: ls -l /etc (shell only)", N, () => e.exec("ls -l /etc"));
await time("exec: cat data.csv | grep -c role | wc -l (shell only)", N, () => e.exec("cat data.csv | grep -c role | wc -l"));
await time("exec: echo \"$(cat data.csv | base64 | tr -d '\\n')\" | wc -c", N, () =>
  run(e, "echo \"$(cat data.csv | base64 | tr -d '\\n')\" | wc -c"),
);
await sizes("bare node (shell only)", e);

async function sizes(label: string, sim: SimEngine): Promise<void> {
  let json = "";
  await time(`serialize + JSON.stringify (${label})`, quick ? 20 : 100, () => (json = JSON.stringify(sim.serialize())));
  await time(`JSON.parse + restore (${label})`, quick ? 20 : 100, () =>
    SimEngine.restoreWith(JSON.parse(json), { clock, keys: new DeterministicKeySource(1) }, coreutils),
  );
  rows.push([`state size (${label})`, "", `${Buffer.byteLength(json)} B`, `${gzipSync(json).length} B gzip`]);
}

const head = ["measurement", "runs", "p50", "p99"];
const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join("  ");
console.log(`node ${process.version}, ${new Date().toISOString()}`);
console.log(line(head));
console.log(w.map((n) => "-".repeat(n)).join("  "));
for (const r of rows) console.log(line(r));
