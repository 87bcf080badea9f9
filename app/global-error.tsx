"use client";
import "./globals.css";

/** Last-resort boundary when the root layout itself fails: it must render its own <html>. */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="flex min-h-dvh items-center justify-center px-4">
        <main className="max-w-md text-center">
          <h1 className="text-2xl font-semibold tracking-tight">Kubeyard is having trouble</h1>
          <p className="mt-3 text-slate-600 dark:text-slate-400">Something went wrong while loading the page. Please try again.</p>
          <button
            type="button"
            onClick={reset}
            className="mt-6 inline-flex h-10 items-center rounded-lg bg-indigo-600 px-4 text-sm font-medium text-white hover:bg-indigo-500"
          >
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
