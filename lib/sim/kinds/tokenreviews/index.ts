/**
 * authentication.k8s.io/v1 tokenreviews (create only; pkg/registry/authentication/tokenreview).
 * The REST handler rejects an empty token with a 400 ("token is required for TokenReview in
 * authentication") and answers through the authenticator: both are the request path's.
 */
import type { KindDef } from "../types";
import type { Typed } from "../_shared/core-types";
import { reviewResource } from "../_shared/reviews";

export type TokenReview = Typed<{
  spec?: { token?: string; audiences?: string[] };
  status?: { authenticated?: boolean; user?: { username?: string; uid?: string; groups?: string[] }; audiences?: string[]; error?: string };
}>;

export const tokenreviews: KindDef<TokenReview> = {
  resource: reviewResource("authentication.k8s.io/v1", "TokenReview", "tokenreviews"),
  validateName: () => [],
};
