import Link from "next/link";
import type { AuditEntry } from "@/lib/server/audit/audit";
import { dateTime } from "./format";

const ACTION: Record<string, string> = {
  "pro.grant": "granted Pro",
  "pro.revoke": "revoked Pro",
  "pro.early_access": "upgraded to Pro (early access)",
  "pro.payment": "Pro by payment",
  "pro.payment_ended": "Pro payment ended (cancelled or refunded)",
  "role.grant_admin": "made admin",
  "role.revoke_admin": "removed admin role",
  "lab.timeline_view": "viewed the lab timeline",
  "kube_token.issue": "created a kubectl token",
  "kube_token.revoke": "revoked a kubectl token",
};

function detail(e: AuditEntry): string {
  const d = (e.details ?? {}) as Record<string, unknown>;
  if (e.action === "pro.grant") return d.days ? `for ${String(d.days)} days` : "no end date";
  if (e.action === "lab.timeline_view") return `${String(d.course)} / ${String(d.unit)}`;
  if (e.action.startsWith("kube_token.")) return `${String(d.prefix)}…`;
  return "";
}

export function AuditList({ entries, showTarget = true }: { entries: AuditEntry[]; showTarget?: boolean }) {
  if (entries.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No changes recorded yet.</p>;
  return (
    <ol className="divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="audit-log">
      {entries.map((e) => (
        <li key={e.id} className="flex flex-col gap-0.5 py-2.5 sm:flex-row sm:items-baseline sm:gap-3">
          <time dateTime={e.createdAt.toISOString()} className="shrink-0 text-xs text-slate-500 tabular-nums sm:w-40 dark:text-slate-400">
            {dateTime(e.createdAt)}
          </time>
          <span className="min-w-0 text-slate-700 dark:text-slate-300">
            <span className="font-medium text-slate-900 dark:text-slate-100">
              {e.actor?.email ?? (e.action.startsWith("pro.payment") ? "Stripe" : "system")}
            </span>{" "}
            {ACTION[e.action] ?? e.action}
            {showTarget && e.target && (
              <>
                {" "}
                for{" "}
                <Link href={`/admin/users/${e.target.id}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-400">
                  {e.target.email}
                </Link>
              </>
            )}
            {detail(e) && <span className="text-slate-500 dark:text-slate-400"> ({detail(e)})</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}
