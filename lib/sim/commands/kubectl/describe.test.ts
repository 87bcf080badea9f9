import { beforeAll, describe, expect, it } from "vitest";
import { makeCluster, transcript, type TestCluster } from "./__tests__/cluster";

let c: TestCluster;
beforeAll(async () => {
  c = await makeCluster();
});

describe("kubectl describe (golden)", () => {
  it("node, pods, namespace, service and errors", async () => {
    let text = "";
    for (const l of [
      "kubectl describe node node01",
      "kubectl describe pod -n kube-system kube-apiserver-controlplane",
      "kubectl describe pods -n kube-system -l k8s-app=kube-dns",
      "kubectl describe ns default",
      "kubectl describe svc kubernetes",
      "kubectl describe node nosuch",
      "kubectl describe foo bar",
    ])
      text += transcript(l, await c.exec(l));
    await expect(text).toMatchFileSnapshot("__golden__/describe.txt");
  });
});
