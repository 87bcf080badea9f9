/**
 * `kubectl events -w` as a program on an injected clock: the events there are, each flushed on its
 * own through the remembering tabwriter (events.go runWatch), then each new event at the time it
 * is recorded, --types and --for, nothing (no "No events found") while there is none, Ctrl-C.
 */
import { describe, expect, it } from "vitest";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { Simulator } from "../../simulator";

const T0 = Date.UTC(2026, 10, 30, 8, 0, 0);
const TERM = { cols: 120, rows: 30 };

async function cluster() {
  const clock = { t: T0 };
  const sim = await Simulator.create({ clock: { now: () => clock.t }, keys: new DeterministicKeySource(3), seed: 3, ageMs: 86_400_000 });
  return { sim, clock };
}

/** Ticks the program at each time it asks for, up to `until`; what it printed. */
async function follow(sim: Simulator, clock: { t: number }, first: number | undefined, until: number): Promise<string> {
  let out = "";
  let at = first;
  while (at !== undefined && at <= until) {
    clock.t = at;
    const step = await sim.programTick();
    out += step.output;
    at = step.nextAt ?? undefined;
  }
  return out;
}

describe("kubectl events -w in the terminal", () => {
  it("prints each event flushed on its own, then each new one when it is recorded, until Ctrl-C (status 1)", async () => {
    const { sim, clock } = await cluster();
    await sim.exec("kubectl create deployment web --image=nginx", TERM);
    const r = await sim.exec("kubectl events -w", TERM);
    expect(r.mode).toBe("program");
    const first = (r.screen ?? "").split("\r\n");
    // the header is flushed with the first event only; the next, wider REASON widens its own row
    expect(first[0]).toMatch(/^LAST SEEN {3}TYPE {5}REASON {6}OBJECT +MESSAGE$/);
    expect(first[1]).toMatch(/^0s {10}Normal {3}Scheduled {3}Pod\/web-\S+ {3}Successfully assigned default\/web-\S+ to node\d+$/);
    expect(first[2]).toMatch(/^0s {10}Normal {3}SuccessfulCreate {3}ReplicaSet\/web-\S+ {3}Created pod: web-\S+$/);
    const later = await follow(sim, clock, r.nextAt ?? undefined, T0 + 30_000);
    const rows = later.split("\r\n").filter(Boolean);
    expect(rows.map((l) => l.split(/\s+/)[2])).toEqual(expect.arrayContaining(["Pulling", "Pulled", "Created", "Started"]));
    // printed when recorded: LAST SEEN 0s, the columns as wide as the widest printed so far
    for (const l of rows) expect(l).toMatch(/^0s {10}Normal {3}\S+ +Pod\/web-\S+ +\S/);
    expect(await sim.programInterrupt()).toMatchObject({ output: "^C\r\n", ended: { exitCode: 1 } });
  });

  it("keeps only --types and the object of --for, and prints nothing while there is no event", async () => {
    const { sim, clock } = await cluster();
    const empty = await sim.exec("kubectl events -w -n kube-public", TERM);
    expect(empty).toMatchObject({ mode: "program", screen: "" });
    await sim.programInterrupt();
    const w = await sim.exec("kubectl events -w --types=Warning", TERM);
    expect(w.screen).toBe("");
    await sim.exec("kubectl run typo --image=nginxx");
    const warnings = await follow(sim, clock, w.nextAt ?? undefined, T0 + 60_000);
    const lines = warnings.split("\r\n").filter(Boolean);
    expect(lines[0]).toMatch(/^LAST SEEN {3}TYPE {6}REASON {3}OBJECT {5}MESSAGE$/);
    expect(lines.slice(1).every((l) => /^0s( \(x\d+ over \d+s\))? +Warning {3}Failed {3}Pod\/typo {3}/.test(l))).toBe(true);
    expect(lines.length).toBeGreaterThan(1);
    // a repeated event comes again as MODIFIED, with its count, and widens LAST SEEN from then on
    expect(lines).toContainEqual(expect.stringMatching(/^0s \(x2 over \d+s\) {3}Warning {3}Failed {3}Pod\/typo {3}Error: ErrImagePull$/));
    await sim.programInterrupt();
    const forPod = await sim.exec("kubectl events -w --for pod/typo --types=Normal", TERM);
    const rows = (forPod.screen ?? "").split("\r\n").filter(Boolean);
    expect(rows.slice(1).every((l) => / Normal +\S+ +Pod\/typo /.test(l))).toBe(true);
    expect(rows.length).toBeGreaterThan(1);
  });
});
