/**
 * kubectl wait against real kubectl v1.32.3 on the same cluster over sim:api: the messages, their
 * streams and exit codes for conditions that hold, time out, are unknown or concern missing
 * objects. Real kubectl's cluster stands still (its clock is frozen), so a timeout is a real
 * second there and a simulated one here; each of our runs starts from the same fresh cluster.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { Simulator } from "../../simulator";
import { startSimApi, type SimApi } from "../../../sim-api/server";
import { requireOracle } from "../../../testing/oracles";

const KUBECTL = requireOracle("kubectl");
const T0 = Date.UTC(2026, 10, 30, 8, 0, 0);
const SETUP = ["kubectl create deployment web --image=nginx --replicas=2", "sleep 10", "kubectl run bad --image=nosuch.example/x"];
const CASES = [
  "wait --for=condition=Ready pod -l app=web",
  "wait --for=condition=Available deployment/web",
  "wait --for=condition=Ready pod/bad --timeout=1s",
  "wait --for=delete pod/nosuch --timeout=1s",
  "wait --for=condition=Ready pod/nosuch",
  "wait --for=jsonpath={.status.phase}=Pending pod/bad",
  "wait --for=jsonpath={.status.phase}=Running pod/bad --timeout=1s",
  "wait pod/bad",
  "wait --for=bogus pod/bad",
  "wait --for=condition=Ready pods --all --timeout=1s",
  "wait --for=condition=Ready --all",
  "wait --for=condition=Ready pod/bad --timeout=0s",
  "wait --for=condition=Ready=false pod/bad",
  "wait --for=create pod/bad",
];
const dir = mkdtempSync(join(tmpdir(), "kubeyard-wait-"));
let api: SimApi | undefined;

async function cluster(): Promise<Simulator> {
  const sim = await Simulator.create({ clock: { now: () => T0 }, keys: new DeterministicKeySource(6), seed: 6, ageMs: 86_400_000 });
  for (const l of SETUP) await sim.exec(l);
  return sim;
}

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
  api = await startSimApi({ cluster: await cluster(), port: 0 });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "kubeconfig"), api.kubeconfig());
}, 60_000);

afterAll(async () => {
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!KUBECTL)("kubectl wait against real kubectl", () => {
  for (const args of CASES)
    it(`kubectl ${args}`, async () => {
      const want = await real(args);
      const sim = await cluster();
      // stdout and stderr apart, as a script sees them
      const out = await sim.exec(`kubectl ${args} 2>/tmp/err; echo "exit $?"; cat /tmp/err`);
      const [stdout, rest] = out.output.split(/^exit /m);
      const [code, ...err] = rest.split("\n");
      expect({ stdout, stderr: err.join("\n"), code: Number(code) }).toEqual({ stdout: want.stdout, stderr: want.stderr, code: want.code });
    }, 30_000);
});
