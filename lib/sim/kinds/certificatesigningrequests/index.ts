/**
 * certificates.k8s.io/v1 CertificateSigningRequest. Validation from
 * pkg/apis/certificates/validation/validation.go, strategy from
 * pkg/registry/certificates/certificates/strategy.go (the requesting identity is recorded in
 * spec.username/groups/uid/extra; status is cleared on create; the approval subresource changes
 * only conditions), table from printers.go printCertificateSigningRequest, describer from
 * describe.go describeCertificateSigningRequest.
 */
import { type FieldError, invalid, notSupported, required } from "../../api/field";
import { rfc3339 } from "../../api/meta";
import { AGE_COLUMN, NAME_COLUMN, column } from "../../api/table";
import type { KObject } from "../../api/types";
import { parseCsr } from "../../pki";
import { DescribeWriter, rfc1123z } from "../../printers/describe-util";
import { formatLabels } from "../_shared/labels";
import { ageOf, humanDuration } from "../../printers/duration";
import type { KindDef } from "../types";

export interface CsrCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
}

export interface CertificateSigningRequest extends KObject {
  spec: {
    request: string;
    signerName: string;
    expirationSeconds?: number;
    usages?: string[];
    username?: string;
    uid?: string;
    groups?: string[];
    extra?: Record<string, string[]>;
  };
  status?: { conditions?: CsrCondition[]; certificate?: string };
}

/** KeyUsage values of certificates/v1 (validation's supported list, sorted as Go prints it). */
export const KNOWN_USAGES = [
  "any",
  "cert sign",
  "client auth",
  "code signing",
  "content commitment",
  "crl sign",
  "data encipherment",
  "decipher only",
  "digital signature",
  "email protection",
  "encipher only",
  "ipsec end system",
  "ipsec tunnel",
  "ipsec user",
  "key agreement",
  "key encipherment",
  "microsoft sgc",
  "netscape sgc",
  "ocsp signing",
  "s/mime",
  "server auth",
  "signing",
  "timestamping",
];

/** Go's %#v of a []byte. */
export function goBytes(b: Uint8Array): { go: string } {
  return { go: `[]byte{${[...b].map((x) => `0x${x.toString(16)}`).join(", ")}}` };
}

/** printers.go extractCSRStatus: Pending / Approved / Denied, then ",Failed", then ",Issued". */
export function csrCondition(c: CertificateSigningRequest): string {
  const conds = c.status?.conditions ?? [];
  const has = (t: string) => conds.some((x) => x.type === t);
  let s = has("Denied") ? "Denied" : has("Approved") ? "Approved" : "Pending";
  if (has("Failed")) s += ",Failed";
  if (c.status?.certificate) s += ",Issued";
  return s;
}

function validateCsr(c: CertificateSigningRequest): FieldError[] {
  const errs: FieldError[] = [];
  const spec = c.spec ?? ({} as CertificateSigningRequest["spec"]);
  const request = typeof spec.request === "string" ? spec.request : "";
  if (!request) errs.push(required("spec.request"));
  else {
    const bytes = Buffer.from(request, "base64");
    const parsed = parseCsr(bytes.toString("utf8"));
    if (!parsed.ok) errs.push(invalid("spec.request", goBytes(bytes), parsed.error));
    else if (!parsed.signatureValid) errs.push(invalid("spec.request", goBytes(bytes), "x509: ECDSA verification failure"));
  }
  if (!spec.signerName) errs.push(required("spec.signerName", ""));
  else if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/[a-zA-Z0-9._~%!$&'()*+,;=:@-]+$/.test(spec.signerName)) {
    errs.push(
      invalid("spec.signerName", spec.signerName, "must be a fully qualified domain and path of the form 'example.com/signer-name'"),
    );
  }
  if (spec.expirationSeconds !== undefined && spec.expirationSeconds < 600) {
    errs.push(invalid("spec.expirationSeconds", spec.expirationSeconds, "may not specify a duration less than 600 seconds (10 minutes)"));
  }
  const usages = spec.usages ?? [];
  if (!usages.length) errs.push(required("spec.usages"));
  usages.forEach((u, i) => {
    if (!KNOWN_USAGES.includes(u)) errs.push(notSupported(`spec.usages[${i}]`, u, KNOWN_USAGES));
  });
  return errs;
}

/** ValidateCertificateSigningRequestApprovalUpdate: condition types and the Approved/Denied exclusion. */
function validateConditions(c: CertificateSigningRequest): FieldError[] {
  const errs: FieldError[] = [];
  const conds = c.status?.conditions ?? [];
  let approved = false;
  let denied = false;
  conds.forEach((k, i) => {
    if (!k.type) errs.push(required(`status.conditions[${i}].type`));
    if (!["True", "False", "Unknown"].includes(k.status))
      errs.push(notSupported(`status.conditions[${i}].status`, k.status, ["False", "True", "Unknown"]));
    if (k.type === "Approved") {
      approved = true;
      if (denied) errs.push(invalid(`status.conditions[${i}].type`, k.type, "Approved and Denied conditions are mutually exclusive"));
    }
    if (k.type === "Denied") {
      denied = true;
      if (approved) errs.push(invalid(`status.conditions[${i}].type`, k.type, "Approved and Denied conditions are mutually exclusive"));
    }
  });
  return errs;
}

