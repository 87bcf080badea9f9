/**
 * kubectl set env (staging/src/k8s.io/kubectl/pkg/cmd/set/set_env.go and set/env/env_parse.go,
 * env_resolve.go, v1.32): KEY=value and KEY- after the resources, -e, --from=configmap/NAME or
 * secret/NAME (every key, or --keys, as KEY_NAME uppercased), --prefix, -c (a wildcard), --list,
 * --overwrite=false. updateEnv keeps existing variables in place, replaces those named again and
 * appends the new ones.
 */
import type { KObject } from "../../api/types";
import { isEnvVarName } from "../../kinds/_shared/names";
import type { CommandContext, ExecResult } from "../../types";
import { errResult, openClient } from "./client";
import { boolFlag, flag, type ParsedArgs } from "./flags";
import { sliceFlag } from "./generate";
import { type EnvVar, podSpecOf, runSetOver } from "./set-common";
import { isResult } from "./session";
import { resolveTargets } from "./workload-target";

/** env_parse.go SplitEnvironmentFromResources: resources first, then NAME=value or NAME- arguments. */
function splitEnv(args: string[]): { resources: string[]; envArgs: string[] } | undefined {
  const resources: string[] = [];
  const envArgs: string[] = [];
  for (const s of args) {
    const isEnv = /^.+=/s.test(s) || s.endsWith("-");
    if (isEnv) envArgs.push(s);
    else if (envArgs.length) return undefined;
    else resources.push(s);
  }
  return { resources, envArgs };
}

/** env_parse.go parseIntoEnvVar ("-", reading stdin, is not here). */
function parseEnv(spec: string[]): { env: EnvVar[]; remove: string[] } | string {
  const env: EnvVar[] = [];
  const remove: string[] = [];
  for (const s of spec) {
    if (s.includes("=")) {
      const name = s.slice(0, s.indexOf("="));
      const errs = isEnvVarName(name);
      if (errs.length) return `${JSON.stringify(name)} is not a valid key name: ${errs.join(";")}`;
      env.push({ name, value: s.slice(s.indexOf("=") + 1) });
    } else if (s.endsWith("-")) remove.push(s.slice(0, -1));
    else return `unknown environment variable: ${s}`;
  }
  if (remove.some((r) => env.some((e) => e.name === r)))
    return "can not both modify and remove the same environment variable in the same command";
  return { env, remove };
}

/** set_env.go updateEnv */
function updateEnv(existing: EnvVar[], env: EnvVar[], remove: string[]): EnvVar[] {
  const out: EnvVar[] = [];
  const covered = new Set(remove);
  for (const e of existing) {
    if (covered.has(e.name)) continue;
    const newer = env.find((x) => x.name === e.name);
    if (newer) covered.add(e.name);
    out.push(newer ?? e);
  }
  for (const e of env) {
    if (covered.has(e.name)) continue;
    covered.add(e.name);
    out.push(e);
  }
  return out;
}

/** env_resolve.go GetEnvVarRefString */
function refString(from: NonNullable<EnvVar["valueFrom"]>): string {
  if (from.configMapKeyRef) return `configmap ${from.configMapKeyRef.name ?? ""}, key ${from.configMapKeyRef.key ?? ""}`;
  if (from.secretKeyRef) return `secret ${from.secretKeyRef.name ?? ""}, key ${from.secretKeyRef.key ?? ""}`;
  if (from.fieldRef) return `field path ${from.fieldRef.fieldPath ?? ""}`;
  if (from.resourceFieldRef) {
    const prefix = from.resourceFieldRef.containerName ? `${from.resourceFieldRef.containerName}/` : "";
    return `resource field ${prefix}${from.resourceFieldRef.resource ?? ""}`;
  }
  return "invalid valueFrom";
}

/** filepath.Match of a container selector: `*` and `?` wildcards. */
export function selectContainers<T extends { name: string }>(list: T[] | undefined, selector: string): T[] {
  const re = new RegExp(
    `^${selector
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, "[^/]*")
      .replace(/\?/g, "[^/]")}$`,
  );
  return (list ?? []).filter((c) => re.test(c.name));
}

