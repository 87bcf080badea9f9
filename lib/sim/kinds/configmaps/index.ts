/**
 * core/v1 configmaps.
 * Discovery: pkg/registry/core/configmap/storage/storage.go (ShortNames "cm").
 * Validation: pkg/apis/core/validation/validation.go ValidateConfigMap / ValidateConfigMapUpdate
 * (keys, data/binaryData overlap, 1 MiB total, immutability).
 * Table: printers.go printConfigMap (DATA = data + binaryData entries).
 * Describer: describe.go ConfigMapDescriber. Go ranges over the data map in random order; the
 * simulator prints keys sorted, which is one of the orders real kubectl may print.
 */
import { forbidden, invalid, type FieldError } from "../../api/field";
import { tooLong } from "../_shared/field-errors";
import type { KindDef } from "../types";
import type { Typed } from "../_shared/core-types";
import { printAnnotationsMultiline, printLabelsMultiline } from "../_shared/describe-helpers";
import { resourceInfo } from "../_shared/discovery";
import { describeEventsFor } from "../_shared/events";
import { byteCompare } from "../_shared/labels";
import { byteLen, isConfigMapKey } from "../_shared/names";
import { LEVEL_0, PrefixWriter } from "../_shared/prefix-writer";
import { semanticEqual } from "../_shared/semantic";
import { SWAGGER } from "../_shared/swagger-docs";
import { ageCell, ageColumn, column, nameColumn } from "../_shared/table";

export type ConfigMap = Typed<{ data?: Record<string, string>; binaryData?: Record<string, string>; immutable?: boolean }>;

/** core.MaxSecretSize: the cap on the total size of data and binaryData. */
export const MAX_SIZE = 1024 * 1024;

/** Decoded byte length of a base64 string (binaryData values are base64 on the wire). */
function base64Len(s: string): number {
  const clean = s.replace(/\s/g, "");
  return Math.floor((clean.length * 3) / 4) - (clean.endsWith("==") ? 2 : clean.endsWith("=") ? 1 : 0);
}

function validateConfigMap(cm: ConfigMap): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [key, value] of Object.entries(cm.data ?? {})) {
    errs.push(...isConfigMapKey(key).map((m) => invalid(`data[${key}]`, key, m)));
    if (cm.binaryData && key in cm.binaryData) errs.push(invalid(`data[${key}]`, key, "duplicate of key present in binaryData"));
    size += byteLen(value);
  }
  for (const [key, value] of Object.entries(cm.binaryData ?? {})) {
    errs.push(...isConfigMapKey(key).map((m) => invalid(`binaryData[${key}]`, key, m)));
    size += base64Len(value);
  }
  // field.NewPath("") prints as "[]"
  if (size > MAX_SIZE) errs.push(tooLong("[]", MAX_SIZE));
  return errs;
}

export const configmaps: KindDef<ConfigMap> = {
  resource: resourceInfo("v1", "ConfigMap", "configmaps", true, { shortNames: ["cm"] }),
  validate: validateConfigMap,
  validateUpdate(cm, old) {
    const errs: FieldError[] = [];
    if (old.immutable) {
      if (!cm.immutable) errs.push(forbidden("immutable", "field is immutable when `immutable` is set"));
      if (!semanticEqual(cm.data, old.data)) errs.push(forbidden("data", "field is immutable when `immutable` is set"));
      if (!semanticEqual(cm.binaryData, old.binaryData)) errs.push(forbidden("binaryData", "field is immutable when `immutable` is set"));
    }
    return errs.concat(validateConfigMap(cm));
  },
  table: {
    columns: [nameColumn(), column("Data", "string", SWAGGER.configMapData), ageColumn()],
    rows: (cm, { now }) => [
      [cm.metadata.name, Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length, ageCell(cm, now)],
    ],
  },
  describe(cm, ctx) {
    const w = new PrefixWriter();
    w.write(LEVEL_0, `Name:\t${cm.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${cm.metadata.namespace ?? ""}\n`);
    printLabelsMultiline(w, "Labels", cm.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", cm.metadata.annotations);
    w.write(LEVEL_0, "\nData\n====\n");
    for (const k of Object.keys(cm.data ?? {}).sort(byteCompare)) {
      w.write(LEVEL_0, `${k}:\n----\n`);
      w.write(LEVEL_0, `${cm.data?.[k] ?? ""}\n`);
      w.write(LEVEL_0, "\n");
    }
    w.write(LEVEL_0, "\nBinaryData\n====\n");
    for (const k of Object.keys(cm.binaryData ?? {}).sort(byteCompare))
      w.write(LEVEL_0, `${k}: ${base64Len(cm.binaryData?.[k] ?? "")} bytes\n`);
    w.write(LEVEL_0, "\n");
    describeEventsFor(cm, ctx, w);
    return w.toString();
  },
};
