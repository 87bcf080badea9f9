/**
 * admissionregistration.k8s.io/v1 mutatingwebhookconfigurations (cluster-scoped, category
 * api-extensions; pkg/registry/admissionregistration/mutatingwebhookconfiguration, discovery
 * api/discovery/apis__admissionregistration.k8s.io__v1.json). Defaults, validation and the
 * WEBHOOKS table (printers.go printMutatingWebhook): ../_shared/webhooks.ts. No describer.
 */
import { webhookConfigurationKind } from "../_shared/webhooks";

export type { WebhookConfiguration } from "../_shared/webhooks";

export const mutatingwebhookconfigurations = webhookConfigurationKind(
  "MutatingWebhookConfiguration",
  "mutatingwebhookconfigurations",
  true,
);
