/**
 * Bearer tokens for a learner's own kubectl against one of their simulated clusters (issue 16).
 * A token names one cluster (the learner's TerminalSession for a course); only its sha256 is
 * stored, it expires after KUBE_TOKEN_LIFETIME_MS and can be revoked from the account page.
 * The HTTP gateway (server/kube-gateway.ts) calls verifyKubeToken on every request and
 * touchKubeToken to record the last use; route handlers issue, list and revoke.
 *
 * At most MAX_LIVE_KUBE_TOKENS live tokens per learner and cluster: the next one is refused
 * rather than the oldest revoked, because revoking silently would break a kubeconfig that works
 * on another of the learner's machines without telling them; the refusal says where to revoke.
 */
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getCourse } from "@/lib/course/catalog";
import { writeAudit } from "@/lib/server/audit/audit";
import { getPrisma } from "@/lib/server/db/client";
import { isPro } from "@/lib/server/entitlements/pro";
import type { BucketSpec } from "@/lib/server/auth/rate-limit";
import { hashKubeToken, isKubeTokenShape, kubeTokenPrefix, newKubeTokenSecret } from "./token-format";

export const KUBE_TOKEN_LIFETIME_MS = 30 * 24 * 3_600_000;
export const MAX_LIVE_KUBE_TOKENS = 5;
/** lastUsedAt is written at most this often per token (a kubectl session sends many requests). */
export const KUBE_TOKEN_TOUCH_INTERVAL_MS = 60_000;

/** Issuing per learner: 10 at once, then 20 an hour (lib/server/auth/rate-limit.ts buckets). */
export function kubeTokenIssueBucket(userId: string): BucketSpec {
  return { key: `kubetoken:issue:${userId}`, capacity: 10, perHour: 20 };
}

/** What the gateway learns from a valid token. */
export interface KubeTokenGrant {
  tokenId: string;
  userId: string;
  clusterId: string;
  courseSlug: string;
  isPro: boolean;
}

export class KubeTokenLimitError extends Error {
  constructor() {
    super(
      `You already have ${MAX_LIVE_KUBE_TOKENS} active tokens for this cluster. Revoke one on your account page, then create a new kubeconfig.`,
    );
  }
}

/**
 * The id of the learner's cluster for a course if it exists, without loading it: on several
 * instances another one may hold its lease, and a token needs only the id.
 */
export async function findClusterId(userId: string, courseSlug: string): Promise<string | null> {
  const row = await getPrisma().terminalSession.findUnique({ where: { userId_courseSlug: { userId, courseSlug } }, select: { id: true } });
  return row?.id ?? null;
}

export interface IssuedKubeToken {
  id: string;
  /** the secret: returned once, never stored */
  token: string;
  expiresAt: Date;
}

export async function issueKubeToken({
  userId,
  sessionId,
  now = new Date(),
}: {
  userId: string;
  sessionId: string;
  now?: Date;
}): Promise<IssuedKubeToken> {
  const token = newKubeTokenSecret();
  const prefix = kubeTokenPrefix(token);
  return getPrisma().$transaction(async (tx) => {
    // Serialises issuing per cluster so two parallel requests cannot both pass the cap, without
    // locking the terminal_sessions row the live cluster writes to.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`kube_tokens:${sessionId}`}, 0))`;
    const session = await tx.terminalSession.findUnique({ where: { id: sessionId }, select: { userId: true } });
    if (session?.userId !== userId) throw new Error("That cluster is not this learner's.");
    const live = await tx.kubeToken.count({ where: { userId, sessionId, revokedAt: null, expiresAt: { gt: now } } });
    if (live >= MAX_LIVE_KUBE_TOKENS) throw new KubeTokenLimitError();
    const row = await tx.kubeToken.create({
      data: {
        userId,
        sessionId,
        tokenHash: hashKubeToken(token),
        prefix,
        createdAt: now,
        expiresAt: new Date(now.getTime() + KUBE_TOKEN_LIFETIME_MS),
      },
      select: { id: true, expiresAt: true },
    });
    await writeAudit(tx, {
      actorId: userId,
      action: "kube_token.issue",
      targetUserId: userId,
      details: { tokenId: row.id, prefix, clusterId: sessionId },
    });
    return { id: row.id, token, expiresAt: row.expiresAt };
  });
}

/**
 * The grant behind a raw bearer token, or null when it is malformed (refused before any hashing
 * or query), unknown, revoked, expired, or its owner is disabled or deleted (a deleted user's
 * tokens are gone with the row). Pro is reported, not required: the caller says why it refuses.
 */
