/**
 * kubectl top node|pod (staging/src/k8s.io/kubectl/pkg/cmd/top/top.go, top_node.go, top_pod.go,
 * v1.32). A kubeadm cluster has no metrics-server until one is installed, and this one never has
 * one: after Complete (one NAME at most, a client) and Validate (--sort-by, NAME or a selector),
 * RunTop* parses the selectors, asks discovery for metrics.k8s.io and answers "Metrics API not
 * available", as real kubectl does against a fresh kubeadm cluster.
 */
import { parseFieldSelector, parseLabelSelector } from "../../api/selectors";
import type { CommandContext, ExecResult } from "../../types";
import { errResult, openClient } from "./client";
import { flag } from "./flags";
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
  // SupportedMetricsAPIVersionAvailable over the server's groups (no kind serves metrics.k8s.io)
  if (!c.api.kinds.some((k) => k.resource.group === "metrics.k8s.io")) return errResult("error: Metrics API not available\n");
  return errResult("error: metrics not available yet\n");
}
