/**
 * Object metadata as the apiserver keeps it: RFC 3339 timestamps, RFC 4122 v4 uids from the
 * cluster's PRNG, and the name and label validation of
 * staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go and
 * staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go (v1.32).
 */
import { type FieldError, invalid, required, tooLong } from "./field";
import type { GroupResource, KObject, ObjectMeta } from "./types";
import { isQualifiedName, isValidLabelValue, nameIsDNSSubdomain, type NameValidator } from "../kinds/_shared/names";

/** metav1.ObjectMeta's fields in struct order (staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go). */
export const META_ORDER = [
  "name",
  "generateName",
  "namespace",
  "selfLink",
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "labels",
  "annotations",
  "ownerReferences",
  "finalizers",
  "managedFields",
];

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

/** ValidateObjectMeta's part the request path runs for every create and update. */
export function validateObjectMeta(meta: Partial<ObjectMeta>, validateName: NameValidator = nameIsDNSSubdomain): FieldError[] {
  const errs: FieldError[] = [];
  if (!meta.name && !meta.generateName) errs.push(required("metadata.name", "name or generateName is required"));
  if (meta.name) for (const m of validateName(meta.name, false)) errs.push(invalid("metadata.name", meta.name, m));
  for (const [k, v] of Object.entries(meta.labels ?? {})) {
    for (const m of isQualifiedName(k)) errs.push(invalid("metadata.labels", k, m));
    for (const m of isValidLabelValue(String(v))) errs.push(invalid("metadata.labels", String(v), m));
  }
  let annotationBytes = 0;
  for (const [k, v] of Object.entries(meta.annotations ?? {})) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid("metadata.annotations", k, m));
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
