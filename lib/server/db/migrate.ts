/**
 * Applies prisma/migrations to a database with Prisma's own schema engine (WebAssembly), offline.
 * Rows land in `_prisma_migrations` exactly as `prisma migrate deploy` writes them, so either tool
 * can take over later. Applying is idempotent: already-applied migrations are skipped, and the
 * engine takes a PostgreSQL advisory lock so two app instances starting together do not race.
 */
import "server-only";
import pg from "pg";
import { describeDbError } from "./errors";
import { DEFAULT_MIGRATIONS_DIR, readMigrationList } from "./migrations-dir";
import { NO_FILTERS, withSchemaEngine } from "./schema-engine";

export interface ApplyOptions {
  migrationsDir?: string;
  /** Engine log lines (JSON); off unless asked for. */
  log?: (message: string) => void;
}

/** Connects once with plain pg first: its errors name the real cause (refused, auth, missing db). */
export async function probeDatabase(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (err) {
    throw new Error(describeDbError(err, databaseUrl));
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function applyMigrations(databaseUrl: string, opts: ApplyOptions = {}): Promise<{ applied: string[] }> {
  await probeDatabase(databaseUrl);
  const migrationsList = readMigrationList(opts.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  if (migrationsList.migrationDirectories.length === 0) throw new Error(`No migrations found in ${migrationsList.baseDir}.`);
  try {
    const out = await withSchemaEngine({ databaseUrl, log: opts.log }, (engine) =>
      engine.applyMigrations({ migrationsList, filters: NO_FILTERS }),
    );
    return { applied: out.appliedMigrationNames };
  } catch (err) {
    const first = (err instanceof Error ? err.message : String(err))
      .split("\n")
      .filter((l) => l.trim())
      .slice(0, 3)
      .join(" ");
    throw new Error(`Applying migrations failed: ${first}`);
  }
}
