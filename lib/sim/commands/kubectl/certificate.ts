/**
 * `kubectl certificate approve|deny NAME... [--force]` (staging/src/k8s.io/kubectl/pkg/cmd/certificates):
 * GET the CSR, add the Approved/Denied condition through the approval subresource; the signer
 * controller issues the certificate when kubectl's command settles.
 */
import type { CertificateSigningRequest } from "../../kinds/certificatesigningrequests";
import { rfc3339 } from "../../api/meta";
import { settle } from "../../controllers";
import type { CommandContext, ExecResult } from "../../types";
import { errResult, isFailure, openClient, statusText } from "./client";
import { boolFlag, firstOperand } from "./flags";
import { flagSpec, helpResult } from "./help";
import { isResult, parseVerb } from "./session";

const CSR = { group: "certificates.k8s.io", version: "v1", resource: "certificatesigningrequests" };

export async function runCertificate(ctx: CommandContext, argv: string[]): Promise<ExecResult> {
  const at = firstOperand(argv, flagSpec("certificate approve"));
  const sub = at < 0 ? undefined : argv[at];
  if (sub !== "approve" && sub !== "deny") {
    const p = parseVerb(ctx, "certificate", argv);
    if (isResult(p)) return p;
    return helpResult("certificate");
  }
  const args = parseVerb(ctx, `certificate ${sub}`, [...argv.slice(0, at), ...argv.slice(at + 1)]);
  if (isResult(args)) return args;
  if (!args.operands.length && !args.flags.has("filename"))
    return errResult("error: one or more CSRs must be specified as <name> or -f <filename>\n");
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  const type = sub === "approve" ? "Approved" : "Denied";
  const opposite = sub === "approve" ? "Denied" : "Approved";
  const force = boolFlag(args, "force");
  let stdout = "";
  for (const name of args.operands) {
    const got = c.request({ ...CSR, verb: "get", name });
    if (isFailure(got)) return { stdout, stderr: statusText(got.body), exitCode: 1 };
    const csr = got.body as CertificateSigningRequest;
    const conds = csr.status?.conditions ?? [];
    // certificates.go addConditionIfNeeded: the opposite condition is an error even with --force;
    // an existing condition of the type is sent again unchanged only with --force
    const denied = conds.find((k) => k.type === opposite);
    if (denied) return { stdout, stderr: `error: certificate signing request "${name}" is already ${opposite}\n`, exitCode: 1 };
    const has = conds.some((k) => k.type === type);
    if (!has || force) {
      const next = structuredClone(csr);
      if (!has)
        next.status = {
          ...(next.status ?? {}),
          conditions: [
            ...conds,
            {
              // kubectl sets only lastUpdateTime; the apiserver fills lastTransitionTime (populateConditionTimestamps)
              lastUpdateTime: rfc3339(ctx.now),
              message:
                sub === "approve"
                  ? "This CSR was approved by kubectl certificate approve."
                  : "This CSR was denied by kubectl certificate deny.",
              reason: sub === "approve" ? "KubectlApprove" : "KubectlDeny",
              status: "True",
              type,
            },
          ],
        };
      const put = c.request({ ...CSR, verb: "update", name, subresource: "approval", body: next });
      if (isFailure(put)) return { stdout, stderr: statusText(put.body), exitCode: 1 };
    }
    stdout += `certificatesigningrequest.certificates.k8s.io/${name} ${sub === "approve" ? "approved" : "denied"}\n`;
  }
  await settle(ctx);
  return { stdout, stderr: "", exitCode: 0 };
}
