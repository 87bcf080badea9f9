/**
 * kubectl top node|pod (staging/src/k8s.io/kubectl/pkg/cmd/top/top.go, top_node.go, top_pod.go,
 * and pkg/metricsutil/metrics_printer.go and metrics_sorter.go, v1.32). After Complete (one NAME at
 * most, a client) and Validate (--sort-by, NAME or a selector), RunTop* asks discovery for
 * metrics.k8s.io ("Metrics API not available" without it), reads NodeMetrics or PodMetrics
 * (metrics-server's, kinds/*.metrics.k8s.io) and prints them with the TopCmdPrinter: CPU as
 * MilliValue "m", memory as Value/2^20 "Mi", a node's share of its allocatable (or capacity with
 * --show-capacity) as an int64-truncated percentage, nodes without metrics as <unknown>. An empty
 * answer is "metrics not available yet" (node), or for pods verifyEmptyMetrics: pods older than
 * metricsCreationDelay (2m) are "Metrics not available for pod ns/name, age: <duration>".
 * Discovery lists metrics.k8s.io while the APIService v1beta1.metrics.k8s.io exists (api/server.ts).
 */
import { parseFieldSelector, parseLabelSelector } from "../../api/selectors";
import type { KList, KObject } from "../../api/types";
import { add, milliValue, quantityOf, quantityString, value } from "../../kinds/_shared/quantity";
import { GET_TABWRITER, tabwrite } from "../../printers/tabwriter";
import type { CommandContext, ExecResult } from "../../types";
import { type Client, errResult, isFailure, openClient, statusText } from "./client";
import { boolFlag, flag } from "./flags";
import { goSort } from "./gosort";
import { subcommand } from "./help";
import { isResult, parseVerb } from "./session";

const SUBCOMMANDS: Record<string, string> = { node: "node", nodes: "node", no: "node", pod: "pod", pods: "pod", po: "pod" };

/** top.go's sortByCPU and sortByMemory */
const SORT_BY = ["cpu", "memory"];

export async function runTop(ctx: CommandContext, argv: string[]): Promise<ExecResult> {
  const sub = subcommand("top", argv, SUBCOMMANDS);
  if (isResult(sub)) return sub;
  const args = parseVerb(ctx, sub.verb, sub.rest);
  if (isResult(args)) return args;
  const pod = sub.verb === "top pod";
  // Complete: NAME at most once (UsageErrorf with cmd.Use), then the client
  if (args.operands.length > 1)
    return errResult(`error: ${pod ? "pod" : "node"} [NAME | -l label]\nSee 'kubectl ${sub.verb} -h' for help and examples\n`);
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  // Validate
  const sortBy = flag(args, "sort-by") ?? "";
  if (sortBy && !SORT_BY.includes(sortBy)) return errResult("error: --sort-by accepts only cpu or memory\n");
  const labels = flag(args, "selector") ?? "";
  const fields = pod ? (flag(args, "field-selector") ?? "") : "";
  if (args.operands.length && (labels || fields))
    return errResult(`error: only one of NAME or ${pod ? "selector" : "--selector"} can be provided\n`);
  // RunTopNode / RunTopPod
  if (labels) {
    const parsed = parseLabelSelector(labels);
    if ("error" in parsed) return errResult(`error: ${parsed.error}\n`);
  }
  if (fields) {
    const parsed = parseFieldSelector(fields);
    if ("error" in parsed) return errResult(`error: ${parsed.error}\n`);
  }
  // SupportedMetricsAPIVersionAvailable over the server's groups
  if (!c.api.kinds.some((k) => k.resource.group === "metrics.k8s.io")) return errResult(NOT_AVAILABLE);
  const opts: TopOptions = {
    name: args.operands[0],
    labels,
    fields,
    sortBy,
    noHeaders: boolFlag(args, "no-headers"),
  };
  return pod
    ? topPod(c, { ...opts, all: boolFlag(args, "all-namespaces"), containers: boolFlag(args, "containers"), sum: boolFlag(args, "sum") })
    : topNode(c, { ...opts, capacity: boolFlag(args, "show-capacity") });
}

const NOT_AVAILABLE = "error: Metrics API not available\n";

interface TopOptions {
  name?: string;
  labels: string;
  fields: string;
  sortBy: string;
  noHeaders: boolean;
}

type Usage = Record<string, string | undefined>;
type NodeMetrics = KObject & { usage?: Usage };
type PodMetrics = KObject & { containers?: { name: string; usage?: Usage }[] };

const METRICS = { group: "metrics.k8s.io", version: "v1beta1" };