export async function runSetEnv(ctx: CommandContext, args: ParsedArgs): Promise<ExecResult> {
  if (boolFlag(args, "all") && flag(args, "selector")) return errResult("error: cannot set --all and --selector at the same time\n");
  const split = splitEnv(args.operands);
  if (!split) return errResult(`error: all resources must be specified before environment changes: ${args.operands.join(" ")}\n`);
  if (!split.resources.length)
    return errResult(`error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n`);
  const from = flag(args, "from") ?? "";
  const keys = sliceFlag(args, "keys");
  if (boolFlag(args, "list") && flag(args, "output")) return errResult("error: --list and --output may not be specified together\n");
  if (keys.length && !from) return errResult(`error: when specifying --keys, a configmap or secret must be provided with --from\n`);
  const parsed = parseEnv([...(args.flags.get("env") ?? []), ...split.envArgs]);
  if (typeof parsed === "string") return errResult(`error: ${parsed}\n`);
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  const env = [...parsed.env];
  if (from) {
    const got = resolveTargets(c, [from]);
    if (!got.ok) return errResult(got.stderr);
    for (const { obj } of got.targets) {
      if (obj.kind !== "ConfigMap" && obj.kind !== "Secret") return errResult("error: unsupported resource specified in --from\n");
      const ref = obj.kind === "ConfigMap" ? "configMapKeyRef" : "secretKeyRef";
      // Go ranges over the map in a random order; sorted here so a learner sees one order
      for (const key of Object.keys((obj as KObject & { data?: Record<string, string> }).data ?? {}).sort()) {
        if (keys.length && !keys.includes(key)) continue;
        env.push({ name: key.replace(/[^a-zA-Z0-9_]/g, "_").toUpperCase(), valueFrom: { [ref]: { key, name: obj.metadata.name } } });
      }
    }
  }
  const prefix = flag(args, "prefix") ?? "";
  for (const e of env) e.name = prefix + e.name;
  const selector = flag(args, "containers") ?? "*";
  const list = boolFlag(args, "list");
  const overwrite = flag(args, "overwrite") !== "false";
  let listed = "";
  let warnings = "";
  const result = await runSetOver(
    ctx,
    args,
    split.resources,
    {
      operation: "env updated",
      patchFailure: "failed to patch env update to pod template: ",
      change(t) {
        const changed = structuredClone(t.obj);
        const at = podSpecOf(changed);
        if (!at?.spec) return { changed: `${t.obj.metadata.name} is not a pod template`, patch: {} };
        const spec = at.spec;
        const selected = [...selectContainers(spec.containers, selector), ...selectContainers(spec.initContainers, selector)];
        if (!selected.length) {
          // set_env.go writes "warning: ...", v1.32.3 prints it as "Warning: ..." (the conformance corpus checks it)
          warnings += `Warning: ${t.obj.kind}/${t.obj.metadata.name} does not have any containers matching ${JSON.stringify(selector)}\n`;
          return undefined;
        }
        for (const ctr of selected) {
          if (!overwrite) {
            const clash = env.find((e) => (ctr.env ?? []).some((x) => x.name === e.name && x.value !== e.value));
            const cur = clash && (ctr.env ?? []).find((x) => x.name === clash.name);
            if (cur)
              return {
                changed: `${t.def.resource.resource}/${t.obj.metadata.name} '${cur.name}' already has a value (${cur.value ?? ""}), and --overwrite is false`,
                patch: {},
              };
          }
          const next = updateEnv(ctr.env ?? [], env, parsed.remove);
          if (next.length) ctr.env = next;
          else delete ctr.env;
          if (list) {
            listed += `# ${t.obj.kind} ${t.obj.metadata.name}, container ${ctr.name}\n`;
            for (const e of next) listed += e.valueFrom ? `# ${e.name} from ${refString(e.valueFrom)}\n` : `${e.name}=${e.value ?? ""}\n`;
          }
        }
        if (list) return undefined;
        return {
          changed,
          patch: at.wrap({ containers: spec.containers, ...(spec.initContainers ? { initContainers: spec.initContainers } : {}) }),
        };
      },
    },
    c,
  );
  if (list) return { stdout: listed, stderr: warnings, exitCode: 0 };
  return { ...result, stderr: warnings + result.stderr };
}
