import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { KubeTokenList } from "@/app/_components/kubeconfig/kube-token-list";
import { Container } from "@/app/_components/page-container";
import { Badge } from "@/app/_components/ui/badge";
import { requireUser } from "@/lib/server/auth/session";
import { listKubeTokens } from "@/lib/server/kube-tokens/kube-tokens";
import { getPasswordHash } from "@/lib/server/users/users";
import { ChangePasswordForm } from "./_components/change-password-form";
import { DeleteAccount } from "./_components/delete-account";
import { SignOutEverywhere } from "./_components/sign-out-everywhere";

export const metadata: Metadata = { title: "Account" };

function Section({ id, title, description, children }: { id: string; title: string; description: ReactNode; children: ReactNode }) {
  return (
    <section
      aria-labelledby={id}
      className="grid gap-6 border-t border-slate-200 py-8 first:border-t-0 md:grid-cols-[16rem_1fr] dark:border-slate-800"
    >
      <div className="space-y-1">
        <h2 id={id} className="font-semibold text-slate-900 dark:text-white">
          {title}
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">{description}</p>
      </div>
      <div className="min-w-0">{children}</div>
    </section>
  );
}

export default async function AccountPage() {
  const user = await requireUser("/account");
  const hasPassword = (await getPasswordHash(user.id)) !== null;
  const kubeTokens = await listKubeTokens(user.id);
  return (
    <Container className="max-w-4xl py-10 sm:py-12">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl dark:text-white">Account</h1>
      <p className="mt-1 text-slate-600 dark:text-slate-400">Your profile, plan and sign-in settings.</p>

      <div className="mt-8 rounded-xl border border-slate-200 bg-white px-5 sm:px-8 dark:border-slate-800 dark:bg-slate-900/60">
        <Section id="profile-title" title="Profile" description="How you sign in and what you can use.">
          <dl className="grid gap-x-6 gap-y-4 text-sm sm:grid-cols-[8rem_1fr]">
            {user.name && (
              <>
                <dt className="text-slate-500 dark:text-slate-400">Name</dt>
                <dd className="font-medium text-slate-900 dark:text-white">{user.name}</dd>
              </>
            )}
            <dt className="text-slate-500 dark:text-slate-400">Email</dt>
            <dd className="font-medium break-all text-slate-900 dark:text-white">{user.email}</dd>
            <dt className="text-slate-500 dark:text-slate-400">Role</dt>
            <dd>
              <Badge tone={user.role === "ADMIN" ? "amber" : "neutral"}>{user.role === "ADMIN" ? "Admin" : "Learner"}</Badge>
            </dd>
            <dt className="text-slate-500 dark:text-slate-400">Plan</dt>
            <dd className="flex flex-wrap items-center gap-3">
              <Badge tone={user.isPro ? "indigo" : "neutral"}>{user.isPro ? "Pro" : "Free"}</Badge>
              {!user.isPro && (
                <Link
                  href="/pricing"
                  className="text-sm font-medium text-indigo-600 underline-offset-2 hover:underline dark:text-indigo-400"
                >
                  Get Pro, free during early access
                </Link>
              )}
            </dd>
          </dl>
        </Section>

        <Section id="password-title" title="Password" description="Changing your password signs you out everywhere, this device included.">
          <ChangePasswordForm />
        </Section>

        <Section
          id="sessions-title"
          title="Sessions"
          description="Lost a device, or signed in on a shared computer? End every session at once."
        >
          <SignOutEverywhere />
        </Section>

        {(user.isPro || kubeTokens.length > 0) && (
          <Section
            id="cluster-tokens"
            title="Cluster access tokens"
            description="Tokens in the kubeconfigs you created for your own kubectl. Revoke one you no longer use, or that may have leaked."
          >
            <KubeTokenList tokens={kubeTokens} />
          </Section>
        )}

        <Section id="delete-title" title="Delete account" description="Remove your account and everything Kubeyard keeps about you.">
          <DeleteAccount email={user.email} hasPassword={hasPassword} />
        </Section>
      </div>
    </Container>
  );
}
