/**
 * Which learners' clusters this instance runs. A cluster is loaded on first attach (snapshot +
 * events since, replayed in the learner's simulator worker), shared by every tab of that learner,
 * and unloaded after IDLE_UNLOAD_MS with no tab attached. A lease with a fencing token in
 * PostgreSQL makes sure two app instances never run the same cluster: writes carry the token, so
 * an instance that lost its lease cannot commit. Each learner has one budget for all their tabs
 * and courses (learner-budget.ts).
 */
import "server-only";
import { randomUUID } from "node:crypto";
import type { ScenarioSetupStep } from "@/lib/course/types";
import type { SavedState } from "@/lib/sim";
import { setupForClusterKey } from "@/lib/server/scenarios/cluster-key";
import { CLOSE } from "@/lib/terminal/close-codes";
import { flushLabCommands, recordLabCommand } from "@/lib/server/analytics/lab-record";
import { LearnerBudgets, resetRefusal } from "./learner-budget";
import { LiveSession, type TerminalClient } from "./live-session";
import type { SimHost } from "./sim-host";
import type { TerminalStore } from "./terminal-store";
import { notice } from "./scrollback";

export const DEFAULT_LEASE_TTL_MS = 30_000;
export const IDLE_UNLOAD_MS = 5 * 60_000;
/** RSA-2048 keys a new kubeadm cluster takes from the pool (CAs, leaves, kubeconfigs, sa). */
export const KEYS_PER_CLUSTER = 20;

/** Another live instance holds the cluster; `holderUrl` is where it is reached (null: unknown, retry later). */
export class SessionBusyError extends Error {
  constructor(
    readonly sessionId: string,
    readonly holderUrl: string | null,
  ) {
    super("This cluster is running on another server; retrying.");
  }
}

/** A tab that can be closed with a code (the gateway's clients are). */
type ClosableClient = TerminalClient & { close?: (code: number) => void };

export class SessionManager {
  readonly instanceId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly live = new Map<string, LiveSession>();
  private readonly loading = new Map<string, Promise<LiveSession>>();
  /** what to tell a learner when their cluster next loads (a command that could not be saved) */
  private readonly notices = new Map<string, string>();
  private readonly timer: NodeJS.Timeout;
  private readonly leaseTtlMs: number;
  /** where other instances relay tabs of the clusters this one holds (INSTANCE_URL) */
  private readonly instanceUrl: string | null;

