/**
 * Test helpers for any simulator test: an engine with coreutils plus any extra
 * commands over a bare node filesystem, a fixed clock, and no PKI. Not used by production code.
 */
import { coreutils } from "../commands/coreutils";
import type { ClusterState, Command, KeySource } from "../types";
import { addFiles } from "./add-files";
import { createBaseState, mergeConfig } from "./base-state";
import { SimEngine } from "./sim-engine";

/** 2026-11-28T09:08:33Z, a Saturday, the clock the reference texts were captured with */
export const TEST_NOW = Date.UTC(2026, 10, 28, 9, 8, 33);

export const noKeys: KeySource = {
  take: () => Promise.reject(new Error("no keys in this test")),
};

export function testState(files: Record<string, string> = {}, now = TEST_NOW): ClusterState {
  const state = createBaseState(mergeConfig(), { createdAt: now, seed: 42 });
  addFiles(state, files, now);
  return state;
}

export function testEngine(
  opts: { files?: Record<string, string>; commands?: Command[]; state?: ClusterState; now?: number; keys?: KeySource } = {},
): SimEngine {
  const now = opts.now ?? TEST_NOW;
  const state = opts.state ?? testState(opts.files, now);
  return new SimEngine(state, { clock: { now: () => now }, keys: opts.keys ?? noKeys }, [...coreutils, ...(opts.commands ?? [])]);
}

/** Runs lines in order and returns the last output. */
export async function run(engine: SimEngine, ...lines: string[]): Promise<{ output: string; exitCode: number }> {
  let last = { output: "", exitCode: 0 };
  for (const l of lines) last = await engine.exec(l);
  return last;
}
