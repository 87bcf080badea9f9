/**
 * authorization.k8s.io/v1 selfsubjectaccessreviews (create only; `kubectl auth can-i`).
 * Validation: validation.go ValidateSelfSubjectAccessReview (exactly one kind of attributes,
 * empty metadata). The answer is the authorizer's, for the requesting user.
 */
import { invalid } from "../../api/field";
import type { KindDef } from "../types";
import type { Typed } from "../_shared/core-types";
import {
  type NonResourceAttributes,
  type ResourceAttributes,
  goObjectMeta,
  metadataIsEmpty,
  reviewResource,
  validateAttributes,
} from "../_shared/reviews";

export type SelfSubjectAccessReview = Typed<{
  spec?: { resourceAttributes?: ResourceAttributes; nonResourceAttributes?: NonResourceAttributes };
  status?: { allowed?: boolean; denied?: boolean; reason?: string; evaluationError?: string };
}>;

export const selfsubjectaccessreviews: KindDef<SelfSubjectAccessReview> = {
  resource: reviewResource("authorization.k8s.io/v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews"),
  validateName: () => [],
  validate(r) {
    const errs = validateAttributes(r.spec ?? {});
    if (!metadataIsEmpty(r, false)) errs.push(invalid("metadata", goObjectMeta(r), "must be empty"));
    return errs;
  },
};
