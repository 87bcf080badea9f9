/**
 * Named state transforms a scenario's setup may apply (frontmatter `transform: <name>`): breakage
 * written in code rather than as learner-visible commands. Each one works on the cluster's state
 * directly, is deterministic, and returns a problem (a string) instead of throwing when the
 * cluster is not as it expects. The names are listed in schema.ts, so the content check rejects
 * an unknown one before anything runs.
 */
import type { Simulator } from "../sim/simulator";
import type { SCENARIO_TRANSFORM_NAMES } from "./schema";

export type ScenarioTransformName = (typeof SCENARIO_TRANSFORM_NAMES)[number];

type Transform = (sim: Simulator) => string | undefined;

const ADMIN_KUBECONFIG = "/root/.kube/config";
const FOREIGN_CA = "/etc/kubernetes/pki/front-proxy-ca.crt";

/**
 * The admin kubeconfig trusts the front-proxy CA instead of the cluster CA: a copy-paste slip
 * between two CA files that look alike. kubectl then refuses the apiserver's certificate
 * ("x509: certificate signed by unknown authority"). Only the certificate-authority-data value
 * changes, so `kubectl config view` (which hides it as DATA+OMITTED) looks normal at a glance.
 */
function kubeconfigForeignCa(sim: Simulator): string | undefined {
  const fs = sim.state.fs;
  const config = fs[ADMIN_KUBECONFIG];
  const ca = fs[FOREIGN_CA];
  if (config?.type !== "file" || ca?.type !== "file") return `needs ${ADMIN_KUBECONFIG} and ${FOREIGN_CA}`;
  const data = Buffer.from(ca.content, "utf8").toString("base64");
  const changed = config.content.replace(/^(\s*certificate-authority-data:\s*)\S+$/m, `$1${data}`);
  if (changed === config.content) return `${ADMIN_KUBECONFIG} has no certificate-authority-data to replace`;
  fs[ADMIN_KUBECONFIG] = { ...config, content: changed };
  return undefined;
}

const TRANSFORMS: Record<ScenarioTransformName, Transform> = {
  "kubeconfig-foreign-ca": kubeconfigForeignCa,
};

export function applyTransform(name: ScenarioTransformName, sim: Simulator): string | undefined {
  return TRANSFORMS[name](sim);
}
