/**
 * `kubectl port-forward`'s answers before it opens its stream, against real kubectl v1.32 on the
 * same cluster over sim:api: the target's resolution (pod, deployment, Service), the port
 * translation and its errors (portforward.go Complete), the pod's phase (RunPortForwardContext),
 * the addresses and ports client-go's NewOnAddresses parses. A forward that gets past all of them
 * would need the portforward stream, which sim:api does not serve (api/http/resources.ts), so the
 * lines here are those that end before it; the forward itself is port-forward.test.ts's.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { Simulator } from "../../simulator";
import { startSimApi, type SimApi } from "../../../sim-api/server";
import { requireOracle } from "../../../testing/oracles";

const KUBECTL = requireOracle("kubectl");
const T0 = Date.UTC(2026, 10, 30, 8, 0, 0);
const dir = mkdtempSync(join(tmpdir(), "kubeyard-port-forward-"));

const NAMED = {
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "named" },
  spec: {
    selector: { app: "web" },
    ports: [
      { name: "web", port: 80, targetPort: 80 },
      { name: "dns", port: 53, protocol: "UDP" },
    ],
  },
};
const SETUP = [
  "kubectl create deployment web --image=nginx --port=80",
  "kubectl expose deployment web --port=8080 --target-port=80",
  `echo '${JSON.stringify(NAMED)}' | kubectl apply -f -`,
  `kubectl run stuck --image=nginx --overrides='{"spec":{"nodeSelector":{"none":"x"}}}'`,
];

const LINES = [
  "port-forward deploy/web 8080:http",
  "port-forward deploy/web 8080:",
  "port-forward deploy/web x:80",
  "port-forward deploy/web 70000",
  "port-forward deploy/web 8080:0",
  "port-forward deploy/web 8080:x",
  "port-forward deploy/web 80 --address nowhere",
  "port-forward svc/web https",
  "port-forward svc/web 9999",
  "port-forward svc/named 53",
  "port-forward svc/named dns",
  "port-forward pod/nope 80",
  "port-forward deploy/nope 80",
  "port-forward stuck 80",
  // no container port: checkUDPPortInPod looks "" up as a name and fails first
  "port-forward bare 8080:",
  "port-forward bare 8080:http",
  "port-forward",
  "port-forward deploy/web",
];

let sim: Simulator;
let api: SimApi;

beforeAll(async () => {
  const clock = { t: T0 };
  sim = await Simulator.create({ clock: { now: () => clock.t }, keys: new DeterministicKeySource(6), seed: 6, ageMs: 86_400_000 });
  for (const line of SETUP) await sim.exec(line);
  clock.t += 60_000;
  await sim.exec("kubectl get pods");
  api = await startSimApi({ cluster: sim, port: 0 });
  writeFileSync(join(dir, "kubeconfig"), api.kubeconfig());
}, 60_000);

afterAll(async () => {
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Real kubectl's stdout+stderr and status; killed after 10 s (a forward that got through would run on). */
function real(args: string[]): Promise<{ output: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(KUBECTL ?? "", args, {
      env: { HOME: dir, KUBECONFIG: join(dir, "kubeconfig"), PATH: process.env.PATH ?? "" } as unknown as NodeJS.ProcessEnv,
    });
    let output = "";
    child.stdout.on("data", (b: Buffer) => (output += b.toString()));
    child.stderr.on("data", (b: Buffer) => (output += b.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ output, code });
    });
  });
}

describe.skipIf(!KUBECTL)("kubectl port-forward's answers against real kubectl", () => {
  it.each(LINES)("kubectl %s", async (line) => {
    const want = await real(line.split(" "));
    const got = await sim.exec(`kubectl ${line}`);
    expect(got.output).toBe(want.output);
    expect(got.exitCode).toBe(want.code);
  });
});
