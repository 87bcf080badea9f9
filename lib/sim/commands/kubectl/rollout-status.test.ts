/** kubectl rollout status as a program on an injected clock: a line per new status as the rollout progresses, the end, Ctrl-C. */
import { describe, expect, it } from "vitest";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { Simulator } from "../../simulator";

const T0 = Date.UTC(2026, 10, 30, 8, 0, 0);
const TERM = { cols: 120, rows: 30 };

async function cluster() {
  const clock = { t: T0 };
  const sim = await Simulator.create({ clock: { now: () => clock.t }, keys: new DeterministicKeySource(8), seed: 8, ageMs: 86_400_000 });
  return { sim, clock };
}

const waiting = (n: number) => `Waiting for deployment "web" rollout to finish: ${n} of 3 updated replicas are available...\r\n`;

describe("kubectl rollout status", () => {
  it("streams each new status line at the time it changes, then successfully rolled out", async () => {
    const { sim, clock } = await cluster();
    await sim.exec("kubectl create deployment web --image=nginx --replicas=3", TERM);
    const r = await sim.exec("kubectl rollout status deployment/web", TERM);
    expect(r).toMatchObject({ mode: "program", screen: waiting(0) });
    let out = r.screen ?? "";
    let at = r.nextAt ?? 0;
    let ticks = 0;
    while (sim.terminalMode() === "program" && ticks < 30) {
      clock.t = at;
      const step = await sim.programTick();
      out += step.output;
      at = step.nextAt ?? at;
      ticks++;
      if (step.ended) expect(step.ended.exitCode).toBe(0);
    }
    expect(out).toBe(`${waiting(0)}${waiting(1)}${waiting(2)}deployment "web" successfully rolled out\r\n`);
    // it woke at the kubelets' events, a few times, not once a second
    expect(ticks).toBeLessThan(15);
    // done: the next one answers at once
    expect(await sim.exec("kubectl rollout status deployment/web", TERM)).toMatchObject({
      mode: "line",
      output: 'deployment "web" successfully rolled out\n',
    });
  });

  it("ends at --timeout with kubectl's error, and Ctrl-C ends it with 130", async () => {
    const { sim, clock } = await cluster();
    await sim.exec("kubectl create deployment web --image=nosuch.example/x --replicas=3", TERM);
    const r = await sim.exec("kubectl rollout status deployment/web --timeout=20s", TERM);
    let step: { nextAt?: number | null; output: string; ended?: { exitCode: number } } = { nextAt: r.nextAt, output: "" };
    while (typeof step.nextAt === "number") {
      clock.t = step.nextAt;
      step = await sim.programTick();
    }
    expect(step).toMatchObject({ output: "error: timed out waiting for the condition\r\n", ended: { exitCode: 1 } });
    expect(clock.t).toBe(T0 + 20_000);
    await sim.exec("kubectl rollout status deployment/web", TERM);
    expect(await sim.programInterrupt()).toMatchObject({ output: "^C\r\n", ended: { exitCode: 130 } });
  });

  it("with no terminal attached (the course replay) it runs to its end, and the deployment is ready afterwards", async () => {
    const { sim } = await cluster();
    await sim.exec("kubectl create deployment web --image=nginx --replicas=3");
    const r = await sim.exec("kubectl rollout status deployment/web");
    expect(r).toMatchObject({ mode: "line", exitCode: 0 });
    expect(r.output.endsWith('deployment "web" successfully rolled out\n')).toBe(true);
    expect((await sim.exec("kubectl get deploy web --no-headers")).output).toMatch(/^web +3\/3 /);
  });
});
