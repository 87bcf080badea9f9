/**
 * The one Node process of Kubeyard: validates the environment, prepares the database (embedded
 * PostgreSQL when DATABASE_URL is unset), then serves Next.js pages and route handlers and
 * accepts WebSocket upgrades for the terminal on the same port. Security headers, the CSP nonce
 * and the client IP are decided here, in front of Next, so every response carries them.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { join } from "node:path";
import type { Duplex } from "node:stream";
import next from "next";
import { EnvError, loadEnv } from "../lib/env";
import { prepareRuntime } from "../lib/server/bootstrap/prepare-runtime";
import { getRuntimeConfig } from "../lib/server/config";
import { BODY_LIMITS, bodyLimitFor, TOO_LARGE } from "../lib/server/http/body-limits";
import { ensureLocalTls } from "../lib/server/http/local-tls";
import { CLIENT_IP_HEADER } from "../lib/server/http/client-ip";
import { AnonymousPageCache } from "../lib/server/http/anonymous-page-cache";
import { crossOriginRefusal, requestOrigin } from "../lib/server/http/request-guards";
import { newNonce, securityHeaders } from "../lib/server/http/security-headers";
import { getCourse, getLesson } from "../lib/course/catalog";
import { THEME_COOKIE } from "../lib/config/theme";
import { resolveClusterKey } from "../lib/server/scenarios/cluster-key";
import { pruneBuckets } from "../lib/server/auth/rate-limit";
import { SimHost } from "../lib/server/terminal/sim-host";
import { setSessionManager } from "../lib/server/terminal/runtime";
import { SessionManager } from "../lib/server/terminal/session-manager";
import { PrismaTerminalStore } from "../lib/server/terminal/terminal-store";
import { relayKey } from "../lib/server/terminal/relay-auth";
import { TERMINAL_RELAY_PATH } from "../lib/server/terminal/relay-link";
import { touchKubeToken, verifyKubeToken } from "../lib/server/kube-tokens/kube-tokens";
import { clientIp } from "./client-ip";
import { dualProtocolListener } from "./dual-protocol";
import { createKubeGateway } from "./kube-gateway";
import { createTerminalGateway, TERMINAL_PATH } from "./terminal-gateway";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** How long a refused upload may go on being discarded before its connection is cut. */
const REFUSED_BODY_LINGER_MS = 2000;

/**
 * A JSON refusal ({ error }) from the custom server. For a refused body (`req`): Node reads and
 * discards (never buffers) what the client is still sending, so the client reads the refusal
 * instead of a reset ("lingering close"), and the connection is cut if it still sends after
 * REFUSED_BODY_LINGER_MS.
 */
function refuse(res: ServerResponse, status: number, error: string, req?: IncomingMessage): void {
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json");
  res.setHeader("Cache-Control", "no-store");
  res.end(JSON.stringify({ error }), () => {
    if (req) setTimeout(() => !req.complete && req.socket.destroy(), REFUSED_BODY_LINGER_MS).unref();
  });
}

function fail(message: string): never {
  console.error(`kubeyard: ${message}`);
  process.exit(1);
}

