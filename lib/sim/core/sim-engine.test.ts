import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { storeFor } from "../api/store";
import { coreutils } from "../commands/coreutils";
import type { Command } from "../types";
import { applyDelta, type SavedState, SimEngine } from "./sim-engine";
import { migrateAndValidate } from "./state-schema";
import { noKeys, testEngine, TEST_NOW } from "./testing";

/** A stand-in for kubectl create: changes API objects and draws from the rng. */
const mkns: Command = {
  name: "mkns",
  summary: "create a namespace",
  mutates: true,
  run(ctx) {
    const name = ctx.args[0] ?? `ns-${Math.floor(ctx.random() * 1000)}`;
    storeFor(ctx.state).put(
      { group: "", resource: "namespaces" },
      {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name, uid: String(ctx.random()), resourceVersion: "", creationTimestamp: new Date(ctx.now).toISOString() },
        status: { phase: "Active" },
      },
    );
    return { stdout: `namespace/${name} created\n`, stderr: "", exitCode: 0 };
  },
};

const LINES = [
  "mkdir -p /root/d/e",
  "echo hi > /root/d/f",
  "echo more >> /root/d/f",
  "rm -rf /root/d",
  "cd /tmp",
  "cd",
  "cd -",
  "X=$RANDOM",
  "export Y=1",
  "unset Y",
  "cp -r /etc /root/etc2",
  "mv /root/etc2 /root/etc3",
  "rm -r /root/etc3",
  "head -c 8 /dev/urandom | base64 > /tmp/r",
  "touch /tmp/t",
  "chmod 600 /tmp/t",
  "mkns",
  "mkns dev",
  "cat nosuch",
  "ls /",
  "history",
  "false",
  "echo $X $?",
  "cat /tmp/r",
  "greet() { echo hello $1; }",
  "greet you",
  "unset -f greet",
];

describe("deltas", () => {
  it("snapshot + deltas == live state, and restore(serialize()) behaves the same", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...LINES), { maxLength: 25 }),
        fc.array(fc.constantFrom(...LINES), { minLength: 1, maxLength: 8 }),
        async (first, then) => {
          const live = testEngine({ commands: [mkns] });
          const persisted: SavedState = live.serialize();
          for (const l of first) applyDelta(persisted, (await live.exec(l)).delta);
          expect(migrateAndValidate(persisted)).toEqual(live.state);
          const restored = SimEngine.restoreWith(JSON.parse(JSON.stringify(persisted)), { clock: { now: () => TEST_NOW }, keys: noKeys }, [
            ...coreutils,
            mkns,
          ]);
          for (const l of then) {
            const a = await live.exec(l);
            const b = await restored.exec(l);
            expect(b.output).toBe(a.output);
            expect(b.exitCode).toBe(a.exitCode);
          }
          expect(restored.state).toEqual(live.state);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("carries the shell's functions in a delta only when they changed", async () => {
    const live = testEngine({ commands: [mkns] });
    const persisted: SavedState = live.serialize();
    const defined = (await live.exec("greet() { echo hello $1; }")).delta;
    expect(defined.sameFunctions).toBeUndefined();
    expect(defined.shell.functions).toHaveProperty("greet");
    applyDelta(persisted, defined);
    const unchanged = (await live.exec("echo unrelated")).delta;
    expect(unchanged.sameFunctions).toBe(true);
    expect(unchanged.shell.functions).toBeUndefined();
    applyDelta(persisted, unchanged);
    expect(migrateAndValidate(persisted).shell.functions).toEqual(live.state.shell.functions);
    const removed = (await live.exec("unset -f greet")).delta;
    expect(removed.sameFunctions).toBeUndefined();
    applyDelta(persisted, removed);
    expect(migrateAndValidate(persisted)).toEqual(live.state);
  });

  it("serialises exec calls", async () => {
    const slow: Command = {
      name: "slow",
      summary: "",
      run: async (ctx) => {
        await new Promise((r) => setTimeout(r, 5));
        ctx.state.shell.env.S = (ctx.state.shell.env.S ?? "") + ctx.args[0];
        return { stdout: "", stderr: "", exitCode: 0 };
      },
    };
    const e = testEngine({ commands: [slow] });
    await Promise.all(["slow a", "slow b", "slow c"].map((l) => e.exec(l)));
    expect(e.state.shell.env.S).toBe("abc");
  });

  it("moves the clock for the platform only", async () => {
    const e = testEngine();
    e.advanceClock(366 * 86400_000);
    expect((await e.exec("date")).output).toBe("Mon Nov 29 09:08:33 UTC 2027\n");
    expect(e.now()).toBe(TEST_NOW + 366 * 86400_000);
  });

  it("rejects garbage on restore with a clear error", () => {
    const deps = { clock: { now: () => TEST_NOW }, keys: noKeys };
    expect(() => SimEngine.restoreWith(null, deps, coreutils)).toThrow("invalid cluster state: not an object");
    expect(() => SimEngine.restoreWith({ version: 99 }, deps, coreutils)).toThrow(/newer than this simulator/);
    const s = testEngine().serialize() as unknown as Record<string, unknown>;
    expect(() => SimEngine.restoreWith({ ...s, fs: { "/": { type: "blob" } } }, deps, coreutils)).toThrow(/bad fs/);
    expect(() => SimEngine.restoreWith({ ...s, shell: 3 }, deps, coreutils)).toThrow(/bad shell/);
  });
});
