import { describe, expect, it } from "vitest";
import { DAY, NOW, messages, meta, obj, strategyContext } from "../__tests__/fixtures";
import { HAVE_KUBECTL, cells, withKubectl } from "../__tests__/kubectl-oracle";
import { describeContext, makeWorld } from "../__tests__/world";
import { genericDescribe } from "../_shared/generic-describe";
import { mutatingwebhookconfigurations } from "../mutatingwebhookconfigurations";
import { validatingwebhookconfigurations, type WebhookConfiguration } from ".";

/** A policy engine's validating webhook, as its Helm chart installs it. */
function policyWebhook(): WebhookConfiguration {
  const c: WebhookConfiguration = obj(
    "admissionregistration.k8s.io/v1",
    "ValidatingWebhookConfiguration",
    meta("policy-validating", undefined, 6 * DAY),
    {
      webhooks: [
        {
          name: "validate.policy.example.com",
          clientConfig: {
            service: { namespace: "policy-system", name: "policy-webhook", path: "/validate" },
            caBundle: "LS0tLS1CRUdJTi==",
          },
          rules: [{ operations: ["CREATE", "UPDATE"], apiGroups: ["apps"], apiVersions: ["v1"], resources: ["deployments"] }],
          sideEffects: "None",
          admissionReviewVersions: ["v1"],
        },
      ],
    },
  );
  validatingwebhookconfigurations.defaults?.(c);
  return c;
}

describe("webhook configurations", () => {
  it("are cluster-scoped admissionregistration.k8s.io/v1 resources in the api-extensions category", () => {
    for (const k of [validatingwebhookconfigurations, mutatingwebhookconfigurations]) {
      expect([k.resource.group, k.resource.namespaced, k.resource.categories]).toEqual([
        "admissionregistration.k8s.io",
        false,
        ["api-extensions"],
      ]);
    }
    expect(mutatingwebhookconfigurations.resource.kind).toBe("MutatingWebhookConfiguration");
  });

  it("default failurePolicy, matchPolicy, selectors, timeout, rule scope and service port (SetDefaults_ValidatingWebhook, _MutatingWebhook)", () => {
    const [h] = policyWebhook().webhooks ?? [];
    expect([
      h.failurePolicy,
      h.matchPolicy,
      h.namespaceSelector,
      h.objectSelector,
      h.timeoutSeconds,
      h.rules?.[0].scope,
      h.clientConfig?.service?.port,
    ]).toEqual(["Fail", "Equivalent", {}, {}, 10, "*", 443]);
    const m: WebhookConfiguration = { ...policyWebhook(), kind: "MutatingWebhookConfiguration", webhooks: [{ name: "a.b.c" }] };
    mutatingwebhookconfigurations.defaults?.(m);
    expect(m.webhooks?.[0].reinvocationPolicy).toBe("Never");
  });

  it("validate names, side effects, review versions, timeouts and the client config (validateValidatingWebhook)", () => {
    const c: WebhookConfiguration = obj("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", meta("x", undefined, 0), {
      webhooks: [
        {
          name: "validate",
          clientConfig: { url: "http://hooks.example.com/v?x=1" },
          sideEffects: "Some",
          timeoutSeconds: 45,
          admissionReviewVersions: ["v2"],
          rules: [{ operations: ["PATCH"], apiGroups: ["*", "apps"], apiVersions: ["v1"], resources: ["pods"] }],
        },
        { name: "dup.example.com", clientConfig: {}, admissionReviewVersions: [] },
        {
          name: "dup.example.com",
          clientConfig: { service: { namespace: "", name: "svc", port: 0 } },
          sideEffects: "None",
          admissionReviewVersions: ["v1"],
        },
      ],
    });
    validatingwebhookconfigurations.defaults?.(c);
    expect(messages(validatingwebhookconfigurations.validate?.(c, strategyContext()) ?? [])).toEqual([
      'webhooks[0].name: Invalid value: "validate": should be a domain with at least three segments separated by dots',
      'webhooks[0].rules[0].operations[0]: Unsupported value: "PATCH": supported values: "*", "CONNECT", "CREATE", "DELETE", "UPDATE"',
      'webhooks[0].rules[0].apiGroups: Invalid value: []string{"*", "apps"}: if \'*\' is present, must not specify other API groups',
      'webhooks[0].sideEffects: Unsupported value: "Some": supported values: "None", "NoneOnDryRun"',
      "webhooks[0].timeoutSeconds: Invalid value: 45: the timeout value must be between 1 and 30 seconds",
      "webhooks[0].clientConfig.url: Invalid value: \"http\": 'https' is the only allowed URL scheme; desired format: https://host[/path]",
      'webhooks[0].clientConfig.url: Invalid value: "x=1": query parameters are not permitted in the URL',
      'webhooks[0].admissionReviewVersions: Invalid value: []string{"v2"}: must include at least one of v1, v1beta1',
      "webhooks[1].sideEffects: Required value: must specify one of None, NoneOnDryRun",
      "webhooks[1].clientConfig: Required value: exactly one of url or service is required",
      "webhooks[1].admissionReviewVersions: Required value: must specify one of v1, v1beta1",
      "webhooks[2].clientConfig.service.namespace: Required value: service namespace is required",
      "webhooks[2].clientConfig.service.port: Invalid value: 0: port is not valid: must be between 1 and 65535, inclusive",
      'webhooks[2].name: Duplicate value: "dup.example.com"',
    ]);
  });

  it.skipIf(!HAVE_KUBECTL)("list WEBHOOKS (printers.go printValidatingWebhook) and describe generically, as real kubectl", async () => {
    const c = policyWebhook();
    expect(validatingwebhookconfigurations.table?.rows(c, { now: NOW })).toEqual([["policy-validating", 1, "6d"]]);
    const world = makeWorld([validatingwebhookconfigurations], [c]);
    await withKubectl(world, NOW, async (kubectl) => {
      expect(cells((await kubectl("get", "validatingwebhookconfigurations")).stdout)).toEqual([
        ["NAME", "WEBHOOKS", "AGE"],
        ["policy-validating", "1", "6d"],
      ]);
      const real = await kubectl("describe", "validatingwebhookconfiguration", "policy-validating");
      expect(real.stderr).toBe("");
      expect(genericDescribe(c, describeContext(world, NOW))).toBe(real.stdout);
    });
  });
});
