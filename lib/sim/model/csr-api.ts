/**
 * The certificates.k8s.io/v1 CSR endpoints of the simulated apiserver: create (validation and
 * the CertificateSubjectRestriction admission plugin), the approval subresource, and the
 * kube-controller-manager signer that issues approved client certificates with the cluster CA.
 */
import type { ClusterState, CsrObject } from "../types";
import { randomUid } from "./names";
import type { Subject } from "./rbac";
import { type ApiError, validateName } from "./status";
import { nextResourceVersion } from "./store";

type Obj = Record<string, unknown>;

export const KNOWN_USAGES = new Set([
  "signing", "digital signature", "content commitment", "key encipherment", "key agreement", "data encipherment", "cert sign",
  "crl sign", "encipher only", "decipher only", "any", "server auth", "client auth", "code signing", "email protection",
  "s/mime", "ipsec end system", "ipsec tunnel", "ipsec user", "timestamping", "ocsp signing", "microsoft sgc", "netscape sgc",
]);

/** Signers kube-controller-manager's csrsigning controller serves with --cluster-signing-cert-file. */
export const KCM_CLIENT_SIGNERS = new Set(["kubernetes.io/kube-apiserver-client", "kubernetes.io/kube-apiserver-client-kubelet"]);

const forbidden = (name: string, why: string): ApiError => ({ reason: "Forbidden", message: `certificatesigningrequests.certificates.k8s.io "${name}" is forbidden: ${why}` });

/**
 * Creates a CSR from a manifest. `parseRequest` decodes the PEM (the PKI module's parseCsr);
 * it returns the subject organisations, or an error text like Go's x509 ParseCSR.
 */
export function createCsr(state: ClusterState, doc: Obj, who: Subject, now: number, random: () => number,
  parseRequest: (pem: string) => { organizations: string[] } | { error: string }): CsrObject | ApiError {
  const meta = (doc.metadata ?? {}) as Obj;
  const spec = (doc.spec ?? {}) as Obj;
  const name = String(meta.name ?? "");
  if (!name) return { reason: "Invalid", kind: "CertificateSigningRequest", name: "", causes: ["metadata.name: Required value: name or generateName is required"] };
  const causes: string[] = [];
  const bad = validateName(name, false);
  if (bad) causes.push(bad);
  const signerName = typeof spec.signerName === "string" ? spec.signerName : "";
  const request = typeof spec.request === "string" ? spec.request : "";
  const usages = Array.isArray(spec.usages) ? spec.usages.map(String) : [];
  const exp = spec.expirationSeconds;
  if (!request) causes.push("spec.request: Required value");
  if (!signerName) causes.push("spec.signerName: Required value");
  else if (!/^[a-z0-9.-]+\/[a-zA-Z0-9._~%!$&'()*+,;=:@-]+$/.test(signerName)) causes.push(`spec.signerName: Invalid value: "${signerName}": must be a fully qualified domain and path of the form 'example.com/signer-name'`);
  if (exp !== undefined && (typeof exp !== "number" || exp < 600)) causes.push(`spec.expirationSeconds: Invalid value: ${exp}: may not specify a duration less than 600 seconds (10 minutes)`);
  for (const u of usages) {
    if (!KNOWN_USAGES.has(u)) causes.push(`spec.usages[${usages.indexOf(u)}]: Unsupported value: "${u}": supported values: "any", "cert sign", "client auth", "code signing", "content commitment", "crl sign", "data encipherment", "decipher only", "digital signature", "email protection", "encipher only", "ipsec end system", "ipsec tunnel", "ipsec user", "key agreement", "key encipherment", "microsoft sgc", "netscape sgc", "ocsp signing", "s/mime", "server auth", "signing", "timestamping"`);
  }
  if (!usages.length) causes.push("spec.usages: Required value");
  if (causes.length) return { reason: "Invalid", kind: "CertificateSigningRequest", name, causes };
  if (state.objects.csrs.some((c) => c.metadata.name === name)) return { reason: "AlreadyExists", message: `certificatesigningrequests.certificates.k8s.io "${name}" already exists` };
  const pem = Buffer.from(request, "base64").toString("utf8");
  const parsed = parseRequest(pem);
  if ("error" in parsed) return forbidden(name, `failed to parse CSR: ${parsed.error}`);
  if (signerName === "kubernetes.io/kube-apiserver-client" && parsed.organizations.includes("system:masters")) {
    return forbidden(name, "use of kubernetes.io/kube-apiserver-client signer with system:masters group is not allowed");
  }
  const labels = meta.labels as Record<string, string> | undefined;
  const annotations = meta.annotations as Record<string, string> | undefined;
  const csr: CsrObject = {
    metadata: {
      name,
      uid: randomUid(random),
      resourceVersion: nextResourceVersion(state),
      creationTimestamp: now,
      ...(labels && Object.keys(labels).length ? { labels: { ...labels } } : {}),
      ...(annotations && Object.keys(annotations).length ? { annotations: { ...annotations } } : {}),
    },
    spec: {
      request,
      signerName,
      ...(typeof exp === "number" ? { expirationSeconds: exp } : {}),
      usages,
      username: who.username,
      groups: [...who.groups],
    },
    status: { conditions: [] },
  };
  state.objects.csrs.push(csr);
  return csr;
}

/** The approval subresource update that `kubectl certificate approve|deny` sends. */
export function setCsrCondition(state: ClusterState, csr: CsrObject, type: "Approved" | "Denied", now: number): void {
  const reason = type === "Approved" ? "KubectlApprove" : "KubectlDeny";
  const message = type === "Approved" ? "This CSR was approved by kubectl certificate approve." : "This CSR was denied by kubectl certificate deny.";
  csr.status.conditions.push({ type, status: "True", reason, message, lastUpdateTime: now, lastTransitionTime: now });
  csr.metadata.resourceVersion = nextResourceVersion(state);
}

/** What the csrsigning controller would refuse, as its Failed condition message; undefined when signable. */
export function signerRefusal(csr: CsrObject): string | undefined {
  const allowed = new Set(["digital signature", "key encipherment", "client auth"]);
  const badUsage = csr.spec.usages.find((u) => !allowed.has(u));
  if (badUsage) return `invalid usage for client certificate: ${badUsage}`;
  return undefined;
}
