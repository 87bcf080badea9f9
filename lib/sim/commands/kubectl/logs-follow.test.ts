/** `kubectl logs -f` as a program on an injected clock: the lines so far, each new line when it is written, the end with the container, Ctrl-C. */
import { describe, expect, it } from "vitest";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { Simulator } from "../../simulator";

const T0 = Date.UTC(2026, 10, 30, 8, 0, 0);
const TERM = { cols: 120, rows: 30 };

async function cluster() {
  const clock = { t: T0 };
  const sim = await Simulator.create({ clock: { now: () => clock.t }, keys: new DeterministicKeySource(4), seed: 4, ageMs: 86_400_000 });
  return { sim, clock };
}

describe("kubectl logs -f in the terminal", () => {
  it("prints --tail lines, then each line at the time the container writes it, until Ctrl-C", async () => {
    const { sim, clock } = await cluster();
    await sim.exec(`kubectl run clock --image=busybox -- sh -c "while true; do date; sleep 5; done"`, TERM);
    clock.t += 20_000;
    const all = (await sim.exec("kubectl logs clock", TERM)).output.split("\n").filter(Boolean);
    expect(all.length).toBeGreaterThan(2);
    const r = await sim.exec("kubectl logs -f clock --tail=1", TERM);
    expect(r).toMatchObject({ mode: "program", screen: `${all[all.length - 1]}\r\n` });
    // it wakes when the next line is written (every 5 s), and prints just that line
    expect(r.nextAt).toBeGreaterThan(clock.t);
    expect(r.nextAt).toBeLessThanOrEqual(clock.t + 5000);
    clock.t = r.nextAt ?? 0;
    const next = await sim.programTick();
    expect(next.output).toMatch(/^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d UTC 2026\r\n$/);
    expect(next.output).not.toBe(`${all[all.length - 1]}\r\n`);
    // the loop's period, give or take the few milliseconds its commands take
    expect(Math.abs((next.nextAt ?? 0) - (r.nextAt ?? 0) - 5000)).toBeLessThan(50);
    const c = await sim.programInterrupt();
    expect(c).toMatchObject({ output: "^C\r\n", ended: { exitCode: 130 } });
  });

  it("ends with status 0 when the followed container terminates, and returns at once for one that already has", async () => {
    const { sim, clock } = await cluster();
    await sim.exec(`kubectl run once --image=busybox --restart=Never -- sh -c "echo one; sleep 8; echo two"`, TERM);
    clock.t += 4000;
    const r = await sim.exec("kubectl logs -f once", TERM);
    expect(r).toMatchObject({ mode: "program", screen: "one\r\n" });
    let out = "";
    let step = { nextAt: r.nextAt ?? null, ended: undefined as { exitCode: number } | undefined };
    for (let i = 0; i < 20 && !step.ended; i++) {
      clock.t = Math.max(clock.t, step.nextAt ?? clock.t);
      const t = await sim.programTick();
      out += t.output;
      step = { nextAt: t.nextAt ?? null, ended: t.ended };
    }
    expect(out).toBe("two\r\n");
    expect(step.ended?.exitCode).toBe(0);
    expect(sim.terminalMode()).toBe("line");
    // the container has exited: the lines, and the prompt back at once
    expect(await sim.exec("kubectl logs -f once", TERM)).toMatchObject({ mode: "line", output: "one\ntwo\n", exitCode: 0 });
  });
});
