/**
 * `kubectl events -w` as a foreground program (lib/sim/programs/README.md), porting events.go's
 * runWatch (staging/src/k8s.io/kubectl/pkg/cmd/events/events.go, v1.32): a watch of core/v1
 * events with no resourceVersion (the apiserver's ADDED for every event there is, in key order,
 * then each new or changed one), DELETED ones skipped ("events are deleted after 1 hour; don't
 * print that"), --types filtered on the client; each event printed by event_printer.go's
 * EventPrinter (the header once, with the first event) through printers.GetNewTabWriter, flushed
 * after every event: so each flush aligns only its own rows, never narrower than the widths the
 * tabwriter remembers (get-watch.ts flushRows). The LAST SEEN cell is computed by kubectl when it
 * prints the event.
 */
import { parseFieldSelector } from "../../api/selectors";
import { storeFor } from "../../api/store";
import { watchMatcher } from "../../api/http/watch";
import { nextWake, settleThrough } from "../../programs/cluster-clock";
import type { ProgramDef } from "../../programs/types";
import type { CommandContext, ExecResult } from "../../types";
import { apiServer, type Client, errResult, isFailure, statusText } from "./client";
import { eventCells, eventHeader, type EventObject } from "./events";
import { flushRows } from "./get-watch";

export interface EventsWatchState {
  /** undefined: every namespace (-A) */
  namespace?: string;
  /** --for as involvedObject.kind/involvedObject.name */
  fieldSelector: string;
  /** --types, compared case-insensitively */
  types: string[];
  noHeaders: boolean;
  /** the first events, printed at start */
  first: string;
  /** what it printed, its last SHOWN_BYTES: the screen for a tab that attaches */
  shown: string;
  /** the last resourceVersion whose events are printed */
  rv: number;
  /** the tabwriter's remembered column widths */
  widths: number[];
  headerDone: boolean;
}

const SHOWN_BYTES = 64 * 1024;
const EVENTS = { group: "", resource: "events" };

/** One event as PrintObj prints it, then w.Flush(). */
function printEvent(s: EventsWatchState, e: EventObject, now: number): string {
  if (s.types.length && !s.types.some((t) => t.toLowerCase() === (e.type ?? "").toLowerCase())) return "";
  const all = s.namespace === undefined;
  const lines = [eventCells(e, now, all)];
  if (!s.noHeaders && !s.headerDone) lines.unshift(eventHeader(all));
  s.headerDone = true;
  return flushRows(s, lines);
}

/** Validates the watch (authorized as a list with the same selector) and prints the events there are. */
export function startEventsWatch(
  ctx: CommandContext,
  c: Client,
  o: { namespace: string | undefined; fieldSelector: string; types: string[]; noHeaders: boolean },
): ExecResult {
  const r = c.request({
    verb: "list",
    resource: "events",
    namespace: o.namespace,
    ...(o.fieldSelector ? { fieldSelector: o.fieldSelector } : {}),
  });
  if (isFailure(r)) return errResult(statusText(r.body));
  const s: EventsWatchState = {
    ...(o.namespace !== undefined ? { namespace: o.namespace } : {}),
    fieldSelector: o.fieldSelector,
    types: o.types,
    noHeaders: o.noHeaders,
    first: "",
    shown: "",
    rv: c.api.store.resourceVersion,
    widths: [],
    headerDone: false,
  };
  for (const e of (r.body as { items?: EventObject[] }).items ?? []) s.first += printEvent(s, e, ctx.now);
  return { stdout: s.first, stderr: "", exitCode: 0, program: { program: "kubectl-events-watch", data: s } };
}

function isState(d: unknown): d is EventsWatchState {
  const s = d as Partial<EventsWatchState> | null;
  return (
    !!s &&
    typeof s.fieldSelector === "string" &&
    Array.isArray(s.types) &&
    typeof s.first === "string" &&
    typeof s.rv === "number" &&
    Array.isArray(s.widths) &&
    typeof s.headerDone === "boolean"
  );
}

/** The rows of the events recorded or changed after s.rv, at time `at`. */
function newRows(s: EventsWatchState, cc: CommandContext, at: number): string {
  const api = apiServer({ ...cc, now: at });
  const def = api.kindOf("v1", "Event");
  const fields = parseFieldSelector(s.fieldSelector);
  const store = storeFor(cc.state);
  const records = store.eventsSince(s.rv, (k) => k.startsWith(`${EVENTS.group}/${EVENTS.resource}/`)) ?? [];
  s.rv = store.resourceVersion;
  if (!def || !Array.isArray(fields)) return "";
  const matches = watchMatcher(def, s.namespace, undefined, [], fields);
  let out = "";
  for (const e of records) {
    if (e.type !== "ADDED" && e.type !== "MODIFIED") continue;
    if (matches(e.key, e.object)) out += printEvent(s, e.object, at);
  }
  return out;
}

const crlf = (t: string) => t.replace(/\n/g, "\r\n");

export const eventsWatchProgram: ProgramDef<EventsWatchState> = {
  name: "kubectl-events-watch",
  unattended: "until-idle",
  parse: (data) => (isState(data) ? structuredClone(data) : null),
  start(s, ctx) {
    s.shown = s.first;
    return { output: crlf(s.first), nextAt: nextWake(ctx.state, ctx.now) };
  },
  async tick(s, ctx) {
    const cc = ctx.command();
    let out = "";
    await settleThrough(cc, ctx.now, (at) => (out += newRows(s, cc, at)));
    s.shown = (s.shown + out).slice(-SHOWN_BYTES);
    return { output: crlf(out), nextAt: nextWake(ctx.state, ctx.now) };
  },
  interrupt() {
    // runWatch's interrupt.New(nil, cancel): the default final handler is os.Exit(1) (util/interrupt/interrupt.go; real kubectl v1.32.4 exits 1)
    return { output: "^C\r\n", nextAt: null, exitCode: 1 };
  },
  render(s) {
    return crlf(s.shown);
  },
};
