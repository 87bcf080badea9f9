/**
 * `kubectl run --overrides` with --dry-run=client against the real kubectl v1.32 (the pinned
 * oracle; required under CI). Real kubectl needs discovery to map the Pod even for a client-side
 * dry run, so it talks to the minimal API of kinds/__tests__/kubectl-oracle.ts (no objects); the
 * simulator runs the same line in its node's shell. stdout, stderr and exit code must be
 * identical. Creating the overridden pod on a server is in the conformance corpus (`set-run`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubectlResult, HAVE_KUBECTL, withKubectl } from "../../kinds/__tests__/kubectl-oracle";
import { makeWorld } from "../../kinds/__tests__/world";
import { makeCluster, type TestCluster } from "./__tests__/cluster";

const D = "--dry-run=client";
const run = (overrides: string, ...rest: string[]) => ["run", "p", "--image=nginx", `--overrides=${overrides}`, D, ...rest];
const CONTAINER_SC = JSON.stringify({
  spec: {
    containers: [
      {
        name: "p",
        image: "nginx",
        securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
      },
    ],
  },
});
const SIDECAR = JSON.stringify({ spec: { containers: [{ name: "side", image: "busybox", command: ["sleep", "3600"] }] } });

const LINES: string[][] = [
  run('{"spec":{"nodeName":"node01"}}', "-o", "yaml"),
  run('{"spec":{"nodeName":"node01"}}', "-o", "json"),
  run('{"spec":{"nodeName":"node01"}}'),
  run('{"spec":{"tolerations":[{"key":"k","operator":"Exists","effect":"NoSchedule"}]}}', "-o", "json"),
  run('{"spec":{"tolerations":[{"key":"node-role.kubernetes.io/control-plane","effect":"NoSchedule"}]}}', "-o", "yaml"),
  run('{"spec":{"securityContext":{"runAsUser":1000,"fsGroup":2000}}}', "-o", "json"),
  run(CONTAINER_SC, "-o", "json"),
  run(CONTAINER_SC, "-o", "yaml"),
  // a second container: merge replaces the list, strategic merges it by name
  run(SIDECAR, "-o", "json"),
  run(SIDECAR, "-o", "json", "--override-type=merge"),
  run(SIDECAR, "-o", "json", "--override-type=strategic"),
  run(SIDECAR, "-o", "yaml", "--override-type=strategic"),
  run('{"spec":{"containers":[{"name":"p","image":"busybox"}]}}', "-o", "yaml", "--override-type=strategic"),
  run('[{"op":"add","path":"/spec/nodeName","value":"n"}]', "-o", "json", "--override-type=json"),
  run('[{"op":"add","path":"/spec/tolerations","value":[{"key":"a","operator":"Exists"}]}]', "-o", "yaml", "--override-type=json"),
  run(
    '{"metadata":{"labels":{"x":"y"},"annotations":{"b":"1","a":"2"}},"spec":{"nosuchfield":1,"nodeSelector":{"z":"1","a":"2"}}}',
    "-o",
    "json",
  ),
  run('{"metadata":{"namespace":"other"}}', "-o", "yaml"),
  run('{"metadata":{"namespace":"other"}}', "-o", "yaml", "-n", "dev"),
  run('{"spec":{"restartPolicy":"Never","dnsPolicy":null}}', "-o", "json"),
  run("", "-o", "yaml"),
  // errors
  run("{bad", "-o", "yaml"),
  run("5"),
  run("[1]"),
  run("{bad", "--override-type=strategic"),
  run("[1]", "--override-type=strategic"),
  run("{}", "--override-type=json"),
  run('[{"op":"bogus","path":"/spec"}]', "--override-type=json"),
  run("{}", "--override-type=foo"),
  run('{"apiVersion":"v2"}'),
];

let cluster: TestCluster;
let real: KubectlResult[] = [];

describe.skipIf(!HAVE_KUBECTL)("kubectl run --overrides against the real kubectl", () => {
  beforeAll(async () => {
    cluster = await makeCluster();
    await withKubectl(makeWorld([], []), Date.UTC(2026, 10, 30, 8), async (kubectl) => {
      real = await Promise.all(LINES.map((l) => kubectl(...l)));
    });
  }, 120_000);
  afterAll(() => undefined);

  it.each(LINES.map((l, i) => [l.join(" "), i] as const))("kubectl %s", async (_line, i) => {
    // the shell gets each argument single-quoted, as a learner would type it
    const ours = await cluster.exec(`kubectl ${LINES[i].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ")}`);
    expect(ours.stderr).toBe(real[i].stderr);
    expect(ours.stdout).toBe(real[i].stdout);
    expect(ours.exitCode).toBe(real[i].code);
  });
});
