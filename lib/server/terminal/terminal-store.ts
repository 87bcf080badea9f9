/**
 * Durable storage of learners' clusters in PostgreSQL: one TerminalSession row per learner and
 * course (snapshot, sequence numbers, lease) and one TerminalEvent per command (the line, what
 * the terminal showed, and the state delta). Restoring = latest snapshot + deltas after it.
 *
 * Every event write advances `lastSeq` in the same transaction, only if this instance's fencing
 * token is current and the sequence is the next one (security.md E1, E2): a stale instance, or a
 * second writer, changes nothing. Events of different sessions share transactions (group
 * commit, issue 15): each is still fenced on its own, and acknowledged only after its commit.
 */
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/server/db/client";
import { parseEnvVariable } from "@/lib/env";
import type { SavedState } from "@/lib/sim";
import type { StateDelta } from "@/lib/sim";
import { GroupCommit } from "./group-commit";
import { decodeText, encodeText } from "./lossless-text";
import { SCROLLBACK_LINES, trimToLines } from "./scrollback";

/** Events kept behind the latest snapshot, enough to redraw the scrollback. */
const EVENTS_KEPT_BEHIND_SNAPSHOT = 400;

export interface LoadedSession {
  snapshot: SavedState;
  deltas: StateDelta[];
  lastSeq: number;
  scrollback: string;
}

export interface NewEvent {
  seq: number;
  commandId: string;
  line: string;
  output: string;
  delta: unknown;
  snapshot?: SavedState;
}

export interface TerminalStore {
  findOrCreate(userId: string, course: string, initialState: () => Promise<SavedState>): Promise<{ id: string }>;
  /** Takes the lease for `owner`, recording where other instances reach it (`ownerUrl`); null when another live owner holds it. */
  acquireLease(id: string, owner: string, ttlMs: number, ownerUrl?: string | null): Promise<bigint | null>;
  /** Where the live lease holder of `id` is reached (null: nobody holds it, or its holder gave no address). */
  leaseHolderUrl(id: string): Promise<string | null>;
  /** Extends this owner's leases on `ids` in one statement; returns the ids whose lease it no longer holds. */
  renewLeases(ids: string[], owner: string, ttlMs: number): Promise<string[]>;
  releaseLease(id: string, owner: string): Promise<void>;
  load(id: string): Promise<LoadedSession>;
  hasCommand(id: string, commandId: string): Promise<boolean>;
  appendEvent(id: string, fencingToken: bigint, ev: NewEvent): Promise<"ok" | "lease-lost">;
  reset(id: string, fencingToken: bigint, state: SavedState, lastSeq: number): Promise<number>;
}

/**
 * Encodings (issue 10, row 5): line and output as WTF-8 bytes, state and deltas as JSON text
 * (JSON.stringify escapes NULs and lone surrogates, which jsonb would refuse to decode).
 */
const toJson = (v: unknown): string => JSON.stringify(v ?? null);

interface AppendItem {
  id: string;
  fencingToken: bigint;
  ev: NewEvent;
}

export class PrismaTerminalStore implements TerminalStore {
  /** Command events of all sessions on this instance, written in shared transactions (issue 15). */
  private readonly events: GroupCommit<AppendItem, "ok" | "lease-lost">;

  /**
   * `writesInFlight`: how many event batches may be committing at once. Default: 4, and always
   * at least one pooled connection left for everything else (sign-ins, lesson pages, leases).
   */
  constructor(
    private readonly prisma = getPrisma(),
    writesInFlight = Math.max(1, Math.min(4, parseEnvVariable("DATABASE_POOL_SIZE") - 1)),
  ) {
    this.events = new GroupCommit((items) => this.appendBatch(items), writesInFlight);
  }

  /** Batches written and events in them, since this store was made. */
  get groupCommitStats(): { batches: number; items: number } {
    return { ...this.events.stats };
  }

  async findOrCreate(userId: string, course: string, initialState: () => Promise<SavedState>) {
    const where = { userId_courseSlug: { userId, courseSlug: course } };
    const found = await this.prisma.terminalSession.findUnique({ where, select: { id: true } });
    if (found) return found;
    const snapshot = await initialState();
    // Two tabs may race to create it: the unique key decides, and both get the same row.
    return this.prisma.terminalSession.upsert({
      where,
      update: {},
      create: { userId, courseSlug: course, snapshot: toJson(snapshot), snapshotSeq: 0, lastSeq: 0 },
      select: { id: true },
    });
  }

