/**
 * What a container does, computed (never run): from the image's ENTRYPOINT/CMD and the pod's
 * command/args, the log lines it writes (at offsets from its start), whether it runs forever, loops
 * or exits (with which code, when). `sh -c` scripts are read by a tiny interpreter that knows the
 * lines learners write in pod specs: echo, sleep, exit, date, true/false, `&&`/`||`, `for ... in`,
 * `while true`. Logs are derived from the program and the container's start time, so nothing is
 * stored per line: `kubectl logs` recomputes them (logs.ts).
 */
import type { Container } from "../kinds/pods/types";
import type { Vfs } from "../fs/vfs";
import { apiserverRun } from "./apiserver-program";
import { type ImageInfo, parseImage } from "./images";

/** Markers for text that depends on when the line is written (formatted by logs.ts). */
export const DATE_MARK = "\u0001date\u0001";
export const NGINX_TIME_MARK = "\u0001nginx\u0001";
export const HTTPD_TIME_MARK = "\u0001httpd\u0001";

export interface LogLine {
  /** ms after the container started */
  at: number;
  text: string;
}

export interface Program {
  lines: LogLine[];
  /** a loop that runs forever after `startMs`: `lines` repeat every `periodMs` */
  loop?: { startMs: number; periodMs: number; lines: LogLine[] };
  /** absent: runs until stopped */
  exit?: { afterMs: number; code: number };
  /** the runtime could not start it (no such executable): kubelet's StartError */
  startError?: string;
  /** files the script creates (touch) or removes (rm), in order: what an exec probe finds later */
  files?: FileOp[];
  /** a network tool's argv: the kubelet runs it when the container starts (tool-run.ts), its output and status are the program's */
  tool?: string[];
}

/** The tools an image that ships them (ImageInfo.tools) can run as its main process (tool-run.ts). */
export const MAIN_PROCESS_TOOLS: ReadonlySet<string> = new Set(["wget", "nslookup", "nc"]);

export interface FileOp {
  /** ms after the container started */
  at: number;
  path: string;
  exists: boolean;
}

export interface ProgramEnv {
  hostname: string;
  podIP?: string;
  env: Record<string, string>;
  /** the node's files and the start time, for programs that read files at start-up (the kube-apiserver) */
  node?: { fs: Vfs; now: number };
  /** cluster DNS as the pod sees it (its resolv.conf and the cluster's Services) */
  dns?: ClusterDns;
  /** the run's start (epoch ms, whole seconds as its status records it): when each lookup happens */
  startedAt?: number;
  /** the image's tag (tools whose output changed between versions: busybox's nslookup) */
  imageTag?: string;
}

export interface ClusterDns {
  /** the nameserver of the pod's resolv.conf (kube-dns's ClusterIP) */
  server: string;
  /** the pod's first search domain, <namespace>.svc.cluster.local */
  search: string;
  /** since when (epoch ms) a name resolves, and to what; undefined: NXDOMAIN */
  resolve(name: string): { since: number; fqdn: string; ip?: string } | undefined;
}

const FOREVER = Infinity;

/** Kubelet's $(VAR) expansion of command and args (third_party/forked/golang/expansion). */
function expandRefs(s: string, env: Record<string, string>): string {
  return s.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name: string | undefined) =>
    m === "$$" ? "$" : name !== undefined && name in env ? env[name] : m,
  );
}

/** The container's process: command/args or the image's ENTRYPOINT/CMD, without the official images' docker-entrypoint.sh, which execs its arguments. */
export function mainArgv(image: ImageInfo, c: Container, env: Record<string, string> = {}): string[] {
  const command = c.command?.length ? c.command.map((s) => expandRefs(s, env)) : undefined;
  const args = c.args?.map((s) => expandRefs(s, env));
  const argv = command ? [...command, ...(args ?? [])] : [...image.entrypoint, ...(args ?? image.cmd)];
  const first = (argv[0] ?? "").split("/").pop();
  return first === "docker-entrypoint.sh" && argv.length > 1 && !DAEMONS[(argv[1] ?? "").split("/").pop() ?? ""] ? argv.slice(1) : argv;
}

/** A shell without a script reads its stdin: with `stdin: true` (kubectl run -i) it stays open, so the shell waits. */
export function readsStdin(image: ImageInfo, c: Container, argv: string[]): boolean {
  const bin = (argv[0] ?? "").split("/").pop() ?? "";
  return c.stdin === true && image.shell && ["sh", "bash", "ash"].includes(bin) && !argv.includes("-c");
}

