/**
 * Which learners' clusters this instance runs. A cluster is loaded on first attach (snapshot +
 * events since), shared by every tab of that learner, and unloaded after IDLE_UNLOAD_MS with no
 * tab attached. A lease with a fencing token in PostgreSQL makes sure two app instances never
 * run the same cluster: writes carry the token, so an instance that lost its lease cannot commit.
 */
import { randomUUID } from "node:crypto";
import { applyDelta, Simulator } from "@/lib/sim";
import type { KeySource } from "@/lib/sim/types";
import { LiveSession } from "./live-session";
import type { TerminalStore } from "./terminal-store";

export const DEFAULT_LEASE_TTL_MS = 30_000;
export const IDLE_UNLOAD_MS = 5 * 60_000;
/** RSA-2048 keys a new kubeadm cluster takes from the pool (CAs, leaves, kubeconfigs, sa). */
export const KEYS_PER_CLUSTER = 20;

export interface KeyPoolLike extends KeySource {
  available(): number;
}

export class SessionBusyError extends Error {}

export class SessionManager {
  readonly instanceId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly live = new Map<string, LiveSession>();
  private readonly loading = new Map<string, Promise<LiveSession>>();
  private readonly timer: NodeJS.Timeout;

  private readonly leaseTtlMs: number;

  constructor(
    private readonly store: TerminalStore,
    private readonly keys: KeyPoolLike,
    opts: { leaseTtlMs?: number } = {},
    private readonly clock = { now: () => Date.now() },
  ) {
    this.leaseTtlMs = opts.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
    // Renew at a third of the TTL, so one missed round never loses the lease.
    this.timer = setInterval(() => void this.maintain(), Math.max(1000, this.leaseTtlMs / 3));
    this.timer.unref();
  }

  /** The learner's live session for a course, loading or creating it. Throws SessionBusyError when another instance holds it. */
  async open(userId: string, course: string): Promise<LiveSession> {
    const key = `${userId}:${course}`;
    const existing = this.live.get(key);
    if (existing && !existing.closed) return existing;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.load(userId, course).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    const session = await pending;
    this.live.set(key, session);
    return session;
  }

  /** A fresh cluster for a learner: RSA-2048 like a default kubeadm when the key pool can cover it, else ECDSA-P256. */
  async newCluster(): Promise<Simulator> {
    const keyAlgorithm = this.keys.available() >= KEYS_PER_CLUSTER ? "rsa-2048" : "ecdsa-p256";
    return Simulator.create({ clock: this.clock, keys: this.keys, seed: Math.floor(Math.random() * 2 ** 32), config: { keyAlgorithm } });
  }

  private async load(userId: string, course: string): Promise<LiveSession> {
    const row = await this.store.findOrCreate(userId, course, async () => (await this.newCluster()).serialize());
    const token = await this.store.acquireLease(row.id, this.instanceId, this.leaseTtlMs);
    if (token === null) throw new SessionBusyError("This cluster is running on another server; retrying.");
    const loaded = await this.store.load(row.id);
    const state = loaded.snapshot;
    for (const delta of loaded.deltas) applyDelta(state, delta);
    const sim = Simulator.restore(state, { clock: this.clock, keys: this.keys });
    return new LiveSession(row.id, sim, loaded.lastSeq, token, this.store, loaded.scrollback, (s) => this.evict(s));
  }

  private evict(session: LiveSession): void {
    for (const [key, s] of this.live) if (s === session) this.live.delete(key);
    session.broadcast({ t: "error", code: "session-moved", message: "This terminal was reloaded from the last saved state; reconnecting." });
    for (const c of session.clients) (c as { close?: (code: number) => void }).close?.(4009);
  }

  /** Renews leases of loaded sessions and unloads idle ones. */
  private async maintain(): Promise<void> {
    const now = Date.now();
    const keep: LiveSession[] = [];
    for (const [key, s] of this.live) {
      if (s.clients.size === 0 && now - s.lastActivity > IDLE_UNLOAD_MS) {
        this.live.delete(key);
        s.closed = true;
        await this.store.releaseLease(s.sessionId, this.instanceId).catch(() => undefined);
      } else keep.push(s);
    }
    // One statement for all loaded sessions, however many: renewal must not compete with commands
    // for the pool. If the database is unreachable this round, the fencing token still keeps a
    // session whose lease runs out from writing; the next round tries again.
    let lost: string[];
    try {
      lost = await this.store.renewLeases(keep.map((s) => s.sessionId), this.instanceId, this.leaseTtlMs);
    } catch (err) {
      console.error("terminal: could not renew leases:", (err as Error).message);
      return;
    }
    const gone = new Set(lost);
    for (const s of keep) {
      if (!gone.has(s.sessionId)) continue;
      s.closed = true;
      this.evict(s);
    }
  }

  /** Loaded sessions (for metrics and tests). */
  loadedCount(): number {
    return this.live.size;
  }

  /** Graceful shutdown: release every lease so another instance can take over at once. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([...this.live.values()].map((s) => this.store.releaseLease(s.sessionId, this.instanceId).catch(() => undefined)));
    this.live.clear();
  }
}
