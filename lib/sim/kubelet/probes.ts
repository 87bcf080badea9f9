/**
 * One probe of a running container, decided from what the container is (pkg/kubelet/prober,
 * pkg/probe/http, tcp, exec; v1.32): a server of the catalogue listens on its image's ports (nginx
 * answers 404 for a page it does not have), a shell script's `touch`/`rm` decide what an exec
 * probe's `cat`/`test`/`ls` finds. The outputs are the probers' own texts, which the kubelet puts
 * after "<Kind> probe failed: " (prober.go).
 */
import type { KObject } from "../api/types";
import type { Container, PodSpec, PodStatus, Probe } from "../kinds/pods/types";
import type { ObjectGetter } from "./env";
import type { ImageInfo } from "./images";
import { type Program, serverOf } from "./program";
import { containerRootfs, distroOf } from "./rootfs";

type Pod = KObject & { spec: PodSpec; status?: PodStatus };

export type ProbeKind = "startup" | "liveness" | "readiness";
export const PROBE_TITLE: Record<ProbeKind, string> = { startup: "Startup", liveness: "Liveness", readiness: "Readiness" };

export type ProbeResult = { ok: true } | { ok: false; output: string };

export interface ProbeTarget {
  pod: Pod;
  c: Container;
  image: ImageInfo;
  program: Program;
  /** ms since the container started */
  elapsedMs: number;
  get: ObjectGetter;
  now: number;
}

function portOf(c: Container, port: number | string): number | undefined {
  if (typeof port === "number") return port;
  if (/^\d+$/.test(port)) return Number(port);
  return c.ports?.find((p) => p.name === port)?.containerPort;
}

/** A catalogue server, or a Kubernetes component (its health endpoints), on one of its image's ports. */
function listens(t: ProbeTarget, port: number | undefined): boolean {
  const serves = !!serverOf(t.image, t.c) || t.image.repository.startsWith("registry.k8s.io/");
  return port !== undefined && serves && t.image.ports.includes(port);
}

/** What the file system holds at `path` at this point of the container's run. */
function exists(t: ProbeTarget, path: string): boolean {
  let there = path in containerRootfs(t.pod, t.c, t.image, t.get, t.now);
  for (const op of t.program.files ?? []) if (op.at <= t.elapsedMs && op.path === path) there = op.exists;
  return there;
}

/** pkg/probe/http: a 2xx/3xx is success, anything else "HTTP probe failed with statuscode: N"; a closed port is the dial error. */
function httpGet(t: ProbeTarget, h: NonNullable<Probe["httpGet"]>): ProbeResult {
  const port = portOf(t.c, h.port);
  const host = h.host || t.pod.status?.podIP || "";
  const path = h.path || "/";
  const url = `${(h.scheme ?? "HTTP").toLowerCase()}://${host}:${port ?? h.port}${path.startsWith("/") ? path : `/${path}`}`;
  if (!listens(t, port)) return { ok: false, output: `Get "${url}": dial tcp ${host}:${port ?? h.port}: connect: connection refused` };
  const server = serverOf(t.image, t.c);
  const page = path.split("?")[0];
  const root = server === "nginx" ? "/usr/share/nginx/html" : server === "httpd-foreground" ? "/usr/local/apache2/htdocs" : undefined;
  if (root && page !== "/" && !exists(t, root + page)) return { ok: false, output: "HTTP probe failed with statuscode: 404" };
  return { ok: true };
}

/** The common exec probes: cat, ls, test/[ on a file, true/false, and those under `sh -c`; anything else is taken to succeed. */
function execProbe(t: ProbeTarget, argv: string[]): ProbeResult {
  let words = argv;
  if (["sh", "bash", "/bin/sh", "/bin/bash"].includes(words[0] ?? "") && words[1] === "-c") words = (words[2] ?? "").trim().split(/\s+/);
  const [cmd, ...rest] = words;
  const busybox = ["busybox", "alpine"].includes(distroOf(t.image));
  const path = rest.filter((a) => !a.startsWith("-") && a !== "]").pop() ?? "";
  switch ((cmd ?? "").split("/").pop()) {
    case "true":
      return { ok: true };
    case "false":
      return { ok: false, output: "" };
    case "cat":
      if (exists(t, path)) return { ok: true };
      return {
        ok: false,
        output: busybox ? `cat: can't open '${path}': No such file or directory\n` : `cat: ${path}: No such file or directory\n`,
      };
    case "ls":
      if (exists(t, path)) return { ok: true };
      return {
        ok: false,
        output: busybox ? `ls: ${path}: No such file or directory\n` : `ls: cannot access '${path}': No such file or directory\n`,
      };
    case "test":
    case "[":
      return exists(t, path) ? { ok: true } : { ok: false, output: "" };
    default:
      return { ok: true };
  }
}

export function runProbe(t: ProbeTarget, probe: Probe): ProbeResult {
  if (probe.httpGet) return httpGet(t, probe.httpGet);
  if (probe.tcpSocket) {
    const port = portOf(t.c, probe.tcpSocket.port);
    const host = t.pod.status?.podIP ?? "";
    return listens(t, port)
      ? { ok: true }
      : { ok: false, output: `dial tcp ${host}:${port ?? probe.tcpSocket.port}: connect: connection refused` };
  }
  if (probe.exec) return execProbe(t, probe.exec.command ?? []);
  return { ok: true };
}
