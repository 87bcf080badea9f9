/**
 * A cluster for the workload tests: one created cluster copied per test, an engine whose clock the
 * test moves (`at(seconds)`), and `run` returning what the terminal would show.
 */
import { coreutils } from "../../commands/coreutils";
import { kubectl } from "../../commands/kubectl";
import { createCluster } from "../../cluster/create";
import { SimEngine } from "../../core/sim-engine";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import type { ClusterState } from "../../types";

export const T0 = Date.UTC(2026, 10, 28, 9, 8, 33);

let base: ClusterState | undefined;

export async function baseCluster(): Promise<ClusterState> {
  base ??= await createCluster({ keys: new DeterministicKeySource(3), now: T0, seed: 9, ageMs: 3_600_000 });
  return base;
}

export interface TestCluster {
  engine: SimEngine;
  /** moves the injected clock to T0 + seconds */
  at(seconds: number): void;
  run(line: string): Promise<string>;
  /** lines → output, the clock advanced by `+N` entries (seconds) between them */
  script(lines: (string | number)[]): Promise<string>;
}

export function engineOver(state: ClusterState, clock: { t: number }): SimEngine {
  return new SimEngine(state, { clock: { now: () => clock.t }, keys: new DeterministicKeySource(3) }, [...coreutils, kubectl]);
}

export async function cluster(): Promise<TestCluster> {
  const clock = { t: T0 };
  const engine = engineOver(structuredClone(await baseCluster()), clock);
  const run = async (line: string) => (await engine.exec(line)).output;
  return {
    engine,
    at: (s) => (clock.t = T0 + s * 1000),
    run,
    async script(lines) {
      let out = "";
      for (const l of lines) {
        if (typeof l === "number") clock.t += l * 1000;
        else out += `$ ${l}\n${await run(l)}`;
      }
      return out;
    },
  };
}

export function manifest(name: string, yaml: string): string {
  return `cat > ${name}.yaml <<'EOF'\n${yaml.trim()}\nEOF`;
}

export const DEPLOYMENT = (name: string, image: string, replicas = 3, extra = "") => `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}${extra}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: main
        image: ${image}
`;

export const POD = (name: string, spec: string) => `
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${spec
  .replace(/^\n/, "")
  .split("\n")
  .map((l) => `  ${l}`)
  .join("\n")}
`;
