/** Public entry of the simulated cluster (pure TypeScript; see lib/sim/types.ts). */
export { Simulator, applyDelta, type CreateOptions, type LineResult, type SavedState, type SimDeps, type StateDelta } from "./simulator";
export { SimEngine } from "./core/sim-engine";
export { DEFAULT_CONFIG, STATE_VERSION } from "./core/base-state";
export { LIMITS } from "./core/limits";
export { NodeKeySource, PooledKeySource } from "./keys/node-key-source";
export type * from "./types";
