import { describe, expect, it } from "vitest";
import { DAY, NOW, messages, meta, strategyContext } from "../__tests__/fixtures";
import { HAVE_KUBECTL, kubectlClient, withKubectl } from "../__tests__/kubectl-oracle";
import { describeContext, makeWorld } from "../__tests__/world";
import { describeResourceQuotas, resourcequotas, type ResourceQuota } from ".";
import { PrefixWriter } from "../_shared/prefix-writer";

/** `kubectl create quota` as a learner runs it, then as the quota controller leaves it. */
async function quota(): Promise<ResourceQuota> {
  const out = await kubectlClient(
    "create",
    "quota",
    "compute",
    "--hard=requests.cpu=2,requests.memory=2Gi,limits.cpu=4,limits.memory=4Gi,pods=10",
    "--dry-run=client",
    "-o",
    "json",
  );
  const rq = JSON.parse(out.stdout) as ResourceQuota;
  rq.metadata = meta("compute", "dev", 3 * DAY);
  resourcequotas.defaults?.(rq);
  resourcequotas.strategy?.prepareForCreate?.(rq, strategyContext());
  rq.status = {
    hard: { ...rq.spec?.hard },
    used: { "requests.cpu": "750m", "requests.memory": "768Mi", "limits.cpu": "1500m", "limits.memory": "1536Mi", pods: "3" },
  };
  return rq;
}

describe("resourcequotas", () => {
  it("is core/v1 resourcequotas, short name quota, with status", () => {
    const r = resourcequotas.resource;
    expect([r.kind, r.shortNames, r.namespaced, r.subresources?.map((s) => s.name)]).toEqual([
      "ResourceQuota",
      ["quota"],
      true,
      ["status"],
    ]);
  });

  it.skipIf(!HAVE_KUBECTL)("clears the status on create (strategy.go PrepareForCreate); the controller fills it", async () => {
    const out = await kubectlClient("create", "quota", "q", "--hard=pods=2", "--dry-run=client", "-o", "json");
    const rq = JSON.parse(out.stdout) as ResourceQuota;
    rq.status = { hard: { pods: "5" } };
    resourcequotas.strategy?.prepareForCreate?.(rq, strategyContext());
    expect(rq.status).toEqual({});
  });

  it("validates resource names, integer counts and scopes (ValidateResourceQuota)", () => {
    const rq: ResourceQuota = {
      apiVersion: "v1",
      kind: "ResourceQuota",
      metadata: meta("q", "dev", 0),
      spec: { hard: { pods: "1500m", gpus: "1", "requests.cpu": "-1" }, scopes: ["BestEffort", "NotBestEffort"] },
    };
    expect(messages(resourcequotas.validate?.(rq, strategyContext()) ?? [])).toEqual([
      'spec.hard[pods]: Invalid value: resource.Quantity{i:resource.int64Amount{value:1500, scale:-3}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"1500m", Format:"DecimalSI"}: must be an integer',
      'spec.hard[gpus]: Invalid value: "gpus": must be a standard resource type or fully qualified',
      'spec.hard[gpus]: Invalid value: "gpus": must be a standard resource for quota',
      'spec.hard[requests.cpu]: Invalid value: "-1": must be greater than or equal to 0',
      // BestEffort covers only the pod count: requests.cpu is refused once
      'spec.scopes: Invalid value: []core.ResourceQuotaScope{"BestEffort", "NotBestEffort"}: unsupported scope applied to resource',
      'spec.scopes: Invalid value: []core.ResourceQuotaScope{"BestEffort", "NotBestEffort"}: conflicting scopes',
    ]);
    const old: ResourceQuota = { ...rq, spec: { hard: { pods: "1" }, scopes: ["BestEffort"] } };
    const cur: ResourceQuota = { ...rq, spec: { hard: { pods: "1" } } };
    expect(messages(resourcequotas.validateUpdate?.(cur, old, strategyContext()) ?? [])).toEqual([
      "spec.scopes: Invalid value: []core.ResourceQuotaScope(nil): field is immutable",
    ]);
  });

  it.skipIf(!HAVE_KUBECTL)("prints REQUEST and LIMIT lists and describes byte for byte as real kubectl", async () => {
    const rq = await quota();
    // printers.go printResourceQuota: names sorted, limits.* in LIMIT, the rest in REQUEST
    expect(resourcequotas.table?.rows(rq, { now: NOW })).toEqual([
      ["compute", "pods: 3/10, requests.cpu: 750m/2, requests.memory: 768Mi/2Gi", "limits.cpu: 1500m/4, limits.memory: 1536Mi/4Gi", "3d"],
    ]);
    const world = makeWorld([resourcequotas], [rq]);
    await withKubectl(world, NOW, async (kubectl) => {
      const real = await kubectl("describe", "quota", "compute", "-n", "dev");
      expect(real.stderr).toBe("");
      expect(resourcequotas.describe?.(rq, describeContext(world, NOW))).toBe(real.stdout);
      expect((await kubectl("get", "quota", "-n", "dev")).stdout).toBe(
        "NAME      REQUEST                                                        LIMIT                                            AGE\n" +
          "compute   pods: 3/10, requests.cpu: 750m/2, requests.memory: 768Mi/2Gi   limits.cpu: 1500m/4, limits.memory: 1536Mi/4Gi   3d\n",
      );
    });
  });

  it("prints a namespace's quota section (describe.go DescribeResourceQuotas, for the namespace describer)", () => {
    const rq: ResourceQuota = {
      apiVersion: "v1",
      kind: "ResourceQuota",
      metadata: meta("pods", "dev", 0),
      spec: { hard: { pods: "2" }, scopes: ["BestEffort"] },
      status: { hard: { pods: "2" }, used: { pods: "1" } },
    };
    const w = new PrefixWriter();
    describeResourceQuotas([rq], w);
    expect(w.toString()).toBe(
      "Resource Quotas\n  Name:    pods\n  Scopes:  BestEffort\n  * Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.\n  Resource  Used  Hard\n  --------  ---   ---\n  pods      1     2\n",
    );
  });
});
