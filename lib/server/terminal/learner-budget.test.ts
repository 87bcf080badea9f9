import { describe, expect, it } from "vitest";
import { BUDGETS, LearnerBudget, resetRefusal } from "./learner-budget";
import { TokenBucket } from "./token-bucket";

/** A fake clock whose sleep advances it: pacing is measured in simulated time, nothing waits. */
function fakeTime() {
  let t = 0;
  const slept: number[] = [];
  return {
    clock: { now: () => t },
    sleep: async (ms: number) => {
      slept.push(ms);
      t += ms;
    },
    advance: (ms: number) => (t += ms),
    get now() {
      return t;
    },
    slept,
  };
}

describe("TokenBucket", () => {
  it("allows the burst, then the rate, and a take larger than the burst leaves it in debt", () => {
    const f = fakeTime();
    const b = new TokenBucket(10, 20, f.clock);
    for (let i = 0; i < 20; i++) expect(b.take()).toBe(true);
    expect(b.take()).toBe(false);
    expect(b.msUntil()).toBe(100);
    f.advance(100);
    expect(b.take()).toBe(true);
    f.advance(2000);
    expect(b.take(30)).toBe(true); // a 30-line paste when full
    expect(b.take()).toBe(false);
    expect(b.msUntil()).toBe(1100); // 10 tokens of debt + 1, at 10/s
  });
});

describe("LearnerBudget", () => {
  it("runs the burst at once, then paces commands at the learner's rate without dropping any", async () => {
    const f = fakeTime();
    const budget = new LearnerBudget(f.clock, f.sleep);
    const n = BUDGETS.commandBurst + 30;
    for (let i = 0; i < n; i++) await budget.command();
    // 30 commands past the burst at 10 a second: 3 s of simulated time, never faster
    expect(f.now).toBeGreaterThanOrEqual(((n - BUDGETS.commandBurst) / BUDGETS.commandsPerSecond) * 1000 - 1);
    expect(f.now).toBeLessThan(((n - BUDGETS.commandBurst) / BUDGETS.commandsPerSecond) * 1000 + 100);
  });

  it("allows three resets in a row, then refuses with the wait, then one a minute", () => {
    const f = fakeTime();
    const budget = new LearnerBudget(f.clock, f.sleep);
    for (let i = 0; i < BUDGETS.resetBurst; i++) expect(budget.reset()).toEqual({ ok: true });
    const refused = budget.reset();
    expect(refused).toEqual({ ok: false, retryAfterMs: BUDGETS.resetEveryMs });
    expect(resetRefusal(BUDGETS.resetEveryMs)).toBe(
      "Too many cluster resets: you can reset 3 times in a row, then once a minute. Try again in 60 s.",
    );
    f.advance(BUDGETS.resetEveryMs - 20_000);
    expect(budget.reset()).toEqual({ ok: false, retryAfterMs: 20_000 });
    f.advance(20_000);
    expect(budget.reset()).toEqual({ ok: true });
    expect(budget.reset().ok).toBe(false);
  });
});
