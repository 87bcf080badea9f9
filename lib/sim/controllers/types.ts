/**
 * A controller is a reconciler over the store: given the cluster as it is, it makes one round of
 * changes and says whether it changed anything. settle() (index.ts) runs them to a fixpoint after
 * each command; a later clock-driven event queue can call the same reconcile functions.
 */
import type { ApiServer } from "../api/server";
import type { Vfs } from "../fs/vfs";

export interface ControllerEnv {
  api: ApiServer;
  /** cluster clock, epoch ms */
  now: number;
  random: () => number;
  /** the control plane node's files (the CA the signer and root-ca publisher read) */
  fs: Vfs;
}

export interface Controller {
  name: string;
  /** one round; true when it wrote something */
  reconcile(env: ControllerEnv): boolean | Promise<boolean>;
}
