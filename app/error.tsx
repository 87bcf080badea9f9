"use client";
import Link from "next/link";
import { useEffect } from "react";
import { Button } from "@/app/_components/ui/button";

/** The error boundary for every page under the root layout (header and footer stay usable). */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <div className="flex flex-1 items-center justify-center px-4 py-20">
      <div className="max-w-md text-center">
        <p className="font-mono text-sm text-rose-600 dark:text-rose-400">500 · Something broke</p>
        <h1 className="mt-3 text-3xl font-semibold tracking-tight text-slate-900 dark:text-white">This page failed to load</h1>
        <p className="mt-4 text-slate-600 dark:text-slate-400">
          It is not you, it is us. Try again; if it keeps happening, come back in a few minutes.
        </p>
        {error.digest && (
          <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">
            Reference: <code className="code-inline">{error.digest}</code>
          </p>
        )}
        <div className="mt-8 flex flex-wrap justify-center gap-3">
          <Button onClick={reset}>Try again</Button>
          <Link
            href="/"
            className="inline-flex h-10 items-center rounded-lg px-4 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
          >
            Go home
          </Link>
        </div>
      </div>
    </div>
  );
}
