/** The help texts and client-side errors compared with the real kubectl v1.32 binary (the pinned oracle; required under CI). */
import { beforeAll, describe, expect, it } from "vitest";
import { KUBECTL_ORACLE_VERSION, requireOracle } from "../../../testing/oracles";
import { type OracleOutcome, runAll, runOracle } from "../../../testing/__tests__/run-oracle";
import { HELP } from "./help";
import { makeCluster } from "./__tests__/cluster";

const REAL = requireOracle("kubectl") ?? "";
const has = REAL !== "";

const LINES = [
  "kubectl get --help",
  "kubectl certificate --help",
  "kubectl config",
  "kubectl certificate",
  "kubectl",
  "kubectl get --bogus",
  "kubectl get pods -x",
  "kubectl get",
  "kubectl bogus",
  "kubectl gett",
  "kubectl zzzzzzz",
  "kubectl certificate approve",
  "kubectl create",
  "kubectl delete",
  "kubectl apply",
  "kubectl create namespace",
  "kubectl create foo",
  "kubectl create namespace a b",
  "kubectl get pods -n",
  "kubectl version --client",
  "kubectl describe node -x",
  "kubectl auth",
  "kubectl config nosuch",
  "kubectl auth nosuch",
  "kubectl certificate nosuch",
  // issue 9: client-side output and usage errors of the verbs on the request path
  "kubectl create namespace dev --dry-run=client -o yaml",
  "kubectl create namespace dev --dry-run=client -o json",
  "kubectl create namespace dev --dry-run=client",
  "kubectl create secret generic s --from-literal=a=b --dry-run=client -o json",
  "kubectl create serviceaccount builder --dry-run=client -o yaml",
  "kubectl patch pod x --type=xml -p {}",
  "kubectl patch pod x",
  "kubectl replace",
  "kubectl apply",
  "kubectl delete pod x --cascade=sideways",
  "kubectl api-versions --bogus",
  "kubectl auth can-i",
  "kubectl auth can-i get",
  "kubectl patch --help",
  "kubectl delete",
  // issue 12: the generators' and everyday verbs' client-side answers
  "kubectl completion bash",
  "kubectl completion",
  "kubectl completion tcsh",
  "kubectl run",
  "kubectl run x",
  "kubectl run tmp --image=busybox -it --pod-running-timeout=soon -- sh",
  "kubectl expose",
  "kubectl label",
  "kubectl annotate",
  "kubectl autoscale",
  "kubectl diff",
  "kubectl label --help",
  "kubectl run --help",
  "kubectl expose -h",
  // command groups: bare (help and exit 1, on stderr or, for rollout, stdout), a bad flag, an unknown subcommand
  "kubectl set",
  "kubectl set --bogus",
  "kubectl set foo",
  "kubectl rollout",
  "kubectl rollout --bogus",
  "kubectl rollout foo",
  "kubectl top",
  "kubectl top --bogus",
  "kubectl top foo",
  "kubectl top pod --bogus",
  "kubectl create service",
  "kubectl create service --bogus",
  // issue 11: port-forward's usage errors (portforward.go Complete) and flag errors, before any request
  "kubectl port-forward",
  "kubectl port-forward pod/x",
  "kubectl port-forward --bogus",
  "kubectl port-forward -h",
  // explain's flag errors, before any request
  "kubectl explain --bogus",
  "kubectl explain -h",
];

describe.skipIf(!has)("against the real kubectl", () => {
  // real kubectl runs every help and line first, a few at a time (lib/testing/__tests__/run-oracle.ts)
  let helps = new Map<string, OracleOutcome>();
  let lines = new Map<string, OracleOutcome>();
  beforeAll(async () => {
    helps = await runAll(Object.keys(HELP), 4, (verb) =>
      runOracle(REAL, verb === "options" ? ["options"] : [...(verb ? verb.split(" ") : []), "--help"], {
        // HOME=/root: the learner's home, which `options` shows in --cache-dir's default
        env: { ...process.env, PATH: "/usr/bin:/bin", HOME: "/root", KUBECONFIG: "/nonexistent" },
      }),
    );
    lines = await runAll(LINES, 4, (line) =>
      runOracle(REAL, line.split(" ").slice(1), {
        env: { ...process.env, PATH: "/usr/bin:/bin", HOME: "/nonexistent", KUBECONFIG: "" },
      }),
    );
  }, 120_000);

  it.each(Object.keys(HELP))("help of '%s' is verbatim", (verb) => {
    expect(helps.get(verb)?.status).toBe(0);
    expect(HELP[verb]).toBe(helps.get(verb)?.stdout);
  });

  it.each(LINES)("%s matches", async (line) => {
    const real = lines.get(line);
    const c = await makeCluster();
    const ours = await c.exec(line);
    // the oracle is a v1.32.3 build; the cluster (and its kubectl) is v1.32.4
    expect(ours.stdout).toBe(real?.stdout.replace(KUBECTL_ORACLE_VERSION, "v1.32.4"));
    expect(ours.stderr).toBe(real?.stderr);
    expect(ours.exitCode).toBe(real?.status);
  });
});
