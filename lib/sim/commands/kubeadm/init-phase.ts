/** `kubeadm init phase certs apiserver|all`: reuse valid files, otherwise generate like kubeadm. */
import type { CommandContext, ExecResult } from "../../types";
import { verifyChain } from "../../pki/verify";
import { parsedCertificate } from "../../pki/cert-info";
import { apiServerSans, caPaths, LEAVES, leafPaths, PKI_DIR } from "../../pki/inventory";
import { newLeafCert } from "../../pki/kubeadm-pki";
import { toTraditionalPem } from "../../pki/keys";

function flag(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === `--${name}`) return args[i + 1];
    if (args[i].startsWith(`--${name}=`)) return args[i].slice(name.length + 3);
  }
  return undefined;
}

const read = (ctx: CommandContext, p: string) => {
  const r = ctx.fs.readFile(p);
  return r.ok ? r.value : undefined;
};

/**
 * Generates (or reuses) one leaf, as runCertPhase does (cmd/kubeadm/app/cmd/phases/init/certs.go): a
 * certificate already on disk that chains to its CA is kept as it is, whatever SANs the flags ask
 * for; one that does not chain is an error. Only "apiserver" prints the serving-names line.
 */
async function phaseCert(ctx: CommandContext, name: string, args: string[]): Promise<string> {
  const leaf = LEAVES.find((l) => l.name === name && !l.kubeconfig);
  const p = leaf ? leafPaths(leaf) : undefined;
  if (!leaf || !p || p.crt === undefined) throw new Error(`unknown certificate ${name}`);
  const ca = caPaths(leaf.ca);
  const caCrt = read(ctx, ca.crt);
  const caKey = read(ctx, ca.key);
  const crt = read(ctx, p.crt);
  if (crt !== undefined && parsedCertificate(crt)) {
    if (caCrt === undefined) throw new Error(`couldn't load CA certificate ${leaf.ca}: open ${ca.crt}: no such file or directory`);
    const err = verifyChain(crt, caCrt, ctx.now);
    if (err) throw new Error(`[certs] certificate ${name} not signed by CA certificate ${leaf.ca}: failed to verify certificate: ${err}`);
    return `[certs] Using existing ${name} certificate and key on disk\n`;
  }
  if (!caCrt || !caKey) throw new Error(`couldn't load CA certificate ${leaf.ca}: open ${ca.crt}: no such file or directory`);
  const cfg = ctx.state.config;
  const extra = (flag(args, "apiserver-cert-extra-sans") ?? "").split(",").filter(Boolean);
  const adv = flag(args, "apiserver-advertise-address") ?? cfg.controlPlane.ip;
  const san = name === "apiserver" ? apiServerSans(cfg, extra, adv) : leaf.san?.(cfg);
  const k = await ctx.keys.take(cfg.keyAlgorithm);
  const cert = newLeafCert({
    cn: leaf.cn(cfg),
    orgs: leaf.orgs,
    eku: leaf.eku,
    san,
    keyPem: k.privateKeyPem,
    caCertPem: caCrt,
    caKeyPem: caKey,
    now: ctx.now,
    random: () => ctx.random(),
  });
  ctx.fs.writeFile(p.crt, cert, 0o644);
  ctx.fs.writeFile(p.key, toTraditionalPem(k.privateKeyPem), 0o600);
  let out = `[certs] Generating "${name}" certificate and key\n`;
  if (san) out += `[certs] ${name} serving cert is signed for DNS names [${san.dns.join(" ")}] and IPs [${san.ips.join(" ")}]\n`;
  return out;
}

export async function initPhaseCerts(ctx: CommandContext, args: string[]): Promise<ExecResult> {
  const which = args.find((a) => !a.startsWith("-") && !args[args.indexOf(a) - 1]?.match(/^--[a-z-]+$/));
  const names = which === "all" ? LEAVES.filter((l) => !l.kubeconfig).map((l) => l.name) : [which ?? ""];
  let out = which === "all" ? `[certs] Using certificateDir folder "${PKI_DIR}"\n` : "";
  try {
    for (const n of names) out += await phaseCert(ctx, n, args);
  } catch (e) {
    return {
      stdout: out,
      stderr: `error execution phase certs/${which}: ${(e as Error).message}\nTo see the stack trace of this error execute with --v=5 or higher\n`,
      exitCode: 1,
    };
  }
  return { stdout: out, stderr: "", exitCode: 0 };
}

export const PHASE_CERT_NAMES = ["all", ...LEAVES.filter((l) => !l.kubeconfig).map((l) => l.name)];
