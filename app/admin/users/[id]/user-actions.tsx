"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { inputClasses } from "@/app/_components/ui/input";
import { ConfirmAction } from "./confirm";

/** Grant/revoke Pro, the admin role, disabling and deleting the account. The server checks admin and the rules; this only asks. */
export function UserActions({
  userId,
  email,
  isPro,
  isAdmin,
  isSelf,
  isDisabled,
}: {
  userId: string;
  email: string;
  isPro: boolean;
  isAdmin: boolean;
  isSelf: boolean;
  isDisabled: boolean;
}) {
  const router = useRouter();
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [days, setDays] = useState("none");

  async function post(key: string, url: string, body: unknown, success: string, after?: () => void) {
    setPending(key);
    setError(null);
    setDone(null);
    try {
      const res = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      const data = (await res.json().catch(() => ({}))) as { error?: string };
      if (!res.ok) return setError(data.error ?? `The change failed (${res.status}).`);
      setDone(success);
      if (after) after();
      else router.refresh();
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
            onClick={() =>
              post(
                "grant",
                "/api/admin/users/pro",
                { action: "grant", userId, days: days === "none" ? null : Number(days) },
                `Pro granted to ${email}.`,
              )
            }
          >
            Grant Pro
          </Button>
          <ConfirmAction
            label="Revoke Pro"
            question={<>Revoke Pro for {email}? Every active grant ends now, and early access will not give it back; only an admin can.</>}
            confirmLabel="Yes, revoke Pro"
            disabled={!isPro}
            pending={pending === "revoke"}
            onConfirm={() => post("revoke", "/api/admin/users/pro", { action: "revoke", userId }, `Pro revoked for ${email}.`)}
          />
        </div>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Revoking ends every active grant at once (early access, admin or payment), and the learner cannot renew early access themselves.
          An open terminal closes within 30 seconds.
        </p>
      </div>
      <div className="space-y-2">
        <h3 className="text-sm font-semibold text-slate-900 dark:text-slate-100">Role</h3>
        {isAdmin ? (
          <>
            <Button
              variant="danger"
              disabled={isSelf}
              pending={pending === "demote"}
              onClick={() => post("demote", "/api/admin/users/role", { userId, role: "LEARNER" }, `${email} is no longer an admin.`)}
            >
              Remove admin role
            </Button>
            {isSelf && (
              <p className="text-xs text-slate-500 dark:text-slate-400">You cannot remove your own admin role; another admin can.</p>
            )}
          </>
        ) : (
          <Button
            variant="secondary"
            pending={pending === "promote"}
            onClick={() => post("promote", "/api/admin/users/role", { userId, role: "ADMIN" }, `${email} is now an admin.`)}
          >
            Make admin
          </Button>
        )}
      </div>
      <div className="space-y-2">
        <h3 className="text-sm font-semibold text-slate-900 dark:text-slate-100">Account</h3>
        {isSelf ? (
          <p className="text-xs text-slate-500 dark:text-slate-400">
            You cannot disable or delete your own account here; another admin can, or use your account page.
          </p>
        ) : (
          <div className="flex flex-wrap items-start gap-2">
            {isDisabled ? (
              <Button
                variant="secondary"
                pending={pending === "enable"}
                onClick={() => post("enable", "/api/admin/users/status", { userId, disabled: false }, `${email} can sign in again.`)}
              >
                Enable account
              </Button>
            ) : (
              <ConfirmAction
                label="Disable account"
                question={
                  <>
                    Disable {email}? They are signed out everywhere, their terminals close now, and they cannot sign in or get Pro until an
                    admin enables the account.
                  </>
                }
                confirmLabel="Yes, disable"
                pending={pending === "disable"}
                onConfirm={() => post("disable", "/api/admin/users/status", { userId, disabled: true }, `${email} is disabled.`)}
              />
            )}
            <ConfirmAction
              label="Delete account"
              question={<>Delete {email} and everything of theirs (progress, answers, clusters)? This cannot be undone.</>}
              confirmLabel="Delete for good"
              typeToConfirm={email}
              pending={pending === "delete"}
              onConfirm={() =>
                post("delete", "/api/admin/users/delete", { userId, confirmEmail: email }, `${email} was deleted.`, () =>
                  router.push("/admin/users"),
                )
              }
            />
          </div>
        )}
      </div>
    </div>
  );
}
