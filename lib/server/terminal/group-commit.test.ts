import { describe, expect, it } from "vitest";
import { GroupCommit } from "./group-commit";

/** A batch writer whose writes finish only when the test says so. */
function controlledWriter() {
  const calls: { items: string[]; finish: (fail?: Error) => void }[] = [];
  const write = (items: string[]) =>
    new Promise<PromiseSettledResult<string>[]>((resolve, reject) => {
      calls.push({
        items,
        finish: (fail) =>
          fail
            ? reject(fail)
            : resolve(
                items.map((i) =>
                  i.startsWith("bad") ? { status: "rejected", reason: new Error(i) } : { status: "fulfilled", value: `done:${i}` },
                ),
              ),
      });
    });
  return { calls, write };
}

const settle = () => new Promise((r) => setImmediate(r));

describe("GroupCommit", () => {
  it("sends the first write at once, alone, and batches what arrives while it is in flight", async () => {
    const w = controlledWriter();
    const gc = new GroupCommit(w.write, 1);
    const first = gc.submit("a", "a1");
    expect(w.calls.map((c) => c.items)).toEqual([["a1"]]);
    const later = [gc.submit("b", "b1"), gc.submit("c", "c1"), gc.submit("d", "d1")];
    expect(w.calls).toHaveLength(1);
    w.calls[0].finish();
    expect(await first).toBe("done:a1");
    await settle();
    expect(w.calls.map((c) => c.items)).toEqual([["a1"], ["b1", "c1", "d1"]]);
    w.calls[1].finish();
    expect(await Promise.all(later)).toEqual(["done:b1", "done:c1", "done:d1"]);
    expect(gc.stats).toEqual({ batches: 2, items: 4 });
  });

  it("keeps up to maxInFlight batches committing at once", () => {
    const w = controlledWriter();
    const gc = new GroupCommit(w.write, 3);
    for (const k of ["a", "b", "c", "d", "e"]) void gc.submit(k, `${k}1`);
    // Three single writes went out at once; the rest wait for a free slot.
    expect(w.calls.map((c) => c.items)).toEqual([["a1"], ["b1"], ["c1"]]);
  });

  it("never has two writes of one key in flight, and keeps a key's order", async () => {
    const w = controlledWriter();
    const gc = new GroupCommit(w.write, 4);
    const order: string[] = [];
    const track = (p: Promise<string>) => p.then((r) => order.push(r));
    const a1 = track(gc.submit("a", "a1"));
    const a2 = track(gc.submit("a", "a2"));
    const b1 = track(gc.submit("b", "b1"));
    // a2 waits for a1 even with free slots; b1 does not wait for anyone.
    expect(w.calls.map((c) => c.items)).toEqual([["a1"], ["b1"]]);
    w.calls[0].finish();
    await a1;
    await settle();
    expect(w.calls.map((c) => c.items)).toEqual([["a1"], ["b1"], ["a2"]]);
    w.calls[2].finish();
    w.calls[1].finish();
    await Promise.all([a2, b1]);
    expect(order).toEqual(["done:a1", "done:a2", "done:b1"]);
  });

  it("puts at most one write per key in a batch and at most maxBatch items", async () => {
    const w = controlledWriter();
    const gc = new GroupCommit(w.write, 1, 2);
    void gc.submit("x", "x0");
    for (const item of ["a1", "a2", "b1", "c1"]) void gc.submit(item[0], item);
    w.calls[0].finish();
    await settle();
    expect(w.calls[1].items).toEqual(["a1", "b1"]);
    w.calls[1].finish();
    await settle();
    expect(w.calls[2].items).toEqual(["a2", "c1"]);
  });

  it("fails only the writes of a failed batch, and goes on with the next", async () => {
    const w = controlledWriter();
    const gc = new GroupCommit(w.write, 1);
    const a = gc.submit("a", "a1");
    const b = gc.submit("b", "b1");
    w.calls[0].finish(new Error("connection reset"));
    await expect(a).rejects.toThrow("connection reset");
    await settle();
    w.calls[1].finish();
    expect(await b).toBe("done:b1");
  });

  it("fails one write of a batch on its own when the writer says so", async () => {
    const w = controlledWriter();
    const gc = new GroupCommit(w.write, 1);
    void gc.submit("z", "z0");
    const [bad, good] = [gc.submit("a", "bad-a1"), gc.submit("b", "b1")];
    w.calls[0].finish();
    await settle();
    w.calls[1].finish();
    await expect(bad).rejects.toThrow("bad-a1");
    expect(await good).toBe("done:b1");
  });

  it("rejects every write of a batch whose writer returns the wrong number of results", async () => {
    const gc = new GroupCommit(async (items: string[]) => items.slice(1).map((value) => ({ status: "fulfilled" as const, value })), 1);
    void gc.submit("z", "z0").catch(() => undefined);
    const [a, b] = [gc.submit("a", "a1"), gc.submit("b", "b1")];
    await expect(a).rejects.toThrow("2 items");
    await expect(b).rejects.toThrow("2 items");
  });

  it("refuses a configuration that could never write", () => {
    expect(() => new GroupCommit(async () => [], 0)).toThrow("at least one");
  });
});
