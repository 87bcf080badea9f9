/**
 * Authoring and checking migrations without a database: the next migration is the SQL diff from
 * the datamodel snapshot kept in the newest migration folder to the current prisma/schema.prisma.
 * `checkMigrations` is what CI runs (`npm run db:check`).
 */
import "server-only";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  DEFAULT_MIGRATIONS_DIR,
  DEFAULT_SCHEMA_PATH,
  EMPTY_MIGRATION,
  LOCKFILE_CONTENT,
  LOCKFILE_NAME,
  SNAPSHOT_NAME,
  latestSnapshot,
  listMigrationNames,
} from "./migrations-dir";
import { NO_FILTERS, withSchemaEngine } from "./schema-engine";

export interface AuthoringPaths {
  schemaPath?: string;
  migrationsDir?: string;
}

const file = (content: string) => ({ files: [{ path: "schema.prisma", content }] });

/** SQL taking a database from `from` (null = empty) to `to`, or null when nothing changes. */
export async function diffSchemas(from: string | null, to: string): Promise<string | null> {
  const result = await withSchemaEngine({ databaseUrl: null }, (engine) =>
    engine.diff({
      from: from === null ? { tag: "empty" } : { tag: "schemaDatamodel", ...file(from) },
      to: { tag: "schemaDatamodel", ...file(to) },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    }),
  ).catch((err: unknown) => {
    const msg = err instanceof Error ? err.message : String(err);
    throw new Error(
      `Prisma could not read the schema: ${msg
        .split("\n")
        .filter((l) => l.trim())
        .slice(0, 6)
        .join("\n")}`,
    );
  });
  const sql = (result.stdout ?? "").trim();
  return sql === "" || sql === EMPTY_MIGRATION ? null : `${sql}\n`;
}

/** `20261128123456` in UTC, as prisma migrate names its folders. */
export function migrationTimestamp(now = new Date()): string {
  return now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

export function slugifyMigrationName(name: string): string {
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!slug) throw new Error("Give the migration a name, e.g. `npm run db:new-migration -- add_lesson_notes`.");
  return slug.slice(0, 60);
}

export interface CreatedMigration {
  name: string;
  dir: string;
  sql: string;
}

/** Writes <timestamp>_<name>/{migration.sql,schema.prisma}; null when the schema has not changed. */
export async function createMigration(name: string, paths: AuthoringPaths = {}, now = new Date()): Promise<CreatedMigration | null> {
  const schemaPath = paths.schemaPath ?? DEFAULT_SCHEMA_PATH;
  const migrationsDir = paths.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  const current = readFileSync(schemaPath, "utf8");
  const previous = latestSnapshot(migrationsDir);
  const sql = await diffSchemas(previous?.content ?? null, current);
  if (sql === null) return null;

  let stamp = migrationTimestamp(now);
  // Folder names must sort after every existing one, even if the clock is behind.
  const last = listMigrationNames(migrationsDir).at(-1);
  if (last && last.slice(0, 14) >= stamp) stamp = String(BigInt(last.slice(0, 14)) + 1n);
  const folder = `${stamp}_${slugifyMigrationName(name)}`;
  const dir = join(migrationsDir, folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "migration.sql"), sql);
  writeFileSync(join(dir, SNAPSHOT_NAME), current);
  const lock = join(migrationsDir, LOCKFILE_NAME);
  if (!existsSync(lock)) writeFileSync(lock, LOCKFILE_CONTENT);
  return { name: folder, dir, sql };
}

export type CheckResult = { ok: true; latest: string } | { ok: false; problems: string[] };

/** Do schema.prisma and the migrations folder agree? Every problem comes with what to do. */
export async function checkMigrations(paths: AuthoringPaths = {}): Promise<CheckResult> {
  const schemaPath = paths.schemaPath ?? DEFAULT_SCHEMA_PATH;
  const migrationsDir = paths.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  const problems: string[] = [];
  const lock = join(migrationsDir, LOCKFILE_NAME);
  if (!existsSync(lock)) problems.push(`${lock} is missing.`);
  else if (!/provider\s*=\s*"postgresql"/.test(readFileSync(lock, "utf8"))) problems.push(`${lock} does not say provider = "postgresql".`);

  let snapshot: ReturnType<typeof latestSnapshot> = null;
  try {
    snapshot = latestSnapshot(migrationsDir);
  } catch (err) {
    problems.push((err as Error).message);
  }
  if (!snapshot && problems.length === 0) problems.push(`No migrations in ${migrationsDir}.`);
  if (snapshot) {
    const pending = await diffSchemas(snapshot.content, readFileSync(schemaPath, "utf8"));
    if (pending) {
      const steps = pending
        .split("\n")
        .filter((l) => l.startsWith("-- "))
        .map((l) => l.slice(3));
      problems.push(
        `prisma/schema.prisma has changes that no migration contains (${[...new Set(steps)].join(", ")}), ` +
          `relative to ${snapshot.migration}. Run \`npm run db:new-migration -- <name>\` and commit the new folder.`,
      );
    }
  }
  return problems.length === 0 && snapshot ? { ok: true, latest: snapshot.migration } : { ok: false, problems };
}
