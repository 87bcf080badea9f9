import { describe, expect, it } from "vitest";
import { DAY, NOW, ago, messages, meta, strategyContext } from "../__tests__/fixtures";
import { HAVE_KUBECTL, describeBothWays, kubectlClient, withKubectl } from "../__tests__/kubectl-oracle";
import { makeWorld } from "../__tests__/world";
import { events } from "../events";
import { priorityclasses, systemPriorityClasses, type PriorityClass } from ".";

describe("priorityclasses", () => {
  it("is cluster-scoped scheduling.k8s.io/v1 priorityclasses, short name pc", () => {
    const r = priorityclasses.resource;
    expect([r.group, r.shortNames, r.namespaced]).toEqual(["scheduling.k8s.io", ["pc"], false]);
  });

  it("reserves system- names and caps user values; value and policy are immutable (ValidatePriorityClass(Update))", () => {
    const pc = (name: string, value: number, extra: Partial<PriorityClass> = {}): PriorityClass => ({
      apiVersion: "scheduling.k8s.io/v1",
      kind: "PriorityClass",
      metadata: meta(name, undefined, 0),
      value,
      ...extra,
    });
    expect(messages(priorityclasses.validate?.(pc("system-high", 10), strategyContext()) ?? [])).toEqual([
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-high is not a known system priority class",
    ]);
    expect(messages(priorityclasses.validate?.(pc("huge", 2000000000, { preemptionPolicy: "Always" }), strategyContext()) ?? [])).toEqual([
      "value: Forbidden: maximum allowed value of a user defined priority is 1000000000",
      'preemptionPolicy: Unsupported value: "Always": supported values: "PreemptLowerPriority", "Never"',
    ]);
    expect(
      messages(
        priorityclasses.validateUpdate?.(
          pc("a", 2, { preemptionPolicy: "Never" }),
          pc("a", 1, { preemptionPolicy: "PreemptLowerPriority" }),
          strategyContext(),
        ) ?? [],
      ),
    ).toEqual(["value: Forbidden: may not be changed in an update.", 'preemptionPolicy: Invalid value: "Never": field is immutable']);
  });

  it.skipIf(!HAVE_KUBECTL)("lists (PREEMPTIONPOLICY shown) and describes byte for byte as real kubectl", async () => {
    const out = await kubectlClient(
      "create",
      "priorityclass",
      "high-priority",
      "--value=1000000",
      "--description=for critical batch jobs",
      "--dry-run=client",
      "-o",
      "json",
    );
    const high = JSON.parse(out.stdout) as PriorityClass;
    high.metadata = meta("high-priority", undefined, DAY);
    priorityclasses.defaults?.(high);
    const all = [...systemPriorityClasses(ago(30 * DAY), (n) => `uid-${n}`), high];
    expect(priorityclasses.table?.rows(high, { now: NOW })).toEqual([["high-priority", 1000000, false, "24h", "PreemptLowerPriority"]]);
    const world = makeWorld([priorityclasses, events], all);
    const r = await describeBothWays(world, NOW, (o, c) => priorityclasses.describe?.(o, c) ?? "", high, "pc");
    expect(r.real.stderr).toBe("");
    expect(r.ours).toBe(r.real.stdout);
    await withKubectl(world, NOW, async (kubectl) => {
      const rows = (await kubectl("get", "pc")).stdout
        .trim()
        .split("\n")
        .map((l) => l.split(/ {2,}/));
      expect(rows).toEqual([
        ["NAME", "VALUE", "GLOBAL-DEFAULT", "AGE", "PREEMPTIONPOLICY"],
        ["high-priority", "1000000", "false", "24h", "PreemptLowerPriority"],
        ["system-cluster-critical", "2000000000", "false", "30d", "PreemptLowerPriority"],
        ["system-node-critical", "2000001000", "false", "30d", "PreemptLowerPriority"],
      ]);
    });
  });
});
