/**
 * `kubectl run` (staging/src/k8s.io/kubectl/pkg/cmd/run/run.go with the BasicPod generator of
 * staging/src/k8s.io/kubectl/pkg/generate/versioned/run.go): one Pod named NAME with one container,
 * labels run=NAME unless -l, args after NAME (or the command with --command), and with --expose a
 * ClusterIP Service from the same generator as `kubectl expose`. Attaching (-i, -t, --attach,
 * --rm) needs a container's terminal, which this cluster does not stream yet: it says so and
 * changes nothing.
 */
import type { KObject } from "../../api/types";
import { settle } from "../../controllers";
import type { CommandContext, ExecResult } from "../../types";
import { errResult, openClient } from "./client";
import { dryRunMode } from "./delete";
import { boolFlag, flag } from "./flags";
import { generateService, parseLabels } from "./expose";
import { afterDash, enforcedNamespace, objectMeta, parseGenerator, requiredFlags, send } from "./generate";
import { isResult } from "./session";

// distribution/reference ReferenceRegexp: [domain/]path[:tag][@digest]
const COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
const DOMAIN = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?";
const REFERENCE = new RegExp(
  `^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,})?$`,
);

const usage = (msg: string) => errResult(`error: ${msg}\nSee 'kubectl run -h' for help and examples\n`);

/** run.go's PrintObj for a service printed before the pod: with -o yaml, a "---" between them. */
function joinOutputs(output: string | undefined, svc: ExecResult, pod: ExecResult): string {
  return svc.stdout + (output === "yaml" ? "---\n---\n" : "") + pod.stdout;
}

export async function runRun(ctx: CommandContext, argv: string[]): Promise<ExecResult> {
  const args = parseGenerator(ctx, "run", argv);
  if (isResult(args)) return args;
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
  if (attach) {
    return errResult(
      `error: attaching to a container (kubectl run -i, -t, --attach, --rm) is not available in this practice cluster yet; run the pod without them and read its output with "kubectl logs"\n`,
    );
  }
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
        },
      ],
      restartPolicy: restart || "Always",
      dnsPolicy: "ClusterFirst",
      serviceAccountName: undefined,
    },
    status: {},
  } as unknown as KObject;
  // run.go creates the pod first, then the service; it prints the service first
  const podOut = send(c, args, pod);
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
  if (!svcOut) return podOut;
  if (svcOut.exitCode) return { stdout: podOut.stdout, stderr: svcOut.stderr, exitCode: svcOut.exitCode };
  return { stdout: joinOutputs(flag(args, "output"), svcOut, podOut), stderr: svcOut.stderr + podOut.stderr, exitCode: 0 };
}
