import Link from "next/link";
import { ArrowRightIcon, ShieldIcon } from "./icons";
import { Badge } from "./ui/badge";
import { cx } from "./ui/cx";

/** Placeholder for the first course until the course catalogue (another issue) replaces it. */
export const PKI_COURSE = {
  title: "Kubernetes PKI and TLS",
  href: "/courses",
  summary:
    "How a kubeadm cluster uses certificates: the three CAs, what every file in /etc/kubernetes/pki is for, client certificates as users and groups, CSRs, and what happens when certificates expire.",
  topics: ["Cluster CAs and trust", "Server and client certificates", "Users and groups from CN/O", "CSRs and approval", "Expiry and kubeadm renewal"],
} as const;

export function CourseTeaserCard({ headingLevel = "h3", className }: { headingLevel?: "h2" | "h3"; className?: string }) {
  const Heading = headingLevel;
  return (
    <article
      className={cx(
        "group relative flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-5 shadow-xs transition-colors hover:border-indigo-300 has-[a:focus-visible]:outline-2 has-[a:focus-visible]:outline-offset-2 has-[a:focus-visible]:outline-indigo-500 sm:p-6 dark:border-slate-800 dark:bg-slate-900/60 dark:hover:border-indigo-500/50",
        className,
      )}
    >
      <div className="flex items-start justify-between gap-4">
        <span className="inline-flex size-10 items-center justify-center rounded-lg bg-indigo-50 text-indigo-600 ring-1 ring-indigo-100 dark:bg-indigo-500/10 dark:text-indigo-300 dark:ring-indigo-500/20">
          <ShieldIcon className="size-5" />
        </span>
        <div className="flex flex-wrap justify-end gap-1.5">
          <Badge tone="emerald">Lessons and quizzes free</Badge>
          <Badge tone="indigo">Hands-on labs</Badge>
        </div>
      </div>
      <div className="space-y-2">
        <Heading className="text-lg font-semibold tracking-tight text-slate-900 dark:text-white">
          <Link href={PKI_COURSE.href} className="after:absolute after:inset-0 after:rounded-xl focus-visible:outline-none">
            {PKI_COURSE.title}
          </Link>
        </Heading>
        <p className="text-sm leading-relaxed text-slate-600 dark:text-slate-400">{PKI_COURSE.summary}</p>
      </div>
      <ul className="flex flex-wrap gap-1.5" aria-label="Topics">
        {PKI_COURSE.topics.map((t) => (
          <li key={t} className="rounded-md bg-slate-100 px-2 py-1 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300">
            {t}
          </li>
        ))}
      </ul>
      <p className="mt-auto inline-flex items-center gap-1 text-sm font-medium text-indigo-600 dark:text-indigo-400">
        View course
        <ArrowRightIcon className="size-4 transition-transform group-hover:translate-x-0.5" />
      </p>
    </article>
  );
}
