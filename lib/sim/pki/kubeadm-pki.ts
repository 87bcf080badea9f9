/**
 * What `kubeadm init` writes: the three CAs, the leaf certificates, sa.key/sa.pub, the
 * kubeconfig files, and the kubelet's client and self-signed serving certificates.
 * Validity and shape follow pkiutil (CA: NotBefore now-5m, NotAfter now+3650d; leaf: NotBefore =
 * CA NotBefore, NotAfter now+365d, KU DigitalSignature|KeyEncipherment, 63-bit random serial).
 */
import type { ClusterConfig, KeySource } from "../types";
import { goSerial, issueCertificate, KU, publicSpkiDer } from "./issue";
import { goName } from "./names";
import { caInfo } from "./issue";
import { toTraditionalPem } from "./keys";
import {
  BACKDATE,
  CA_VALIDITY,
  CAS,
  DAY,
  KUBECONFIG_DIR,
  LEAF_VALIDITY,
  LEAVES,
  PKI_DIR,
  caPaths,
  leafPaths,
  type LeafSpec,
} from "./inventory";
import { OID } from "./x509-parse";

export interface KubeadmPkiOptions {
  now: number;
  keys: KeySource;
  random: () => number;
}

/** A self-signed CA as certutil.NewSelfSignedCACert makes it (SAN DNS:<CN>). */
export function newCaCert(cn: string, keyPem: string, now: number, random: () => number): string {
  return issueCertificate({
    subject: goName(cn),
    publicKey: keyPem,
    signingKeyPem: keyPem,
    notBefore: now - BACKDATE,
    notAfter: now + CA_VALIDITY,
    serial: goSerial(random),
    keyUsage: KU.digitalSignature | KU.keyEncipherment | KU.keyCertSign,
    basicConstraints: { ca: true },
    san: { dns: [cn] },
  });
}

/** pkiutil.NewSignedCert for a leaf. */
export function newLeafCert(opts: {
  cn: string;
  orgs: string[];
  eku: string[];
  san?: { dns: string[]; ips: string[] };
  keyPem: string;
  caCertPem: string;
  caKeyPem: string;
  now: number;
  random: () => number;
  /** the certificate's NotAfter; kubeadm's default is now + 365 days */
  notAfter?: number;
}): string {
  return issueCertificate({
    subject: goName(opts.cn, opts.orgs),
    publicKey: opts.keyPem,
    caCertPem: opts.caCertPem,
    signingKeyPem: opts.caKeyPem,
    notBefore: caInfo(opts.caCertPem).notBefore,
    notAfter: opts.notAfter ?? opts.now + LEAF_VALIDITY,
    serial: goSerial(opts.random),
    keyUsage: KU.digitalSignature | KU.keyEncipherment,
    extKeyUsage: opts.eku,
    basicConstraints: { ca: false },
    san: opts.san,
  });
}

const b64 = (s: string) => Buffer.from(s).toString("base64");

/** A kubeconfig exactly as clientcmd.Write serialises kubeadm's (sorted keys, no line wrapping). */
export function kubeconfigYaml(o: {
  clusterName: string;
  server: string;
  caPem: string;
  user: string;
  certPem?: string;
  keyPem?: string;
  certFile?: string;
}): string {
  const ctx = `${o.user}@${o.clusterName}`;
  const creds = o.certFile
    ? `    client-certificate: ${o.certFile}\n    client-key: ${o.certFile}\n`
    : `    client-certificate-data: ${b64(o.certPem ?? "")}\n    client-key-data: ${b64(o.keyPem ?? "")}\n`;
  return (
    `apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: ${b64(o.caPem)}\n    server: ${o.server}\n  name: ${o.clusterName}\n` +
    `contexts:\n- context:\n    cluster: ${o.clusterName}\n    user: ${o.user}\n  name: ${ctx}\ncurrent-context: ${ctx}\nkind: Config\npreferences: {}\n` +
    `users:\n- name: ${o.user}\n  user:\n${creds}`
  );
}

export const apiServerUrl = (c: ClusterConfig) => `https://${c.controlPlane.ip}:6443`;