  constructor(
    private readonly store: TerminalStore,
    private readonly host: SimHost,
    opts: { leaseTtlMs?: number; instanceUrl?: string } = {},
    readonly budgets = new LearnerBudgets(),
  ) {
    this.leaseTtlMs = opts.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
    this.instanceUrl = opts.instanceUrl ?? null;
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

  /**
   * A fresh cluster's state for a learner: RSA-2048 like a default kubeadm when the key pool can
   * cover it, else ECDSA-P256; broken by the scenario's setup when the cluster key names a scenario.
   */
  newCluster(userId: string, setup?: ScenarioSetupStep[]): Promise<SavedState> {
    return this.host.create(userId, this.host.keys.available() >= KEYS_PER_CLUSTER ? "rsa-2048" : "ecdsa-p256", setup);
  }

  /** A fresh cluster for the key a loaded session runs under (a scenario's comes broken again). */
  private async freshFor(session: LiveSession): Promise<SavedState> {
    const key = [...this.live].find(([, s]) => s === session)?.[0];
    const clusterKey = key?.slice(key.indexOf(":") + 1);
    return this.newCluster(session.userId, clusterKey ? await setupForClusterKey(clusterKey) : undefined);
  }

  /**
   * "Restart scenario": the learner's cluster under `clusterKey` is replaced by a fresh one made
   * the same way (for a scenario: broken by its setup), within the learner's reset budget.
   */
  async restart(userId: string, clusterKey: string): Promise<{ ok: true } | { ok: false; message: string }> {
    const session = await this.open(userId, clusterKey);
    const allowed = this.budgets.for(userId).reset();
    if (!allowed.ok) return { ok: false, message: resetRefusal(allowed.retryAfterMs) };
    await session.reset(await this.freshFor(session));
    return { ok: true };
  }

  /** A reset asked for by a learner's tab: within their budget it replaces the cluster, else the tab is told when to try again. */
  async reset(session: LiveSession, asker: TerminalClient): Promise<{ ok: true } | { ok: false; message: string }> {
    const allowed = this.budgets.for(session.userId).reset();
    if (!allowed.ok) {
      const message = resetRefusal(allowed.retryAfterMs);
      session.notify(message, asker);
      return { ok: false, message };
    }
    await session.reset(await this.freshFor(session));
    return { ok: true };
  }

  /** Closes every open terminal of a learner now (signed out, disabled, deleted) and unloads their clusters. */
  async closeUser(userId: string, code: number = CLOSE.signedOut): Promise<void> {
    const mine = [...this.live].filter(([key]) => key.startsWith(`${userId}:`));
    await Promise.all(
      mine.map(async ([key, s]) => {
        this.live.delete(key);
        for (const c of s.clients as Set<ClosableClient>) c.close?.(code);
        await s.unload();
        await this.store.releaseLease(s.sessionId, this.instanceId).catch(() => undefined);
      }),
    );
  }

  /** Clusters whose worker died: their tabs reconnect and the clusters reload from the database. */
  clustersLost(sessionIds: string[]): void {
    const lost = new Set(sessionIds);
    for (const s of this.live.values()) if (lost.has(s.sessionId)) this.evict(s, null);
  }

  private async load(userId: string, course: string): Promise<LiveSession> {
    const row = await this.store.findOrCreate(userId, course, async () => this.newCluster(userId, await setupForClusterKey(course)));
    const token = await this.store.acquireLease(row.id, this.instanceId, this.leaseTtlMs, this.instanceUrl);
    if (token === null) throw new SessionBusyError(row.id, await this.store.leaseHolderUrl(row.id));
    const loaded = await this.store.load(row.id);
    const sim = await this.host.load(userId, row.id, loaded.snapshot, loaded.deltas);
    const key = `${userId}:${course}`;
    const pendingNotice = this.notices.get(key);
    this.notices.delete(key);
    const scrollback = loaded.scrollback + (pendingNotice ? notice(pendingNotice) : "");
    return new LiveSession(
      row.id,
      userId,
      sim,
      loaded.lastSeq,
      token,
      this.store,
      scrollback,
      this.budgets.for(userId),
      (s, unsaved) => this.evict(s, unsaved),
      (c) => recordLabCommand({ userId, courseSlug: course, ...c }),
    );
  }

  private evict(session: LiveSession, unsavedLine: string | null): void {
    for (const [key, s] of this.live) {
      if (s !== session) continue;
      this.live.delete(key);
      if (unsavedLine !== null) {
        const shown = unsavedLine.length > 200 ? `${unsavedLine.slice(0, 200)}…` : unsavedLine;
        this.notices.set(
          key,
          `Kubeyard could not save your last command, so it did not take effect: ${shown.split("\n")[0]}\r\nYour cluster is as it was before it. Run it again.`,
        );
      }
    }
    void session.unload();
    const why =
      unsavedLine !== null
        ? `Your last command (${unsavedLine.split("\n")[0].slice(0, 80)}) could not be saved; run it again after the reconnect.`
        : "This terminal was reloaded from the last saved state; reconnecting.";
    session.broadcast({ t: "error", code: "session-moved", message: why });
    for (const c of session.clients as Set<ClosableClient>) c.close?.(CLOSE.sessionMoved);
  }

  /** Renews leases of loaded sessions, unloads idle ones and forgets idle budgets. */
  private async maintain(): Promise<void> {
    const now = Date.now();
    const keep: LiveSession[] = [];
    for (const [key, s] of this.live) {
      if (s.clients.size === 0 && now - s.lastActivity > IDLE_UNLOAD_MS) {
        this.live.delete(key);
        await s.unload();
        await this.store.releaseLease(s.sessionId, this.instanceId).catch(() => undefined);
      } else keep.push(s);
    }
    this.budgets.prune();
    // One statement for all loaded sessions, however many: renewal must not compete with commands
    // for the pool. If the database is unreachable this round, the fencing token still keeps a
    // session whose lease runs out from writing; the next round tries again.
    let lost: string[];
    try {
      lost = await this.store.renewLeases(
        keep.map((s) => s.sessionId),
        this.instanceId,
        this.leaseTtlMs,
      );
    } catch (err) {
      console.error("terminal: could not renew leases:", (err as Error).message);
      return;
    }
    const gone = new Set(lost);
    for (const s of keep) if (gone.has(s.sessionId)) this.evict(s, null);
  }

  /** Loaded sessions (for metrics and tests). */
  loadedCount(): number {
    return this.live.size;
  }

  /** Graceful shutdown: release every lease so another instance can take over at once. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    // an open editor's last keystrokes are saved before the lease goes
    await Promise.all([...this.live.values()].map((s) => s.flush().catch(() => undefined)));
    await flushLabCommands();
    await Promise.all([...this.live.values()].map((s) => this.store.releaseLease(s.sessionId, this.instanceId).catch(() => undefined)));
    this.live.clear();
  }
}
