/**
 * `kubectl events` (staging/src/k8s.io/kubectl/pkg/cmd/events/events.go, v1.32): core/v1 events of
 * the namespace (or every one with -A), `--for TYPE/NAME` as the field selector
 * involvedObject.kind/involvedObject.name, `--types` filtered on the client (case-insensitive),
 * sorted by SortableEvents (series.lastObservedTime, else lastTimestamp, else eventTime) with Go's
 * unstable sort.Sort, printed by event_printer.go's EventPrinter through the get tabwriter, or as
 * an EventList for -o. `-w` is a program of its own (events-watch.ts).
 */
import type { KObject } from "../../api/types";
import { translateTimestampSince, parseTime } from "../../kinds/_shared/describe-helpers";
import { parseOutput, printStructured } from "../../printers/output";
import { GET_TABWRITER, tabwrite } from "../../printers/tabwriter";
import type { CommandContext, ExecResult } from "../../types";
import { errResult, isFailure, openClient, statusText } from "./client";
import { boolFlag, flag } from "./flags";
import { META_ORDER } from "../../api/meta";
import { goMap, sliceFlag, typedJson } from "./generate";
import { templateOf } from "./get-options";
import { goSort } from "./gosort";
import { executeGoTemplate, TemplateError } from "./gotemplate";
import { resolveResource } from "./resources";
import { isResult, parseVerb } from "./session";
import { startEventsWatch } from "./events-watch";

export interface EventObject extends KObject {
  involvedObject?: { kind?: string; name?: string };
  reason?: string;
  message?: string;
  type?: string;
  count?: number;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string };
}

/** Go's zero time.Time sorts before every real one. */
const ZERO_TIME = -62135596800000;

/** events.go eventTime(): what SortableEvents compares. */
function sortTime(e: EventObject): number {
  if (e.series) return parseTime(e.series.lastObservedTime) ?? ZERO_TIME;
  return parseTime(e.lastTimestamp) ?? parseTime(e.eventTime) ?? ZERO_TIME;
}

/** event_printer.go escapeCell: a cell ends at its first \f, \n or \r, marked with "...". */
function escapeCell(s: string | undefined): string {
  const v = s ?? "";
  const i = v.search(/[\f\n\r]/);
  return i >= 0 ? `${v.slice(0, i)}...` : v;
}

/** event_printer.go getInterval, at the cluster clock. */
function interval(e: EventObject, now: number): string {
  const since = (t: unknown) => translateTimestampSince(t, now);
  const first = e.eventTime ? since(e.eventTime) : since(e.firstTimestamp);
  if (e.series) return `${since(e.series.lastObservedTime)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp)} (x${e.count ?? 0} over ${first})`;
  return first;
}

/** event_printer.go printHeadings. */
export function eventHeader(allNamespaces: boolean): string[] {
  return [...(allNamespaces ? ["NAMESPACE"] : []), "LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"];
}

/** event_printer.go printOneEvent: the cells of one event's row at `now`. */
export function eventCells(e: EventObject, now: number, allNamespaces: boolean): string[] {
  const io = e.involvedObject ?? {};
  return [
    ...(allNamespaces ? [e.metadata.namespace ?? ""] : []),
    interval(e, now),
    escapeCell(e.type),
    escapeCell(e.reason),
    `${escapeCell(io.kind)}/${escapeCell(io.name)}`,
    escapeCell((e.message ?? "").trim()),
  ];
}

function printTable(events: EventObject[], now: number, allNamespaces: boolean, noHeaders: boolean): string {
  const lines = noHeaders ? [] : [eventHeader(allNamespaces).join("\t")];
  for (const e of events) lines.push(eventCells(e, now, allNamespaces).join("\t"));
  return lines.length ? tabwrite(lines.join("\n") + "\n", GET_TABWRITER) : "";
}

/** The object in resource/name form (events.go decodeResourceTypeName); a string is kubectl's error. */
function forObject(c: { api: Parameters<typeof resolveResource>[0] }, s: string): { kind: string; name: string } | string {
  if (!s.includes("/")) return "error: --for must be in resource/name form\n";
  const seg = s.split("/");
  if (seg.length !== 2) return "error: arguments in resource/name form may not have more than one slash\n";
  const def = resolveResource(c.api, seg[0]);
  // the RESTMapper's NoResourceMatchError goes to checkErr as it is, without "error: " (real kubectl v1.32.3)
  if (!def) return `the server doesn't have a resource type "${seg[0]}"\n`;
  return { kind: def.resource.kind, name: seg[1] };
}

