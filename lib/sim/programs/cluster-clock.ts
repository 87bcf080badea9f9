/**
 * What programs that follow the cluster (kubectl get -w, logs -f, wait, rollout status) share: they
 * bring the controllers up to the program's clock one queued event at a time, so each change is
 * seen at the time it happened (a pod's ContainerCreating and Running rows carry their own ages),
 * and they wake at the next queued event instead of polling.
 */
import { settle } from "../controllers";
import { nextDue } from "../time/timeline";
import type { ClusterState, CommandContext } from "../types";

/**
 * An idle follower (nothing queued) still wakes this often: a change nobody scheduled (a course's
 * time travel) is then seen within a minute, at the cost of one cheap step a minute.
 */
export const IDLE_WAKE_MS = 60_000;
/** Event times one step may settle through (the settle itself bounds the events it runs). */
const MAX_EVENT_TIMES = 1000;

/** Settles the controllers up to `now`, one due event time after another; `seen(at)` runs after each time. */
export async function settleThrough(cc: CommandContext, now: number, seen: (at: number) => void): Promise<void> {
  for (let n = 0, due = nextDue(cc.state); due !== undefined && due <= now && n < MAX_EVENT_TIMES; n++, due = nextDue(cc.state)) {
    await settle({ ...cc, now: due });
    seen(due);
  }
  await settle({ ...cc, now });
  seen(now);
}

/** When a follower wakes next: the next queued event, at the latest IDLE_WAKE_MS from now, never before `floor`. */
export function nextWake(state: ClusterState, now: number, floor = now): number {
  const due = nextDue(state);
  const at = due === undefined ? now + IDLE_WAKE_MS : Math.min(due, now + IDLE_WAKE_MS);
  return Math.max(at, floor, now);
}
