import type { Metadata } from "next";
import Link from "next/link";
import { CheckIcon } from "@/app/_components/icons";
import { Container, PageHeader } from "@/app/_components/page-container";
import { UpgradeButton } from "@/app/_components/pro/upgrade-button";
import { Badge } from "@/app/_components/ui/badge";
import { ButtonLink } from "@/app/_components/ui/button";
import { cx } from "@/app/_components/ui/cx";
import { getSessionUser } from "@/lib/server/auth/session";
import { paymentsEnabled } from "@/lib/server/billing/config";

export const metadata: Metadata = {
  title: "Pricing",
  description: "Lessons and quizzes are free. Pro adds a terminal on your own simulated kubeadm cluster, free during early access.",
};

const FREE_FEATURES = ["Every lesson of every course", "Quizzes with explanations", "Progress saved across devices"];
const PRO_FEATURES = [
  "Everything in Free",
  "A terminal on your own simulated kubeadm cluster",
  "Real certificates: inspect them with openssl",
  "Hands-on tasks checked against your cluster",
  "Your cluster and scrollback kept between visits",
];

const FAQ = [
  {
    q: "Is the cluster real?",
    a: "It is a faithful model of a kubeadm cluster running on the server, with real PEM certificates and real command output. No containers run and nothing you type reaches a real machine, so it starts instantly and cannot be harmed.",
  },
  {
    q: "What does early access mean?",
    a: "Pro is free while we shape the platform: one click upgrades your account, no card needed.",
  },
  {
    q: "Can I run Kubeyard myself?",
    a: "Yes. Kubeyard is open source: one command runs it on a laptop with an embedded database, and it runs on PostgreSQL behind a load balancer in production.",
  },
] as const;

function FeatureList({ items, tone }: { items: string[]; tone: "slate" | "indigo" }) {
  return (
    <ul className="space-y-3 text-sm">
      {items.map((item) => (
        <li key={item} className="flex gap-3 text-slate-700 dark:text-slate-300">
          <CheckIcon
            className={cx("mt-0.5 size-4 shrink-0", tone === "indigo" ? "text-indigo-600 dark:text-indigo-400" : "text-slate-500")}
          />
          {item}
        </li>
      ))}
    </ul>
  );
}

export default async function PricingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await getSessionUser();
  const payments = paymentsEnabled();
  const cancelled = (await searchParams).checkout === "cancelled";
  return (
    <Container className="py-14 sm:py-20">
      <PageHeader
        eyebrow="Pricing"
        title="Learn for free. Practise with Pro."
        lead="Lessons and quizzes are free for everyone. Pro adds the terminal: a kubeadm cluster of your own to practise on."
        className="mx-auto text-center"
      />

      <div className="mx-auto mt-12 grid max-w-4xl gap-6 md:grid-cols-2">
        <section
          aria-labelledby="plan-free"
          className="flex flex-col rounded-2xl border border-slate-200 bg-white p-6 shadow-xs sm:p-8 dark:border-slate-800 dark:bg-slate-900/60"
        >
          <h2 id="plan-free" className="text-lg font-semibold text-slate-900 dark:text-white">
            Free
          </h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Read, answer and track your progress.</p>
          <p className="mt-6 flex items-baseline gap-1">
            <span className="text-4xl font-semibold tracking-tight text-slate-900 dark:text-white">$0</span>
            <span className="text-sm text-slate-500 dark:text-slate-400">forever</span>
          </p>
          <div className="mt-6 flex-1">
            <FeatureList items={FREE_FEATURES} tone="slate" />
          </div>
          <div className="mt-8">
            {user ? (
              <ButtonLink href="/dashboard" variant="secondary" className="w-full">
                Go to your dashboard
              </ButtonLink>
            ) : (
              <ButtonLink href="/sign-up" variant="secondary" className="w-full">
                Create a free account
              </ButtonLink>
            )}
          </div>
        </section>

        <section
          aria-labelledby="plan-pro"
          className="relative flex flex-col rounded-2xl border-2 border-indigo-500 bg-white p-6 shadow-lg shadow-indigo-500/10 sm:p-8 dark:border-indigo-400/70 dark:bg-slate-900"
        >
          <div className="flex items-center justify-between gap-2">
            <h2 id="plan-pro" className="text-lg font-semibold text-slate-900 dark:text-white">
              Pro
            </h2>
            <Badge tone="indigo">{payments ? "Monthly" : "Early access"}</Badge>
          </div>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Practise every lesson on your own cluster.</p>
          {payments ? (
            <p className="mt-6 text-sm text-slate-600 dark:text-slate-400">
              Secure checkout with Stripe; the price is shown there before you pay. Cancel at any time.
            </p>
          ) : (
            <p className="mt-6 flex flex-wrap items-baseline gap-x-2">
              <span className="text-4xl font-semibold tracking-tight text-slate-900 dark:text-white">Free</span>
              <span className="text-sm text-slate-500 dark:text-slate-400">during early access</span>
            </p>
          )}
          <div className="mt-6 flex-1">
            <FeatureList items={PRO_FEATURES} tone="indigo" />
          </div>
          <div className="mt-8">
            {!user ? (
              <ButtonLink href="/sign-up?callbackUrl=%2Fpricing" className="w-full">
                Sign up to get Pro
              </ButtonLink>
            ) : user.isPro ? (
              <div className="space-y-3">
                <p className="flex items-center gap-2 text-sm font-medium text-emerald-700 dark:text-emerald-400">
                  <CheckIcon className="size-4" /> You have Pro.
                </p>
                <ButtonLink href="/lab" className="w-full">
                  Open your practice cluster
                </ButtonLink>
              </div>
            ) : (
              <div className="space-y-3">
                {cancelled && <p className="text-sm text-slate-600 dark:text-slate-400">Checkout was cancelled; nothing was charged.</p>}
                <UpgradeButton label={payments ? "Upgrade to Pro" : "Upgrade to Pro, free"} className="w-full" />
              </div>
            )}
          </div>
        </section>
      </div>

      <section aria-labelledby="faq-title" className="mx-auto mt-20 max-w-3xl">
        <h2 id="faq-title" className="text-xl font-semibold tracking-tight text-slate-900 dark:text-white">
          Questions
        </h2>
        <dl className="mt-6 divide-y divide-slate-200 border-y border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {FAQ.map(({ q, a }) => (
            <div key={q} className="py-5 sm:grid sm:grid-cols-[14rem_1fr] sm:gap-6">
              <dt className="font-medium text-slate-900 dark:text-white">{q}</dt>
              <dd className="mt-2 text-sm leading-relaxed text-slate-600 sm:mt-0 dark:text-slate-400">{a}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-6 text-sm text-slate-600 dark:text-slate-400">
          Want to see it first? Start with the{" "}
          <Link href="/courses" className="font-medium text-indigo-600 underline-offset-2 hover:underline dark:text-indigo-400">
            free lessons
          </Link>
          .
        </p>
      </section>
    </Container>
  );
}
