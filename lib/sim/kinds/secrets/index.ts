/**
 * core/v1 Secret. stringData folds into data (the v1 conversion), type defaults to Opaque,
 * data keys are validated as config keys (ValidateSecret); printers.go printSecret; describe.go describeSecret.
 */
import { type FieldError, invalid, required } from "../../api/field";
import { AGE_COLUMN, NAME_COLUMN, column } from "../../api/table";
import type { KObject } from "../../api/types";
import { DescribeWriter } from "../../printers/describe-util";
import { ageOf } from "../../printers/duration";
import type { KindDef } from "../types";

export interface Secret extends KObject {
  type?: string;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  immutable?: boolean;
}

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const CONFIG_KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

function validateSecret(s: Secret): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(s.data ?? {})) {
    if (!CONFIG_KEY.test(k)) errs.push(invalid(`data[${k}]`, k, CONFIG_KEY_MSG));
    total += Buffer.from(v, "base64").length;
  }
  if (total > 1024 * 1024) errs.push({ type: "FieldValueTooLong", field: "data", detail: `must have at most ${1024 * 1024} bytes` });
  if (s.type === "kubernetes.io/service-account-token" && !s.metadata.annotations?.["kubernetes.io/service-account.name"]) {
    errs.push(required("metadata.annotations[kubernetes.io/service-account.name]"));
  }
  return errs;
}

function describeSecret(s: Secret): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${s.metadata.name}\n`);
  w.write(0, `Namespace:\t${s.metadata.namespace}\n`);
  w.map("Labels", s.metadata.labels, "=");
  w.map("Annotations", s.metadata.annotations, ": ");
  w.write(0, `\nType:\t${s.type ?? ""}\n`);
  w.write(0, "\nData\n====\n");
  // describe.go ranges over a Go map (random order); sorted here so output is stable
  for (const k of Object.keys(s.data ?? {}).sort()) {
    const bytes = Buffer.from((s.data ?? {})[k], "base64");
    if (k === "token" && s.type === "kubernetes.io/service-account-token") w.write(0, `${k}:\t${bytes.toString("utf8")}\n`);
    else w.write(0, `${k}:\t${bytes.length} bytes\n`);
  }
  return w.toString();
}

export const secrets: KindDef<Secret> = {
  resource: {
    group: "",
    version: "v1",
    kind: "Secret",
    resource: "secrets",
    singular: "secret",
    shortNames: [],
    namespaced: true,
    verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
  },
  defaults(s) {
    s.type ??= "Opaque";
    if (s.stringData) {
      s.data = { ...(s.data ?? {}) };
      for (const [k, v] of Object.entries(s.stringData)) s.data[k] = Buffer.from(String(v), "utf8").toString("base64");
      delete s.stringData;
    }
  },
  validate: validateSecret,
  validateUpdate: (s, old) => {
    const errs = validateSecret(s);
    if ((s.type ?? "Opaque") !== (old.type ?? "Opaque")) errs.push(invalid("type", s.type ?? "", "field is immutable"));
    if (old.immutable && JSON.stringify(s.data ?? {}) !== JSON.stringify(old.data ?? {}))
      errs.push({ type: "FieldValueForbidden", field: "data", value: "", detail: "field is immutable when `immutable` is set" });
    return errs;
  },
  table: {
    columns: [
      NAME_COLUMN,
      column(
        "Type",
        "string",
        "Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types",
      ),
      column(
        "Data",
        "string",
        "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4",
      ),
      AGE_COLUMN,
    ],
    rows: (s, ctx) => [[s.metadata.name, s.type ?? "", Object.keys(s.data ?? {}).length, ageOf(s.metadata.creationTimestamp, ctx.now)]],
  },
  describe: describeSecret,
  selectableFields: (s) => ({ type: s.type ?? "" }),
};
