import { describe, expect, it } from "vitest";
import { DAY, NOW, event, messages, meta, strategyContext } from "../__tests__/fixtures";
import { HAVE_KUBECTL, describeBothWays, kubectlClient, withKubectl } from "../__tests__/kubectl-oracle";
import { makeWorld } from "../__tests__/world";
import { events } from "../events";
import { poddisruptionbudgets, type PodDisruptionBudget } from ".";

async function created(...args: string[]): Promise<PodDisruptionBudget> {
  const out = await kubectlClient("create", "pdb", ...args, "--dry-run=client", "-o", "json");
  expect(out.stderr).toBe("");
  return JSON.parse(out.stdout) as PodDisruptionBudget;
}

describe("poddisruptionbudgets", () => {
  it("is policy/v1 poddisruptionbudgets, short name pdb, with status", () => {
    const r = poddisruptionbudgets.resource;
    expect([r.group, r.version, r.shortNames, r.subresources?.map((s) => s.name)]).toEqual(["policy", "v1", ["pdb"], ["status"]]);
  });

  it("rejects both bounds, percentages over 100% and bad policies (ValidatePodDisruptionBudgetSpec)", () => {
    const pdb: PodDisruptionBudget = {
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: meta("x", "default", 0),
      spec: { minAvailable: "150%", maxUnavailable: 1, selector: { matchLabels: { app: "web" } }, unhealthyPodEvictionPolicy: "Never" },
    };
    expect(messages(poddisruptionbudgets.validate?.(pdb, strategyContext()) ?? [])).toEqual([
      'spec: Invalid value: policy.PodDisruptionBudgetSpec{MinAvailable:&intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}, Selector:&v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}, MaxUnavailable:&intstr.IntOrString{Type:0, IntVal:1, StrVal:""}, UnhealthyPodEvictionPolicy:&"Never"}: minAvailable and maxUnavailable cannot be both set',
      'spec.minAvailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%',
      'spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"',
    ]);
  });

  it.skipIf(!HAVE_KUBECTL)("prints N/A for the unset bound and describes byte for byte as real kubectl", async () => {
    const web = await created("web", "--selector=app=web", "--min-available=2");
    web.metadata = meta("web", "default", 3 * DAY);
    web.status = { observedGeneration: 1, disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 };
    const db = await created("db", "--selector=app=db", "--max-unavailable=10%");
    db.metadata = meta("db", "default", DAY);
    poddisruptionbudgets.strategy?.prepareForCreate?.(db, strategyContext());
    expect(poddisruptionbudgets.table?.rows(web, { now: NOW })).toEqual([["web", "2", "N/A", 1, "3d"]]);
    const ev = event(web, {
      type: "Warning",
      reason: "CalculateExpectedPodCountFailed",
      message: "Failed to calculate the number of expected pods",
      component: "controllermanager",
      first: DAY,
    });
    const world = makeWorld([poddisruptionbudgets, events], [web, db, ev]);
    for (const p of [web, db]) {
      const r = await describeBothWays(world, NOW, (o, c) => poddisruptionbudgets.describe?.(o, c) ?? "", p, "pdb");
      expect(r.real.stderr).toBe("");
      expect(r.ours).toBe(r.real.stdout);
    }
    await withKubectl(world, NOW, async (kubectl) => {
      const rows = (await kubectl("get", "pdb")).stdout
        .trim()
        .split("\n")
        .map((l) => l.split(/ {2,}/));
      expect(rows).toEqual([
        ["NAME", "MIN AVAILABLE", "MAX UNAVAILABLE", "ALLOWED DISRUPTIONS", "AGE"],
        ["db", "N/A", "10%", "0", "24h"],
        ["web", "2", "N/A", "1", "3d"],
      ]);
    });
  });
});
