/**
 * authorization.k8s.io/v1 localsubjectaccessreviews (namespaced, create only).
 * Validation: validation.go ValidateLocalSubjectAccessReview (the SubjectAccessReview spec
 * rules, metadata empty but for the namespace, resourceAttributes.namespace equal to it, no
 * non-resource attributes).
 */
import { invalid } from "../../api/field";
import type { KindDef } from "../types";
import { goNonResource, goObjectMeta, metadataIsEmpty, reviewResource } from "../_shared/reviews";
import { type SubjectAccessReview, validateSubjectSpec } from "../subjectaccessreviews";

export const localsubjectaccessreviews: KindDef<SubjectAccessReview> = {
  resource: reviewResource("authorization.k8s.io/v1", "LocalSubjectAccessReview", "localsubjectaccessreviews", true),
  validateName: () => [],
  validate(r) {
    const spec = r.spec ?? {};
    const errs = validateSubjectSpec(spec);
    if (!metadataIsEmpty(r, true)) errs.push(invalid("metadata", goObjectMeta(r), "must be empty except for namespace"));
    if (spec.resourceAttributes && (spec.resourceAttributes.namespace ?? "") !== (r.metadata.namespace ?? "")) {
      errs.push(invalid("spec.resourceAttributes.namespace", spec.resourceAttributes.namespace ?? "", "must match metadata.namespace"));
    }
    if (spec.nonResourceAttributes)
      errs.push(invalid("spec.nonResourceAttributes", goNonResource(spec.nonResourceAttributes), "disallowed on this kind of request"));
    return errs;
  },
};
