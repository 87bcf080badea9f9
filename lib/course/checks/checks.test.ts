/**
 * The object, RBAC and workload checks against a real simulated cluster (the PKI and CSR checks
 * are tested in ../content.test.ts). Each state is reached with the commands a learner would
 * type; the cluster clock is moved, never the wall clock.
 */
import { describe, expect, it } from "vitest";
import type { Simulator } from "../../sim/simulator";
import { freshCluster } from "../replay";
import { runCheck, type CheckName } from ".";

async function exec(sim: Simulator, ...lines: string[]) {
  for (const l of lines) {
    const r = await sim.exec(l);
    if (r.exitCode !== 0) throw new Error(`${l} failed: ${r.output}`);
  }
}
const check = (name: CheckName, props: Record<string, string>, sim: Simulator) => runCheck(name, props, sim);
const passed = async (name: CheckName, props: Record<string, string>, sim: Simulator) => (await check(name, props, sim)).passed;

describe("object checks", () => {
  it("objectExists and objectAbsent name objects as kubectl does", async () => {
    const sim = await freshCluster();
    expect(await check("objectExists", { kind: "cm", name: "colors", namespace: "dev" }, sim)).toEqual({
      passed: false,
      detail: "There is no ConfigMap colors in namespace dev.",
    });
    expect(await check("objectAbsent", { kind: "configmap", name: "colors", namespace: "dev" }, sim)).toEqual({
      passed: true,
      detail: "There is no ConfigMap colors in namespace dev.",
    });
    await exec(sim, "kubectl create namespace dev", "kubectl create configmap colors -n dev --from-literal=color=blue");
    expect(await passed("objectExists", { kind: "configmaps", name: "colors", namespace: "dev" }, sim)).toBe(true);
    expect(await passed("objectAbsent", { kind: "configmaps", name: "colors", namespace: "dev" }, sim)).toBe(false);
    // cluster-scoped kinds ignore the namespace
    expect(await check("objectExists", { kind: "node", name: "node01" }, sim)).toEqual({ passed: true, detail: "The Node node01 exists." });
    expect(await check("objectExists", { kind: "widgets", name: "x" }, sim)).toEqual({
      passed: false,
      detail: 'This task is misconfigured: kubectl knows no resource type "widgets".',
    });
  });

  it("objectField compares what kubectl's JSONPath prints", async () => {
    const sim = await freshCluster();
    await exec(sim, "kubectl create configmap colors --from-literal=color=blue");
    const props = { kind: "cm", name: "colors", path: "{.data.color}" };
    expect(await check("objectField", { ...props, equals: "blue" }, sim)).toEqual({
      passed: true,
      detail: "The ConfigMap colors in namespace default has {.data.color} = blue.",
    });
    expect(await check("objectField", { ...props, equals: "green" }, sim)).toEqual({
      passed: false,
      detail: "The ConfigMap colors in namespace default has {.data.color} = blue; expected green.",
    });
    expect(await check("objectField", { ...props, path: "{.data.size}", equals: "L" }, sim)).toEqual({
      passed: false,
      detail: "The ConfigMap colors in namespace default has nothing at {.data.size}; expected L.",
    });
    expect((await check("objectField", { ...props, path: "no-braces", equals: "x" }, sim)).detail).toMatch(
      /misconfigured.*JSONPath template/,
    );
  });
});

describe("RBAC checks", () => {
  it("userCan follows Roles and RoleBindings, per namespace", async () => {
    const sim = await freshCluster();
    const canList = { user: "jane", verb: "list", resource: "pods", namespace: "dev" };
    await exec(sim, "kubectl create namespace dev");
    const denied = await check("userCan", canList, sim);
    expect(denied.passed).toBe(false);
    expect(denied.detail).toMatch(/^jane may not list pods in namespace dev yet/);
    expect(await passed("userCannot", canList, sim)).toBe(true);
    await exec(
      sim,
      "kubectl create role pod-reader -n dev --verb=get,list --resource=pods",
      "kubectl create rolebinding jane-reads -n dev --role=pod-reader --user=jane",
    );
    expect(await check("userCan", canList, sim)).toEqual({ passed: true, detail: "jane may list pods in namespace dev." });
    expect(await check("userCannot", canList, sim)).toEqual({ passed: false, detail: "jane may still list pods in namespace dev." });
    // the binding is namespaced: not in default, and not delete
    expect(await passed("userCan", { ...canList, namespace: "default" }, sim)).toBe(false);
    expect(await passed("userCan", { ...canList, verb: "delete" }, sim)).toBe(false);
  });

  it("userCan gives groups and a service account's implied groups", async () => {
    const sim = await freshCluster();
    await exec(sim, "kubectl create namespace dev", "kubectl create rolebinding devs-view -n dev --clusterrole=view --group=dev");
    const q = { verb: "get", resource: "deployments.apps", namespace: "dev" };
    expect(await passed("userCan", { user: "jane", ...q }, sim)).toBe(false);
    expect(await passed("userCan", { user: "jane", groups: "dev", ...q }, sim)).toBe(true);
    // system:serviceaccounts:dev is added for a service account of dev, as the apiserver adds it
    await exec(sim, "kubectl create rolebinding sas-view -n dev --clusterrole=view --group=system:serviceaccounts:dev");
    expect(await passed("userCan", { user: "system:serviceaccount:dev:builder", ...q }, sim)).toBe(true);
    expect(await passed("userCan", { user: "system:serviceaccount:prod:builder", ...q }, sim)).toBe(false);
    // system:masters is allowed everything, before RBAC
    expect(await passed("userCan", { user: "root", groups: "system:masters", verb: "delete", resource: "nodes" }, sim)).toBe(true);
  });
});

