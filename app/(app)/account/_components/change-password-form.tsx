"use client";
import { signOut } from "next-auth/react";
import { useRef, useState, type FormEvent } from "react";
import { focusFirstError, pickFieldErrors, readJson, type FieldErrors } from "@/app/_components/form-utils";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";

type Key = "currentPassword" | "newPassword" | "confirmPassword";
const ORDER: readonly Key[] = ["currentPassword", "newPassword", "confirmPassword"];
const SIGN_IN_AGAIN = "/sign-in?notice=password-changed&callbackUrl=%2Faccount";

export function ChangePasswordForm() {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors<Key>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [pending, setPending] = useState(false);

  function fail(message: string, fieldErrors: FieldErrors<Key> = {}) {
    setPending(false);
    setErrors(fieldErrors);
    setFormError(message);
    focusFirstError(formRef.current, ORDER, fieldErrors);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const currentPassword = String(data.get("currentPassword") ?? "");
    const newPassword = String(data.get("newPassword") ?? "");
    const confirmPassword = String(data.get("confirmPassword") ?? "");

    const next: FieldErrors<Key> = {};
    if (!currentPassword) next.currentPassword = "Enter your current password.";
    if ([...newPassword].length < 8) next.newPassword = "Use at least 8 characters.";
    else if ([...newPassword].length > 256) next.newPassword = "Use at most 256 characters.";
    else if (newPassword === currentPassword) next.newPassword = "Choose a password different from the current one.";
    if (!next.newPassword && confirmPassword !== newPassword) next.confirmPassword = "The passwords do not match.";
    setFormError(null);
    setErrors(next);
    if (Object.keys(next).length > 0) return focusFirstError(formRef.current, ORDER, next);

    setPending(true);
    let res: Response;
    try {
      res = await fetch("/api/account/password", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ currentPassword, newPassword }),
      });
    } catch {
      return fail("Could not reach the server. Please try again.");
    }
    if (res.status === 401) {
      window.location.assign("/sign-in?callbackUrl=%2Faccount");
      return;
    }
    if (res.status === 429) return fail("Too many attempts. Try again later.");
    if (res.status === 400) {
      const body = await readJson(res);
      const fieldErrors = pickFieldErrors(body.fieldErrors, ORDER);
      return fail(typeof body.error === "string" ? body.error : "Please check the form.", fieldErrors);
    }
    if (!res.ok) return fail("Something went wrong on our side. Please try again.");

    // Every session ended on the server, this one included: say so, then sign in again.
    setDone(true);
    formRef.current?.reset();
    window.setTimeout(() => void signOut({ callbackUrl: SIGN_IN_AGAIN }), 2500);
  }

  if (done) {
    return (
      <Alert tone="success" live="status" title="Password changed. Other sessions were signed out.">
        You will be taken to the sign-in page to sign in with your new password.{" "}
        <button type="button" className="font-medium underline underline-offset-2" onClick={() => void signOut({ callbackUrl: SIGN_IN_AGAIN })}>
          Sign in now
        </button>
      </Alert>
    );
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="max-w-md space-y-5">
      {formError && (
        <Alert tone="error" live="alert">
          {formError}
        </Alert>
      )}
      <Field id="currentPassword" name="currentPassword" type="password" label="Current password" autoComplete="current-password" required error={errors.currentPassword} />
      <Field
        id="newPassword"
        name="newPassword"
        type="password"
        label="New password"
        autoComplete="new-password"
        minLength={8}
        required
        hint="At least 8 characters. Long passphrases welcome."
        error={errors.newPassword}
      />
      <Field id="confirmPassword" name="confirmPassword" type="password" label="Confirm new password" autoComplete="new-password" required error={errors.confirmPassword} />
      <Button type="submit" pending={pending}>
        {pending ? "Changing password…" : "Change password"}
      </Button>
    </form>
  );
}
