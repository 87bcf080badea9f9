import { beforeAll, describe, expect, it } from "vitest";
import { makeCluster, transcript, type TestCluster } from "./__tests__/cluster";

let c: TestCluster;
beforeAll(async () => {
  c = await makeCluster();
});

const golden = async (name: string, lines: string[]) => {
  let text = "";
  for (const l of lines) text += transcript(l, await c.exec(l));
  await expect(text).toMatchFileSnapshot(`__golden__/${name}.txt`);
};

describe("kubectl get (golden)", () => {
  it("nodes", () =>
    golden("get-nodes", [
      "kubectl get nodes",
      "kubectl get no -o wide",
      "kubectl get node --show-labels",
      "kubectl get nodes --no-headers",
      "kubectl get nodes -o name",
      "kubectl get node node01 -o yaml",
      "kubectl get node/node01 -o json",
    ]));
  it("pods", () =>
    golden("get-pods", [
      "kubectl get pods",
      "kubectl get pods -n kube-system",
      "kubectl get po -A",
      "kubectl get pods --all-namespaces -o wide",
      "kubectl -n kube-system get pods -l component=etcd --show-labels",
      "kubectl get pods -n kube-system -l k8s-app=kube-dns -o name",
      "kubectl get pods -n kube-system etcd-controlplane -o yaml",
      "kubectl get pods -n nosuch",
    ]));
  it("namespaces and services", () =>
    golden("get-ns-svc", [
      "kubectl get ns",
      "kubectl get namespace kube-system -o yaml",
      "kubectl get svc",
      "kubectl get services -A -o wide",
      "kubectl get svc -n kube-system kube-dns -o json",
    ]));
  it("jsonpath and custom columns", () =>
    golden("get-jsonpath", [
      "kubectl get nodes -o jsonpath={.items[*].metadata.name}",
      `kubectl get nodes -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.status.addresses[?(@.type=="InternalIP")].address}{"\\n"}{end}'`,
      "kubectl get node controlplane -o jsonpath='{.spec.taints}'",
      "kubectl get node controlplane -o jsonpath='{.metadata.labels.nosuch}'",
      "kubectl get pods -n kube-system -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image",
    ]));
  it("errors", () =>
    golden("get-errors", [
      "kubectl get",
      "kubectl get foo",
      "kubectl get nodes nosuch",
      "kubectl get pods nosuch -n kube-system",
      "kubectl get nodes --bogus",
      "kubectl get pods -x",
      "kubectl get pods -n",
      "kubectl get pods -o foo",
      "kubectl get csr",
      "kubectl get csr nosuch",
      "kubectl get pods -A etcd",
      "kubectl bogus",
      "kubectl gett pods",
    ]));
});

describe("kubectl get (semantics)", () => {
  it("prints no header and a stderr notice for empty lists", async () => {
    const r = await c.exec("kubectl get pods");
    expect(r).toEqual({ stdout: "", stderr: "No resources found in default namespace.\n", exitCode: 0 });
    expect((await c.exec("kubectl get csr")).stderr).toBe("No resources found\n");
  });
  it("prints an empty List for -o json", async () => {
    const r = await c.exec("kubectl get csr -o json");
    expect(r.stdout).toBe(
      '{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n',
    );
  });
});

describe("kubectl get -w hands the terminal to a program (lib/sim/programs)", () => {
  it("returns the listing as its stdout (the fallback in a pipeline) and the kubectl-get-watch launch", async () => {
    const plain = await c.exec("kubectl get nodes");
    const watched = await c.exec("kubectl get nodes -w");
    expect(watched).toMatchObject({ stdout: plain.stdout, stderr: "", exitCode: 0, program: { program: "kubectl-get-watch" } });
    expect(await c.exec("kubectl get nodes --watch-only")).toMatchObject({
      stdout: "",
      exitCode: 0,
      program: { program: "kubectl-get-watch" },
    });
    expect((await c.exec("kubectl get nodes --watch=false")).program).toBeUndefined();
    // an error is the error, and nothing holds the terminal
    const bad = await c.exec("kubectl get nosuch -w");
    expect(bad.stderr).toBe('error: the server doesn\'t have a resource type "nosuch"\n');
    expect(bad.program).toBeUndefined();
    // get.go watch(): one resource type only (the builder's SingleResourceType)
    expect(await c.exec("kubectl get nodes,namespaces -w")).toMatchObject({
      stderr: "error: you may only specify a single resource type\n",
      exitCode: 1,
    });
  });
});
