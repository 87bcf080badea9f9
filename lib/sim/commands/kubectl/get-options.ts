/**
 * `kubectl get` output options beyond the plain table (staging/src/k8s.io/kubectl/pkg/cmd/get):
 * -L/--label-columns (a column per label key, headed by the key's last path segment in upper
 * case), --sort-by (sorter.go: the JSONPath's first value, numbers by value, strings in natural
 * order, missing values first), and the go-template/template output formats with --template.
 */
import type { KObject, Table } from "../../api/types";
import type { ParsedArgs } from "./flags";
import { flag } from "./flags";
import { evalSteps, JsonPathError } from "../../jsonpath";
import { parsePath, type Step } from "../../jsonpath/parse";
import { cmp, parseQuantity } from "../../kinds/_shared/quantity";
import { goSort } from "./gosort";
import type { CommandContext } from "../../types";

/** -L values, as pflag's StringSlice reads them. */
export function labelColumns(args: ParsedArgs): string[] {
  return (args.flags.get("label-columns") ?? []).flatMap((v) => v.split(",")).filter(Boolean);
}

/** Adds the -L columns to a server Table (cli-runtime tableprinter.go decorateTable). */
export function withLabelColumns(t: Table, keys: string[]): Table {
  if (!keys.length) return t;
  return {
    ...t,
    columnDefinitions: [
      ...t.columnDefinitions,
      ...keys.map((k) => ({ name: k.split("/").pop() ?? k, type: "string" as const, format: "", description: "", priority: 0 })),
    ],
    rows: t.rows.map((r) => ({ ...r, cells: [...r.cells, ...keys.map((k) => r.object?.metadata.labels?.[k] ?? "")] })),
  };
}

/** sortorder.NaturalLess: digit runs compare as numbers. */
export function naturalLess(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  const digit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
  while (i < a.length && j < b.length) {
    const da = digit(a[i]);
    const db = digit(b[j]);
    if (da !== db) return da;
    if (!da) {
      if (a[i] !== b[j]) return a[i] < b[j];
      i++;
      j++;
      continue;
    }
    while (a[i] === "0") i++;
    while (b[j] === "0") j++;
    const si = i;
    const sj = j;
    while (digit(a[i])) i++;
    while (digit(b[j])) j++;
    if (i - si !== j - sj) return i - si < j - sj;
    const na = a.slice(si, i);
    const nb = b.slice(sj, j);
    if (na !== nb) return na < nb;
    if (si !== sj) return si < sj;
  }
  return a.length < b.length;
}

/** sorter.go isLess over unstructured values: numbers by value, two quantities as quantities, other strings naturally. */
function isLess(x: unknown, y: unknown): boolean {
  if (x === null && y === null) return false;
  if (x === null) return true;
  if (y === null) return false;
  if (typeof x === "number" && typeof y === "number") return x < y;
  if (typeof x === "string" && typeof y === "string") {
    const qx = parseQuantity(x);
    const qy = parseQuantity(y);
    if (!("error" in qx) && !("error" in qy)) return cmp(qx, qy) < 0;
    return naturalLess(x, y);
  }
  return naturalLess(JSON.stringify(x), JSON.stringify(y));
}

function compilePath(spec: string): Step[] | string {
  const path = spec.replace(/^\{|\}$/g, "").replace(/^(?![.[])/, ".");
  try {
    return parsePath(path);
  } catch (e) {
    if (e instanceof JsonPathError) return `error: sorting error: ${e.message}\n`;
    throw e;
  }
}

/** Sorts items by their key under Go's sort.Sort with TableSorter.Less (a missing key is less than anything). */
function sortByKeys<T>(items: T[], keys: unknown[]): T[] {
  const xs = [...items];
  const ks = [...keys];
  goSort({
    len: xs.length,
    less: (i, j) => (ks[i] === undefined ? true : ks[j] === undefined ? false : isLess(ks[i], ks[j])),
    swap: (i, j) => {
      [xs[i], xs[j]] = [xs[j], xs[i]];
      [ks[i], ks[j]] = [ks[j], ks[i]];
    },
  });
  return xs;
}

/** --sort-by over objects (-o name|json|yaml|...); an error is kubectl's text. */
export function sortObjects(objects: KObject[], spec: string): KObject[] | string {
  const steps = compilePath(spec);
  if (typeof steps === "string") return steps;
  return sortByKeys(
    objects,
    objects.map((o) => evalSteps(steps, [o])[0]),
  );
}

/** --sort-by over a server Table, each row keyed by its object. */
export function sortTable(t: Table, objects: KObject[], spec: string): Table | string {
  const steps = compilePath(spec);
  if (typeof steps === "string") return steps;
  const byName = new Map(objects.map((o) => [`${o.metadata.namespace ?? ""}/${o.metadata.name}`, o]));
  const keys = t.rows.map((r) => {
    const o = byName.get(`${r.object?.metadata.namespace ?? ""}/${r.object?.metadata.name ?? ""}`);
    return o ? evalSteps(steps, [o])[0] : undefined;
  });
  return { ...t, rows: sortByKeys(t.rows, keys) };
}

/** -o go-template=..., -o template=..., -o go-template --template=..., -o go-template-file=FILE. */
export function templateOf(ctx: CommandContext, args: ParsedArgs): { template: string } | { error: string } | undefined {
  const o = flag(args, "output") ?? "";
  const m = /^(go-template|template|go-template-file|templatefile)(?:=(.*))?$/s.exec(o);
  if (!m) return undefined;
  const text = m[2] ?? flag(args, "template") ?? "";
  if (!text) return { error: "error: template format specified but no template given\n" };
  if (m[1].endsWith("file")) {
    const f = ctx.fs.readFile(ctx.resolve(text));
    if (!f.ok) return { error: `error: error reading --template ${text}, open ${text}: no such file or directory\n` };
    return { template: f.value };
  }
  return { template: text };
}
