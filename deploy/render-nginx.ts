/**
 * Renders deploy/nginx/kubeyard.conf.template for one site: the instances to balance over, the
 * public URL, where nginx listens, the certificate and the access log. The integration test
 * (test/deploy/balancer.int.test.ts) renders the same template with this function, so what it
 * proves is the shipped file.
 *
 *   npx tsx deploy/render-nginx.ts --public-url https://learn.example.com \
 *     --instance 127.0.0.1:3001 --instance 127.0.0.1:3002 > /etc/nginx/conf.d/kubeyard.conf
 *
 * Options: --listen ADDR (repeatable; default 443 and [::]:443), --redirect-listen ADDR (default 80
 * and [::]:80), --cert FILE, --key FILE (default /etc/ssl/kubeyard/{fullchain,privkey}.pem),
 * --access-log FILE (default /var/log/nginx/kubeyard.access.log).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const NGINX_TEMPLATE = fileURLToPath(new URL("nginx/kubeyard.conf.template", import.meta.url));

export interface NginxSite {
  /** host:port of each app instance */
  instances: string[];
  /** APP_URL of every instance: https://host[:port] */
  publicUrl: string;
  /** nginx `listen` addresses for TLS */
  listen?: string[];
  /** nginx `listen` addresses of the plain-http redirect */
  redirectListen?: string[];
  certificate?: string;
  certificateKey?: string;
  accessLog?: string;
}

/** Values that go into the config verbatim: no whitespace, quotes, braces or semicolons. */
const TOKEN = /^[^\s;{}'"#]+$/;

function token(what: string, value: string): string {
  if (!TOKEN.test(value)) throw new Error(`${what}: ${JSON.stringify(value)} cannot go into an nginx config`);
  return value;
}

export function renderNginxConfig(site: NginxSite): string {
  const url = new URL(site.publicUrl);
  if (url.protocol !== "https:") throw new Error(`--public-url must be https (nginx terminates TLS): ${site.publicUrl}`);
  if (site.instances.length === 0) throw new Error("at least one --instance host:port");
  const lines = (addresses: string[], suffix: string) => addresses.map((a) => `    listen ${token("listen", a)}${suffix};`).join("\n");
  const values: Record<string, string> = {
    UPSTREAM_SERVERS: site.instances.map((i) => `    server ${token("instance", i)} max_fails=1 fail_timeout=10s;`).join("\n"),
    TLS_LISTEN: lines(site.listen ?? ["443", "[::]:443"], " ssl"),
    REDIRECT_LISTEN: lines(site.redirectListen ?? ["80", "[::]:80"], ""),
    SERVER_NAME: token("server name", url.hostname),
    PUBLIC_ORIGIN: token("public url", url.origin),
    TLS_CERTIFICATE: token("certificate", site.certificate ?? "/etc/ssl/kubeyard/fullchain.pem"),
    TLS_CERTIFICATE_KEY: token("certificate key", site.certificateKey ?? "/etc/ssl/kubeyard/privkey.pem"),
    ACCESS_LOG: token("access log", site.accessLog ?? "/var/log/nginx/kubeyard.access.log"),
  };
  const used = new Set<string>();
  const out = readFileSync(NGINX_TEMPLATE, "utf8").replace(/\{\{([A-Z_]+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${NGINX_TEMPLATE}: unknown placeholder {{${name}}}`);
    used.add(name);
    return value;
  });
  const unused = Object.keys(values).filter((k) => !used.has(k));
  if (unused.length) throw new Error(`${NGINX_TEMPLATE}: no placeholder for ${unused.join(", ")}`);
  return out;
}

function cli(argv: string[]): NginxSite {
  const site: NginxSite = { instances: [], publicUrl: "" };
  const many = (k: "listen" | "redirectListen", v: string) => (site[k] = [...(site[k] ?? []), v]);
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === "--help" || flag === "-h") {
      console.log(readFileSync(fileURLToPath(import.meta.url), "utf8").split("*/")[0]);
      process.exit(0);
    }
    if (value === undefined) throw new Error(`${flag} needs a value`);
    i++;
    if (flag === "--instance") site.instances.push(value);
    else if (flag === "--public-url") site.publicUrl = value;
    else if (flag === "--listen") many("listen", value);
    else if (flag === "--redirect-listen") many("redirectListen", value);
    else if (flag === "--cert") site.certificate = value;
    else if (flag === "--key") site.certificateKey = value;
    else if (flag === "--access-log") site.accessLog = value;
    else throw new Error(`unknown option ${flag} (--help lists them)`);
  }
  if (!site.publicUrl) throw new Error("--public-url https://your.site is required");
  return site;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.stdout.write(renderNginxConfig(cli(process.argv.slice(2))));
  } catch (err) {
    console.error(`render-nginx: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
