"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";

/**
 * The one upgrade button (pricing page, Pro gate). The server decides what happens: during early
 * access it grants Pro at once and we refresh; with payments on it answers with a Stripe
 * Checkout URL and we go there (Pro then arrives through Stripe's webhook).
 */
export function UpgradeButton({ label = "Upgrade to Pro — free", className }: { label?: string; className?: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function upgrade() {
    setPending(true);
    setError(null);
    try {
      const res = await fetch("/api/billing/upgrade", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
      if (res.status === 401) return router.push(`/sign-in?callbackUrl=${encodeURIComponent(location.pathname)}`);
      const data = (await res.json().catch(() => ({}))) as { checkoutUrl?: string; error?: string };
      if (!res.ok) return setError(data.error ?? "The upgrade did not go through. Please try again.");
      if (data.checkoutUrl) {
        location.assign(data.checkoutUrl);
        return; // stay "pending" while the browser leaves
      }
      router.refresh();
    } catch {
      setError("The upgrade did not go through. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="flex flex-col items-start gap-2">
      <Button onClick={upgrade} pending={pending} className={className}>
        {pending ? "Upgrading…" : label}
      </Button>
      {error && (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-400">
          {error}
        </p>
      )}
    </div>
  );
}
