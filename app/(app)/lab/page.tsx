import type { Metadata } from "next";
import { KubeconfigPanel } from "@/app/_components/kubeconfig/kubeconfig-panel";
import { ProGate } from "@/app/_components/pro/pro-gate";
import { TerminalPanel } from "@/app/_components/terminal/terminal-panel";
import { requireUser } from "@/lib/server/auth/session";
import { paymentsEnabled } from "@/lib/server/billing/config";

export const metadata: Metadata = { title: "Practice cluster" };

const COURSE = "kubernetes-pki";

export default async function LabPage() {
  const user = await requireUser("/lab");
  return (
    <div data-wide-page className="mx-auto flex w-full max-w-[96rem] flex-col gap-4 px-4 py-8 sm:px-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-slate-100">Your practice cluster</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          A kubeadm v1.32 cluster (<code>controlplane</code> and <code>node01</code>) that is yours alone. Try{" "}
          <code>kubectl get nodes</code>, <code>ls /etc/kubernetes/pki</code> or <code>kubeadm certs check-expiration</code>. Type{" "}
          <code>help</code> for the commands.
        </p>
      </header>
      {user.isPro ? (
        <>
          <TerminalPanel course={COURSE} owner={user.id} className="h-[calc(100dvh-13rem)] min-h-[420px]" />
          <KubeconfigPanel course={COURSE} />
        </>
      ) : (
        <ProGate payments={paymentsEnabled()} />
      )}
    </div>
  );
}
