/**
 * The `kubectl get` human-readable printer over a server-side Table (cli-runtime
 * tableprinter.go): headers in upper case, priority>0 columns only with -o wide, NAMESPACE first
 * with -A, LABELS last with --show-labels, the kind prefix ("pod/web") when several kinds print.
 */
import type { Table, TableCell } from "../api/types";
import { GET_TABWRITER, tabwrite } from "./tabwriter";

export interface TableOptions {
  wide?: boolean;
  withNamespace?: boolean;
  showLabels?: boolean;
  noHeaders?: boolean;
  /** "pod", "service": prefixed to names when several kinds are printed */
  kindPrefix?: string;
}

export function labelsString(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${(labels ?? {})[k]}`).join(",") : "<none>";
}

/** A cell as the printer shows it: cut at the first line break and marked with "..."; null is empty. */
function cell(v: TableCell): string {
  if (v === null) return "";
  const s = String(v);
  const i = s.search(/[\n\r\f]/);
  return i < 0 ? s : s.slice(0, i) + "...";
}

/** Header and row lines (tab-separated) of one Table. */
export function tableLines(t: Table, opts: TableOptions): string[][] {
  const keep = t.columnDefinitions.map((c) => c.priority === 0 || !!opts.wide);
  const lines: string[][] = [];
  if (!opts.noHeaders) {
    const header = t.columnDefinitions.filter((_, i) => keep[i]).map((c) => c.name.toUpperCase());
    if (opts.withNamespace) header.unshift("NAMESPACE");
    if (opts.showLabels) header.push("LABELS");
    lines.push(header);
  }
  for (const r of t.rows) {
    const row = r.cells.filter((_, i) => keep[i]).map(cell);
    if (opts.kindPrefix && row.length) row[0] = `${opts.kindPrefix}/${row[0]}`;
    if (opts.withNamespace) row.unshift(r.object?.metadata.namespace ?? "");
    if (opts.showLabels) row.push(labelsString(r.object?.metadata.labels));
    lines.push(row);
  }
  return lines;
}

export function printTable(t: Table, opts: TableOptions = {}): string {
  return tabwrite(
    tableLines(t, opts)
      .map((l) => l.join("\t"))
      .join("\n") + "\n",
    GET_TABWRITER,
  );
}
