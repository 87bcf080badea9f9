"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { focusFirstError, looksLikeEmail, type FieldErrors } from "@/app/_components/form-utils";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { GithubButton, OrDivider } from "./github-button";
import { INCORRECT, RATE_LIMITED } from "./messages";

type Key = "email" | "password";
const ORDER: readonly Key[] = ["email", "password"];

export function SignInForm({ callbackUrl, githubEnabled, initialError }: { callbackUrl: string; githubEnabled: boolean; initialError: string | null }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors<Key>>({});
  const [formError, setFormError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "").trim();
    const password = String(data.get("password") ?? "");

    const next: FieldErrors<Key> = {};
    if (!email) next.email = "Enter your email address.";
    else if (!looksLikeEmail(email)) next.email = "Enter a valid email address, like you@example.com.";
    if (!password) next.password = "Enter your password.";
    setErrors(next);
    setFormError(null);
    if (Object.keys(next).length > 0) return focusFirstError(formRef.current, ORDER, next);

    setPending(true);
    let res: Awaited<ReturnType<typeof signIn>>;
    try {
      res = await signIn("credentials", { email, password, redirect: false, callbackUrl });
    } catch {
      res = undefined;
    }
    if (!res || res.error || !res.ok) {
      setPending(false);
      setFormError(res?.error === "RateLimited" ? RATE_LIMITED : res ? INCORRECT : "Could not reach the server. Please try again.");
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
