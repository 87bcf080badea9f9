/**
 * The learner's kubectl tokens on the account page: course, the token's first characters, when it
 * was created, expires and was last used; active ones can be revoked, ended ones stay listed
 * (marked by their badge) so the learner can see what was used when.
 */
import Link from "next/link";
import { Badge, type BadgeTone } from "@/app/_components/ui/badge";
import { RevokeKubeToken } from "./revoke-kube-token";

export interface KubeTokenRow {
  id: string;
  prefix: string;
  courseTitle: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  status: "active" | "revoked" | "expired";
}

const STATUS: Record<KubeTokenRow["status"], { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "emerald" },
  revoked: { label: "Revoked", tone: "neutral" },
  expired: { label: "Expired", tone: "amber" },
};

const when = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ") + " UTC";

function Time({ label, at }: { label: string; at: Date | null }) {
  return (
    <>
      <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="text-slate-800 tabular-nums dark:text-slate-200">
        {at ? <time dateTime={at.toISOString()}>{when(at)}</time> : "never"}
      </dd>
    </>
  );
}

export function KubeTokenList({ tokens }: { tokens: KubeTokenRow[] }) {
  if (tokens.length === 0) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        No tokens yet. Create a kubeconfig under the terminal on the{" "}
        <Link href="/lab" className="font-medium text-indigo-700 hover:underline dark:text-indigo-400">
          lab page
        </Link>
        .
      </p>
    );
  }
  return (
    <ul className="divide-y divide-slate-200 dark:divide-slate-800" data-testid="kube-token-list">
      {tokens.map((t) => {
        const label = `token ${t.prefix}… for ${t.courseTitle}`;
        return (
          <li key={t.id} data-token-prefix={t.prefix} className="flex flex-col gap-3 py-4 first:pt-0 last:pb-0 sm:flex-row sm:items-start">
            <div className="min-w-0 flex-1 space-y-2">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium text-slate-900 dark:text-white">{t.courseTitle}</span>
                <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300">
                  {t.prefix}…
                </code>
                <Badge tone={STATUS[t.status].tone}>{STATUS[t.status].label}</Badge>
              </div>
              <dl className="grid grid-cols-[6rem_1fr] gap-x-3 gap-y-0.5 text-xs">
                <Time label="Created" at={t.createdAt} />
                {t.revokedAt ? (
                  <Time label="Revoked" at={t.revokedAt} />
                ) : (
                  <Time label={t.status === "expired" ? "Expired" : "Expires"} at={t.expiresAt} />
                )}
                <Time label="Last used" at={t.lastUsedAt} />
              </dl>
            </div>
            <RevokeKubeToken id={t.id} label={label} active={t.status === "active"} />
          </li>
        );
      })}
    </ul>
  );
}
