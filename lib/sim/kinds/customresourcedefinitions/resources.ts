/**
 * What a CustomResourceDefinition makes the apiserver serve: the discovery entry of its custom
 * resources (the preferred version is the highest by Kubernetes version priority, as
 * apiextensions-apiserver sorts them: GA > beta > alpha, then by number) and their table
 * (apiextensions-apiserver pkg/registry/customresource/tableconvertor: NAME, then the version's
 * additionalPrinterColumns, or AGE from .metadata.creationTimestamp when there are none; cells
 * by cellForJSONValue; strings printed as jsonpath prints them).
 */
import type { KObject, TableCell, TableColumnDefinition } from "../../api/types";
import type { ResourceInfo, SubresourceInfo, TableDef } from "../types";
import { parseTime, translateTimestampSince } from "../_shared/describe-helpers";
import { GET_PATCH_UPDATE, scaleSubresource, statusSubresource } from "../_shared/discovery";
import { goV } from "../_shared/generic-describe";
import { STANDARD_VERBS } from "../types";
import { NAME_DESCRIPTION, column } from "../_shared/table";
import type { CRDVersion, CustomResourceDefinition, PrinterColumn } from "./types";

/** version.CompareKubeAwareVersionStrings: >0 when a sorts before (is preferred to) b. */
export function compareKubeAwareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    return m ? { major: Number(m[1]), stage: m[2] === "alpha" ? 0 : m[2] === "beta" ? 1 : 2, minor: Number(m[3] ?? 0) } : undefined;
  };
  const x = parse(a);
  const y = parse(b);
  if (!x && !y) return a < b ? 1 : a > b ? -1 : 0;
  if (!x) return -1;
  if (!y) return 1;
  if (x.stage !== y.stage) return x.stage - y.stage;
  if (x.major !== y.major) return x.major - y.major;
  return x.minor - y.minor;
}

/** The served versions, preferred first. */
export function servedVersions(crd: CustomResourceDefinition): CRDVersion[] {
  return (crd.spec?.versions ?? []).filter((v) => v.served).sort((a, b) => compareKubeAwareVersions(b.name ?? "", a.name ?? ""));
}

/** The discovery entry of the custom resources at their preferred version (undefined when none is served). */
export function crdResourceInfo(crd: CustomResourceDefinition): ResourceInfo | undefined {
  const v = servedVersions(crd)[0];
  const names = crd.spec?.names ?? {};
  if (!v?.name || !names.plural || !names.kind) return undefined;
  const subresources: SubresourceInfo[] = [];
  if (v.subresources?.scale) subresources.push(scaleSubresource());
  if (v.subresources?.status) subresources.push({ ...statusSubresource(), verbs: [...GET_PATCH_UPDATE] });
  return {
    group: crd.spec?.group ?? "",
    version: v.name,
    kind: names.kind,
    resource: names.plural,
    singular: names.singular ?? names.kind.toLowerCase(),
    shortNames: names.shortNames ?? [],
    namespaced: crd.spec?.scope === "Namespaced",
    verbs: [...STANDARD_VERBS],
    ...(names.categories?.length ? { categories: names.categories } : {}),
    ...(subresources.length ? { subresources } : {}),
  };
}

type Json = unknown;

/** A simple JSONPath (".a.b", ".a[0].b", ".a[?(@.type==\"Ready\")].status") over a decoded object: the first result. */
export function evalSimpleJSONPath(obj: Json, path: string): Json {
  const steps = path.replace(/^\{|\}$/g, "").match(/\.[^.[]+|\[[^\]]*\]/g) ?? [];
  let cur: Json = obj;
  for (const step of steps) {
    if (cur === undefined || cur === null) return undefined;
    if (step.startsWith(".")) {
      cur = typeof cur === "object" && !Array.isArray(cur) ? (cur as Record<string, Json>)[step.slice(1)] : undefined;
      continue;
    }
    const inner = step.slice(1, -1);
    if (!Array.isArray(cur)) return undefined;
    const filter = /^\?\(@\.([\w.-]+)\s*==\s*["']?([^"')]*)["']?\)$/.exec(inner);
    if (filter) cur = cur.find((e) => String(evalSimpleJSONPath(e, `.${filter[1]}`)) === filter[2]);
    else if (/^-?\d+$/.test(inner)) cur = cur.at(Number(inner));
    else if (inner === "*") cur = cur[0];
    else return undefined;
  }
  return cur;
}

/** cellForJSONValue */
function cell(type: string | undefined, value: Json, now: number): TableCell {
  if (value === undefined || value === null) return null;
  switch (type) {
    case "integer":
      return typeof value === "number" ? Math.trunc(value) : null;
    case "number":
      return typeof value === "number" ? value : null;
    case "boolean":
      return typeof value === "boolean" ? value : null;
    case "string":
      return goV(value);
    case "date":
      if (typeof value !== "string") return null;
      return parseTime(value) === undefined ? "<invalid>" : translateTimestampSince(value, now);
    default:
      return null;
  }
}

const AGE_COLUMN: PrinterColumn = { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" };

/** The custom resources' table at `version` (default: the preferred one). */
export function crdTable(crd: CustomResourceDefinition, version?: string): TableDef {
  const v = (crd.spec?.versions ?? []).find((x) => x.name === version) ?? servedVersions(crd)[0];
  const extra = v?.additionalPrinterColumns?.length ? v.additionalPrinterColumns : [AGE_COLUMN];
  const columns: TableColumnDefinition[] = [
    column("Name", "string", NAME_DESCRIPTION, 0, "name"),
    ...extra.map((c) =>
      column(c.name ?? "", (c.type ?? "string") as TableColumnDefinition["type"], c.description ?? "", c.priority ?? 0, c.format ?? ""),
    ),
  ];
  return {
    columns,
    rows: (obj: KObject, { now }) => [
      [obj.metadata.name, ...extra.map((c) => cell(c.type, evalSimpleJSONPath(obj, c.jsonPath ?? ""), now))],
    ],
  };
}
