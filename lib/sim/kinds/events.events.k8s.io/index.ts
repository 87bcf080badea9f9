/**
 * events.k8s.io/v1 events: the same stored objects as core/v1 events, seen through the
 * conversions of pkg/apis/events/v1/conversion.go (regarding <-> involvedObject, note <->
 * message, deprecatedSource/FirstTimestamp/LastTimestamp/Count <-> source/firstTimestamp/
 * lastTimestamp/count, reportingController <-> reportingComponent).
 * Discovery: pkg/registry/events/rest/storage_events.go reuses the core event storage
 * (ShortNames "ev"), api/discovery/apis__events.k8s.io__v1.json. Validation: ValidateEventCreate
 * for request version events.k8s.io/v1 (legacy checks plus the strict ones). The table is the
 * core printer's (printEvent on the internal core.Event).
 */
import { invalid, required, type FieldError } from "../../api/field";
import type { KindDef } from "../types";
import type { ObjectReference, Typed } from "../_shared/core-types";
import { resourceInfo } from "../_shared/discovery";
import { eventTable, legacyValidateEvent, type Event as CoreEventObject } from "../events";

export interface EventsV1 {
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string };
  reportingController?: string;
  reportingInstance?: string;
  action?: string;
  reason?: string;
  regarding?: ObjectReference;
  related?: ObjectReference;
  note?: string;
  type?: string;
  deprecatedSource?: { component?: string; host?: string };
  deprecatedFirstTimestamp?: string | null;
  deprecatedLastTimestamp?: string | null;
  deprecatedCount?: number;
}
export type EventV1 = Typed<EventsV1>;

const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** The core/v1 view of an events.k8s.io/v1 object. */
export function eventsV1ToCore(e: EventV1): CoreEventObject {
  return defined({
    apiVersion: "v1",
    kind: "Event",
    metadata: e.metadata,
    involvedObject: e.regarding ?? {},
    reason: e.reason,
    message: e.note,
    source: e.deprecatedSource ?? {},
    firstTimestamp: e.deprecatedFirstTimestamp ?? null,
    lastTimestamp: e.deprecatedLastTimestamp ?? null,
    count: e.deprecatedCount,
    type: e.type,
    eventTime: e.eventTime ?? null,
    series: e.series,
    action: e.action,
    related: e.related,
    reportingComponent: e.reportingController ?? "",
    reportingInstance: e.reportingInstance ?? "",
  });
}

/** The events.k8s.io/v1 view of a core/v1 event. */
export function coreToEventsV1(e: CoreEventObject): EventV1 {
  return defined({
    apiVersion: "events.k8s.io/v1",
    kind: "Event",
    metadata: e.metadata,
    eventTime: e.eventTime ?? null,
    series: e.series,
    reportingController: e.reportingComponent || undefined,
    reportingInstance: e.reportingInstance || undefined,
    action: e.action,
    reason: e.reason,
    regarding: e.involvedObject,
    related: e.related,
    note: e.message,
    type: e.type,
    deprecatedSource: e.source,
    deprecatedFirstTimestamp: e.firstTimestamp ?? null,
    deprecatedLastTimestamp: e.lastTimestamp ?? null,
    deprecatedCount: e.count,
  });
}

/** ValidateEventCreate (events.k8s.io/v1): the legacy checks, then eventTime, type, and no deprecated fields. */
function validateEventV1(e: EventV1): FieldError[] {
  const errs = legacyValidateEvent(eventsV1ToCore(e), "reportingController");
  if (e.series) {
    if ((e.series.count ?? 0) < 2) errs.push(invalid("series.count", "", "should be at least 2"));
    if (!e.series.lastObservedTime) errs.push(required("series.lastObservedTime"));
  }
  if (!e.eventTime) errs.push(required("eventTime"));
  if (e.type !== "Normal" && e.type !== "Warning") errs.push(invalid("type", "", `has invalid value: ${e.type ?? ""}`));
  if (e.deprecatedFirstTimestamp) errs.push(invalid("deprecatedFirstTimestamp", "", "needs to be unset"));
  if (e.deprecatedLastTimestamp) errs.push(invalid("deprecatedLastTimestamp", "", "needs to be unset"));
  if (e.deprecatedCount) errs.push(invalid("deprecatedCount", "", "needs to be unset"));
  if (e.deprecatedSource?.component || e.deprecatedSource?.host) errs.push(invalid("deprecatedSource", "", "needs to be unset"));
  return errs;
}

export const eventsV1: KindDef<EventV1> = {
  resource: resourceInfo("events.k8s.io/v1", "Event", "events", true, { shortNames: ["ev"] }),
  validate: validateEventV1,
  validateUpdate: (e) => legacyValidateEvent(eventsV1ToCore(e), "reportingController"),
  table: { columns: eventTable.columns, rows: (e, ctx) => eventTable.rows(eventsV1ToCore(e), ctx) },
  selectableFields(e) {
    // field labels of events.k8s.io/v1 are converted to the core names before filtering
    const core = eventsV1ToCore(e);
    const io = core.involvedObject ?? {};
    return {
      "regarding.kind": io.kind ?? "",
      "regarding.namespace": io.namespace ?? "",
      "regarding.name": io.name ?? "",
      "regarding.uid": io.uid ?? "",
      "regarding.apiVersion": io.apiVersion ?? "",
      "regarding.resourceVersion": io.resourceVersion ?? "",
      "regarding.fieldPath": io.fieldPath ?? "",
      reason: core.reason ?? "",
      reportingController: core.reportingComponent ?? "",
      type: core.type ?? "",
    };
  },
};
