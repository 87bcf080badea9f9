/** Checks on CertificateSigningRequests (the PKI course, lesson 5). */
import { z } from "zod";
import type { CertificateSigningRequest } from "../../sim/kinds/certificatesigningrequests";
import type { CheckResult } from "../types";
import { defineCheck, fail, name, pass, type View } from "./define";

const csrProps = z.strictObject({ name });

function findCsr(v: View, n: string): CertificateSigningRequest | undefined {
  return v.q.get("certificates.k8s.io", "certificatesigningrequests", undefined, n) as CertificateSigningRequest | undefined;
}

const has = (c: CertificateSigningRequest, type: "Approved" | "Denied" | "Failed") =>
  (c.status?.conditions ?? []).some((x) => x.type === type);

function csrApprovedAndIssued(v: View, p: z.infer<typeof csrProps>): CheckResult {
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

function csrDenied(v: View, p: z.infer<typeof csrProps>): CheckResult {
  const c = findCsr(v, p.name);
  if (!c) return fail(`There is no CertificateSigningRequest named ${p.name}.`);
  if (!has(c, "Denied")) {
    const state = has(c, "Approved") ? "approved" : has(c, "Failed") ? "failed" : "still Pending";
    return fail(`The CertificateSigningRequest ${p.name} is ${state}, not denied.`);
  }
  if (c.status?.certificate) return fail(`The CertificateSigningRequest ${p.name} is denied but holds an issued certificate.`);
  return pass(`The CertificateSigningRequest ${p.name} is denied.`);
}

export const CSR_CHECKS = {
  csrApprovedAndIssued: defineCheck({ props: csrProps, run: csrApprovedAndIssued }),
  csrDenied: defineCheck({ props: csrProps, run: csrDenied }),
};
