/**
 * kubectl scale (staging/src/k8s.io/kubectl/pkg/cmd/scale/scale.go, v1.32): sets spec.replicas of
 * deployments, replica sets, stateful sets and replication controllers through the request path,
 * honouring --current-replicas and --resource-version preconditions; prints "<kind>/<name> scaled".
 */
import { settle } from "../../controllers";
import type { CommandContext, ExecResult } from "../../types";
import { isFailure, openClient, statusText } from "./client";
import { flag } from "./flags";
import { isResult, parseVerb } from "./session";
import { resolveTargets, targetName } from "./workload-target";

const SCALABLE = new Set(["deployments", "replicasets", "statefulsets", "replicationcontrollers"]);

export async function runScale(ctx: CommandContext, argv: string[]): Promise<ExecResult> {
  const r = scale(ctx, argv);
  // the controllers react at the time of the write, as after apply and patch
  if (r.exitCode === 0) await settle(ctx);
  return r;
}

function scale(ctx: CommandContext, argv: string[]): ExecResult {
  const args = parseVerb(ctx, "scale", argv);
  if (isResult(args)) return args;
  const replicasRaw = flag(args, "replicas");
  if (replicasRaw === undefined || !/^-?\d+$/.test(replicasRaw) || Number(replicasRaw) < 0) {
    return {
      stdout: "",
      stderr: "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n",
      exitCode: 1,
    };
  }
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  if (!args.operands.length) return { stdout: "", stderr: "error: required resource not specified\n", exitCode: 1 };
  const t = resolveTargets(c, args.operands);
  if (!t.ok) return { stdout: "", stderr: t.stderr, exitCode: 1 };
  const current = flag(args, "current-replicas");
  let stdout = "";
  for (const target of t.targets) {
    const res = target.def.resource;
    if (!SCALABLE.has(res.resource))
      return {
        stdout,
        stderr: `error: no objects passed to scale ${JSON.stringify(`${res.group}/${res.version}, Resource=${res.resource}`)} is not scalable\n`,
        exitCode: 1,
      };
    const spec = target.obj.spec as { replicas?: number } | undefined;
    if (current !== undefined && current !== "-1" && Number(current) !== (spec?.replicas ?? 1)) {
      return { stdout, stderr: `error: Expected replicas to be ${current}, was ${spec?.replicas ?? 1}\n`, exitCode: 1 };
    }
    const r = c.request({
      verb: "patch",
      group: res.group,
      version: res.version,
      resource: res.resource,
      namespace: target.obj.metadata.namespace,
      name: target.obj.metadata.name,
      patchType: "merge",
      body: { spec: { replicas: Number(replicasRaw) } },
    });
    if (isFailure(r)) return { stdout, stderr: statusText(r.body), exitCode: 1 };
    stdout += `${targetName(target)} scaled\n`;
  }
  return { stdout, stderr: "", exitCode: 0 };
}
