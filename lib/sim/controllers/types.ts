/**
 * A controller is a reconciler over the store: given the cluster as it is, it makes one round of
 * changes and says whether it changed anything. settle() (index.ts) runs them to a fixpoint after
 * each command and after each timed event (time/timeline.ts) at that event's time.
 */
import type { ApiServer } from "../api/server";
import type { WatchRecord } from "../api/store";
import type { Vfs } from "../fs/vfs";
import type { TimedEvent } from "../time/timeline";
import type { ClusterState } from "../types";

export interface ControllerEnv {
  api: ApiServer;
  /** cluster clock, epoch ms: the settle's now, or the due event's time */
  now: number;
  random: () => number;
  /** the control plane node's files (the CA the signer and root-ca publisher read) */
  fs: Vfs;
  /** for the timeline (what is due later) and cluster facts */
  state: ClusterState;
  /** the time the current settle brings the cluster to (handlers may jump exactly-predictable stretches up to it) */
  horizon: number;
}

export interface Controller {
  name: string;
  /**
   * One round; true when it wrote something. `changes`: the store's writes since this controller
   * last ran (as an informer delivers them), so it can look at just those objects; undefined means
   * "look at everything" (the first run after a restore, or more writes than the watch log keeps).
   */
  reconcile(env: ControllerEnv, changes?: WatchRecord[]): boolean | Promise<boolean>;
  /** which writes concern it; absent: every write (it runs whenever anything changed) */
  relevant?(rec: WatchRecord): boolean;
}

/** What happens when a timed event of one owner is due. */
export type TimedHandler = (env: ControllerEnv, ev: TimedEvent) => void;
