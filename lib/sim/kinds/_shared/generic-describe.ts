/**
 * The describer kubectl falls back to for kinds without their own (describe.go
 * GenericDescriberFor, genericDescriber.Describe and printUnstructuredContent at v0.32.4):
 * Name, Namespace, Labels, Annotations, then every field of the object as JSON decodes it,
 * sorted, with labels made by smartLabelFor (github.com/fatih/camelcase Split + strings.Title).
 */
import type { KObject } from "../../api/types";
import type { DescribeContext } from "../types";
import { printAnnotationsMultiline, printLabelsMultiline } from "./describe-helpers";
import { describeEventsFor } from "./events";
import { byteCompare } from "./labels";
import { LEVEL_0, PrefixWriter } from "./prefix-writer";

const SKIP = [".metadata.managedFields", ".metadata.name", ".metadata.namespace", ".metadata.labels", ".metadata.annotations"];
const ACRONYMS = ["API", "URL", "UID", "OSB", "GUID"];

type Unstructured = { [key: string]: unknown };

const isMap = (v: unknown): v is Unstructured => typeof v === "object" && v !== null && !Array.isArray(v);
const isLetter = (ch: string): boolean => /\p{L}/u.test(ch);
const isUpper = (ch: string): boolean => /\p{Lu}/u.test(ch);
const isLower = (ch: string): boolean => /\p{Ll}/u.test(ch);

/** fatih/camelcase.Split: runs of lower, upper, digit and other characters; "PDFLoader" -> PDF, Loader. */
export function camelcaseSplit(src: string): string[] {
  const runs: string[][] = [];
  let last = 0;
  for (const r of src) {
    const cls = isLower(r) ? 1 : isUpper(r) ? 2 : /\p{Nd}/u.test(r) ? 3 : 4;
    if (cls === last && runs.length) runs[runs.length - 1].push(r);
    else runs.push([r]);
    last = cls;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (isUpper(runs[i][0]) && isLower(runs[i + 1][0])) {
      const moved = runs[i].pop();
      if (moved !== undefined) runs[i + 1].unshift(moved);
    }
  }
  return runs.filter((r) => r.length).map((r) => r.join(""));
}

/** strings.Title: upper-cases the first letter of each word (words are separated by non-letters/digits). */
function title(s: string): string {
  let out = "";
  let prevIsWordChar = false;
  for (const ch of s) {
    out += !prevIsWordChar && isLetter(ch) ? ch.toUpperCase() : ch;
    prevIsWordChar = isLetter(ch) || /\p{Nd}/u.test(ch) || ch === "_";
  }
  return out;
}

export function smartLabelFor(field: string): string {
  for (const ch of field) if (!isLetter(ch) && ch !== "-") return field;
  return camelcaseSplit(field)
    .filter((p) => p !== "_")
    .map((p) => (ACRONYMS.includes(p.toUpperCase()) ? p.toUpperCase() : title(p)))
    .join(" ");
}

/** Go's %g for float64 as %v prints it: shortest digits, exponent form below 1e-4 or from 1e21. */
function goFloat(n: number): string {
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e21)) {
    const [m, e] = n.toExponential().split("e");
    const exp = Number(e);
    return `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return String(n);
}

/** fmt %v of a decoded JSON value. */
export function goV(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : goFloat(v);
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map(goV).join(" ")}]`;
  if (isMap(v))
    return `map[${Object.keys(v)
      .sort(byteCompare)
      .map((k) => `${k}:${goV(v[k])}`)
      .join(" ")}]`;
  return typeof v === "bigint" ? v.toString() : "<nil>";
}

export function printUnstructuredContent(w: PrefixWriter, level: number, content: Unstructured, skipPrefix: string, skip: string[]): void {
  for (const field of Object.keys(content).sort(byteCompare)) {
    const value = content[field];
    const skipExpr = `${skipPrefix}.${field}`;
    if (skip.includes(skipExpr)) continue;
    if (isMap(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructuredContent(w, level + 1, value, skipExpr, skip);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (isMap(child)) printUnstructuredContent(w, level + 1, child, skipExpr, skip);
        else w.write(level + 1, `${goV(child)}\n`);
      }
    } else w.write(level, `${smartLabelFor(field)}:\t${goV(value)}\n`);
  }
}

/** genericDescriber.Describe */
export function genericDescribe(obj: KObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ""}\n`);
  printLabelsMultiline(w, "Labels", obj.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", obj.metadata.annotations);
  printUnstructuredContent(w, LEVEL_0, obj, "", SKIP);
  describeEventsFor(obj, ctx, w);
  return w.toString();
}
