/**
 * The network tools inside containers, as learners type them. The texts are busybox 1.36's
 * (networking/wget.c, networking/nslookup.c, libbb/xconnect.c, libbb/progress.c: quoted in
 * wget/index.ts and nslookup/index.ts); the pages are the container's own files.
 */
import { describe, expect, it } from "vitest";
import { baseCluster, T0 } from "../../controllers/__tests__/harness";
import { SimEngine } from "../../core/sim-engine";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { coreutils } from "../coreutils";
import { curl } from "../curl";
import { kubectl } from "../kubectl";
import { attachedComplete, attachedPrompt, runAttachedLine } from "../kubectl/exec-session";

async function engine() {
  const clock = { t: T0 };
  const deps = { clock: { now: () => clock.t }, keys: new DeterministicKeySource(3) };
  const e = new SimEngine(
    structuredClone(await baseCluster()),
    deps,
    [...coreutils, kubectl, curl],
    {},
    { prompt: attachedPrompt, run: runAttachedLine, complete: attachedComplete },
  );
  const run = async (line: string) => (await e.exec(line)).output;
  return { e, clock, run };
}

/** A Deployment "web" of nginx behind a Service, and a busybox pod "b", all running. */
async function withWeb() {
  const t = await engine();
  await t.run("kubectl create deployment web --image=nginx");
  await t.run("kubectl expose deployment web --port=80");
  await t.run("kubectl run b --image=busybox -- sleep 3600");
  t.clock.t += 20_000;
  await t.run("kubectl get pods");
  const svc = (await t.run("kubectl get svc web -o jsonpath='{.spec.clusterIP}'")).trim();
  const page = await t.run("kubectl exec deploy/web -- cat /usr/share/nginx/html/index.html");
  return { ...t, svc, page };
}

