/**
 * `kubectl logs` through sim:api: real kubectl v1.32 against GET pods/NAME/log, compared byte for
 * byte (stdout, stderr, exit code) with the simulator's own `kubectl logs` on the same cluster at
 * the same clock; `kubectl logs -f` streaming lines written later on the injected clock and ending
 * with its container; exec, attach and port-forward refused with what to do instead.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSimKubectl, writeSimFile, type Outcome } from "../sim/conformance/sim-side";
import { DeterministicKeySource } from "../sim/keys/deterministic-key-source";
import { Simulator } from "../sim/simulator";
import { requireOracle } from "../testing/oracles";
import { startSimApi, type SimApi } from "./server";

const KUBECTL = requireOracle("kubectl");
const T0 = Date.UTC(2026, 10, 30, 8, 0, 0);
const clock = { t: T0 };
const dir = mkdtempSync(join(tmpdir(), "kubeyard-sim-logs-"));
let sim: Simulator;
let api: SimApi;

const ENV = () => ({ HOME: join(dir, "home"), KUBECONFIG: join(dir, "kubeconfig"), PATH: process.env.PATH ?? "" });

function real(args: string[]): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(KUBECTL ?? "", args, { env: ENV() as unknown as NodeJS.ProcessEnv });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ stdout, stderr, exitCode: code ?? -1 }));
  });
}

/** Both kubectls on the same line; real kubectl's client-side klog lines (E1130 ...) are not kubectl's output. */
async function both(line: string): Promise<{ real: Outcome; sim: Outcome }> {
  const args = line.split(" ");
  const r = await real(args);
  const s = await runSimKubectl(sim, args);
  return { real: r, sim: s };
}

const TWO = `apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  containers:
  - name: web
    image: nginx:1.27
  - name: side
    image: busybox
    command: ["sh", "-c", "while true; do echo side-tick; sleep 7; done"]
`;

const WITH_INIT = `apiVersion: v1
kind: Pod
metadata:
  name: withinit
spec:
  initContainers:
  - name: prepare
    image: busybox
    command: ["sh", "-c", "echo preparing; echo prepared"]
  containers:
  - name: app
    image: busybox
    command: ["sh", "-c", "echo app-up; sleep 3600"]
`;

const PENDING = `apiVersion: v1
kind: Pod
metadata:
  name: nowhere
spec:
  nodeSelector:
    disk: none-has-it
  containers:
  - name: app
    image: nginx:1.27
`;

