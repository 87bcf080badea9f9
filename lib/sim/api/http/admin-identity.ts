/**
 * Who a request from the learner's own kubectl is (issue 16): the cluster's admin, exactly as if
 * it presented the client certificate in the node's /etc/kubernetes/admin.conf. The certificate
 * is read and verified at each request, at the cluster's clock, so a renewed admin.conf
 * (`kubeadm certs renew admin.conf`) is who the laptop is at once, and an expired or broken one
 * is 401 Unauthorized for the laptop as it is for kubectl on the node.
 */
import type { Vfs } from "../../fs/vfs";
import type { UserInfo } from "../types";
import { authenticateCertificate, CLIENT_CA_PATH } from "./authn";

export const ADMIN_CONF_PATH = "/etc/kubernetes/admin.conf";

/** The admin.conf user's certificate (PEM), if the file embeds one. */
function embeddedCertificate(conf: string): string | undefined {
  const m = /client-certificate-data:\s*(\S+)/.exec(conf);
  return m ? Buffer.from(m[1], "base64").toString() : undefined;
}

/** The user admin.conf authenticates as now, or null (401) when it does not verify or is missing. */
export function adminIdentity(vfs: Vfs, now: number): UserInfo | null {
  const conf = vfs.readFile(ADMIN_CONF_PATH);
  const cert = conf.ok ? embeddedCertificate(conf.value) : undefined;
  if (!cert) return null;
  const ca = vfs.readFile(CLIENT_CA_PATH);
  return authenticateCertificate(cert, ca.ok ? ca.value : undefined, now);
}
