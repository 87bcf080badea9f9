"use client";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { GithubIcon } from "@/app/_components/icons";
import { Button } from "@/app/_components/ui/button";

/** Starts the GitHub OAuth flow (rendered only when the server has GitHub configured). */
export function GithubButton({ callbackUrl }: { callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="secondary"
      className="w-full"
      pending={pending}
      onClick={() => {
        setPending(true);
        void signIn("github", { callbackUrl });
      }}
    >
      {!pending && <GithubIcon />}
      Continue with GitHub
    </Button>
  );
}

export function OrDivider() {
  return (
    <div className="my-6 flex items-center gap-3 text-xs text-slate-500 uppercase dark:text-slate-400">
      <span className="h-px flex-1 bg-slate-200 dark:bg-slate-800" />
      or
      <span className="h-px flex-1 bg-slate-200 dark:bg-slate-800" />
    </div>
  );
}
