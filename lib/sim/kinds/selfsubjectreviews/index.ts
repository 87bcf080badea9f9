/**
 * authentication.k8s.io/v1 selfsubjectreviews (create only; `kubectl auth whoami`).
 * pkg/registry/authentication/selfsubjectreview/rest.go Create: the answer carries the
 * requesting user's info and a creation timestamp; nothing is stored.
 */
import type { KindDef } from "../types";
import type { Typed } from "../_shared/core-types";
import { reviewResource } from "../_shared/reviews";

export type SelfSubjectReview = Typed<{
  status?: { userInfo?: { username?: string; uid?: string; groups?: string[]; extra?: Record<string, string[]> } };
}>;

export const selfsubjectreviews: KindDef<SelfSubjectReview> = {
  resource: reviewResource("authentication.k8s.io/v1", "SelfSubjectReview", "selfsubjectreviews"),
  // the name is never checked: the object is not stored
  validateName: () => [],
  strategy: {
    prepareForCreate(r, ctx) {
      const u = ctx.user;
      r.metadata = { ...r.metadata, creationTimestamp: new Date(Math.floor(ctx.now / 1000) * 1000).toISOString().replace(".000Z", "Z") };
      r.status = {
        userInfo: {
          username: u.username,
          ...(u.uid ? { uid: u.uid } : {}),
          groups: [...u.groups],
          ...(u.extra && Object.keys(u.extra).length ? { extra: u.extra } : {}),
        },
      };
    },
  },
};
