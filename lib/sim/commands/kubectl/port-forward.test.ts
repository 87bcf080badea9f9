/**
 * `kubectl port-forward` on an injected clock: the Forwarding lines (client-go
 * tools/portforward/portforward.go getListener), a background forward that curl reaches on the
 * node's loopback ("Handling connection for N", nginx's page and its access-log line from
 * 127.0.0.1), its end by `kill %1` and by its pod going ("error: lost connection to pod"), the
 * foreground program (Ctrl-C: status 0), the port resolution and the errors of portforward.go.
 */
import { describe, expect, it } from "vitest";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { Simulator } from "../../simulator";

const T0 = Date.UTC(2026, 10, 30, 8, 0, 0);
const TERM = { cols: 120, rows: 30 };
const REFUSED = "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\n";

async function cluster() {
  const clock = { t: T0 };
  const deps = { clock: { now: () => clock.t }, keys: new DeterministicKeySource(4) };
  const sim = await Simulator.create({ ...deps, seed: 4, ageMs: 86_400_000 });
  await sim.exec("kubectl create deployment web --image=nginx --port=80");
  await sim.exec("kubectl expose deployment web --port=8080 --target-port=80");
  clock.t += 30_000;
  await sim.exec("kubectl rollout status deployment/web");
  return { sim, clock, deps };
}

describe("kubectl port-forward in the background", () => {
  it("forwards localhost:8080 to the Service's targetPort on its pod until kill %1", async () => {
    const { sim } = await cluster();
    const start = await sim.exec("kubectl port-forward svc/web 8080:8080 &");
    expect(start.output).toMatch(/^\[1\] \d+\nForwarding from 127\.0\.0\.1:8080 -> 80\nForwarding from \[::1\]:8080 -> 80\n$/);
    expect((await sim.exec("jobs")).output).toBe("[1]+  Running                 kubectl port-forward svc/web 8080:8080 &\n");
    const page = await sim.exec("curl -s localhost:8080 > page.html");
    // kubectl writes to the terminal, not to curl's redirected stdout
    expect(page.output).toBe("Handling connection for 8080\n");
    expect((await sim.exec("grep title page.html")).output).toBe("<title>Welcome to nginx!</title>\n");
    // the server sees the connection from the pod's loopback
    expect((await sim.exec("kubectl logs deploy/web | tail -1")).output).toMatch(
      /^127\.0\.0\.1 - - \[.*\] "GET \/ HTTP\/1\.1" 200 615 "-" "curl\/7\.88\.1" "-"\n$/,
    );
    expect((await sim.exec("kill %1")).output).toBe("[1]+  Terminated              kubectl port-forward svc/web 8080:8080\n");
    expect((await sim.exec("curl localhost:8080")).output).toBe(REFUSED);
    expect((await sim.exec("jobs")).output).toBe("");
  });

  it("ends with kubectl's error when its pod is deleted, and survives a save and restore while it runs", async () => {
    const { sim, deps } = await cluster();
    const pod = (await sim.exec("kubectl get pods -o name")).output.trim();
    await sim.exec(`kubectl port-forward ${pod} 8080:80 &`);
    const again = Simulator.restore(JSON.parse(JSON.stringify(sim.serialize())), deps);
    expect((await again.exec("curl -s -o /dev/null -w '%{http_code}\\n' localhost:8080")).output).toBe(
      "Handling connection for 8080\n200\n",
    );
    const del = await again.exec(`kubectl delete ${pod}`);
    expect(del.output).toMatch(/deleted\nerror: lost connection to pod\n\[1\]\+  Exit 1 +kubectl port-forward pod\/web-\S+ 8080:80\n$/);
    expect((await again.exec("curl localhost:8080")).output).toBe(REFUSED);
  });

  it("listens on the addresses of --address only", async () => {
    const { sim } = await cluster();
    const start = await sim.exec("kubectl port-forward deploy/web 8080:80 --address 0.0.0.0 &");
    expect(start.output).toMatch(/\nForwarding from 0\.0\.0\.0:8080 -> 80\n$/);
    const ip = (await sim.exec("hostname -I")).output.trim().split(" ")[0];
    expect((await sim.exec(`curl -s -o /dev/null -w '%{http_code}\\n' ${ip}:8080`)).output).toBe("Handling connection for 8080\n200\n");
    await sim.exec("kill %1");
    await sim.exec(`kubectl port-forward deploy/web 8080:80 --address ${ip} &`);
    // only the node's address: localhost is refused
    expect((await sim.exec("curl localhost:8080")).output).toBe(REFUSED);
    expect((await sim.exec(`curl -s -o /dev/null -w '%{http_code}\\n' ${ip}:8080`)).output).toBe("Handling connection for 8080\n200\n");
  });
});

