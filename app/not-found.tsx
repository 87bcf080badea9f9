import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/app/_components/ui/button";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <div className="flex flex-1 items-center justify-center px-4 py-20">
      <div className="max-w-md text-center">
        <p className="font-mono text-sm text-indigo-600 dark:text-indigo-400">404 · NotFound</p>
        <h1 className="mt-3 text-3xl font-semibold tracking-tight text-slate-900 sm:text-4xl dark:text-white">Page not found</h1>
        <p className="mt-4 text-slate-600 dark:text-slate-400">
          <code className="code-inline">kubectl get page</code> came back empty. The page may have moved, or the link may be mistyped.
        </p>
        <div className="mt-8 flex flex-wrap justify-center gap-3">
          <ButtonLink href="/">Go home</ButtonLink>
          <ButtonLink href="/courses" variant="secondary">
            Browse courses
          </ButtonLink>
        </div>
        <p className="mt-8 text-sm text-slate-500 dark:text-slate-400">
          Looking for your progress? Open your{" "}
          <Link href="/dashboard" className="font-medium text-indigo-600 underline-offset-2 hover:underline dark:text-indigo-400">
            dashboard
          </Link>
          .
        </p>
      </div>
    </div>
  );
}
