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
import { newNonce, securityHeaders } from "../lib/server/http/security-headers";
import { KeyPool } from "../lib/server/terminal/key-pool";
import { setSessionManager } from "../lib/server/terminal/runtime";
import { SessionManager } from "../lib/server/terminal/session-manager";
import { PrismaTerminalStore } from "../lib/server/terminal/terminal-store";
import { clientIp } from "./client-ip";
import { createTerminalGateway, TERMINAL_PATH } from "./terminal-gateway";

const CLIENT_IP_HEADER = "x-kubeyard-client-ip";
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

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
  // Route handlers and pages read these (lib/server/config.ts, next-auth).
  process.env.DATABASE_URL = runtime.databaseUrl;
  process.env.AUTH_SECRET = runtime.authSecret;
  process.env.NEXTAUTH_SECRET = runtime.authSecret;
  process.env.APP_URL = env.APP_URL;
  process.env.NEXTAUTH_URL = env.APP_URL;

  const app = next({ dev, hostname: env.HOST, port: env.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();
  const appOrigin = new URL(env.APP_URL).origin;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const nonce = newNonce();
    const headers = securityHeaders({ nonce, appOrigin, dev });
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    // Next reads the nonce from the request's CSP header and stamps it on its inline scripts.
    req.headers["content-security-policy"] = headers["Content-Security-Policy"];
    req.headers[CLIENT_IP_HEADER] = clientIp(req, env.TRUST_PROXY);
    // Defence in depth for B3: a cross-site browser request never reaches a mutation.
    const origin = req.headers.origin;
    if (UNSAFE_METHODS.has(req.method ?? "") && origin && origin !== appOrigin) {
      res.statusCode = 403;
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify({ error: "Cross-origin request refused." }));
      return;
    }
    handle(req, res).catch((err) => {
      console.error(err);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });

  // The learners' clusters: RSA keys pre-generated in the background and kept across restarts.
  const keyPool = new KeyPool({ target: 100, file: join(env.DATA_DIR, "key-pool.json") });
  keyPool.refill();
  const sessions = new SessionManager(new PrismaTerminalStore(), keyPool, { leaseTtlMs: env.TERMINAL_LEASE_TTL_MS });
  setSessionManager(sessions);
  const terminal = createTerminalGateway({ appOrigin, sessions, clientIp: (req) => clientIp(req, env.TRUST_PROXY), maxPerIp: env.TERMINAL_MAX_PER_IP, recheckMs: env.TERMINAL_RECHECK_MS });

  const nextUpgrade = dev ? app.getUpgradeHandler() : null;
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? "").split("?")[0];
    if (path === TERMINAL_PATH) return void terminal.handleUpgrade(req, socket, head);
    if (nextUpgrade && path.startsWith("/_next/")) return void nextUpgrade(req, socket, head);
    // Upgrades to any other path are destroyed (security.md C8).
    socket.destroy();
  });

  server.listen(env.PORT, env.HOST, () => {
    console.log(`kubeyard: ready on ${env.APP_URL} (${dev ? "development" : "production"}, ${runtime.embedded ? "embedded PostgreSQL" : "DATABASE_URL"})`);
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
      server.close();
      server.closeAllConnections();
      keyPool.stop();
      await sessions.stop();
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
