/**
 * Jobs of many learners waiting for one worker, served fairly (issue 10): the next job is the
 * oldest job of the learner who has used the least worker time lately ("least attained
 * service", usage decaying with a half-life), so a learner who queues heavy work runs after
 * everyone who queued little. Background work (refilling the key pool) runs only when no
 * learner is waiting. Pure: time comes from an injected clock.
 */
export interface Clock {
  now(): number;
}

export class FairQueue<J> {
  private readonly queues = new Map<string, J[]>();
  private readonly background: J[] = [];
  private readonly usage = new Map<string, { ms: number; at: number }>();
  private length = 0;

  constructor(
    private readonly clock: Clock = { now: () => performance.now() },
    private readonly halfLifeMs = 2000,
  ) {}

  get size(): number {
    return this.length + this.background.length;
  }

  /** Jobs waiting for one tenant. */
  waiting(tenant: string): number {
    return this.queues.get(tenant)?.length ?? 0;
  }

  push(tenant: string | null, job: J): void {
    if (tenant === null) return void this.background.push(job);
    const q = this.queues.get(tenant);
    if (q) q.push(job);
    else this.queues.set(tenant, [job]);
    this.length++;
  }

  /** The next job to run, or undefined when nothing waits. */
  next(): { tenant: string | null; job: J } | undefined {
    let best: string | undefined;
    let bestUsage = Infinity;
    for (const tenant of this.queues.keys()) {
      const u = this.usageOf(tenant);
      if (u < bestUsage) [best, bestUsage] = [tenant, u]; // ties: the tenant that queued first (Map order)
    }
    if (best === undefined) {
      const job = this.background.shift();
      return job === undefined ? undefined : { tenant: null, job };
    }
    const q = this.queues.get(best) ?? [];
    const job = q.shift() as J;
    this.length--;
    if (q.length === 0) this.queues.delete(best);
    return { tenant: best, job };
  }

  /** Records worker time a tenant's job used. */
  charge(tenant: string | null, ms: number): void {
    if (tenant === null) return;
    this.usage.set(tenant, { ms: this.usageOf(tenant) + ms, at: this.clock.now() });
  }

  /** Decayed usage in ms. */
  usageOf(tenant: string): number {
    const u = this.usage.get(tenant);
    if (!u) return 0;
    const decayed = u.ms * 0.5 ** ((this.clock.now() - u.at) / this.halfLifeMs);
    if (decayed >= 0.01) return decayed;
    this.usage.delete(tenant); // a few microseconds: forgotten
    return 0;
  }

  /** Removes and returns every waiting job (a worker died). */
  drain(): J[] {
    const all = [...[...this.queues.values()].flat(), ...this.background];
    this.queues.clear();
    this.background.length = 0;
    this.length = 0;
    return all;
  }
}
