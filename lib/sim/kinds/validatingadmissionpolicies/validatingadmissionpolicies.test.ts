import { describe, expect, it } from "vitest";
import { DAY, NOW, messages, meta, obj, strategyContext } from "../__tests__/fixtures";
import { HAVE_KUBECTL, cells, withKubectl } from "../__tests__/kubectl-oracle";
import { makeWorld } from "../__tests__/world";
import { validatingadmissionpolicybindings, type ValidatingAdmissionPolicyBinding } from "../validatingadmissionpolicybindings";
import { validatingadmissionpolicies, type ValidatingAdmissionPolicy } from ".";

/** The documentation's replica-limit policy and its bindings. */
function policy(): ValidatingAdmissionPolicy {
  const p: ValidatingAdmissionPolicy = obj(
    "admissionregistration.k8s.io/v1",
    "ValidatingAdmissionPolicy",
    meta("replicalimit-policy.example.com", undefined, 2 * DAY),
    {
      spec: {
        paramKind: { apiVersion: "rules.example.com/v1", kind: "ReplicaLimit" },
        matchConstraints: {
          resourceRules: [{ apiGroups: ["apps"], apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ["deployments"] }],
        },
        validations: [{ expression: "object.spec.replicas <= params.maxReplicas", reason: "Invalid" }],
      },
    },
  );
  validatingadmissionpolicies.defaults?.(p);
  return p;
}
function bindings(): ValidatingAdmissionPolicyBinding[] {
  const b = (name: string, paramRef: NonNullable<ValidatingAdmissionPolicyBinding["spec"]>["paramRef"]): ValidatingAdmissionPolicyBinding =>
    obj("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicyBinding", meta(name, undefined, DAY), {
      spec: {
        policyName: "replicalimit-policy.example.com",
        validationActions: ["Deny"],
        paramRef,
        matchResources: { namespaceSelector: { matchLabels: { environment: "test" } } },
      },
    });
  const all = [
    b("replicalimit-binding-test.example.com", {
      name: "replica-limit-test.example.com",
      namespace: "default",
      parameterNotFoundAction: "Deny",
    }),
    b("replicalimit-binding-all.example.com", { selector: { matchLabels: { tier: "prod" } }, parameterNotFoundAction: "Allow" }),
  ];
  for (const x of all) validatingadmissionpolicybindings.defaults?.(x);
  return all;
}

describe("validatingadmissionpolicies and bindings", () => {
  it("are admissionregistration.k8s.io/v1, cluster-scoped, api-extensions; the policy has status", () => {
    expect(validatingadmissionpolicies.resource.subresources?.map((s) => s.name)).toEqual(["status"]);
    expect([validatingadmissionpolicybindings.resource.categories, validatingadmissionpolicybindings.resource.namespaced]).toEqual([
      ["api-extensions"],
      false,
    ]);
  });

  it("default failurePolicy and the match resources (SetDefaults_ValidatingAdmissionPolicySpec, _MatchResources, _Rule)", () => {
    const p = policy();
    expect(p.spec?.failurePolicy).toBe("Fail");
    expect(p.spec?.matchConstraints).toMatchObject({
      matchPolicy: "Equivalent",
      namespaceSelector: {},
      objectSelector: {},
      resourceRules: [{ scope: "*" }],
    });
  });

  it("validate the policy and the binding with the apiserver's messages (validateValidatingAdmissionPolicySpec, ...BindingSpec)", () => {
    const p: ValidatingAdmissionPolicy = obj("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy", meta("p", undefined, 0), {
      spec: { failurePolicy: "Retry", paramKind: { apiVersion: "v1/x/y", kind: "Config_Map" }, matchConstraints: {} },
    });
    validatingadmissionpolicies.defaults?.(p);
    expect(messages(validatingadmissionpolicies.validate?.(p, strategyContext()) ?? [])).toEqual([
      'spec.failurePolicy: Unsupported value: "Retry": supported values: "Fail", "Ignore"',
      'spec.paramKind.apiVersion: Invalid value: "v1/x/y": unexpected GroupVersion string: v1/x/y',
      "spec.paramKind.kind: Invalid value: \"Config_Map\": may have mixed case, but should otherwise match: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      "spec.matchConstraints.resourceRules: Required value",
      "spec.validations: Required value: validations or auditAnnotations must contain at least one item",
      "spec.auditAnnotations: Required value: validations or auditAnnotations must contain at least one item",
    ]);
    const [good] = bindings();
    const bad: ValidatingAdmissionPolicyBinding = {
      ...good,
      spec: { ...good.spec, policyName: "", validationActions: ["Deny", "Warn", "Deny"], paramRef: { name: "x", selector: {} } },
    };
    expect(messages(validatingadmissionpolicybindings.validate?.(bad, strategyContext()) ?? [])).toEqual([
      "spec.policyName: Required value",
      "spec.paramRef.name: Forbidden: name and selector are mutually exclusive",
      "spec.paramRef.selector: Forbidden: name and selector are mutually exclusive",
      "spec.paramRef.parameterNotFoundAction: Required value",
      'spec.validationActions[2]: Duplicate value: "Deny"',
      'spec.validationActions: Invalid value: []admissionregistration.ValidationAction{"Deny", "Warn", "Deny"}: must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)',
    ]);
  });

  it.skipIf(!HAVE_KUBECTL)("list VALIDATIONS/PARAMKIND and POLICYNAME/PARAMREF as real kubectl (printers.go)", async () => {
    const world = makeWorld([validatingadmissionpolicies, validatingadmissionpolicybindings], [policy(), ...bindings()]);
    await withKubectl(world, NOW, async (kubectl) => {
      expect(cells((await kubectl("get", "validatingadmissionpolicies")).stdout)).toEqual([
        ["NAME", "VALIDATIONS", "PARAMKIND", "AGE"],
        ["replicalimit-policy.example.com", "1", "rules.example.com/v1/ReplicaLimit", "2d"],
      ]);
      expect(cells((await kubectl("get", "validatingadmissionpolicybindings")).stdout)).toEqual([
        ["NAME", "POLICYNAME", "PARAMREF", "AGE"],
        [
          "replicalimit-binding-all.example.com",
          "replicalimit-policy.example.com",
          "&LabelSelector{MatchLabels:map[string]string{tier: prod,},MatchExpressions:[]LabelSelectorRequirement{},}",
          "24h",
        ],
        ["replicalimit-binding-test.example.com", "replicalimit-policy.example.com", "default/replica-limit-test.example.com", "24h"],
      ]);
    });
  });
});