async function main() {
  const dev = process.argv.includes("--dev");
  let env;
  try {
    env = loadEnv({ ...process.env, NODE_ENV: dev ? "development" : "production" });
  } catch (err) {
    fail(err instanceof EnvError ? err.message : String(err));
  }

  let runtime;
  try {
    runtime = await prepareRuntime({
      databaseUrl: env.DATABASE_URL,
      dataDir: env.DATA_DIR,
      embeddedPort: env.EMBEDDED_PG_PORT,
      authSecret: env.AUTH_SECRET,
      adminEmail: env.ADMIN_EMAIL,
      adminPassword: env.ADMIN_PASSWORD,
      log: (m) => console.log(m),
    });
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  // What the embedded default generated, for route handlers and pages: they derive their
  // configuration from the same validated variables (lib/server/config.ts). next-auth reads its own.
  process.env.DATABASE_URL = runtime.databaseUrl;
  process.env.AUTH_SECRET = runtime.authSecret;
  process.env.NEXTAUTH_SECRET = runtime.authSecret;
  process.env.NEXTAUTH_URL = env.APP_URL;
  const config = getRuntimeConfig();

  const app = next({ dev, hostname: env.HOST, port: env.PORT });
  const handle = app.getRequestHandler();
  // The catalogue is read once per process; the terminal gateway asks it about every course.
  await Promise.all([app.prepare(), getCourse("")]);
  const appOrigin = config.appOrigin;
  const lessonPages = new AnonymousPageCache({
    isStaticLesson: async (path) => {
      const [, courses, course, lesson, ...rest] = path.split("/");
      if (courses !== "courses" || !course || !lesson || rest.length > 0) return false;
      return (await getLesson(course, lesson))?.kind === "lesson";
    },
    ownHeaders: Object.keys(securityHeaders({ nonce: "", appOrigin, dev })),
    themeCookie: THEME_COOKIE,
    acceptedOrigin: (req) => {
      const origin = requestOrigin(req.headers.host, req.headers["x-forwarded-proto"]?.toString(), config);
      return origin !== null && config.acceptedOrigins.includes(origin) ? origin : null;
    },
  });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const nonce = newNonce();
    const headers = securityHeaders({ nonce, appOrigin, dev });
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    // Next reads the nonce from the request's CSP header and stamps it on its inline scripts.
    req.headers["content-security-policy"] = headers["Content-Security-Policy"];
    req.headers[CLIENT_IP_HEADER] = clientIp(req, config.trustProxy);
    // Defence in depth for B3: a cross-site browser request never reaches a mutation.
    const origin = req.headers.origin;
    if (UNSAFE_METHODS.has(req.method ?? "") && origin && !config.acceptedOrigins.includes(origin)) {
      return refuse(res, 403, crossOriginRefusal(origin, config.appUrl));
    }
    // Bodies are bounded before a byte of them is read (issue 10): a declared length over the
    // path's limit is refused now; a body that does not declare its length (chunked) is refused
    // too, so Node's parser never hands Next more than the declared, bounded length.
    const limit = bodyLimitFor((req.url ?? "/").split("?")[0]);
    const declared = req.headers["content-length"];
    if (declared !== undefined && Number(declared) > limit) return refuse(res, 413, TOO_LARGE(limit), req);
    if (declared === undefined && req.headers["transfer-encoding"] !== undefined) {
      return refuse(res, 411, "Send the request body with a Content-Length.", req);
    }
    // the learner's own kubectl (issue 16): never reaches Next
    if (kube.owns(req.url)) return kube.serve(req, res);
    // another instance relaying a kubectl request for a cluster held here (issue 15): a relay token or 401
    if (kube.ownsRelayed(req.url)) return kube.serveRelayed(req, res);
    const render = () =>
      handle(req, res).catch((err) => {
        console.error(err);
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
    if (dev) return void render();
    // a lesson as visitors see it: rendered once per process, served with this request's nonce
    void lessonPages.cacheKey(req).then(
      (key) => {
        if (key === null) return render();
        if (lessonPages.serve(key, nonce, req, res)) return;
        return lessonPages.renderAndKeep(key, nonce, req, res, render);
      },
      () => render(),
    );
  });

  // The learners' clusters run in simulator workers, their RSA keys in a key worker, both off this
  // event loop (issue 10). The key pool is kept across restarts.
  // The worker pool reports lost clusters to the session manager, made just below.
  const lost: { sessions?: SessionManager } = {};
  const host = new SimHost({
    simWorkers: env.SIM_WORKERS,
    keyPoolTarget: env.KEY_POOL_TARGET,
    keyPoolFile: join(env.DATA_DIR, "key-pool.json"),
    onClustersLost: (ids) => lost.sessions?.clustersLost(ids),
  });
  host.keys.refill();
  const sessions = new SessionManager(new PrismaTerminalStore(), host, {
    leaseTtlMs: env.TERMINAL_LEASE_TTL_MS,
    instanceUrl: config.instanceUrl,
  });
  lost.sessions = sessions;
  setSessionManager(sessions);
  // Tabs and kubectl requests for a cluster another instance holds are relayed to it (issue 15).
  const relay = { key: relayKey(config.authSecret), instanceUrl: config.instanceUrl };
  const terminal = createTerminalGateway({
    acceptedOrigins: config.acceptedOrigins,
    sessions,
    // a course's cluster or a scenario's (lib/server/scenarios/cluster-key.ts)
    courseExists: async (key) => (await resolveClusterKey(key)) !== undefined,
    clientIp: (req) => clientIp(req, config.trustProxy),
    maxPerIp: env.TERMINAL_MAX_PER_IP,
    recheckMs: env.TERMINAL_RECHECK_MS,
    relay,
  });
  const kube = createKubeGateway({
    sessions,
    verifyToken: (raw) => verifyKubeToken(raw),
    touchToken: (id) => void touchKubeToken(id).catch(() => undefined),
    bodyLimit: BODY_LIMITS.kubeApi,
    recheckMs: env.TERMINAL_RECHECK_MS,
    relay,
  });
  // Housekeeping: sign-in limit buckets that have long been full are dropped.
  const housekeeping = setInterval(() => void pruneBuckets().catch(() => undefined), 60 * 60_000);
  housekeeping.unref();

  const nextUpgrade = dev ? app.getUpgradeHandler() : null;
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? "").split("?")[0];
    if (path === TERMINAL_PATH) return void terminal.handleUpgrade(req, socket, head);
    // another instance relaying a tab of a cluster held here (issue 15): a relay token or 401
    if (path === TERMINAL_RELAY_PATH) return terminal.handleRelayUpgrade(req, socket, head);
    if (kube.owns(path)) return kube.upgrade(req, socket);
    if (nextUpgrade && path.startsWith("/_next/")) return void nextUpgrade(req, socket, head);
    // Upgrades to any other path are destroyed (security.md C8).
    socket.destroy();
  });

  // A plain-http site (a laptop, a LAN) also speaks TLS on its port, for the learner's own
  // kubectl: client-go sends bearer tokens only over TLS (lib/server/http/local-tls.ts).
  const appUrl = new URL(env.APP_URL);
  const listener = appUrl.protocol === "http:" ? dualProtocolListener(server, ensureLocalTls(env.DATA_DIR, appUrl.hostname)) : server;
  listener.listen(env.PORT, env.HOST, () => {
    console.log(
      `kubeyard: ready on ${env.APP_URL} (${dev ? "development" : "production"}, ${runtime.embedded ? "embedded PostgreSQL" : "DATABASE_URL"})`,
    );
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`kubeyard: ${signal}, shutting down`);
    // Whatever happens below, the process ends: a stuck step must not keep a dead server alive.
    setTimeout(() => process.exit(1), 10_000).unref();
    try {
      terminal.close();
      if (listener !== server) listener.close();
      server.close();
      server.closeAllConnections();
      clearInterval(housekeeping);
      await sessions.stop();
      // Workers end with the process; a key generation in progress is not waited for.
      void host.stop();
    } catch (err) {
      console.error("kubeyard: error during shutdown:", err);
    }
    await runtime.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((err) => fail(err instanceof Error ? err.message : String(err)));
