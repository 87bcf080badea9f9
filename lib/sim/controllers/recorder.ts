/**
 * The event recorder of the controllers and the kubelet (client-go tools/record): core/v1 Events
 * named `<object>.<hex nanoseconds>`, aggregated as the EventCorrelator does (same source, object,
 * type, reason and message → count+1 and a new lastTimestamp on the same Event). The scheduler
 * writes events.k8s.io-style events (eventTime, reportingController, action; no count), as
 * pkg/scheduler does through the new events API. The apiserver keeps events for an hour
 * (kube-apiserver --event-ttl=1h): expireEvents drops the older ones.
 */
import { cachedList } from "./informer";
import { newUid, rfc3339 } from "../api/meta";
import type { KObject } from "../api/types";
import type { ControllerEnv } from "./types";

const EVENTS = { group: "", resource: "events" };
const EVENT_TTL_MS = 60 * 60 * 1000;

/** Per cluster: the aggregation index (correlation key → event key), built when something first records. */
interface RecorderIndex {
  byKey: Map<string, string>;
}
const indexes = new WeakMap<object, RecorderIndex>();
/** Per cluster: when the oldest event expires (unknown after a restore: the first settle looks). */
const nextExpiry = new WeakMap<object, number>();

function indexOf(env: ControllerEnv): RecorderIndex {
  const objects = env.state.objects;
  let idx = indexes.get(objects);
  if (!idx) {
    idx = { byKey: new Map() };
    for (const e of cachedList(env.api.store, EVENTS)) idx.byKey.set(correlationKey(e), objectKeyOf(e));
    indexes.set(objects, idx);
  }
  return idx;
}

function noteExpiry(env: ControllerEnv): void {
  const cur = nextExpiry.get(env.state.objects);
  if (cur !== undefined) nextExpiry.set(env.state.objects, Math.min(cur, env.now + EVENT_TTL_MS + 1));
}

const objectKeyOf = (e: KObject) => `/events/${e.metadata.namespace ?? ""}/${e.metadata.name}`;

/** EventCorrelator's aggregation key: source, involved object (and field), type, reason, message. */
function correlationKey(e: KObject): string {
  const io = (e.involvedObject ?? {}) as { uid?: string; fieldPath?: string };
  const src = (e.source ?? {}) as { component?: string };
  return [io.uid ?? "", io.fieldPath ?? "", e.type, e.reason, e.message, src.component ?? e.reportingComponent ?? ""].join("\u0000");
}

export interface EventSource {
  component: string;
  /** the node, for the kubelet */
  host?: string;
}

export interface InvolvedRef {
  obj: KObject;
  /** "spec.containers{nginx}" */
  fieldPath?: string;
}

const microTime = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");

/**
 * `<name>.<unix nanoseconds in hex>`, as client-go names events; the sub-millisecond part follows
 * the store's revision so events of one instant keep their order (the list is in name order).
 */
function eventName(involved: string, ms: number, revision: number): string {
  const ns = BigInt(ms) * 1_000_000n + BigInt(revision % 1_000_000);
  return `${involved}.${ns.toString(16)}`;
}

function reference(r: InvolvedRef): Record<string, unknown> {
  const m = r.obj.metadata;
  // a reference made by hand (the kubelet's nodeRef) has no apiVersion or resourceVersion
  return {
    ...(r.obj.apiVersion ? { apiVersion: r.obj.apiVersion } : {}),
    ...(r.fieldPath ? { fieldPath: r.fieldPath } : {}),
    kind: r.obj.kind,
    name: m.name,
    ...(m.namespace ? { namespace: m.namespace } : {}),
    ...(m.resourceVersion ? { resourceVersion: m.resourceVersion } : {}),
    uid: m.uid,
  };
}

