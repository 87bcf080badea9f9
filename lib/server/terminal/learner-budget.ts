/**
 * Per-learner budgets for everything a terminal message can make the server do (issue 10,
 * deliverable 1), shared by all of the learner's tabs and courses. Commands (typed, pasted, or
 * "Run in terminal") are paced, not dropped: past the burst they wait their turn, so a paste runs
 * completely and in order. Resets are refused past their budget with a line saying when to try
 * again. What one learner may queue is bounded by the paste and input limits (live-session.ts).
 * CPU time is shared by the simulator workers' fair queues (lib/server/workers/fair-queue.ts).
 */
import "server-only";
import { systemClock, TokenBucket, type Clock } from "./token-bucket";

export const BUDGETS = {
  /** commands run per second, per learner; up to `commandBurst` at once */
  commandsPerSecond: 10,
  commandBurst: 20,
  /** cluster resets: `resetBurst` in a row, then one every `resetEveryMs` */
  resetBurst: 3,
  resetEveryMs: 60_000,
} as const;

export type Sleep = (ms: number) => Promise<void>;
const realSleep: Sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function resetRefusal(retryAfterMs: number): string {
  const s = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return `Too many cluster resets: you can reset ${BUDGETS.resetBurst} times in a row, then once a minute. Try again in ${s} s.`;
}

export class LearnerBudget {
  private readonly commands: TokenBucket;
  private readonly resets: TokenBucket;
  lastUsed: number;

  constructor(
    private readonly clock: Clock = systemClock,
    private readonly sleep: Sleep = realSleep,
  ) {
    this.commands = new TokenBucket(BUDGETS.commandsPerSecond, BUDGETS.commandBurst, clock);
    this.resets = new TokenBucket(1000 / BUDGETS.resetEveryMs, BUDGETS.resetBurst, clock);
    this.lastUsed = clock.now();
  }

  /** Resolves when the learner may run their next command (at once within the burst). */
  async command(): Promise<void> {
    this.lastUsed = this.clock.now();
    for (;;) {
      const wait = this.commands.msUntil();
      if (wait === 0 && this.commands.take()) return;
      await this.sleep(Math.max(1, wait));
    }
  }

  /** A reset now, or how long until one is allowed. */
  reset(): { ok: true } | { ok: false; retryAfterMs: number } {
    this.lastUsed = this.clock.now();
    if (this.resets.take()) return { ok: true };
    return { ok: false, retryAfterMs: this.resets.msUntil() };
  }
}

/** The budgets of every learner with a loaded cluster; idle ones are forgotten (a fresh budget is a full one). */
export class LearnerBudgets {
  private readonly budgets = new Map<string, LearnerBudget>();

  constructor(
    private readonly clock: Clock = systemClock,
    private readonly sleep: Sleep = realSleep,
  ) {}

  for(userId: string): LearnerBudget {
    let b = this.budgets.get(userId);
    if (!b) this.budgets.set(userId, (b = new LearnerBudget(this.clock, this.sleep)));
    return b;
  }

  /** Forgets budgets unused for longer than it takes every bucket to refill. */
  prune(): void {
    const now = this.clock.now();
    for (const [id, b] of this.budgets) if (now - b.lastUsed > BUDGETS.resetEveryMs * BUDGETS.resetBurst) this.budgets.delete(id);
  }
}