export function programFor(image: ImageInfo, c: Container, pe: ProgramEnv): Program {
  const argv = mainArgv(image, c, pe.env);
  if (readsStdin(image, c, argv)) return { lines: [] };
  return runArgv(image, argv, { ...pe, imageTag: parseImage(c.image ?? "").tag });
}

/** The server the container runs, if it is one of the catalogue's (it listens on the image's ports). */
export function serverOf(image: ImageInfo, c: Container): string | undefined {
  const argv = c.command?.length ? [...c.command, ...(c.args ?? [])] : [...image.entrypoint, ...(c.args ?? image.cmd)];
  const bins = argv.slice(0, 2).map((a) => a.split("/").pop() ?? "");
  return bins.find((b) => b in DAEMONS && !["python3", "python", "node"].includes(b));
}

function runArgv(image: ImageInfo, argv: string[], pe: ProgramEnv): Program {
  const bin = (argv[0] ?? "").split("/").pop() ?? "";
  if ((bin === "sh" || bin === "bash" || bin === "ash") && image.shell) {
    const i = argv.indexOf("-c");
    if (i < 0) return { lines: [], exit: { afterMs: 50, code: 0 } };
    return runScript(argv[i + 1] ?? "", image, pe);
  }
  if (bin === "docker-entrypoint.sh" || bin === "/docker-entrypoint.sh") return runArgv(image, argv.slice(1), pe);
  const builtin = image.shell ? runStatement(argv, image, pe, 0) : undefined;
  if (builtin) return toProgram(builtin);
  if (MAIN_PROCESS_TOOLS.has(bin) && image.tools?.includes(bin)) return { lines: [], exit: { afterMs: 100, code: 0 }, tool: argv };
  if (bin === "kube-apiserver" && pe.node) return apiserverRun(argv, pe.node.fs, pe.node.now);
  const daemon = DAEMONS[bin];
  if (daemon) return daemon(image, pe);
  if (image.repository.startsWith("registry.k8s.io/") || bin === "pause") return { lines: [] };
  return {
    lines: [],
    startError: `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${argv[0] ?? ""}": executable file not found in $PATH: unknown`,
  };
}

// --- daemons: what the official images print when they start

const nginxLines = [
  "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
  "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
  "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
  "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
  "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
  "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
  "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
  "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
  "/docker-entrypoint.sh: Configuration complete; ready for start up",
  `${NGINX_TIME_MARK} [notice] 1#1: using the "epoll" event method`,
  `${NGINX_TIME_MARK} [notice] 1#1: nginx/1.27.3`,
  `${NGINX_TIME_MARK} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) `,
  `${NGINX_TIME_MARK} [notice] 1#1: OS: Linux 6.8.0-51-generic`,
  `${NGINX_TIME_MARK} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
  `${NGINX_TIME_MARK} [notice] 1#1: start worker processes`,
  `${NGINX_TIME_MARK} [notice] 1#1: start worker process 29`,
  `${NGINX_TIME_MARK} [notice] 1#1: start worker process 30`,
];

const at = (lines: string[], from = 0): LogLine[] => lines.map((text, i) => ({ at: from + i, text }));

