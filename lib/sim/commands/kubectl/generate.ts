/**
 * What every generator (`create <kind>`, `run`, `expose`) shares: cobra's parse with `--`
 * (ArgsLenAtDash), required flags, NameFromCommandArgs, typed objects in their Go struct's field
 * order, and sending or printing the object (staging/src/k8s.io/kubectl/pkg/cmd/create/create.go).
 */
import { LAST_APPLIED_ANNOTATION as LAST_APPLIED } from "../../api/meta";
import type { KObject } from "../../api/types";
import { parseOutput, printStructured } from "../../printers/output";
import type { CommandContext, ExecResult } from "../../types";
import { type Client, errResult, isFailure, statusText } from "./client";
import { dryRunMode } from "./delete";
import { boolFlag, flag, type ParsedArgs } from "./flags";
import { lastApplied } from "./apply";
import { flagError } from "./help";
import { META_ORDER } from "../../api/meta";
import { kindPrefix } from "./resources";
import { isResult, parseVerb } from "./session";

export interface GenArgs extends ParsedArgs {
  /** operands before `--` (cobra's ArgsLenAtDash), or all of them when there is no `--` */
  beforeDash: number;
}

/** Parses a generator's argv; a literal `--` ends the flags and what follows are operands (a container's command). */
export function parseGenerator(ctx: CommandContext, verb: string, argv: string[]): GenArgs | ExecResult {
  const dash = argv.indexOf("--");
  const head = dash < 0 ? argv : argv.slice(0, dash);
  const p = parseVerb(ctx, verb, head);
  if (isResult(p)) return p;
  const beforeDash = p.operands.length;
  return {
    flags: p.flags,
    operands: dash < 0 ? p.operands : [...p.operands, ...argv.slice(dash + 1)],
    beforeDash: dash < 0 ? -1 : beforeDash,
  };
}

/** cobra's MarkFlagRequired check, made before the command runs. */
export function requiredFlags(args: ParsedArgs, names: string[]): ExecResult | undefined {
  const missing = names.filter((n) => !args.flags.has(n));
  if (!missing.length) return undefined;
  return errResult(`error: required flag(s) ${missing.map((n) => `"${n}"`).join(", ")} not set\n`);
}

/** create.go NameFromCommandArgs: exactly one operand before `--`. */
export function nameFrom(verb: string, args: GenArgs): string | ExecResult {
  const n = args.beforeDash < 0 ? args.operands.length : args.beforeDash;
  if (n !== 1) return errResult(`error: exactly one NAME is required, got ${n}\nSee 'kubectl ${verb} -h' for help and examples\n`);
  return args.operands[0];
}

/** The operands after `--` (a container's command), empty without `--`. */
export function afterDash(args: GenArgs): string[] {
  return args.beforeDash < 0 ? [] : args.operands.slice(args.beforeDash);
}

/** pflag's int flag: the value or cobra's parse error. */
export function intFlag(verb: string, args: ParsedArgs, name: string, dflt: number, short?: string): number | ExecResult {
  const v = flag(args, name);
  if (v === undefined) return dflt;
  if (!/^[+-]?\d+$/.test(v.trim()) || v.trim() !== v) {
    return flagError(
      verb,
      `invalid argument "${v}" for "${short ? `-${short}, ` : ""}--${name}" flag: strconv.ParseInt: parsing "${v}": invalid syntax`,
    );
  }
  return Number(v);
}

/** The client's namespace when kubectl enforces it (-n or the context's namespace), as generators put it in metadata. */
export function enforcedNamespace(c: Client): string | undefined {
  return c.namespaceExplicit ? c.namespace : undefined;
}

/** metav1.ObjectMeta in struct order; empty fields are left out as omitempty does (undefined vanishes in JSON). */
export function objectMeta(
  name: string,
  o: { namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; ownerReferences?: unknown[] } = {},
): KObject["metadata"] {
  const nonEmpty = <T extends object>(m: T | undefined) => (m && Object.keys(m).length ? m : undefined);
  return {
    name,
    namespace: o.namespace || undefined,
    creationTimestamp: null,
    labels: goMap(nonEmpty(o.labels)),
    annotations: goMap(nonEmpty(o.annotations)),
    ownerReferences: o.ownerReferences?.length ? o.ownerReferences : undefined,
  } as unknown as KObject["metadata"];
}