  /**
   * Lease times come from PostgreSQL's clock (issue 15), never an app server's: with instances
   * whose clocks disagree, who may take a lease over and when still has one answer. Taking it and
   * reading its fencing token is one statement, so no other instance can come in between.
   */
  async acquireLease(id: string, owner: string, ttlMs: number, ownerUrl: string | null = null): Promise<bigint | null> {
    const rows = await this.prisma.$queryRaw<{ fencing_token: bigint }[]>`
      UPDATE "terminal_sessions"
         SET "lease_owner" = ${owner},
             "lease_owner_url" = ${ownerUrl},
             "lease_expires_at" = now() + ${ttlMs}::double precision * interval '1 millisecond',
             "fencing_token" = "fencing_token" + 1
       WHERE "id" = ${id}
         AND ("lease_owner" IS NULL OR "lease_owner" = ${owner} OR "lease_expires_at" < now())
      RETURNING "fencing_token"`;
    return rows.length === 1 ? rows[0].fencing_token : null;
  }

  async leaseHolderUrl(id: string): Promise<string | null> {
    const rows = await this.prisma.$queryRaw<{ url: string | null }[]>`
      SELECT "lease_owner_url" AS url FROM "terminal_sessions"
       WHERE "id" = ${id} AND "lease_owner" IS NOT NULL AND "lease_expires_at" >= now()`;
    return rows[0]?.url ?? null;
  }

  async renewLeases(ids: string[], owner: string, ttlMs: number): Promise<string[]> {
    if (ids.length === 0) return [];
    const renewed = await this.prisma.$queryRaw<{ id: string }[]>`
      UPDATE "terminal_sessions" SET "lease_expires_at" = now() + ${ttlMs}::double precision * interval '1 millisecond'
       WHERE "id" = ANY(${ids}) AND "lease_owner" = ${owner}
      RETURNING "id"`;
    const held = new Set(renewed.map((r) => r.id));
    return ids.filter((id) => !held.has(id));
  }

  async releaseLease(id: string, owner: string): Promise<void> {
    await this.prisma.terminalSession.updateMany({
      where: { id, leaseOwner: owner },
      data: { leaseOwner: null, leaseOwnerUrl: null, leaseExpiresAt: null },
    });
  }

  async load(id: string): Promise<LoadedSession> {
    const row = await this.prisma.terminalSession.findUniqueOrThrow({
      where: { id },
      select: { snapshot: true, snapshotSeq: true, lastSeq: true },
    });
    const [after, tail] = await Promise.all([
      this.prisma.terminalEvent.findMany({
        where: { sessionId: id, seq: { gt: row.snapshotSeq } },
        orderBy: { seq: "asc" },
        select: { delta: true },
      }),
      this.prisma.terminalEvent.findMany({
        where: { sessionId: id },
        orderBy: { seq: "desc" },
        take: EVENTS_KEPT_BEHIND_SNAPSHOT,
        select: { output: true },
      }),
    ]);
    return {
      snapshot: JSON.parse(row.snapshot) as SavedState,
      deltas: after.map((e) => JSON.parse(e.delta) as StateDelta),
      lastSeq: row.lastSeq,
      scrollback: trimToLines(
        tail
          .reverse()
          .map((e) => decodeText(e.output))
          .join(""),
        SCROLLBACK_LINES,
      ),
    };
  }

  async hasCommand(id: string, commandId: string): Promise<boolean> {
    const ev = await this.prisma.terminalEvent.findUnique({
      where: { sessionId_commandId: { sessionId: id, commandId } },
      select: { seq: true },
    });
    return ev !== null;
  }

  async appendEvent(id: string, fencingToken: bigint, ev: NewEvent): Promise<"ok" | "lease-lost"> {
    // The common case goes through group commit; a session has one write in flight at a time.
    if (!ev.snapshot) return this.events.submit(id, { id, fencingToken, ev });
    const snapshot = ev.snapshot;
    // Every 100th event also writes the snapshot and prunes old events: a real transaction.
    return this.prisma.$transaction(
      async (tx) => {
        const { count } = await tx.terminalSession.updateMany({
          where: { id, fencingToken, lastSeq: ev.seq - 1 },
          data: {
            lastSeq: ev.seq,
            version: { increment: 1 },
            lastActiveAt: new Date(),
            snapshot: toJson(snapshot),
            snapshotSeq: ev.seq,
          },
        });
        if (count !== 1) return "lease-lost" as const;
        await tx.terminalEvent.create({
          data: {
            sessionId: id,
            seq: ev.seq,
            commandId: ev.commandId,
            line: encodeText(ev.line),
            output: encodeText(ev.output),
            delta: toJson(ev.delta),
          },
        });
        await tx.terminalEvent.deleteMany({ where: { sessionId: id, seq: { lte: ev.seq - EVENTS_KEPT_BEHIND_SNAPSHOT } } });
        return "ok" as const;
      },
      { maxWait: 10_000, timeout: 20_000 },
    ); // a busy pool must delay a snapshot, not lose the command
  }

