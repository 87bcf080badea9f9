"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";

export function UpgradeButton({ label = "Upgrade to Pro — free" }: { label?: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function upgrade() {
    setPending(true);
    setError(null);
    const res = await fetch("/api/billing/upgrade", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    setPending(false);
    if (res.status === 401) return router.push(`/sign-in?callbackUrl=${encodeURIComponent(location.pathname)}`);
    if (!res.ok) return setError("The upgrade did not go through. Please try again.");
    router.refresh();
  }

  return (
    <div className="flex flex-col items-start gap-2">
      <button
        type="button"
        onClick={upgrade}
        disabled={pending}
        className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60"
      >
        {pending ? "Upgrading…" : label}
      </button>
      {error && <p role="alert" className="text-sm text-rose-600">{error}</p>}
    </div>
  );
}
