/**
 * The small printers of staging/src/k8s.io/kubectl/pkg/describe/describe.go (v0.32.4) that
 * every describer shares: labels and annotations over several lines, tolerations, booleans,
 * "Controlled By", and Go's time formats as kubectl prints them (the machine runs in UTC).
 */
import { LAST_APPLIED_ANNOTATION } from "../../api/meta";
import type { KObject } from "../../api/types";
import { humanDuration } from "../../printers/duration";
import { rfc1123z } from "../../printers/describe-util";
import type { Toleration } from "./core-types";
import { byteCompare } from "./labels";
import { LEVEL_0, type Writer } from "./prefix-writer";

const MAX_ANNOTATION_LEN = 140;

/** printLabelsMultilineWithIndent */
export function printLabelsMultiline(
  w: Writer,
  title: string,
  labels: Record<string, string> | undefined,
  initialIndent = "",
  innerIndent = "\t",
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort(byteCompare);
  if (!keys.length) {
    w.writeLine("<none>");
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    w.write(LEVEL_0, `${key}=${labels?.[key] ?? ""}\n`);
  });
}

/** printAnnotationsMultiline: skips last-applied-configuration; long or multi-line values go below their key, cut at 138 bytes. */
export function printAnnotationsMultiline(w: Writer, title: string, annotations: Record<string, string> | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== LAST_APPLIED_ANNOTATION)
    .sort(byteCompare);
  if (!keys.length) {
    w.writeLine("<none>");
    return;
  }
  const indent = "\t";
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const value = (annotations?.[key] ?? "").replace(/\n$/, "");
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes("\n")) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split("\n")) w.write(LEVEL_0, `${indent}  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else w.write(LEVEL_0, `${key}: ${value}\n`);
  });
}

function shorten(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) + "..." : s;
}

/** printTolerationsMultilineWithIndent, sorted by key. */
export function printTolerationsMultiline(
  w: Writer,
  title: string,
  tolerations: Toleration[] | undefined,
  initialIndent = "",
  innerIndent = "\t",
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  if (!tolerations?.length) {
    w.writeLine("<none>");
    return;
  }
  const sorted = tolerations.map((t, i) => [t, i] as const).sort((a, b) => byteCompare(a[0].key ?? "", b[0].key ?? "") || a[1] - b[1]);
  sorted.forEach(([t], i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    let s = t.key ?? "";
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === "Exists" && !t.value) s += t.key || t.effect ? " op=Exists" : "op=Exists";
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, s + "\n");
  });
}

export const printBool = (v: boolean | undefined): string => (v ? "True" : "False");
export const printBoolPtr = (v: boolean | undefined | null): string => (v === undefined || v === null ? "<unset>" : printBool(v));
export const stringOrNone = (s: string | undefined): string => (s ? s : "<none>");

/** printController: "Kind/name" of the controlling owner reference, or "". */
export function printController(obj: KObject): string {
  const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : "";
}

/** An RFC 3339 timestamp as epoch ms (undefined when absent or unparseable). */
export function parseTime(t: unknown): number | undefined {
  if (typeof t !== "string" || !t) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

/** time.RFC1123Z of a timestamp; the zero time prints as Go's zero time. */
export function formatRFC1123Z(t: unknown): string {
  const ms = parseTime(t);
  return ms === undefined ? "Mon, 01 Jan 0001 00:00:00 +0000" : rfc1123z(ms);
}

/** translateTimestampSince: "<unknown>" for the zero time, else HumanDuration(now - t). */
export function translateTimestampSince(t: unknown, now: number): string {
  const ms = parseTime(t);
  return ms === undefined ? "<unknown>" : humanDuration(now - ms);
}

/** metav1.Time.String() (Go time.Time %s) in UTC: "2026-11-30 09:00:00 +0000 UTC". */
export function goTimeString(t: unknown): string {
  const ms = parseTime(t);
  if (ms === undefined) return "0001-01-01 00:00:00 +0000 UTC";
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000 UTC`;
}

/** fmt %v of a []string: "[a b]". */
export const goSliceV = (a: string[] | undefined): string => `[${(a ?? []).join(" ")}]`;
