/**
 * The controllers of the simulated kube-controller-manager, run to completion after each kubectl
 * command (settle). Each is a reconciler over the store (types.ts); the clock-driven event queue
 * of a later issue can drive the same functions.
 */
import { apiServer } from "../commands/kubectl/client";
import type { CommandContext } from "../types";
import { clusterRoleAggregation } from "./clusterrole-aggregation";
import { csrSigner } from "./csr-signer";
import { garbageCollector } from "./garbage-collector";
import { namespaceController } from "./namespace";
import type { Controller, ControllerEnv } from "./types";

export const CONTROLLERS: readonly Controller[] = [namespaceController, garbageCollector, clusterRoleAggregation, csrSigner];

/** Rounds before settle gives up (each round is every controller once). */
const MAX_ROUNDS = 20;

/** The resourceVersion each state was last settled at: controllers act only on changes to the store. */
const settledAt = new WeakMap<object, number>();

export async function settle(ctx: CommandContext): Promise<void> {
  if (settledAt.get(ctx.state.objects) === ctx.state.resourceVersion) return;
  const env: ControllerEnv = { api: apiServer(ctx), now: ctx.now, random: () => ctx.random(), fs: ctx.fs };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let changed = false;
    for (const c of CONTROLLERS) if (await c.reconcile(env)) changed = true;
    if (!changed) break;
  }
  settledAt.set(ctx.state.objects, ctx.state.resourceVersion);
}
