/**
 * Field validation errors as the apiserver builds and words them
 * (kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go,
 * and apierrors.NewInvalid in staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go).
 * Validators return FieldError values; the request path turns a non-empty list into a 422
 * Status whose message reads `Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0`.
 */
import type { Status } from "./types";

export type FieldErrorType =
  | "FieldValueNotFound"
  | "FieldValueRequired"
  | "FieldValueDuplicate"
  | "FieldValueInvalid"
  | "FieldValueNotSupported"
  | "FieldValueForbidden"
  | "FieldValueTooLong"
  | "FieldValueTooMany"
  | "InternalError"
  | "FieldValueTypeInvalid";

/**
 * One validation error. `value` is the offending value as Go's fmt prints it: strings are
 * %q-quoted, numbers and booleans plain, null as "null"; maps, slices and structs are printed
 * with %#v, so pass them pre-rendered (goMap(), goSlice(), or { go: "..." }). `{ omit: true }`
 * prints the error type only.
 */
export interface FieldError {
  type: FieldErrorType;
  /** the field path, e.g. "spec.template.spec.containers[0].image" or "metadata.labels" */
  field: string;
  value?: string | number | boolean | null | { go: string } | { omit: true };
  detail?: string;
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueNotFound: "Not found",
  FieldValueRequired: "Required value",
  FieldValueDuplicate: "Duplicate value",
  FieldValueInvalid: "Invalid value",
  FieldValueNotSupported: "Unsupported value",
  FieldValueForbidden: "Forbidden",
  FieldValueTooLong: "Too long",
  FieldValueTooMany: "Too many",
  InternalError: "Internal error",
  FieldValueTypeInvalid: "Invalid value",
};

/** Go's strconv.Quote for the characters a Kubernetes value can hold. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\x07") out += "\\a";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (ch === "\v") out += "\\v";
    else if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else if (c >= 0x80 && c < 0xa0) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out + '"';
}

/** %#v of a map[string]string: keys sorted, as fmt prints maps. */
export function goMap(m: Record<string, string> | undefined): { go: string } {
  const keys = Object.keys(m ?? {}).sort();
  if (!m) return { go: "map[string]string(nil)" };
  return { go: `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(m[k])}`).join(", ")}}` };
}

/** %#v of a []string. */
export function goSlice(a: string[] | undefined): { go: string } {
  if (!a) return { go: "[]string(nil)" };
  return { go: `[]string{${a.map(goQuote).join(", ")}}` };
}

// Builders, named as in field/errors.go.
export const required = (field: string, detail = ""): FieldError => ({ type: "FieldValueRequired", field, value: "", detail });
export const invalid = (field: string, value: FieldError["value"], detail = ""): FieldError => ({
  type: "FieldValueInvalid",
  field,
  value,
  detail,
});
export const duplicate = (field: string, value: FieldError["value"]): FieldError => ({ type: "FieldValueDuplicate", field, value });
export const notFound = (field: string, value: FieldError["value"]): FieldError => ({ type: "FieldValueNotFound", field, value });
export const forbidden = (field: string, detail: string): FieldError => ({ type: "FieldValueForbidden", field, value: "", detail });
export const tooLong = (field: string, maxLength: number): FieldError => ({
  type: "FieldValueTooLong",
  field,
  detail: `must have at most ${maxLength} bytes`,
});
export const notSupported = (field: string, value: FieldError["value"], valid: string[]): FieldError => ({
  type: "FieldValueNotSupported",
  field,
  value,
  detail: valid.length ? `supported values: ${valid.map(goQuote).join(", ")}` : "",
});

/** Error.ErrorBody(): the message without the field name. */
export function errorBody(e: FieldError): string {
  let s = TYPE_TEXT[e.type];
  const typeOnly =
    e.type === "FieldValueRequired" || e.type === "FieldValueForbidden" || e.type === "FieldValueTooLong" || e.type === "InternalError";
  const v = e.value;
  if (!typeOnly && !(typeof v === "object" && v !== null && "omit" in v)) {
    if (v === undefined || v === null) s += ": null";
    else if (typeof v === "string") s += `: ${goQuote(v)}`;
    else if (typeof v === "number" || typeof v === "boolean") s += `: ${String(v)}`;
    else s += `: ${v.go}`;
  }
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** Error.Error(): "field: body". */
export function errorString(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

/** utilerrors.NewAggregate(...).Error(): one message as is, several deduplicated inside "[...]". */
export function aggregate(messages: string[]): string {
  const seen: string[] = [];
  for (const m of messages) if (!seen.includes(m)) seen.push(m);
  if (seen.length === 1) return seen[0];
  return `[${seen.join(", ")}]`;
}

/**
 * apierrors.NewInvalid: 422 with one cause per error. `kind` is the qualified kind as
 * schema.GroupKind.String() prints it: "Pod", "Deployment.apps".
 */
export function invalidStatus(group: string, kind: string, name: string, errs: FieldError[]): Status {
  const qualified = group ? `${kind}.${group}` : kind;
  const message = errs.length
    ? `${qualified} ${goQuote(name)} is invalid: ${aggregate(errs.map(errorString))}`
    : `${qualified} ${goQuote(name)} is invalid`;
  return {
    apiVersion: "v1",
    kind: "Status",
    metadata: {},
    status: "Failure",
    message,
    reason: "Invalid",
    details: {
      name,
      ...(group ? { group } : {}),
      kind,
      causes: errs.map((e) => ({ reason: e.type, message: errorBody(e), field: e.field })),
    },
    code: 422,
  };
}
