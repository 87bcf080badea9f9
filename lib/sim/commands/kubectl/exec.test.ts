/**
 * kubectl exec through the simulator, as a learner types it. Judges: real kubectl v1.32 for every
 * message it prints before a stream opens (exec.go Complete/Validate/Run, over the same pod
 * objects), bash for what a shell script prints inside the container, and the runc/remotecommand
 * texts quoted in kubelet/exec.ts and exec.ts.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types";
import { cluster, manifest, type TestCluster } from "../../controllers/__tests__/harness";
import { HAVE_KUBECTL, kubectlClient, withKubectl } from "../../kinds/__tests__/kubectl-oracle";
import { makeWorld } from "../../kinds/__tests__/world";
import { pods } from "../../kinds/pods";

const T = Date.UTC(2026, 10, 28, 9, 8, 33);

async function withPods(): Promise<TestCluster> {
  const c = await cluster();
  await c.run("kubectl create configmap site --from-literal=index.html='<h1>hi</h1>' --from-literal=mode=blue");
  await c.run("kubectl create secret generic creds --from-literal=password=s3cr3t");
  await c.run(
    manifest(
      "p",
      `
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    env:
    - {name: MODE, valueFrom: {configMapKeyRef: {name: site, key: mode}}}
    volumeMounts:
    - {name: html, mountPath: /usr/share/nginx/html/custom}
    - {name: creds, mountPath: /etc/creds, readOnly: true}
  - name: side
    image: busybox
    command: [sleep, infinity]
  volumes:
  - {name: html, configMap: {name: site}}
  - {name: creds, secret: {secretName: creds}}
  - {name: scratch, emptyDir: {}}
---
apiVersion: v1
kind: Pod
metadata: {name: once}
spec:
  restartPolicy: Never
  containers:
  - {name: main, image: busybox, command: ["true"]}
`,
    ),
  );
  await c.run("kubectl apply -f p.yaml");
  c.at(30);
  return c;
}

describe("kubectl exec in the simulated cluster", () => {
  it("runs the command against the container's files, mounts and environment", async () => {
    const c = await withPods();
    expect(await c.run("kubectl exec web -c nginx -- cat /etc/os-release")).toContain('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n');
    expect(await c.run("kubectl exec web -c nginx -- ls /usr/share/nginx/html")).toBe("50x.html\ncustom\nindex.html\n");
    expect(await c.run("kubectl exec web -c nginx -- cat /usr/share/nginx/html/custom/index.html")).toBe("<h1>hi</h1>");
    expect(await c.run("kubectl exec web -c nginx -- cat /etc/creds/password")).toBe("s3cr3t");
    expect(await c.run("kubectl exec web -c nginx -- printenv MODE HOSTNAME")).toBe("blue\nweb\n");
    expect(await c.run("kubectl exec web -c nginx -- hostname")).toBe("web\n");
    const ip = await c.run("kubectl get pod web -o jsonpath='{.status.podIP}'");
    expect(await c.run("kubectl exec web -c nginx -- tail -1 /etc/hosts")).toBe(`${ip}\tweb\n`);
    // the node's files are not in the container
    expect(await c.run("kubectl exec web -c nginx -- ls /etc/kubernetes")).toBe(
      "ls: cannot access '/etc/kubernetes': No such file or directory\ncommand terminated with exit code 2\n",
    );
  });

  it("names the defaulted container, and a failing command's exit code is kubectl's", async () => {
    const c = await withPods();
    // podcmd.FindOrDefaultContainerByName
    expect(await c.run("kubectl exec web -- hostname")).toBe('Defaulted container "nginx" out of: nginx, side\nweb\n');
    expect(await c.run("kubectl exec web -c side -- sh -c 'exit 3'; echo rc=$?")).toBe("command terminated with exit code 3\nrc=3\n");
  });

  it("an image without the program: runc's error, exit code 126", async () => {
    const c = await withPods();
    expect(await c.run("kubectl exec web -c side -- bash; echo rc=$?")).toBe(
      'OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown\ncommand terminated with exit code 126\nrc=126\n',
    );
    expect(await c.run("kubectl exec web -c nginx -- bash -c 'echo $0'")).toBe("bash\n");
  });

  it("a container that is not running, and a pod that does not exist", async () => {
    const c = await cluster();
    await c.run("kubectl run slow --image=nginx");
    expect(await c.run("kubectl exec slow -- ls; echo rc=$?")).toBe(
      'error: unable to upgrade connection: container not found ("slow")\nrc=1\n',
    );
    expect(await c.run("kubectl exec nope -- ls")).toBe('Error from server (NotFound): pods "nope" not found\n');
    // pkg/registry/core/pod/strategy.go streamLocation: "container %s is not valid for pod %s" (BadRequest)
    c.at(30);
    expect(await c.run("kubectl exec slow -c nope -- ls")).toBe(
      "Error from server (BadRequest): container nope is not valid for pod slow\n",
    );
  });

  it("a script in the container prints what bash prints", async () => {
    const c = await withPods();
    const script =
      'for f in b a c; do echo "$f-$((${#f}+1))"; done | sort -r; x=$(echo hi | tr a-z A-Z); echo "${x:-none}" >&2; test -d /tmp && echo tmp';
    const bash = execFileSync("bash", ["-c", script], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    const ours = await c.run(`kubectl exec web -c side -- sh -c '${script.replace(/'/g, "'\\''")}' 2>/dev/null`);
    expect(ours).toBe(bash);
  });
});

describe.skipIf(!HAVE_KUBECTL)("kubectl exec's messages, judged by real kubectl v1.32", () => {
  it("the usage errors before any request", async () => {
    const c = await cluster();
    for (const argv of [
      ["exec", "web", "ls"],
      ["exec", "web"],
      ["exec", "--", "ls"],
      ["exec", "web", "-c", "x"],
    ]) {
      const real = await kubectlClient(...argv);
      const ours = await c.engine.exec(`kubectl ${argv.join(" ")}; echo rc=$?`);
      expect(ours.output).toBe(`${real.stderr}rc=${real.code}\n`);
    }
  });

  it("a completed pod, and the default container's note, over the same pod objects", async () => {
    const c = await withPods();
    const objs = JSON.parse(await c.run("kubectl get pods -o json")) as { items: KObject[] };
    expect(objs.items.map((p) => (p.status as { phase: string }).phase)).toEqual(["Succeeded", "Running"]);
    await withKubectl(makeWorld([pods], objs.items), T, async (kubectl) => {
      const real = await kubectl("exec", "once", "--", "ls");
      expect(real.stderr).toBe("error: cannot exec into a container in a completed pod; current phase is Succeeded\n");
      expect(await c.run("kubectl exec once -- ls; echo rc=$?")).toBe(`${real.stderr}rc=${real.code}\n`);
      // the default container's note comes before the stream (which this plain HTTP server cannot open)
      const dflt = await kubectl("exec", "web", "--", "ls");
      expect(dflt.stderr.split("\n")[0]).toBe('Defaulted container "nginx" out of: nginx, side');
      expect((await c.run("kubectl exec web -- true")).split("\n")[0]).toBe(dflt.stderr.split("\n")[0]);
    });
  });
});
