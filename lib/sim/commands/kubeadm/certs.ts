/** `kubeadm certs check-expiration` and `kubeadm certs renew` (cmd/kubeadm/app/cmd/certs.go). */
import type { CommandContext, ExecResult } from "../../types";
import { connect } from "../kubectl/connect";
import { loadKubeconfig } from "../kubectl/kubeconfig";
import { parsedCertificate } from "../../pki/cert-info";
import { CAS, LEAVES, caPaths, leafPaths, type CaName, type LeafSpec } from "../../pki/inventory";
import { renewCertificate } from "../../pki/renew";
import type { ParsedCert } from "../../pki/x509-parse";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Go's `Jan 02, 2006 15:04 MST` in UTC. */
function kubeadmDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())}, ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())} UTC`;
}

/** apimachinery duration.ShortHumanDuration; kubeadm shows `<invalid>` once expired. */
export function shortHumanDuration(ms: number): string {
  const s = Math.trunc(ms / 1000);
  if (s < 0) return "<invalid>";
  if (s < 60) return `${s}s`;
  const m = Math.trunc(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.trunc(m / 60);
  if (h < 24) return `${h}h`;
  if (h < 24 * 365) return `${Math.trunc(h / 24)}d`;
  return `${Math.trunc(h / 24 / 365)}y`;
}

/** text/tabwriter(minwidth 10, tabwidth 4, padding 3): cells end at tabs, the trailing cell is free. */
function tabwrite(rows: string[][]): string {
  const cols = Math.max(...rows.map((r) => r.length - 1));
  const widths = Array.from({ length: cols }, (_, i) => Math.max(10, ...rows.filter((r) => r.length - 1 > i).map((r) => r[i].length + 3)));
  return rows.map((r) => r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]) : c)).join("") + "\n").join("");
}

/**
 * What `getInternalCfg` prints before the command's own output (cmd/kubeadm/app/cmd/certs.go): the
 * two lines of configutil.FetchInitConfigurationFromCluster (cmd/kubeadm/app/util/config/cluster.go;
 * v1.32 says `your-config.yaml`, earlier releases `your-config-file`), then a blank line, or, when
 * the cluster cannot be read through /etc/kubernetes/admin.conf, the fallback line and a blank line.
 * Without a readable admin.conf there is no client and nothing is printed.
 */
function header(ctx: CommandContext, prefix: string): string {
  const admin = loadKubeconfig(ctx, ADMIN_CONF);
  if (!admin.exists || admin.error) return "";
  const fetch =
    `[${prefix}] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n` +
    `[${prefix}] Use 'kubeadm init phase upload-config --config your-config.yaml' to re-upload it.\n`;
  if (connect(ctx, admin, undefined, false).ok) return fetch + "\n";
  return fetch + `[${prefix}] Error reading configuration from the Cluster. Falling back to default configuration\n\n`;
}

const ADMIN_CONF = "/etc/kubernetes/admin.conf";

function readText(ctx: CommandContext, path: string): string | undefined {
  const r = ctx.fs.readFile(path);
  return r.ok ? r.value : undefined;
}

const embeddedCert = (conf: string) => {
  const m = /client-certificate-data:\s*(\S+)/.exec(conf);
  return m ? Buffer.from(m[1], "base64").toString() : undefined;
};

/** The PEM of the certificate a leaf entry refers to (embedded in a kubeconfig, or a .crt file). */
function leafPem(ctx: CommandContext, l: LeafSpec): string | undefined {
  const p = leafPaths(l);
  if (p.conf !== undefined) {
    const conf = readText(ctx, p.conf);
    return conf === undefined ? undefined : embeddedCert(conf);
  }
  return readText(ctx, p.crt);
}

function leafCert(ctx: CommandContext, l: LeafSpec): ParsedCert | null {
  const pem = leafPem(ctx, l);
  return pem === undefined ? null : parsedCertificate(pem);
}

const externallyManaged = (ctx: CommandContext, ca: CaName) => (ctx.fs.exists(caPaths(ca).key) ? "no" : "yes");
const managedCell = (v: string) => v.padEnd(8);

export function checkExpiration(ctx: CommandContext): ExecResult {
  const rows: string[][] = [["CERTIFICATE", "EXPIRES", "RESIDUAL TIME", "CERTIFICATE AUTHORITY", "EXTERNALLY MANAGED"]];
  for (const l of LEAVES) {
    const c = leafCert(ctx, l);
    if (!c) {
      rows.push([`!MISSING! ${l.name}`, ""]);
      continue;
    }
    rows.push([l.name, kubeadmDate(c.notAfter), shortHumanDuration(c.notAfter - ctx.now), l.ca, managedCell(externallyManaged(ctx, l.ca))]);
  }
  const caRows: string[][] = [["CERTIFICATE AUTHORITY", "EXPIRES", "RESIDUAL TIME", "EXTERNALLY MANAGED"]];
  for (const ca of CAS) {
    const text = readText(ctx, caPaths(ca.name).crt);
    const c = text ? parsedCertificate(text) : null;
    if (!c) {
      caRows.push([`!MISSING! ${ca.name}`, ""]);
      continue;
    }
    caRows.push([ca.name, kubeadmDate(c.notAfter), shortHumanDuration(c.notAfter - ctx.now), managedCell(externallyManaged(ctx, ca.name))]);
  }
  return { stdout: header(ctx, "check-expiration") + tabwrite(rows) + "\n" + tabwrite(caRows), stderr: "", exitCode: 0 };
}

const b64 = (s: string) => Buffer.from(s).toString("base64");

export async function renew(ctx: CommandContext, names: string[]): Promise<ExecResult> {
  const all = names[0] === "all";
  const targets = all ? LEAVES : LEAVES.filter((l) => l.name === names[0]);
  let out = header(ctx, "renew");
  for (const l of targets) {
    const caFiles = caPaths(l.ca);
    const caCrt = readText(ctx, caFiles.crt);
    const caKey = readText(ctx, caFiles.key);
    const p = leafPaths(l);
    const current = leafCert(ctx, l);
    if (!current) {
      out += `MISSING! ${l.longName}\n`;
      continue;
    }
    if (!caCrt || !caKey) {
      out += `Detected external ${l.ca}, ${l.longName} can't be renewed\n`;
      continue;
    }
    const currentPem = leafPem(ctx, l);
    if (currentPem === undefined) continue; // leafCert above found it
    const key = await ctx.keys.take(ctx.state.config.keyAlgorithm);
    const next = renewCertificate({
      certPem: currentPem,
      caCertPem: caCrt,
      caKeyPem: caKey,
      newKeyPem: key.privateKeyPem,
      now: ctx.now,
      random: () => ctx.random(),
    });
    if (p.conf !== undefined) {
      const conf = (readText(ctx, p.conf) ?? "")
        .replace(/client-certificate-data:\s*\S+/, `client-certificate-data: ${b64(next.certPem)}`)
        .replace(/client-key-data:\s*\S+/, `client-key-data: ${b64(next.keyPem)}`);
      ctx.fs.writeFile(p.conf, conf, 0o600);
    } else {
      ctx.fs.writeFile(p.crt, next.certPem, 0o644);
      ctx.fs.writeFile(p.key, next.keyPem, 0o600);
    }
    out += `${l.longName} renewed\n`;
  }
  if (all)
    out +=
      "\nDone renewing certificates. You must restart the kube-apiserver, kube-controller-manager, kube-scheduler and etcd, so that they can use the new certificates.\n";
  return { stdout: out, stderr: "", exitCode: 0 };
}

export const RENEW_NAMES = ["all", ...LEAVES.map((l) => l.name)];