/** the list (or the one named object) of a metrics resource, or kubectl's error */
function readMetrics(c: Client, resource: "nodes" | "pods", o: TopOptions, namespace?: string): KObject[] | ExecResult {
  const r = o.name
    ? c.request({ ...METRICS, resource, verb: "get", name: o.name, namespace })
    : c.request({
        ...METRICS,
        resource,
        verb: "list",
        namespace,
        labelSelector: o.labels || undefined,
        fieldSelector: o.fields || undefined,
      });
  if (isFailure(r)) return errResult(statusText(r.body));
  return o.name ? [r.body as KObject] : ((r.body as KList).items ?? []);
}

const milli = (q: string | undefined) => milliValue(quantityOf(q));
const bytes = (q: string | undefined) => value(quantityOf(q));
/** printSingleResourceUsage */
const cpuCell = (q: string | undefined) => `${milli(q)}m`;
const memoryCell = (q: string | undefined) => `${bytes(q) / (1024n * 1024n)}Mi`;

/** metrics_sorter.go: cpu and memory descending, otherwise by name; with Go's sort.Sort, which is not stable (gosort.ts) */
function sortMetrics<T>(items: T[], sortBy: string, usage: (x: T) => Usage, before: (a: T, b: T) => boolean): T[] {
  const xs = [...items];
  const less = (a: T, b: T) => {
    if (sortBy === "cpu") return milli(usage(a).cpu) > milli(usage(b).cpu);
    if (sortBy === "memory") return bytes(usage(a).memory) > bytes(usage(b).memory);
    return before(a, b);
  };
  goSort({
    len: xs.length,
    less: (i, j) => less(xs[i], xs[j]),
    swap: (i, j) => ([xs[i], xs[j]] = [xs[j], xs[i]]),
  });
  return xs;
}

function topNode(c: Client, o: TopOptions & { capacity: boolean }): ExecResult {
  const got = readMetrics(c, "nodes", o);
  if (isResult(got)) return got;
  const metrics = got as NodeMetrics[];
  if (!metrics.length) return errResult("error: metrics not available yet\n");
  const nodes = o.name
    ? [c.request({ group: "", version: "v1", resource: "nodes", verb: "get", name: o.name })]
    : [c.request({ group: "", version: "v1", resource: "nodes", verb: "list", labelSelector: o.labels || undefined })];
  if (isFailure(nodes[0])) return errResult(statusText(nodes[0].body));
  const nodeObjs = o.name ? [nodes[0].body as KObject] : ((nodes[0].body as KList).items ?? []);
  const available = new Map<string, Usage>();
  for (const n of nodeObjs) {
    const status = (n.status ?? {}) as { allocatable?: Usage; capacity?: Usage };
    available.set(n.metadata.name, (o.capacity ? status.capacity : status.allocatable) ?? {});
  }
  const lines: string[] = [];
  if (!o.noHeaders) lines.push(["NAME", "CPU(cores)", "CPU(%)", "MEMORY(bytes)", "MEMORY(%)"].join("\t") + "\t");
  const pct = (used: bigint, avail: string | undefined) => {
    const a = milliValue(quantityOf(avail));
    return `${a === 0n ? 0 : Math.trunc((Number(used) / Number(a)) * 100)}%`;
  };
  for (const m of sortMetrics(
    metrics,
    o.sortBy,
    (x) => x.usage ?? {},
    (a, b) => a.metadata.name < b.metadata.name,
  )) {
    const u = m.usage ?? {};
    const a = available.get(m.metadata.name);
    const cells = [m.metadata.name, cpuCell(u.cpu)];
    if (a) cells.push(pct(milli(u.cpu), a.cpu));
    cells.push(memoryCell(u.memory));
    if (a) cells.push(pct(milliValue(quantityOf(u.memory)), a.memory));
    lines.push(cells.join("\t") + "\t");
    available.delete(m.metadata.name);
  }
  // nodes whose metrics are unreachable (a map's order in Go; the nodes' order here)
  for (const name of available.keys()) lines.push([name, "<unknown>", "<unknown>", "<unknown>", "<unknown>"].join("\t") + "\t");
  return { stdout: tabwrite(lines.join("\n") + "\n", GET_TABWRITER), stderr: "", exitCode: 0 };
}

/** time.Duration.String() of a whole number of milliseconds */
function goDuration(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const sec = `${s}s`;
  if (h) return `${h}h${m}m${sec}`;
  if (m) return `${m}m${sec}`;
  return sec;
}

