/**
 * The audit log: who did what to whom, when. Written in the same transaction as the change it
 * records (so there is never a change without its entry), read by the admin pages.
 */
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/server/db/client";

/** The actions we record. Keep names stable: they are stored. */
export type AuditAction =
  | "pro.grant"
  | "pro.revoke"
  | "pro.early_access"
  | "pro.payment"
  | "pro.payment_ended"
  | "role.grant_admin"
  | "role.revoke_admin"
  | "user.disable"
  | "user.enable"
  | "user.delete"
  // an admin opened one learner's lab timeline (their commands: personal data; security.md H2)
  | "lab.timeline_view"
  // a learner created or revoked a bearer token for their own kubectl (issue 16)
  | "kube_token.issue"
  | "kube_token.revoke";

type Tx = Pick<Prisma.TransactionClient, "auditLog">;

export interface AuditInput {
  /** null: the system (e.g. a Stripe webhook) */
  actorId: string | null;
  action: AuditAction;
  targetUserId: string | null;
  details?: Record<string, string | number | boolean | null>;
}

export async function writeAudit(tx: Tx, entry: AuditInput): Promise<void> {
  await tx.auditLog.create({
    data: { actorId: entry.actorId, action: entry.action, targetUserId: entry.targetUserId, details: entry.details ?? {} },
  });
}

export interface AuditEntry {
  id: string;
  action: string;
  createdAt: Date;
  actor: { id: string; email: string } | null;
  target: { id: string; email: string } | null;
  details: unknown;
}

export async function listAudit(opts: { targetUserId?: string; limit?: number } = {}): Promise<AuditEntry[]> {
  const rows = await getPrisma().auditLog.findMany({
    where: opts.targetUserId ? { targetUserId: opts.targetUserId } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit ?? 50,
    select: {
      id: true,
      action: true,
      createdAt: true,
      details: true,
      actor: { select: { id: true, email: true } },
      targetUser: { select: { id: true, email: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    createdAt: r.createdAt,
    actor: r.actor,
    target: r.targetUser,
    details: r.details,
  }));
}
