/**
 * kubectl scale (staging/src/k8s.io/kubectl/pkg/cmd/scale/scale.go, v1.32): sets spec.replicas of
 * deployments, replica sets, stateful sets and replication controllers through the request path,
 * honouring --current-replicas and --resource-version preconditions; prints "<kind>/<name> scaled".
 */
import { settle } from "../../controllers";
import type { KObject } from "../../api/types";
import type { CommandContext, ExecResult } from "../../types";
import { isFailure, openClient, statusText } from "./client";
import { flag } from "./flags";
import { isResult, parseVerb } from "./session";
import { resolveTargets, targetName } from "./workload-target";

const fail = (stderr: string): ExecResult => ({ stdout: "", stderr, exitCode: 1 });

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
  // scale.go marks --replicas required (cobra's message), then Validate wants it non-negative
  if (replicasRaw === undefined) return fail('error: required flag(s) "replicas" not set\n');
  if (!/^-?\d+$/.test(replicasRaw) || Number(replicasRaw) < 0)
    return fail("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n");
  const replicas = Number(replicasRaw);
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  if (!args.operands.length) return fail("error: required resource not specified\n");
  const t = resolveTargets(c, args.operands);
  // scale.go: with nothing found, "no objects passed to scale" and the builder's error
  if (!t.ok) return fail(t.stderr.replace(/^Error from server \(NotFound\): /, "error: no objects passed to scale "));
  const current = Number(flag(args, "current-replicas") ?? "-1");
  const version = flag(args, "resource-version") ?? "";
  let stdout = "";
  for (const target of t.targets) {
    const res = target.def.resource;
    if (!SCALABLE.has(res.resource))
      return {
        stdout,
        stderr: `error: no objects passed to scale ${JSON.stringify(`${res.group}/${res.version}, Resource=${res.resource}`)} is not scalable\n`,
        exitCode: 1,
      };
    // genericScaler.ScaleSimple (pkg/scale/scale.go): with a precondition, get the Scale, check it and put it back;
    // without, a merge patch of the Scale
    const at = {
      group: res.group,
      version: res.version,
      resource: res.resource,
      namespace: target.obj.metadata.namespace,
      name: target.obj.metadata.name,
      subresource: "scale",
    };
    let r;
    if (current !== -1 || version) {
      const got = c.request({ ...at, verb: "get" });
      if (isFailure(got)) return { stdout, stderr: statusText(got.body), exitCode: 1 };
      const sc = got.body as KObject & { spec?: { replicas?: number } };
      const was = sc.spec?.replicas ?? 0;
      if (current !== -1 && current !== was)
        return { stdout, stderr: `error: Expected replicas to be ${current}, was ${was}\n`, exitCode: 1 };
      if (version && version !== sc.metadata.resourceVersion)
        return { stdout, stderr: `error: Expected resource version to be ${version}, was ${sc.metadata.resourceVersion}\n`, exitCode: 1 };
      r = c.request({ ...at, verb: "update", body: { ...sc, spec: { ...sc.spec, replicas } } });
    } else r = c.request({ ...at, verb: "patch", patchType: "merge", body: { spec: { replicas } } });
    if (isFailure(r)) return { stdout, stderr: statusText(r.body), exitCode: 1 };
    stdout += `${targetName(target)} scaled\n`;
  }
  return { stdout, stderr: "", exitCode: 0 };
}
