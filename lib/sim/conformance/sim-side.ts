/**
 * The simulator's half of a conformance run: one kubectl line typed into the simulated node's
 * shell, exactly as `npm run sim` runs it, with stdout and stderr redirected to files of the
 * node (so they come back separately) and stdin, when the line has some, from a file.
 */
import type { SimEngine } from "../core/sim-engine";
import { shellQuote } from "./words";

export interface Outcome {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const DIR = "/tmp/.conformance";

function read(sim: SimEngine, path: string): string {
  const r = sim.vfs.readFile(path);
  return r.ok ? r.value : "";
}

/** Writes a file into the node's working directory (/root), as the corpus's manifests are. */
export function writeSimFile(sim: SimEngine, name: string, content: string): void {
  const home = sim.state.shell.cwd;
  const r = sim.vfs.writeFile(`${home}/${name}`, content);
  if (!r.ok) throw new Error(`writing ${name} on the node: ${r.error}`);
}

export async function runSimKubectl(sim: SimEngine, argv: string[], stdin?: string): Promise<Outcome> {
  sim.vfs.mkdir(DIR, true);
  if (stdin !== undefined) sim.vfs.writeFile(`${DIR}/in`, stdin);
  const redirect = `>${DIR}/out 2>${DIR}/err${stdin !== undefined ? ` <${DIR}/in` : ""}`;
  const r = await sim.exec(`kubectl ${argv.map(shellQuote).join(" ")} ${redirect}`);
  const outcome = { stdout: read(sim, `${DIR}/out`), stderr: read(sim, `${DIR}/err`), exitCode: r.exitCode };
  // anything the shell itself printed (a redirection it could not do) is a harness error, not kubectl's
  if (r.output) throw new Error(`the simulator's shell printed ${JSON.stringify(r.output)} for kubectl ${argv.join(" ")}`);
  return outcome;
}