function describeCsr(c: CertificateSigningRequest): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${c.metadata.name}\n`);
  w.write(0, `Labels:\t${formatLabels(c.metadata.labels)}\n`);
  w.write(0, `Annotations:\t${formatLabels(c.metadata.annotations)}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(c.metadata.creationTimestamp)}\n`);
  w.write(0, `Requesting User:\t${c.spec.username ?? ""}\n`);
  if (c.spec.signerName) w.write(0, `Signer:\t${c.spec.signerName}\n`);
  if (c.spec.expirationSeconds !== undefined) w.write(0, `Requested Duration:\t${humanDuration(c.spec.expirationSeconds * 1000)}\n`);
  w.write(0, `Status:\t${csrCondition(c)}\n`);
  const parsed = parseCsr(Buffer.from(c.spec.request ?? "", "base64").toString("utf8"));
  if (parsed.ok) {
    // the subject parser reports CN and O; a CSR from `openssl req -subj "/CN=x/O=y"` carries nothing else
    w.write(0, "Subject:\n");
    w.write(0, `\tCommon Name:\t${parsed.subjectCN}\n`);
    w.write(0, "\tSerial Number:\t\n");
    if (parsed.subjectO.length) w.write(0, `\tOrganization:\t${parsed.subjectO.join("\n\t\t")}\n`);
  }
  w.write(0, "Events:\t<none>\n");
  return w.toString();
}

export const certificatesigningrequests: KindDef<CertificateSigningRequest> = {
  resource: {
    group: "certificates.k8s.io",
    version: "v1",
    kind: "CertificateSigningRequest",
    resource: "certificatesigningrequests",
    singular: "certificatesigningrequest",
    shortNames: ["csr"],
    namespaced: false,
    verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
    subresources: [
      { name: "approval", verbs: ["get", "patch", "update"] },
      { name: "status", verbs: ["get", "patch", "update"] },
    ],
  },
  validate: validateCsr,
  validateUpdate: (c, old) => {
    const errs = validateConditions(c);
    if (JSON.stringify(c.spec) !== JSON.stringify(old.spec))
      errs.push({ type: "FieldValueForbidden", field: "spec", value: "", detail: "field is immutable" });
    return errs;
  },
  strategy: {
    statusSubresource: true,
    prepareForCreate(c, ctx) {
      c.spec.username = ctx.user.username;
      if (ctx.user.uid) c.spec.uid = ctx.user.uid;
      else delete c.spec.uid;
      c.spec.groups = [...ctx.user.groups];
      if (ctx.user.extra && Object.keys(ctx.user.extra).length) c.spec.extra = structuredClone(ctx.user.extra);
      else delete c.spec.extra;
      c.status = {};
    },
    prepareForUpdate(c, old) {
      c.spec = old.spec;
      c.status = old.status;
    },
    // csrStatusStrategy and approvalStrategy PrepareForUpdate: populateConditionTimestamps
    prepareForStatusUpdate(c, old, ctx) {
      const now = rfc3339(ctx.now);
      for (const k of c.status?.conditions ?? []) {
        k.lastUpdateTime ||= now;
        if (!k.lastTransitionTime)
          k.lastTransitionTime =
            old.status?.conditions?.find((o) => o.type === k.type && o.status === k.status && o.lastTransitionTime)?.lastTransitionTime ??
            now;
      }
    },
  },
  table: {
    columns: [
      NAME_COLUMN,
      AGE_COLUMN,
      column("SignerName", "string", "signerName indicates the requested signer, and is a qualified name."),
      column("Requestor", "string", "Name of the user requesting the certificate"),
      column("RequestedDuration", "string", "expirationSeconds is the requested duration of validity of the issued certificate."),
      column("Condition", "string", "Approval status of the certificate"),
    ],
    rows: (c, ctx) => [
      [
        c.metadata.name,
        ageOf(c.metadata.creationTimestamp, ctx.now),
        c.spec.signerName || "<none>",
        c.spec.username ?? "",
        c.spec.expirationSeconds !== undefined ? humanDuration(c.spec.expirationSeconds * 1000) : "<none>",
        csrCondition(c),
      ],
    ],
  },
  describe: describeCsr,
  selectableFields: (c) => ({ "spec.signerName": c.spec.signerName ?? "" }),
};

/** The approval subresource's validation, for the request path. */
export const validateCsrApproval = validateConditions;
