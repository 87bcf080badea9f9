"use client";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { looksLikeEmail, PASSWORD_HINT, type FieldErrors } from "@/app/_components/form-utils";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { sendJson, useFormState } from "@/app/_components/use-form";
import { GithubButton, OrDivider } from "./github-button";

type Key = "name" | "email" | "password";
const ORDER: readonly Key[] = ["name", "email", "password"];

export function SignUpForm({ callbackUrl, githubEnabled }: { callbackUrl: string; githubEnabled: boolean }) {
  const router = useRouter();
  const { formRef, errors, formError, pending, check, fail, failWith } = useFormState(ORDER);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const name = String(data.get("name") ?? "").trim();
    const email = String(data.get("email") ?? "").trim();
    const password = String(data.get("password") ?? "");

    const found: FieldErrors<Key> = {};
    if (!name) found.name = "Enter your name.";
    else if (name.length > 100) found.name = "Use at most 100 characters.";
    if (!email) found.email = "Enter your email address.";
    else if (!looksLikeEmail(email)) found.email = "Enter a valid email address, like you@example.com.";
    if ([...password].length < 8) found.password = "Use at least 8 characters.";
    else if ([...password].length > 256) found.password = "Use at most 256 characters.";
    if (!check(found)) return;

    const res = await sendJson("/api/auth/sign-up", { name, email, password });
    if (!res.ok) {
      if (res.status !== 409) return failWith(res);
      const signInInstead = <Link href={`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Sign in instead</Link>;
      return fail(
        <>
          {res.error} {signInInstead}
        </>,
        { email: "This email is already registered." },
      );
    }

    // Account created: sign in with the same credentials.
    const signedIn = await signIn("credentials", { email, password, redirect: false, callbackUrl }).catch(() => undefined);
    if (!signedIn || signedIn.error || !signedIn.ok) {
      router.push(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      return;
    }
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
      <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5">
        {formError && (
          <Alert tone="error" live="alert">
            {formError}
          </Alert>
        )}
        <Field id="name" name="name" label="Name" autoComplete="name" maxLength={100} required error={errors.name} />
        <Field
          id="email"
          name="email"
          type="email"
          label="Email"
          autoComplete="email"
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
          autoComplete="new-password"
          minLength={8}
          required
          hint={PASSWORD_HINT}
          error={errors.password}
        />
        <Button type="submit" className="w-full" pending={pending}>
          {pending ? "Creating account…" : "Create account"}
        </Button>
      </form>
    </>
  );
}
