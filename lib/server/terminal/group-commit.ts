/**
 * Group commit (issue 15, item 3): writes submitted by many sessions share database transactions.
 *
 * No timer: the first write goes out at once, alone. Writes that arrive while earlier ones are
 * in flight wait for a free slot and then go out together, as one batch. So an idle system
 * commits each command immediately, and a busy one commits many per transaction, with no added
 * wait in either case.
 *
 * A few batches may be in flight at once (`maxInFlight`): PostgreSQL already shares one WAL flush
 * among commits that arrive together from parallel connections, and the stop-23 experiment with
 * a single write in flight lost that parallelism (docs/benchmarks.md).
 *
 * Per key (a session) at most one write is in flight, and a key's writes go out in the order they
 * were submitted: a session's events must commit in sequence, and a batch may hold at most one
 * row per session (one UPDATE per row).
 *
 * The caller learns its own result only once the batch holding its write has committed, so an
 * acknowledged command is still a durable one.
 */

/**
 * Writes a batch (one transaction, or each item on its own when the shared one failed) and
 * returns one outcome per item, in order. Throwing fails every item of the batch.
 */
export type BatchWriter<T, R> = (items: T[]) => Promise<PromiseSettledResult<R>[]>;

interface Pending<T, R> {
  key: string;
  item: T;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

export class GroupCommit<T, R> {
  private queue: Pending<T, R>[] = [];
  private inFlight = 0;
  private readonly busyKeys = new Set<string>();
  /** Batches written so far and the items in them (for tests and benchmarks). */
  readonly stats = { batches: 0, items: 0 };

  constructor(
    private readonly writeBatch: BatchWriter<T, R>,
    private readonly maxInFlight: number,
    private readonly maxBatch = 500,
  ) {
    if (!(maxInFlight >= 1) || !(maxBatch >= 1)) throw new Error("GroupCommit needs at least one write in flight and one item per batch");
  }

  submit(key: string, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ key, item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch: Pending<T, R>[] = [];
      const keys = new Set<string>();
      const waiting: Pending<T, R>[] = [];
      for (const p of this.queue) {
        // A key already in flight, or already in this batch, keeps its place for a later batch.
        if (batch.length < this.maxBatch && !this.busyKeys.has(p.key) && !keys.has(p.key)) {
          batch.push(p);
          keys.add(p.key);
        } else {
          waiting.push(p);
        }
      }
      if (batch.length === 0) return;
      this.queue = waiting;
      for (const k of keys) this.busyKeys.add(k);
      this.inFlight++;
      this.stats.batches++;
      this.stats.items += batch.length;
      void this.run(batch).finally(() => {
        this.inFlight--;
        for (const k of keys) this.busyKeys.delete(k);
        this.pump();
      });
    }
  }

  private async run(batch: Pending<T, R>[]): Promise<void> {
    let results: PromiseSettledResult<R>[];
    try {
      results = await this.writeBatch(batch.map((p) => p.item));
    } catch (err) {
      for (const p of batch) p.reject(err);
      return;
    }
    if (results.length !== batch.length) {
      const err = new Error(`batch writer returned ${results.length} results for ${batch.length} items`);
      for (const p of batch) p.reject(err);
      return;
    }
    batch.forEach((p, i) => {
      const r = results[i];
      if (r.status === "fulfilled") p.resolve(r.value);
      else p.reject(r.reason);
    });
  }
}
