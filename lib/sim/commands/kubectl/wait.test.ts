/** kubectl wait as a program on an injected clock, inside a line (&&) and with no terminal attached (the course replay). */
import { describe, expect, it } from "vitest";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { Simulator } from "../../simulator";

const T0 = Date.UTC(2026, 10, 30, 8, 0, 0);
const TERM = { cols: 120, rows: 30 };

async function cluster() {
  const clock = { t: T0 };
  const sim = await Simulator.create({ clock: { now: () => clock.t }, keys: new DeterministicKeySource(7), seed: 7, ageMs: 86_400_000 });
  return { sim, clock };
}

describe("kubectl wait", () => {
  it("holds the terminal until the condition holds, woken at the cluster's queued events", async () => {
    const { sim, clock } = await cluster();
    await sim.exec("kubectl create deployment web --image=nginx --replicas=2", TERM);
    const r = await sim.exec("kubectl wait --for=condition=Available deployment/web", TERM);
    expect(r).toMatchObject({ mode: "program", screen: "" });
    let out = "";
    let at = r.nextAt ?? 0;
    for (let i = 0; i < 20 && sim.terminalMode() === "program"; i++) {
      expect(at).toBeLessThanOrEqual(T0 + 30_000);
      clock.t = at;
      const step = await sim.programTick();
      out += step.output;
      at = step.nextAt ?? at;
      if (step.ended) expect(step.ended.exitCode).toBe(0);
    }
    expect(out).toBe("deployment.apps/web condition met\r\n");
    expect(clock.t - T0).toBeLessThan(10_000);
    expect((await sim.exec("kubectl get deploy web --no-headers", TERM)).output).toMatch(/^web {3}2\/2 /);
    // already met: the answer at once, the prompt stays
    expect(await sim.exec("kubectl wait --for=condition=Available deployment/web", TERM)).toMatchObject({
      mode: "line",
      output: "deployment.apps/web condition met\n",
    });
  });

  it("times out at --timeout on the cluster clock, and Ctrl-C ends it with 130", async () => {
    const { sim, clock } = await cluster();
    await sim.exec("kubectl run bad --image=nosuch.example/x", TERM);
    const r = await sim.exec("kubectl wait --for=condition=Ready pod/bad --timeout=5s", TERM);
    let step: { nextAt?: number | null; output: string; ended?: { exitCode: number } } = { nextAt: r.nextAt, output: "" };
    while (typeof step.nextAt === "number") {
      expect(step.nextAt).toBeLessThanOrEqual(T0 + 5000);
      clock.t = step.nextAt;
      step = await sim.programTick();
    }
    expect(step).toMatchObject({ output: "error: timed out waiting for the condition on pods/bad\r\n", ended: { exitCode: 1 } });
    expect(clock.t).toBe(T0 + 5000);
    await sim.exec("kubectl wait --for=condition=Ready pod/bad", TERM);
    expect(await sim.programInterrupt()).toMatchObject({ output: "^C\r\n", ended: { exitCode: 130 } });
  });

  it("inside a line it waits on the simulated clock, so what follows sees the deployment ready", async () => {
    const { sim } = await cluster();
    const r = await sim.exec(
      "kubectl create deployment web --image=nginx --replicas=3 >/dev/null && kubectl wait --for=condition=Available deployment/web && kubectl get deploy web --no-headers",
      TERM,
    );
    expect(r.mode).toBe("line");
    expect(r.output).toMatch(/^deployment\.apps\/web condition met\nweb +3\/3 +3 +3 /);
    expect(sim.now()).toBeGreaterThan(T0);
  });

  it("with no terminal attached (the course replay) it runs to its end and the next command sees the result", async () => {
    const { sim } = await cluster();
    await sim.exec("kubectl create deployment web --image=nginx --replicas=2");
    const r = await sim.exec("kubectl wait --for=condition=Available deployment/web");
    expect(r).toMatchObject({ mode: "line", exitCode: 0, output: "deployment.apps/web condition met\n" });
    expect((await sim.exec("kubectl get deploy web --no-headers")).output).toMatch(/^web {3}2\/2 /);
  });
});