describe("kubectl port-forward: ports already taken (client-go portforward.go listenOnPort)", () => {
  const inUse = (addr: string, fam: 4 | 6, port: number) =>
    `unable to create listener: Error listen tcp${fam} ${addr}:${port}: bind: address already in use`;

  it("fails a port another forward or a daemon holds, and runs with the ports it could take", async () => {
    const { sim } = await cluster();
    await sim.exec("kubectl port-forward deploy/web 8080:80 &");
    const again = await sim.exec("kubectl port-forward deploy/web 8080:80");
    expect(again).toMatchObject({
      output:
        `Unable to listen on port 8080: Listeners failed to create with the following errors: [${inUse("127.0.0.1", 4, 8080)} ${inUse("[::1]", 6, 8080)}]\n` +
        "error: unable to listen on any of the requested ports: [{8080 80}]\n",
      exitCode: 1,
    });
    // the apiserver listens on every address; the kubelet's healthz on 127.0.0.1 only, so ::1 is free
    const mixed = await sim.exec("kubectl port-forward deploy/web 6443:80 10248:80 &");
    expect(mixed.output).toMatch(/^\[2\] \d+\nUnable to listen on port 6443: .*\nForwarding from \[::1\]:10248 -> 80\n$/);
    expect((await sim.exec("jobs")).output).toMatch(/\[2\]\+  Running +kubectl port-forward deploy\/web 6443:80 10248:80 &\n$/);
    // an address the node does not have
    expect((await sim.exec("kubectl port-forward deploy/web 9000:80 --address 10.9.9.9")).output).toBe(
      "Unable to listen on port 9000: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 10.9.9.9:9000: bind: cannot assign requested address]\n" +
        "error: unable to listen on any of the requested ports: [{9000 80}]\n",
    );
  });
});

describe("kubectl port-forward in the foreground", () => {
  it("prints the Forwarding lines and holds the terminal until Ctrl-C, with status 0", async () => {
    const { sim } = await cluster();
    const r = await sim.exec("kubectl port-forward deploy/web 8080:80", TERM);
    expect(r).toMatchObject({ mode: "program", screen: "Forwarding from 127.0.0.1:8080 -> 80\r\nForwarding from [::1]:8080 -> 80\r\n" });
    expect(await sim.programInterrupt()).toMatchObject({ output: "^C\r\n", ended: { exitCode: 0 } });
    expect((await sim.exec("echo $?")).output).toBe("0\n");
  });

  it("ends with status 1 and kubectl's error when its pod stops running", async () => {
    const { sim, clock } = await cluster();
    await sim.exec(`kubectl run brief --image=busybox --restart=Never -- sh -c "sleep 20"`);
    clock.t += 5_000;
    const r = await sim.exec("kubectl port-forward brief 8080:80", TERM);
    expect(r).toMatchObject({ mode: "program" });
    let out = "";
    let step: { nextAt?: number | null; ended?: { exitCode: number } } = { nextAt: r.nextAt };
    for (let i = 0; i < 20 && !step.ended; i++) {
      clock.t = Math.max(clock.t, step.nextAt ?? clock.t);
      const t = await sim.programTick();
      out += t.output;
      step = t;
    }
    expect(out).toBe("error: lost connection to pod\r\n");
    expect(step.ended?.exitCode).toBe(1);
    expect(clock.t).toBeGreaterThanOrEqual(T0 + 30_000 + 20_000);
  });
});

