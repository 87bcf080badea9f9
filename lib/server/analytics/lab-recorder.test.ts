import { describe, expect, it } from "vitest";
import { LabRecorder, type LabCommandRecord } from "./lab-recorder";

function fakeTimers() {
  const due: { fn: () => void; ms: number; live: boolean }[] = [];
  return {
    schedule: (fn: () => void, ms: number) => {
      const t = { fn, ms, live: true };
      due.push(t);
      return { cancel: () => void (t.live = false) };
    },
    fire() {
      for (const t of due.splice(0)) if (t.live) t.fn();
    },
    live: () => due.filter((t) => t.live).length,
  };
}
const row = (i: number): LabCommandRecord => ({ userId: "u", courseSlug: "c", at: new Date(i), exitCode: 0, line: `echo ${i}` });

describe("LabRecorder", () => {
  it("does not write per command: one insert for everything recorded before the timer fires", async () => {
    const timers = fakeTimers();
    const batches: number[][] = [];
    const r = new LabRecorder(async (rows) => void batches.push(rows.map((x) => x.at.getTime())), { schedule: timers.schedule });
    for (let i = 0; i < 10; i++) r.record(row(i));
    expect(batches).toEqual([]);
    expect(timers.live()).toBe(1);
    timers.fire();
    await r.flush();
    expect(batches).toEqual([[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]]);
  });

  it("flushes at once when a batch is full, in order", async () => {
    const timers = fakeTimers();
    const batches: number[][] = [];
    const r = new LabRecorder(async (rows) => void batches.push(rows.map((x) => x.at.getTime())), {
      schedule: timers.schedule,
      maxBatch: 3,
    });
    for (let i = 0; i < 7; i++) r.record(row(i));
    await r.flush();
    expect(batches.flat()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(batches.every((b) => b.length <= 3)).toBe(true);
  });

  it("keeps rows when the database refuses and writes them on a later flush; bounded, counting what it drops", async () => {
    const timers = fakeTimers();
    let fail = true;
    const written: number[] = [];
    const logs: string[] = [];
    const r = new LabRecorder(
      async (rows) => {
        if (fail) throw new Error("connection refused");
        written.push(...rows.map((x) => x.at.getTime()));
      },
      { schedule: timers.schedule, maxBuffered: 5, log: (m) => logs.push(m) },
    );
    for (let i = 0; i < 4; i++) r.record(row(i));
    await r.flush();
    expect(written).toEqual([]);
    expect(r.pending).toBe(4);
    expect(logs[0]).toMatch(/could not record 4 command/);
    for (let i = 4; i < 8; i++) r.record(row(i));
    expect(r.dropped).toBe(3);
    fail = false;
    await r.flush();
    expect(written).toEqual([3, 4, 5, 6, 7]);
    expect(r.pending).toBe(0);
  });
});
