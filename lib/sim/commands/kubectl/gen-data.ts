/**
 * `create configmap` and `create secret generic|tls|docker-registry`
 * (staging/src/k8s.io/kubectl/pkg/cmd/create/create_configmap.go, create_secret.go,
 * create_secret_tls.go, create_secret_docker.go; the sources' parsing in
 * staging/src/k8s.io/kubectl/pkg/util/util.go ParseFileSource/ParseLiteralSource and env_file.go).
 * Files come from the node's VFS, whose files are text, so nothing lands in binaryData.
 */
import type { KObject } from "../../api/types";
import { isConfigMapKey, isEnvVarName } from "../../kinds/_shared/names";
import type { CommandContext } from "../../types";
import { type Client, errResult } from "./client";
import { flag, type ParsedArgs } from "./flags";
import { enforcedNamespace, goMap, objectMeta } from "./generate";
import type { Built } from "./gen-workloads";

type Kind = "ConfigMap" | "Secret";
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

/** Adds one key as each kind words its errors (configmap: addKeyFromLiteralToConfigMap; secret: addKeyFromLiteralToSecret). */
function addKey(kind: Kind, name: string, data: Record<string, string>, key: string, value: string): string | undefined {
  const errs = isConfigMapKey(key);
  if (kind === "ConfigMap") {
    if (errs.length) return `"${key}" is not a valid key name for a ConfigMap: ${errs.join(",")}`;
    if (key in data) return `cannot add key "${key}", another key by that name already exists in Data for ConfigMap "${name}"`;
    data[key] = value;
    return undefined;
  }
  if (errs.length) return `"${key}" is not valid key name for a Secret ${errs.join(";")}`;
  if (key in data) return `cannot add key ${key}, another key by that name already exists`;
  data[key] = b64(value);
  return undefined;
}

function parseFileSource(source: string): { key: string; path: string; named: boolean } | string {
  const n = source.split("=").length - 1;
  if (n === 0) return { key: source.replace(/\/+$/, "").split("/").pop() || "/", path: source, named: false };
  if (n === 1 && source.startsWith("=")) return `key name for file path ${source.slice(1)} missing`;
  if (n === 1 && source.endsWith("=")) return `file path for key name ${source.slice(0, -1)} missing`;
  if (n > 1) return "key names or file paths cannot contain '='";
  const [key, path] = source.split("=");
  return { key, path, named: true };
}

