/**
 * Authentication as kube-apiserver does it with --client-ca-file (x509 request authenticator,
 * staging/src/k8s.io/apiserver/pkg/authentication/request/x509): a client certificate that
 * verifies against the cluster CA at the cluster's clock is the user CN with groups O, plus
 * system:authenticated, and (v1.32) the extra authentication.kubernetes.io/credential-id
 * "X509SHA256=<hex of the certificate's SHA-256>". No credentials: system:anonymous.
 */
import { createHash } from "node:crypto";
import { pemDecode } from "../pki/pem";
import type { UserInfo } from "./types";

export const ANONYMOUS: UserInfo = { username: "system:anonymous", groups: ["system:unauthenticated"] };

export function credentialId(certPem: string): string | undefined {
  const block = pemDecode(certPem);
  if (!block) return undefined;
  return `X509SHA256=${createHash("sha256").update(block.der).digest("hex")}`;
}

/** The user of a verified client certificate (subject CN and O). */
export function certificateUser(subjectCN: string, subjectO: string[], certPem: string): UserInfo {
  const groups = [...subjectO];
  if (!groups.includes("system:authenticated")) groups.push("system:authenticated");
  const id = credentialId(certPem);
  return { username: subjectCN, groups, ...(id ? { extra: { "authentication.kubernetes.io/credential-id": [id] } } : {}) };
}
