/**
 * kubectl logs (staging/src/k8s.io/kubectl/pkg/cmd/logs/logs.go, v1.32): one pod or the first pod
 * of a workload ("Found N pods, using pod/NAME"), -l for every selected pod, -c, --all-containers,
 * -p, --tail, --since, --since-time, --timestamps, --prefix. The lines come from the kubelet's
 * derived logs (lib/sim/kubelet/logs.ts). -f prints the same, then follows the running containers
 * as a foreground program (logs-follow.ts); where the terminal cannot be handed over (a pipeline,
 * `$(...)`) the lines so far are the output.
 */
import { parseLabelSelector, labelsMatch } from "../../api/selectors";
import type { KObject } from "../../api/types";
import type { PodSpec, PodStatus } from "../../kinds/pods/types";
import { stateGetter } from "../../kubelet/env";
import { containerLogs, logTimestamp, type LogEntry } from "../../kubelet/logs";
import type { CommandContext, ExecResult } from "../../types";
import { isFailure, openClient, statusText } from "./client";
import { boolFlag, flag } from "./flags";
import { followLaunch } from "./logs-follow";
import { isResult, parseVerb } from "./session";
import { podsOf, resolveTargets } from "./workload-target";

type Pod = KObject & { spec: PodSpec; status?: PodStatus };

const USAGE_HINT = "See 'kubectl logs -h' for help and examples\n";

/** time.ParseDuration for the units learners type: 10s, 5m, 1h, 1h30m. */
export function parseDuration(s: string): number | undefined {
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(s)) return undefined;
  let ms = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g))
    ms += Number(m[1]) * { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as "s"];
  return ms;
}

export function runLogs(ctx: CommandContext, argv: string[]): ExecResult {
  const args = parseVerb(ctx, "logs", argv);
  if (isResult(args)) return args;
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  const selector = flag(args, "selector");
  const operands = args.operands;
  if (!selector && !operands.length)
    return {
      stdout: "",
      stderr: `error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\n${USAGE_HINT}`,
      exitCode: 1,
    };
  if (selector && operands.length)
    return { stdout: "", stderr: "error: only a selector (-l) or a POD name is allowed\n" + USAGE_HINT, exitCode: 1 };
  let stderr = "";
  let pods: Pod[];
  let containerArg = flag(args, "container");
  if (selector) {
    const reqs = parseLabelSelector(selector);
    if ("error" in reqs) return { stdout: "", stderr: `error: ${reqs.error}\n`, exitCode: 1 };
    const r = c.request({ verb: "list", resource: "pods", namespace: boolFlag(args, "all-namespaces") ? undefined : c.namespace });
    if (isFailure(r)) return { stdout: "", stderr: statusText(r.body), exitCode: 1 };
    pods = ((r.body as { items?: Pod[] }).items ?? []).filter((p) => labelsMatch(reqs, p.metadata.labels));
    if (!pods.length) return { stdout: "", stderr: "No resources found in " + c.namespace + " namespace.\n", exitCode: 0 };
  } else {
    const [target, legacyContainer] = operands;
    if (legacyContainer && !containerArg) containerArg = legacyContainer;
    const t = resolveTargets(c, [target], "pods");
    if (!t.ok) return { stdout: "", stderr: t.stderr, exitCode: 1 };
    const obj = t.targets[0].obj;
    if (obj.kind === "Pod") pods = [obj as Pod];
    else {
      const all = podsOf(c, obj) as Pod[];
      if (!all.length) return { stdout: "", stderr: `error: timed out waiting for the condition\n`, exitCode: 1 };
      if (all.length > 1) stderr += `Found ${all.length} pods, using pod/${all[0].metadata.name}\n`;
      pods = [all[0]];
    }
  }
  const previous = boolFlag(args, "previous");
  const allContainers = boolFlag(args, "all-containers");
  const prefix = boolFlag(args, "prefix");
  const timestamps = boolFlag(args, "timestamps");
  const tailRaw = flag(args, "tail");
  const tail = tailRaw === undefined ? (selector ? 10 : -1) : Number(tailRaw);
  const sinceRaw = flag(args, "since");
  const since = sinceRaw ? parseDuration(sinceRaw) : undefined;
  if (sinceRaw && since === undefined)
    return {
      stdout: "",
      stderr: `error: invalid argument "${sinceRaw}" for "--since" flag: time: invalid duration "${sinceRaw}"\n${USAGE_HINT}`,
      exitCode: 1,
    };
  const sinceTime = flag(args, "since-time");
  const from = since !== undefined ? ctx.now - since : sinceTime ? Date.parse(sinceTime) : -Infinity;
  let stdout = "";
  let lines = 0;
  const followed: { pod: Pod; container: string }[] = [];
  for (const pod of pods) {
    const names = pod.spec.containers.map((x) => x.name);
    let containers: string[];
    if (allContainers) containers = names;
    else if (containerArg) containers = [containerArg];
    else {
      const dflt = pod.metadata.annotations?.["kubectl.kubernetes.io/default-container"] ?? names[0];
      if (names.length > 1) stderr += `Defaulted container "${dflt}" out of: ${names.join(", ")}\n`;
      containers = [dflt];
    }
    for (const name of containers) {
      if (!names.includes(name))
        return { stdout, stderr: `${stderr}error: container ${name} is not valid for pod ${pod.metadata.name}\n`, exitCode: 1 };
      // GET pods/NAME/log is authorized as the subresource pods/log before the kubelet is asked
      // (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/logsforobject.go; the API server's filter chain)
      const auth = c.request({
        verb: "get",
        resource: "pods",
        namespace: pod.metadata.namespace,
        name: pod.metadata.name,
        subresource: "log",
      });
      if (isFailure(auth) && auth.body.reason === "Forbidden") return { stdout, stderr: stderr + statusText(auth.body), exitCode: 1 };
      const r = containerLogs(pod, name, previous, ctx.now, stateGetter(ctx.state));
      if (!r.ok) return { stdout, stderr: `${stderr}Error from server (BadRequest): ${r.message}\n`, exitCode: 1 };
      let entries: LogEntry[] = r.entries.filter((e) => e.at >= from);
      if (tail >= 0) entries = tail === 0 ? [] : entries.slice(-tail);
      for (const [i, e] of entries.entries()) {
        const pre = prefix ? `[pod/${pod.metadata.name}/${name}] ` : "";
        stdout += `${pre}${timestamps ? `${logTimestamp(e.at, i)} ` : ""}${e.text}\n`;
      }
      lines += entries.length;
      followed.push({ pod, container: name });
    }
  }
  const program = boolFlag(args, "follow") ? followLaunch(stderr + stdout, followed, ctx.now, prefix, timestamps, lines) : undefined;
  // kubectl's notices ("Found 3 pods, using ...", "Defaulted container ...") come before the lines
  return {
    stdout,
    stderr,
    exitCode: 0,
    chunks: [...(stderr ? [{ fd: 2 as const, text: stderr }] : []), ...(stdout ? [{ fd: 1 as const, text: stdout }] : [])],
    ...(program ? { program } : {}),
  };
}