describe("kubectl port-forward: ports and errors (portforward.go)", () => {
  it("resolves named ports and answers as kubectl does for bad ones", async () => {
    const { sim } = await cluster();
    const named = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "named" },
      spec: { selector: { app: "web" }, ports: [{ name: "web", port: 80, targetPort: 80 }] },
    };
    expect((await sim.exec(`echo '${JSON.stringify(named)}' | kubectl apply -f -`)).output).toBe("service/named created\n");
    const lines: [string, string][] = [
      [
        "kubectl port-forward",
        "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n",
      ],
      [
        "kubectl port-forward deploy/web",
        "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n",
      ],
      ["kubectl port-forward deploy/web 8080:http", "error: Pod 'WEBPOD' does not have a named port 'http'\n"],
      // the container's port has no name: checkUDPPortInPod finds "" and convertPodNamedPortToNumber refuses it
      ["kubectl port-forward deploy/web 8080:", "error: remote port cannot be empty\n"],
      ["kubectl port-forward deploy/web x:80", `error: error parsing local port 'x': strconv.ParseUint: parsing "x": invalid syntax\n`],
      [
        "kubectl port-forward deploy/web 70000",
        `error: error parsing local port '70000': strconv.ParseUint: parsing "70000": value out of range\n`,
      ],
      ["kubectl port-forward deploy/web 8080:0", "error: remote port must be > 0\n"],
      ["kubectl port-forward deploy/web 80 --address nowhere", "error: nowhere is not a valid IP\n"],
      ["kubectl port-forward svc/web https", "error: Service 'web' does not have a named port 'https'\n"],
      ["kubectl port-forward svc/web 9999", "error: Service web does not have a service port 9999\n"],
      ["kubectl port-forward pod/nope 80", `Error from server (NotFound): pods "nope" not found\n`],
    ];
    const pod = (await sim.exec("kubectl get pods -o name")).output.trim().replace("pod/", "");
    for (const [line, want] of lines) {
      const r = await sim.exec(line);
      expect(r.output, line).toBe(want.replace("WEBPOD", pod));
      expect(r.exitCode, line).toBe(1);
    }
    // a Service port by name: its targetPort on the pod
    expect((await sim.exec("kubectl port-forward svc/named 9000:web &")).output).toMatch(/Forwarding from 127\.0\.0\.1:9000 -> 80\n/);
    // the name alone: the local port is the Service's port
    expect((await sim.exec("kubectl port-forward svc/named web &")).output).toMatch(/Forwarding from 127\.0\.0\.1:80 -> 80\n/);
  });

  it("refuses a pod that is not running, and a Service without a selector", async () => {
    const { sim } = await cluster();
    await sim.exec('kubectl run stuck --image=nginx --overrides=\'{"spec":{"nodeSelector":{"none":"x"}}}\'');
    const r = await sim.exec("kubectl port-forward stuck 80");
    expect(r).toMatchObject({ output: "error: unable to forward port because pod is not running. Current status=Pending\n", exitCode: 1 });
    // no container port at all: checkUDPPortInPod looks "" up as a port name, and fails before the translation
    await sim.exec("kubectl run portless --image=nginx");
    expect((await sim.exec("kubectl port-forward portless 8080:")).output).toBe("error: Pod 'portless' does not have a named port ''\n");
    await sim.exec("kubectl create service clusterip bare --tcp=80");
    await sim.exec(`kubectl patch svc bare --type=json -p '[{"op":"remove","path":"/spec/selector"}]'`);
    expect((await sim.exec("kubectl port-forward svc/bare 80")).output).toBe(
      "error: cannot attach to *v1.Service: invalid service 'bare': Service is defined without a selector\n",
    );
  });
});
