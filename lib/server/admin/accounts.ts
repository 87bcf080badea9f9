/**
 * Account controls (issue 10, deliverable 5): an admin disables or enables an account, and an
 * account is deleted with everything of its owner's, by the learner (GDPR-style) or by an admin
 * (test and spam accounts). Each admin change is audited in the same transaction.
 */
import "server-only";
import { writeAudit } from "@/lib/server/audit/audit";
import { getPrisma } from "@/lib/server/db/client";
import { CLOSE } from "@/lib/terminal/close-codes";
import { kubeTokenIssueBucket, revokeAllKubeTokens } from "@/lib/server/kube-tokens/kube-tokens";
import { findSessionManager } from "@/lib/server/terminal/runtime";
import { AdminRuleError } from "./users";

/** Closes the learner's open terminals now and unloads their clusters (the next load sees the database). */
async function closeTerminals(userId: string): Promise<void> {
  await findSessionManager()?.closeUser(userId, CLOSE.signedOut);
}

/** Disables (signed out everywhere, terminals closed, no sign-in, no Pro re-grant) or enables an account. */
export async function setDisabled(actorId: string, userId: string, disabled: boolean, now = new Date()): Promise<{ changed: boolean }> {
  if (actorId === userId && disabled) throw new AdminRuleError("You cannot disable your own account.");
  const result = await getPrisma().$transaction(async (tx) => {
    const [target] = await tx.$queryRaw<{ disabled_at: Date | null }[]>`SELECT disabled_at FROM users WHERE id = ${userId} FOR UPDATE`;
    if (!target) throw new AdminRuleError("No such user.");
    if ((target.disabled_at !== null) === disabled) return { changed: false };
    await tx.user.update({ where: { id: userId }, data: { disabledAt: disabled ? now : null } });
    if (disabled) {
      await tx.authSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
      // kubectl tokens end too: enabling the account again does not bring them back
      await revokeAllKubeTokens(tx, userId, now);
    }
    await writeAudit(tx, { actorId, action: disabled ? "user.disable" : "user.enable", targetUserId: userId });
    return { changed: true };
  });
  if (disabled) await closeTerminals(userId);
  return result;
}

/**
 * Deletes an account and everything of its owner's: the user row (sessions, grants, progress,
 * answers, task passes, clusters and their commands go with it, by foreign key), the rollup rows
 * keyed by the user's id (answer counts in the aggregate tables are subtracted by their triggers),
 * the sign-in limit buckets keyed by their email (and the kubectl-token bucket keyed by their id), and the audit entries of their own actions on
 * themselves. Admin actions about them stay in the audit log with the link removed.
 */
export async function deleteAccount(userId: string, by: { actorId: string } | "self"): Promise<void> {
  if (by !== "self" && by.actorId === userId) throw new AdminRuleError("You cannot delete your own account here; use your account page.");
  await closeTerminals(userId);
  await getPrisma().$transaction(async (tx) => {
    const [user] = await tx.$queryRaw<{ email: string }[]>`SELECT email FROM users WHERE id = ${userId} FOR UPDATE`;
    if (!user) throw new AdminRuleError("No such user.");
    await tx.$executeRaw`DELETE FROM learner_days WHERE user_id = ${userId}`;
    await tx.$executeRaw`DELETE FROM quiz_learner_lessons WHERE user_id = ${userId}`;
    await tx.$executeRaw`DELETE FROM rate_limit_buckets WHERE key = ${`signin:acct:${user.email}`} OR key LIKE ${`signin:pair:${user.email.replace(/[\\%_]/g, (c) => `\\${c}`)}|%`}`;
    await tx.$executeRaw`DELETE FROM rate_limit_buckets WHERE key = ${kubeTokenIssueBucket(userId).key}`;
    await tx.auditLog.deleteMany({ where: { actorId: userId, targetUserId: userId } });
    await tx.user.delete({ where: { id: userId } });
    if (by !== "self")
      await writeAudit(tx, { actorId: by.actorId, action: "user.delete", targetUserId: null, details: { deletedUserId: userId } });
  });
}
