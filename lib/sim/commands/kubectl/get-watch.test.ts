/** `kubectl get -w` as a program on an injected clock: start, ticks at the queued events, changes made meanwhile, Ctrl-C. */
import { describe, expect, it } from "vitest";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { Simulator } from "../../simulator";
import { nextDue } from "../../time/timeline";
import { IDLE_WAKE_MS } from "../../programs/cluster-clock";

const T0 = Date.UTC(2026, 10, 30, 8, 0, 0);
const TERM = { cols: 120, rows: 30 };

async function cluster() {
  const clock = { t: T0 };
  const sim = await Simulator.create({ clock: { now: () => clock.t }, keys: new DeterministicKeySource(3), seed: 3, ageMs: 86_400_000 });
  return { sim, clock };
}

describe("kubectl get -w in the terminal", () => {
  it("prints the list, then a row per change at the time of each queued event, until Ctrl-C", async () => {
    const { sim, clock } = await cluster();
    await sim.exec("kubectl create deployment web --image=nginx", TERM);
    const r = await sim.exec("kubectl get pods -w", TERM);
    expect(r.mode).toBe("program");
    expect(r.screen).toMatch(/^NAME {19}READY {3}STATUS {14}RESTARTS {3}AGE\r\nweb-\S+ {3}0\/1 {5}ContainerCreating {3}0 {10}0s\r\n$/);
    // it wakes when the kubelet's next step is due, not every second
    expect(r.nextAt).toBe(nextDue(sim.state));
    let printed = "";
    let at = r.nextAt ?? T0;
    for (let i = 0; i < 10 && !printed.includes("Running"); i++) {
      clock.t = at;
      const step = await sim.programTick();
      printed += step.output;
      at = step.nextAt ?? at;
    }
    expect(printed).toMatch(/web-\S+ {3}1\/1 {5}Running {13}0 {10}\ds\r\n/);
    // a change made while it runs (a course's command, sim:api) is a row at the next step
    await sim.exec("kubectl scale deployment web --replicas=2", TERM);
    const scaled = await sim.programTick();
    expect(scaled.output).toMatch(/0\/1 {5}Pending/);
    // idle: nothing queued at last, it wakes at most a minute later
    for (let due = nextDue(sim.state); due !== undefined; due = nextDue(sim.state)) {
      clock.t = due;
      await sim.programTick();
    }
    expect((await sim.programTick()).nextAt).toBe(sim.now() + IDLE_WAKE_MS);
    const c = await sim.programInterrupt();
    expect(c).toMatchObject({ output: "^C\r\n", mode: "line", ended: { exitCode: 130 } });
    expect((await sim.exec("echo $?", TERM)).output).toBe("130\n");
  });

  it("with --watch-only prints nothing until a change, then the header with the first row; a pipeline gets the list", async () => {
    const { sim, clock } = await cluster();
    const r = await sim.exec("kubectl get deployments --watch-only", TERM);
    expect(r).toMatchObject({ mode: "program", screen: "" });
    await sim.exec("kubectl create deployment api --image=nginx", TERM);
    clock.t += 1000;
    const step = await sim.programTick();
    expect(step.output.split("\r\n")[0]).toBe("NAME   READY   UP-TO-DATE   AVAILABLE   AGE");
    await sim.programInterrupt();
    expect((await sim.exec("kubectl get deployments -w | wc -l", TERM)).output).toBe("2\n");
  });
});
