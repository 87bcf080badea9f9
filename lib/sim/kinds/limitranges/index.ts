/**
 * core/v1 limitranges.
 * Discovery: pkg/registry/core/limitrange/storage/storage.go (ShortNames "limits").
 * Defaulting: pkg/apis/core/v1/defaults.go SetDefaults_LimitRangeItem (Container items: default
 * from max, defaultRequest from default then min) and SetDefaults_ResourceList.
 * Validation: pkg/apis/core/validation/validation.go ValidateLimitRange.
 * Table: none in printers.go, so the apiserver's default table (NAME, CREATED AT).
 * Describer: describe.go LimitRangeDescriber / describeLimitRange (no events). Go ranges over
 * the resource map in random order; the simulator prints resources sorted by name.
 */
import { duplicate, forbidden, invalid, required, type FieldError } from "../../api/field";
import type { KindDef } from "../types";
import type { ResourceList, Typed } from "../_shared/core-types";
import { resourceInfo } from "../_shared/discovery";
import { byteCompare } from "../_shared/labels";
import { isQualifiedName } from "../_shared/names";
import { LEVEL_0, PrefixWriter, type Writer } from "../_shared/prefix-writer";
import { cmp, fromInt, goQuantity, milliValue, parseQuantity, quantityString, value, type Quantity } from "../_shared/quantity";
import { defaultResourceList, isOvercommitAllowed, validateContainerResourceName, validateResourceName } from "../_shared/resources";
import { DEFAULT_TABLE } from "../_shared/table";

export interface LimitRangeItem {
  type?: string;
  max?: ResourceList;
  min?: ResourceList;
  default?: ResourceList;
  defaultRequest?: ResourceList;
  maxLimitRequestRatio?: ResourceList;
}
export type LimitRange = Typed<{ spec?: { limits?: LimitRangeItem[] } }>;

const FIELDS = ["max", "min", "default", "defaultRequest", "maxLimitRequestRatio"] as const;
const MAX_MILLI = 9223372036854775n; // resource.MaxMilliValue

function defaultItem(item: LimitRangeItem): void {
  for (const f of FIELDS) defaultResourceList(item[f]);
  if (item.type !== "Container") return;
  const def: ResourceList = { ...(item.default ?? {}) };
  const req: ResourceList = { ...(item.defaultRequest ?? {}) };
  for (const [k, v] of Object.entries(item.max ?? {})) if (!(k in def)) def[k] = v;
  for (const [k, v] of Object.entries(def)) if (!(k in req)) req[k] = v;
  for (const [k, v] of Object.entries(item.min ?? {})) if (!(k in req)) req[k] = v;
  // empty maps are omitted when serialised
  if (Object.keys(def).length) item.default = def;
  if (Object.keys(req).length) item.defaultRequest = req;
}

const q = (raw: string | number): Quantity => {
  const p = parseQuantity(raw);
  return "error" in p ? fromInt(0) : p;
};
const s = (raw: string | number): string => quantityString(q(raw));

/** Go's %f: six decimals. */
const goFloat = (f: number): string => (Number.isFinite(f) ? f.toFixed(6) : f > 0 ? "+Inf" : "NaN");

