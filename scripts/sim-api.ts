/**
 * Serves a simulated cluster's API to real kubectl:
 *
 *   npm run sim:api -- --state FILE --port N [--kubeconfig-out PATH] [--clock ISO] [--seed N] [--test-keys]
 *
 * Loads FILE (or creates a cluster there, as `npm run sim` does), listens on 127.0.0.1:N over
 * TLS with the cluster's apiserver certificate, writes a kubeconfig (the cluster's admin.conf
 * pointed at this port) to PATH, and saves FILE after every request that changed the cluster, so
 * a session through real kubectl and one through `npm run sim --state FILE` work on one cluster.
 * A given --clock is frozen (as in `npm run sim`); otherwise the cluster clock is the wall clock.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { DeterministicKeySource, NodeKeySource } from "../lib/sim/keys/node-key-source";
import { Simulator } from "../lib/sim/simulator";
import type { Clock } from "../lib/sim/types";
import { startSimApi } from "../lib/sim-api/server";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function usage(message: string): never {
  process.stderr.write(
    `sim:api: ${message}\nusage: npm run sim:api -- --state FILE --port N [--kubeconfig-out PATH] [--clock ISO] [--seed N] [--test-keys]\n`,
  );
  process.exit(2);
}

async function main(): Promise<void> {
  const statePath = arg("--state") ?? usage("--state FILE is required");
  const portArg = arg("--port") ?? usage("--port N is required");
  const port = Number(portArg);
  if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`--port: not a port: ${portArg}`);
  const clockArg = arg("--clock");
  const start = clockArg ? Date.parse(clockArg) : NaN;
  if (clockArg && Number.isNaN(start)) usage(`--clock: not a date: ${clockArg}`);
  const clock: Clock = clockArg ? { now: () => start } : { now: () => Date.now() };
  const seed = Number(arg("--seed") ?? 1);
  const keys = process.argv.includes("--test-keys") ? new DeterministicKeySource(seed) : new NodeKeySource();
  const sim = existsSync(statePath)
    ? Simulator.restore(JSON.parse(readFileSync(statePath, "utf8")), { clock, keys })
    : await Simulator.create({ clock, keys, seed });
  const save = () => {
    // write then rename, so a reader never sees half a state
    writeFileSync(`${statePath}.tmp`, JSON.stringify(sim.serialize()));
    renameSync(`${statePath}.tmp`, statePath);
  };
  if (!existsSync(statePath)) save();
  const api = await startSimApi({ cluster: sim, port, saved: save });
  const out = arg("--kubeconfig-out");
  if (out) writeFileSync(out, api.kubeconfig(), { mode: 0o600 });
  process.stdout.write(`serving the cluster in ${statePath} at https://127.0.0.1:${api.port}${out ? `; kubeconfig: ${out}` : ""}\n`);
  const stop = () => {
    void api.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`sim:api: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
