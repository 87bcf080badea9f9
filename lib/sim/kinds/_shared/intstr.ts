/**
 * intstr.IntOrString (staging/src/k8s.io/apimachinery/pkg/util/intstr/intstr.go) and the
 * int-or-percent checks of pkg/apis/apps/validation/validation.go (ValidatePositiveIntOrPercent,
 * getIntOrPercentValue, IsNotMoreThan100Percent) with their messages.
 */
import { invalid, goQuote, type FieldError } from "../../api/field";
import type { IntOrString } from "./core-types";
import { isValidPercent } from "./names";

/** IntOrString.String(): the number in decimal or the string as is. */
export const intOrStringString = (v: IntOrString | undefined): string => (v === undefined ? "" : String(v));

/** %#v of an intstr.IntOrString value, as field.Invalid prints it. */
export function goIntOrString(v: IntOrString | undefined): { go: string } {
  if (typeof v === "string") return { go: `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}` };
  return { go: `intstr.IntOrString{Type:0, IntVal:${v ?? 0}, StrVal:""}` };
}

function percentValue(v: IntOrString | undefined): number | undefined {
  if (typeof v !== "string" || isValidPercent(v).length) return undefined;
  return Number(v.slice(0, -1));
}

/** getIntOrPercentValue: the percentage's number, an int's value; an invalid string counts as 0 (IntValue of a string). */
export function intOrPercentValue(v: IntOrString | undefined): number {
  const p = percentValue(v);
  if (p !== undefined) return p;
  if (typeof v === "number") return v;
  const n = /^-?\d+$/.test(v ?? "") ? Number(v) : 0;
  return n;
}

export function validatePositiveIntOrPercent(v: IntOrString | undefined, field: string): FieldError[] {
  if (typeof v === "string") return isValidPercent(v).map((m) => invalid(field, goIntOrString(v), m));
  return (v ?? 0) < 0 ? [invalid(field, v ?? 0, "must be greater than or equal to 0")] : [];
}

export function isNotMoreThan100Percent(v: IntOrString | undefined, field: string): FieldError[] {
  const p = percentValue(v);
  return p === undefined || p <= 100 ? [] : [invalid(field, goIntOrString(v), "must not be greater than 100%")];
}
