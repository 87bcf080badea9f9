/**
 * curl 7.88's command line (src/tool_getparam.c) for the options people type against a cluster:
 * short options bundle (`-sSL`, `-sv`), an argument may follow its letter (`-ofile`) or come next,
 * long options take their argument as the next word (curl has no `--opt=value`). An unknown or
 * incomplete option is curl's exit 2 with its two-line hint.
 */

export interface CurlOptions {
  urls: string[];
  silent: boolean;
  showError: boolean;
  verbose: boolean;
  head: boolean;
  include: boolean;
  fail: boolean;
  insecure: boolean;
  location: boolean;
  output?: string;
  remoteName: boolean;
  writeOut?: string;
  method?: string;
  headers: string[];
  data?: string;
  cacert?: string;
  cert?: string;
  key?: string;
  /** seconds */
  maxTime?: number;
  connectTimeout?: number;
}

type Flag = Exclude<{ [K in keyof CurlOptions]: CurlOptions[K] extends boolean ? K : never }[keyof CurlOptions], undefined>;
type Valued = "output" | "writeOut" | "method" | "headers" | "data" | "cacert" | "cert" | "key" | "maxTime" | "connectTimeout" | "url";

const SHORT_FLAGS: Record<string, Flag> = {
  s: "silent",
  S: "showError",
  v: "verbose",
  I: "head",
  i: "include",
  f: "fail",
  k: "insecure",
  L: "location",
  O: "remoteName",
};
const SHORT_VALUED: Record<string, Valued> = { o: "output", w: "writeOut", X: "method", H: "headers", d: "data", E: "cert", m: "maxTime" };
const LONG_FLAGS: Record<string, Flag> = {
  silent: "silent",
  "show-error": "showError",
  verbose: "verbose",
  head: "head",
  include: "include",
  fail: "fail",
  insecure: "insecure",
  location: "location",
  "remote-name": "remoteName",
};
const LONG_VALUED: Record<string, Valued> = {
  output: "output",
  "write-out": "writeOut",
  request: "method",
  header: "headers",
  data: "data",
  "data-raw": "data",
  "data-binary": "data",
  cacert: "cacert",
  cert: "cert",
  key: "key",
  "max-time": "maxTime",
  "connect-timeout": "connectTimeout",
  url: "url",
};
/** accepted and without effect here (the cluster has no proxy, no IPv6, one HTTP version per server) */
const IGNORED_FLAGS = new Set([
  "-4",
  "--ipv4",
  "--http1.1",
  "--http2",
  "--compressed",
  "--no-progress-meter",
  "--no-buffer",
  "-N",
  "--fail-with-body",
]);
const IGNORED_VALUED = new Set(["--noproxy", "--retry", "-A", "--user-agent", "--resolve"]);

export const HINT = "curl: try 'curl --help' or 'curl --manual' for more information\n";

export type Parsed = { ok: true; opts: CurlOptions } | { ok: false; stderr: string; exitCode: number };

function setValue(o: CurlOptions, key: Valued, v: string, name: string): string | undefined {
  if (key === "maxTime" || key === "connectTimeout") {
    if (!/^\d+(\.\d+)?$/.test(v)) return `curl: option ${name}: expected a proper numerical parameter\n${HINT}`;
    o[key] = Number(v);
  } else if (key === "headers") o.headers.push(v);
  else if (key === "url") o.urls.push(v);
  else if (key === "data") o.data = o.data === undefined ? v : `${o.data}&${v}`;
  else o[key] = v;
  return undefined;
}

export function parseCurlArgs(args: string[]): Parsed {
  const o: CurlOptions = {
    urls: [],
    silent: false,
    showError: false,
    verbose: false,
    head: false,
    include: false,
    fail: false,
    insecure: false,
    location: false,
    remoteName: false,
    headers: [],
  };
  const missing = (name: string): Parsed => ({ ok: false, stderr: `curl: option ${name}: requires parameter\n${HINT}`, exitCode: 2 });
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--no-progress-meter") continue;
    if (IGNORED_FLAGS.has(a)) continue;
    if (IGNORED_VALUED.has(a)) {
      if (i + 1 >= args.length) return missing(a);
      i++;
      continue;
    }
    if (a.startsWith("--")) {
      const name = a.slice(2);
      const noFlag = name.startsWith("no-") ? LONG_FLAGS[name.slice(3)] : undefined;
      if (LONG_FLAGS[name]) o[LONG_FLAGS[name]] = true;
      else if (noFlag) o[noFlag] = false;
      else if (LONG_VALUED[name]) {
        if (i + 1 >= args.length) return missing(a);
        const err = setValue(o, LONG_VALUED[name], args[++i], a);
        if (err) return { ok: false, stderr: err, exitCode: 2 };
      } else return { ok: false, stderr: `curl: option ${a}: is unknown\n${HINT}`, exitCode: 2 };
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (SHORT_FLAGS[c]) {
          o[SHORT_FLAGS[c]] = true;
          continue;
        }
        const key = SHORT_VALUED[c];
        if (!key) return { ok: false, stderr: `curl: option -${c}: is unknown\n${HINT}`, exitCode: 2 };
        const rest = a.slice(j + 1);
        if (!rest && i + 1 >= args.length) return missing(`-${c}`);
        const err = setValue(o, key, rest || args[++i], `-${c}`);
        if (err) return { ok: false, stderr: err, exitCode: 2 };
        break;
      }
      continue;
    }
    o.urls.push(a);
  }
  return { ok: true, opts: o };
}
