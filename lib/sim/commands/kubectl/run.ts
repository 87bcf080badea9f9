/**
 * `kubectl run` (staging/src/k8s.io/kubectl/pkg/cmd/run/run.go with the BasicPod generator of
 * staging/src/k8s.io/kubectl/pkg/generate/versioned/run.go): one Pod named NAME with one container,
 * labels run=NAME unless -l, args after NAME (or the command with --command), and with --expose a
 * ClusterIP Service from the same generator as `kubectl expose`. Attaching (-i, -t, --attach,
 * --rm) waits for the pod and attaches to it on the cluster clock (run-attach.ts).
 */
import type { Json, KObject } from "../../api/types";
import { settle } from "../../controllers";
import type { CommandContext, ExecResult } from "../../types";
import { errResult, openClient } from "./client";
import { dryRunMode } from "./delete";
import { boolFlag, flag } from "./flags";
import { generateService, parseLabels } from "./expose";
import { afterDash, enforcedNamespace, objectMeta, parseGenerator, plain, requiredFlags, send } from "./generate";
import { isResult } from "./session";
import { storeFor } from "../../api/store";
import { mayHoldTerminal, runInline } from "../../programs/run-inline";
import { parseDuration } from "./logs";
import { runAttachProgram, type RunAttachState } from "./run-attach";
import { applyOverrides } from "./run-overrides";

// distribution/reference ReferenceRegexp: [domain/]path[:tag][@digest]
const COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
const DOMAIN = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?";
const REFERENCE = new RegExp(
  `^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,})?$`,
);

const usage = (msg: string) => errResult(`error: ${msg}\nSee 'kubectl run -h' for help and examples\n`);

/** run.go Run with --attach: the created pod is not printed; the wait and the attach follow (run-attach.ts). */
async function attachToPod(
  ctx: CommandContext,
  podOut: ExecResult,
  svcOut: ExecResult | undefined,
  o: Pick<RunAttachState, "namespace" | "name" | "stdin" | "tty" | "rm" | "quiet" | "restartPolicy" | "timeoutMs">,
): Promise<ExecResult> {
  const created = storeFor(ctx.state).get({ group: "", resource: "pods" }, o.namespace, o.name);
  const printed = svcOut && !svcOut.exitCode ? svcOut.stdout : "";
  if (!created) return { stdout: printed, stderr: podOut.stderr, exitCode: podOut.exitCode || 1 };
  const s: RunAttachState = { ...o, uid: created.metadata.uid ?? "", phase: "wait", deadline: ctx.now + o.timeoutMs, out: "" };
  if (mayHoldTerminal(ctx)) return { stdout: printed, stderr: "", exitCode: 0, program: { program: "kubectl-run-attach", data: s } };
  const r = await runInline(runAttachProgram, s, ctx);
  return { stdout: printed + r.output, stderr: "", exitCode: r.exitCode };
}

/** run.go's PrintObj for a service printed before the pod: with -o yaml, a "---" between them. */
function joinOutputs(output: string | undefined, svc: ExecResult, pod: ExecResult): string {
  return svc.stdout + (output === "yaml" ? "---\n---\n" : "") + pod.stdout;
}

