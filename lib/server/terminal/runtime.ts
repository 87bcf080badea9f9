/**
 * The process's terminal runtime, shared between the custom server (which creates it) and route
 * handlers (bundled separately by Next, so they cannot import the same module instance). The one
 * handle lives on globalThis; route handlers that need a learner's cluster (lesson task checks,
 * the lesson clock) call getSessionManager().
 */
import "server-only";
import type { SessionManager } from "./session-manager";

const holder = globalThis as unknown as { __kubeyardSessions?: SessionManager };

export function setSessionManager(manager: SessionManager): void {
  holder.__kubeyardSessions = manager;
}

/** The running server's session manager, or null outside the server (a script, `next build`). */
export function findSessionManager(): SessionManager | null {
  return holder.__kubeyardSessions ?? null;
}

/** The running server's session manager; throws when called outside the server (e.g. during `next build`). */
export function getSessionManager(): SessionManager {
  const manager = holder.__kubeyardSessions;
  if (!manager) throw new Error("The terminal runtime is not running in this process.");
  return manager;
}
