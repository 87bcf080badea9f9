/**
 * Writing a command's event, through a database hiccup (issue 13): a write that fails for a
 * transient reason (the pool timed out, the connection dropped, a serialization failure) is
 * retried with back-off before the cluster is given up. If the write had in fact committed
 * before the error reached us, the retry finds the command stored and succeeds. A lost lease is
 * never retried: another instance owns the cluster now.
 */
import "server-only";
import type { NewEvent, TerminalStore } from "./terminal-store";

/** This in-memory copy is no longer the authoritative one (lease lost, or a write failed for good). */
export class StaleSessionError extends Error {
  /** the command whose event could not be written, to tell the learner to run it again */
  constructor(
    message: string,
    readonly unsavedLine: string | null = null,
  ) {
    super(message);
  }
}

/** Waits before each retry: ~0.2 s, 0.6 s, 1.8 s, 5.4 s (with jitter), then gives up. */
export const RETRY_DELAYS_MS = [200, 600, 1800, 5400];

export type Sleep = (ms: number) => Promise<void>;
const realSleep: Sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function persistWithRetry(
  store: TerminalStore,
  sessionId: string,
  fencingToken: bigint,
  ev: NewEvent,
  sleep: Sleep = realSleep,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    let outcome: "ok" | "lease-lost";
    try {
      outcome = await store.appendEvent(sessionId, fencingToken, ev);
    } catch (err) {
      if (attempt >= RETRY_DELAYS_MS.length) {
        console.error(`terminal ${sessionId}: could not persist after ${attempt + 1} attempts, unloading:`, err);
        throw new StaleSessionError("persist failed", ev.line || null);
      }
      console.error(`terminal ${sessionId}: could not persist (attempt ${attempt + 1}), retrying:`, (err as Error).message);
      await sleep(RETRY_DELAYS_MS[attempt] * (0.8 + Math.random() * 0.4));
      continue;
    }
    if (outcome === "ok") return;
    // A retry after an error whose write did commit finds its own event there: that is success.
    if (attempt > 0 && (await store.hasCommand(sessionId, ev.commandId).catch(() => false))) return;
    throw new StaleSessionError(`lease on ${sessionId} lost`);
  }
}
