/**
 * admissionregistration.k8s.io/v1 validatingwebhookconfigurations (cluster-scoped, category
 * api-extensions; pkg/registry/admissionregistration/validatingwebhookconfiguration). Defaults,
 * validation and the WEBHOOKS table (printers.go printValidatingWebhook): ../_shared/webhooks.ts.
 * No describer.
 */
import { webhookConfigurationKind } from "../_shared/webhooks";

export type { WebhookConfiguration } from "../_shared/webhooks";

export const validatingwebhookconfigurations = webhookConfigurationKind(
  "ValidatingWebhookConfiguration",
  "validatingwebhookconfigurations",
  false,
);
