/** `kubectl describe TYPE [NAME...]` for nodes, pods, namespaces, services and CSRs. */
import { toNative } from "../../model/native";
import { authorize, forbiddenMessage } from "../../model/rbac";
import { resolveResourceType } from "../../model/resources";
import { matchesSelector, parseSelector } from "../../model/selector";
import { getObject, listObjects, type Stored } from "../../model/store";
import { describeCsr } from "../../printers/describe-csr";
import { describeNode } from "../../printers/describe-node";
import { describePod } from "../../printers/describe-pod";
import { DescribeWriter } from "../../printers/describe-util";
import type { CommandContext, CsrObject, ExecResult, NamespaceObject, NodeObject, PodObject, ServiceObject } from "../../types";
import { boolFlag, flag } from "./flags";
import { csrSubject } from "./csr-subject";
import { err, isResult, openSession, parseVerb } from "./session";

const NO_TYPE = `You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.
`;

export function runDescribe(ctx: CommandContext, argv: string[]): ExecResult {
  const args = parseVerb(ctx, "describe", argv);
  if (isResult(args)) return args;
  if (!args.operands.length) return err(`${NO_TYPE}\nerror: Required resource not specified.\nSee 'kubectl describe -h' for help and examples\n`);
  const s = openSession(ctx, args);
  if (isResult(s)) return s;
  let [type, ...names] = args.operands;
  if (type.includes("/")) [type, names] = [type.split("/")[0], [type.split("/").slice(1).join("/"), ...names]];
  const r = resolveResourceType(type);
  if (!r) return err(`error: the server doesn't have a resource type "${type}"\n`);
  const all = boolFlag(args, "all-namespaces");
  const ns = r.namespaced && !all ? s.namespace : undefined;
  const who = s.conn.identity;
  let objects: Stored[];
  if (names.length) {
    objects = [];
    let stderr = "";
    for (const n of names) {
      if (!authorize(who, "get", r.plural, ns)) stderr += `Error from server (Forbidden): ${forbiddenMessage(who, "get", r, n, ns)}\n`;
      else {
        const o = getObject(ctx.state, r, n, ns);
        if (o) objects.push(o);
        else stderr += `Error from server (NotFound): ${r.group ? `${r.plural}.${r.group}` : r.plural} "${n}" not found\n`;
      }
    }
    const out = objects.map((o) => describeOne(ctx, r.store, o)).join("\n\n");
    return { stdout: out, stderr, exitCode: stderr ? 1 : 0 };
  }
  if (!authorize(who, "list", r.plural, ns)) return err(`Error from server (Forbidden): ${forbiddenMessage(who, "list", r, undefined, ns)}\n`);
  const sel = flag(args, "selector");
  const reqs = sel ? parseSelector(sel) : [];
  if (!Array.isArray(reqs)) return err(`error: ${reqs.error}\n`);
  objects = listObjects(ctx.state, r, ns).filter((o) => matchesSelector(reqs, o.metadata.labels));
  if (!objects.length) return err(r.namespaced && ns ? `No resources found in ${ns} namespace.\n` : "No resources found\n", 0);
  return { stdout: objects.map((o) => describeOne(ctx, r.store, o)).join("\n\n"), stderr: "", exitCode: 0 };
}

function describeOne(ctx: CommandContext, store: string, o: Stored): string {
  const state = ctx.state;
  switch (store) {
    case "csrs": {
      const c = o as CsrObject;
      return describeCsr(c, csrSubject(c.spec.request));
    }
    case "nodes": {
      const n = o as NodeObject;
      const pods = state.objects.pods
        .filter((p) => p.spec.nodeName === n.metadata.name)
        .sort((a, b) => ((a.metadata.namespace ?? "") + "/" + a.metadata.name < (b.metadata.namespace ?? "") + "/" + b.metadata.name ? -1 : 1))
        .map((p) => toNative("pods", p, state));
      return describeNode(n, toNative("nodes", n, state), pods, ctx.now);
    }
    case "pods": return describePod(toNative("pods", o as PodObject, state));
    case "namespaces": {
      const ns = o as NamespaceObject;
      const w = new DescribeWriter();
      w.write(0, `Name:\t${ns.metadata.name}\n`);
      w.map("Labels", ns.metadata.labels, "=");
      w.map("Annotations", ns.metadata.annotations, ": ");
      w.write(0, `Status:\t${ns.status.phase}\n`);
      w.write(0, "\nNo resource quota.\n\nNo LimitRange resource.\n");
      return w.toString();
    }
    default: {
      const sv = o as ServiceObject;
      const w = new DescribeWriter();
      w.write(0, `Name:\t${sv.metadata.name}\n`);
      w.write(0, `Namespace:\t${sv.metadata.namespace}\n`);
      w.map("Labels", sv.metadata.labels, "=");
      w.map("Annotations", sv.metadata.annotations, ": ");
      const sel = sv.spec.selector ? Object.keys(sv.spec.selector).sort().map((k) => `${k}=${sv.spec.selector![k]}`).join(",") : "<none>";
      w.write(0, `Selector:\t${sel}\n`);
      w.write(0, `Type:\t${sv.spec.type}\n`);
      w.write(0, "IP Family Policy:\tSingleStack\n");
      w.write(0, "IP Families:\tIPv4\n");
      w.write(0, `IP:\t${sv.spec.clusterIP}\n`);
      w.write(0, `IPs:\t${sv.spec.clusterIP}\n`);
      for (const p of sv.spec.ports) {
        w.write(0, `Port:\t${p.name ?? "<unset>"}\t${p.port}/${p.protocol}\n`);
        w.write(0, `TargetPort:\t${p.targetPort}/${p.protocol}\n`);
        const eps = sv.metadata.name === "kubernetes"
          ? [`${state.config.controlPlane.ip}:6443`]
          : state.objects.pods.filter((pod) => sv.spec.selector && matchesSelector(Object.entries(sv.spec.selector).map(([key, v]) => ({ key, op: "=" as const, values: [v] })), pod.metadata.labels))
            .map((pod) => `${pod.status.podIP}:${p.targetPort}`);
        w.write(0, `Endpoints:\t${eps.join(",") || "<none>"}\n`);
      }
      w.write(0, "Session Affinity:\tNone\n");
      w.write(0, "Internal Traffic Policy:\tCluster\n");
      w.write(0, "Events:\t<none>\n");
      return w.toString();
    }
  }
}