/** env_file.go processEnvFileLine: leading blanks trimmed, comments and blank lines skipped, KEY without = read from the environment. */
function envFile(ctx: CommandContext, path: string, add: (k: string, v: string) => string | undefined): string | undefined {
  const f = ctx.fs.readFile(ctx.resolve(path));
  if (!f.ok) return `error reading ${path}: ${f.error === "EISDIR" ? "is a directory" : "no such file or directory"}`;
  const lines = f.value.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  for (const [i, raw] of lines.entries()) {
    const line = (i === 0 ? raw.replace(/^\uFEFF/, "") : raw).replace(/^\s+/, "");
    if (!line || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    const key = eq < 0 ? line : line.slice(0, eq);
    const errs = isEnvVarName(key);
    if (errs.length) return `"${key}" is not a valid key name: ${errs.join(";")}`;
    const value = eq < 0 ? ctx.env[key] : line.slice(eq + 1);
    if (value === undefined) continue;
    const e = add(key, value);
    if (e) return e;
  }
  return undefined;
}

/** --from-file, --from-literal and --from-env-file into data, in the order the generators apply them. */
function collect(ctx: CommandContext, kind: Kind, name: string, args: ParsedArgs): Record<string, string> | string {
  const data: Record<string, string> = {};
  const files = args.flags.get("from-file") ?? [];
  const literals = args.flags.get("from-literal") ?? [];
  const envFiles = args.flags.get("from-env-file") ?? [];
  if (envFiles.length && (files.length || literals.length)) return "from-env-file cannot be combined with from-file or from-literal";
  const add = (k: string, v: string) => addKey(kind, name, data, k, v);
  for (const src of files) {
    const p = parseFileSource(src);
    if (typeof p === "string") return p;
    const abs = ctx.resolve(p.path);
    const node = ctx.fs.stat(abs);
    if (!node) return `error reading ${p.path}: no such file or directory`;
    if (node.type === "dir") {
      if (p.named) return "cannot give a key name for a directory path";
      const list = ctx.fs.readdir(abs);
      for (const item of list.ok ? list.value : []) {
        const f = ctx.fs.readFile(`${abs === "/" ? "" : abs}/${item}`);
        if (!f.ok) continue;
        const e = add(item, f.value);
        if (e) return e;
      }
      continue;
    }
    const f = ctx.fs.readFile(abs);
    if (!f.ok) return `error reading ${p.path}: no such file or directory`;
    const e = add(p.key, f.value);
    if (e) return e;
  }
  for (const lit of literals) {
    const eq = lit.indexOf("=");
    if (eq < 0) return `invalid literal source ${lit}, expected key=value`;
    const e = add(lit.slice(0, eq), lit.slice(eq + 1));
    if (e) return e;
  }
  for (const path of envFiles) {
    const e = envFile(ctx, path, add);
    if (e) return e;
  }
  return data;
}

export function buildConfigMap(ctx: CommandContext, c: Client, name: string, args: ParsedArgs): Built {
  const data = collect(ctx, "ConfigMap", name, args);
  if (typeof data === "string") return errResult(`error: ${data}\n`);
  const obj = {
    kind: "ConfigMap",
    apiVersion: "v1",
    metadata: objectMeta(name, { namespace: enforcedNamespace(c) }),
    data: Object.keys(data).length ? goMap(data) : undefined,
  };
  return { obj: obj as unknown as KObject, failurePrefix: "failed to create configmap: " };
}

function secret(c: Client, name: string, data: Record<string, string> | undefined, type: string | undefined): KObject {
  return {
    kind: "Secret",
    apiVersion: "v1",
    metadata: objectMeta(name, { namespace: enforcedNamespace(c) }),
    data: data && Object.keys(data).length ? goMap(data) : undefined,
    type: type || undefined,
  };
}

export function buildSecretGeneric(ctx: CommandContext, c: Client, name: string, args: ParsedArgs): Built {
  const data = collect(ctx, "Secret", name, args);
  if (typeof data === "string") return errResult(`error: ${data}\n`);
  return { obj: secret(c, name, data, flag(args, "type")), failurePrefix: "failed to create secret " };
}

const PEM = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?-----END [A-Z0-9 ]+-----/;

/** create_secret_tls.go: both files read as they are; tls.X509KeyPair must find PEM blocks in each. */
export function buildSecretTls(ctx: CommandContext, c: Client, name: string, args: ParsedArgs): Built {
  const cert = flag(args, "cert") ?? "";
  const key = flag(args, "key") ?? "";
  if (!cert || !key) return errResult("error: key and cert must be specified\n");
  const read = (p: string) => ctx.fs.readFile(ctx.resolve(p));
  const cf = read(cert);
  if (!cf.ok) return errResult(`error: Cannot read file ${cert}, open ${cert}: no such file or directory\n`);
  const kf = read(key);
  if (!kf.ok) return errResult(`error: Cannot read file ${key}, open ${key}: no such file or directory\n`);
  if (!PEM.test(cf.value)) return errResult("error: tls: failed to find any PEM data in certificate input\n");
  if (!PEM.test(kf.value)) return errResult("error: tls: failed to find any PEM data in key input\n");
  return {
    obj: secret(c, name, { "tls.crt": b64(cf.value), "tls.key": b64(kf.value) }, "kubernetes.io/tls"),
    failurePrefix: "failed to create secret ",
  };
}

/** Go's json.Marshal: compact, HTML characters escaped. */
const goCompact = (v: unknown) => JSON.stringify(v).replace(/[<>&]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** create_secret_docker.go: a .dockerconfigjson with one registry entry (credentialprovider's DockerConfigEntry). */
export function buildSecretDocker(ctx: CommandContext, c: Client, name: string, args: ParsedArgs): Built {
  const server = flag(args, "docker-server") ?? "https://index.docker.io/v1/";
  const username = flag(args, "docker-username") ?? "";
  const password = flag(args, "docker-password") ?? "";
  const email = flag(args, "docker-email") ?? "";
  const files = args.flags.get("from-file") ?? [];
  if (!files.length && (!username || !password || !server)) {
    return errResult(
      "error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required\n",
    );
  }
  const data = collect(ctx, "Secret", name, { flags: new Map([["from-file", files]]), operands: [] });
  if (typeof data === "string") return errResult(`error: ${data}\n`);
  if (username || password) {
    const entry = {
      username: username || undefined,
      password: password || undefined,
      email: email || undefined,
      auth: b64(`${username}:${password}`),
    };
    data[".dockerconfigjson"] = b64(goCompact({ auths: { [server]: entry } }));
  }
  return { obj: secret(c, name, data, "kubernetes.io/dockerconfigjson"), failurePrefix: "failed to create secret " };
}
