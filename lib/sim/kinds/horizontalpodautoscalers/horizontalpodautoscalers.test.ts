import { describe, expect, it } from "vitest";
import { DAY, HOUR, NOW, ago, event, messages, meta, obj, strategyContext } from "../__tests__/fixtures";
import { HAVE_KUBECTL, describeBothWays, withKubectl } from "../__tests__/kubectl-oracle";
import { makeWorld } from "../__tests__/world";
import { deployments } from "../deployments";
import { events } from "../events";
import { hpaV1ToV2, hpaV2ToV1, type HorizontalPodAutoscalerV1 } from "./conversion";
import { formatHPAMetrics } from "./format";
import { horizontalpodautoscalers, type HorizontalPodAutoscaler } from ".";

/** An HPA scaling `web` on CPU utilization and memory, as the controller reports it mid-scale-up (raw byte averages, as it writes them). */
function webHPA(): HorizontalPodAutoscaler {
  const hpa: HorizontalPodAutoscaler = obj("autoscaling/v2", "HorizontalPodAutoscaler", meta("web", "default", 2 * DAY), {
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [
        { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 60 } } },
        { type: "Resource", resource: { name: "memory", target: { type: "AverageValue", averageValue: "256Mi" } } },
      ],
      behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: "Pods", value: 1, periodSeconds: 60 }] } },
    },
    status: {
      observedGeneration: 1,
      lastScaleTime: ago(10 * 60_000),
      currentReplicas: 4,
      desiredReplicas: 5,
      currentMetrics: [
        { type: "Resource", resource: { name: "cpu", current: { averageValue: "187m", averageUtilization: 75 } } },
        { type: "Resource", resource: { name: "memory", current: { averageValue: "201326592" } } },
      ],
      conditions: [
        {
          type: "AbleToScale",
          status: "True",
          lastTransitionTime: ago(2 * DAY),
          reason: "SucceededRescale",
          message: "the HPA controller was able to update the target scale to 5",
        },
        {
          type: "ScalingActive",
          status: "True",
          lastTransitionTime: ago(2 * DAY),
          reason: "ValidMetricFound",
          message: "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)",
        },
        {
          type: "ScalingLimited",
          status: "False",
          lastTransitionTime: ago(HOUR),
          reason: "DesiredWithinRange",
          message: "the desired count is within the acceptable range",
        },
      ],
    },
  });
  horizontalpodautoscalers.defaults?.(hpa);
  return hpa;
}