export async function runRun(ctx: CommandContext, argv: string[]): Promise<ExecResult> {
  const args = parseGenerator(ctx, "run", argv);
  if (isResult(args)) return args;
  // run.go waitForPod: watchtools.ContextWithOptionalTimeout, where a timeout of 0 or less waits without end (a week here)
  const timeoutRaw = flag(args, "pod-running-timeout") ?? "1m0s";
  const timeoutMs = /^-/.test(timeoutRaw) ? 0 : parseDuration(timeoutRaw);
  if (timeoutMs === undefined)
    return errResult(
      `error: invalid argument "${timeoutRaw}" for "--pod-running-timeout" flag: time: invalid duration "${timeoutRaw}"\nSee 'kubectl run --help' for usage.\n`,
    );
  const required = requiredFlags(args, ["image"]);
  if (required) return required;
  const dry = dryRunMode(flag(args, "dry-run"));
  if ("error" in dry) return errResult(dry.error);
  const image = flag(args, "image") ?? "";
  const stdin = boolFlag(args, "stdin");
  const tty = boolFlag(args, "tty");
  const attach = boolFlag(args, "attach") || (stdin && flag(args, "attach") === undefined);
  const port = flag(args, "port") ?? "";
  // Validate
  if (!args.operands.length || args.beforeDash === 0) return usage("NAME is required for run");
  if (!REFERENCE.test(image)) return errResult(`error: Invalid image name "${image}": invalid reference format\n`);
  if (tty && !stdin) return usage("-i/--stdin is required for containers with -t/--tty=true");
  if (boolFlag(args, "expose") && !port) return usage("--port must be set when exposing a service");
  const restart = flag(args, "restart") ?? "";
  if (restart && !["Always", "OnFailure", "Never"].includes(restart)) return usage(`invalid restart policy: ${restart}`);
  if (!attach && boolFlag(args, "rm")) return usage("--rm should only be used for attached containers");
  if (attach && dry.mode !== "none")
    return usage("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
  const pullPolicy = flag(args, "image-pull-policy") ?? "";
  if (pullPolicy && !["Always", "IfNotPresent", "Never"].includes(pullPolicy)) return usage(`invalid image pull policy: ${pullPolicy}`);
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  const name = args.operands[0];
  const rest = args.beforeDash < 0 ? args.operands.slice(1) : [...args.operands.slice(1, args.beforeDash), ...afterDash(args)];
  const labelSpec = flag(args, "labels") ?? "";
  const labels = labelSpec ? parseLabels(labelSpec) : { run: name };
  if (typeof labels === "string") return errResult(`error: ${labels}\n`);
  const annotations: Record<string, string> = {};
  for (const a of args.flags.get("annotations") ?? []) {
    const eq = a.indexOf("=");
    if (eq < 0) return errResult(`error: invalid annotations format: ${a}\n`);
    annotations[a.slice(0, eq)] = a.slice(eq + 1);
  }
  const env = [];
  for (const e of args.flags.get("env") ?? []) {
    const eq = e.indexOf("=");
    if (eq <= 0 || !/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(e.slice(0, eq))) return errResult(`error: invalid env: ${e}\n`);
    env.push({ name: e.slice(0, eq), value: e.slice(eq + 1) });
  }
  if (port && !/^[+-]?\d+$/.test(port)) return errResult(`error: strconv.Atoi: parsing "${port}": invalid syntax\n`);
  const command = boolFlag(args, "command");
  const pod = {
    kind: "Pod",
    apiVersion: "v1",
    metadata: objectMeta(name, { namespace: enforcedNamespace(c), labels, annotations }),
    spec: {
      containers: [
        {
          name,
          image,
          command: command && rest.length ? rest : undefined,
          args: !command && rest.length ? rest : undefined,
          ports: port ? [{ containerPort: Number(port) }] : undefined,
          env: env.length ? env : undefined,
          resources: {},
          imagePullPolicy: pullPolicy || undefined,
          securityContext: boolFlag(args, "privileged") ? { privileged: true } : undefined,
          // generate/versioned/run.go BasicPod: Stdin, StdinOnce (unless --leave-stdin-open), TTY
          stdin: stdin || undefined,
          stdinOnce: (stdin && !boolFlag(args, "leave-stdin-open")) || undefined,
          tty: tty || undefined,
        },
      ],
      restartPolicy: restart || "Always",
      dnsPolicy: "ClusterFirst",
      serviceAccountName: undefined,
    },
    status: {},
  } as unknown as KObject;
  const overridden = applyOverrides(
    plain(pod) as unknown as Record<string, Json>,
    flag(args, "overrides") ?? "",
    flag(args, "override-type") ?? "merge",
    enforcedNamespace(c),
  );
  if (!overridden.ok) return errResult(`error: ${overridden.error}\n`);
  // run.go creates the pod first, then the service; it prints the service first
  const podOut = send(c, args, overridden.pod as unknown as KObject);
  if (podOut.exitCode) return podOut;
  let svcOut: ExecResult | undefined;
  if (boolFlag(args, "expose")) {
    const svc = generateService({
      name,
      selector: labelSpec || `run=${name}`,
      labels: labelSpec || undefined,
      ports: port,
      namespace: enforcedNamespace(c),
    });
    if (typeof svc === "string") return errResult(`error: ${svc}\n`);
    svcOut = send(c, args, svc);
  }
  if (dry.mode === "none") await settle(ctx);
  if (attach)
    return attachToPod(ctx, podOut, svcOut, {
      namespace: c.namespace,
      name,
      stdin,
      tty,
      rm: boolFlag(args, "rm"),
      quiet: boolFlag(args, "quiet"),
      restartPolicy: restart || "Always",
      timeoutMs,
    });
  if (!svcOut) return podOut;
  if (svcOut.exitCode) return { stdout: podOut.stdout, stderr: svcOut.stderr, exitCode: svcOut.exitCode };
  return { stdout: joinOutputs(flag(args, "output"), svcOut, podOut), stderr: svcOut.stderr + podOut.stderr, exitCode: 0 };
}
