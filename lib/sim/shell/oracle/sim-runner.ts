/**
 * Runs one corpus line in a fresh simulated node, in /root/work holding the fixtures, with
 * stdout and stderr kept apart (the terminal merges them; the oracle compares them separately).
 * Like `bash -c`, it does not read ~/.bashrc.
 */
import { coreutils } from "../../commands/coreutils";
import { textTools } from "../../commands/text-tools";
import { addFiles } from "../../core/add-files";
import { LIMITS } from "../../core/limits";
import { testState, TEST_NOW } from "../../core/testing";
import { Vfs } from "../../fs/vfs";
import { nextRandom } from "../../core/rng";
import type { Command } from "../../types";
import { Interpreter } from "../interpreter";
import { BufferSink } from "../io";
import { EXECUTABLE } from "./fixtures";

export const WORK = "/root/work";

export interface Outcome {
  stdout: string;
  stderr: string;
  code: number;
}

export async function runInSim(line: string, files: Record<string, string>, extra: Command[] = []): Promise<Outcome> {
  const state = testState({}, TEST_NOW);
  addFiles(state, Object.fromEntries(Object.entries(files).map(([p, c]) => [`${WORK}/${p}`, c])), TEST_NOW);
  for (const p of EXECUTABLE) {
    const node = state.fs[`${WORK}/${p}`];
    if (node) node.mode = 0o755;
  }
  state.shell.cwd = WORK;
  state.shell.env.PWD = WORK;
  state.shell.started = true;
  const vfs = new Vfs(state.fs, () => TEST_NOW, { random: () => nextRandom(state.rng) });
  const commands = new Map([...coreutils, ...textTools, ...extra].map((c) => [c.name, c]));
  const interp = new Interpreter({
    state,
    vfs,
    commands,
    keys: { take: () => Promise.reject(new Error("no keys")) },
    now: () => TEST_NOW,
    random: () => nextRandom(state.rng),
  });
  const out = new BufferSink(LIMITS.maxPipeBytes * 4, "stdout");
  const err = new BufferSink(LIMITS.maxPipeBytes * 4, "stderr");
  const r = await interp.runText(line, { out, err });
  return { stdout: out.text, stderr: err.text, code: r.exitCode };
}
