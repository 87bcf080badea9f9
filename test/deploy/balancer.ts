/**
 * Runs nginx on 127.0.0.1 with the shipped site config (deploy/nginx/kubeyard.conf.template,
 * rendered by deploy/render-nginx.ts) in front of app instances, for the balancer test and the
 * balancer benchmark. Only the surroundings are the harness's own: a minimal main nginx.conf
 * (Debian's /etc/nginx/nginx.conf with its default site is never read) whose pid file, logs and
 * temporary directories live in one temp dir, so nginx runs the same as root (CI) and as any
 * other user, and a certificate for 127.0.0.1 made in that dir.
 *
 * As root, nginx's master keeps root and its workers run as nginx's compiled-in unprivileged user
 * (nobody), as in production; `user root;` would hide a permission problem the real deployment
 * would have. The master opens the logs and reads the certificate; the workers need only to
 * enter the temp dir (0755, like the test database's) and to write the body and proxy temp dirs,
 * which the master creates and hands to them.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderNginxConfig } from "../../deploy/render-nginx";
import { ensureLocalTls } from "../../lib/server/http/local-tls";

export interface AccessLogEntry {
  method: string;
  path: string;
  status: number;
  /** the instance(s) nginx asked, "-" when none */
  upstream: string;
}

export interface Balancer {
  /** https://127.0.0.1:port, the site's APP_URL */
  url: string;
  /** plain http port that only redirects */
  redirectUrl: string;
  /** the rendered site config, as nginx runs it */
  siteConfig: string;
  accessLog(): AccessLogEntry[];
  errorLog(): string;
  stop(): Promise<void>;
}

const LINE = /"(\S+) (\S+)" (\d{3}) \d+ upstream=(\S+(?:, \S+)*) upstream_status=/;

export function parseAccessLog(text: string): AccessLogEntry[] {
  return text
    .split("\n")
    .map((l) => LINE.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ method: m[1], path: m[2], status: Number(m[3]), upstream: m[4] }));
}

/**
 * Starts nginx in front of `instancePorts` (which may not be listening yet) and waits until it
 * answers. `port` and `redirectPort` are chosen by the caller: the instances' APP_URL must name
 * the balancer before either starts.
 */
export async function startBalancer(opts: {
  nginx: string;
  port: number;
  redirectPort: number;
  instancePorts: number[];
}): Promise<Balancer> {
  const dir = mkdtempSync(join(tmpdir(), "kubeyard-nginx-"));
  chmodSync(dir, 0o755);
  const tls = join(dir, "local-tls");
  ensureLocalTls(dir, "127.0.0.1");
  const url = `https://127.0.0.1:${opts.port}`;
  const siteConfig = renderNginxConfig({
    instances: opts.instancePorts.map((p) => `127.0.0.1:${p}`),
    publicUrl: url,
    listen: [`127.0.0.1:${opts.port}`],
    redirectListen: [`127.0.0.1:${opts.redirectPort}`],
    certificate: join(tls, "tls.crt"),
    certificateKey: join(tls, "tls.key"),
    accessLog: join(dir, "access.log"),
  });
  writeFileSync(join(dir, "kubeyard.conf"), siteConfig);
  const temp = (name: string) => `${name}_temp_path ${join(dir, name)};`;
  writeFileSync(
    join(dir, "nginx.conf"),
    [
      `pid ${join(dir, "nginx.pid")};`,
      `error_log ${join(dir, "error.log")} notice;`,
      "worker_processes 1;",
      "events { worker_connections 512; }",
      "http {",
      ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((n) => `  ${temp(n)}`),
      `  include ${join(dir, "kubeyard.conf")};`,
      "}",
      "",
    ].join("\n"),
  );

  let output = "";
  // -e: the error log before the config is read (the compiled-in one is /var/log/nginx, root's).
  const child: ChildProcess = spawn(
    opts.nginx,
    ["-p", dir, "-e", join(dir, "error.log"), "-c", join(dir, "nginx.conf"), "-g", "daemon off;"],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const errorLog = () => (existsSync(join(dir, "error.log")) ? readFileSync(join(dir, "error.log"), "utf8") : "");

  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}):\n${output}\n${errorLog()}`);
    // The redirect server answers without any instance being up.
    const res = await fetch(`http://127.0.0.1:${opts.redirectPort}/`, { redirect: "manual" }).catch(() => null);
    if (res?.status === 301) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`nginx did not answer in 20 s:\n${output}\n${errorLog()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url,
    redirectUrl: `http://127.0.0.1:${opts.redirectPort}`,
    siteConfig,
    accessLog: () => parseAccessLog(existsSync(join(dir, "access.log")) ? readFileSync(join(dir, "access.log"), "utf8") : ""),
    errorLog,
    async stop() {
      // SIGTERM: a fast shutdown (a graceful one waits for open WebSockets); SIGKILL if it hangs.
      if (child.exitCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
