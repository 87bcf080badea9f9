/**
 * Checks on certificates, kubeconfigs and etcd backups (the PKI course). Verification uses the
 * simulator's own PKI code (real signature checks) and, for kubeconfigs, the connection logic
 * `kubectl auth whoami` runs.
 */
import { z } from "zod";
import { isEtcdSnapshot } from "../../sim/commands/etcdctl/snapshot-file";
import { parseCertificate, verifySignedBy } from "../../sim/pki";
import { CAS, LEAVES, caPaths, leafPaths, type LeafSpec } from "../../sim/pki/inventory";
import { parseIp, sameBytes } from "../../sim/pki/issue";
import type { CheckResult } from "../types";
import { absPath, defineCheck, fail, name, pass, type View } from "./define";

const fileIsCertificateWithSubjectProps = z.strictObject({ path: absPath, cn: name, o: name });
const kubeconfigUserAuthenticatesAsProps = z.strictObject({ kubeconfig: absPath, user: name });
const apiserverCertHasSanProps = z.strictObject({ san: name });
const etcdSnapshotSavedProps = z.strictObject({ path: absPath });

const utc = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace("T", " ")
    .replace("Z", " UTC");

function fileIsCertificateWithSubject(v: View, p: z.infer<typeof fileIsCertificateWithSubjectProps>): CheckResult {
  const r = v.read(p.path);
  if (!r.ok) return fail(`${r.why}.`);
  const info = parseCertificate(r.text);
  if (!info) return fail(`${p.path} does not hold a PEM certificate.`);
  if (info.subjectCN !== p.cn) {
    return fail(
      info.subjectCN ? `${p.path} has CN=${info.subjectCN}, expected ${p.cn}.` : `${p.path} has no CN in its subject, expected CN=${p.cn}.`,
    );
  }
  if (!info.subjectO.includes(p.o)) {
    return fail(
      info.subjectO.length
        ? `${p.path} has ${info.subjectO.map((o) => `O=${o}`).join(", ")}, expected O=${p.o} among its organizations.`
        : `${p.path} has no O in its subject, expected O=${p.o}.`,
    );
  }
  return pass(`${p.path} is a certificate for CN=${p.cn} in O=${p.o}.`);
}

/** kubectl's error text reduced to one sentence: the last meaningful line, without `error: `. */
function kubectlReason(stderr: string): string {
  const lines = stderr
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !/^E\d{4} /.test(l));
  const last = lines.filter((l) => !l.startsWith("*")).pop() ?? lines.pop() ?? "unknown error";
  const detail = lines.filter((l) => l.startsWith("*")).map((l) => l.slice(1).trim());
  return (last.replace(/^error:\s*/i, "") + (detail.length ? ` ${detail.join("; ")}` : "")).replace(/\s+$/, "");
}

function kubeconfigUserAuthenticatesAs(v: View, p: z.infer<typeof kubeconfigUserAuthenticatesAsProps>): CheckResult {
  const r = v.read(p.kubeconfig);
  if (!r.ok) return fail(`${r.why}.`);
  const auth = v.q.authenticate(p.kubeconfig);
  if (!auth.ok) {
    if (auth.stage === "kubeconfig") return fail(`${p.kubeconfig} ${auth.reason}.`);
    return fail(`kubectl --kubeconfig=${p.kubeconfig} auth whoami fails: ${kubectlReason(auth.stderr)}`);
  }
  if (auth.username === "system:anonymous")
    return fail(`${p.kubeconfig} sends no client certificate, so the API server sees system:anonymous, not ${p.user}.`);
  if (auth.username !== p.user) return fail(`${p.kubeconfig} authenticates as ${auth.username}, expected ${p.user}.`);
  return pass(`${p.kubeconfig} authenticates as ${p.user}.`);
}

const APISERVER_CRT = "/etc/kubernetes/pki/apiserver.crt";
const CA_CRT = "/etc/kubernetes/pki/ca.crt";

