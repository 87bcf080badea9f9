/**
 * Everything the server needs before it can serve a request:
 *   - no DATABASE_URL → start the embedded PostgreSQL in <dataDir>/postgres, with its password
 *     and the auth secret generated once and kept in <dataDir>/secrets.json;
 *   - DATABASE_URL set → start nothing, and insist on AUTH_SECRET (production has no place to
 *     keep a generated one that every instance would share);
 * then apply migrations and seed the first admin. Any failure is an Error with one clear line.
 */
import "server-only";
import { join, resolve } from "node:path";
import { startEmbeddedPostgres } from "../db/embedded";
import { applyMigrations } from "../db/migrate";
import { loadOrCreateSecrets } from "./secrets";
import { seedFirstAdmin } from "./seed-admin";

export interface PrepareRuntimeOptions {
  databaseUrl?: string;
  dataDir: string;
  embeddedPort: number;
  authSecret?: string;
  adminEmail?: string;
  adminPassword?: string;
  log: (m: string) => void;
  /** A script beside a running server shares its embedded PostgreSQL instead of adopting (and later stopping) it. */
  embeddedRunning?: "adopt" | "share";
}

export interface PreparedRuntime {
  databaseUrl: string;
  authSecret: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export async function prepareRuntime(opts: PrepareRuntimeOptions): Promise<PreparedRuntime> {
  let databaseUrl: string;
  let authSecret: string;
  let stop = async () => undefined as void;
  const embedded = !opts.databaseUrl;

  if (opts.databaseUrl) {
    if (!opts.authSecret) {
      throw new Error("AUTH_SECRET is required when DATABASE_URL is set (generate one with `openssl rand -base64 32`).");
    }
    databaseUrl = opts.databaseUrl;
    authSecret = opts.authSecret;
  } else {
    const dataDir = resolve(opts.dataDir); // postgres runs as another user; give it an absolute path
    const secrets = loadOrCreateSecrets(dataDir);
    const started = Date.now();
    const pg = await startEmbeddedPostgres({
      dataDir: join(dataDir, "postgres"),
      port: opts.embeddedPort,
      password: secrets.postgresPassword,
      log: opts.log,
      running: opts.embeddedRunning,
    });
    opts.log(`Embedded PostgreSQL ready on 127.0.0.1:${new URL(pg.url).port} (${Date.now() - started} ms).`);
    databaseUrl = pg.url;
    authSecret = opts.authSecret ?? secrets.authSecret;
    stop = () => pg.stop();
  }

  try {
    const { applied } = await applyMigrations(databaseUrl);
    if (applied.length > 0) opts.log(`Applied ${applied.length} database migration(s): ${applied.join(", ")}.`);
    await seedFirstAdmin(databaseUrl, { adminEmail: opts.adminEmail, adminPassword: opts.adminPassword, log: opts.log });
  } catch (err) {
    await stop().catch(() => undefined);
    throw err instanceof Error ? err : new Error(String(err));
  }
  return { databaseUrl, authSecret, embedded, stop };
}
