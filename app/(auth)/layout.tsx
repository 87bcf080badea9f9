import type { ReactNode } from "react";

/** Sign-in and sign-up: one centred card on a quiet background. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="relative flex flex-1 items-start justify-center px-4 py-12 sm:items-center sm:py-16">
      <div
        aria-hidden="true"
        className="pointer-events-none absolute inset-0 -z-10 bg-[radial-gradient(40rem_24rem_at_50%_0%,var(--color-indigo-50),transparent_70%)] dark:bg-[radial-gradient(40rem_24rem_at_50%_0%,color-mix(in_oklab,var(--color-indigo-500)_12%,transparent),transparent_70%)]"
      />
      {children}
    </div>
  );
}
