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
import { podLog, type PodLogOptions } from "../../api/http/pod-log";
import type { CommandContext, ExecResult } from "../../types";
import { isFailure, openClient, statusText } from "./client";
import { boolFlag, flag } from "./flags";
import { followLaunch, type FollowedLog } from "./logs-follow";
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
    // logs.go Complete wraps the builder's NotFound: "error from server (NotFound): %w in namespace %q"
    const notFound = !t.ok && /^Error from server \(NotFound\): (.*)\n$/.exec(t.stderr);
    if (notFound)
      return { stdout: "", stderr: `error: error from server (NotFound): ${notFound[1]} in namespace "${c.namespace}"\n`, exitCode: 1 };
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
  const follow = boolFlag(args, "follow");
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
  const limitBytes = Number(flag(args, "limit-bytes") ?? 0);
  // ToLogOptions (logs.go): --since rounded to whole seconds, --since-time as metav1.Time (whole seconds), -l's default tail of 10
  const options: PodLogOptions = {
    follow,
    previous,
    timestamps: boolFlag(args, "timestamps"),
    ...(since ? { sinceSeconds: Math.floor(since / 1000 + 0.5) } : {}),
    ...(sinceTime ? { sinceTime: Math.floor(Date.parse(sinceTime) / 1000) * 1000 } : {}),
    ...(tail !== -1 ? { tailLines: tail } : {}),
    ...(limitBytes ? { limitBytes } : {}),
  };
  let stdout = "";
  const followed: FollowedLog[] = [];
  for (const listed of pods) {
    const inits = (listed.spec.initContainers ?? []).map((x) => x.name);
    const names = [...inits, ...listed.spec.containers.map((x) => x.name)];
    let containers: string[];
    // real kubectl adds the init containers; this cluster's kubelet does not run them yet, so they have no logs to add
    if (allContainers) containers = names.slice(inits.length);
    else if (containerArg) containers = [containerArg];
    else {
      const dflt = listed.metadata.annotations?.["kubectl.kubernetes.io/default-container"] ?? listed.spec.containers[0].name;
      // logsforobject.go: the containers, then the init containers marked " (init)" (as kubectl v1.32 prints them)
      if (names.length > 1)
        stderr += `Defaulted container "${dflt}" out of: ${[...names.slice(inits.length), ...inits.map((n) => `${n} (init)`)].join(", ")}\n`;
      containers = [dflt];
    }
    for (const name of containers) {
      if (!names.includes(name))
        return { stdout, stderr: `${stderr}error: container ${name} is not valid for pod ${listed.metadata.name}\n`, exitCode: 1 };
      // GET pods/NAME/log: authorized as the subresource pods/log, then the apiserver's and the kubelet's
      // answer (api/http/pod-log.ts), exactly what the HTTP route serves real kubectl
      const got = c.request({
        verb: "get",
        resource: "pods",
        namespace: listed.metadata.namespace,
        name: listed.metadata.name,
        subresource: "log",
      });
      if (isFailure(got)) return { stdout, stderr: stderr + statusText(got.body), exitCode: 1 };
      const pod = got.body as Pod;
      const r = podLog(pod, { ...options, container: name }, ctx.now, stateGetter(ctx.state));
      if (r.kind === "status") return { stdout, stderr: stderr + statusText(r.status), exitCode: 1 };
      if (r.kind === "no-node") continue;
      // --prefix is kubectl's own: it prefixes each line it reads (logs.go prefixingWriter)
      const pre = prefix ? `[pod/${pod.metadata.name}/${name}] ` : "";
      stdout += pre ? r.text.replace(/[^\n]*\n|[^\n]+$/g, (line) => pre + line) : r.text;
      if (r.cursor) followed.push({ namespace: pod.metadata.namespace ?? "default", pod: pod.metadata.name, cursor: r.cursor });
    }
  }
  const program = follow ? followLaunch(stderr + stdout, followed, prefix) : undefined;
  // kubectl's notices ("Found 3 pods, using ...", "Defaulted container ...") come before the lines
  return {
    stdout,
    stderr,
    exitCode: 0,
    chunks: [...(stderr ? [{ fd: 2 as const, text: stderr }] : []), ...(stdout ? [{ fd: 1 as const, text: stdout }] : [])],
    ...(program ? { program } : {}),
  };
}
