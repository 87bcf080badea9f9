/**
 * Resource names and quantities as pkg/apis/core/helper/helpers.go classifies them
 * (IsStandardResourceName, IsStandardContainerResourceName, IsStandardQuotaResourceName,
 * IsNativeResource, IsExtendedResourceName, IsIntegerResourceName, IsOvercommitAllowed) and
 * the validators of pkg/apis/core/validation/validation.go that use them
 * (validateResourceName, validateContainerResourceName, ValidateResourceQuotaResourceName,
 * ValidateResourceQuantityValue, ValidateNonnegativeQuantity), plus SetDefaults_ResourceList.
 */
import { invalid, type FieldError } from "../../api/field";
import type { ResourceList } from "./core-types";
import { isQualifiedName } from "./names";
import { canonicalQuantity, cmp, fromInt, goQuantity, milliValue, parseQuantity, quantityString } from "./quantity";

const STANDARD_RESOURCES = [
  "cpu",
  "memory",
  "ephemeral-storage",
  "requests.cpu",
  "requests.memory",
  "requests.ephemeral-storage",
  "limits.cpu",
  "limits.memory",
  "limits.ephemeral-storage",
  "pods",
  "resourcequotas",
  "services",
  "replicationcontrollers",
  "secrets",
  "configmaps",
  "persistentvolumeclaims",
  "storage",
  "requests.storage",
  "services.nodeports",
  "services.loadbalancers",
];
const STANDARD_QUOTA_RESOURCES = [
  "cpu",
  "memory",
  "ephemeral-storage",
  "requests.cpu",
  "requests.memory",
  "requests.storage",
  "requests.ephemeral-storage",
  "limits.cpu",
  "limits.memory",
  "limits.ephemeral-storage",
  "pods",
  "resourcequotas",
  "services",
  "replicationcontrollers",
  "secrets",
  "persistentvolumeclaims",
  "configmaps",
  "services.nodeports",
  "services.loadbalancers",
];
const STANDARD_CONTAINER_RESOURCES = ["cpu", "memory", "ephemeral-storage"];
const INTEGER_RESOURCES = [
  "pods",
  "resourcequotas",
  "services",
  "replicationcontrollers",
  "secrets",
  "configmaps",
  "persistentvolumeclaims",
  "services.nodeports",
  "services.loadbalancers",
];

export const isHugePageResourceName = (n: string): boolean => n.startsWith("hugepages-");
/** IsQuotaHugePageResourceName: requests.hugepages-* and hugepages-* */
const isQuotaHugePage = (n: string): boolean => n.startsWith("hugepages-") || n.startsWith("requests.hugepages-");
export const isNativeResource = (n: string): boolean => !n.includes("/") || n.includes("kubernetes.io/");
export function isExtendedResourceName(n: string): boolean {
  if (isNativeResource(n) || n.startsWith("requests.")) return false;
  return isQualifiedName(`requests.${n}`).length === 0;
}
export const isStandardResourceName = (n: string): boolean => STANDARD_RESOURCES.includes(n) || isQuotaHugePage(n);
export const isStandardQuotaResourceName = (n: string): boolean => STANDARD_QUOTA_RESOURCES.includes(n) || isQuotaHugePage(n);
export const isStandardContainerResourceName = (n: string): boolean =>
  STANDARD_CONTAINER_RESOURCES.includes(n) || isHugePageResourceName(n);
export const isIntegerResourceName = (n: string): boolean => INTEGER_RESOURCES.includes(n) || isExtendedResourceName(n);
export const isOvercommitAllowed = (n: string): boolean => isNativeResource(n) && !isHugePageResourceName(n);

/** validateResourceName */
export function validateResourceName(name: string, field: string): FieldError[] {
  const errs = isQualifiedName(name).map((m) => invalid(field, name, m));
  if (errs.length) return errs;
  if (!name.includes("/") && !isStandardResourceName(name))
    return [invalid(field, name, "must be a standard resource type or fully qualified")];
  return [];
}

/** validateContainerResourceName */
export function validateContainerResourceName(name: string, field: string): FieldError[] {
  const errs = validateResourceName(name, field);
  if (!name.includes("/")) {
    if (!isStandardContainerResourceName(name)) return [...errs, invalid(field, name, "must be a standard resource for containers")];
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    return [...errs, invalid(field, name, "doesn't follow extended resource name standard")];
  }
  return errs;
}

/** ValidateResourceQuotaResourceName */
export function validateResourceQuotaResourceName(name: string, field: string): FieldError[] {
  const errs = validateResourceName(name, field);
  if (!name.includes("/") && !isStandardQuotaResourceName(name))
    return [...errs, invalid(field, name, "must be a standard resource for quota")];
  return errs;
}

/** ValidateResourceQuantityValue: non-negative, and whole for the integer resources (counts, extended resources). */
export function validateResourceQuantityValue(name: string, raw: string | number, field: string): FieldError[] {
  const q = parseQuantity(raw);
  if ("error" in q) return [];
  const errs: FieldError[] = [];
  if (cmp(q, fromInt(0)) < 0) errs.push(invalid(field, quantityString(q), "must be greater than or equal to 0"));
  if (isIntegerResourceName(name) && milliValue(q) % 1000n !== 0n) errs.push(invalid(field, goQuantity(raw), "must be an integer"));
  return errs;
}

/** SetDefaults_ResourceList: every quantity rounded up to milli, stored in canonical form. */
export function defaultResourceList(list: ResourceList | undefined): void {
  for (const k of Object.keys(list ?? {})) if (list) list[k] = canonicalQuantity(list[k], true);
}
