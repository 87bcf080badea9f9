/**
 * `kubeadm certs renew`: FileRenewer -> pkiutil.NewCertAndKey, i.e. a NEW key and a new
 * certificate with the old one's CN, O, SANs and ExtKeyUsage (renewal/readwriter.go certToConfig).
 */
import { parsedCertificate } from "./cert-info";
import { newLeafCert } from "./kubeadm-pki";
import { toTraditionalPem } from "./keys";
import { allValues, firstValue } from "./names";
import { decodeEku, decodeSan, findExt, OID } from "./x509-parse";

export function renewCertificate(opts: {
  certPem: string;
  caCertPem: string;
  caKeyPem: string;
  newKeyPem: string;
  now: number;
  random: () => number;
}): { certPem: string; keyPem: string } {
  const old = parsedCertificate(opts.certPem);
  if (!old) throw new Error("failed to parse certificate");
  const san = findExt(old.extensions, OID.san);
  const names = san ? decodeSan(san.value) : [];
  const eku = findExt(old.extensions, OID.eku);
  const certPem = newLeafCert({
    cn: firstValue(old.subject, "2.5.4.3"),
    orgs: allValues(old.subject, "2.5.4.10"),
    eku: eku ? decodeEku(eku.value) : [],
    san: { dns: names.filter((n) => n.kind === "dns").map((n) => n.value), ips: names.filter((n) => n.kind === "ip").map((n) => n.value) },
    keyPem: opts.newKeyPem,
    caCertPem: opts.caCertPem,
    caKeyPem: opts.caKeyPem,
    now: opts.now,
    random: opts.random,
  });
  return { certPem, keyPem: toTraditionalPem(opts.newKeyPem) };
}
