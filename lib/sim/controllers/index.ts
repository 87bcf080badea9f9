/**
 * The simulated control plane's loops: the controllers of kube-controller-manager, the scheduler
 * and the kubelets, as reconcilers over the store (types.ts), plus the timed event queue
 * (time/timeline.ts). settle(ctx) brings the cluster up to ctx.now: it pops each due event in time
 * order, runs it and then the reconcilers to a fixpoint at that event's time, and finally runs the
 * reconcilers at now. Nothing ticks while nobody looks: after a day away the queue jumps from one
 * due event to the next, and most pods have none left.
 */
import { apiServer } from "../commands/kubectl/client";
import { kubelet, kubeletTimed } from "../kubelet/kubelet";
import { staticPodsTimed, watchManifests } from "../kubelet/static-pods";
import { scheduler } from "../scheduler";
import { popDue, type TimedEventOwner } from "../time/timeline";
import type { CommandContext } from "../types";
import { apiServiceAvailability } from "./apiservice-availability";
import { clusterRoleAggregation } from "./clusterrole-aggregation";
import { cronJobController, cronJobTimed } from "./cronjob";
import { csrSigner } from "./csr-signer";
import { daemonSetController } from "./daemonset";
import { deploymentController, deploymentTimed } from "./deployment";
import { disruptionController } from "./disruption";
import { endpointsController } from "./endpoints";
import { garbageCollector } from "./garbage-collector";
import { horizontalPodAutoscalerController, horizontalPodAutoscalerTimed } from "./horizontal-pod-autoscaler";
import { jobController } from "./job";
import { nodeLifecycle } from "./node-lifecycle";
import { namespaceController } from "./namespace";
import { nodeMonitorTimed, watchKubelets } from "./node-monitor";
import { originOf } from "../nodes/node-view";
import { persistentVolumeController } from "./persistentvolume";
import { localPathProvisioner } from "./persistentvolume/local-path";
import { expireEvents } from "./recorder";
import { replicaSetController } from "./replicaset";
import { statefulSetController } from "./statefulset";
import { taintEvictionController } from "./taint-eviction";
import type { Controller, ControllerEnv, TimedHandler } from "./types";
import type { WatchRecord } from "../api/store";

export const CONTROLLERS: readonly Controller[] = [
  namespaceController,
  garbageCollector,
  clusterRoleAggregation,
  csrSigner,
  nodeLifecycle,
  taintEvictionController,
  deploymentController,
  replicaSetController,
  cronJobController,
  jobController,
  statefulSetController,
  daemonSetController,
  persistentVolumeController,
  localPathProvisioner,
  scheduler,
  kubelet,
  endpointsController,
  disruptionController,
  apiServiceAvailability,
  horizontalPodAutoscalerController,
];

const TIMED: Record<TimedEventOwner, TimedHandler> = {
  kubelet: kubeletTimed,
  deployment: deploymentTimed,
  scheduler: () => undefined,
  "static-pods": staticPodsTimed,
  cronjob: cronJobTimed,
  "node-monitor": nodeMonitorTimed,
  "horizontal-pod-autoscaler": horizontalPodAutoscalerTimed,
};

/** Rounds before a fixpoint gives up (each round is every controller once). */
const MAX_ROUNDS = 20;
/** Events one settle may run (a runaway loop must not hang a learner's command). */
const MAX_EVENTS = 50_000;

/** The resourceVersion each state was last settled at: controllers act only on changes to the store. */
const settledAt = new WeakMap<object, number>();

function envAt(ctx: CommandContext, now: number): ControllerEnv {
  return { api: apiServer({ ...ctx, now }), now, random: () => ctx.random(), fs: ctx.fs, state: ctx.state, horizon: ctx.now };
}

/** The store revision each controller last ran at, per cluster (not persisted: a restored cluster starts with full runs). */
const lastRun = new WeakMap<object, Map<string, number>>();

async function reconcileAll(env: ControllerEnv): Promise<void> {
  const store = env.api.store;
  let seen = lastRun.get(env.state);
  if (!seen) lastRun.set(env.state, (seen = new Map<string, number>()));
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let changed = false;
    for (const c of CONTROLLERS) {
      const since = seen.get(c.name);
      let changes: WatchRecord[] | undefined;
      if (since !== undefined) {
        if (since === store.resourceVersion) continue;
        changes = store.eventsSince(since, () => true);
        if (changes && c.relevant) changes = changes.filter((r) => c.relevant?.(r));
        if (changes && !changes.length) {
          seen.set(c.name, store.resourceVersion);
          continue;
        }
      }
      seen.set(c.name, store.resourceVersion);
      if (await c.reconcile(env, changes)) changed = true;
    }
    if (!changed) break;
  }
}

export async function settle(viewCtx: CommandContext): Promise<void> {
  // a command on another node (ssh) settles the real cluster, with the control plane's files
  const origin = originOf(viewCtx.state);
  const ctx = origin ? { ...viewCtx, state: origin.state, fs: origin.fs } : viewCtx;
  const state = ctx.state;
  let ran = 0;
  watchManifests(envAt(ctx, ctx.now));
  watchKubelets(envAt(ctx, ctx.now));
  for (let ev = popDue(state, ctx.now); ev && ran < MAX_EVENTS; ev = popDue(state, ctx.now), ran++) {
    const env = envAt(ctx, ev.at);
    const rv = state.resourceVersion;
    TIMED[ev.owner](env, ev);
    if (state.resourceVersion !== rv) await reconcileAll(env);
  }
  if (ran || settledAt.get(state.objects) !== state.resourceVersion) await reconcileAll(envAt(ctx, ctx.now));
  // the apiserver's event TTL (events concern no controller; expireEvents knows when the next one is due)
  expireEvents(envAt(ctx, ctx.now));
  settledAt.set(state.objects, state.resourceVersion);
}
