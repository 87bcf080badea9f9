import Link from "next/link";
import { UpgradeButton } from "./upgrade-button";

/**
 * Shown where the terminal would be for a learner without Pro. The server decides; this only
 * explains. `payments`: the deployment charges through Stripe (the page passes
 * paymentsEnabled()); otherwise Pro is free during early access.
 */
export function ProGate({ className = "", payments = false }: { className?: string; payments?: boolean }) {
  return (
    <section
      aria-labelledby="pro-gate-title"
      data-testid="pro-gate"
      className={`flex flex-col justify-center gap-4 rounded-xl border border-dashed border-indigo-300 bg-indigo-50/60 p-6 dark:border-indigo-500/40 dark:bg-indigo-950/30 ${className}`}
    >
      <h2 id="pro-gate-title" className="text-lg font-semibold text-slate-900 dark:text-slate-100">
        Practise on your own cluster with Pro
      </h2>
      <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700 dark:text-slate-300">
        <li>A simulated kubeadm cluster of your own, in the browser, with real certificates.</li>
        <li>Run every command of the lessons with one click; hands-on tasks are checked live.</li>
        <li>Your cluster, scrollback and history are kept between visits.</li>
      </ul>
      <p className="text-sm font-medium text-indigo-700 dark:text-indigo-300">
        {payments ? "Secure payment with Stripe; cancel at any time." : "Free during early access: one click, no card."}{" "}
        <Link href="/pricing" className="underline underline-offset-2">
          Compare plans
        </Link>
      </p>
      <UpgradeButton label={payments ? "Upgrade to Pro" : "Upgrade to Pro — free"} />
    </section>
  );
}