export async function verifyKubeToken(raw: string, now: Date = new Date()): Promise<KubeTokenGrant | null> {
  if (!isKubeTokenShape(raw)) return null;
  const row = await getPrisma().kubeToken.findUnique({
    where: { tokenHash: hashKubeToken(raw) },
    select: {
      id: true,
      userId: true,
      sessionId: true,
      expiresAt: true,
      revokedAt: true,
      user: { select: { disabledAt: true } },
      session: { select: { userId: true, courseSlug: true } },
    },
  });
  if (!row || row.revokedAt !== null || row.expiresAt <= now || row.user.disabledAt !== null) return null;
  if (row.session.userId !== row.userId) return null; // never another learner's cluster, whatever the row says
  return {
    tokenId: row.id,
    userId: row.userId,
    clusterId: row.sessionId,
    courseSlug: row.session.courseSlug,
    isPro: await isPro(row.userId, now),
  };
}

/** When this process last wrote lastUsedAt per token: most requests then cost no query at all. */
const touchedAt = new Map<string, number>();
const TOUCHED_MAX = 10_000;

/**
 * Records a use of the token, at most once per KUBE_TOKEN_TOUCH_INTERVAL_MS: skipped in memory
 * when this process wrote it recently, and in SQL when another instance did. True when it wrote.
 */
export async function touchKubeToken(tokenId: string, now: Date = new Date()): Promise<boolean> {
  const t = now.getTime();
  const last = touchedAt.get(tokenId);
  if (last !== undefined && Math.abs(t - last) < KUBE_TOKEN_TOUCH_INTERVAL_MS) return false;
  if (touchedAt.size >= TOUCHED_MAX) {
    for (const [id, at] of touchedAt) if (t - at >= KUBE_TOKEN_TOUCH_INTERVAL_MS) touchedAt.delete(id);
    if (touchedAt.size >= TOUCHED_MAX) touchedAt.clear();
  }
  touchedAt.set(tokenId, t);
  const written = await getPrisma().$executeRaw`
    UPDATE kube_tokens SET last_used_at = ${now}
     WHERE id = ${tokenId} AND (last_used_at IS NULL OR last_used_at <= ${new Date(t - KUBE_TOKEN_TOUCH_INTERVAL_MS)})`;
  return written > 0;
}

export type KubeTokenStatus = "active" | "revoked" | "expired";

export interface KubeTokenSummary {
  id: string;
  prefix: string;
  clusterId: string;
  courseSlug: string;
  courseTitle: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  status: KubeTokenStatus;
}

/** The learner's own tokens, newest first (the 50 latest: older ones have long ended). */
export async function listKubeTokens(userId: string, now: Date = new Date()): Promise<KubeTokenSummary[]> {
  const rows = await getPrisma().kubeToken.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 50,
    select: {
      id: true,
      prefix: true,
      sessionId: true,
      createdAt: true,
      expiresAt: true,
      lastUsedAt: true,
      revokedAt: true,
      session: { select: { courseSlug: true } },
    },
  });
  const titles = new Map<string, string>();
  for (const slug of new Set(rows.map((r) => r.session.courseSlug))) titles.set(slug, (await getCourse(slug))?.title ?? slug);
  return rows.map((r) => ({
    id: r.id,
    prefix: r.prefix,
    clusterId: r.sessionId,
    courseSlug: r.session.courseSlug,
    courseTitle: titles.get(r.session.courseSlug) ?? r.session.courseSlug,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    lastUsedAt: r.lastUsedAt,
    revokedAt: r.revokedAt,
    status: r.revokedAt !== null ? "revoked" : r.expiresAt <= now ? "expired" : "active",
  }));
}

/** Revokes one of the learner's own live tokens; false when it is not theirs, unknown or already revoked. */
export async function revokeKubeToken(userId: string, id: string, now: Date = new Date()): Promise<boolean> {
  return getPrisma().$transaction(async (tx) => {
    const token = await tx.kubeToken.findFirst({ where: { id, userId, revokedAt: null }, select: { prefix: true, sessionId: true } });
    if (!token) return false;
    const { count } = await tx.kubeToken.updateMany({ where: { id, userId, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) return false; // a parallel revoke won
    await writeAudit(tx, {
      actorId: userId,
      action: "kube_token.revoke",
      targetUserId: userId,
      details: { tokenId: id, prefix: token.prefix, clusterId: token.sessionId },
    });
    return true;
  });
}

/** Revokes every live token of a learner, inside the caller's transaction (an account being disabled). */
export async function revokeAllKubeTokens(tx: Pick<Prisma.TransactionClient, "kubeToken">, userId: string, now: Date): Promise<number> {
  const { count } = await tx.kubeToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
  return count;
}
