/**
 * `kubectl autoscale` (staging/src/k8s.io/kubectl/pkg/cmd/autoscale/autoscale.go): an
 * autoscaling/v1 HorizontalPodAutoscaler for each scalable object. kubectl posts v1; the cluster
 * stores v2, so the object goes in through the kind's v1 conversion and comes back out through it.
 */
import type { KObject } from "../../api/types";
import { settle } from "../../controllers";
import { hpaV1ToV2, hpaV2ToV1, type HorizontalPodAutoscalerV1 } from "../../kinds/horizontalpodautoscalers/conversion";
import { parseOutput, printStructured } from "../../printers/output";
import type { CommandContext, ExecResult } from "../../types";
import { errResult, isFailure, NO_RESOURCES, openClient, statusText } from "./client";
import { dryRunMode } from "./delete";
import { flag } from "./flags";
import { intFlag, objectMeta, requiredFlags, typedJson } from "./generate";
import { resolveArgs } from "./resolver";
import { isResult, parseVerb } from "./session";

const SCALABLE = new Set(["deployments", "replicasets", "statefulsets", "replicationcontrollers"]);
const PREFIX = "horizontalpodautoscaler.autoscaling";

export async function runAutoscale(ctx: CommandContext, argv: string[]): Promise<ExecResult> {
  const args = parseVerb(ctx, "autoscale", argv);
  if (isResult(args)) return args;
  const required = requiredFlags(args, ["max"]);
  if (required) return required;
  const max = intFlag("autoscale", args, "max", -1);
  if (isResult(max)) return max;
  const min = intFlag("autoscale", args, "min", -1);
  if (isResult(min)) return min;
  const cpu = intFlag("autoscale", args, "cpu-percent", -1);
  if (isResult(cpu)) return cpu;
  if (max < 1) return errResult(`error: --max=MAXPODS is required and must be at least 1, max: ${max}\n`);
  if (max < min) return errResult(`error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}\n`);
  const fmt = parseOutput(flag(args, "output"));
  if ("error" in fmt) return errResult(fmt.error);
  const dry = dryRunMode(flag(args, "dry-run"));
  if ("error" in dry) return errResult(dry.error);
  const files = args.flags.get("filename") ?? [];
  if (!args.operands.length && !files.length) {
    return errResult(NO_RESOURCES);
  }
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  const resolved = resolveArgs(c, args.operands, { allNamespaces: false, files, verb: "autoscale" });
  if (!resolved.ok) return errResult(resolved.stderr);
  let stdout = "";
  for (const req of resolved.requests) {
    const r = req.def.resource;
    for (const name of req.names) {
      const got = c.request({ verb: "get", group: r.group, version: r.version, resource: r.resource, namespace: req.namespace, name });
      if (isFailure(got)) return { stdout, stderr: statusText(got.body), exitCode: 1 };
      const target = got.body as KObject;
      if (!SCALABLE.has(r.resource)) {
        return {
          stdout,
          stderr: `error: cannot autoscale a ${target.kind}: could not find scale subresource for ${r.group}/${r.version}, Resource=${r.resource} in discovery information\n`,
          exitCode: 1,
        };
      }
      const hpa = {
        kind: "HorizontalPodAutoscaler",
        apiVersion: "autoscaling/v1",
        // autoscale.go leaves the namespace out of the object (the request carries it)
        metadata: objectMeta(flag(args, "name") || target.metadata.name),
        spec: {
          scaleTargetRef: { kind: target.kind, name: target.metadata.name, apiVersion: target.apiVersion },
          minReplicas: min > -1 ? min : undefined,
          maxReplicas: max,
          targetCPUUtilizationPercentage: cpu >= 0 ? cpu : undefined,
        },
        status: { currentReplicas: 0, desiredReplicas: 0 },
      };
      let result: unknown = JSON.parse(JSON.stringify(hpa)) as unknown;
      if (dry.mode !== "client") {
        const v2 = hpaV1ToV2(result as HorizontalPodAutoscalerV1);
        const resp = c.request({
          verb: "create",
          group: "autoscaling",
          version: "v2",
          resource: "horizontalpodautoscalers",
          namespace: req.namespace,
          body: v2,
          dryRun: dry.mode === "server",
        });
        if (isFailure(resp)) return { stdout, stderr: statusText(resp.body), exitCode: 1 };
        result = hpaV2ToV1(resp.body as Parameters<typeof hpaV2ToV1>[0]);
      }
      if (fmt.kind === "json" && dry.mode === "client") stdout += typedJson(result);
      else if (fmt.kind !== "table") stdout += printStructured(fmt, [result as Record<string, unknown>], true, () => PREFIX).stdout;
      else {
        const word = dry.mode === "client" ? "created (dry run)" : dry.mode === "server" ? "created (server dry run)" : "autoscaled";
        stdout += `${PREFIX}/${(result as KObject).metadata.name} ${word}\n`;
      }
    }
  }
  if (dry.mode === "none") await settle(ctx);
  return { stdout, stderr: dry.warning, exitCode: 0 };
}