describe("horizontalpodautoscalers", () => {
  it("is autoscaling/v2 horizontalpodautoscalers, short name hpa, category all, with status", () => {
    const r = horizontalpodautoscalers.resource;
    expect([r.group, r.version, r.shortNames, r.categories, r.subresources?.map((s) => s.name)]).toEqual([
      "autoscaling",
      "v2",
      ["hpa"],
      ["all"],
      ["status"],
    ]);
  });

  it("defaults minReplicas, a cpu 80% metric and the behavior rules (SetDefaults_HorizontalPodAutoscaler, GenerateHPAScale*Rules)", () => {
    const hpa: HorizontalPodAutoscaler = obj("autoscaling/v2", "HorizontalPodAutoscaler", meta("x", "default", 0), {
      spec: { scaleTargetRef: { kind: "Deployment", name: "x" }, maxReplicas: 3, behavior: {} },
    });
    horizontalpodautoscalers.defaults?.(hpa);
    expect(hpa.spec).toEqual({
      scaleTargetRef: { kind: "Deployment", name: "x" },
      maxReplicas: 3,
      minReplicas: 1,
      metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }],
      behavior: {
        scaleUp: {
          stabilizationWindowSeconds: 0,
          selectPolicy: "Max",
          policies: [
            { type: "Pods", value: 4, periodSeconds: 15 },
            { type: "Percent", value: 100, periodSeconds: 15 },
          ],
        },
        scaleDown: { selectPolicy: "Max", policies: [{ type: "Percent", value: 100, periodSeconds: 15 }] },
      },
    });
    horizontalpodautoscalers.strategy?.prepareForCreate?.(hpa, strategyContext());
    expect(hpa.status).toEqual({ desiredReplicas: 0, currentMetrics: null });
  });

  it("validates bounds, the target reference and metrics (validateHorizontalPodAutoscalerSpec)", () => {
    const hpa: HorizontalPodAutoscaler = obj("autoscaling/v2", "HorizontalPodAutoscaler", meta("x", "default", 0), {
      spec: {
        scaleTargetRef: { kind: "Deployment", name: "" },
        minReplicas: 5,
        maxReplicas: 3,
        metrics: [
          { type: "Resource", resource: { name: "cpu", target: { type: "Utilization" } } },
          { type: "Pods", resource: { name: "memory", target: { type: "AverageValue", averageValue: "1Gi" } } },
        ],
      },
    });
    expect(messages(horizontalpodautoscalers.validate?.(hpa, strategyContext()) ?? [])).toEqual([
      "spec.maxReplicas: Invalid value: 3: must be greater than or equal to `minReplicas`",
      "spec.scaleTargetRef.name: Required value",
      "spec.metrics[0].resource.target.averageUtilization: Required value: must set either a target raw value or a target utilization",
      "spec.metrics[1].pods: Required value: must populate information for the given metric source",
    ]);
  });

  it("prints TARGETS two at a time (printers.go formatHPAMetrics, printHorizontalPodAutoscaler)", () => {
    const hpa = webHPA();
    expect(horizontalpodautoscalers.table?.rows(hpa, { now: NOW })).toEqual([
      ["web", "Deployment/web", "cpu: 75%/60%, memory: 201326592/256Mi", "2", 10, 4, "2d"],
    ]);
    expect(
      formatHPAMetrics(
        [
          ...(hpa.spec?.metrics ?? []),
          { type: "Pods", pods: { metric: { name: "rps" }, target: { type: "AverageValue", averageValue: "100" } } },
        ],
        null,
      ),
    ).toBe("cpu: <unknown>/60%, memory: <unknown>/256Mi + 1 more...");
  });

  it.skipIf(!HAVE_KUBECTL)("describes (metrics, behavior, conditions, events) and lists byte for byte as real kubectl", async () => {
    const hpa = webHPA();
    const evs = [
      event(hpa, {
        reason: "SuccessfulRescale",
        message: "New size: 5; reason: cpu resource utilization (percentage of request) above target",
        component: "horizontal-pod-autoscaler",
        first: 10 * 60_000,
      }),
    ];
    const world = makeWorld([horizontalpodautoscalers, events], [hpa, ...evs]);
    const r = await describeBothWays(world, NOW, (o, c) => horizontalpodautoscalers.describe?.(o, c) ?? "", hpa, "hpa");
    expect(r.real.stderr).toBe("");
    expect(r.ours).toBe(r.real.stdout);
    expect(r.oursNoEvents).toBe(r.realNoEvents.stdout);
    expect(r.ours).toContain("  resource cpu on pods  (as a percentage of request):  75% (187m) / 60%\n");
    await withKubectl(world, NOW, async (kubectl) => {
      const [head, row] = (await kubectl("get", "hpa")).stdout.split("\n").map((l) => l.split(/ {2,}/));
      expect(head).toEqual(["NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS", "AGE"]);
      expect(row).toEqual(["web", "Deployment/web", "cpu: 75%/60%, memory: 201326592/256Mi", "2", "10", "4", "2d"]);
    });
  });

  it.skipIf(!HAVE_KUBECTL)("accepts what `kubectl autoscale` posts (autoscaling/v1) through the v1 conversion", async () => {
    const d = obj("apps/v1", "Deployment", meta("web", "default", DAY), {
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } },
      },
    });
    let v1: HorizontalPodAutoscalerV1 | undefined;
    await withKubectl(makeWorld([deployments], [d]), NOW, async (kubectl) => {
      const out = await kubectl(
        "autoscale",
        "deployment",
        "web",
        "--min=2",
        "--max=5",
        "--cpu-percent=70",
        "--dry-run=client",
        "-o",
        "json",
      );
      expect(out.stderr).toBe("");
      v1 = JSON.parse(out.stdout) as HorizontalPodAutoscalerV1;
    });
    if (!v1) throw new Error("no output");
    expect(v1.apiVersion).toBe("autoscaling/v1");
    v1.metadata = { ...v1.metadata, ...meta("web", "default", 0) };
    const v2 = hpaV1ToV2(v1);
    horizontalpodautoscalers.defaults?.(v2);
    expect(v2.spec).toEqual({
      scaleTargetRef: { kind: "Deployment", name: "web", apiVersion: "apps/v1" },
      minReplicas: 2,
      maxReplicas: 5,
      metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }],
    });
    expect(horizontalpodautoscalers.validate?.(v2, strategyContext())).toEqual([]);
    // and back: the memory metric and the conditions ride in annotations (conversion.go)
    const back = hpaV2ToV1(webHPA());
    expect(back.spec).toEqual({
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
      minReplicas: 2,
      maxReplicas: 10,
      targetCPUUtilizationPercentage: 60,
    });
    expect(back.status?.currentCPUUtilizationPercentage).toBe(75);
    expect(back.metadata.annotations?.["autoscaling.alpha.kubernetes.io/metrics"]).toBe(
      '[{"type":"Resource","resource":{"name":"memory","targetAverageValue":"256Mi"}}]',
    );
    // back to v2 the annotation's metrics come first, then the CPU target (Convert_v1_HorizontalPodAutoscaler_To_autoscaling_...)
    const { metrics, ...rest } = webHPA().spec ?? {};
    expect(hpaV1ToV2(back).spec).toEqual({ ...rest, metrics: [metrics?.[1], metrics?.[0]] });
  });
});
