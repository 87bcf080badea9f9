import { describe, expect, it } from "vitest";
import { NOW, messages, strategyContext } from "../__tests__/fixtures";
import { localsubjectaccessreviews } from "../localsubjectaccessreviews";
import { selfsubjectaccessreviews } from "../selfsubjectaccessreviews";
import { selfsubjectrulesreviews } from "../selfsubjectrulesreviews";
import { subjectaccessreviews } from "../subjectaccessreviews";
import { tokenreviews } from "../tokenreviews";
import { selfsubjectreviews, type SelfSubjectReview } from ".";

const empty = (apiVersion: string, kind: string, namespace?: string) => ({
  apiVersion,
  kind,
  metadata: { name: "", uid: "", resourceVersion: "", creationTimestamp: "", ...(namespace ? { namespace } : {}) },
});

describe("review resources", () => {
  it("are create-only, and only localsubjectaccessreviews is namespaced (api/discovery/apis__authorization.k8s.io__v1.json, ...authentication...)", () => {
    const all = [
      selfsubjectreviews,
      tokenreviews,
      localsubjectaccessreviews,
      selfsubjectaccessreviews,
      selfsubjectrulesreviews,
      subjectaccessreviews,
    ];
    expect(all.map((k) => [k.resource.group, k.resource.resource, k.resource.namespaced, k.resource.verbs])).toEqual([
      ["authentication.k8s.io", "selfsubjectreviews", false, ["create"]],
      ["authentication.k8s.io", "tokenreviews", false, ["create"]],
      ["authorization.k8s.io", "localsubjectaccessreviews", true, ["create"]],
      ["authorization.k8s.io", "selfsubjectaccessreviews", false, ["create"]],
      ["authorization.k8s.io", "selfsubjectrulesreviews", false, ["create"]],
      ["authorization.k8s.io", "subjectaccessreviews", false, ["create"]],
    ]);
  });

  it("answer `kubectl auth whoami` with the requesting user (selfsubjectreview/rest.go Create)", () => {
    const r = empty("authentication.k8s.io/v1", "SelfSubjectReview") as SelfSubjectReview;
    selfsubjectreviews.strategy?.prepareForCreate?.(r, strategyContext());
    expect(r.status).toEqual({ userInfo: { username: "kubernetes-admin", groups: ["kubeadm:cluster-admins", "system:authenticated"] } });
    expect(r.metadata.creationTimestamp).toBe(new Date(NOW).toISOString().replace(".000Z", "Z"));
  });

  it("validate access reviews as validation.go does (ValidateSubjectAccessReview, ...Local..., ...Self...)", () => {
    expect(
      messages(
        subjectaccessreviews.validate?.({ ...empty("authorization.k8s.io/v1", "SubjectAccessReview"), spec: {} }, strategyContext()) ?? [],
      ),
    ).toEqual([
      "spec.resourceAttributes: Invalid value: null: exactly one of nonResourceAttributes or resourceAttributes must be specified",
      'spec.user: Invalid value: "": at least one of user or group must be specified',
    ]);
    const local = {
      ...empty("authorization.k8s.io/v1", "LocalSubjectAccessReview", "dev"),
      spec: { user: "jane", resourceAttributes: { namespace: "prod", verb: "get", resource: "pods" } },
    };
    expect(messages(localsubjectaccessreviews.validate?.(local, strategyContext()) ?? [])).toEqual([
      'spec.resourceAttributes.namespace: Invalid value: "prod": must match metadata.namespace',
    ]);
    const both = {
      ...empty("authorization.k8s.io/v1", "SelfSubjectAccessReview"),
      spec: { resourceAttributes: { verb: "get" }, nonResourceAttributes: { path: "/healthz", verb: "get" } },
    };
    expect(messages(selfsubjectaccessreviews.validate?.(both, strategyContext()) ?? [])).toEqual([
      'spec.nonResourceAttributes: Invalid value: authorization.NonResourceAttributes{Path:"/healthz", Verb:"get"}: cannot be specified in combination with resourceAttributes',
    ]);
  });
});
