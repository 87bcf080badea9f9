"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { inputClasses } from "@/app/_components/ui/input";

/** Grant/revoke Pro and the admin role. The server checks admin and the rules; this only asks. */
export function UserActions({ userId, email, isPro, isAdmin, isSelf }: { userId: string; email: string; isPro: boolean; isAdmin: boolean; isSelf: boolean }) {
  const router = useRouter();
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [days, setDays] = useState("none");

  async function post(key: string, url: string, body: unknown, success: string) {
    setPending(key);
    setError(null);
    setDone(null);
    try {
      const res = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      const data = (await res.json().catch(() => ({}))) as { error?: string };
      if (!res.ok) return setError(data.error ?? `The change failed (${res.status}).`);
      setDone(success);
      router.refresh();
    } catch {
      setError("The change failed: no connection to the server.");
    } finally {
      setPending(null);
    }
  }

  return (
    <div className="space-y-4">
      {error && (
        <Alert tone="error" live="alert">
          {error}
        </Alert>
      )}
      {done && (
        <Alert tone="success" live="status">
          {done}
        </Alert>
      )}
      <div className="space-y-2">
        <h3 className="text-sm font-semibold text-slate-900 dark:text-slate-100">Pro</h3>
        <div className="flex flex-wrap items-end gap-2">
          <label className="space-y-1 text-sm font-medium text-slate-800 dark:text-slate-200">
            <span className="block">Duration</span>
            <select value={days} onChange={(e) => setDays(e.target.value)} className={`${inputClasses} w-40`}>
              <option value="none">No end date</option>
              <option value="30">30 days</option>
              <option value="90">90 days</option>
              <option value="365">1 year</option>
            </select>
          </label>
          <Button
            pending={pending === "grant"}
            onClick={() => post("grant", "/api/admin/users/pro", { action: "grant", userId, days: days === "none" ? null : Number(days) }, `Pro granted to ${email}.`)}
          >
            Grant Pro
          </Button>
          <Button variant="danger" disabled={!isPro} pending={pending === "revoke"} onClick={() => post("revoke", "/api/admin/users/pro", { action: "revoke", userId }, `Pro revoked for ${email}.`)}>
            Revoke Pro
          </Button>
        </div>
        <p className="text-xs text-slate-500 dark:text-slate-400">Revoking ends every active grant at once (early access, admin or payment). An open terminal closes within 30 seconds.</p>
      </div>
      <div className="space-y-2">
        <h3 className="text-sm font-semibold text-slate-900 dark:text-slate-100">Role</h3>
        {isAdmin ? (
          <>
            <Button variant="danger" disabled={isSelf} pending={pending === "demote"} onClick={() => post("demote", "/api/admin/users/role", { userId, role: "LEARNER" }, `${email} is no longer an admin.`)}>
              Remove admin role
            </Button>
            {isSelf && <p className="text-xs text-slate-500 dark:text-slate-400">You cannot remove your own admin role; another admin can.</p>}
          </>
        ) : (
          <Button variant="secondary" pending={pending === "promote"} onClick={() => post("promote", "/api/admin/users/role", { userId, role: "ADMIN" }, `${email} is now an admin.`)}>
            Make admin
          </Button>
        )}
      </div>
    </div>
  );
}
