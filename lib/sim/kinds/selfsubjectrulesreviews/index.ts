/**
 * authorization.k8s.io/v1 selfsubjectrulesreviews (create only; `kubectl auth can-i --list`).
 * No validation upstream (ValidateSelfSubjectRulesReview returns nothing); the rules are the
 * authorizer's, listed for spec.namespace.
 */
import type { KindDef } from "../types";
import type { Typed } from "../_shared/core-types";
import { reviewResource } from "../_shared/reviews";

export type SelfSubjectRulesReview = Typed<{
  spec?: { namespace?: string };
  status?: {
    resourceRules?: { verbs?: string[]; apiGroups?: string[]; resources?: string[]; resourceNames?: string[] }[];
    nonResourceRules?: { verbs?: string[]; nonResourceURLs?: string[] }[];
    incomplete?: boolean;
    evaluationError?: string;
  };
}>;

export const selfsubjectrulesreviews: KindDef<SelfSubjectRulesReview> = {
  resource: reviewResource("authorization.k8s.io/v1", "SelfSubjectRulesReview", "selfsubjectrulesreviews"),
  validateName: () => [],
};