export function runEvents(ctx: CommandContext, argv: string[]): ExecResult {
  const args = parseVerb(ctx, "events", argv);
  if (isResult(args)) return args;
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  const all = boolFlag(args, "all-namespaces");
  const forFlag = flag(args, "for") ?? "";
  const target = forFlag ? forObject(c, forFlag) : undefined;
  if (typeof target === "string") return errResult(target);
  const tmpl = templateOf(ctx, args);
  if (tmpl && "error" in tmpl) return errResult(tmpl.error);
  const output = flag(args, "output") ?? "";
  const fmt = parseOutput(tmpl ? undefined : output);
  if ("error" in fmt) return errResult(fmt.error);
  // events.go's PrintFlags: no table formats and no custom columns
  if ((fmt.kind === "table" && output && !tmpl) || fmt.kind === "custom-columns")
    return errResult(
      `error: unable to match a printer suitable for the output format "${output}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n`,
    );
  const types = sliceFlag(args, "types");
  if (types.some((t) => !/^(normal|warning)$/i.test(t))) return errResult("error: valid --types are Normal or Warning\n");
  const fieldSelector = target ? `involvedObject.kind=${target.kind},involvedObject.name=${target.name}` : "";
  if (boolFlag(args, "watch")) {
    if (output || tmpl) return errResult(`error: -o ${output} with --watch is not available in this practice cluster (use the table)\n`);
    return startEventsWatch(ctx, c, {
      namespace: all ? undefined : c.namespace,
      fieldSelector,
      types,
      noHeaders: boolFlag(args, "no-headers"),
    });
  }

  const r = c.request({
    verb: "list",
    resource: "events",
    namespace: all ? undefined : c.namespace,
    ...(fieldSelector ? { fieldSelector } : {}),
  });
  if (isFailure(r)) return errResult(statusText(r.body));
  const events = ((r.body as { items?: EventObject[] }).items ?? [])
    .filter((e) => !types.length || types.some((t) => t.toLowerCase() === (e.type ?? "").toLowerCase()))
    .map((e) => ({ ...e, apiVersion: e.apiVersion ?? "v1", kind: e.kind ?? "Event" }));
  if (!events.length)
    return { stdout: "", stderr: all ? "No events found.\n" : `No events found in ${c.namespace} namespace.\n`, exitCode: 0 };
  goSort({
    len: events.length,
    less: (i, j) => sortTime(events[i]) < sortTime(events[j]),
    swap: (i, j) => ([events[i], events[j]] = [events[j], events[i]]),
  });
  if (fmt.kind === "table" && !tmpl)
    return { stdout: printTable(events, ctx.now, all, boolFlag(args, "no-headers")), stderr: "", exitCode: 0 };
  const list = {
    kind: "EventList",
    apiVersion: "v1",
    metadata: {},
    items: events.map(withoutManagedFields(boolFlag(args, "show-managed-fields"))),
  };
  if (tmpl) {
    try {
      return { stdout: executeGoTemplate(tmpl.template, list), stderr: "", exitCode: 0 };
    } catch (e) {
      if (e instanceof TemplateError) return errResult(`error: error parsing template ${tmpl.template}, ${e.message}\n`);
      throw e;
    }
  }
  // real kubectl v1.32.3 prints nothing for `events -o name` (the conformance corpus checks it)
  if (fmt.kind === "name") return { stdout: "", stderr: "", exitCode: 0 };
  if (fmt.kind === "json") return { stdout: typedJson(typedEventList(list)), stderr: "", exitCode: 0 };
  // printStructured prints `list` as the one object it is (PrintFlags' printers see the EventList)
  if (fmt.kind === "table") return errResult("error: no printer\n");
  const out = printStructured(fmt, [list], true, () => "event");
  return { stdout: out.stdout, stderr: out.stderr ?? "", exitCode: out.stderr ? 1 : 0 };
}

function withoutManagedFields(keep: boolean): (e: EventObject) => EventObject {
  return (e) => {
    if (keep || !("managedFields" in e.metadata)) return e;
    const { managedFields: _dropped, ...metadata } = e.metadata as KObject["metadata"] & { managedFields?: unknown };
    return { ...e, metadata };
  };
}

// core/v1 types.go field order, which json.MarshalIndent of the typed EventList keeps
const EVENT_ORDER = [
  "kind",
  "apiVersion",
  "metadata",
  "involvedObject",
  "reason",
  "message",
  "source",
  "firstTimestamp",
  "lastTimestamp",
  "count",
  "type",
  "eventTime",
  "series",
  "action",
  "related",
  "reportingComponent",
  "reportingInstance",
];
const REFERENCE_ORDER = ["kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"];
const NESTED_ORDER: Record<string, string[]> = {
  metadata: META_ORDER,
  involvedObject: REFERENCE_ORDER,
  related: REFERENCE_ORDER,
  source: ["component", "host"],
  series: ["count", "lastObservedTime"],
};

function ordered(o: Record<string, unknown>, order: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of order) if (k in o) out[k] = o[k];
  for (const k of Object.keys(o)) if (!(k in out)) out[k] = o[k];
  return out;
}

function typedEvent(e: EventObject): Record<string, unknown> {
  const top = ordered(e, EVENT_ORDER);
  for (const [k, order] of Object.entries(NESTED_ORDER)) {
    const v = top[k];
    if (v && typeof v === "object") top[k] = ordered(v as Record<string, unknown>, order);
  }
  const meta = top.metadata as Record<string, unknown>;
  for (const m of ["labels", "annotations"]) if (meta[m]) meta[m] = goMap(meta[m] as Record<string, string>);
  return top;
}

function typedEventList(list: { items: EventObject[] }): Record<string, unknown> {
  return { kind: "EventList", apiVersion: "v1", metadata: {}, items: list.items.map(typedEvent) };
}
