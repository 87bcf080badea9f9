/**
 * Background jobs at the prompt: `[n] pid` when started, Running in `jobs` until the cluster clock
 * passes the job's end, and the Done / Exit N notice at the first prompt after that, never at the
 * prompt right after the start. Job notices exist only in an interactive bash with job control, so
 * the shell oracle (`bash -c`) cannot judge them; the expected lines are real bash 5.2's on a pty
 * (`script -qc "bash --norc -i"`, lines typed with pauses between them):
 *
 *   $ sleep 1 & sleep 2 &          $ (exit 3) &
 *   [1] 3791                       [1] 3965
 *   [2] 3792                       $ echo y
 *   $ jobs                         y
 *   [1]-  Running                 sleep 1 &
 *   [2]+  Running                 sleep 2 &
 *   $ sleep 1.5                    [1]+  Exit 3                  ( exit 3 )
 *   [1]-  Done                    sleep 1
 *   [2]+  Done                    sleep 2
 *
 * (bash prints a subshell's text re-formatted, `( exit 3 )`; we print it as typed.)
 * `wait`, `jobs -l` and the notice under a foreground program are compared with real bash on a
 * pty, scenario by scenario, in jobs.oracle.test.ts.
 */
import { describe, expect, it } from "vitest";
import { testEngine } from "../core/testing";

describe("background jobs on the cluster clock", () => {
  it("reports a sleeping job Running until its time has passed, then Done at the next prompt", async () => {
    const e = testEngine();
    const start = await e.exec("sleep 5 &");
    expect(start.output).toMatch(/^\[1\] \d+\n$/);
    expect((await e.exec("jobs")).output).toBe("[1]+  Running                 sleep 5 &\n");
    e.advanceClock(4_000);
    expect((await e.exec("echo a")).output).toBe("a\n");
    e.advanceClock(1_000);
    expect((await e.exec("echo b")).output).toBe("b\n[1]+  Done                    sleep 5\n");
    // reported once, then gone from the table
    expect((await e.exec("jobs")).output).toBe("");
  });

  it("marks the newest job + and the one before -, numbering from the highest in the table", async () => {
    const e = testEngine();
    await e.exec("sleep 10 &");
    const two = await e.exec("sleep 1 & sleep 2 &");
    expect(two.output).toMatch(/^\[2\] \d+\n\[3\] \d+\n$/);
    expect((await e.exec("jobs")).output).toBe(
      "[1]   Running                 sleep 10 &\n[2]-  Running                 sleep 1 &\n[3]+  Running                 sleep 2 &\n",
    );
    e.advanceClock(2_000);
    expect((await e.exec("true")).output).toBe("[2]-  Done                    sleep 1\n[3]+  Done                    sleep 2\n");
    expect((await e.exec("sleep 3 &")).output).toMatch(/^\[2\] \d+\n$/);
  });

  it("reports a job that ends at once at the next prompt, not before the prompt that follows its start", async () => {
    const e = testEngine();
    expect((await e.exec("(exit 3) &")).output).toMatch(/^\[1\] \d+\n$/);
    expect((await e.exec("echo y")).output).toBe("y\n[1]+  Exit 3                  (exit 3)\n");
  });

  it("adds up the sleeps of a job", async () => {
    const e = testEngine();
    await e.exec("(sleep 2; sleep 3) &");
    e.advanceClock(4_000);
    expect((await e.exec("jobs")).output).toBe("[1]+  Running                 (sleep 2; sleep 3) &\n");
    e.advanceClock(1_000);
    expect((await e.exec("jobs")).output).toBe("[1]+  Done                    (sleep 2; sleep 3)\n");
  });

  it("keeps $! and hands out growing process ids across lines and a reload, never the same twice", async () => {
    const e = testEngine();
    const pidOf = (out: string) => Number(/^\[\d+\] (\d+)\n$/.exec(out)?.[1]);
    const first = pidOf((await e.exec("sleep 1 &")).output);
    const second = pidOf((await e.exec("sleep 1 &")).output);
    expect(second).toBeGreaterThan(first);
    expect((await e.exec("echo $!")).output).toBe(`${second}\n`);
    const again = testEngine({ state: structuredClone(e.state) });
    const third = pidOf((await again.exec("sleep 1 &")).output);
    expect(third).toBeGreaterThan(second);
    expect((await again.exec("jobs -l")).output).toBe(
      `[1]   ${first} Running                 sleep 1 &\n[2]-  ${second} Running                 sleep 1 &\n[3]+  ${third} Running                 sleep 1 &\n`,
    );
  });

  it("reports a job that ended under a foreground program held by the terminal when the program ends", async () => {
    const e = testEngine();
    await e.exec("sleep 1 &");
    const line = await e.exec("sleep 2", { cols: 80, rows: 24 });
    expect(line.output).toBe("");
    expect(line.mode).toBe("program");
    e.advanceClock(2_000);
    const end = await e.programTick();
    expect(end.output).toBe("[1]+  Done                    sleep 1\r\n");
    expect((await e.exec("jobs")).output).toBe("");
  });

  it("waits on the terminal until the job ends and exits with its status", async () => {
    const e = testEngine();
    await e.exec("sleep 3 && false &");
    const line = await e.exec("wait %1", { cols: 80, rows: 24 });
    expect(line.mode).toBe("program");
    e.advanceClock(3_000);
    expect((await e.programTick()).output).toBe("[1]+  Exit 1                  sleep 3 && false\r\n");
    expect((await e.exec("echo $?")).output).toBe("1\n");
  });
});
