"use client";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent, type ReactNode } from "react";
import { focusFirstError, looksLikeEmail, pickFieldErrors, readJson, type FieldErrors } from "@/app/_components/form-utils";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { GithubButton, OrDivider } from "./github-button";
import { RATE_LIMITED } from "./messages";

type Key = "name" | "email" | "password";
const ORDER: readonly Key[] = ["name", "email", "password"];
export const PASSWORD_HINT = "At least 8 characters. Long passphrases welcome.";

export function SignUpForm({ callbackUrl, githubEnabled }: { callbackUrl: string; githubEnabled: boolean }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors<Key>>({});
  const [formError, setFormError] = useState<ReactNode>(null);
  const [pending, setPending] = useState(false);

  function fail(message: ReactNode, fieldErrors: FieldErrors<Key> = {}) {
    setPending(false);
    setErrors(fieldErrors);
    setFormError(message);
    focusFirstError(formRef.current, ORDER, fieldErrors);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const name = String(data.get("name") ?? "").trim();
    const email = String(data.get("email") ?? "").trim();
    const password = String(data.get("password") ?? "");

    const next: FieldErrors<Key> = {};
    if (!name) next.name = "Enter your name.";
    else if (name.length > 100) next.name = "Use at most 100 characters.";
    if (!email) next.email = "Enter your email address.";
    else if (!looksLikeEmail(email)) next.email = "Enter a valid email address, like you@example.com.";
    if ([...password].length < 8) next.password = "Use at least 8 characters.";
    else if ([...password].length > 256) next.password = "Use at most 256 characters.";
    setFormError(null);
    setErrors(next);
    if (Object.keys(next).length > 0) return focusFirstError(formRef.current, ORDER, next);

    setPending(true);
    let res: Response;
    try {
      res = await fetch("/api/auth/sign-up", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name, email, password }),
      });
    } catch {
      return fail("Could not reach the server. Please try again.");
    }

    if (res.status === 409) {
      return fail(
        <>
          An account with this email already exists.{" "}
          <Link href={`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Sign in instead</Link>
        </>,
        { email: "This email is already registered." },
      );
    }
    if (res.status === 429) return fail(RATE_LIMITED);
    if (res.status === 400) {
      const body = await readJson(res);
      const fieldErrors = pickFieldErrors(body.fieldErrors, ORDER);
      const message = typeof body.error === "string" ? body.error : "Please check the form.";
      return fail(Object.keys(fieldErrors).length > 0 ? "Please fix the highlighted field." : message, fieldErrors);
    }
    if (!res.ok) return fail("Something went wrong on our side. Please try again.");

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
