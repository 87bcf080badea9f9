import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Alert } from "@/app/_components/ui/alert";
import { getSessionUser, isGithubEnabled } from "@/lib/server/auth/session";
import { AuthCard } from "../_components/auth-card";
import { DEFAULT_CALLBACK, safeCallbackUrl } from "../_components/callback-url";
import { messageForErrorCode } from "../_components/messages";
import { SignInForm } from "../_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const NOTICES: Record<string, string> = {
  "password-changed": "Your password was changed and every session was signed out. Sign in with your new password.",
  "signed-out-everywhere": "You were signed out on every device.",
};

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  const error = typeof params.error === "string" ? params.error : undefined;
  const notice = typeof params.notice === "string" ? NOTICES[params.notice] : undefined;
  const signUpHref = callbackUrl === DEFAULT_CALLBACK ? "/sign-up" : `/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}`;

  return (
    <AuthCard
      title="Sign in to Kubeyard"
      description="Welcome back. Your cluster is where you left it."
      footer={
        <>
          New here?{" "}
          <Link href={signUpHref} className="font-medium text-indigo-600 underline-offset-2 hover:underline dark:text-indigo-400">
            Create an account
          </Link>
        </>
      }
    >
      {notice && (
        <Alert tone="success" className="mb-5">
          {notice}
        </Alert>
      )}
      <SignInForm callbackUrl={callbackUrl} githubEnabled={isGithubEnabled()} initialError={messageForErrorCode(error)} />
    </AuthCard>
  );
}
