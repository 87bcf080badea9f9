/**
 * Field errors whose v1.32 wording differs from lib/sim/api/field.ts: apimachinery v0.32.4
 * field.TooLong says "may not be more than N bytes" (v0.31 said "must have at most N bytes"),
 * and TooMany prints the actual count. staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go.
 */
import type { FieldError } from "../../api/field";

export const tooLong = (field: string, maxLength: number): FieldError => ({
  type: "FieldValueTooLong",
  field,
  detail: maxLength >= 0 ? `may not be more than ${maxLength} bytes` : "value is too long",
});

export const tooMany = (field: string, actual: number, max: number): FieldError => ({
  type: "FieldValueTooMany",
  field,
  value: actual,
  detail: max >= 0 ? `must have at most ${max} items` : "has too many items",
});
