/**
 * kube-controller-manager's csrsigning controller (pkg/controller/certificates/signer): an
 * approved CSR for the kube-apiserver-client(-kubelet) signers gets a certificate from
 * /etc/kubernetes/pki/ca.{crt,key} (--cluster-signing-*-file), valid for
 * min(expirationSeconds, --cluster-signing-duration = 1 year); usages a client certificate may
 * not have give a Failed condition instead.
 */
import { rfc3339 } from "../api/meta";
import type { CertificateSigningRequest } from "../kinds/certificatesigningrequests";
import { signCsr } from "../pki";
import type { Controller } from "./types";

const CSRS = { group: "certificates.k8s.io", resource: "certificatesigningrequests" };
const CLIENT_SIGNERS = new Set(["kubernetes.io/kube-apiserver-client", "kubernetes.io/kube-apiserver-client-kubelet"]);
const MAX_SIGNING_SECONDS = 365 * 24 * 3600;
const CLIENT_USAGES = new Set(["digital signature", "key encipherment", "client auth"]);

export const csrSigner: Controller = {
  name: "csr-signer",
  relevant: (r) => r.key.startsWith("certificates.k8s.io/certificatesigningrequests/"),
  async reconcile(env) {
    const store = env.api.store;
    let changed = false;
    for (const o of store.list(CSRS) as CertificateSigningRequest[]) {
      const conds = o.status?.conditions ?? [];
      if (!CLIENT_SIGNERS.has(o.spec.signerName) || o.status?.certificate) continue;
      if (!conds.some((c) => c.type === "Approved") || conds.some((c) => c.type === "Denied" || c.type === "Failed")) continue;
      const bad = (o.spec.usages ?? []).find((u) => !CLIENT_USAGES.has(u));
      if (bad) {
        const t = rfc3339(env.now);
        const next = structuredClone(o);
        next.status = {
          ...(next.status ?? {}),
          conditions: [
            ...conds,
            {
              lastTransitionTime: t,
              lastUpdateTime: t,
              message: `invalid usage for client certificate: ${bad}`,
              reason: "SignerValidationFailure",
              status: "True",
              type: "Failed",
            },
          ],
        };
        store.put(CSRS, next);
        changed = true;
        continue;
      }
      const caCert = env.fs.readFile("/etc/kubernetes/pki/ca.crt");
      const caKey = env.fs.readFile("/etc/kubernetes/pki/ca.key");
      // without the CA the controller logs and retries; the CSR stays Approved
      if (!caCert.ok || !caKey.ok) continue;
      try {
        const pem = await signCsr({
          csrPem: Buffer.from(o.spec.request, "base64").toString("utf8"),
          caCertPem: caCert.value,
          caKeyPem: caKey.value,
          now: env.now,
          durationSeconds: Math.min(o.spec.expirationSeconds ?? MAX_SIGNING_SECONDS, MAX_SIGNING_SECONDS),
          usages: o.spec.usages ?? [],
          random: env.random,
        });
        const cur = store.get(CSRS, undefined, o.metadata.name);
        if (!cur) continue;
        const next = structuredClone(cur) as CertificateSigningRequest;
        next.status = { ...(next.status ?? {}), certificate: Buffer.from(pem, "utf8").toString("base64") };
        store.put(CSRS, next);
        changed = true;
      } catch {
        // a request the signer cannot parse stays Approved without a certificate, as with the real controller
      }
    }
    return changed;
  },
};
