/**
 * kubectl set image (staging/src/k8s.io/kubectl/pkg/cmd/set/set_image.go, v1.32): CONTAINER=IMAGE
 * pairs ("*" for every container) on the pod template of a pod, Deployment, ReplicaSet,
 * StatefulSet, DaemonSet, Job or CronJob, sent as a strategic merge patch keyed by container name;
 * prints "<kind>/<name> image updated". The other subcommands dispatch from here
 * to set-env.ts and set-more.ts.
 */
import type { KObject } from "../../api/types";
import type { CommandContext, ExecResult } from "../../types";
import { errResult, NO_RESOURCES } from "./client";
import type { ParsedArgs } from "./flags";
import { subcommand } from "./help";
import { type Change, podSpecOf, runSetOver } from "./set-common";
import { runSetEnv } from "./set-env";
import { runSetResources, runSetServiceAccount } from "./set-more";
import { runSetSelector } from "./set-selector";
import { runSetSubject } from "./set-subject";
import { isResult, parseVerb } from "./session";
import { targetName } from "./workload-target";

type SetRun = (ctx: CommandContext, args: ParsedArgs) => Promise<ExecResult>;

/** set.go's subcommands with their cobra aliases; one without a run is not in this practice cluster */
const SET_SUBCOMMANDS: Record<string, { aliases?: string[]; run?: SetRun }> = {
  image: { run: runSetImage },
  env: { run: runSetEnv },
  resources: { run: runSetResources },
  serviceaccount: { aliases: ["sa"], run: runSetServiceAccount },
  selector: { run: runSetSelector },
  subject: { run: runSetSubject },
};
/** every subcommand and alias → its subcommand, for the group's dispatch */
const SET_NAMES = Object.fromEntries(
  Object.entries(SET_SUBCOMMANDS).flatMap(([name, sub]) => [name, ...(sub.aliases ?? [])].map((word) => [word, name])),
);

export async function runSet(ctx: CommandContext, argv: string[]): Promise<ExecResult> {
  const s = subcommand("set", argv, SET_NAMES);
  if (isResult(s)) return s;
  const name = s.verb.slice("set ".length);
  // own keys only: the dispatch's table is a plain object, so `set constructor` comes through here
  const run = Object.hasOwn(SET_SUBCOMMANDS, name) ? SET_SUBCOMMANDS[name].run : undefined;
  if (!run) return errResult(`error: "kubectl ${s.verb}" is not available in this practice cluster\n`);
  const args = parseVerb(ctx, s.verb, s.rest);
  if (isResult(args)) return args;
  return run(ctx, args);
}

async function runSetImage(ctx: CommandContext, args: ParsedArgs): Promise<ExecResult> {
  const pairs = args.operands.filter((o) => o.includes("="));
  const refs = args.operands.filter((o) => !o.includes("="));
  // Complete's resource builder refuses no resources before Validate sees the pairs (set_image.go).
  if (!refs.length) return errResult(NO_RESOURCES);
  if (!pairs.length) return errResult("error: at least one image update is required\n");
  const images = new Map(pairs.map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)]));
  return runSetOver(ctx, args, refs, {
    operation: "image updated",
    patchFailure: "failed to patch image update to pod template: ",
    patchType: "strategic",
    change: (t) => imageChange(t.obj, images, targetName(t)),
  });
}

/**
 * set_image.go Run: every pair is applied to the init containers and the containers ("*" to all
 * of them); a name found in neither is an error that does not stop the others. The patch holds
 * the changed containers by name, as the strategic merge patch kubectl computes does.
 */
function imageChange(obj: KObject, images: Map<string, string>, name: string): Change {
  const at = podSpecOf(obj);
  if (!at) return { changed: `${name} is not a pod template`, patch: undefined };
  const changed = structuredClone(obj);
  const spec = podSpecOf(changed)?.spec;
  const errors: string[] = [];
  const patch: Record<string, { name: string; image: string }[]> = {};
  for (const [container, image] of images) {
    let found = false;
    for (const field of ["initContainers", "containers"] as const) {
      for (const x of spec?.[field] ?? []) {
        if (x.name !== container && container !== "*") continue;
        found = true;
        x.image = image;
      }
    }
    if (!found) errors.push(`error: unable to find container named "${container}"`);
  }
  for (const field of ["initContainers", "containers"] as const) {
    const before = at.spec?.[field] ?? [];
    const list = (spec?.[field] ?? []).filter((x, i) => x.image !== before[i]?.image).map((x) => ({ name: x.name, image: x.image ?? "" }));
    if (list.length) patch[field] = list;
  }
  return { changed, patch: at.wrap(patch), errors };
}
