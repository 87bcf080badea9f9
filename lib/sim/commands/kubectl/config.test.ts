import { beforeAll, describe, expect, it } from "vitest";
import { makeCluster, transcript, type TestCluster } from "./__tests__/cluster";

let c: TestCluster;
beforeAll(async () => {
  c = await makeCluster();
  c.write("/root/jane.crt", "CERT\n");
  c.write("/root/jane.key", "KEY\n");
});

describe("kubectl config (golden)", () => {
  it("views, lists and edits the kubeconfig in use", async () => {
    let text = "";
    for (const l of [
      "kubectl config view",
      "kubectl config current-context",
      "kubectl config get-contexts",
      "kubectl config get-clusters",
      "kubectl config set-credentials jane --client-certificate=jane.crt --client-key=jane.key",
      "kubectl config set-context jane --cluster=kubernetes --user=jane --namespace=dev",
      "kubectl config set-context jane --namespace=default",
      "kubectl config get-contexts",
      "kubectl config use-context jane",
      "kubectl config view --minify",
      "kubectl config use-context nope",
      "kubectl config set-cluster other --server=https://10.0.0.1:6443 --certificate-authority=/etc/kubernetes/pki/ca.crt --embed-certs=true",
      "kubectl config get-users",
      "kubectl config rename-context jane janectx",
      "kubectl config delete-context janectx",
      "kubectl config current-context",
      "kubectl config set-credentials bob --client-certificate=nosuch.crt --embed-certs=true",
    ])
      text += transcript(l, await c.exec(l));
    await expect(text.replace(/DATA\+OMITTED|[A-Za-z0-9+/=]{200,}/g, (m) => (m === "DATA+OMITTED" ? m : "<base64>"))).toMatchFileSnapshot(
      "__golden__/config.txt",
    );
  });

  it("writes the file the way clientcmd does", async () => {
    const c2 = await makeCluster();
    await c2.exec("kubectl config set-context x --cluster=kubernetes --user=kubernetes-admin --kubeconfig /tmp/new/kc");
    expect(c2.read("/tmp/new/kc")).toBe(`apiVersion: v1
clusters: null
contexts:
- context:
    cluster: kubernetes
    user: kubernetes-admin
  name: x
current-context: ""
kind: Config
preferences: {}
users: null
`);
    expect(await c2.exec("kubectl config current-context --kubeconfig /tmp/new/kc")).toEqual({
      stdout: "",
      stderr: "error: current-context is not set\n",
      exitCode: 1,
    });
  });
});