/** top_pod.go verifyEmptyMetrics and checkPodAge (metricsCreationDelay 2m) */
function verifyEmptyMetrics(c: Client, o: TopOptions, namespace: string | undefined): ExecResult | undefined {
  const ageError = (p: KObject): ExecResult | undefined => {
    const age = c.api.now - Date.parse(p.metadata.creationTimestamp);
    return age > 120_000
      ? errResult(`error: Metrics not available for pod ${p.metadata.namespace ?? ""}/${p.metadata.name}, age: ${goDuration(age)}\n`)
      : undefined;
  };
  if (o.name) {
    const r = c.request({ group: "", version: "v1", resource: "pods", verb: "get", name: o.name, namespace });
    if (isFailure(r)) return errResult(statusText(r.body));
    return ageError(r.body as KObject);
  }
  const r = c.request({
    group: "",
    version: "v1",
    resource: "pods",
    verb: "list",
    namespace,
    labelSelector: o.labels || undefined,
    fieldSelector: o.fields || undefined,
  });
  if (isFailure(r)) return errResult(statusText(r.body));
  const pods = (r.body as KList).items ?? [];
  if (!pods.length) return undefined;
  for (const p of pods) {
    const e = ageError(p);
    if (e) return e;
  }
  return errResult("error: metrics not available yet\n");
}

function topPod(c: Client, o: TopOptions & { all: boolean; containers: boolean; sum: boolean }): ExecResult {
  const namespace = o.all ? undefined : c.namespace;
  const got = readMetrics(c, "pods", o, namespace);
  if (isResult(got)) return got;
  const metrics = got as PodMetrics[];
  let stderr = "";
  if (!metrics.length) {
    const e = verifyEmptyMetrics(c, o, namespace);
    if (e) return e;
    stderr = o.all ? "No resources found\n" : `No resources found in ${namespace ?? ""} namespace.\n`;
    return { stdout: "", stderr, exitCode: 0 };
  }
  const podUsage = (p: PodMetrics): Usage => {
    let cpu = quantityOf("0");
    let memory = quantityOf("0");
    for (const ct of p.containers ?? []) {
      cpu = add(cpu, quantityOf(ct.usage?.cpu));
      memory = add(memory, quantityOf(ct.usage?.memory));
    }
    return { cpu: quantityString(cpu), memory: quantityString(memory) };
  };
  const lines: string[] = [];
  let width = 3;
  if (!o.noHeaders) {
    const head: string[] = [];
    if (o.all) head.push("NAMESPACE");
    if (o.containers) head.push("POD");
    width += head.length;
    lines.push([...head, "NAME", "CPU(cores)", "MEMORY(bytes)"].join("\t") + "\t");
  } else width += (o.all ? 1 : 0) + (o.containers ? 1 : 0);
  const sorted = sortMetrics(metrics, o.sortBy, podUsage, (a, b) =>
    o.all && a.metadata.namespace !== b.metadata.namespace
      ? (a.metadata.namespace ?? "") < (b.metadata.namespace ?? "")
      : a.metadata.name < b.metadata.name,
  );
  for (const p of sorted) {
    const ns = o.all ? [p.metadata.namespace ?? ""] : [];
    if (o.containers) {
      const cs = sortMetrics(
        p.containers ?? [],
        o.sortBy,
        (x) => x.usage ?? {},
        (a, b) => a.name < b.name,
      );
      for (const ct of cs)
        lines.push([...ns, p.metadata.name, ct.name, cpuCell(ct.usage?.cpu), memoryCell(ct.usage?.memory)].join("\t") + "\t");
    } else {
      const u = podUsage(p);
      lines.push([...ns, p.metadata.name, cpuCell(u.cpu), memoryCell(u.memory)].join("\t") + "\t");
    }
  }
  if (o.sum) {
    // printPodResourcesSum (columnWidth counts the header's columns only when headers are printed)
    let cpu = quantityOf("0");
    let memory = quantityOf("0");
    for (const p of metrics) {
      const u = podUsage(p);
      cpu = add(cpu, quantityOf(u.cpu));
      memory = add(memory, quantityOf(u.memory));
    }
    const columnWidth = o.noHeaders ? 3 : width;
    lines.push([...Array<string>(Math.max(0, columnWidth - 2)).fill(""), "________", "________"].join("\t") + "\t");
    lines.push(
      [...Array<string>(Math.max(0, columnWidth - 3)).fill(""), "", cpuCell(quantityString(cpu)), memoryCell(quantityString(memory))].join(
        "\t",
      ) + "\t",
    );
  }
  return { stdout: tabwrite(lines.join("\n") + "\n", GET_TABWRITER), stderr, exitCode: 0 };
}
