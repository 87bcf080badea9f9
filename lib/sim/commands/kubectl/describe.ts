/** `kubectl describe` (staging/src/k8s.io/kubectl/pkg/cmd/describe/describe.go): objects fetched through the request path, rendered by their kind's describer. */
import type { KList, KObject, Status } from "../../api/types";
import { qualified } from "../../api/meta";
import type { DescribeContext, KindDef } from "../../kinds/types";
import type { CommandContext, ExecResult } from "../../types";
import { type Client, errResult, isFailure, openClient, statusText } from "./client";
import { boolFlag, flag } from "./flags";
import { listError } from "./get";
import { resolveArgs } from "./resolver";
import { isResult, parseVerb } from "./session";

// describe.go: no resource type given
const NO_TYPE = `You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
See 'kubectl describe -h' for help and examples
`;

export function describeContext(c: Client, showEvents: boolean): DescribeContext {
  const reader = c.api.reader();
  return {
    ...reader,
    now: c.ctx.now,
    showEvents,
    eventsFor: (obj: KObject) =>
      reader
        .list({ group: "", resource: "events" }, obj.metadata.namespace)
        .filter((e) => (e.involvedObject as { uid?: string } | undefined)?.uid === obj.metadata.uid)
        .sort((a, b) => String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp))),
  };
}

function describeOne(def: KindDef, o: KObject, dctx: DescribeContext): string | Status {
  if (!def.describe) {
    return {
      apiVersion: "v1",
      kind: "Status",
      metadata: {},
      status: "Failure",
      message: `describing ${qualified({ group: def.resource.group, resource: def.resource.resource })} is not available in this practice cluster`,
      code: 501,
    };
  }
  return def.describe(o, dctx);
}

export function runDescribe(ctx: CommandContext, argv: string[]): ExecResult {
  const args = parseVerb(ctx, "describe", argv);
  if (isResult(args)) return args;
  const files = args.flags.get("filename") ?? [];
  if (!args.operands.length && !files.length) return errResult(NO_TYPE);
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  const all = boolFlag(args, "all-namespaces");
  const resolved = resolveArgs(c, args.operands, { allNamespaces: all, files, verb: "describe" });
  if (!resolved.ok) return errResult(resolved.stderr);
  const labelSelector = flag(args, "selector") ?? "";
  const dctx = describeContext(c, (flag(args, "show-events") ?? "true") !== "false");
  const texts: string[] = [];
  let stderr = "";
  let failed = false;
  let listed = 0;
  for (const req of resolved.requests) {
    const r = req.def.resource;
    const base = { group: r.group, version: r.version, resource: r.resource, namespace: req.namespace };
    let objects: KObject[] = [];
    if (req.names.length) {
      for (const name of req.names) {
        const resp = c.request({ ...base, verb: "get", name });
        if (isFailure(resp)) {
          stderr += statusText(resp.body);
          failed = true;
        } else objects.push(resp.body as KObject);
      }
    } else {
      const resp = c.request({ ...base, verb: "list", labelSelector });
      if (isFailure(resp)) {
        stderr += statusText(listError(req, resp.body, labelSelector, ""));
        failed = true;
        continue;
      }
      objects = (resp.body as KList).items;
      listed += objects.length;
    }
    for (const o of objects) {
      const d = describeOne(req.def, o, dctx);
      if (typeof d === "string") texts.push(d);
      else {
        stderr += `error: ${d.message ?? ""}\n`;
        failed = true;
      }
    }
  }
  if (!texts.length && !failed && resolved.requests.every((r) => !r.names.length) && listed === 0) {
    // describe.go names the namespace even for cluster-scoped kinds; only -A leaves it out
    return {
      stdout: "",
      stderr: !all ? `No resources found in ${c.namespace} namespace.\n` : "No resources found\n",
      exitCode: 0,
    };
  }
  return { stdout: texts.join("\n\n"), stderr, exitCode: failed ? 1 : 0 };
}