const DAEMONS: Record<string, (image: ImageInfo, pe: ProgramEnv) => Program> = {
  nginx: () => ({ lines: at(nginxLines) }),
  "httpd-foreground": (_i, pe) => ({
    lines: at([
      `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${pe.podIP || "127.0.0.1"}. Set the 'ServerName' directive globally to suppress this message`,
      `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${pe.podIP || "127.0.0.1"}. Set the 'ServerName' directive globally to suppress this message`,
      `${HTTPD_TIME_MARK} [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations`,
      `${HTTPD_TIME_MARK} [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`,
    ]),
  }),
  "redis-server": () => ({
    lines: at([
      "1:C 30 Nov 2026 00:00:00.000 # WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition.",
      "1:C 30 Nov 2026 00:00:00.000 * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo",
      "1:C 30 Nov 2026 00:00:00.000 * Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started",
      "1:M 30 Nov 2026 00:00:00.000 * Server initialized",
      "1:M 30 Nov 2026 00:00:00.000 * Ready to accept connections tcp",
    ]),
  }),
  postgres: (_i, pe) =>
    pe.env.POSTGRES_PASSWORD || pe.env.POSTGRES_HOST_AUTH_METHOD === "trust"
      ? {
          lines: at([
            "PostgreSQL init process complete; ready for start up.",
            "",
            `${DATE_MARK} LOG:  database system is ready to accept connections`,
          ]),
        }
      : {
          lines: at([
            "Error: Database is uninitialized and superuser password is not specified.",
            "       You must specify POSTGRES_PASSWORD to a non-empty value for the",
            '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
            "",
            '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
            "       connections without a password. This is *not* recommended.",
            "",
            '       See PostgreSQL documentation about "trust":',
            "       https://www.postgresql.org/docs/current/auth-trust.html",
          ]),
          exit: { afterMs: 200, code: 1 },
        },
  mysqld: (_i, pe) =>
    pe.env.MYSQL_ROOT_PASSWORD || pe.env.MYSQL_ALLOW_EMPTY_PASSWORD || pe.env.MYSQL_RANDOM_ROOT_PASSWORD
      ? {
          lines: at([
            "[Entrypoint]: Entrypoint script for MySQL Server 9.1.0-1.el9 started.",
            "[Server] /usr/sbin/mysqld: ready for connections. Version: '9.1.0'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.",
          ]),
        }
      : {
          lines: at([
            "[Entrypoint]: Entrypoint script for MySQL Server 9.1.0-1.el9 started.",
            "[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified",
            "    You need to specify one of the following as an environment variable:",
            "    - MYSQL_ROOT_PASSWORD",
            "    - MYSQL_ALLOW_EMPTY_PASSWORD",
            "    - MYSQL_RANDOM_ROOT_PASSWORD",
          ]),
          exit: { afterMs: 300, code: 1 },
        },
  python3: () => ({ lines: [], exit: { afterMs: 60, code: 0 } }),
  python: () => ({ lines: [], exit: { afterMs: 60, code: 0 } }),
  node: () => ({ lines: [], exit: { afterMs: 80, code: 0 } }),
};

// --- the script interpreter

interface Run {
  lines: LogLine[];
  files?: FileOp[];
  /** ms elapsed */
  t: number;
  status: number;
  /** the script ended: exit, or an endless sleep/loop */
  done?: "exit" | "forever";
  loop?: Program["loop"];
}

function toProgram(r: Run): Program {
  const files = r.files?.length ? { files: r.files } : {};
  if (r.done === "forever") return { lines: r.lines, ...(r.loop ? { loop: r.loop } : {}), ...files };
  return { lines: r.lines, exit: { afterMs: Math.max(r.t, 30), code: r.status }, ...files };
}

/** Splits on `;`, newlines, `&&`, `||` outside quotes, keeping the connective before each part. */
function splitList(script: string): { op: ";" | "&&" | "||"; text: string }[] {
  const out: { op: ";" | "&&" | "||"; text: string }[] = [];
  let cur = "";
  let quote = "";
  let op: ";" | "&&" | "||" = ";";
  let depth = 0;
  for (let i = 0; i < script.length; i++) {
    const ch = script[i];
    if (quote) {
      if (ch === quote) quote = "";
      cur += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      cur += ch;
      continue;
    }
    // a keyword only where a command starts ("echo waiting for x" has no for loop)
    const atWord = /(^|[;\n&|]|\bdo|\bthen|\belse)\s*$/.test(cur);
    const word = atWord && /^(while|until|for|if)\b/.test(script.slice(i)) ? 1 : atWord && /^(done|fi)\b/.test(script.slice(i)) ? -1 : 0;
    depth += word;
    if (depth === 0 && (ch === ";" || ch === "\n" || script.startsWith("&&", i) || script.startsWith("||", i))) {
      if (cur.trim()) out.push({ op, text: cur.trim() });
      cur = "";
      op = ch === "&" ? "&&" : ch === "|" ? "||" : ";";
      if (ch === "&" || ch === "|") i++;
      continue;
    }
    cur += ch;
  }
  if (cur.trim()) out.push({ op, text: cur.trim() });
  return out;
}

/** Words of a simple command: quotes removed, $VAR and $(hostname)/$(date) expanded. */
function words(text: string, pe: ProgramEnv): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (const m of text.matchAll(re)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(expandVars(m[2], pe));
    else {
      // an unquoted word that expands to nothing is no word at all
      const w = expandVars(m[3] ?? "", pe);
      if (w) out.push(w);
    }
  }
  return out;
}