function validateLimitRange(lr: LimitRange): FieldError[] {
  const errs: FieldError[] = [];
  const types = new Set<string>();
  (lr.spec?.limits ?? []).forEach((item, i) => {
    const p = `spec.limits[${i}]`;
    const type = item.type ?? "";
    const typeErrs = isQualifiedName(type).map((m) => invalid(`${p}.type`, type, m));
    if (!typeErrs.length && !type.includes("/") && !["Pod", "Container", "PersistentVolumeClaim"].includes(type)) {
      typeErrs.push(invalid(`${p}.type`, type, "must be a standard limit type or fully qualified"));
    }
    errs.push(...typeErrs);
    if (types.has(type)) errs.push(duplicate(`${p}.type`, type));
    types.add(type);
    const nameErrs = (k: string, f: string) =>
      type === "Pod" || type === "Container"
        ? validateContainerResourceName(k, `${p}.${f}[${k}]`)
        : validateResourceName(k, `${p}.${f}[${k}]`);
    const keys = new Set<string>();
    for (const k of Object.keys(item.max ?? {})) {
      errs.push(...nameErrs(k, "max"));
      keys.add(k);
    }
    for (const k of Object.keys(item.min ?? {})) {
      errs.push(...nameErrs(k, "min"));
      keys.add(k);
    }
    if (type === "Pod") {
      if (Object.keys(item.default ?? {}).length) errs.push(forbidden(`${p}.default`, "may not be specified when `type` is 'Pod'"));
      if (Object.keys(item.defaultRequest ?? {}).length)
        errs.push(forbidden(`${p}.defaultRequest`, "may not be specified when `type` is 'Pod'"));
    } else {
      for (const k of Object.keys(item.default ?? {})) {
        errs.push(...nameErrs(k, "default"));
        keys.add(k);
      }
      for (const k of Object.keys(item.defaultRequest ?? {})) {
        errs.push(...nameErrs(k, "defaultRequest"));
        keys.add(k);
      }
    }
    if (type === "PersistentVolumeClaim" && !("storage" in (item.min ?? {})) && !("storage" in (item.max ?? {}))) {
      errs.push(required(`${p}.limits`, "either minimum or maximum storage value is required, but neither was provided"));
    }
    for (const k of Object.keys(item.maxLimitRequestRatio ?? {})) {
      errs.push(...nameErrs(k, "maxLimitRequestRatio"));
      keys.add(k);
    }
    for (const k of keys) {
      const get = (f: (typeof FIELDS)[number]) =>
        type === "Pod" && (f === "default" || f === "defaultRequest") ? undefined : item[f]?.[k];
      const [min, max, def, defReq, ratio] = [get("min"), get("max"), get("default"), get("defaultRequest"), get("maxLimitRequestRatio")];
      if (min !== undefined && max !== undefined && cmp(q(min), q(max)) > 0)
        errs.push(invalid(`${p}.min[${k}]`, goQuantity(min), `min value ${s(min)} is greater than max value ${s(max)}`));
      if (defReq !== undefined && min !== undefined && cmp(q(min), q(defReq)) > 0)
        errs.push(
          invalid(
            `${p}.defaultRequest[${k}]`,
            goQuantity(defReq),
            `min value ${s(min)} is greater than default request value ${s(defReq)}`,
          ),
        );
      if (defReq !== undefined && max !== undefined && cmp(q(defReq), q(max)) > 0)
        errs.push(
          invalid(
            `${p}.defaultRequest[${k}]`,
            goQuantity(defReq),
            `default request value ${s(defReq)} is greater than max value ${s(max)}`,
          ),
        );
      if (defReq !== undefined && def !== undefined && cmp(q(defReq), q(def)) > 0)
        errs.push(
          invalid(
            `${p}.defaultRequest[${k}]`,
            goQuantity(defReq),
            `default request value ${s(defReq)} is greater than default limit value ${s(def)}`,
          ),
        );
      if (def !== undefined && min !== undefined && cmp(q(min), q(def)) > 0)
        errs.push(invalid(`${p}.default[${k}]`, goQuantity(min), `min value ${s(min)} is greater than default value ${s(def)}`));
      if (def !== undefined && max !== undefined && cmp(q(def), q(max)) > 0)
        errs.push(invalid(`${p}.default[${k}]`, goQuantity(max), `default value ${s(def)} is greater than max value ${s(max)}`));
      if (ratio !== undefined && cmp(q(ratio), fromInt(1)) < 0)
        errs.push(invalid(`${p}.maxLimitRequestRatio[${k}]`, goQuantity(ratio), `ratio ${s(ratio)} is less than 1`));
      if (ratio !== undefined && min !== undefined && max !== undefined) {
        let ratioValue = Number(value(q(ratio)));
        let minV = value(q(min));
        let maxV = value(q(max));
        if (value(q(ratio)) < MAX_MILLI && minV < MAX_MILLI && maxV < MAX_MILLI) {
          ratioValue = Number(milliValue(q(ratio))) / 1000;
          minV = milliValue(q(min));
          maxV = milliValue(q(max));
        }
        const limit = Number(maxV) / Number(minV);
        if (ratioValue > limit)
          errs.push(
            invalid(`${p}.maxLimitRequestRatio[${k}]`, goQuantity(ratio), `ratio ${s(ratio)} is greater than max/min = ${goFloat(limit)}`),
          );
      }
      if (!isOvercommitAllowed(k) && def !== undefined && defReq !== undefined && cmp(q(def), q(defReq)) !== 0) {
        errs.push(
          invalid(
            `${p}.defaultRequest[${k}]`,
            goQuantity(defReq),
            `default value ${s(def)} must equal to defaultRequest value ${s(defReq)} in ${k}`,
          ),
        );
      }
    }
  });
  return errs;
}

/** describeLimitRangeSpec: one row per limit type and resource, "-" where a bound is unset. */
export function describeLimitRangeSpec(lr: LimitRange, prefix: string, w: Writer): void {
  for (const item of lr.spec?.limits ?? []) {
    const names = new Set<string>();
    for (const f of FIELDS) for (const k of Object.keys(item[f] ?? {})) names.add(k);
    for (const k of [...names].sort(byteCompare)) {
      const cell = (f: (typeof FIELDS)[number]) => {
        const v = item[f]?.[k];
        return v === undefined ? "-" : s(v);
      };
      w.write(
        LEVEL_0,
        `${prefix}${item.type ?? ""}\t${k}\t${cell("min")}\t${cell("max")}\t${cell("defaultRequest")}\t${cell("default")}\t${cell("maxLimitRequestRatio")}\n`,
      );
    }
  }
}

/** DescribeLimitRanges: the "Resource Limits" section of a namespace's description. */
export function describeLimitRanges(items: LimitRange[], w: Writer): void {
  if (!items.length) {
    w.write(LEVEL_0, "No LimitRange resource.\n");
    return;
  }
  w.write(LEVEL_0, "Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n");
  w.write(LEVEL_0, " ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n");
  for (const lr of items) describeLimitRangeSpec(lr, " ", w);
}

export const limitranges: KindDef<LimitRange> = {
  resource: resourceInfo("v1", "LimitRange", "limitranges", true, { shortNames: ["limits"] }),
  defaults(lr) {
    for (const item of lr.spec?.limits ?? []) defaultItem(item);
  },
  validate: validateLimitRange,
  validateUpdate: validateLimitRange,
  table: DEFAULT_TABLE,
  describe(lr) {
    const w = new PrefixWriter();
    w.write(LEVEL_0, `Name:\t${lr.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${lr.metadata.namespace ?? ""}\n`);
    w.write(LEVEL_0, "Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n");
    w.write(LEVEL_0, "----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n");
    describeLimitRangeSpec(lr, "", w);
    return w.toString();
  },
};
