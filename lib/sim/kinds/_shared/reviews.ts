/**
 * The create-only review resources of authentication.k8s.io/v1 and authorization.k8s.io/v1:
 * their discovery entries (verbs "create" only; api/discovery/apis__authentication.k8s.io__v1.json,
 * apis__authorization.k8s.io__v1.json) and pkg/apis/authorization/validation/validation.go.
 * They are never stored: the REST handlers answer in status (the authorizer and authenticator
 * are the request path's).
 */
import { invalid, type FieldError } from "../../api/field";
import type { KObject } from "../../api/types";
import type { ResourceInfo } from "../types";
import { resourceInfo } from "./discovery";

export interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}
export interface NonResourceAttributes {
  path?: string;
  verb?: string;
}
export interface AccessReviewSpec {
  resourceAttributes?: ResourceAttributes;
  nonResourceAttributes?: NonResourceAttributes;
  user?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
  uid?: string;
}

export const reviewResource = (apiVersion: string, kind: string, resource: string, namespaced = false): ResourceInfo =>
  resourceInfo(apiVersion, kind, resource, namespaced, { verbs: ["create"] });

/** %#v of a *NonResourceAttributes (field.Invalid dereferences the pointer). */
export const goNonResource = (n: NonResourceAttributes | undefined): { go: string } | null =>
  n ? { go: `authorization.NonResourceAttributes{Path:"${n.path ?? ""}", Verb:"${n.verb ?? ""}"}` } : null;

/** The spec checks SubjectAccessReview, LocalSubjectAccessReview and SelfSubjectAccessReview share. */
export function validateAttributes(spec: AccessReviewSpec): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.resourceAttributes && spec.nonResourceAttributes)
    errs.push(
      invalid(
        "spec.nonResourceAttributes",
        goNonResource(spec.nonResourceAttributes),
        "cannot be specified in combination with resourceAttributes",
      ),
    );
  if (!spec.resourceAttributes && !spec.nonResourceAttributes)
    errs.push(invalid("spec.resourceAttributes", null, "exactly one of nonResourceAttributes or resourceAttributes must be specified"));
  return errs;
}

/** Fields the request path may have filled in before validation; the rest of ObjectMeta is the user's. */
const SYSTEM_FIELDS = ["uid", "resourceVersion", "creationTimestamp", "generation", "managedFields"];

/** ObjectMeta a review may carry: nothing a user sets (name, labels, annotations...), apart from `allowNamespace`. */
export function metadataIsEmpty(obj: KObject, allowNamespace: boolean): boolean {
  const m = obj.metadata as unknown as Record<string, unknown>;
  return Object.entries(m).every(
    ([k, v]) => v === undefined || v === "" || v === null || SYSTEM_FIELDS.includes(k) || (allowNamespace && k === "namespace"),
  );
}

/** An approximate %#v of the offending ObjectMeta (Go prints every field of the struct). */
export const goObjectMeta = (obj: KObject): { go: string } => ({
  go: `v1.ObjectMeta{Name:"${obj.metadata.name ?? ""}", GenerateName:"", Namespace:"${obj.metadata.namespace ?? ""}", ...}`,
});
