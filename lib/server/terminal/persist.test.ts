import { describe, expect, it } from "vitest";
import { persistWithRetry, RETRY_DELAYS_MS, StaleSessionError } from "./persist";
import type { NewEvent, TerminalStore } from "./terminal-store";

const EVENT: NewEvent = { seq: 7, commandId: "00000000-0000-4000-8000-000000000007", line: "kubectl get pods", output: "", delta: {} };

/** A store whose appendEvent fails `failures` times, then answers `then`; it may have committed the first failed write. */
function flakyStore(failures: number, then: "ok" | "lease-lost", committedDespiteError = false) {
  let calls = 0;
  const store = {
    async appendEvent() {
      calls++;
      if (calls <= failures) throw new Error("Connection terminated due to connection timeout");
      return then;
    },
    async hasCommand() {
      return committedDespiteError;
    },
  } as unknown as TerminalStore;
  return { store, calls: () => calls };
}

const noSleep = async () => undefined;

describe("persistWithRetry (issue 13: a database hiccup does not lose output)", () => {
  it("retries a transient failure with back-off and succeeds", async () => {
    const slept: number[] = [];
    const f = flakyStore(2, "ok");
    await persistWithRetry(f.store, "s", 1n, EVENT, async (ms) => void slept.push(ms));
    expect(f.calls()).toBe(3);
    expect(slept).toHaveLength(2);
    expect(slept[1]).toBeGreaterThan(slept[0]);
  });

  it("treats a write that committed before its error as done", async () => {
    const f = flakyStore(1, "lease-lost", true);
    await expect(persistWithRetry(f.store, "s", 1n, EVENT, noSleep)).resolves.toBeUndefined();
  });

  it("gives up after the last retry and names the command to run again", async () => {
    const f = flakyStore(100, "ok");
    const err = await persistWithRetry(f.store, "s", 1n, EVENT, noSleep).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StaleSessionError);
    expect((err as StaleSessionError).unsavedLine).toBe("kubectl get pods");
    expect(f.calls()).toBe(RETRY_DELAYS_MS.length + 1);
  });

  it("never retries a lost lease", async () => {
    const f = flakyStore(0, "lease-lost");
    const err = await persistWithRetry(f.store, "s", 1n, EVENT, noSleep).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StaleSessionError);
    expect((err as StaleSessionError).unsavedLine).toBeNull();
    expect(f.calls()).toBe(1);
  });
});
