import type { Metadata } from "next";
import Link from "next/link";
import { CourseTeaserCard } from "@/app/_components/course-teaser-card";
import { ArrowRightIcon, TerminalIcon } from "@/app/_components/icons";
import { Container } from "@/app/_components/page-container";
import { Badge } from "@/app/_components/ui/badge";
import { ButtonLink } from "@/app/_components/ui/button";
import { requireUser } from "@/lib/server/auth/session";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireUser("/dashboard");
  const firstName = user.name?.trim().split(/\s+/)[0];

  return (
    <Container className="py-10 sm:py-12">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl dark:text-white">
            {firstName ? `Welcome back, ${firstName}` : "Welcome back"}
          </h1>
          <p className="text-slate-600 dark:text-slate-400">Pick up where you left off, or start something new.</p>
        </div>
        <div className="flex items-center gap-2">
          <Badge tone={user.isPro ? "indigo" : "neutral"}>{user.isPro ? "Pro" : "Free plan"}</Badge>
          {user.role === "ADMIN" && <Badge tone="amber">Admin</Badge>}
        </div>
      </div>

      <div className="mt-10 grid gap-8 lg:grid-cols-[2fr_1fr]">
        <section aria-labelledby="continue-title" className="space-y-4">
          <h2 id="continue-title" className="text-sm font-semibold tracking-wider text-slate-500 uppercase dark:text-slate-400">
            Continue
          </h2>
          <div className="rounded-xl border border-dashed border-slate-300 bg-white p-6 dark:border-slate-700 dark:bg-slate-900/40">
            <p className="font-medium text-slate-900 dark:text-white">Nothing in progress yet</p>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
              Start a course and your next lesson will show up here.
            </p>
            <ButtonLink href="/courses" variant="secondary" size="sm" className="mt-4">
              Browse courses
              <ArrowRightIcon />
            </ButtonLink>
          </div>

          <h2 id="courses-title" className="pt-4 text-sm font-semibold tracking-wider text-slate-500 uppercase dark:text-slate-400">
            Your courses
          </h2>
          <CourseTeaserCard />
        </section>

        <aside aria-labelledby="lab-title" className="space-y-4">
          <h2 id="lab-title" className="text-sm font-semibold tracking-wider text-slate-500 uppercase dark:text-slate-400">
            Practice cluster
          </h2>
          <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-xs dark:border-slate-800 dark:bg-slate-900/60">
            <span className="inline-flex size-10 items-center justify-center rounded-lg bg-slate-900 text-emerald-300 dark:bg-slate-800">
              <TerminalIcon className="size-5" />
            </span>
            <p className="mt-4 font-medium text-slate-900 dark:text-white">Your kubeadm cluster</p>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
              {user.isPro
                ? "A control plane and a worker, with real certificates. It keeps its state between visits."
                : "Practise every command on a cluster of your own. Free during early access."}
            </p>
            <div className="mt-4">
              {user.isPro ? (
                <ButtonLink href="/lab" size="sm">
                  Open terminal
                </ButtonLink>
              ) : (
                <Link href="/pricing" className="text-sm font-medium text-indigo-600 underline-offset-2 hover:underline dark:text-indigo-400">
                  See what Pro includes
                </Link>
              )}
            </div>
          </div>
        </aside>
      </div>
    </Container>
  );
}
