/**
 * `kubectl set selector` and `kubectl set subject` with --local (no server: the -f manifests are
 * changed and printed) against the real kubectl v1.32 (the pinned oracle; required under CI), with
 * their usage errors and help. The same manifests sit in the simulator's /root and in the oracle's
 * working directory; stdout, stderr and exit code must be identical. What needs a server (TYPE NAME,
 * --all, --resource-version, the patch) is in the conformance corpus's `set` session.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireOracle } from "../../../testing/oracles";
import { type OracleOutcome, runAll, runOracle } from "../../../testing/__tests__/run-oracle";
import { makeCluster, type TestCluster } from "./__tests__/cluster";

const REAL = requireOracle("kubectl") ?? "";

// what `kubectl create service clusterip my-svc --tcp=80`, `create rolebinding admin --role=admin
// --user=admin` and `create clusterrolebinding cadmin --clusterrole=view --group=g
// --serviceaccount=ns:sa` print with --dry-run=client -o yaml
const FILES: Record<string, string> = {
  "svc.yaml":
    'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: my-svc\n  name: my-svc\nspec:\n  ports:\n  - name: "80"\n    port: 80\n    protocol: TCP\n    targetPort: 80\n  selector:\n    app: my-svc\n  type: ClusterIP\nstatus:\n  loadBalancer: {}\n',
  "rb.yaml":
    "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  creationTimestamp: null\n  name: admin\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: admin\nsubjects:\n- apiGroup: rbac.authorization.k8s.io\n  kind: User\n  name: admin\n",
  "crb.yaml":
    "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  creationTimestamp: null\n  name: cadmin\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n- apiGroup: rbac.authorization.k8s.io\n  kind: Group\n  name: g\n- kind: ServiceAccount\n  name: sa\n  namespace: ns\n",
};

const LINES = [
  "set --help",
  "set subject --help",
  // set selector
  "set selector --local -f svc.yaml environment=qa -o yaml",
  "set selector --local -f svc.yaml a=b,c==d -o yaml",
  "set selector --local -f svc.yaml a=b,a=c -o yaml",
  "set selector --local -f svc.yaml a=b",
  "set selector --local -f svc.yaml a=b --dry-run=client",
  "set selector --local -f svc.yaml a=b -o name",
  "set selector --local -f svc.yaml '' -o yaml",
  "set selector --local -f svc.yaml",
  "set selector --local -f svc.yaml 'a in (x),b'",
  "set selector --local -f svc.yaml '!a'",
  "set selector --local -f svc.yaml a!=b",
  "set selector --local -f svc.yaml 'a in (x'",
  "set selector --local -f svc.yaml a=b_",
  "set selector --local -f rb.yaml a=b",
  "set selector --local svc web a=b",
  "set selector --local -f svc.yaml --dry-run=bogus a=b",
  "set selector --local -f nosuch.yaml a=b",
  // set subject
  "set subject --local -f rb.yaml --user=foo --group=g1 --serviceaccount=ns:sa -o yaml",
  "set subject --local -f rb.yaml --user=b --user=a --user=b -o yaml",
  "set subject --local -f rb.yaml --serviceaccount=:sa -o yaml",
  "set subject --local -f crb.yaml --group=g --group=h -o yaml",
  "set subject --local -f crb.yaml --serviceaccount=ns:sa",
  "set subject --local -f rb.yaml --user=admin",
  "set subject --local -f rb.yaml --user=foo",
  "set subject --local -f crb.yaml --group=x --dry-run=client",
  "set subject --local -f rb.yaml --user=a -o name",
  "set subject --local -f rb.yaml --user=b --user=a -o json",
  "set subject --local -f rb.yaml",
  "set subject --local -f rb.yaml --serviceaccount=a",
  "set subject --local -f rb.yaml --serviceaccount=a:",
  "set subject --local -f rb.yaml --serviceaccount=a:b:c",
  "set subject --local -f crb.yaml --serviceaccount=:sa",
  "set subject --local -f svc.yaml --user=a",
  "set subject --local -f rb.yaml --all -l a=b --user=x",
  "set subject --local rolebinding x --user=a",
  "set subject --local -f rb.yaml --bogus",
];

let dir = "";
let cluster: TestCluster;
let realRuns = new Map<string, OracleOutcome>();

describe.skipIf(!REAL)("set selector and set subject --local against the real kubectl", () => {
  beforeAll(async () => {
    cluster = await makeCluster();
    dir = mkdtempSync(join(tmpdir(), "kubeyard-set-local-"));
    for (const [name, content] of Object.entries(FILES)) {
      writeFileSync(join(dir, name), content);
      cluster.write(`/root/${name}`, content);
    }
    realRuns = await runAll(LINES, 4, (line) =>
      runOracle("bash", ["-c", `exec "$KUBECTL" ${line}`], {
        cwd: dir,
        env: { ...process.env, PATH: "/usr/bin:/bin", HOME: "/nonexistent", KUBECONFIG: "/nonexistent", KUBECTL: REAL },
      }),
    );
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(LINES)("kubectl %s", async (line) => {
    const ours = await cluster.exec(`kubectl ${line}`);
    const real = realRuns.get(line);
    expect(ours.stderr).toBe(real?.stderr);
    expect(ours.stdout).toBe(real?.stdout);
    expect(ours.exitCode).toBe(real?.status);
  });
});
