/**
 * Batches the lab's command records off the terminal's hot path: record() is an array push (no
 * await, no database round trip per command); a flush writes everything buffered in one INSERT,
 * at most FLUSH_MS after the first record or as soon as MAX_BATCH are waiting. Analytics are
 * best effort: while the database refuses, rows wait (at most MAX_BUFFERED, then the oldest are
 * dropped and counted) and a later flush retries. A check run flushes first (lab-record.ts), so
 * its window sees every command the learner ran before it.
 */
export interface LabCommandRecord {
  userId: string;
  courseSlug: string;
  at: Date;
  exitCode: number;
  line: string;
}

export interface RecorderOptions {
  flushMs?: number;
  maxBatch?: number;
  maxBuffered?: number;
  /** for tests: a fake timer */
  schedule?: (fn: () => void, ms: number) => { cancel(): void };
  log?: (message: string) => void;
}

export const FLUSH_MS = 1000;
export const MAX_BATCH = 500;
export const MAX_BUFFERED = 50_000;

export class LabRecorder {
  private buffer: LabCommandRecord[] = [];
  private timer: { cancel(): void } | null = null;
  private writing: Promise<void> = Promise.resolve();
  /** a flush asked for by a full batch and not yet started: one is enough */
  private batchFlush: Promise<void> | null = null;
  dropped = 0;
  private readonly flushMs: number;
  private readonly maxBatch: number;
  private readonly maxBuffered: number;
  private readonly schedule: NonNullable<RecorderOptions["schedule"]>;
  private readonly log: (message: string) => void;

  constructor(
    private readonly insert: (rows: LabCommandRecord[]) => Promise<void>,
    opts: RecorderOptions = {},
  ) {
    this.flushMs = opts.flushMs ?? FLUSH_MS;
    this.maxBatch = opts.maxBatch ?? MAX_BATCH;
    this.maxBuffered = opts.maxBuffered ?? MAX_BUFFERED;
    this.log = opts.log ?? ((m) => console.error(m));
    this.schedule =
      opts.schedule ??
      ((fn, ms) => {
        const t = setTimeout(fn, ms);
        t.unref();
        return { cancel: () => clearTimeout(t) };
      });
  }

  get pending(): number {
    return this.buffer.length;
  }

  record(row: LabCommandRecord): void {
    this.buffer.push(row);
    if (this.buffer.length > this.maxBuffered) {
      const over = this.buffer.length - this.maxBuffered;
      this.buffer.splice(0, over);
      this.dropped += over;
    }
    if (this.buffer.length >= this.maxBatch) this.batchFlush ??= this.flush().finally(() => (this.batchFlush = null));
    else if (!this.timer) this.timer = this.schedule(() => void this.flush(), this.flushMs);
  }

  /** Writes everything buffered now; resolves when it (and any write before it) is done or has failed. */
  flush(): Promise<void> {
    this.timer?.cancel();
    this.timer = null;
    this.writing = this.writing.then(async () => {
      while (this.buffer.length > 0) {
        const batch = this.buffer.splice(0, this.maxBatch);
        try {
          await this.insert(batch);
        } catch (err) {
          // keep them for the next flush (in order), and stop for now
          this.buffer.unshift(...batch);
          this.log(`lab analytics: could not record ${batch.length} command(s), will retry: ${(err as Error).message}`);
          if (!this.timer) this.timer = this.schedule(() => void this.flush(), this.flushMs * 5);
          return;
        }
      }
    });
    return this.writing;
  }
}
