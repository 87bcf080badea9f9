/**
 * The simulated kubeadm cluster as the terminal server uses it: create or restore a cluster,
 * run command lines, persist deltas. The machinery lives in core/sim-engine.ts; this file wires
 * in the real command registry and cluster builder.
 */
import { createCluster } from "./cluster/create";
import { commandMap } from "./commands/registry";
import { migrateAndValidate } from "./core/state-schema";
import { SimEngine, type SimDeps } from "./core/sim-engine";
import type { ClusterConfig, Command } from "./types";
import { resumeKubectlEdit } from "./commands/kubectl/edit";
import { terminalHost } from "./nodes/terminal-host";

/** What runs when an editor opened for a command exits (lib/sim/core/foreground.ts). */
const RESUMERS = { "kubectl-edit": resumeKubectlEdit };

export { applyDelta, type LineResult, type SavedState, type SimDeps, type StateDelta } from "./core/sim-engine";

export interface CreateOptions {
  seed: number;
  config?: Partial<ClusterConfig>;
  /** how long ago the cluster was created (kubeadm init), default 0 */
  ageMs?: number;
  /** extra commands, or replacements for built-in ones (tests) */
  commands?: Iterable<Command>;
}

export class Simulator extends SimEngine {
  static async create(deps: SimDeps & CreateOptions): Promise<Simulator> {
    const state = await createCluster({ keys: deps.keys, now: deps.clock.now(), seed: deps.seed, config: deps.config, ageMs: deps.ageMs });
    const commands = commandMap(deps.commands);
    return new Simulator(state, { clock: deps.clock, keys: deps.keys }, commands.values(), RESUMERS, terminalHost(commands));
  }

  /** Validates and migrates a saved state; throws a clear Error on garbage. */
  static restore(saved: unknown, deps: SimDeps & { commands?: Iterable<Command> }): Simulator {
    const commands = commandMap(deps.commands);
    return new Simulator(
      migrateAndValidate(saved),
      { clock: deps.clock, keys: deps.keys },
      commands.values(),
      RESUMERS,
      terminalHost(commands),
    );
  }
}
