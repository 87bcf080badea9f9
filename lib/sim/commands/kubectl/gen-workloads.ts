/**
 * `create deployment|job|cronjob` (staging/src/k8s.io/kubectl/pkg/cmd/create/create_deployment.go,
 * create_job.go, create_cronjob.go): the typed objects in struct field order, their Validate texts,
 * and `create job --from=cronjob/NAME` from the stored CronJob's jobTemplate.
 */
import type { KObject } from "../../api/types";
import type { CommandContext, ExecResult } from "../../types";
import { type Client, errResult, isFailure, statusText } from "./client";
import { flag } from "./flags";
import { enforcedNamespace, type GenArgs, afterDash, intFlag, objectMeta, randomSuffix, requiredFlags } from "./generate";
import { isResult } from "./session";
import { resolveResource } from "./resources";

export type Built = { obj: KObject; failurePrefix: string } | ExecResult;

/** create_deployment.go buildPodSpec: the container is named after the image, without registry, tag or digest. */
function containerName(ctx: CommandContext, image: string): string {
  let name = image.split("/").pop() ?? image;
  if (name.includes(":")) name = name.split(":")[0];
  if (name.includes("@")) name = name.split("@")[0];
  // sanitizeAndUniquify: "_" and "." are not DNS-1123, so they become "-" and a random suffix is added
  if (/[_.]/.test(name)) name = `${name.replace(/[_.]/g, "-")}-${randomSuffix(ctx)}`;
  return name;
}

export function buildDeployment(ctx: CommandContext, c: Client, name: string, args: GenArgs): Built {
  const replicas = intFlag("create deployment", args, "replicas", 1, "r");
  if (isResult(replicas)) return replicas;
  const port = intFlag("create deployment", args, "port", -1);
  if (isResult(port)) return port;
  const images = args.flags.get("image") ?? [];
  const command = afterDash(args);
  if (images.length > 1 && command.length) return errResult("error: cannot specify multiple --image options and command\n");
  const labels = { app: name };
  const containers = images.map((image, i) => ({
    name: containerName(ctx, image),
    image,
    command: command.length ? command : undefined,
    ports: i === 0 && port >= 0 ? [{ containerPort: port }] : undefined,
    resources: {},
  }));
  const obj = {
    kind: "Deployment",
    apiVersion: "apps/v1",
    metadata: objectMeta(name, { namespace: enforcedNamespace(c), labels }),
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
      strategy: {},
    },
    status: {},
  };
  return { obj: obj as unknown as KObject, failurePrefix: "failed to create deployment: " };
}

function jobSpec(name: string, image: string, command: string[], restartPolicy: string) {
  return {
    template: {
      metadata: { creationTimestamp: null },
      spec: { containers: [{ name, image, command: command.length ? command : undefined, resources: {} }], restartPolicy },
    },
  };
}

export function buildJob(c: Client, name: string, args: GenArgs): Built {
  const image = flag(args, "image") ?? "";
  const from = flag(args, "from") ?? "";
  const command = afterDash(args);
  if ((!image && !from) || (image && from)) return errResult("error: either --image or --from must be specified\n");
  if (command.length && from) return errResult("error: cannot specify --from and command\n");
  if (image) {
    const obj = {
      kind: "Job",
      apiVersion: "batch/v1",
      metadata: objectMeta(name, { namespace: enforcedNamespace(c) }),
      spec: jobSpec(name, image, command, "Never"),
      status: {},
    };
    return { obj: obj as unknown as KObject, failurePrefix: "failed to create job: " };
  }
  return jobFromCronJob(c, name, from);
}

/** create_job.go createJobFromCronJob: the CronJob's jobTemplate, marked as a manual run, owned by the CronJob. */
function jobFromCronJob(c: Client, name: string, from: string): Built {
  const slash = from.indexOf("/");
  if (slash < 0)
    return errResult(
      `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n`,
    );
  const type = from.slice(0, slash);
  const fromName = from.slice(slash + 1);
  const def = resolveResource(c.api, type);
  if (!def) return errResult(`error: the server doesn't have a resource type "${type}"\n`);
  const r = def.resource;
  const resp = c.request({
    verb: "get",
    group: r.group,
    version: r.version,
    resource: r.resource,
    namespace: r.namespaced ? c.namespace : undefined,
    name: fromName,
  });
  if (isFailure(resp)) return errResult(statusText(resp.body));
  const src = resp.body as KObject;
  if (src.kind !== "CronJob") return errResult(`error: unknown object type *${r.version}.${src.kind}\n`);
  const tmpl = (
    src as unknown as {
      spec: { jobTemplate: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec: unknown } };
    }
  ).spec.jobTemplate;
  const annotations = { "cronjob.kubernetes.io/instantiate": "manual", ...(tmpl.metadata?.annotations ?? {}) };
  const owner = { apiVersion: "batch/v1", kind: "CronJob", name: src.metadata.name, uid: src.metadata.uid, controller: true };
  const obj = {
    kind: "Job",
    apiVersion: "batch/v1",
    metadata: objectMeta(name, { namespace: enforcedNamespace(c), labels: tmpl.metadata?.labels, annotations, ownerReferences: [owner] }),
    spec: tmpl.spec,
    status: {},
  };
  return { obj: obj as unknown as KObject, failurePrefix: "failed to create job: " };
}

export function buildCronJob(c: Client, name: string, args: GenArgs): Built {
  const image = flag(args, "image") ?? "";
  const schedule = flag(args, "schedule") ?? "";
  const restart = flag(args, "restart") || "OnFailure";
  const command = afterDash(args);
  const obj = {
    kind: "CronJob",
    apiVersion: "batch/v1",
    metadata: objectMeta(name, { namespace: enforcedNamespace(c) }),
    spec: { schedule, jobTemplate: { metadata: { name, creationTimestamp: null }, spec: jobSpec(name, image, command, restart) } },
    status: {},
  };
  return { obj: obj as unknown as KObject, failurePrefix: "failed to create cronjob: " };
}

/** The required flags of each workload generator, checked before anything else runs. */
export function workloadRequired(verb: string, args: GenArgs): ExecResult | undefined {
  if (verb === "create deployment") return requiredFlags(args, ["image"]);
  if (verb === "create cronjob") return requiredFlags(args, ["image", "schedule"]);
  return undefined;
}
