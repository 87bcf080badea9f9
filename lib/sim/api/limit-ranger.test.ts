/**
 * LimitRanger through kubectl: defaults from a LimitRange, the annotation, and the Forbidden
 * messages of plugin/pkg/admission/limitranger/admission.go (minConstraint, maxConstraint,
 * limitRequestRatioConstraint; lower-case, no period, as v1.32 words them).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { makeCluster, type TestCluster } from "../commands/kubectl/__tests__/cluster";

let c: TestCluster;
beforeAll(async () => {
  c = await makeCluster();
  await c.exec("kubectl create namespace dev");
  c.write(
    "/root/limits.yaml",
    `apiVersion: v1
kind: LimitRange
metadata:
  name: limits
  namespace: dev
spec:
  limits:
  - type: Container
    max:
      cpu: "1"
      memory: 1Gi
    min:
      cpu: 50m
    default:
      cpu: 500m
    defaultRequest:
      cpu: 200m
      memory: 64Mi
    maxLimitRequestRatio:
      cpu: "4"
  - type: Pod
    max:
      memory: 1536Mi
`,
  );
  expect((await c.exec("kubectl apply -f limits.yaml")).exitCode).toBe(0);
}, 120_000);

const pod = (name: string, resources: string, second = "") => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: dev
spec:
  containers:
  - name: app
    image: nginx
${resources}${second}`;

describe("LimitRanger", () => {
  it("fills missing requests and limits from the LimitRange and says so in the annotation", async () => {
    c.write("/root/p.yaml", pod("plain", "    resources:\n      limits:\n        memory: 256Mi\n"));
    expect(await c.exec("kubectl create -f p.yaml")).toEqual({ stdout: "pod/plain created\n", stderr: "", exitCode: 0 });
    const got = await c.exec("kubectl get pod plain -n dev -o jsonpath='{.spec.containers[0].resources} {.metadata.annotations}'");
    expect(got.stdout).toBe(
      '{"limits":{"cpu":"500m","memory":"256Mi"},"requests":{"cpu":"200m","memory":"64Mi"}} {"kubernetes.io/limit-ranger":"LimitRanger plugin set: cpu, memory request for container app; cpu limit for container app"}',
    );
  });

  it("refuses a container over max or under min, and a limit/request ratio over the maximum", async () => {
    c.write("/root/big.yaml", pod("big", '    resources:\n      limits:\n        cpu: "2"\n        memory: 2Gi\n'));
    expect((await c.exec("kubectl create -f big.yaml")).stderr).toBe(
      'Error from server (Forbidden): error when creating "big.yaml": pods "big" is forbidden: [maximum cpu usage per Container is 1, but limit is 2, maximum memory usage per Container is 1Gi, but limit is 2Gi, cpu max limit to request ratio per Container is 4, but provided ratio is 10.000000, maximum memory usage per Pod is 1536Mi, but limit is 2Gi]\n',
    );
    c.write("/root/tiny.yaml", pod("tiny", "    resources:\n      requests:\n        cpu: 10m\n      limits:\n        cpu: 20m\n"));
    expect((await c.exec("kubectl create -f tiny.yaml")).stderr).toBe(
      'Error from server (Forbidden): error when creating "tiny.yaml": pods "tiny" is forbidden: minimum cpu usage per Container is 50m, but request is 10m\n',
    );
    expect((await c.exec("kubectl get pods -n dev -o name")).stdout).toBe("pod/plain\n");
  });

  it("leaves namespaces without a LimitRange alone", async () => {
    expect((await c.exec("kubectl run free --image=nginx")).stdout).toBe("pod/free created\n");
    const got = await c.exec("kubectl get pod free -o jsonpath='{.spec.containers[0].resources}'");
    expect(got.stdout).toBe("{}");
  });
});
