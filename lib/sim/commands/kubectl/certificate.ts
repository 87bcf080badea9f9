/**
 * `kubectl certificate approve|deny NAME... [--force]` (kubectl/pkg/cmd/certificates), followed by
 * what kube-controller-manager does on approval: its csrsigning controller issues the
 * certificate for the kube-apiserver-client(-kubelet) signers with /etc/kubernetes/pki/ca.{crt,key}.
 */
import { KCM_CLIENT_SIGNERS, setCsrCondition, signerRefusal } from "../../model/csr-api";
import { authorize, forbiddenMessage } from "../../model/rbac";
import { resolveResourceType } from "../../model/resources";
import type { CommandContext, CsrObject, ExecResult } from "../../types";
import { boolFlag, firstOperand } from "./flags";
import { flagSpec, helpResult } from "./help";
import { decodeRequest } from "./csr-subject";
import { err, isResult, openSession, parseVerb } from "./session";
import { signCsr } from "./pki";

/** --cluster-signing-duration default: one year. */
const MAX_SIGNING_SECONDS = 365 * 24 * 3600;

export async function runCertificate(ctx: CommandContext, argv: string[]): Promise<ExecResult> {
  const at = firstOperand(argv, flagSpec("certificate approve"));
  const sub = at < 0 ? undefined : argv[at];
  if (sub !== "approve" && sub !== "deny") {
    const p = parseVerb(ctx, "certificate", argv);
    if (isResult(p)) return p;
    return helpResult("certificate");
  }
  const verb = `certificate ${sub}`;
  const rest = [...argv];
  rest.splice(at, 1);
  const args = parseVerb(ctx, verb, rest);
  if (isResult(args)) return args;
  if (!args.operands.length && !args.flags.has("filename")) return err("error: one or more CSRs must be specified as <name> or -f <filename>\n");
  const s = openSession(ctx, args);
  if (isResult(s)) return s;
  const r = resolveResourceType("csr")!;
  const type = sub === "approve" ? "Approved" : "Denied";
  const opposite = sub === "approve" ? "Denied" : "Approved";
  const force = boolFlag(args, "force");
  let stdout = "";
  for (const name of args.operands) {
    if (!authorize(s.conn.identity, "get", r.plural)) return { stdout, stderr: `Error from server (Forbidden): ${forbiddenMessage(s.conn.identity, "get", r, name, undefined)}\n`, exitCode: 1 };
    const csr = ctx.state.objects.csrs.find((c) => c.metadata.name === name);
    if (!csr) return { stdout, stderr: `Error from server (NotFound): certificatesigningrequests.certificates.k8s.io "${name}" not found\n`, exitCode: 1 };
    const has = csr.status.conditions.some((c) => c.type === type);
    if (!has) {
      if (csr.status.conditions.some((c) => c.type === opposite)) {
        if (!force) return { stdout, stderr: `error: certificate signing request "${name}" is already ${opposite}\n`, exitCode: 1 };
        // --force sends the update anyway; the apiserver's validation refuses both conditions at once
        const i = csr.status.conditions.length;
        return { stdout, stderr: `The CertificateSigningRequest "${name}" is invalid: status.conditions[${i}].type: Invalid value: "${type}": Approved and Denied conditions are mutually exclusive\n`, exitCode: 1 };
      }
      if (!authorize(s.conn.identity, "update", r.plural)) {
        return { stdout, stderr: `Error from server (Forbidden): ${forbiddenMessage(s.conn.identity, "update", r, name, undefined, "approval")}\n`, exitCode: 1 };
      }
      setCsrCondition(ctx.state, csr, type, ctx.now);
      if (type === "Approved") await runSigner(ctx, csr);
    }
    stdout += `certificatesigningrequest.certificates.k8s.io/${name} ${sub === "approve" ? "approved" : "denied"}\n`;
  }
  return { stdout, stderr: "", exitCode: 0 };
}

/** kube-controller-manager's csrsigning controller, run synchronously right after approval. */
export async function runSigner(ctx: CommandContext, csr: CsrObject): Promise<void> {
  if (!KCM_CLIENT_SIGNERS.has(csr.spec.signerName) || csr.status.certificate) return;
  if (csr.status.conditions.some((c) => c.type === "Denied" || c.type === "Failed")) return;
  const refusal = signerRefusal(csr);
  if (refusal) {
    csr.status.conditions.push({ type: "Failed", status: "True", reason: "SignerValidationFailure", message: refusal, lastUpdateTime: ctx.now, lastTransitionTime: ctx.now });
    return;
  }
  const caCert = ctx.fs.readFile("/etc/kubernetes/pki/ca.crt");
  const caKey = ctx.fs.readFile("/etc/kubernetes/pki/ca.key");
  if (!caCert.ok || !caKey.ok) return; // the controller logs and retries; the CSR stays Approved
  try {
    const pem = await signCsr({
      csrPem: decodeRequest(csr.spec.request),
      caCertPem: caCert.value,
      caKeyPem: caKey.value,
      now: ctx.now,
      durationSeconds: Math.min(csr.spec.expirationSeconds ?? MAX_SIGNING_SECONDS, MAX_SIGNING_SECONDS),
      usages: csr.spec.usages,
      random: () => ctx.random(),
    });
    csr.status.certificate = Buffer.from(pem, "utf8").toString("base64");
  } catch {
    // a CSR the signer cannot parse is left Approved without a certificate, as the real controller does
  }
}