function expandVars(s: string, pe: ProgramEnv): string {
  return s
    .replace(/\$\(hostname\)|`hostname`/g, pe.hostname)
    .replace(/\$\(date\)|`date`/g, DATE_MARK)
    .replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_m, n: string) => (n === "HOSTNAME" ? pe.hostname : (pe.env[n] ?? "")));
}

function seconds(arg: string | undefined): number {
  if (!arg || arg === "infinity") return FOREVER;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return 0;
  return Number(m[1]) * ({ "": 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]] ?? 1);
}

function runScript(script: string, image: ImageInfo, pe: ProgramEnv, start: Run = { lines: [], t: 0, status: 0 }): Program {
  return toProgram(runList(script, image, pe, start));
}

function runList(script: string, image: ImageInfo, pe: ProgramEnv, r: Run): Run {
  for (const part of splitList(script)) {
    if (r.done) return r;
    if ((part.op === "&&" && r.status !== 0) || (part.op === "||" && r.status === 0)) continue;
    const loop = /^while\s+(true|:)\s*;?\s*do\s+([\s\S]*?)\s*;?\s*done$/.exec(part.text);
    if (loop) {
      const body = runList(loop[2], image, pe, { lines: [], t: 0, status: 0 });
      if (body.done === "exit")
        return {
          ...r,
          lines: [...r.lines, ...body.lines.map((l) => ({ at: r.t + l.at, text: l.text }))],
          t: r.t + body.t,
          status: body.status,
          done: "exit",
        };
      return { ...r, done: "forever", loop: { startMs: r.t, periodMs: Math.max(body.t, 10), lines: body.lines } };
    }
    const until = /^until\s+([\s\S]*?)\s*;\s*do\s+([\s\S]*?)\s*;?\s*done$/.exec(part.text);
    if (until) {
      r = runUntil(until[1], until[2], image, pe, r);
      if (r.done) return r;
      continue;
    }
    const forIn = /^for\s+(\w+)\s+in\s+([^;]*?)\s*;?\s*do\s+([\s\S]*?)\s*;?\s*done$/.exec(part.text);
    if (forIn) {
      for (const v of words(forIn[2], pe)) {
        r = runList(forIn[3], image, { ...pe, env: { ...pe.env, [forIn[1]]: v } }, r);
        if (r.done) return r;
      }
      continue;
    }
    const step = runStatement(words(part.text, pe), image, pe, r.t);
    if (step) {
      const files = step.files ? { files: [...(r.files ?? []), ...step.files] } : {};
      r = { ...r, lines: [...r.lines, ...step.lines], t: step.t, status: step.status, ...files, ...(step.done ? { done: step.done } : {}) };
      continue;
    }
    const name = words(part.text, pe)[0] ?? "";
    const busybox = image.repository.endsWith("/busybox") || image.repository.endsWith("/alpine");
    r = {
      ...r,
      lines: [...r.lines, { at: r.t, text: busybox ? `sh: ${name}: not found` : `/bin/sh: 1: ${name}: not found` }],
      status: 127,
      t: r.t + 1,
    };
  }
  return r;
}

/** Iterations of a finite `until` loop kept as lines (the kubelet's 10 MiB log rotation drops older ones too). */
const MAX_KEPT_LINES = 10_000;

/**
 * `until COND; do BODY; done`. Only `nslookup` makes a condition change over time: a name starts to
 * resolve when its Service is created, so the loop ends at the first iteration after that, or
 * runs forever while no such Service exists (the kubelet ends it when one appears, kubelet.ts).
 */
function runUntil(cond: string, body: string, image: ImageInfo, pe: ProgramEnv, r: Run): Run {
  const first = runList(cond, image, pe, r);
  if (first.status === 0 || first.done) return first;
  const afterBody = runList(body, image, pe, first);
  if (afterBody.done) return afterBody;
  const period = afterBody.t - r.t;
  const iteration = afterBody.lines.slice(r.lines.length).map((l) => ({ at: l.at - r.t, text: l.text }));
  const lookup = /^nslookup\s+(\S+)/.exec(cond.trim());
  const resolved = lookup && period > 0 ? pe.dns?.resolve(words(lookup[1], pe)[0] ?? "") : undefined;
  if (!resolved || pe.startedAt === undefined) {
    return { ...r, done: "forever", loop: { startMs: r.t, periodMs: Math.max(period, 10), lines: iteration } };
  }
  // iteration i looks the name up at startedAt + r.t + i × period; the first one at or after `since` succeeds
  const failures = Math.max(1, Math.ceil((resolved.since - pe.startedAt - r.t) / period));
  const kept = Math.min(failures, Math.ceil(MAX_KEPT_LINES / Math.max(iteration.length, 1)));
  const lines = [...r.lines];
  for (let i = failures - kept; i < failures; i++) for (const l of iteration) lines.push({ at: r.t + i * period + l.at, text: l.text });
  return runList(cond, image, pe, { ...r, lines, t: r.t + failures * period });
}

