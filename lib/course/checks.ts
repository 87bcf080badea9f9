/**
 * The task checks (content/checks.md): each reads the learner's simulated cluster at its current
 * clock and says whether the goal state is reached. Checks never mutate the cluster: they work on
 * a deep copy of its state. Verification uses the simulator's own PKI code (real signature checks)
 * and, for kubeconfigs, the same connection logic `kubectl auth whoami` runs.
 */
import { z } from "zod";
import { isEtcdSnapshot } from "../sim/commands/etcdctl/snapshot-file";
import type { CertificateSigningRequest } from "../sim/kinds/certificatesigningrequests";
import { parseCertificate, verifySignedBy } from "../sim/pki";
import { CAS, LEAVES, caPaths, leafPaths, type LeafSpec } from "../sim/pki/inventory";
import { parseIp, sameBytes } from "../sim/pki/issue";
import { ClusterQuery } from "../sim/query";
import type { ClusterState } from "../sim/types";
import type { CheckName, CheckResult } from "./types";

export type { CheckName, CheckResult } from "./types";

/** What a check needs from a cluster: a SimEngine or Simulator satisfies it. */
export interface CheckTarget {
  readonly state: ClusterState;
  /** cluster clock, epoch ms */
  now(): number;
}

const absPath = z
  .string({ error: "must be a string" })
  .min(1, "must not be empty")
  .refine((p) => p.startsWith("/"), "must be an absolute path");
const name = z.string({ error: "must be a string" }).min(1, "must not be empty");

export const checkPropsSchemas = {
  fileIsCertificateWithSubject: z.strictObject({ path: absPath, cn: name, o: name }),
  kubeconfigUserAuthenticatesAs: z.strictObject({ kubeconfig: absPath, user: name }),
  apiserverCertHasSan: z.strictObject({ san: name }),
  certificatesNotExpired: z.strictObject({}),
  csrApprovedAndIssued: z.strictObject({ name }),
  csrDenied: z.strictObject({ name }),
  namespaceExists: z.strictObject({ name }),
  etcdSnapshotSaved: z.strictObject({ path: absPath }),
} satisfies Record<CheckName, z.ZodType>;

export type CheckProps<N extends CheckName> = z.infer<(typeof checkPropsSchemas)[N]>;

export const CHECK_NAMES = Object.keys(checkPropsSchemas) as CheckName[];

export function isCheckName(s: string): s is CheckName {
  return Object.prototype.hasOwnProperty.call(checkPropsSchemas, s);
}

