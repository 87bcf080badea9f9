/**
 * `kubectl get -w` / `--watch` / `--watch-only` as a foreground program (lib/sim/programs/README.md),
 * porting get.go's watch() (staging/src/k8s.io/kubectl/pkg/cmd/get/get.go, v1.32): one resource
 * type only (builder.go: "you may only specify a single resource type"); the list first (nothing with --watch-only, and no "No resources found" when it is
 * empty), then one row per watch event from the list's resourceVersion, through one tabwriter that
 * is flushed after each event and remembers its column widths (cli-runtime printers.GetNewTabWriter:
 * liggitt/tabwriter with RememberWidths, minwidth 6, padding 3). So a row is never narrower than
 * what was printed before, the header comes once, with the first row ever printed, and a wider
 * cell (ContainerCreating) widens its column from then on. --output-watch-events adds the EVENT
 * column (ADDED for the listed objects); -A adds NAMESPACE; -o name prints kind/name per event.
 * Checked against real kubectl watching sim:api (get-watch.test.ts).
 */
import { type FieldRequirement, type LabelRequirement, parseFieldSelector, parseLabelSelector } from "../../api/selectors";
import { storeFor } from "../../api/store";
import { buildTable } from "../../api/table";
import { watchMatcher } from "../../api/http/watch";
import type { KObject, Table } from "../../api/types";
import { parseOutput } from "../../printers/output";
import { tableLines } from "../../printers/table";
import { nextWake, settleThrough } from "../../programs/cluster-clock";
import type { ProgramDef } from "../../programs/types";
import type { CommandContext, ExecResult } from "../../types";
import { apiServer, type Client, errResult, isFailure, statusText } from "./client";
import { boolFlag, flag, type ParsedArgs } from "./flags";
import { labelColumns, withLabelColumns } from "./get-options";
import { listError } from "./get";
import type { ResourceRequest } from "./resolver";

/**
 * get.go watch() asks the builder for SingleResourceType(): several types fail there, with
 * cli-runtime resource/builder.go's text (real kubectl v1.32.3, get-watch.test.ts).
 */
export const MULTIPLE_KINDS = "error: you may only specify a single resource type\n";

export interface GetWatchState {
  apiVersion: string;
  kind: string;
  /** undefined: every namespace (-A) or a cluster-scoped kind */
  namespace?: string;
  /** the objects asked for by name; empty: the collection */
  names: string[];
  labelSelector: string;
  fieldSelector: string;
  output: "table" | "wide" | "name";
  withNamespace: boolean;
  /** --output-watch-events */
  events: boolean;
  noHeaders: boolean;
  showLabels: boolean;
  labelColumns: string[];
  /** the listing, printed at start */
  first: string;
  /** what it printed, its last SHOWN_BYTES: the screen for a tab that attaches */
  shown: string;
  /** the last resourceVersion whose events are printed */
  rv: number;
  /** the tabwriter's remembered column widths */
  widths: number[];
  /** the header is printed with the first row ever */
  headerDone: boolean;
}

const SHOWN_BYTES = 64 * 1024;
/** --output-watch-events: the event type is padded to "MODIFIED"'s width before the tab (real kubectl v1.32.3, get-watch.int.test.ts) */
const EVENT_WIDTH = "MODIFIED".length;
const PADDING = 3;
const MIN_WIDTH = 6;

/** Go counts runes */
const runes = (s: string) => [...s].length;

/** Prints lines of cells through the remembering tabwriter (one Flush); `s.widths` is what it remembers. */
export function flushRows(s: { widths: number[] }, lines: string[][]): string {
  for (const cells of lines)
    for (let j = 0; j < cells.length - 1; j++) s.widths[j] = Math.max(s.widths[j] ?? MIN_WIDTH, runes(cells[j]) + PADDING);
  return lines
    .map((cells) => cells.map((c, j) => (j < cells.length - 1 ? c + " ".repeat(Math.max(0, (s.widths[j] ?? 0) - runes(c))) : c)).join(""))
    .join("\n")
    .concat(lines.length ? "\n" : "");
}

/** The printed lines for objects (an event type each with --output-watch-events), the header first if it is due. */
function render(s: GetWatchState, table: Table, types: string[]): string {
  if (s.output === "name")
    return table.rows.map((r) => `${s.kind.toLowerCase()}${prefixGroup(s.apiVersion)}/${r.cells[0] as string}\n`).join("");
  if (!table.rows.length) return "";
  const opts = { wide: s.output === "wide", withNamespace: s.withNamespace, showLabels: s.showLabels };
  const t = withLabelColumns(table, s.labelColumns);
  const lines = tableLines(t, { ...opts, noHeaders: true });
  if (s.events) lines.forEach((l, i) => l.unshift((types[i] ?? "").padEnd(EVENT_WIDTH)));
  if (!s.headerDone && !s.noHeaders) {
    const header = tableLines({ ...t, rows: [] }, opts)[0];
    lines.unshift(s.events ? ["EVENT", ...header] : header);
  }
  s.headerDone = true;
  return flushRows(s, lines);
}

const prefixGroup = (apiVersion: string) => (apiVersion.includes("/") ? `.${apiVersion.split("/")[0]}` : "");

/**
 * Validates `get -w` and prints the listing; returns the program launch (the listing is also the
 * stdout, the fallback where the terminal cannot be handed over: `kubectl get pods -w | head`).
 */
