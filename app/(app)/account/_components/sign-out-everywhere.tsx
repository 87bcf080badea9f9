"use client";
import { signOut } from "next-auth/react";
import { useRef, useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";

/** Ends every session of this account (this one too), after an inline confirmation. */
export function SignOutEverywhere() {
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);

  async function run() {
    setPending(true);
    setError(null);
    try {
      const res = await fetch("/api/account/sign-out-everywhere", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: "{}",
      });
      if (!res.ok && res.status !== 401) throw new Error(String(res.status));
      await signOut({ callbackUrl: "/sign-in?notice=signed-out-everywhere" });
    } catch {
      setPending(false);
      setError("That did not work. Please try again.");
    }
  }

  if (!confirming) {
    return (
      <Button
        ref={startRef}
        variant="danger"
        onClick={() => {
          setConfirming(true);
          requestAnimationFrame(() => confirmRef.current?.focus());
        }}
      >
        Sign out everywhere
      </Button>
    );
  }

  return (
    <div className="space-y-3" role="group" aria-labelledby="sign-out-everywhere-confirm">
      <p id="sign-out-everywhere-confirm" className="text-sm text-slate-700 dark:text-slate-300">
        This ends every session of your account, on every device, including this one.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button ref={confirmRef} variant="danger" pending={pending} onClick={run}>
          {pending ? "Signing out…" : "Yes, sign out everywhere"}
        </Button>
        <Button
          variant="ghost"
          disabled={pending}
          onClick={() => {
            setConfirming(false);
            setError(null);
          }}
        >
          Cancel
        </Button>
      </div>
      {error && (
        <Alert tone="error" live="alert">
          {error}
        </Alert>
      )}
    </div>
  );
}
