/**
 * The `kubectl get` human-readable printer (cli-runtime tableprinter.go): header in upper
 * case, wide columns only with -o wide, NAMESPACE first with -A, LABELS last with --show-labels.
 */
import type { ObjectMeta } from "../types";
import { PRINTERS } from "./columns";
import { GET_TABWRITER, tabwrite } from "./tabwriter";

export interface TableOptions {
  wide?: boolean;
  withNamespace?: boolean;
  showLabels?: boolean;
  noHeaders?: boolean;
}

export function labelsString(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(",") : "<none>";
}

/** A cell is cut at the first line break and marked with "..." (tableprinter.go). */
function cell(s: string): string {
  const i = s.search(/[\n\r\f]/);
  return i < 0 ? s : s.slice(0, i) + "...";
}

export function printTable(store: string, objects: { metadata: ObjectMeta }[], now: number, opts: TableOptions = {}): string {
  const printer = PRINTERS[store];
  const keep = printer.columns.map((col) => !col.wide || !!opts.wide);
  const lines: string[][] = [];
  if (!opts.noHeaders) {
    const header = printer.columns.filter((_, i) => keep[i]).map((col) => col.name);
    if (opts.withNamespace) header.unshift("NAMESPACE");
    if (opts.showLabels) header.push("LABELS");
    lines.push(header);
  }
  for (const obj of objects) {
    const row = printer.row(obj, now).filter((_, i) => keep[i]).map(cell);
    if (opts.withNamespace) row.unshift(obj.metadata.namespace ?? "");
    if (opts.showLabels) row.push(labelsString(obj.metadata.labels));
    lines.push(row);
  }
  return tabwrite(lines.map((l) => l.join("\t")).join("\n") + "\n", GET_TABWRITER);
}
