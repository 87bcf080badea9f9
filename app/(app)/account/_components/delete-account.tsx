"use client";
import { signOut } from "next-auth/react";
import { useRef, useState, type FormEvent } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";

/**
 * Deletes the account and everything of the learner's (issue 10): confirmed with the password,
 * or, for an account that only signs in with GitHub, by typing the email.
 */
export function DeleteAccount({ email, hasPassword }: { email: string; hasPassword: boolean }) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("confirm") ?? "");
    setPending(true);
    setError(null);
    try {
      const res = await fetch("/api/account/delete", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(hasPassword ? { password: value } : { confirmEmail: value }),
      });
      const body = (await res.json().catch(() => ({}))) as { error?: string };
      if (!res.ok) throw new Error(body.error ?? `The account was not deleted (${res.status}).`);
      await signOut({ callbackUrl: "/" });
    } catch (err) {
      setPending(false);
      setError(err instanceof Error && err.message !== "Failed to fetch" ? err.message : "Could not reach the server. Please try again.");
      formRef.current?.querySelector<HTMLInputElement>('[name="confirm"]')?.select();
    }
  }

  if (!open) {
    return (
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete my account
      </Button>
    );
  }
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="max-w-md space-y-4" aria-describedby="delete-account-warning">
      <p id="delete-account-warning" className="text-sm text-slate-700 dark:text-slate-300">
        This deletes your account, your progress, your quiz answers and your practice clusters, for good. It cannot be undone.
      </p>
      {error && (
        <Alert tone="error" live="alert">
          {error}
        </Alert>
      )}
      {hasPassword ? (
        <Field id="delete-confirm" name="confirm" type="password" label="Your password" autoComplete="current-password" required />
      ) : (
        <Field id="delete-confirm" name="confirm" label={`Type ${email} to confirm`} autoComplete="off" spellCheck={false} required />
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="danger" pending={pending}>
          {pending ? "Deleting…" : "Delete my account for good"}
        </Button>
        <Button variant="ghost" disabled={pending} onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
