/**
 * Runs the simulated cluster in a terminal, or replays a script from stdin as a transcript:
 *
 *   npx tsx lib/sim/cli.ts [--state FILE] [--clock ISO] [--seed N] [--ecdsa] [--test-keys]
 *   printf 'kubectl get pods -A\nls /etc/kubernetes\n' | npm run sim
 *
 * Piped input prints `controlplane:~$ <line>` then the output, like a session recording; here-
 * documents and open quotes continue on `> ` lines. No colour or screen control when not a TTY.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { DeterministicKeySource, NodeKeySource } from "./keys/node-key-source";
import { Simulator } from "./simulator";
import type { Clock } from "./types";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const statePath = arg("--state");
  const clockArg = arg("--clock");
  const start = clockArg ? Date.parse(clockArg) : NaN;
  if (clockArg && Number.isNaN(start)) throw new Error(`--clock: not a date: ${clockArg}`);
  // a given --clock is frozen so transcripts are reproducible; otherwise the wall clock runs
  const clock: Clock = clockArg ? { now: () => start } : { now: () => Date.now() };
  const seed = Number(arg("--seed") ?? 1);
  const keys = process.argv.includes("--test-keys") ? new DeterministicKeySource(seed) : new NodeKeySource();
  const deps = { clock, keys };
  const sim =
    statePath && existsSync(statePath)
      ? Simulator.restore(JSON.parse(readFileSync(statePath, "utf8")), deps)
      : await Simulator.create({ ...deps, seed, config: process.argv.includes("--ecdsa") ? { keyAlgorithm: "ecdsa-p256" } : {} });
  const save = () => statePath && writeFileSync(statePath, JSON.stringify(sim.serialize()));
  const tty = process.stdout.isTTY && process.stdin.isTTY;
  const plain = (s: string) => (process.stdout.isTTY ? s : s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ""));

  const rl = createInterface({
    input: process.stdin,
    output: tty ? process.stdout : undefined,
    terminal: tty,
    completer: (line: string) => {
      const c = sim.complete(line, line.length);
      return [c.candidates, line.slice(c.from, c.to)];
    },
  });
  let pending = "";
  if (tty) {
    rl.setPrompt(sim.prompt());
    rl.prompt();
  }
  for await (const line of rl) {
    pending = pending ? `${pending}\n${line}` : line;
    if (sim.needsMoreInput(pending)) {
      if (tty) {
        rl.setPrompt("> ");
        rl.prompt();
      }
      continue;
    }
    const input = pending;
    pending = "";
    if (!tty) process.stdout.write(sim.prompt() + input.split("\n").join("\n> ") + "\n");
    const r = await sim.exec(input);
    process.stdout.write(plain(r.output));
    // full-screen editors and programs need the browser's terminal: this one reads lines
    if (r.mode === "raw") {
      await sim.editorInput("\x1b\x1b:q!\r\x18n");
      process.stdout.write("sim: the editor runs in the browser terminal; here it closed at once\n");
    } else if (r.mode === "program") await sim.programInterrupt();
    if (r.exit) break;
    if (tty) {
      rl.setPrompt(sim.prompt());
      rl.prompt();
    }
  }
  rl.close();
  save();
}

main().catch((e: unknown) => {
  process.stderr.write(`sim: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
