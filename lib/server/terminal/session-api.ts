/**
 * The learner's own kubectl on a loaded cluster (issue 16). A request runs on the session's
 * queue, in turn with terminal input, in the learner's simulator worker (the same apiserver
 * handler `npm run sim:api` serves); a request that changed the cluster is committed, fenced by
 * the lease like a command, before its answer is sent.
 *
 * Open streams (watches, `logs -f`) are drained after every change made through the API or the
 * terminal, and once a second while any is open so events the controllers schedule on the
 * cluster clock (a pod becoming Ready) arrive as they happen. What settling the controllers
 * changes is committed too, so a reload finds the cluster as the laptop saw it.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import type { ApiCall } from "@/lib/server/workers/sim-jobs";
import type { RemoteSim } from "./sim-host";

/** How often open streams are drained while nothing else happens (the cluster clock moves on). */
export const STREAM_PUMP_MS = 1000;
/** Open streams per cluster (a k9s keeps a handful); one more is refused with 429. */
export const MAX_STREAMS_PER_CLUSTER = 32;

/** Where a stream's chunks go (the gateway's HTTP response). */
export interface ApiStreamSink {
  write(chunk: string): void;
  end(): void;
}

export type ApiReply =
  | { status: number; headers: Record<string, string>; body: string | Uint8Array }
  | { status: number; headers: Record<string, string>; stream: number };

/** What SessionApi needs from its LiveSession. */
export interface ApiSessionHost {
  readonly sim: RemoteSim;
  /** runs on the session's queue, in order with every other input; rejects when the session was reloaded */
  enqueueValue<T>(fn: () => Promise<T>): Promise<T>;
  persist(ev: { commandId: string; line: string; output: string; delta: unknown }): Promise<void>;
  /** the cluster changed from outside the terminal: a program following it (kubectl get -w) steps now */
  clusterChanged(): void;
}

const TOO_MANY_STREAMS = JSON.stringify({
  kind: "Status",
  apiVersion: "v1",
  metadata: {},
  status: "Failure",
  message: `too many open watches on this cluster (at most ${MAX_STREAMS_PER_CLUSTER}); close some and try again`,
  reason: "TooManyRequests",
  details: { retryAfterSeconds: 1 },
  code: 429,
});

export class SessionApi {
  private readonly sinks = new Map<number, ApiStreamSink>();
  private timer: NodeJS.Timeout | null = null;
  private pumpQueued = false;

  constructor(private readonly s: ApiSessionHost) {}

  /** Open streams (for tests and the idle check). */
  get streams(): number {
    return this.sinks.size;
  }

  /**
   * Answers one request. A stream's sink starts receiving on the next drain, which runs after
   * the caller has the reply (a later queue step, behind a worker round trip), so the caller
   * writes the status and headers before the first chunk.
   */
  request(call: ApiCall, sink: ApiStreamSink): Promise<ApiReply> {
    let wrote = false;
    const reply = this.s.enqueueValue(async (): Promise<ApiReply> => {
      const a = await this.s.sim.api(call);
      if (a.delta) {
        wrote = true;
        await this.s.persist({ commandId: randomUUID(), line: "", output: "", delta: a.delta });
        this.s.clusterChanged();
      }
      if (a.t === "response") return { status: a.status, headers: a.headers, body: a.body };
      if (this.sinks.size >= MAX_STREAMS_PER_CLUSTER) {
        await this.s.sim.apiStreamClose(a.id);
        return { status: 429, headers: { "content-type": "application/json", "retry-after": "1" }, body: TOO_MANY_STREAMS };
      }
      this.sinks.set(a.id, sink);
      this.arm();
      return { status: a.status, headers: a.headers, stream: a.id };
    });
    // streams are drained after a request that changed the cluster or opened one (its first
    // events); a read that changed nothing leaves them to the next change or the timer
    void reply.then(
      (r) => (wrote || "stream" in r) && this.changed(),
      () => undefined,
    );
    return reply;
  }

  /** The client went away: its stream is forgotten here and in the worker. */
  closeStream(id: number): void {
    if (!this.sinks.delete(id)) return;
    this.arm();
    void this.s.enqueueValue(() => this.s.sim.apiStreamClose(id)).catch(() => undefined);
  }

  /** Something may have changed the cluster (a command ran): open streams are drained soon. */
  changed(): void {
    if (this.sinks.size === 0 || this.pumpQueued) return;
    this.pumpQueued = true;
    void this.s
      .enqueueValue(async () => {
        this.pumpQueued = false;
        await this.pump();
      })
      .catch(() => {
        this.pumpQueued = false;
      });
  }

  /** The cluster is unloaded or replaced: every stream ends (kubectl reconnects a watch by itself). */
  stop(): void {
    for (const sink of this.sinks.values()) sink.end();
    this.sinks.clear();
    this.arm();
  }

  private async pump(): Promise<void> {
    if (this.sinks.size === 0) return;
    const r = await this.s.sim.apiPump();
    if (r.delta) await this.s.persist({ commandId: randomUUID(), line: "", output: "", delta: r.delta });
    const seen = new Set<number>();
    for (const st of r.streams) {
      seen.add(st.id);
      const sink = this.sinks.get(st.id);
      if (!sink) continue;
      if (st.chunks.length) sink.write(st.chunks.join(""));
      if (st.done) {
        sink.end();
        this.sinks.delete(st.id);
      }
    }
    // a stream the worker no longer has (the cluster was reset or reloaded) ends here too
    for (const [id, sink] of this.sinks) {
      if (seen.has(id)) continue;
      sink.end();
      this.sinks.delete(id);
    }
    this.arm();
  }

  /** The once-a-second drain runs only while a stream is open. */
  private arm(): void {
    if (this.sinks.size > 0 && !this.timer) {
      this.timer = setInterval(() => this.changed(), STREAM_PUMP_MS);
      this.timer.unref();
    } else if (this.sinks.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}
