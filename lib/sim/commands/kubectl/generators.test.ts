/**
 * The client-side generators against the real kubectl v1.32 (the pinned oracle; required under CI):
 * `--dry-run=client -o yaml|json|name` and every usage error run with no cluster at all, so real
 * kubectl needs no server. The same input files sit in the simulator's /root and in the oracle's
 * working directory; stdout, stderr and exit code must be identical.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireOracle } from "../../../testing/oracles";
import { type OracleOutcome, runAll, runOracle } from "../../../testing/__tests__/run-oracle";
import { makeCluster, type TestCluster } from "./__tests__/cluster";

const REAL = requireOracle("kubectl") ?? "";
const DRY = "--dry-run=client";

/** Inputs shared by both sides; tls.crt/tls.key are the test cluster's CA pair, filled in beforeAll. */
const FILES: Record<string, string> = {
  "app.env": '# settings\nMODE=prod\n  LEVEL=3\n\nQUOTED="a b"\nEMPTY=\n',
  "bad.env": "1BAD=x\n",
  "index.html": "<h1>hello & welcome</h1>\n",
  "conf/a.properties": "a=1\n",
  "conf/b.properties": "b=2\n",
};

const LINES = [
  // create deployment
  `create deployment web --image=nginx ${DRY} -o yaml`,
  `create deployment web --image=nginx --replicas=3 --port=80 ${DRY} -o json`,
  `create deploy web --image=nginx:1.27 --image=registry.k8s.io/busybox@sha256:abc ${DRY} -o yaml`,
  `create deployment web --image=busybox ${DRY} -o yaml -- sleep 3600`,
  `create deployment web --image=nginx -n shop ${DRY} -o json`,
  `create deployment web --image=nginx ${DRY}`,
  `create deployment web --image=nginx ${DRY} -o name`,
  `create deployment web`,
  `create deployment`,
  `create deployment a b --image=nginx`,
  `create deployment web --image=nginx --replicas=x`,
  `create deployment web --image=nginx -r 2x`,
  `create deployment web --image=a --image=b -- sleep 1`,
  // create service
  `create service clusterip web --tcp=80:8080 ${DRY} -o yaml`,
  `create svc clusterip web --tcp=80:8080 --tcp=443 ${DRY} -o json`,
  `create service clusterip web --clusterip=None ${DRY} -o yaml`,
  `create service nodeport web --tcp=80:http --node-port=30080 ${DRY} -o yaml`,
  `create service nodeport web --tcp=80 ${DRY} -o json`,
  `create service loadbalancer web --tcp=80:8080 ${DRY} -o yaml`,
  `create service externalname db --external-name=db.example.com ${DRY} -o yaml`,
  `create service externalname db --external-name=db.example.com ${DRY} -o json`,
  `create service externalname db`,
  `create service externalname db --external-name=Bad_Name`,
  `create service clusterip web`,
  `create service clusterip web --tcp=abc`,
  `create service clusterip web --tcp=70000`,
  `create service clusterip web --tcp=80:Bad`,
  `create service clusterip web --tcp=80:0`,
  `create service nodeport web --clusterip=None`,
  `create service`,
  `create service foo web`,
  `create svc clusterip`,
  // configmap and secrets
  `create configmap app --from-literal=a=1 --from-literal=b=two ${DRY} -o yaml`,
  `create cm app --from-literal=a=1 --from-file=index.html --from-file=page=index.html ${DRY} -o json`,
  `create configmap app --from-file=conf ${DRY} -o yaml`,
  `create configmap app --from-env-file=app.env ${DRY} -o yaml`,
  `create configmap app --from-env-file=app.env ${DRY} -o json`,
  `create configmap app ${DRY} -o yaml`,
  `create configmap app --from-literal=a`,
  `create configmap app --from-literal=a=1 --from-literal=a=2`,
  `create configmap app --from-literal=a/b=1`,
  `create configmap app --from-file=a=b=c`,
  `create configmap app --from-file==index.html`,
  `create configmap app --from-file=page=`,
  `create configmap app --from-file=x=conf`,
  `create configmap app --from-file=nosuch`,
  `create configmap app --from-env-file=nosuch`,
  `create configmap app --from-env-file=bad.env`,
  `create configmap app --from-env-file=app.env --from-literal=a=1`,
  `create configmap`,
  `create secret generic creds --from-literal=user=admin --from-literal=pass=s3cr3t ${DRY} -o yaml`,
  `create secret generic creds --from-file=index.html --type=Opaque ${DRY} -o json`,
  `create secret generic creds --from-env-file=app.env ${DRY} -o yaml`,
  `create secret generic creds --from-literal=a/b=1`,
  `create secret generic creds --from-literal=a=1 --from-literal=a=2`,
  `create secret tls web-tls --cert=tls.crt --key=tls.key ${DRY} -o yaml`,
  `create secret tls web-tls --cert=tls.crt --key=tls.key ${DRY} -o json`,
  `create secret tls web-tls --cert=tls.crt`,
  `create secret tls web-tls --cert=nosuch.crt --key=tls.key`,
  `create secret tls web-tls --cert=index.html --key=tls.key`,
  `create secret docker-registry regcred --docker-server=registry.example.com --docker-username=dev --docker-password='p<&>w' --docker-email=dev@example.com ${DRY} -o yaml`,
  `create secret docker-registry regcred --docker-username=dev --docker-password=pw ${DRY} -o json`,
  `create secret docker-registry regcred --docker-username=dev`,
  `create secret`,
  `create secret foo x`,
  // job and cronjob
  `create job hello --image=busybox ${DRY} -o yaml`,
  `create job hello --image=busybox ${DRY} -o json -- echo hello world`,
  `create job hello`,
  `create job hello --image=busybox --from=cronjob/x`,
  `create cronjob tick --image=busybox --schedule='*/1 * * * *' ${DRY} -o yaml -- date`,
  `create cj tick --image=busybox --schedule='0 0 * * *' --restart=Never ${DRY} -o json`,
  `create cronjob tick --image=busybox`,
  `create cronjob tick`,
  // quota, priorityclass, pdb, ingress
  `create quota q --hard=cpu=1000m,memory=1024Mi,pods=10,requests.storage=5G ${DRY} -o yaml`,
  `create quota q --hard=pods=2 --scopes=BestEffort,NotTerminating ${DRY} -o json`,
  `create quota q ${DRY} -o yaml`,
  `create quota q --hard=foo`,
  `create quota q --hard=cpu=abc`,
  `create quota q --hard=cpu=1 --scopes=a,,b`,
  `create priorityclass high --value=1000 --description='for the important ones' ${DRY} -o yaml`,
  `create pc high --value=5 --global-default --preemption-policy=Never ${DRY} -o json`,
  `create priorityclass high --value=x`,
  `create pdb web --selector=app=web --min-available=1 ${DRY} -o yaml`,
  `create poddisruptionbudget web --selector=app=web --max-unavailable=50% ${DRY} -o json`,
  `create pdb web --selector='app=web,tier in (front,back),!legacy' --min-available=2 ${DRY} -o json`,
  `create pdb web`,
  `create pdb web --selector=app=web`,
  `create pdb web --selector=app=web --min-available=1 --max-unavailable=1`,
  `create pdb web --selector=app=web --min-available=1x`,
  `create pdb web --selector=app!=web --min-available=1`,
  `create ingress simple --rule=foo.com/bar=svc1:8080,tls=my-cert ${DRY} -o yaml`,
  `create ingress catch-all --class=otheringress --rule=/path=svc:port ${DRY} -o json`,
  `create ing multi --class=default --rule=foo.com/=svc:port --rule=foo.com/admin/=svcadmin:portadmin --rule=bar.com/*=svc2:http,tls --annotation=a=b ${DRY} -o json`,
  `create ingress def --default-backend=defaultsvc:http --rule=foo.com/*=svc:8080,tls=secret1 --rule=/x=s:80,tls ${DRY} -o yaml`,
  `create ingress i`,
  `create ingress i --rule=bad`,
  `create ingress i --rule=a.com/=s:80 --annotation=x`,
  `create ingress i --default-backend=s`,
  // the RBAC generators' typed field order
  `create rolebinding rb --clusterrole=view --user=jane --group=devs --serviceaccount=dev:bot -n dev ${DRY} -o json`,
  `create clusterrolebinding crb --clusterrole=view --serviceaccount=dev:bot ${DRY} -o json`,
  `create clusterrolebinding crb --user=jane`,
  `create clusterrole monitoring --aggregation-rule=rbac.example.com/aggregate-to-monitoring=true ${DRY} -o yaml`,
  `create clusterrole m --aggregation-rule=a=b,c=d --aggregation-rule=e=f ${DRY} -o json`,
  `create clusterrole m --aggregation-rule=a=b --verb=get ${DRY} -o yaml`,
  `create clusterrole m --aggregation-rule=a=b --aggregation-rule=x ${DRY} -o yaml`,
  `create clusterrole x --verb=get ${DRY} -o yaml`,
  `create serviceaccount bot -n dev ${DRY} -o json`,
  // --save-config keeps the object in the last-applied annotation
  `create deployment web --image=nginx --save-config ${DRY} -o yaml`,
  `create namespace dev --save-config ${DRY} -o json`,
  `create ingress i --rule=a.com/=s:80 --annotation=z=1 --save-config ${DRY} -o json`,
  // help texts
  `create deployment --help`,
  `create service clusterip -h`,
  `create secret tls --help`,
];

let dir = "";
let cluster: TestCluster;
let realRuns = new Map<string, OracleOutcome>();

describe.skipIf(!REAL)("the generators against the real kubectl", () => {
  beforeAll(async () => {
    cluster = await makeCluster();
    dir = mkdtempSync(join(tmpdir(), "kubeyard-generators-"));
    const files = {
      ...FILES,
      "tls.crt": cluster.read("/etc/kubernetes/pki/ca.crt"),
      "tls.key": cluster.read("/etc/kubernetes/pki/ca.key"),
    };
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(join(dir, name, ".."), { recursive: true });
      writeFileSync(join(dir, name), content);
      cluster.write(`/root/${name}`, content);
    }
    // real kubectl runs every line first, a few at a time (lib/testing/__tests__/run-oracle.ts)
    realRuns = await runAll(LINES, 4, (line) =>
      runOracle("bash", ["-c", `exec "$KUBECTL" ${line}`], {
        cwd: dir,
        // the process's own environment minus what would steer kubectl: no kubeconfig, no home
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