/** Validates a task's props for `check`; the messages name the prop. */
export function validateCheckProps(check: string, props: Record<string, string>): { ok: true } | { ok: false; problems: string[] } {
  if (!isCheckName(check)) return { ok: false, problems: [`unknown check "${check}" (known: ${CHECK_NAMES.join(", ")})`] };
  const r = checkPropsSchemas[check].safeParse(props);
  if (r.success) return { ok: true };
  return {
    ok: false,
    problems: r.error.issues.map((i) =>
      i.code === "unrecognized_keys"
        ? `check ${check} takes no prop(s) ${i.keys.map((k) => `"${k}"`).join(", ")}`
        : i.code === "invalid_type" && !(String(i.path[0]) in props)
          ? `check ${check} needs the prop "${i.path.join(".")}"`
          : `check ${check}: prop "${i.path.join(".")}" ${i.message}`,
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// a read-only view of the cluster

interface View {
  q: ClusterQuery;
  now: number;
  read(path: string): { ok: true; text: string } | { ok: false; why: string };
}

function viewOf(sim: CheckTarget): View {
  // the query facade copies the state: nothing a check does can reach the learner's cluster
  const q = new ClusterQuery(sim.state, sim.now());
  return { q, now: q.now, read: (path) => q.readFile(path) };
}

const pass = (detail: string): CheckResult => ({ passed: true, detail });
const fail = (detail: string): CheckResult => ({ passed: false, detail });

const utc = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace("T", " ")
    .replace("Z", " UTC");

// ---------------------------------------------------------------------------------------------
// the checks

function fileIsCertificateWithSubject(v: View, p: CheckProps<"fileIsCertificateWithSubject">): CheckResult {
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

function kubeconfigUserAuthenticatesAs(v: View, p: CheckProps<"kubeconfigUserAuthenticatesAs">): CheckResult {
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

function apiserverCertHasSan(v: View, p: CheckProps<"apiserverCertHasSan">): CheckResult {
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

function findCsr(v: View, n: string): CertificateSigningRequest | undefined {
  return v.q.get("certificates.k8s.io", "certificatesigningrequests", undefined, n) as CertificateSigningRequest | undefined;
}

const has = (c: CertificateSigningRequest, type: "Approved" | "Denied" | "Failed") =>
  (c.status?.conditions ?? []).some((x) => x.type === type);

function csrApprovedAndIssued(v: View, p: CheckProps<"csrApprovedAndIssued">): CheckResult {
  const c = findCsr(v, p.name);
  if (!c) return fail(`There is no CertificateSigningRequest named ${p.name}.`);
  if (has(c, "Denied")) return fail(`The CertificateSigningRequest ${p.name} was denied.`);
  if (has(c, "Failed")) {
    const msg = (c.status?.conditions ?? []).find((x) => x.type === "Failed")?.message;
    return fail(`The signer failed to issue ${p.name}${msg ? `: ${msg}` : ""}.`);
  }
  if (!has(c, "Approved")) return fail(`The CertificateSigningRequest ${p.name} is still Pending: nobody has approved it.`);
  if (!c.status?.certificate) return fail(`The CertificateSigningRequest ${p.name} is approved but no certificate has been issued.`);
  return pass(`The CertificateSigningRequest ${p.name} is approved and its certificate issued.`);
}

function csrDenied(v: View, p: CheckProps<"csrDenied">): CheckResult {
  const c = findCsr(v, p.name);
  if (!c) return fail(`There is no CertificateSigningRequest named ${p.name}.`);
  if (!has(c, "Denied")) {
    const state = has(c, "Approved") ? "approved" : has(c, "Failed") ? "failed" : "still Pending";
    return fail(`The CertificateSigningRequest ${p.name} is ${state}, not denied.`);
  }
  if (c.status?.certificate) return fail(`The CertificateSigningRequest ${p.name} is denied but holds an issued certificate.`);
  return pass(`The CertificateSigningRequest ${p.name} is denied.`);
}

function namespaceExists(v: View, p: CheckProps<"namespaceExists">): CheckResult {
  return v.q.get("", "namespaces", undefined, p.name)
    ? pass(`The namespace ${p.name} exists.`)
    : fail(`There is no namespace named ${p.name}.`);
}

function etcdSnapshotSaved(v: View, p: CheckProps<"etcdSnapshotSaved">): CheckResult {
  const r = v.read(p.path);
  if (!r.ok) return fail(`${r.why}.`);
  return isEtcdSnapshot(r.text)
    ? pass(`${p.path} is an etcd snapshot.`)
    : fail(`${p.path} is not a snapshot written by etcdctl snapshot save.`);
}

/**
 * Runs a check against the cluster at its current clock. Props are validated first: invalid props
 * give `passed: false` with the reason (a content bug, caught by the content check before release).
 */
export async function runCheck(name: CheckName, props: Record<string, string>, sim: CheckTarget): Promise<CheckResult> {
  const valid = validateCheckProps(name, props);
  if (!valid.ok) return fail(`This task is misconfigured: ${valid.problems.join("; ")}.`);
  const v = viewOf(sim);
  switch (name) {
    case "fileIsCertificateWithSubject":
      return fileIsCertificateWithSubject(v, checkPropsSchemas.fileIsCertificateWithSubject.parse(props));
    case "kubeconfigUserAuthenticatesAs":
      return kubeconfigUserAuthenticatesAs(v, checkPropsSchemas.kubeconfigUserAuthenticatesAs.parse(props));
    case "apiserverCertHasSan":
      return apiserverCertHasSan(v, checkPropsSchemas.apiserverCertHasSan.parse(props));
    case "certificatesNotExpired":
      return certificatesNotExpired(v);
    case "csrApprovedAndIssued":
      return csrApprovedAndIssued(v, checkPropsSchemas.csrApprovedAndIssued.parse(props));
    case "csrDenied":
      return csrDenied(v, checkPropsSchemas.csrDenied.parse(props));
    case "namespaceExists":
      return namespaceExists(v, checkPropsSchemas.namespaceExists.parse(props));
    case "etcdSnapshotSaved":
      return etcdSnapshotSaved(v, checkPropsSchemas.etcdSnapshotSaved.parse(props));
  }
}
