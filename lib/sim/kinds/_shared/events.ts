/**
 * The Events section of every describer: describe.go DescribeEvents (kubectl v0.32.4), with
 * the events sorted by lastTimestamp as kubectl/pkg/util/event.SortableEvents does (a stable
 * sort: for the short lists of one object Go's insertion sort keeps equal timestamps in order).
 */
import type { KObject } from "../../api/types";
import type { DescribeContext } from "../types";
import { parseTime, translateTimestampSince } from "./describe-helpers";
import { LEVEL_0, LEVEL_1, type PrefixWriter } from "./prefix-writer";

/** core/v1 Event fields DescribeEvents reads (reportingComponent is ReportingController's JSON name). */
export interface CoreEventFields {
  type?: string;
  reason?: string;
  message?: string;
  source?: { component?: string; host?: string };
  reportingComponent?: string;
  reportingInstance?: string;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  count?: number;
  series?: { count?: number; lastObservedTime?: string };
}

export function describeEvents(events: KObject[], w: PrefixWriter, now: number): void {
  if (!events.length) {
    w.write(LEVEL_0, "Events:\t<none>\n");
    return;
  }
  w.flush();
  const sorted = events
    .map((e, i) => [e as KObject & CoreEventFields, i] as const)
    .sort((a, b) => (parseTime(a[0].lastTimestamp) ?? -Infinity) - (parseTime(b[0].lastTimestamp) ?? -Infinity) || a[1] - b[1])
    .map(([e]) => e);
  w.write(LEVEL_0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
  w.write(LEVEL_1, "----\t------\t----\t----\t-------\n");
  for (const e of sorted) {
    const firstSince = e.eventTime ? translateTimestampSince(e.eventTime, now) : translateTimestampSince(e.firstTimestamp, now);
    let interval: string;
    if (e.series) interval = `${translateTimestampSince(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${firstSince})`;
    else if ((e.count ?? 0) > 1) interval = `${translateTimestampSince(e.lastTimestamp, now)} (x${e.count} over ${firstSince})`;
    else interval = firstSince;
    const source = e.source?.component || e.reportingComponent || "";
    w.write(LEVEL_1, `${e.type ?? ""}\t${e.reason ?? ""}\t${interval}\t${source}\t${(e.message ?? "").trim()}\n`);
  }
}

/** The describers' tail: the Events section when --show-events (the default) is on. */
export function describeEventsFor(obj: KObject, ctx: DescribeContext, w: PrefixWriter): void {
  if (ctx.showEvents) describeEvents(ctx.eventsFor(obj), w, ctx.now);
}
