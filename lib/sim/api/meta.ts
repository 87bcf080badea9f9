/**
 * Object metadata as the apiserver keeps it: RFC 3339 timestamps, RFC 4122 v4 uids from the
 * cluster's PRNG, and the name and label validation of
 * staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go and
 * staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go (v1.32).
 */
import { type FieldError, invalid, required, tooLong } from "./field";
import type { GroupResource, KObject, ObjectMeta } from "./types";

/** metav1.Time marshals with second precision: "2026-11-28T09:08:33Z". */
/** Where `kubectl apply` keeps the configuration it last applied (staging/src/k8s.io/api/core/v1/annotation_key_constants.go). */
export const LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** Epoch ms of an RFC 3339 timestamp (NaN-safe: 0 for a missing one). */
export function parseTime(t: string | undefined | null): number {
  if (!t) return 0;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? 0 : ms;
}

/** RFC 4122 version 4 uid (uuid.NewRandom in k8s.io/apimachinery/pkg/util/uuid), drawn from `random`. */
export function newUid(random: () => number): string {
  const hex = (n: number) => {
    let s = "";
    for (let i = 0; i < n; i++) s += Math.floor(random() * 16).toString(16);
    return s;
  };
  const variant = "89ab"[Math.floor(random() * 4)];
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export function isUuidV4(s: string): boolean {
  return UUID_V4.test(s);
}

/** utilrand.String's alphabet: no vowels, no confusable digits (generateName suffixes, pod-template-hash digits). */
export const NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
export function randomSuffix(random: () => number, n = 5): string {
  let s = "";
  for (let i = 0; i < n; i++) s += NAME_ALPHABET[Math.floor(random() * NAME_ALPHABET.length)];
  return s;
}

// validation.go messages, quoted verbatim (v1.32)
const DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_LABEL_ERR =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_ERR =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const QUALIFIED_NAME_ERR =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE_ERR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

const reLabel = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const reSubdomain = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const reQualified = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const reLabelValue = new RegExp(`^${LABEL_VALUE_FMT}$`);

/** RegexError(msg, fmt, examples...): "<msg> (e.g. 'a',  or 'b', regex used for validation is '<fmt>')". */
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (!examples.length) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}'`).join(",  or ")}, regex used for validation is '${fmt}')`;
}

const maxLen = (n: number) => `must be no more than ${n} characters`;

/** IsDNS1123Label */
export function dns1123Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLen(63));
  if (!reLabel.test(v)) errs.push(regexError(DNS1123_LABEL_ERR, DNS1123_LABEL_FMT, "my-name", "123-abc"));
  return errs;
}

const DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
const DNS1035_LABEL_ERR =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const reDns1035 = new RegExp(`^${DNS1035_LABEL_FMT}$`);

/** IsDNS1035Label */
export function dns1035Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLen(63));
  if (!reDns1035.test(v)) errs.push(regexError(DNS1035_LABEL_ERR, DNS1035_LABEL_FMT, "my-name", "abc-123"));
  return errs;
}

/** IsDNS1123Subdomain */
export function dns1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push(maxLen(253));
  if (!reSubdomain.test(v)) errs.push(regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, "example.com"));
  return errs;
}

/** path.IsValidPathSegmentName (ValidatePathSegmentName: RBAC object names) */
export function pathSegmentName(v: string): string[] {
  if (v === "." || v === "..") return [`may not be '${v}'`];
  const errs: string[] = [];
  for (const bad of ["/", "%"]) if (v.includes(bad)) errs.push(`may not contain '${bad}'`);
  return errs;
}

/** IsQualifiedName: label and annotation keys. */
export function qualifiedName(v: string): string[] {
  const parts = v.split("/");
  let name: string;
  const errs: string[] = [];
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) {
    const [prefix] = parts;
    name = parts[1];
    if (!prefix) errs.push("prefix part must be non-empty");
    else for (const m of dns1123Subdomain(prefix)) errs.push(`prefix part ${m}`);
  } else {
    return [
      `a qualified name ${regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (!name) errs.push("name part must be non-empty");
  else if (name.length > 63) errs.push(`name part ${maxLen(63)}`);
  if (name && !reQualified.test(name))
    errs.push(`name part ${regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")}`);
  return errs;
}

/** IsValidLabelValue */
export function labelValue(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLen(63));
  if (!reLabelValue.test(v)) errs.push(regexError(LABEL_VALUE_ERR, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
  return errs;
}

/** ValidateObjectMeta's part the request path runs for every create and update. */
export function validateObjectMeta(
  meta: Partial<ObjectMeta>,
  validateName: (name: string, prefix: boolean) => string[] = (n) => dns1123Subdomain(n),
): FieldError[] {
  const errs: FieldError[] = [];
  if (!meta.name && !meta.generateName) errs.push(required("metadata.name", "name or generateName is required"));
  if (meta.name) for (const m of validateName(meta.name, false)) errs.push(invalid("metadata.name", meta.name, m));
  for (const [k, v] of Object.entries(meta.labels ?? {})) {
    for (const m of qualifiedName(k)) errs.push(invalid("metadata.labels", k, m));
    for (const m of labelValue(String(v))) errs.push(invalid("metadata.labels", String(v), m));
  }
  let annotationBytes = 0;
  for (const [k, v] of Object.entries(meta.annotations ?? {})) {
    for (const m of qualifiedName(k.toLowerCase())) errs.push(invalid("metadata.annotations", k, m));
    annotationBytes += k.length + String(v).length;
  }
  // TotalAnnotationSizeLimitB = 256 KiB
  if (annotationBytes > 262144) errs.push(tooLong("metadata.annotations", 262144));
  return errs;
}

/** "pods" or "certificatesigningrequests.certificates.k8s.io": schema.GroupResource.String(). */
export function qualified(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

/** "v1" or "apps/v1" */
export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** Splits an apiVersion into group and version. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf("/");
  return i < 0 ? { group: "", version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** A deep copy of a JSON object (objects cross the API boundary by value). */
export function cloneObject<T>(o: T): T {
  return structuredClone(o);
}

/** Label map of an object (never undefined). */
export function labelsOf(o: KObject): Record<string, string> {
  return o.metadata.labels ?? {};
}
