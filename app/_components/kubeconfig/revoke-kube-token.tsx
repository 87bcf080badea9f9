"use client";
/** Revokes one kubectl token after an inline confirmation, then refreshes the list from the server. */
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { NETWORK_ERROR } from "@/app/_components/use-form";
import { readJson } from "@/app/_components/form-utils";

export function RevokeKubeToken({ id, label, active }: { id: string; label: string; active: boolean }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [revoked, setRevoked] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  // The Revoke button is gone: focus moves to the word that replaced it, which screen readers announce.
  useEffect(() => {
    if (revoked) doneRef.current?.focus();
  }, [revoked]);

  async function revoke() {
    setPending(true);
    setError(null);
    try {
      const res = await fetch(`/api/kube-tokens/${encodeURIComponent(id)}`, {
        method: "DELETE",
        headers: { "Content-Type": "application/json" },
        body: "{}",
      });
      if (!res.ok) {
        const body = await readJson(res);
        throw new Error(typeof body.error === "string" ? body.error : `The token was not revoked (HTTP ${res.status}).`);
      }
      setRevoked(true);
      setConfirming(false);
      router.refresh();
    } catch (err) {
      setError(err instanceof Error && err.message !== "Failed to fetch" ? err.message : NETWORK_ERROR);
    } finally {
      setPending(false);
    }
  }

  if (revoked || !active) {
    return revoked ? (
      <p ref={doneRef} tabIndex={-1} role="status" className="text-sm text-slate-600 outline-none dark:text-slate-400">
        Revoked
      </p>
    ) : null;
  }
  if (!confirming) {
    return (
      <Button
        variant="danger"
        size="sm"
        aria-label={`Revoke ${label}`}
        onClick={() => {
          setConfirming(true);
          requestAnimationFrame(() => confirmRef.current?.focus());
        }}
      >
        Revoke
      </Button>
    );
  }
  return (
    <div className="space-y-2 sm:max-w-xs" role="group" aria-label={`Revoke ${label}?`}>
      <p className="text-sm text-slate-700 dark:text-slate-300">kubectl with this token stops working at once.</p>
      <div className="flex flex-wrap gap-2">
        <Button ref={confirmRef} variant="danger" size="sm" pending={pending} onClick={revoke}>
          {pending ? "Revoking…" : "Yes, revoke"}
        </Button>
        <Button variant="ghost" size="sm" disabled={pending} onClick={() => setConfirming(false)}>
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