function apiserverCertHasSan(v: View, p: z.infer<typeof apiserverCertHasSanProps>): CheckResult {
  const crt = v.read(APISERVER_CRT);
  if (!crt.ok) return fail(`${crt.why}.`);
  const info = parseCertificate(crt.text);
  if (!info) return fail(`${APISERVER_CRT} does not hold a PEM certificate.`);
  const ca = v.read(CA_CRT);
  if (!ca.ok) return fail(`${ca.why}.`);
  if (!verifySignedBy(crt.text, ca.text)) return fail(`${APISERVER_CRT} is not signed by the cluster CA, ${CA_CRT}.`);
  const ip = parseIp(p.san);
  if (ip) {
    const has = info.ipAddresses.some((a) => {
      const b = parseIp(a);
      return !!b && sameBytes(b, ip);
    });
    if (has) return pass(`${APISERVER_CRT} lists ${p.san} as an IP SAN.`);
    return fail(`${APISERVER_CRT} has no IP SAN ${p.san} (its IP SANs: ${info.ipAddresses.join(", ") || "none"}).`);
  }
  const want = p.san.toLowerCase().replace(/\.$/, "");
  if (info.dnsNames.some((d) => d.toLowerCase() === want)) return pass(`${APISERVER_CRT} lists ${p.san} as a DNS SAN.`);
  return fail(`${APISERVER_CRT} has no DNS SAN ${p.san} (its DNS SANs: ${info.dnsNames.join(", ") || "none"}).`);
}

/** The certificate a `kubeadm certs check-expiration` row refers to, as kubeadm finds it. */
function leafCertPem(v: View, l: LeafSpec): string | undefined {
  const paths = leafPaths(l);
  const path = paths.conf ?? paths.crt;
  if (!path) return undefined;
  const r = v.read(path);
  if (!r.ok) return undefined;
  if (!paths.conf) return r.text;
  const m = /client-certificate-data:\s*(\S+)/.exec(r.text);
  return m ? Buffer.from(m[1], "base64").toString() : undefined;
}

function certificatesNotExpired(v: View): CheckResult {
  const missing: string[] = [];
  const expired: string[] = [];
  const entries: { name: string; pem: string | undefined }[] = [
    ...LEAVES.map((l) => ({ name: l.name, pem: leafCertPem(v, l) })),
    ...CAS.map((c) => {
      const r = v.read(caPaths(c.name).crt);
      return { name: c.name, pem: r.ok ? r.text : undefined };
    }),
  ];
  let firstExpiry = Infinity;
  for (const e of entries) {
    const info = e.pem === undefined ? null : parseCertificate(e.pem);
    if (!info) missing.push(e.name);
    else if (v.now > info.notAfter || v.now < info.notBefore) {
      expired.push(e.name);
      firstExpiry = Math.min(firstExpiry, info.notAfter);
    }
  }
  const list = (names: string[]) => (names.length > 4 ? `${names.slice(0, 4).join(", ")} and ${names.length - 4} more` : names.join(", "));
  const parts: string[] = [];
  if (expired.length)
    parts.push(
      `${expired.length === 1 ? "1 certificate is" : `${expired.length} certificates are`} not valid at the cluster's clock (${list(expired)})`,
    );
  if (missing.length)
    parts.push(`${missing.length === 1 ? "1 certificate is" : `${missing.length} certificates are`} missing (${list(missing)})`);
  if (parts.length) {
    const since = Number.isFinite(firstExpiry) && firstExpiry < v.now ? `; the first expired on ${utc(firstExpiry)}` : "";
    return fail(`${parts.join(" and ")}${since}.`);
  }
  return pass(`All ${entries.length} certificates kubeadm checks are present and valid.`);
}

function etcdSnapshotSaved(v: View, p: z.infer<typeof etcdSnapshotSavedProps>): CheckResult {
  const r = v.read(p.path);
  if (!r.ok) return fail(`${r.why}.`);
  return isEtcdSnapshot(r.text)
    ? pass(`${p.path} is an etcd snapshot.`)
    : fail(`${p.path} is not a snapshot written by etcdctl snapshot save.`);
}

export const PKI_CHECKS = {
  fileIsCertificateWithSubject: defineCheck({ props: fileIsCertificateWithSubjectProps, run: fileIsCertificateWithSubject }),
  kubeconfigUserAuthenticatesAs: defineCheck({ props: kubeconfigUserAuthenticatesAsProps, run: kubeconfigUserAuthenticatesAs }),
  apiserverCertHasSan: defineCheck({ props: apiserverCertHasSanProps, run: apiserverCertHasSan }),
  certificatesNotExpired: defineCheck({ props: z.strictObject({}), run: (v) => certificatesNotExpired(v) }),
  etcdSnapshotSaved: defineCheck({ props: etcdSnapshotSavedProps, run: etcdSnapshotSaved }),
};
