/**
 * Env and volumes from ConfigMaps and Secrets, driven as a learner would: apply, let the clock run,
 * read status, events and logs. Messages: pkg/kubelet/kubelet_pods.go makeEnvironmentVariables,
 * kuberuntime_container.go startContainer ("Error: %v", CreateContainerConfigError),
 * pkg/volume/util/operationexecutor/operation_generator.go ("MountVolume.SetUp failed for volume %q : %v").
 */
import { describe, expect, it } from "vitest";
import { cluster, manifest } from "../../controllers/__tests__/harness";

const jp = (what: string, path: string) => `kubectl get ${what} -o jsonpath='${path}'`;
const events = (pod: string) => jp("events", `{range .items[?(@.involvedObject.name=="${pod}")]}{.type} {.reason} {.message}{"\\n"}{end}`);

const ENV_POD = `
apiVersion: v1
kind: Pod
metadata:
  name: envpod
  labels: {tier: web}
spec:
  restartPolicy: Never
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c", "echo $GREETING $USER_NAME $PASS $MY_POD $MY_NS $MY_NODE $LEVEL $app_mode; echo $(COMPOSED)"]
    env:
    - name: GREETING
      value: hello
    - name: COMPOSED
      value: "$(GREETING)-world"
    - name: USER_NAME
      valueFrom: {configMapKeyRef: {name: app-config, key: user}}
    - name: PASS
      valueFrom: {secretKeyRef: {name: app-secret, key: password}}
    - name: MY_POD
      valueFrom: {fieldRef: {fieldPath: metadata.name}}
    - name: MY_NS
      valueFrom: {fieldRef: {fieldPath: metadata.namespace}}
    - name: MY_NODE
      valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
    - name: MISSING_OK
      valueFrom: {configMapKeyRef: {name: nope, key: x, optional: true}}
    envFrom:
    - configMapRef: {name: app-config}
      prefix: app_
`;

describe("env from ConfigMaps, Secrets and the pod's fields", () => {
  it("a missing ConfigMap is CreateContainerConfigError with the kubelet's text, and the next sync after it exists starts the container", async () => {
    const c = await cluster();
    await c.run(manifest("p", ENV_POD));
    expect(await c.run("kubectl apply -f p.yaml")).toBe("pod/envpod created\n");
    c.at(10);
    expect(
      await c.run(
        jp("pod envpod", "{.status.containerStatuses[0].state.waiting.reason}: {.status.containerStatuses[0].state.waiting.message}"),
      ),
    ).toBe('CreateContainerConfigError: configmap "app-config" not found');
    expect(await c.run("kubectl get pod envpod --no-headers")).toMatch(/^envpod +0\/1 +CreateContainerConfigError +0 /);
    expect(await c.run(events("envpod"))).toContain('Warning Failed Error: configmap "app-config" not found\n');

    await c.run("kubectl create configmap app-config --from-literal=user=ada --from-literal=mode=debug");
    c.at(30);
    expect(await c.run(jp("pod envpod", "{.status.containerStatuses[0].state.waiting.message}"))).toBe('secret "app-secret" not found');
    await c.run("kubectl create secret generic app-secret --from-literal=password=s3cr3t");
    c.at(60);
    expect(await c.run(jp("pod envpod", "{.status.phase}"))).toBe("Succeeded");
    const node = await c.run(jp("pod envpod", "{.spec.nodeName}"));
    expect(await c.run("kubectl logs envpod")).toBe(`hello ada s3cr3t envpod default ${node} debug\nhello-world\n`);
  });

  it("a missing key names the ConfigMap as namespace/name; optional: true skips it", async () => {
    const c = await cluster();
    await c.run("kubectl create configmap cfg --from-literal=a=1");
    await c.run(
      manifest(
        "p",
        `
apiVersion: v1
kind: Pod
metadata: {name: keypod}
spec:
  containers:
  - name: main
    image: nginx
    env:
    - {name: B, valueFrom: {configMapKeyRef: {name: cfg, key: b}}}
`,
      ),
    );
    await c.run("kubectl apply -f p.yaml");
    c.at(10);
    expect(await c.run(jp("pod keypod", "{.status.containerStatuses[0].state.waiting.message}"))).toBe(
      "couldn't find key b in ConfigMap default/cfg",
    );
    // env is immutable in a pod: a new pod, with optional: true, runs without B
    await c.run("kubectl delete pod keypod --wait=false");
    await c.run(manifest("p", (await c.run("cat p.yaml")).replace("key: b}", "key: b, optional: true}")));
    c.at(50);
    await c.run("kubectl apply -f p.yaml");
    c.at(70);
    expect(await c.run(jp("pod keypod", "{.status.phase}"))).toBe("Running");
    expect(await c.run(events("keypod"))).toMatch(/Warning Failed Error: couldn't find key b in ConfigMap default\/cfg\n/);
  });
});

describe("volumes from ConfigMaps and Secrets", () => {
  it("a missing ConfigMap volume keeps the pod ContainerCreating with FailedMount, then it mounts", async () => {
    const c = await cluster();
    await c.run(
      manifest(
        "p",
        `
apiVersion: v1
kind: Pod
metadata: {name: volpod}
spec:
  containers:
  - name: main
    image: busybox
    command: ["sleep", "3600"]
    volumeMounts:
    - {name: cfg, mountPath: /etc/app}
  volumes:
  - name: cfg
    configMap: {name: web-config}
`,
      ),
    );
    await c.run("kubectl apply -f p.yaml");
    c.at(20);
    expect(await c.run("kubectl get pod volpod --no-headers")).toMatch(/^volpod +0\/1 +ContainerCreating +0 /);
    expect(await c.run(events("volpod"))).toContain(
      'Warning FailedMount MountVolume.SetUp failed for volume "cfg" : configmap "web-config" not found\n',
    );
    await c.run("kubectl create configmap web-config --from-literal=a=1");
    c.at(200);
    expect(await c.run(jp("pod volpod", "{.status.phase}"))).toBe("Running");
  });
});