describe.skipIf(!KUBECTL)("kubectl logs through sim:api", () => {
  beforeAll(async () => {
    sim = await Simulator.create({ clock: { now: () => clock.t }, keys: new DeterministicKeySource(7), seed: 7, ageMs: 86_400_000 });
    api = await startSimApi({ cluster: sim, port: 0 });
    mkdirSync(join(dir, "home"));
    writeFileSync(join(dir, "kubeconfig"), api.kubeconfig());
    writeSimFile(sim, "two.yaml", TWO);
    writeSimFile(sim, "pending.yaml", PENDING);
    writeSimFile(sim, "withinit.yaml", WITH_INIT);
    for (const line of [
      "kubectl run web --image=nginx:1.27",
      'kubectl run ticker --image=busybox -- sh -c "while true; do echo tick; date; sleep 5; done"',
      'kubectl run crash --image=busybox -- sh -c "echo starting; sleep 3; echo failing; exit 1"',
      "kubectl apply -f two.yaml",
      "kubectl apply -f pending.yaml",
      "kubectl apply -f withinit.yaml",
      // jane may get pods, not their logs
      "kubectl create role pod-getter --verb=get --resource=pods",
      "kubectl create rolebinding jane-gets-pods --role=pod-getter --user=jane",
    ]) {
      const r = await sim.exec(line);
      expect(r.exitCode, `${line}: ${r.output}`).toBe(0);
    }
    // the containers start, write, and crash restarts once
    for (let i = 0; i < 9; i++) {
      clock.t += 5_000;
      await sim.exec("true");
      await sim.exec("kubectl get pods >/dev/null");
    }
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // each line with the shape of real kubectl's output, so that two empty answers cannot agree
  it.each([
    ["logs web", /^\/docker-entrypoint\.sh: .*\n(.*\n){5,}$/],
    ["logs ticker", /^(tick\nMon Nov 30 08:00:\d\d UTC 2026\n){8,}$/],
    ["logs ticker --tail=3", /^Mon Nov 30 08:00:\d\d UTC 2026\ntick\nMon Nov 30 08:00:\d\d UTC 2026\n$/],
    ["logs ticker --tail=0", /^$/],
    ["logs ticker --timestamps --tail=4", /^(2026-11-30T08:00:\d\d\.\d{1,9}Z (tick|Mon .*)\n){4}$/],
    ["logs ticker --since=12s", /^(tick\nMon Nov 30 08:00:\d\d UTC 2026\n){2,3}$/],
    ["logs ticker --since=1500ms", /^(tick\n)?(Mon .*\n)?$/],
    // kubectl rounds --since to 0 s, which ValidatePodLogOptions refuses
    ["logs ticker --since=100ms", /^The PodLogOptions "ticker" is invalid: sinceSeconds: Invalid value: 0: must be greater than 0\n$/],
    ["logs ticker --since-time=2026-11-30T08:00:30Z --timestamps", /^(2026-11-30T08:00:[34]\d\.\d+Z .*\n){6}$/],
    ["logs ticker --limit-bytes=20", /^tick\nMon Nov 30 08:0$/],
    ["logs two", /^Defaulted container "web" out of: web, side\n\/docker-entrypoint/],
    ["logs two -c side --tail=2", /^side-tick\nside-tick\n$/],
    ["logs two -c side --prefix --tail=1", /^\[pod\/two\/side\] side-tick\n$/],
    ["logs two -c nope", /^error: container nope is not valid for pod two\n$/],
    ["logs withinit", /^Defaulted container "app" out of: app, prepare \(init\)\napp-up\n$/],
    ["logs crash --previous", /^starting\nfailing\n$/],
    ["logs crash -p --timestamps", /^2026-11-30T08:00:\d\d\.\d+Z starting\n2026-11-30T08:00:\d\d\.\d+Z failing\n$/],
    // running again after its back-off, or waiting in it (then the run before is read)
    ["logs crash", /^starting\n(failing\n)?$/],
    ["logs web --previous", /^Error from server \(BadRequest\): previous terminated container "web" in pod "web" not found\n$/],
    // not scheduled: the apiserver has no kubelet to ask and answers 204
    ["logs nowhere", /^$/],
    ["logs nosuch", /^error: error from server \(NotFound\): pods "nosuch" not found in namespace "default"\n$/],
    ["logs deploy/nosuch", /^error: error from server \(NotFound\): deployments.apps "nosuch" not found/],
    [
      "logs ticker --as jane",
      /^Error from server \(Forbidden\): pods "ticker" is forbidden: User "jane" cannot get resource "pods\/log" in API group "" in the namespace "default"\n$/,
    ],
    [
      "logs ticker --as bob",
      /^Error from server \(Forbidden\): pods "ticker" is forbidden: User "bob" cannot get resource "pods" in API group "" in the namespace "default"\n$/,
    ],
    ["logs -l run=ticker", /^(tick\nMon .*\n){5}$/],
  ] as const)("kubectl %s", async (line, shape) => {
    const { real: r, sim: s } = await both(line);
    expect(r.stderr + r.stdout).toMatch(shape);
    expect(s).toEqual(r);
  });

  it("says a container that has not started is waiting, as the kubelet does", async () => {
    const made = await sim.exec('kubectl run fresh --image=busybox -- sh -c "echo hi; sleep 3600"');
    expect(made.exitCode).toBe(0);
    const { real: r, sim: s } = await both("logs fresh");
    expect(r).toEqual({
      stdout: "",
      // the kubelet's text (pkg/kubelet/kubelet_pods.go validateContainerLogStatus), as the apiserver's 400
      stderr: 'Error from server (BadRequest): container "fresh" in pod "fresh" is waiting to start: ContainerCreating\n',
      exitCode: 1,
    });
    expect(s).toEqual(r);
  });

  it("follows a container with -f: lines written later on the cluster clock, then the end with the container", async () => {
    const made = await sim.exec(
      'kubectl run once --image=busybox --restart=Never -- sh -c "echo one; sleep 8; echo two; sleep 4; echo three"',
    );
    expect(made.exitCode).toBe(0);
    clock.t += 4_000;
    await sim.exec("kubectl get pods >/dev/null");
    const follow = (args: string[]) => {
      const child = spawn(KUBECTL ?? "", args, { env: ENV() as unknown as NodeJS.ProcessEnv });
      const seen = { out: "", err: "" };
      child.stdout.on("data", (b: Buffer) => (seen.out += b.toString()));
      child.stderr.on("data", (b: Buffer) => (seen.err += b.toString()));
      const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
      return { child, seen, exited };
    };
    const plain = follow(["logs", "-f", "once"]);
    const stamped = follow(["logs", "-f", "once", "--timestamps"]);
    const until = async (what: () => boolean, label: string) => {
      // the transport pumps streams once a second: a few pumps at most
      for (let i = 0; i < 100 && !what(); i++) await new Promise((r) => setTimeout(r, 100));
      expect(what(), `${label}: ${JSON.stringify(plain.seen)}`).toBe(true);
    };
    const lines = (f: { seen: { out: string } }) => f.seen.out.split("\n").length - 1;
    try {
      await until(() => plain.seen.out === "one\n" && lines(stamped) === 1, "the line written so far");
      clock.t += 9_000;
      await until(() => plain.seen.out === "one\ntwo\n" && lines(stamped) === 2, "the line written 8 s after the first");
      clock.t += 10_000;
      await until(() => plain.seen.out === "one\ntwo\nthree\n" && lines(stamped) === 3, "the last line");
      const timeout = new Promise<"running">((r) => setTimeout(() => r("running"), 5_000));
      expect(await Promise.race([Promise.all([plain.exited, stamped.exited]), timeout])).toEqual([0, 0]);
    } finally {
      plain.child.kill();
      stamped.child.kill();
    }
    // the same lines, and the same timestamps, as the simulator's kubectl prints for the finished container
    await sim.exec("kubectl get pods >/dev/null");
    const { real: r, sim: s } = await both("logs once");
    expect(r.stdout).toBe("one\ntwo\nthree\n");
    expect(s).toEqual(r);
    const withTimes = await runSimKubectl(sim, ["logs", "once", "--timestamps"]);
    expect(withTimes).toEqual({ stdout: stamped.seen.out, stderr: "", exitCode: 0 });
    expect(stamped.seen.out).toMatch(/^(2026-11-30T08:\d\d:\d\d\.\d+Z (one|two|three)\n){3}$/);
  }, 60_000);

  it("refuses exec, attach and port-forward, saying what to do instead, as real kubectl prints it", async () => {
    expect(await real(["exec", "web", "--", "ls"])).toEqual({
      stdout: "",
      stderr:
        "Error from server (ServiceUnavailable): kubectl exec is not served through this API: run it in Kubeyard's browser terminal, where it works on this same cluster\n",
      exitCode: 1,
    });
    const attach = await real(["attach", "web"]);
    expect([attach.exitCode, attach.stderr.split("\n").at(-2)]).toEqual([
      1,
      "Error from server (ServiceUnavailable): kubectl attach is not served through this API, and this practice cluster's containers have no console to attach to: follow a container's output with kubectl logs -f",
    ]);
    const forward = await real(["port-forward", "pod/web", ":80"]);
    expect([forward.exitCode, forward.stderr]).toEqual([
      1,
      "error: error upgrading connection: kubectl port-forward is not served through this API: run it in Kubeyard's browser terminal, where it works on this same cluster (kubectl port-forward svc/NAME 8080:80 &, then curl localhost:8080)\n",
    ]);
  });
});