describe("workload checks", () => {
  it("deploymentAvailable and podsReady wait for the controllers and the kubelet, on the cluster clock", async () => {
    const sim = await freshCluster();
    await exec(sim, "kubectl create deployment web --image=nginx:1.27 --replicas=3");
    const dep = { name: "web", replicas: "3", image: "nginx:1.27" };
    const rolling = await check("deploymentAvailable", dep, sim);
    expect(rolling.passed).toBe(false);
    expect(rolling.detail).toMatch(/^The deployment web in namespace default has not finished rolling out/);
    expect(await passed("podsReady", { selector: "app=web", count: "3" }, sim)).toBe(false);
    sim.advanceClock(60_000);
    expect(await check("deploymentAvailable", dep, sim)).toEqual({
      passed: true,
      detail: "The deployment web in namespace default has rolled out: 3 replicas updated and available.",
    });
    expect(await check("podsReady", { selector: "app=web", count: "3" }, sim)).toEqual({
      passed: true,
      detail: "3 pods matching app=web in namespace default are running and ready.",
    });
    expect(await check("deploymentAvailable", { ...dep, replicas: "4" }, sim)).toEqual({
      passed: false,
      detail: "The deployment web in namespace default asks for 3 replicas, not 4.",
    });
    expect((await check("deploymentAvailable", { ...dep, image: "nginx:1.28" }, sim)).detail).toBe(
      "The deployment web in namespace default runs nginx:1.27 in container nginx, not nginx:1.28.",
    );
    expect(await check("podsReady", { selector: "app=web", count: "4" }, sim)).toEqual({
      passed: false,
      detail: "Found 3 pods matching app=web in namespace default; expected at least 4.",
    });
  });

  it("podsReady names a pod that does not start and why", async () => {
    const sim = await freshCluster();
    await exec(sim, "kubectl run broken --image=nginx:no-such-tag");
    sim.advanceClock(120_000);
    const broken = await check("podsReady", { name: "broken" }, sim);
    expect(broken.passed).toBe(false);
    expect(broken.detail).toMatch(/^1 pod named broken in namespace default is not ready: broken \((ImagePullBackOff|ErrImagePull)\)\.$/);
  });

  it("serviceHasEndpoints counts ready addresses", async () => {
    const sim = await freshCluster();
    await exec(sim, "kubectl create deployment web --image=nginx --replicas=2", "kubectl expose deployment web --port=80");
    sim.advanceClock(60_000);
    expect(await check("serviceHasEndpoints", { name: "web", count: "2" }, sim)).toEqual({
      passed: true,
      detail: "The service web in namespace default has 2 ready endpoints.",
    });
    await exec(sim, "kubectl create service clusterip lost --tcp=80:80");
    expect(await check("serviceHasEndpoints", { name: "lost" }, sim)).toEqual({
      passed: false,
      detail: "The service lost in namespace default has no ready endpoints: no ready pod matches its selector.",
    });
  });

  it("jobComplete follows the Job's conditions", async () => {
    const sim = await freshCluster();
    await exec(sim, "kubectl create job hello --image=busybox -- echo hi");
    expect((await check("jobComplete", { name: "hello" }, sim)).passed).toBe(false);
    sim.advanceClock(120_000);
    expect(await check("jobComplete", { name: "hello" }, sim)).toEqual({
      passed: true,
      detail: "The job hello in namespace default is complete.",
    });
  });

  it("nodeSchedulable sees a cordon", async () => {
    const sim = await freshCluster();
    expect(await passed("nodeSchedulable", { name: "node01" }, sim)).toBe(true);
    await exec(sim, "kubectl cordon node01");
    expect(await check("nodeSchedulable", { name: "node01" }, sim)).toEqual({
      passed: false,
      detail: "The node node01 is cordoned (SchedulingDisabled).",
    });
    await exec(sim, "kubectl uncordon node01");
    expect(await passed("nodeSchedulable", { name: "node01" }, sim)).toBe(true);
  });
});