export async function createKubeadmPki(config: ClusterConfig, opts: KubeadmPkiOptions): Promise<Record<string, string>> {
  const { now, random } = opts;
  const alg = config.keyAlgorithm;
  const files: Record<string, string> = {};
  const ca: Record<string, { crt: string; key: string }> = {};
  for (const spec of CAS) {
    const k = await opts.keys.take(alg);
    const crt = newCaCert(spec.cn, k.privateKeyPem, now, random);
    const key = toTraditionalPem(k.privateKeyPem);
    ca[spec.name] = { crt, key };
    const p = caPaths(spec.name);
    files[p.crt] = crt;
    files[p.key] = key;
  }
  for (const leaf of LEAVES) {
    const k = await opts.keys.take(alg);
    const { crt, key } = issueLeaf(leaf, config, k.privateKeyPem, ca[leaf.ca].crt, ca[leaf.ca].key, now, random);
    const p = leafPaths(leaf);
    if (p.conf !== undefined) {
      files[p.conf] = kubeconfigYaml({
        clusterName: config.clusterName,
        server: apiServerUrl(config),
        caPem: ca.ca.crt,
        user: leaf.kubeconfig?.user ?? leaf.name,
        certPem: crt,
        keyPem: key,
      });
    } else {
      files[p.crt] = crt;
      files[p.key] = key;
    }
  }
  const sa = await opts.keys.take(alg);
  files[`${PKI_DIR}/sa.key`] = toTraditionalPem(sa.privateKeyPem);
  files[`${PKI_DIR}/sa.pub`] = sa.publicKeyPem;

  // kubelet.conf: its client certificate lives in the rotatable kubelet-client-current.pem
  const node = config.controlPlane.name;
  const kk = await opts.keys.take(alg);
  const kubeletKey = toTraditionalPem(kk.privateKeyPem);
  const kubeletCrt = newLeafCert({
    cn: `system:node:${node}`,
    orgs: ["system:nodes"],
    eku: [OID.clientAuth],
    keyPem: kk.privateKeyPem,
    caCertPem: ca.ca.crt,
    caKeyPem: ca.ca.key,
    now,
    random,
  });
  files["/var/lib/kubelet/pki/kubelet-client-current.pem"] = kubeletCrt + kubeletKey;
  files[`${KUBECONFIG_DIR}/kubelet.conf`] = kubeconfigYaml({
    clusterName: config.clusterName,
    server: apiServerUrl(config),
    caPem: ca.ca.crt,
    user: `system:node:${node}`,
    certFile: "/var/lib/kubelet/pki/kubelet-client-current.pem",
  });

  const serving = await kubeletServingCert(node, now, opts);
  files["/var/lib/kubelet/pki/kubelet.crt"] = serving.crt;
  files["/var/lib/kubelet/pki/kubelet.key"] = serving.key;
  return files;
}

export function issueLeaf(
  leaf: LeafSpec,
  config: ClusterConfig,
  keyPem: string,
  caCrt: string,
  caKey: string,
  now: number,
  random: () => number,
): { crt: string; key: string } {
  const crt = newLeafCert({
    cn: leaf.cn(config),
    orgs: leaf.orgs,
    eku: leaf.eku,
    san: leaf.san?.(config),
    keyPem,
    caCertPem: caCrt,
    caKeyPem: caKey,
    now,
    random,
  });
  return { crt, key: toTraditionalPem(keyPem) };
}

/**
 * client-go's GenerateSelfSignedCertKey, run by the kubelet at first start: an RSA-2048 CA
 * `<node>-ca@<unix>` (serial 1) signs `<node>@<unix>` (serial 2); valid from now-1h for a year;
 * the file holds the serving cert followed by that CA.
 */
async function kubeletServingCert(node: string, now: number, opts: KubeadmPkiOptions): Promise<{ crt: string; key: string }> {
  const unix = Math.floor(now / 1000);
  const from = now - 3_600_000;
  const caKey = await opts.keys.take("rsa-2048");
  const leafKey = await opts.keys.take("rsa-2048");
  const caCrt = issueCertificate({
    subject: goName(`${node}-ca@${unix}`),
    publicKey: caKey.privateKeyPem,
    signingKeyPem: caKey.privateKeyPem,
    notBefore: from,
    notAfter: from + 365 * DAY,
    serial: new Uint8Array([1]),
    keyUsage: KU.digitalSignature | KU.keyEncipherment | KU.keyCertSign,
    basicConstraints: { ca: true },
  });
  const crt = issueCertificate({
    subject: goName(`${node}@${unix}`),
    publicKey: publicSpkiDer(leafKey.privateKeyPem),
    caCertPem: caCrt,
    signingKeyPem: caKey.privateKeyPem,
    notBefore: from,
    notAfter: from + 365 * DAY,
    serial: new Uint8Array([2]),
    keyUsage: KU.digitalSignature | KU.keyEncipherment,
    extKeyUsage: [OID.serverAuth],
    basicConstraints: { ca: false },
    san: { dns: [node] },
  });
  return { crt: crt + caCrt, key: toTraditionalPem(leafKey.privateKeyPem) };
}