  /**
   * Events of several sessions in one statement, so one round trip and one commit: each
   * session's sequence advances only under its own fencing token and expected last seq, and its
   * event is inserted only if that update matched (security.md E1, E2). A session whose update
   * did not match gets "lease-lost"; the others are unaffected.
   *
   * If the statement fails as a whole (one bad row aborts it), each event is written on its own,
   * so one session's failure is its own and never another learner's.
   */
  private async appendBatch(items: AppendItem[]): Promise<PromiseSettledResult<"ok" | "lease-lost">[]> {
    if (items.length === 1) return Promise.allSettled([this.appendOne(items[0])]);
    const values = Prisma.join(
      items.map(
        ({ id, fencingToken, ev }) =>
          Prisma.sql`(${id}, ${fencingToken}::bigint, ${ev.seq}::int, ${ev.commandId}::uuid, ${encodeText(ev.line)}::bytea, ${encodeText(ev.output)}::bytea, ${toJson(ev.delta)}::text)`,
      ),
    );
    let rows: { session_id: string }[];
    try {
      rows = await this.prisma.$queryRaw<{ session_id: string }[]>`
        WITH input ("id", "token", "seq", "command_id", "line", "output", "delta") AS (VALUES ${values}),
        advanced AS (
          UPDATE "terminal_sessions" AS s
             SET "last_seq" = i."seq", "version" = s."version" + 1, "last_active_at" = now(), "updated_at" = now()
            FROM input AS i
           WHERE s."id" = i."id" AND s."fencing_token" = i."token" AND s."last_seq" = i."seq" - 1
          RETURNING s."id")
        INSERT INTO "terminal_events" ("session_id", "seq", "command_id", "line", "output", "delta")
        SELECT i."id", i."seq", i."command_id", i."line", i."output", i."delta" FROM input AS i JOIN advanced AS a ON a."id" = i."id"
        RETURNING "session_id"`;
    } catch {
      return Promise.allSettled(items.map((item) => this.appendOne(item)));
    }
    const written = new Set(rows.map((r) => r.session_id));
    return items.map(({ id }) => ({ status: "fulfilled", value: written.has(id) ? "ok" : "lease-lost" }));
  }

  /** One event in one statement (one round trip, one implicit transaction). */
  private async appendOne({ id, fencingToken, ev }: AppendItem): Promise<"ok" | "lease-lost"> {
    const rows = await this.prisma.$queryRaw<{ seq: number }[]>`
      WITH advanced AS (
        UPDATE "terminal_sessions"
           SET "last_seq" = ${ev.seq}, "version" = "version" + 1, "last_active_at" = now(), "updated_at" = now()
         WHERE "id" = ${id} AND "fencing_token" = ${fencingToken} AND "last_seq" = ${ev.seq - 1}
        RETURNING "id")
      INSERT INTO "terminal_events" ("session_id", "seq", "command_id", "line", "output", "delta")
      SELECT "id", ${ev.seq}, ${ev.commandId}::uuid, ${encodeText(ev.line)}, ${encodeText(ev.output)}, ${toJson(ev.delta)} FROM advanced
      RETURNING "seq"`;
    return rows.length === 1 ? "ok" : "lease-lost";
  }

  async reset(id: string, fencingToken: bigint, state: SavedState, lastSeq: number): Promise<number> {
    const seq = lastSeq + 1;
    await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.terminalSession.updateMany({
        where: { id, fencingToken, lastSeq },
        data: { snapshot: toJson(state), snapshotSeq: seq, lastSeq: seq, version: { increment: 1 }, lastActiveAt: new Date() },
      });
      if (count !== 1) throw new Error("lease lost during reset");
      await tx.terminalEvent.deleteMany({ where: { sessionId: id } });
    });
    return seq;
  }
}
