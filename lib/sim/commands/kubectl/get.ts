/** `kubectl get` (kubectl/pkg/cmd/get/get.go). */
import { toNative } from "../../model/native";
import { authorize, forbiddenMessage } from "../../model/rbac";
import { namePrefix, resolveResourceType, resourceByKind, type ResourceType } from "../../model/resources";
import { matchesSelector, parseSelector } from "../../model/selector";
import { getObject, listObjects, type Stored } from "../../model/store";
import { parseOutput, printStructured } from "../../printers/output";
import { printTable } from "../../printers/table";
import type { CommandContext, ExecResult } from "../../types";
import { boolFlag, flag } from "./flags";
import { err, isResult, openSession, parseVerb } from "./session";

const NO_TYPE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples
`;

export function runGet(ctx: CommandContext, argv: string[]): ExecResult {
  const args = parseVerb(ctx, "get", argv);
  if (isResult(args)) return args;
  if (!args.operands.length) return err(NO_TYPE);
  const fmt = parseOutput(flag(args, "output"));
  const s = openSession(ctx, args);
  if (isResult(s)) return s;
  if ("error" in fmt) return err(fmt.error);

  // TYPE NAME..., TYPE/NAME..., or TYPE1,TYPE2
  const requests: { r: ResourceType; names: string[] }[] = [];
  const first = args.operands[0];
  if (first.includes("/")) {
    for (const op of args.operands) {
      const [t, n] = op.split("/", 2);
      const r = resolveResourceType(t);
      if (!r) return err(`error: the server doesn't have a resource type "${t}"\n`);
      if (!op.includes("/")) return err(`error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n`);
      const last = requests[requests.length - 1];
      if (last && last.r === r) last.names.push(n);
      else requests.push({ r, names: [n] });
    }
  } else {
    for (const t of first.split(",")) {
      const r = resolveResourceType(t);
      if (!r) return err(`error: the server doesn't have a resource type "${t}"\n`);
      requests.push({ r, names: args.operands.slice(1) });
    }
  }

  const all = boolFlag(args, "all-namespaces");
  const sel = flag(args, "selector");
  const reqs = sel ? parseSelector(sel) : [];
  if (!Array.isArray(reqs)) return err(`error: ${reqs.error}\n`);
  const who = s.conn.identity;
  let stdout = "";
  let stderr = "";
  let exit = 0;
  for (const { r, names } of requests) {
    const ns = r.namespaced && !all ? s.namespace : undefined;
    let objects: Stored[] = [];
    if (names.length) {
      if (all && r.namespaced) return err("error: a resource cannot be retrieved by name across all namespaces\n");
      for (const name of names) {
        if (!authorize(who, "get", r.plural, ns)) {
          stderr += `Error from server (Forbidden): ${forbiddenMessage(who, "get", r, name, ns)}\n`;
          exit = 1;
          continue;
        }
        const o = getObject(ctx.state, r, name, ns);
        if (o) objects.push(o);
        else if (!boolFlag(args, "ignore-not-found")) {
          stderr += `Error from server (NotFound): ${r.group ? `${r.plural}.${r.group}` : r.plural} "${name}" not found\n`;
          exit = 1;
        }
      }
    } else {
      if (!authorize(who, "list", r.plural, ns)) {
        stderr += `Error from server (Forbidden): ${forbiddenMessage(who, "list", r, undefined, ns)}\n`;
        exit = 1;
        continue;
      }
      objects = listObjects(ctx.state, r, ns).filter((o) => matchesSelector(reqs, o.metadata.labels));
      if (!objects.length) {
        if (fmt.kind === "table") stderr += r.namespaced && ns ? `No resources found in ${ns} namespace.\n` : "No resources found\n";
        else if (fmt.kind !== "name") stdout += printStructured(fmt, [], false, () => "").stdout;
        continue;
      }
    }
    if (!objects.length) continue;
    if (fmt.kind === "table") {
      stdout += printTable(r.store, objects, ctx.now, {
        wide: fmt.wide,
        withNamespace: all && r.namespaced,
        showLabels: boolFlag(args, "show-labels"),
        noHeaders: boolFlag(args, "no-headers"),
      });
    } else {
      const natives = objects.map((o) => toNative(r.store, o, ctx.state));
      const out = printStructured(fmt, natives, names.length === 1 && requests.length === 1, (o) => {
        const rr = resourceByKind(String(o.kind));
        return rr ? namePrefix(rr) : String(o.kind).toLowerCase();
      });
      stdout += out.stdout;
      if (out.stderr) return { stdout, stderr: stderr + out.stderr, exitCode: 1 };
    }
  }
  return { stdout, stderr, exitCode: exit };
}