/**
 * busybox's nslookup, whose output changed with its rewrite in 1.29 (networking/nslookup.c).
 * Up to 1.28 (the busybox:1.28 of the Kubernetes docs' init-container and DNS-debugging examples):
 * "Server:    IP", "Address 1: IP NAME", and "Name:" / "Address 1:" or, on stderr,
 * "nslookup: can't resolve 'NAME'" (the layout the docs' "Debugging DNS Resolution" page shows).
 * From 1.29: "Server:\t\tIP", "Address:\tIP:53", then per reply the answer or "** server can't
 * find NAME: NXDOMAIN" and a blank line; simplified here to one A query for the name completed with
 * the pod's first search domain, where the real tool sends one per search domain and type.
 */
function nslookup(argv: string[], pe: ProgramEnv, t: number): Run {
  const name = argv.find((a) => !a.startsWith("-")) ?? "";
  const server = pe.dns?.server ?? "10.96.0.10";
  const hit = pe.dns?.resolve(name);
  const ok = !!hit && pe.startedAt !== undefined && pe.startedAt + t >= hit.since;
  const fqdn = hit?.fqdn ?? (name.endsWith(".") || !pe.dns ? name : `${name}.${pe.dns.search}`);
  const minor = /^1\.(\d+)(\.|$)/.exec(pe.imageTag ?? "")?.[1];
  const lines =
    minor !== undefined && Number(minor) <= 28
      ? [
          `Server:    ${server}`,
          `Address 1: ${server} kube-dns.kube-system.svc.cluster.local`,
          "",
          ...(ok ? [`Name:      ${name}`, ...(hit.ip ? [`Address 1: ${hit.ip} ${fqdn}`] : [])] : [`nslookup: can't resolve '${name}'`]),
        ]
      : [
          `Server:\t\t${server}`,
          `Address:\t${server}:53`,
          "",
          ...(ok ? [`Name:\t${fqdn}`, ...(hit.ip ? [`Address: ${hit.ip}`] : [])] : [`** server can't find ${fqdn}: NXDOMAIN`]),
          "",
        ];
  return { lines: lines.map((text) => ({ at: t, text })), t: t + 20, status: ok ? 0 : 1 };
}

/** One builtin or coreutil; undefined when the command is not one the simulator knows. */
function runStatement(argv: string[], _image: ImageInfo, pe: ProgramEnv, t: number): Run | undefined {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case "nslookup":
      return nslookup(rest, pe, t);
    case "echo": {
      const noNl = rest[0] === "-n";
      return { lines: noNl ? [] : [{ at: t, text: (rest[0] === "-n" ? rest.slice(1) : rest).join(" ") }], t: t + 1, status: 0 };
    }
    case "date":
      return { lines: [{ at: t, text: DATE_MARK }], t: t + 1, status: 0 };
    case "sleep": {
      const s = seconds(rest[0]);
      return s === FOREVER ? { lines: [], t, status: 0, done: "forever" } : { lines: [], t: t + s * 1000, status: 0 };
    }
    case "exit":
      return { lines: [], t: t + 1, status: Number(rest[0] ?? 0) & 255, done: "exit" };
    case "true":
    case ":":
      return { lines: [], t: t + 1, status: 0 };
    case "false":
      return { lines: [], t: t + 1, status: 1 };
    case "touch":
    case "mkdir":
    case "rm": {
      const paths = rest.filter((a) => !a.startsWith("-"));
      return { lines: [], t: t + 1, status: 0, files: paths.map((path) => ({ at: t, path, exists: cmd !== "rm" })) };
    }
    case "tail":
      return rest.includes("-f") ? { lines: [], t, status: 0, done: "forever" } : { lines: [], t: t + 1, status: 0 };
    default:
      return undefined;
  }
}
