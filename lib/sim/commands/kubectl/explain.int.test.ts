/**
 * kubectl explain against real kubectl v1.32.3 on the same cluster over sim:api: stdout, stderr
 * and exit code byte for byte, for what learners type (resources by plural, singular and short
 * name, field paths, --recursive, --api-version, -o) and its errors.
 *
 * What this judges is our renderer (explain.ts, explain-render.ts: the port of explain v2's
 * plaintext template and its funcs) and our resource resolution against kubectl's own, on the
 * SAME data: both read the OpenAPI v3 documents sim:api serves, whose schemas
 * scripts/gen-openapi.mjs derived from npm packages (lib/generated/openapi). It does not judge
 * those schemas against a real v1.32 apiserver's (docs/decisions.md lists the known gaps).
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupVersionSchemas } from "../../api/openapi-schemas";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { Simulator } from "../../simulator";
import { startSimApi, type SimApi } from "../../../sim-api/server";
import { requireOracle } from "../../../testing/oracles";

const KUBECTL = requireOracle("kubectl");
const T0 = Date.UTC(2026, 11, 1, 8, 0, 0);
const CASES = [
  "explain pod",
  "explain pods.spec",
  "explain pod.spec.containers",
  "explain po.spec.containers.resources",
  "explain deploy.spec.strategy.rollingUpdate",
  "explain deployment --recursive",
  "explain svc.spec.ports",
  "explain cm",
  "explain secret.data",
  "explain node.spec.taints",
  "explain pv.spec",
  "explain pvc.spec.resources",
  "explain ingress.spec.rules",
  "explain netpol.spec",
  "explain role.rules",
  "explain clusterrolebinding.subjects",
  "explain sa",
  "explain cronjob.spec.jobTemplate",
  "explain job.spec.backoffLimit",
  "explain hpa.spec --api-version=autoscaling/v2",
  "explain sts.spec.volumeClaimTemplates",
  "explain ds.spec",
  "explain pod.status.conditions",
  "explain ns",
  "explain csr.spec",
  // more shapes: a map of Quantity, a time, group-qualified names, a trailing dot, recursion below a field
  "explain pod.spec.containers.resources.limits",
  "explain pod.metadata.creationTimestamp",
  "explain deployments.apps.spec.replicas",
  "explain deployments.v1.apps",
  "explain pod.spec.",
  "explain pod.spec.affinity --recursive",
  "explain Pod.spec.containers.ports",
  "explain deploy --recursive=true",
  "explain svc --api-version=v1",
  // kinds neither package knows (metrics-server's) and one only client-node-era clusters serve
  "explain pods.metrics.k8s.io",
  "explain nodes.metrics.k8s.io.usage",
  "explain cs",
  // errors
  "explain foo",
  "explain pod.spec.nope",
  "explain",
  "explain pod svc",
  "explain deploy.apps",
  "explain deploy -o json",
  "explain deploy -o plaintext-openapiv2",
  "explain pods --api-version=apps/v1",
  "explain hpa --api-version=autoscaling/v9",
  "explain hpa --api-version=a/b/c",
  "explain pod --recursive=maybe",
  "explain pod --bogus",
];
const dir = mkdtempSync(join(tmpdir(), "kubeyard-explain-"));
let api: SimApi | undefined;
let sim: Simulator;

function real(args: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(KUBECTL ?? "", args.split(" "), {
      env: { HOME: dir, KUBECONFIG: join(dir, "kubeconfig"), PATH: process.env.PATH ?? "" } as unknown as NodeJS.ProcessEnv,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ stdout, stderr, code }));
  });
}

beforeAll(async () => {
  if (!KUBECTL) return;
  sim = await Simulator.create({ clock: { now: () => T0 }, keys: new DeterministicKeySource(7), seed: 7, ageMs: 86_400_000 });
  api = await startSimApi({ cluster: sim, port: 0 });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "kubeconfig"), api.kubeconfig());
}, 60_000);

afterAll(async () => {
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!KUBECTL)("kubectl explain against real kubectl", () => {
  it("has the derived schemas to explain (npm run openapi:generate)", () => {
    expect(groupVersionSchemas("", "v1")).not.toBeNull();
  });

  for (const args of CASES)
    it(`kubectl ${args}`, async () => {
      const want = await real(args);
      // a run that printed nothing would prove nothing
      expect(want.code === 0 ? want.stdout : want.stderr).not.toBe("");
      // stdout and stderr apart, as a script sees them
      const out = await sim.exec(`kubectl ${args} 2>/tmp/err; echo "exit $?"; cat /tmp/err`);
      const at = out.output.lastIndexOf("exit ");
      const [code, ...err] = out.output.slice(at + 5).split("\n");
      expect({ stdout: out.output.slice(0, at), stderr: err.join("\n"), code: Number(code) }).toEqual({
        stdout: want.stdout,
        stderr: want.stderr,
        code: want.code,
      });
    }, 30_000);
});
