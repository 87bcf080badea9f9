import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Container } from "@/app/_components/page-container";
import { requireAdmin } from "@/lib/server/auth/session";
import { AdminNav } from "./_components/admin-nav";

export async function generateMetadata(): Promise<Metadata> {
  await requireAdmin();
  return { title: { default: "Admin", template: "%s · Admin · Kubeyard" }, robots: { index: false } };
}

/**
 * The admin area. A learner or a visitor gets the ordinary 404 (notFound() in requireAdmin), no
 * hint that it exists. Every page and route handler checks again itself: layouts do not re-run
 * on client navigation, and route handlers never pass through here.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireAdmin();
  return (
    <div className="flex flex-1 flex-col bg-slate-50/50 dark:bg-transparent">
      <Container className="max-w-7xl py-8 sm:py-10">
        <div className="flex flex-col gap-4 border-b border-slate-200 pb-4 sm:flex-row sm:items-end sm:justify-between dark:border-slate-800">
          <div>
            <p className="text-sm font-semibold text-indigo-600 dark:text-indigo-400">Admin</p>
            <p className="text-sm text-slate-600 dark:text-slate-400">How learners do, and who has Pro.</p>
          </div>
          <AdminNav />
        </div>
        <div className="pt-6">{children}</div>
      </Container>
    </div>
  );
}