export function recordEvent(
  env: ControllerEnv,
  involved: InvolvedRef,
  type: "Normal" | "Warning",
  reason: string,
  message: string,
  source: EventSource,
  /** how many times it happened, the last at env.now (a stretch of identical probe failures jumped at once) */
  occurrences = 1,
): void {
  const store = env.api.store;
  const ns = involved.obj.metadata.namespace ?? "default";
  const t = rfc3339(env.now);
  const idx = indexOf(env);
  const key = [involved.obj.metadata.uid, involved.fieldPath ?? "", type, reason, message, source.component].join("\u0000");
  const existing = idx.byKey.get(key);
  const e = existing ? store.getByKey(existing) : undefined;
  noteExpiry(env);
  if (e) {
    const next = structuredClone(e);
    next.count = ((e.count as number | undefined) ?? 1) + occurrences;
    next.lastTimestamp = t;
    store.put(EVENTS, next);
    return;
  }
  const stored = store.put(EVENTS, {
    apiVersion: "v1",
    kind: "Event",
    metadata: {
      name: eventName(involved.obj.metadata.name, env.now, store.resourceVersion),
      namespace: ns,
      uid: newUid(env.random),
      resourceVersion: "",
      creationTimestamp: t,
    },
    involvedObject: reference(involved),
    reason,
    message,
    source: { component: source.component, ...(source.host ? { host: source.host } : {}) },
    firstTimestamp: t,
    lastTimestamp: t,
    count: occurrences,
    type,
    eventTime: null,
    reportingComponent: source.component,
    reportingInstance: source.host ?? "",
  });
  idx.byKey.set(key, objectKeyOf(stored));
}

/** The scheduler's events (events.k8s.io/v1 through the core/v1 view): eventTime, action, no count. */
export function recordSchedulerEvent(
  env: ControllerEnv,
  pod: KObject,
  type: "Normal" | "Warning",
  reason: string,
  action: string,
  message: string,
): void {
  const store = env.api.store;
  const ns = pod.metadata.namespace ?? "default";
  const idx = indexOf(env);
  const key = [pod.metadata.uid, "", type, reason, message, "default-scheduler"].join("\u0000");
  const existing = idx.byKey.get(key);
  const e = existing ? store.getByKey(existing) : undefined;
  noteExpiry(env);
  if (e) {
    // the new events API counts repeats in a series
    const next = structuredClone(e);
    const series = (e.series as { count: number } | undefined) ?? { count: 1 };
    next.series = { count: series.count + 1, lastObservedTime: microTime(env.now) };
    store.put(EVENTS, next);
    return;
  }
  const stored = store.put(EVENTS, {
    apiVersion: "v1",
    kind: "Event",
    metadata: {
      name: eventName(pod.metadata.name, env.now, store.resourceVersion),
      namespace: ns,
      uid: newUid(env.random),
      resourceVersion: "",
      creationTimestamp: rfc3339(env.now),
    },
    involvedObject: reference({ obj: pod }),
    reason,
    message,
    source: {},
    firstTimestamp: null,
    lastTimestamp: null,
    type,
    eventTime: microTime(env.now),
    action,
    reportingComponent: "default-scheduler",
    reportingInstance: "default-scheduler-controlplane",
  });
  idx.byKey.set(key, objectKeyOf(stored));
}

/** Drops events whose last write is more than --event-ttl ago; true when it removed any. */
export function expireEvents(env: ControllerEnv): boolean {
  const due = nextExpiry.get(env.state.objects);
  if (due !== undefined && env.now < due) return false;
  const store = env.api.store;
  const idx = indexes.get(env.state.objects);
  let changed = false;
  let next = Infinity;
  for (const e of cachedList(store, EVENTS)) {
    const times = e as { series?: { lastObservedTime?: string }; lastTimestamp?: string | null; eventTime?: string | null };
    const last = Date.parse(times.series?.lastObservedTime ?? times.lastTimestamp ?? times.eventTime ?? e.metadata.creationTimestamp);
    if (!Number.isFinite(last)) continue;
    if (last + EVENT_TTL_MS < env.now) {
      store.remove(EVENTS, e.metadata.namespace, e.metadata.name);
      idx?.byKey.delete(correlationKey(e));
      changed = true;
    } else next = Math.min(next, last + EVENT_TTL_MS + 1);
  }
  nextExpiry.set(env.state.objects, next);
  return changed;
}
