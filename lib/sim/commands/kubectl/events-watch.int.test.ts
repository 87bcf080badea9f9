/**
 * `kubectl events -w` against real kubectl v1.32 watching the same cluster over sim:api. kubectl
 * computes LAST SEEN itself from its own clock (event_printer.go translateTimestampSince), so the
 * real kubectl's cluster runs on the wall clock, stepped to each queued event as that time comes,
 * and the ages (a second or two at most, two characters wide either way) are compared as "Ns";
 * everything else, the rows, their order, the per-event flushes and remembered widths, must match
 * the program's output on the injected clock.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { Simulator } from "../../simulator";
import { nextDue } from "../../time/timeline";
import { startSimApi } from "../../../sim-api/server";
import { requireOracle } from "../../../testing/oracles";

const KUBECTL = requireOracle("kubectl");
const T0 = Date.UTC(2026, 10, 30, 8, 0, 0);
const SETUP = "kubectl create deployment web --image=nginx --replicas=2";
const dir = mkdtempSync(join(tmpdir(), "kubeyard-events-watch-"));
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cluster = (now: () => number) =>
  Simulator.create({ clock: { now }, keys: new DeterministicKeySource(5), seed: 5, ageMs: 86_400_000 });

/** Real kubectl's output, its cluster on the wall clock and settled at each queued event up to 15 s after the setup. */
async function real(args: string[]): Promise<string> {
  // the cluster's clock stands still until kubectl has its first answer, as the program's does at its start
  const clock = { frozenAt: Date.now() as number | undefined, shift: 0 };
  const sim = await cluster(() => clock.frozenAt ?? Date.now() - clock.shift);
  await sim.exec(SETUP);
  const api = await startSimApi({ cluster: sim, port: 0 });
  writeFileSync(join(dir, "kubeconfig"), api.kubeconfig());
  const child = spawn(KUBECTL ?? "", args, {
    env: { HOME: dir, KUBECONFIG: join(dir, "kubeconfig"), PATH: process.env.PATH ?? "" } as unknown as NodeJS.ProcessEnv,
  });
  let out = "";
  child.stdout.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr.on("data", (b: Buffer) => (out += b.toString()));
  try {
    for (let waited = 0; !out && waited < 10_000; waited += 100) await pause(100);
    clock.shift = Date.now() - (clock.frozenAt ?? 0);
    clock.frozenAt = undefined;
    const end = Date.now() + 15_000;
    for (let due = nextDue(sim.state); due !== undefined && due - sim.state.clockOffsetMs <= end; due = nextDue(sim.state)) {
      await pause(Math.max(0, due - sim.state.clockOffsetMs - Date.now()));
      await sim.exec("kubectl get --raw /healthz >/dev/null"); // settles the controllers at `due`
    }
    await pause(1500);
    return out;
  } finally {
    child.kill("SIGINT");
    await api.close();
  }
}

async function ours(line: string): Promise<string> {
  const sim = await cluster(() => T0);
  await sim.exec(SETUP);
  const r = await sim.exec(line);
  expect(r.exitCode).toBe(1);
  return r.output.replace(/\^C\n$/, "");
}

/** The ages, which kubectl reads off its own clock. */
const ages = (text: string) => text.replace(/^(\S+ +)?\d+s(?= )/gm, (_m, ns: string | undefined) => `${ns ?? ""}Ns`);

describe.skipIf(!KUBECTL)("kubectl events -w against real kubectl", () => {
  for (const args of ["events -w", "events -A -w --types=Normal"]) {
    it(`prints what real kubectl prints: kubectl ${args}`, async () => {
      const [want, got] = await Promise.all([real(args.split(" ")), ours(`kubectl ${args}`)]);
      const lines = want.split("\n").length - 1;
      expect(lines).toBeGreaterThan(8);
      expect(ages(got).slice(0, ages(want).length)).toBe(ages(want));
      console.log(`kubectl ${args}: ${lines} lines identical to real kubectl's (ages as Ns)`);
    }, 60_000);
  }
});
