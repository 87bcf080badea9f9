/**
 * x509 client-certificate authentication for the HTTP surface, as kube-apiserver's
 * --client-ca-file authenticator does it (staging/src/k8s.io/apiserver/pkg/authentication/request/x509):
 * no certificate is system:anonymous; a certificate that verifies against the cluster CA at the
 * cluster's clock is its subject (lib/sim/api/authn.ts certificateUser, with the credential-id
 * extra); any other certificate is rejected (null: the handler answers 401 Unauthorized).
 * The CA is read from the node's /etc/kubernetes/pki/ca.crt each time, as the apiserver reloads it.
 */
import { ANONYMOUS, certificateUser } from "../authn";
import { parseCertificate, verifyClientCertificate } from "../../pki";
import type { UserInfo } from "../types";

export const CLIENT_CA_PATH = "/etc/kubernetes/pki/ca.crt";

/** The user of a TLS client certificate (PEM), given the client CA bundle and the cluster clock. */
export function authenticateCertificate(certPem: string | undefined, clientCaPem: string | undefined, now: number): UserInfo | null {
  if (!certPem) return ANONYMOUS;
  if (!clientCaPem) return null;
  if (verifyClientCertificate({ certPem, caPem: clientCaPem, now }) !== "ok") return null;
  const info = parseCertificate(certPem);
  return info ? certificateUser(info.subjectCN, info.subjectO, certPem) : null;
}

/** DER bytes of a certificate as PEM (what a TLS stack hands over for the peer certificate). */
export function derToPem(der: Uint8Array): string {
  const b64 = Buffer.from(der).toString("base64");
  return `-----BEGIN CERTIFICATE-----\n${b64.replace(/.{64}/g, "$&\n").replace(/\n?$/, "\n")}-----END CERTIFICATE-----\n`;
}
