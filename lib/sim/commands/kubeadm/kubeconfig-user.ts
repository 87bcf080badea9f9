/**
 * `kubeadm kubeconfig user --client-name NAME [--org ORG]... [--validity-period D] [--config FILE]`
 * (cmd/kubeadm/app/cmd/kubeconfig.go, v1beta4): prints to stdout a kubeconfig whose user holds a new
 * key and a client certificate (CN = NAME, O = each --org, EKU clientAuth) signed with
 * /etc/kubernetes/pki/ca.key, valid from now for the validity period (8760h by default). The server
 * is the control plane endpoint of the configuration (without --config: the node's advertise address,
 * port 6443) and the cluster is named after clusterName ("kubernetes"). phases/kubeconfig/kubeconfig.go
 * writeKubeConfigFromSpec prints clientcmd.Write's YAML with fmt.Fprintln, hence the blank last line.
 * Nothing is written to disk and nothing is sent to the API server.
 */
import { parseAllDocuments } from "yaml";
import type { CommandContext, ExecResult } from "../../types";
import { caPaths } from "../../pki/inventory";
import { kubeconfigYaml, newLeafCert } from "../../pki/kubeadm-pki";
import { toTraditionalPem } from "../../pki/keys";
import { OID } from "../../pki/x509-parse";

const TRACE = "To see the stack trace of this error execute with --v=5 or higher\n";
const fail = (msg: string): ExecResult => ({ stdout: "", stderr: `${msg}\n${TRACE}`, exitCode: 1 });

/** Go's time.ParseDuration for the units kubeadm users write (h, m, s, ms). */
export function parseGoDuration(s: string): number | undefined {
  if (s === "0") return 0;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    total += Number(m[1]) * { h: 3_600_000, m: 60_000, s: 1000, ms: 1 }[m[2] as "h" | "m" | "s" | "ms"];
    matched = re.lastIndex;
  }
  return matched === s.length && s.length > 0 ? total : undefined;
}

interface Flags {
  clientName?: string;
  orgs: string[];
  validity?: string;
  config?: string;
}

function parseFlags(args: string[]): Flags | ExecResult {
  const f: Flags = { orgs: [] };
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = args[i].split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => inline ?? args[++i];
    if (name === "--client-name") f.clientName = value();
    else if (name === "--org") f.orgs.push(...(value() ?? "").split(",").filter(Boolean));
    else if (name === "--validity-period") f.validity = value();
    else if (name === "--config") f.config = value();
    else if (name.startsWith("-")) return fail(`unknown flag: ${name}`);
    else return fail(`unknown command "${name}" for "kubeadm kubeconfig user"`);
  }
  return f;
}

/** The endpoint and cluster name of a kubeadm configuration file (InitConfiguration, ClusterConfiguration). */
function fromConfig(text: string): { clusterName?: string; endpoint?: string; advertise?: string; port?: number } {
  const out: { clusterName?: string; endpoint?: string; advertise?: string; port?: number } = {};
  for (const doc of parseAllDocuments(text)) {
    const d = doc.toJS() as Record<string, unknown> | null;
    if (!d || typeof d !== "object") continue;
    if (d.kind === "ClusterConfiguration") {
      if (typeof d.clusterName === "string") out.clusterName = d.clusterName;
      if (typeof d.controlPlaneEndpoint === "string") out.endpoint = d.controlPlaneEndpoint;
    }
    const local = d.kind === "InitConfiguration" ? (d.localAPIEndpoint as Record<string, unknown> | undefined) : undefined;
    if (typeof local?.advertiseAddress === "string") out.advertise = local.advertiseAddress;
    if (typeof local?.bindPort === "number") out.port = local.bindPort;
  }
  return out;
}

export async function kubeconfigUser(ctx: CommandContext, args: string[]): Promise<ExecResult> {
  const f = parseFlags(args);
  if ("exitCode" in f) return f;
  if (!f.clientName) return fail('required flag(s) "client-name" not set');
  const validity = f.validity === undefined ? 8760 * 3_600_000 : parseGoDuration(f.validity);
  if (validity === undefined)
    return fail(`invalid argument "${f.validity}" for "--validity-period" flag: time: invalid duration "${f.validity}"`);
  const c = ctx.state.config;
  let cfg: ReturnType<typeof fromConfig> = {};
  if (f.config !== undefined) {
    const r = ctx.fs.readFile(ctx.resolve(f.config));
    if (!r.ok) return fail(`unable to read config from "${f.config}" : open ${f.config}: no such file or directory`);
    cfg = fromConfig(r.value);
  }
  const ca = caPaths("ca");
  const caCrt = ctx.fs.readFile(ca.crt);
  const caKey = ctx.fs.readFile(ca.key);
  if (!caCrt.ok || !caKey.ok) {
    const missing = caCrt.ok ? ca.key : ca.crt;
    return fail(
      `couldn't create a kubeconfig; the CA files couldn't be loaded: couldn't load the ${caCrt.ok ? "private key" : "certificate"} file ${missing}: open ${missing}: no such file or directory`,
    );
  }
  const endpoint = cfg.endpoint ?? `${cfg.advertise ?? c.controlPlane.ip}:${cfg.port ?? 6443}`;
  const key = await ctx.keys.take(c.keyAlgorithm);
  const cert = newLeafCert({
    cn: f.clientName,
    orgs: f.orgs,
    eku: [OID.clientAuth],
    keyPem: key.privateKeyPem,
    caCertPem: caCrt.value,
    caKeyPem: caKey.value,
    now: ctx.now,
    notAfter: Math.floor(ctx.now / 1000) * 1000 + validity,
    random: () => ctx.random(),
  });
  const yaml = kubeconfigYaml({
    clusterName: cfg.clusterName ?? c.clusterName,
    server: `https://${endpoint}`,
    caPem: caCrt.value,
    user: f.clientName,
    certPem: cert,
    keyPem: toTraditionalPem(key.privateKeyPem),
  });
  return { stdout: yaml + "\n", stderr: "", exitCode: 0 };
}