/** Go's json.MarshalIndent of a typed object: field order kept, 4-space indent, HTML characters escaped. */
export function typedJson(v: unknown): string {
  return JSON.stringify(v, null, 4).replace(/[<>&]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`) + "\n";
}

/** A Go map[string]string as encoding/json writes it: keys sorted. */
export function goMap<T>(m: Record<string, T> | undefined): Record<string, T> | undefined {
  if (!m) return m;
  return Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Drops the undefined fields a builder left for omitempty, keeping key order. */
export function plain<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** utilrand.String(n) from the cluster's seeded random source. */
export function randomSuffix(ctx: CommandContext, n = 5): string {
  const alphabet = "bcdfghjklmnpqrstvwxz2456789";
  let s = "";
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(ctx.random() * alphabet.length)];
  return s;
}

export interface SendOptions {
  /** the file the object came from (create -f), for kubectl's "error when creating" */
  source?: string;
  /** a typed generator's failure prefix, "failed to create deployment: " */
  failurePrefix?: string;
  /** --save-config applies (create and its generators) */
  saveConfig?: boolean;
}

/**
 * util.CreateOrUpdateAnnotation: the object as the JSON encoder writes it (a typed generator's in
 * struct order, a manifest's with sorted keys and an annotations map), kept in the annotation.
 */
function withSavedConfig(obj: KObject, typed: boolean): KObject {
  const annotations = { ...(obj.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  const text = typed
    ? JSON.stringify({
        ...obj,
        metadata: { ...obj.metadata, annotations: Object.keys(annotations).length ? annotations : undefined },
      }).replace(/[<>&]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`) + "\n"
    : lastApplied(obj);
  const meta: Record<string, unknown> = { ...obj.metadata, annotations: goMap({ ...annotations, [LAST_APPLIED]: text }) };
  const ordered: Record<string, unknown> = {};
  for (const k of META_ORDER) if (k in meta) ordered[k] = meta[k];
  for (const k of Object.keys(meta)) if (!(k in ordered)) ordered[k] = meta[k];
  return { ...obj, metadata: ordered as unknown as KObject["metadata"] };
}

/** Sends one object (or prints it, for --dry-run=client), in kubectl's words. */
export function send(c: Client, args: ParsedArgs, input: KObject, opts: SendOptions = {}): ExecResult {
  let obj = plain(input);
  if (opts.saveConfig && boolFlag(args, "save-config")) obj = withSavedConfig(obj, !opts.source);
  const fmt = parseOutput(flag(args, "output"));
  if ("error" in fmt) return errResult(fmt.error);
  const dry = dryRunMode(flag(args, "dry-run"));
  if ("error" in dry) return errResult(dry.error);
  const source = opts.source;
  const def = c.api.kindOf(obj.apiVersion, obj.kind);
  if (!def)
    return errResult(
      `error: resource mapping not found for name: "${obj.metadata.name}" namespace: "${obj.metadata.namespace ?? ""}" from "${source ?? ""}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first\n`,
    );
  const r = def.resource;
  const namespace = r.namespaced ? obj.metadata.namespace || c.namespace : undefined;
  if (r.namespaced && obj.metadata.namespace && c.namespaceExplicit && obj.metadata.namespace !== c.namespace) {
    return errResult(
      `error: the namespace from the provided object "${obj.metadata.namespace}" does not match the namespace "${c.namespace}". You must pass '--namespace=${obj.metadata.namespace}' to perform this operation.\n`,
    );
  }
  let result: KObject = obj;
  if (dry.mode !== "client") {
    const resp = c.request({
      verb: "create",
      group: r.group,
      version: r.version,
      resource: r.resource,
      namespace,
      body: obj,
      dryRun: dry.mode === "server",
    });
    if (isFailure(resp)) {
      if (opts.failurePrefix) return errResult(`error: ${opts.failurePrefix}${resp.body.message ?? ""}\n`);
      return errResult(statusText(resp.body, source && resp.body.reason !== "Invalid" ? { verb: "creating", file: source } : undefined));
    }
    result = resp.body as KObject;
  }
  if (fmt.kind === "json" && dry.mode === "client" && !source) {
    // a generator's typed object: json.MarshalIndent keeps struct field order (yaml sorts keys anyway)
    return { stdout: typedJson(result), stderr: dry.warning, exitCode: 0 };
  }
  if (fmt.kind !== "table") {
    const out = printStructured(fmt, [result], true, () => kindPrefix(def));
    return { stdout: out.stdout, stderr: dry.warning + (out.stderr ?? ""), exitCode: out.stderr ? 1 : 0 };
  }
  const suffix = dry.mode === "client" ? " (dry run)" : dry.mode === "server" ? " (server dry run)" : "";
  return { stdout: `${kindPrefix(def)}/${result.metadata.name} created${suffix}\n`, stderr: dry.warning, exitCode: 0 };
}

/** A comma-separated, repeatable string-slice flag (pflag StringSlice). */
export function sliceFlag(args: ParsedArgs, name: string): string[] {
  return (args.flags.get(name) ?? []).flatMap((v) => v.split(",")).filter(Boolean);
}
