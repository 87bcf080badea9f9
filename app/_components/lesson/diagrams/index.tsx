import { ApiserverSanClients } from "./apiserver-san-clients";
import { CertificateLifetimeTimeline } from "./certificate-lifetime-timeline";
import { ClientCertFlow } from "./client-cert-flow";
import { CsrLifecycle } from "./csr-lifecycle";
import { PkiTrustTree } from "./pki-trust-tree";

const DIAGRAMS: Record<string, () => React.ReactNode> = {
  "pki-trust-tree": PkiTrustTree,
  "client-cert-flow": ClientCertFlow,
  "apiserver-san-clients": ApiserverSanClients,
  "certificate-lifetime-timeline": CertificateLifetimeTimeline,
  "csr-lifecycle": CsrLifecycle,
};

export const DIAGRAM_NAMES = Object.keys(DIAGRAMS);

/** <Diagram name="…" />: one of the diagrams of content/diagrams.md; an unknown name shows a notice instead of breaking the page. */
export function Diagram({ name }: { name?: string }) {
  const Draw = name ? DIAGRAMS[name] : undefined;
  if (!Draw) {
    return (
      <p className="not-prose my-6 rounded-lg border border-dashed border-slate-300 px-4 py-3 text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
        Diagram “{name ?? "unnamed"}” is not available.
      </p>
    );
  }
  return <Draw />;
}
