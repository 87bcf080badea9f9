/**
 * authorization.k8s.io/v1 subjectaccessreviews (create only).
 * Validation: pkg/apis/authorization/validation/validation.go ValidateSubjectAccessReview
 * (exactly one of resource/non-resource attributes, a user or a group, empty metadata).
 * The decision (status.allowed, reason) is the authorizer's, in the request path.
 */
import { invalid, type FieldError } from "../../api/field";
import type { KindDef } from "../types";
import type { Typed } from "../_shared/core-types";
import { type AccessReviewSpec, goObjectMeta, metadataIsEmpty, reviewResource, validateAttributes } from "../_shared/reviews";

export type SubjectAccessReview = Typed<{
  spec?: AccessReviewSpec;
  status?: { allowed?: boolean; denied?: boolean; reason?: string; evaluationError?: string };
}>;

export function validateSubjectSpec(spec: AccessReviewSpec): FieldError[] {
  const errs = validateAttributes(spec);
  if (!spec.user && !spec.groups?.length)
    errs.push(invalid("spec.user", spec.user ?? "", "at least one of user or group must be specified"));
  return errs;
}

export const subjectaccessreviews: KindDef<SubjectAccessReview> = {
  resource: reviewResource("authorization.k8s.io/v1", "SubjectAccessReview", "subjectaccessreviews"),
  validateName: () => [],
  validate(r) {
    const errs = validateSubjectSpec(r.spec ?? {});
    if (!metadataIsEmpty(r, false)) errs.push(invalid("metadata", goObjectMeta(r), "must be empty"));
    return errs;
  },
};
