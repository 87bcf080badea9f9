"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { looksLikeEmail, type FieldErrors } from "@/app/_components/form-utils";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { NETWORK_ERROR, useFormState } from "@/app/_components/use-form";
import { GithubButton, OrDivider } from "./github-button";
import { INCORRECT, RATE_LIMITED } from "./messages";

type Key = "email" | "password";
const ORDER: readonly Key[] = ["email", "password"];

export function SignInForm({
  callbackUrl,
  githubEnabled,
  initialError,
}: {
  callbackUrl: string;
  githubEnabled: boolean;
  initialError: string | null;
}) {
  const router = useRouter();
  const { formRef, errors, formError: failure, pending, check, fail } = useFormState(ORDER);
  const formError = failure ?? initialError;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "").trim();
    const password = String(data.get("password") ?? "");

    const found: FieldErrors<Key> = {};
    if (!email) found.email = "Enter your email address.";
    else if (!looksLikeEmail(email)) found.email = "Enter a valid email address, like you@example.com.";
    if (!password) found.password = "Enter your password.";
    if (!check(found)) return;

    // Credentials go through next-auth, which answers with an error code rather than our JSON.
    const res = await signIn("credentials", { email, password, redirect: false, callbackUrl }).catch(() => undefined);
    if (!res || res.error || !res.ok) {
      fail(res?.error === "RateLimited" ? RATE_LIMITED : res ? INCORRECT : NETWORK_ERROR);
      formRef.current?.querySelector<HTMLInputElement>('[name="password"]')?.select();
      return;
    }
    // Stay "pending" while the next page loads, so the form cannot be sent twice.
    router.push(callbackUrl);
    router.refresh();
  }

  return (
    <>
      {githubEnabled && (
        <>
          <GithubButton callbackUrl={callbackUrl} />
          <OrDivider />
        </>
      )}
      <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5" aria-describedby={formError ? "sign-in-error" : undefined}>
        {formError && (
          <Alert tone="error" live="alert" id="sign-in-error">
            {formError}
          </Alert>
        )}
        <Field
          id="email"
          name="email"
          type="email"
          label="Email"
          autoComplete="username"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          error={errors.email}
        />
        <Field
          id="password"
          name="password"
          type="password"
          label="Password"
          autoComplete="current-password"
          required
          error={errors.password}
        />
        <Button type="submit" className="w-full" pending={pending}>
          Sign in
        </Button>
      </form>
      <p className="sr-only" aria-live="polite">
        {pending ? "Signing in…" : ""}
      </p>
    </>
  );
}
