/**
 * A controller is a reconciler over the store: given the cluster as it is, it makes one round of
 * changes and says whether it changed anything. settle() (index.ts) runs them to a fixpoint after
 * each command and after each timed event (time/timeline.ts) at that event's time.
 */
import type { ApiServer } from "../api/server";
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
  /** one round; true when it wrote something */
  reconcile(env: ControllerEnv): boolean | Promise<boolean>;
}

/** What happens when a timed event of one owner is due. */
export type TimedHandler = (env: ControllerEnv, ev: TimedEvent) => void;
