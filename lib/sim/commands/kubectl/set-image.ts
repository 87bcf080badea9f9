/**
 * kubectl set image (staging/src/k8s.io/kubectl/pkg/cmd/set/set_image.go, v1.32): CONTAINER=IMAGE
 * pairs ("*" for every container) on the pod template of a pod, Deployment, ReplicaSet,
 * StatefulSet, DaemonSet, Job or CronJob, sent as a strategic merge patch keyed by container name;
 * prints "<kind>/<name> image updated". The other subcommands dispatch from here
 * to set-env.ts and set-more.ts.
 */
import { settle } from "../../controllers";
import type { CommandContext, ExecResult } from "../../types";
import { isFailure, openClient, statusText } from "./client";
import type { ParsedArgs } from "./flags";
import { helpResult } from "./help";
import { podSpecOf } from "./set-common";
import { runSetEnv } from "./set-env";
import { runSetResources, runSetSelector, runSetServiceAccount } from "./set-more";
import { isResult, parseVerb } from "./session";
import { resolveTargets, targetName } from "./workload-target";

// set.go: the other subcommands (set-env.ts, set-more.ts) and their cobra aliases
const MORE_SET: Record<string, (ctx: CommandContext, args: ParsedArgs) => Promise<ExecResult>> = {
  env: runSetEnv,
  resources: runSetResources,
  serviceaccount: runSetServiceAccount,
  selector: runSetSelector,
};
const SET_ALIASES: Record<string, string> = { sa: "serviceaccount" };

type Spec = { containers?: { name: string }[]; initContainers?: { name: string }[] };

export async function runSet(ctx: CommandContext, argv: string[]): Promise<ExecResult> {
  const subIndex = argv.findIndex((a) => !a.startsWith("-"));
  const sub = subIndex >= 0 ? argv[subIndex] : undefined;
  if (!sub) {
    const top = parseVerb(ctx, "set", argv);
    return isResult(top) ? top : helpResult("set");
  }
  const canonical = SET_ALIASES[sub] ?? sub;
  const more = MORE_SET[canonical];
  if (sub !== "image" && !more)
    return { stdout: "", stderr: `error: "kubectl set ${sub}" is not available in this practice cluster\n`, exitCode: 1 };
  const args = parseVerb(ctx, `set ${canonical}`, [...argv.slice(0, subIndex), ...argv.slice(subIndex + 1)]);
  if (isResult(args)) return args;
  if (more) return more(ctx, args);
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  const pairs = args.operands.filter((o) => o.includes("="));
  const refs = args.operands.filter((o) => !o.includes("="));
  if (!pairs.length)
    return {
      stdout: "",
      stderr: "error: at least one image update is required\nSee 'kubectl set image -h' for help and examples\n",
      exitCode: 1,
    };
  if (!refs.length)
    return {
      stdout: "",
      stderr:
        "error: one or more resources must be specified as <resource> <name> or <resource>/<name>\nSee 'kubectl set image -h' for help and examples\n",
      exitCode: 1,
    };
  const images = new Map(pairs.map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)]));
  const targets = resolveTargets(c, refs);
  if (!targets.ok) return { stdout: "", stderr: targets.stderr, exitCode: 1 };
  let stdout = "";
  for (const t of targets.targets) {
    const at = podSpecOf(t.obj);
    if (!at) return { stdout, stderr: `error: ${targetName(t)} is not a pod template\n`, exitCode: 1 };
    const patch: Spec & Record<string, unknown> = {};
    for (const field of ["initContainers", "containers"] as const) {
      const list = (at.spec?.[field] ?? [])
        .filter((x) => images.has(x.name) || images.has("*"))
        .map((x) => ({ name: x.name, image: images.get(x.name) ?? images.get("*") }));
      if (list.length) patch[field] = list;
    }
    for (const name of images.keys()) {
      if (name !== "*" && ![...(at.spec?.containers ?? []), ...(at.spec?.initContainers ?? [])].some((x) => x.name === name)) {
        return { stdout, stderr: `error: unable to find container named "${name}"\n`, exitCode: 1 };
      }
    }
    const r = c.request({
      verb: "patch",
      group: t.def.resource.group,
      version: t.def.resource.version,
      resource: t.def.resource.resource,
      namespace: t.obj.metadata.namespace,
      name: t.obj.metadata.name,
      patchType: "strategic",
      body: at.wrap(patch),
    });
    if (isFailure(r)) return { stdout, stderr: statusText(r.body), exitCode: 1 };
    stdout += `${targetName(t)} image updated\n`;
  }
  await settle(ctx);
  return { stdout, stderr: "", exitCode: 0 };
}
