"use client";
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { PASSWORD_HINT, type FieldErrors } from "@/app/_components/form-utils";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { sendJson, useFormState } from "@/app/_components/use-form";

type Key = "currentPassword" | "newPassword" | "confirmPassword";
const ORDER: readonly Key[] = ["currentPassword", "newPassword", "confirmPassword"];
const SIGN_IN_AGAIN = "/sign-in?notice=password-changed&callbackUrl=%2Faccount";

export function ChangePasswordForm() {
  const { formRef, errors, formError, pending, check, failWith } = useFormState(ORDER);
  const [done, setDone] = useState(false);
  const router = useRouter();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const currentPassword = String(data.get("currentPassword") ?? "");
    const newPassword = String(data.get("newPassword") ?? "");
    const confirmPassword = String(data.get("confirmPassword") ?? "");

    const found: FieldErrors<Key> = {};
    if (!currentPassword) found.currentPassword = "Enter your current password.";
    if ([...newPassword].length < 8) found.newPassword = "Use at least 8 characters.";
    else if ([...newPassword].length > 256) found.newPassword = "Use at most 256 characters.";
    else if (newPassword === currentPassword) found.newPassword = "Choose a password different from the current one.";
    if (!found.newPassword && confirmPassword !== newPassword) found.confirmPassword = "The passwords do not match.";
    if (!check(found)) return;

    const res = await sendJson("/api/account/password", { currentPassword, newPassword });
    if (!res.ok) {
      if (res.status === 401) return router.push("/sign-in?callbackUrl=%2Faccount");
      return failWith(res);
    }
    // Every session ended on the server, this one included: say so, then sign in again.
    setDone(true);
    formRef.current?.reset();
    window.setTimeout(() => void signOut({ callbackUrl: SIGN_IN_AGAIN }), 2500);
  }

  if (done) {
    return (
      <Alert tone="success" live="status" title="Password changed. Other sessions were signed out.">
        You will be taken to the sign-in page to sign in with your new password.{" "}
        <button
          type="button"
          className="font-medium underline underline-offset-2"
          onClick={() => void signOut({ callbackUrl: SIGN_IN_AGAIN })}
        >
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
      <Field
        id="currentPassword"
        name="currentPassword"
        type="password"
        label="Current password"
        autoComplete="current-password"
        required
        error={errors.currentPassword}
      />
      <Field
        id="newPassword"
        name="newPassword"
        type="password"
        label="New password"
        autoComplete="new-password"
        minLength={8}
        required
        hint={PASSWORD_HINT}
        error={errors.newPassword}
      />
      <Field
        id="confirmPassword"
        name="confirmPassword"
        type="password"
        label="Confirm new password"
        autoComplete="new-password"
        required
        error={errors.confirmPassword}
      />
      <Button type="submit" pending={pending}>
        {pending ? "Changing password…" : "Change password"}
      </Button>
    </form>
  );
}
