/**
 * Mutating and validating webhook configurations (admissionregistration.k8s.io/v1): the v1
 * defaults (SetDefaults_ValidatingWebhook / _MutatingWebhook: failurePolicy Fail, matchPolicy
 * Equivalent, empty selectors, timeoutSeconds 10, reinvocationPolicy Never) and
 * validation.go validate{Validating,Mutating}WebhookConfiguration, their WEBHOOKS table and the
 * webhook count the printers show.
 */
import { duplicate, invalid, notSupported, required, type FieldError } from "../../api/field";
import type { KindDef } from "../types";
import type { LabelSelector, Typed } from "./core-types";
import {
  type MatchCondition,
  type RuleWithOperations,
  type WebhookClientConfig,
  defaultClientConfig,
  defaultRule,
  FAILURE_POLICIES,
  MATCH_POLICIES,
  validateClientConfig,
  validateMatchConditions,
  validateRuleWithOperations,
} from "./admission";
import { resourceInfo } from "./discovery";
import { validateLabelSelector } from "./labels";
import { isDNS1035Label, isDNS1123Subdomain } from "./names";
import { ageCell, ageColumn, column, nameColumn } from "./table";

export interface Webhook {
  name?: string;
  clientConfig?: WebhookClientConfig;
  rules?: RuleWithOperations[];
  failurePolicy?: string;
  matchPolicy?: string;
  namespaceSelector?: LabelSelector;
  objectSelector?: LabelSelector;
  sideEffects?: string;
  timeoutSeconds?: number;
  admissionReviewVersions?: string[];
  reinvocationPolicy?: string;
  matchConditions?: MatchCondition[];
}
export type WebhookConfiguration = Typed<{ webhooks?: Webhook[] }>;

const NO_SIDE_EFFECTS = ["None", "NoneOnDryRun"];
const ACCEPTED_REVIEW_VERSIONS = ["v1", "v1beta1"];

/** IsFullyQualifiedName */
function fullyQualifiedName(name: string, p: string): FieldError[] {
  if (!name) return [required(p)];
  const e = isDNS1123Subdomain(name);
  if (e.length) return [invalid(p, name, e.join(","))];
  if (name.split(".").length < 3) return [invalid(p, name, "should be a domain with at least three segments separated by dots")];
  return [];
}

function validateReviewVersions(versions: string[] | undefined, p: string): FieldError[] {
  const v = versions ?? [];
  if (!v.length) return [required(p, `must specify one of ${ACCEPTED_REVIEW_VERSIONS.join(", ")}`)];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  v.forEach((x, i) => {
    if (seen.has(x)) {
      errs.push(invalid(`${p}[${i}]`, x, "duplicate version"));
      return;
    }
    seen.add(x);
    errs.push(...isDNS1035Label(x).map((m) => invalid(`${p}[${i}]`, x, m)));
  });
  if (!v.some((x) => ACCEPTED_REVIEW_VERSIONS.includes(x)))
    errs.push(
      invalid(
        p,
        { go: `[]string{${v.map((x) => `"${x}"`).join(", ")}}` },
        `must include at least one of ${ACCEPTED_REVIEW_VERSIONS.join(", ")}`,
      ),
    );
  return errs;
}

function validateWebhook(h: Webhook, p: string, mutating: boolean): FieldError[] {
  const errs = fullyQualifiedName(h.name ?? "", `${p}.name`);
  (h.rules ?? []).forEach((r, i) => errs.push(...validateRuleWithOperations(r, `${p}.rules[${i}]`)));
  if (h.failurePolicy !== undefined && !FAILURE_POLICIES.includes(h.failurePolicy))
    errs.push(notSupported(`${p}.failurePolicy`, h.failurePolicy, FAILURE_POLICIES));
  if (h.matchPolicy !== undefined && !MATCH_POLICIES.includes(h.matchPolicy))
    errs.push(notSupported(`${p}.matchPolicy`, h.matchPolicy, MATCH_POLICIES));
  if (h.sideEffects === undefined) errs.push(required(`${p}.sideEffects`, `must specify one of ${NO_SIDE_EFFECTS.join(", ")}`));
  else if (!NO_SIDE_EFFECTS.includes(h.sideEffects)) errs.push(notSupported(`${p}.sideEffects`, h.sideEffects, NO_SIDE_EFFECTS));
  const t = h.timeoutSeconds;
  if (t !== undefined && (t > 30 || t < 1))
    errs.push(invalid(`${p}.timeoutSeconds`, t, "the timeout value must be between 1 and 30 seconds"));
  if (h.namespaceSelector) errs.push(...validateLabelSelector(h.namespaceSelector, `${p}.namespaceSelector`));
  if (h.objectSelector) errs.push(...validateLabelSelector(h.objectSelector, `${p}.objectSelector`));
  if (mutating && h.reinvocationPolicy !== undefined && !["IfNeeded", "Never"].includes(h.reinvocationPolicy))
    errs.push(notSupported(`${p}.reinvocationPolicy`, h.reinvocationPolicy, ["IfNeeded", "Never"]));
  errs.push(...validateClientConfig(h.clientConfig, `${p}.clientConfig`));
  return errs.concat(validateMatchConditions(h.matchConditions, `${p}.matchConditions`));
}

function validateConfiguration(c: WebhookConfiguration, mutating: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (c.webhooks ?? []).forEach((h, i) => {
    const p = `webhooks[${i}]`;
    errs.push(...validateWebhook(h, p, mutating), ...validateReviewVersions(h.admissionReviewVersions, `${p}.admissionReviewVersions`));
    if (h.name) {
      if (names.has(h.name)) errs.push(duplicate(`${p}.name`, h.name));
      else names.add(h.name);
    }
  });
  return errs;
}

/** The KindDef both configuration kinds share; `mutating` adds reinvocationPolicy. */
export function webhookConfigurationKind(kind: string, resource: string, mutating: boolean): KindDef<WebhookConfiguration> {
  return {
    resource: resourceInfo("admissionregistration.k8s.io/v1", kind, resource, false, { categories: ["api-extensions"] }),
    defaults(c) {
      for (const h of c.webhooks ?? []) {
        h.failurePolicy ??= "Fail";
        h.matchPolicy ??= "Equivalent";
        h.namespaceSelector ??= {};
        h.objectSelector ??= {};
        h.timeoutSeconds ??= 10;
        if (mutating) h.reinvocationPolicy ??= "Never";
        for (const r of h.rules ?? []) defaultRule(r);
        defaultClientConfig(h.clientConfig);
      }
    },
    validate: (c) => validateConfiguration(c, mutating),
    validateUpdate: (c) => validateConfiguration(c, mutating),
    strategy: { tracksGeneration: true },
    table: {
      columns: [
        nameColumn(),
        column("Webhooks", "integer", "Webhooks indicates the number of webhooks registered in this configuration"),
        ageColumn(),
      ],
      rows: (c, { now }) => [[c.metadata.name, (c.webhooks ?? []).length, ageCell(c, now)]],
    },
  };
}
