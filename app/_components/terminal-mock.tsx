import type { ReactNode } from "react";
import { cx } from "./ui/cx";

type Line = { kind: "cmd"; text: string } | { kind: "out"; text: string } | { kind: "err"; text: string } | { kind: "note"; text: string };

const PROMPT = "controlplane:~$";

/** A realistic session on the simulated cluster (formats from reference/k8s-fidelity.md). */
const TRANSCRIPT: Line[] = [
  { kind: "cmd", text: "kubectl get nodes" },
  {
    kind: "out",
    text: [
      "NAME           STATUS   ROLES           AGE   VERSION",
      "controlplane   Ready    control-plane   12d   v1.32.4",
      "node01         Ready    <none>          12d   v1.32.4",
    ].join("\n"),
  },
  { kind: "cmd", text: "openssl x509 -in /etc/kubernetes/pki/apiserver.crt -noout -subject -issuer" },
  { kind: "out", text: "subject=CN = kube-apiserver\nissuer=CN = kubernetes" },
  { kind: "note", text: "# …one year later, nobody renewed anything" },
  { kind: "cmd", text: "kubectl get nodes" },
  {
    kind: "err",
    text: "Unable to connect to the server: tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2027-11-29T09:10:00Z is after 2027-11-28T09:08:33Z",
  },
];

function render(line: Line, i: number): ReactNode {
  switch (line.kind) {
    case "cmd":
      return (
        <span key={i} className="block whitespace-pre-wrap">
          <span className="text-term-prompt select-none">{PROMPT}</span> <span className="text-white">{line.text}</span>
        </span>
      );
    case "out":
      return (
        <span key={i} className="block text-term-fg">
          {line.text}
        </span>
      );
    case "err":
      return (
        <span key={i} className="block whitespace-pre-wrap text-rose-300">
          {line.text}
        </span>
      );
    case "note":
      return (
        <span key={i} className="mt-2 block text-term-dim italic">
          {line.text}
        </span>
      );
  }
}

/**
 * A static picture of the practice terminal, rendered as text (readable by screen readers,
 * selectable, crisp at any size). Dark in both themes, like the real terminal.
 */
export function TerminalMock({ className }: { className?: string }) {
  return (
    <figure
      className={cx(
        "overflow-hidden rounded-xl border border-slate-800 bg-term-bg shadow-2xl shadow-indigo-950/20 ring-1 ring-white/5 dark:shadow-black/50",
        className,
      )}
    >
      <div className="flex items-center gap-2 border-b border-white/10 px-4 py-2.5">
        <span aria-hidden="true" className="flex gap-1.5">
          <span className="size-2.5 rounded-full bg-slate-600" />
          <span className="size-2.5 rounded-full bg-slate-600" />
          <span className="size-2.5 rounded-full bg-slate-600" />
        </span>
        <figcaption className="ml-2 truncate font-mono text-xs text-term-dim">controlplane · kubeadm v1.32</figcaption>
      </div>
      {/* A picture of the terminal, not a connection: no "Live" state in its bar. Focusable because it scrolls sideways on a phone. */}
      <pre
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be focusable
        tabIndex={0}
        aria-label="Example terminal session"
        className="overflow-x-auto px-3 py-4 text-[0.65rem] leading-relaxed whitespace-pre text-term-fg sm:p-5 sm:text-[0.8rem] focus-visible:outline-offset-[-2px]"
      >
        <code>
          {TRANSCRIPT.map(render)}
          <span className="block">
            <span className="text-term-prompt select-none">{PROMPT}</span>{" "}
            <span aria-hidden="true" className="inline-block h-[1.1em] w-[0.55em] translate-y-[0.2em] animate-pulse bg-term-accent" />
          </span>
        </code>
      </pre>
    </figure>
  );
}
