/**
 * The cluster's timed event queue: a deterministic discrete-event simulation on the cluster clock.
 * Controllers schedule what happens later (an image pull finishing at t+2.4 s, a back-off
 * expiring, a progress deadline); settle() (controllers/index.ts) pops the due events in time order
 * and runs each at its own time, so objects carry the times things happened, not the time a
 * learner next typed. Nothing ticks: after a day away the queue jumps from one due event to the
 * next. The queue is part of ClusterState (optional: states saved before it have none), so a
 * restored cluster continues exactly where the original would have.
 */
import type { ClusterState } from "../types";

/** Who handles an event; each handler is an exhaustive case of controllers/index.ts dispatch. */
export const TIMED_EVENT_OWNERS = [
  "kubelet",
  "deployment",
  "scheduler",
  "static-pods",
  "cronjob",
  "node-monitor",
  "horizontal-pod-autoscaler",
] as const;
export type TimedEventOwner = (typeof TIMED_EVENT_OWNERS)[number];

export interface TimedEvent {
  /** cluster clock, epoch ms */
  at: number;
  /** insertion order: ties on `at` run first-scheduled first */
  seq: number;
  owner: TimedEventOwner;
  /** the store key of the object concerned */
  key: string;
  /** the object's uid when scheduled: a replaced object (same name, new uid) ignores stale events */
  uid: string;
  /** what is due ("sandbox", "pulled", "exit", ...): the owner's own vocabulary */
  step: string;
  /** a container name, for per-container steps */
  container?: string;
  /** back-off round (image pulls, crash restarts): 0 for the first try */
  attempt?: number;
  /** the exact time (ms) of what caused the event (a container's exit): object timestamps keep whole seconds only */
  since?: number;
  /** an HPA's recent recommendations, [epoch ms, replicas] (controllers/horizontal-pod-autoscaler.ts) */
  recommendations?: [number, number][];
}

export interface Timeline {
  nextSeq: number;
  /** sorted by (at, seq) */
  events: TimedEvent[];
}

export function timelineOf(state: ClusterState): Timeline {
  state.timeline ??= { nextSeq: 1, events: [] };
  return state.timeline;
}

const before = (a: TimedEvent, b: TimedEvent) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/** Adds an event; the list stays sorted (binary search: a queue holds tens of events, not thousands). */
export function schedule(state: ClusterState, ev: Omit<TimedEvent, "seq">): void {
  const tl = timelineOf(state);
  const e: TimedEvent = { ...ev, seq: tl.nextSeq++ };
  let lo = 0;
  let hi = tl.events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(tl.events[mid], e)) lo = mid + 1;
    else hi = mid;
  }
  tl.events.splice(lo, 0, e);
}

/** Removes and returns the earliest event due at or before `now`. */
export function popDue(state: ClusterState, now: number): TimedEvent | undefined {
  const tl = state.timeline;
  if (!tl || !tl.events.length || tl.events[0].at > now) return undefined;
  return tl.events.shift();
}

/** Drops the events of one object (deleted, or its owner rescheduling from scratch). */
export function cancel(state: ClusterState, key: string, filter: (e: TimedEvent) => boolean = () => true): void {
  const tl = state.timeline;
  if (tl) tl.events = tl.events.filter((e) => e.key !== key || !filter(e));
}

export function nextDue(state: ClusterState): number | undefined {
  return state.timeline?.events[0]?.at;
}

/** Validation of a saved timeline (core/state-schema.ts): a problem's name or undefined. */
export function timelineProblem(t: unknown): string | undefined {
  if (t === undefined) return undefined;
  const ok =
    typeof t === "object" &&
    t !== null &&
    Number.isInteger((t as Timeline).nextSeq) &&
    Array.isArray((t as Timeline).events) &&
    (t as Timeline).events.every(
      (e) =>
        typeof e === "object" &&
        e !== null &&
        Number.isFinite(e.at) &&
        Number.isInteger(e.seq) &&
        typeof e.key === "string" &&
        typeof e.step === "string" &&
        typeof e.uid === "string" &&
        (TIMED_EVENT_OWNERS as readonly string[]).includes(e.owner),
    );
  return ok ? undefined : "timeline";
}