describe("wget, nslookup and curl inside containers", () => {
  it("kubectl run --rm -i busybox -- wget -qO- http://web: the page, the deletion, and nginx's access-log line", async () => {
    const { e, run, page } = await withWeb();
    const r = await e.exec("kubectl run tmp --image=busybox --rm -i --restart=Never -- wget -qO- http://web");
    expect(r.output).toBe(`${page}pod "tmp" deleted\n`);
    expect(r.exitCode).toBe(0);
    // nginx's log_format main, the client's pod IP and busybox's User-Agent
    expect(await run("kubectl logs deploy/web --tail=1")).toMatch(
      /^192\.168\.\d+\.\d+ - - \[28\/Nov\/2026:09:0\d:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "Wget" "-"\n$/,
    );
  });

  it("a name that does not resolve fails the pod with wget's exit status", async () => {
    const { e } = await withWeb();
    const r = await e.exec("kubectl run tmp --image=busybox --rm -i --restart=Never -- wget -O- nope");
    expect(r.output).toBe(`wget: bad address 'nope'\npod "tmp" deleted\npod default/tmp terminated (Error)\n`);
    expect(r.exitCode).toBe(1);
  });

  it("kubectl run without --rm: the tool's output stays in the pod's log and the pod completes", async () => {
    const { run, svc, clock } = await withWeb();
    await run("kubectl run t --image=busybox --restart=Never -- wget web");
    clock.t += 10_000;
    expect(await run("kubectl get pod t --no-headers")).toMatch(/^t\s+0\/1\s+Completed\s+0/);
    expect(await run("kubectl logs t")).toBe(
      `Connecting to web (${svc}:80)\nsaving to 'index.html'\nindex.html           100% |********************************|   615  0:00:00 ETA\n'index.html' saved\n`,
    );
  });

  it("wget in exec: service DNS with the search path, stdout and the progress line, and the failures", async () => {
    const { run, svc, page } = await withWeb();
    expect(await run("kubectl exec b -- wget -O- web.default.svc.cluster.local 2>err; cat err")).toBe(
      `${page}Connecting to web.default.svc.cluster.local (${svc}:80)\nwriting to stdout\n-                    100% |********************************|   615  0:00:00 ETA\nwritten to stdout\n`,
    );
    expect(await run("kubectl exec b -- wget -q -O - web/nope")).toBe(
      "wget: server returned error: HTTP/1.1 404 Not Found\ncommand terminated with exit code 1\n",
    );
    await run("kubectl create service clusterip empty --tcp=80:80");
    const empty = (await run("kubectl get svc empty -o jsonpath='{.spec.clusterIP}'")).trim();
    expect(await run("kubectl exec b -- wget -q empty")).toBe(
      `wget: can't connect to remote host (${empty}): Connection refused\ncommand terminated with exit code 1\n`,
    );
    expect(await run("kubectl exec b -- wget -x web 2>&1 | head -2")).toBe(
      "wget: invalid option -- 'x'\nBusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n",
    );
  });

  it("nslookup: every search domain's A and AAAA answer, exit 1 for the NXDOMAINs; a dotted name is asked as it is", async () => {
    const { run, svc } = await withWeb();
    expect(await run("kubectl exec b -- nslookup web; echo rc=$?")).toBe(
      `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${svc}\n\n` +
        "** server can't find web.svc.cluster.local: NXDOMAIN\n\n** server can't find web.cluster.local: NXDOMAIN\n\n\n" +
        "** server can't find web.svc.cluster.local: NXDOMAIN\n\n** server can't find web.cluster.local: NXDOMAIN\n\n" +
        "command terminated with exit code 1\nrc=1\n",
    );
    expect(await run("kubectl exec b -- nslookup web.default.svc.cluster.local")).toBe(
      `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${svc}\n\n\n`,
    );
    expect(await run("kubectl exec b -- nslookup kubernetes.default")).toContain("** server can't find kubernetes.default: NXDOMAIN\n");
  });

  it("only images that ship a tool run it: curl in nginx (localhost is the pod), not in busybox; no wget in nginx", async () => {
    const { run, page } = await withWeb();
    expect(await run("kubectl exec deploy/web -- curl -s localhost")).toBe(page);
    expect(await run("kubectl exec b -- curl web")).toBe(
      'OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown\ncommand terminated with exit code 126\n',
    );
    expect(await run("kubectl exec deploy/web -- wget web")).toContain('exec: "wget": executable file not found in $PATH');
    expect(await run("kubectl logs deploy/web --tail=1")).toMatch(/"GET \/ HTTP\/1\.1" 200 615 "-" "curl\/7\.88\.1" "-"\n$/);
  });

  it("the attached busybox shell: wget by service name, and ash's own not-found message", async () => {
    const { e, page } = await withWeb();
    await e.exec("kubectl run tmp --image=busybox --rm -it --restart=Never -- sh");
    expect(e.prompt()).toBe("/ # ");
    expect((await e.exec("wget -qO- web")).output).toBe(page);
    expect((await e.exec("curl web")).output).toBe("sh: curl: not found\n");
    expect((await e.exec("sh -c 'nope'")).output).toBe("sh: nope: not found\n");
    // Tab offers the container's commands and files, not the node's
    expect(e.complete("wge", 3).candidates).toEqual(["wget"]);
    expect(e.complete("nsl", 3).candidates).toEqual(["nslookup"]);
    expect(e.complete("kubect", 6).candidates).toEqual([]);
    expect(e.complete("cur", 3).candidates).toEqual([]);
    expect(e.complete("ls /et", 6).candidates).toEqual(["/etc/"]);
    await e.exec("exit 0");
    expect(e.complete("kubect", 6).candidates).toEqual(["kubectl"]);
  });
});

describe("busybox nc in busybox containers", () => {
  it("-zv reports an open port as busybox does; a refusal is silent at one -v and shown at -vv", async () => {
    const { run, svc } = await withWeb();
    expect(await run("kubectl exec b -- nc -zv web 80; echo rc=$?")).toBe(`web (${svc}:80) open\nrc=0\n`);
    await run("kubectl create service clusterip empty --tcp=80:80");
    const empty = (await run("kubectl get svc empty -o jsonpath='{.spec.clusterIP}'")).trim();
    expect(await run("kubectl exec b -- nc -zv empty 80")).toBe("command terminated with exit code 1\n");
    expect(await run("kubectl exec b -- nc -zvv empty 80")).toBe(
      `nc: empty (${empty}:80): Connection refused\ncommand terminated with exit code 1\n`,
    );
    expect(await run("kubectl exec b -- nc -z nope 80")).toBe("nc: bad address 'nope'\ncommand terminated with exit code 1\n");
  });
});

describe("busybox:1.28's nslookup (the Kubernetes docs' DNS debugging image)", () => {
  it("prints the mini nslookup's Server and Name blocks with reverse names, and can't resolve a missing name", async () => {
    const { e } = await engine();
    // kubernetes.io/docs/tasks/administer-cluster/dns-debugging-resolution: the output the page shows for a working cluster
    const ok = await e.exec("kubectl run t --image=busybox:1.28 --rm -i --restart=Never -- nslookup kubernetes.default");
    expect(ok.output).toBe(
      'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      kubernetes.default\nAddress 1: 10.96.0.1 kubernetes.default.svc.cluster.local\npod "t" deleted\n',
    );
    const bad = await e.exec("kubectl run t --image=busybox:1.28 --rm -i --restart=Never -- nslookup nope");
    expect(bad.output).toBe(
      "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nnslookup: can't resolve 'nope'\npod \"t\" deleted\npod default/t terminated (Error)\n",
    );
    expect(bad.exitCode).toBe(1);
  });
});

describe("older busybox images' wget", () => {
  it("1.28 has the old meter and no saving lines, 1.30 the new meter without them (busybox's git history)", async () => {
    const { run, svc } = await withWeb();
    await run("kubectl run old --image=busybox:1.28 --restart=Never -- wget web");
    await run("kubectl run mid --image=busybox:1.30 --restart=Never -- wget web");
    await run("sleep 10");
    expect(await run("kubectl logs old")).toBe(
      `Connecting to web (${svc}:80)\nindex.html           100% |${"*".repeat(31)}|   615   0:00:00 ETA\n`,
    );
    expect(await run("kubectl logs mid")).toBe(
      `Connecting to web (${svc}:80)\nindex.html           100% |${"*".repeat(32)}|   615  0:00:00 ETA\n`,
    );
  });
});
