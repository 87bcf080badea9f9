import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getSessionUser, isGithubEnabled } from "@/lib/server/auth/session";
import { AuthCard } from "../_components/auth-card";
import { DEFAULT_CALLBACK, safeCallbackUrl } from "../_components/callback-url";
import { SignUpForm } from "../_components/sign-up-form";

export const metadata: Metadata = { title: "Create your account" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignUpPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  const signInHref = callbackUrl === DEFAULT_CALLBACK ? "/sign-in" : `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`;

  return (
    <AuthCard
      title="Create your account"
      description="Lessons and quizzes are free. The practice terminal is free during early access."
      footer={
        <>
          Already have an account?{" "}
          <Link href={signInHref} className="font-medium text-indigo-600 underline-offset-2 hover:underline dark:text-indigo-400">
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm callbackUrl={callbackUrl} githubEnabled={isGithubEnabled()} />
    </AuthCard>
  );
}