export function startGetWatch(ctx: CommandContext, c: Client, args: ParsedArgs, requests: ResourceRequest[]): ExecResult {
  if (new Set(requests.map((r) => r.def)).size > 1) return errResult(MULTIPLE_KINDS);
  const req = requests[0];
  const fmt = parseOutput(flag(args, "output"));
  if ("error" in fmt) return errResult(fmt.error);
  if (fmt.kind !== "table" && fmt.kind !== "name")
    return errResult(
      `error: -o ${flag(args, "output") ?? ""} with --watch is not available in this practice cluster (use the table, -o wide or -o name)\n`,
    );
  const r = req.def.resource;
  const labelSelector = flag(args, "selector") ?? "";
  const fieldSelector = flag(args, "field-selector") ?? "";
  const base = { group: r.group, version: r.version, resource: r.resource, namespace: req.namespace };
  const listed: KObject[] = [];
  for (const name of req.names.length ? req.names : [undefined]) {
    const resp = c.request(name === undefined ? { ...base, verb: "list", labelSelector, fieldSelector } : { ...base, verb: "get", name });
    if (isFailure(resp))
      return errResult(statusText(name === undefined ? listError(req, resp.body, labelSelector, fieldSelector) : resp.body));
    if ("items" in resp.body) listed.push(...(resp.body as { items: KObject[] }).items);
    else listed.push(resp.body as KObject);
  }
  const s: GetWatchState = {
    apiVersion: r.group ? `${r.group}/${r.version}` : r.version,
    kind: r.kind,
    ...(req.namespace !== undefined && r.namespaced ? { namespace: req.namespace } : {}),
    names: req.names,
    labelSelector,
    fieldSelector,
    output: fmt.kind === "name" ? "name" : fmt.kind === "table" && fmt.wide ? "wide" : "table",
    withNamespace: boolFlag(args, "all-namespaces") && r.namespaced,
    events: boolFlag(args, "output-watch-events"),
    noHeaders: boolFlag(args, "no-headers"),
    showLabels: boolFlag(args, "show-labels"),
    labelColumns: labelColumns(args),
    first: "",
    shown: "",
    rv: c.api.store.resourceVersion,
    widths: [],
    headerDone: false,
  };
  if (!boolFlag(args, "watch-only")) {
    const table = buildTable(req.def, listed, { now: ctx.now }, String(s.rv));
    s.first = render(
      s,
      table,
      table.rows.map(() => "ADDED"),
    );
  }
  return { stdout: s.first, stderr: "", exitCode: 0, program: { program: "kubectl-get-watch", data: s } };
}

function isState(d: unknown): d is GetWatchState {
  const s = d as Partial<GetWatchState> | null;
  return (
    !!s &&
    typeof s.apiVersion === "string" &&
    typeof s.kind === "string" &&
    Array.isArray(s.names) &&
    typeof s.labelSelector === "string" &&
    typeof s.fieldSelector === "string" &&
    (s.output === "table" || s.output === "wide" || s.output === "name") &&
    typeof s.first === "string" &&
    typeof s.rv === "number" &&
    Array.isArray(s.widths) &&
    Array.isArray(s.labelColumns)
  );
}

/** The rows of the events after s.rv that this watch sees, at time `at`. */
function newRows(s: GetWatchState, cc: CommandContext, at: number, labels: LabelRequirement[], fields: FieldRequirement[]): string {
  const api = apiServer({ ...cc, now: at });
  const def = api.kindOf(s.apiVersion, s.kind);
  const store = storeFor(cc.state);
  const records = store.eventsSince(s.rv, () => true) ?? [];
  s.rv = store.resourceVersion;
  if (!def) return "";
  const matches = watchMatcher(def, s.namespace, undefined, labels, fields);
  let out = "";
  for (const e of records) {
    if (e.type !== "ADDED" && e.type !== "MODIFIED" && e.type !== "DELETED") continue;
    if (!matches(e.key, e.object) || (s.names.length && !s.names.includes(e.object.metadata.name))) continue;
    out += render(s, buildTable(def, [e.object], { now: at }, String(e.rv)), [e.type]);
  }
  return out;
}

const crlf = (t: string) => t.replace(/\n/g, "\r\n");

export const getWatchProgram: ProgramDef<GetWatchState> = {
  name: "kubectl-get-watch",
  unattended: "until-idle",
  parse: (data) => (isState(data) ? structuredClone(data) : null),
  start(s, ctx) {
    s.shown = s.first;
    return { output: crlf(s.first), nextAt: nextWake(ctx.state, ctx.now) };
  },
  async tick(s, ctx) {
    const labels = parseLabelSelector(s.labelSelector);
    const fields = parseFieldSelector(s.fieldSelector);
    if (!Array.isArray(labels) || !Array.isArray(fields)) return { output: "", nextAt: null, exitCode: 1 };
    const cc = ctx.command();
    let out = "";
    await settleThrough(cc, ctx.now, (at) => (out += newRows(s, cc, at, labels, fields)));
    s.shown = (s.shown + out).slice(-SHOWN_BYTES);
    return { output: crlf(out), nextAt: nextWake(ctx.state, ctx.now) };
  },
  interrupt() {
    return { output: "^C\r\n", nextAt: null, exitCode: 130 };
  },
  render(s) {
    return crlf(s.shown);
  },
};
