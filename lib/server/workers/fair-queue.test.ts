import { describe, expect, it } from "vitest";
import { FairQueue } from "./fair-queue";

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("FairQueue", () => {
  it("serves each tenant in order, and the lighter tenant first", () => {
    const c = clock();
    const q = new FairQueue<string>(c);
    for (let i = 0; i < 3; i++) q.push("heavy", `h${i}`);
    const first = q.next();
    expect(first).toEqual({ tenant: "heavy", job: "h0" });
    q.charge("heavy", 500);
    q.push("light", "l0");
    q.push("light", "l1");
    expect(q.next()).toEqual({ tenant: "light", job: "l0" });
    q.charge("light", 1);
    expect(q.next()).toEqual({ tenant: "light", job: "l1" });
    q.charge("light", 1);
    expect(q.next()).toEqual({ tenant: "heavy", job: "h1" });
    expect(q.next()).toEqual({ tenant: "heavy", job: "h2" });
    expect(q.next()).toBeUndefined();
  });

  it("forgets usage with its half-life, so a learner who was heavy a while ago is not punished", () => {
    const c = clock();
    const q = new FairQueue<string>(c, 1000);
    q.charge("a", 800);
    expect(q.usageOf("a")).toBe(800);
    c.advance(1000);
    expect(q.usageOf("a")).toBeCloseTo(400);
    c.advance(20_000);
    expect(q.usageOf("a")).toBe(0);
  });

  it("runs background work only when no tenant waits", () => {
    const q = new FairQueue<string>(clock());
    q.push(null, "refill");
    q.push("a", "a0");
    expect(q.next()?.job).toBe("a0");
    expect(q.next()).toEqual({ tenant: null, job: "refill" });
    expect(q.size).toBe(0);
  });

  it("hands back every waiting job when drained", () => {
    const q = new FairQueue<string>(clock());
    q.push("a", "a0");
    q.push("b", "b0");
    q.push(null, "bg");
    expect(q.drain().sort()).toEqual(["a0", "b0", "bg"]);
    expect(q.size).toBe(0);
    expect(q.waiting("a")).toBe(0);
  });
});
