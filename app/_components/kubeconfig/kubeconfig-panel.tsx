"use client";
/**
 * "Use your own kubectl" (issue 16): creates a bearer token and kubeconfig for the learner's
 * cluster of this course, then shows the token once, a download of the kubeconfig and the same
 * settings as a one-line `kubectl config` command. Tokens are managed on the account page.
 */
import Link from "next/link";
import { useId, useRef, useState } from "react";
import { sendJson } from "@/app/_components/use-form";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { inputClasses } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { cx } from "@/app/_components/ui/cx";
import { kubeconfigName } from "@/lib/kubeconfig/kubeconfig";
import { CopyButton } from "./copy-button";

interface Issued {
  id: string;
  token: string;
  expiresAt: string;
  clusterId: string;
  server: string;
  kubeconfig: string;
  /** the same settings as one line of `kubectl config` commands */
  snippet: string;
  /** the site is plain http: kubectl connects over TLS with a certificate made for this machine */
  localCertificate: boolean;
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/yaml" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const mono = "font-mono text-xs";

export function KubeconfigPanel({ course }: { course: string }) {
  const id = useId();
  const [issued, setIssued] = useState<Issued | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tokenRef = useRef<HTMLInputElement>(null);
  const name = kubeconfigName(course);

  async function create() {
    setPending(true);
    setError(null);
    const result = await sendJson<Issued>("/api/kube-tokens", { course });
    setPending(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setIssued(result.data);
    requestAnimationFrame(() => tokenRef.current?.focus());
  }

  const snippet = issued?.snippet ?? "";
  return (
    <section
      aria-labelledby={`${id}-title`}
      data-testid="kubeconfig-panel"
      className="rounded-xl border border-slate-200 bg-white p-5 shadow-xs dark:border-slate-800 dark:bg-slate-900/60"
    >
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-2xl space-y-1">
          <h2 id={`${id}-title`} className="font-semibold text-slate-900 dark:text-white">
            Use your own kubectl
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Reach this cluster from kubectl, k9s or Lens on your computer: a kubeconfig with a token of its own, valid for 30 days. Manage
            your tokens on your{" "}
            <Link href="/account#cluster-tokens" className="font-medium text-indigo-700 hover:underline dark:text-indigo-400">
              account page
            </Link>
            .
          </p>
        </div>
        <Button variant={issued ? "secondary" : "primary"} pending={pending} onClick={create}>
          {pending ? "Creating…" : issued ? "Create another kubeconfig" : "Create a kubeconfig"}
        </Button>
      </div>

      {error && (
        <Alert tone="error" live="alert" className="mt-4">
          {error}
        </Alert>
      )}

      <div aria-live="polite" className="empty:hidden">
        {issued && (
          <div className="mt-5 space-y-4" data-testid="kubeconfig-issued">
            <Alert tone="warning" title="Your token is shown only once">
              Keep it like a password: anyone who has it can use this cluster until {issued.expiresAt.slice(0, 10)} or until you revoke it.
            </Alert>
            <div className="space-y-1.5">
              <Label htmlFor={`${id}-token`}>Token</Label>
              <div className="flex gap-2">
                <input
                  ref={tokenRef}
                  id={`${id}-token`}
                  readOnly
                  value={issued.token}
                  spellCheck={false}
                  onFocus={(e) => e.currentTarget.select()}
                  className={cx(inputClasses, mono)}
                />
                <CopyButton text={issued.token} label="Copy the token" />
              </div>
            </div>
            <div className="flex flex-wrap items-center gap-3">
              <Button onClick={() => download(`${name}.yaml`, issued.kubeconfig)}>Download kubeconfig</Button>
              <span className="text-sm text-slate-600 dark:text-slate-400">
                then <code className={mono}>export KUBECONFIG=~/Downloads/{name}.yaml</code>
              </span>
            </div>
            <div className="space-y-1.5">
              <Label htmlFor={`${id}-snippet`}>Or add it to your own kubeconfig with one command</Label>
              <div className="flex items-start gap-2">
                <textarea
                  id={`${id}-snippet`}
                  readOnly
                  rows={3}
                  value={snippet}
                  spellCheck={false}
                  onFocus={(e) => e.currentTarget.select()}
                  className={cx(inputClasses, mono, "h-auto resize-none py-2 leading-5 break-all")}
                />
                <CopyButton text={snippet} label="Copy the command" />
              </div>
            </div>
            <p className="text-sm text-slate-600 dark:text-slate-400">
              Server <code className={mono}>{issued.server}</code>.{" "}
              {issued.localCertificate
                ? "This site is served over plain HTTP (as on http://localhost). kubectl sends a token only over TLS, so it connects to the same port over HTTPS, with a certificate made for this machine that the kubeconfig carries. In production the connection is the site's own HTTPS."
                : "The connection is the site's own HTTPS; the kubeconfig needs no certificate of its own."}
            </p>
          </div>
        )}
      </div>
    </section>
  );
}
